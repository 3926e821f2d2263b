-- oracle: dropping the UNIQUE index that backs a referenced key for good: SQLite accepts the DROP, and every
-- oracle: later write to invites fails with "foreign key mismatch". Not an error at the DROP.
-- expect: error@6
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE TABLE invites (id INTEGER PRIMARY KEY, email TEXT REFERENCES users (email));
DROP INDEX users_email;
