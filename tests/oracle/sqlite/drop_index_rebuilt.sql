-- oracle: dropping the UNIQUE index that backs a referenced key is accepted by SQLite; writes fail only while
-- oracle: it is missing, so an index made again before any write leaves the key usable.
-- expect: clean
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE TABLE invites (id INTEGER PRIMARY KEY, email TEXT REFERENCES users (email));
DROP INDEX users_email;
CREATE UNIQUE INDEX users_email_v2 ON users (email);
