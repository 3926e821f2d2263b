-- oracle: SQLite looks for the parent key when a row is written: a UNIQUE index created after the CREATE TABLE
-- oracle: that references it backs the key (drizzle-kit writes them in that order). Two table constraints
-- oracle: need no comma between them in SQLite's grammar.
-- expect: clean
CREATE TABLE users (id TEXT PRIMARY KEY NOT NULL);
CREATE TABLE tags (id TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL REFERENCES users (id));
CREATE TABLE rules (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL,
  tag_id TEXT,
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
  FOREIGN KEY (user_id, tag_id) REFERENCES tags (user_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX tags_user_id_id ON tags (user_id, id);
