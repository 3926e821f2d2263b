-- oracle: ALTER TABLE ADD COLUMN ... REFERENCES is accepted, and the FK exists; also with a non-NULL default
-- oracle: while the table is empty (SQLite 3.40 checks the existing rows: with one, "FOREIGN KEY constraint failed").
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);
ALTER TABLE posts ADD COLUMN author_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN editor_id INTEGER DEFAULT 1 REFERENCES users (id);
