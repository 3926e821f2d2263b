-- oracle: PostgreSQL 15 has ALTER CONSTRAINT for a foreign key's deferrability but not [NOT] ENFORCED (18): that is
-- oracle: a syntax error, and the key stays enforced
-- target: postgres-15
-- expect: FK112 FK501 FK116
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int CONSTRAINT posts_author_fk REFERENCES users);
ALTER TABLE posts ALTER CONSTRAINT posts_author_fk NOT ENFORCED;
INSERT INTO posts VALUES (1, 5);
ALTER TABLE posts ALTER CONSTRAINT posts_author_fk DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO posts VALUES (2, 7);
INSERT INTO users VALUES (7);
COMMIT;
ALTER TABLE users ALTER CONSTRAINT users_pkey DEFERRABLE;
