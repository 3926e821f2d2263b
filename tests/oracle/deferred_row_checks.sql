-- oracle: deferred row checks run where PostgreSQL runs them. A child row written before its parent under an
-- oracle: INITIALLY DEFERRED key, or after SET CONSTRAINTS ... DEFERRED (all, or by a schema-qualified name), fails
-- oracle: at COMMIT (the whole transaction is rolled back: its rows are gone afterwards) or at SET CONSTRAINTS ...
-- oracle: IMMEDIATE (the block is aborted); a parent that comes in time, the child row deleted or re-pointed, or a
-- oracle: ROLLBACK TO a savepoint made before the row clears it. A parent row deleted or re-keyed under a deferred NO
-- oracle: ACTION key fails at COMMIT unless put back; RESTRICT is never deferred; outside a block every statement
-- oracle: is checked at its end
-- expect: FK501 FK110
CREATE SCHEMA app;
CREATE TABLE app.users (id int PRIMARY KEY);
CREATE TABLE app.posts (id int PRIMARY KEY, author_id int REFERENCES app.users DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE app.likes (id int PRIMARY KEY, user_id int CONSTRAINT likes_user_fk REFERENCES app.users DEFERRABLE);
CREATE TABLE app.pins (id int PRIMARY KEY, user_id int REFERENCES app.users ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED);
-- The parent never comes: the COMMIT fails, and takes the user inserted with it along.
BEGIN;
INSERT INTO app.users VALUES (5);
INSERT INTO app.posts VALUES (1, 10);
COMMIT;
INSERT INTO app.likes VALUES (1, 5);
-- The parent comes in time; the child row is deleted, or re-pointed, before the check.
BEGIN;
INSERT INTO app.posts VALUES (2, 11);
INSERT INTO app.users VALUES (11);
COMMIT;
BEGIN;
INSERT INTO app.posts VALUES (3, 12);
DELETE FROM app.posts WHERE id = 3;
COMMIT;
BEGIN;
INSERT INTO app.posts VALUES (4, 13);
UPDATE app.posts SET author_id = 11 WHERE id = 4;
COMMIT;
BEGIN;
UPDATE app.posts SET author_id = 14 WHERE id = 4;
COMMIT;
-- By name, schema-qualified: SET CONSTRAINTS ... IMMEDIATE runs the check, fails and aborts the block.
BEGIN;
SET CONSTRAINTS app.likes_user_fk DEFERRED;
INSERT INTO app.likes VALUES (2, 20);
SET CONSTRAINTS app.likes_user_fk IMMEDIATE;
INSERT INTO app.users VALUES (20);
COMMIT;
-- A rollback to a savepoint drops the checks queued after it.
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO app.likes VALUES (3, 11);
SAVEPOINT s;
INSERT INTO app.likes VALUES (4, 30);
ROLLBACK TO SAVEPOINT s;
COMMIT;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO app.likes VALUES (5, 31);
INSERT INTO app.users VALUES (31);
SET CONSTRAINTS ALL IMMEDIATE;
COMMIT;
-- A referenced parent deleted or re-keyed under the deferred NO ACTION key: fails at COMMIT unless put back.
INSERT INTO app.users VALUES (60), (70);
INSERT INTO app.posts VALUES (7, 60), (8, 70);
BEGIN;
DELETE FROM app.users WHERE id = 60;
COMMIT;
BEGIN;
UPDATE app.users SET id = 71 WHERE id = 70;
COMMIT;
BEGIN;
DELETE FROM app.users WHERE id = 60;
INSERT INTO app.users VALUES (60);
COMMIT;
-- RESTRICT is checked at once, deferrable or not.
INSERT INTO app.users VALUES (40);
INSERT INTO app.pins VALUES (1, 40);
BEGIN;
DELETE FROM app.users WHERE id = 40;
ROLLBACK;
-- Outside a block a statement is its own transaction: checked when it ends.
INSERT INTO app.posts VALUES (6, 50);
