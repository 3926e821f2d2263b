-- oracle: the table-rebuild pattern SQLite migrations use to change an FK: create `_new`, copy, drop, rename.
-- oracle: The FK of the rebuilt table is the one `pragma_foreign_key_list` shows at the end.
-- expect: clean
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE teams (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES users (id));
PRAGMA foreign_keys = OFF;
CREATE TABLE posts_new (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO posts_new (id, owner_id) SELECT id, owner_id FROM posts;
DROP TABLE posts;
ALTER TABLE posts_new RENAME TO posts;
PRAGMA foreign_keys = ON;
