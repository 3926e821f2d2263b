-- oracle: ALTER CONSTRAINT on PostgreSQL 18: a foreign key made NOT ENFORCED stops checking rows, made ENFORCED again
-- oracle: it checks the rows already there (refused while one has no parent); INITIALLY DEFERRED lets a child row
-- oracle: come before its parent in a block; a primary key is not a foreign key and cannot be altered so
-- target: postgres-18
-- expect: FK501 FK116
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int CONSTRAINT posts_author_fk REFERENCES users);
INSERT INTO users VALUES (1);
INSERT INTO posts VALUES (1, 1);
INSERT INTO posts VALUES (2, 5);
ALTER TABLE posts ALTER CONSTRAINT posts_author_fk NOT ENFORCED;
INSERT INTO posts VALUES (2, 5);
ALTER TABLE posts ALTER CONSTRAINT posts_author_fk ENFORCED;
DELETE FROM posts WHERE id = 2;
ALTER TABLE posts ALTER CONSTRAINT posts_author_fk ENFORCED;
INSERT INTO posts VALUES (3, 6);
ALTER TABLE posts ALTER CONSTRAINT posts_author_fk DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO posts VALUES (4, 7);
INSERT INTO users VALUES (7);
COMMIT;
ALTER TABLE users ALTER CONSTRAINT users_pkey DEFERRABLE;
