-- oracle: a deferrable key added in a block checks the rows already there at once; a deferred insert re-keyed
-- oracle: by an UPDATE keeps its check; SET CONSTRAINTS ALL IMMEDIATE makes an INITIALLY DEFERRED key check each
-- oracle: statement; a parent inserted after a savepoint counts when the savepoint is released, not when the block
-- oracle: rolls back to it
-- expect: FK501
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int);
INSERT INTO posts VALUES (1, 10);
BEGIN;
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users DEFERRABLE INITIALLY DEFERRED;
ROLLBACK;
BEGIN;
INSERT INTO users VALUES (10);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users DEFERRABLE INITIALLY DEFERRED;
DELETE FROM users WHERE id = 10;
INSERT INTO posts VALUES (2, 10);
DELETE FROM posts WHERE author_id = 10;
COMMIT;
BEGIN;
INSERT INTO posts VALUES (3, 11);
UPDATE posts SET id = 4 WHERE id = 3;
COMMIT;
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO posts VALUES (5, 12);
ROLLBACK;
BEGIN;
INSERT INTO posts VALUES (6, 13);
SAVEPOINT a;
INSERT INTO users VALUES (13);
RELEASE SAVEPOINT a;
COMMIT;
BEGIN;
INSERT INTO posts VALUES (7, 14);
SAVEPOINT a;
INSERT INTO users VALUES (14);
ROLLBACK TO SAVEPOINT a;
COMMIT;
