-- oracle: ON DELETE SET NULL on a NOT NULL column: SQLite accepts the DDL, and every delete of a referenced row
-- oracle: then fails (NOT NULL constraint failed): FK401 is a warning; its fix rebuilds the table.
-- expect: FK401
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE SET NULL
);
