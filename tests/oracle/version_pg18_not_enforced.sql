-- oracle: PostgreSQL 18 accepts NOT ENFORCED keys and does not check rows against them
-- target: postgres-18
-- expect: clean
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE drafts (id int PRIMARY KEY, author_id int);
ALTER TABLE drafts ADD CONSTRAINT drafts_author_fk FOREIGN KEY (author_id) REFERENCES users NOT ENFORCED;
INSERT INTO drafts VALUES (1, 42);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users NOT ENFORCED);
INSERT INTO posts VALUES (1, 7);
