-- oracle: default names freed by DROP CONSTRAINT, RENAME CONSTRAINT and DROP TABLE are used again; renamed tables
-- expect: clean
-- regression (a core bug this fixture found, fixed): constraint names freed by DROP CONSTRAINT, RENAME CONSTRAINT and DROP TABLE stay taken in the catalog,
-- regression (a core bug this fixture found, fixed): so later default names get a wrong `1` suffix (fklint::schema and FK405's `DROP CONSTRAINT
-- regression (a core bug this fixture found, fixed): comments_user_id_fkey1` name a constraint that does not exist); FK404's edit for `follow` (renamed to
-- regression (a core bug this fixture found, fixed): `follows` later) inserts `CREATE INDEX ... ON follows` right after `CREATE TABLE follow`, where that
-- regression (a core bug this fixture found, fixed): name does not exist yet
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));

-- Re-create the foreign key with another ON DELETE: PostgreSQL names it posts_author_id_fkey again.
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;
ALTER TABLE posts ADD FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE;

-- A renamed constraint frees its old name.
CREATE TABLE comments (id int PRIMARY KEY, user_id int REFERENCES users (id));
ALTER TABLE comments RENAME CONSTRAINT comments_user_id_fkey TO comments_user_fk;
ALTER TABLE comments ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;

-- A dropped table frees its constraint names.
CREATE TABLE likes (user_id int REFERENCES users (id));
DROP TABLE likes;
CREATE TABLE likes (user_id int REFERENCES users (id), post_id int REFERENCES posts (id));

-- A renamed table keeps its constraint names; new ones use the new table name.
CREATE TABLE follow (follower_id int REFERENCES users (id));
ALTER TABLE follow RENAME TO follows;
ALTER TABLE follows ADD COLUMN followee_id int REFERENCES users (id);
