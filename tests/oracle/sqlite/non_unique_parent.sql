-- oracle: the parent key must be the PRIMARY KEY or have a UNIQUE index: otherwise every write fails with
-- oracle: "foreign key mismatch" (the CREATE itself is accepted); FK103. A UNIQUE index is enough.
-- expect: FK103
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, handle TEXT NOT NULL);
CREATE UNIQUE INDEX users_handle ON users (handle);
CREATE TABLE invites (
  id INTEGER PRIMARY KEY,
  email TEXT REFERENCES users (email)
);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  handle TEXT REFERENCES users (handle)
);
