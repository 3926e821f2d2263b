-- oracle: deferred keys: in a transaction block a child row may come before its parent (checked at COMMIT); outside
-- oracle: a block each statement is its own transaction and INITIALLY DEFERRED is checked at its end; ALTER TABLE
-- oracle: while checks are pending is rejected (55006) and aborts the block
-- expect: FK501 FK113 FK110
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE likes (id int PRIMARY KEY, user_id int REFERENCES users DEFERRABLE);
BEGIN;
INSERT INTO posts VALUES (1, 10);
INSERT INTO users VALUES (10);
COMMIT;
BEGIN;
SET CONSTRAINTS likes_user_id_fkey DEFERRED;
INSERT INTO likes VALUES (1, 20);
INSERT INTO users VALUES (20);
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE likes ADD COLUMN created_at timestamptz;
COMMIT;
-- Outside a block the deferred key is checked when the statement ends.
INSERT INTO posts VALUES (2, 99);
BEGIN;
INSERT INTO posts VALUES (3, 30);
ALTER TABLE posts ADD COLUMN title text;
INSERT INTO users VALUES (30);
COMMIT;
