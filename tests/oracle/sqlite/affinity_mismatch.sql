-- oracle: SQLite does not compare key types: an INTEGER column referencing a TEXT uuid key is accepted (a
-- oracle: latent bug at most: a warning, never an error).
-- expect: clean
CREATE TABLE users (id TEXT PRIMARY KEY NOT NULL);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
