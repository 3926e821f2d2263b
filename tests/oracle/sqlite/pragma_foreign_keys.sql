-- oracle: PRAGMA foreign_keys (ON, OFF, query) and PRAGMA foreign_key_check are no schema changes.
-- expect: clean
PRAGMA foreign_keys = ON;
CREATE TABLE authors (id INTEGER PRIMARY KEY);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors);
PRAGMA foreign_keys;
PRAGMA foreign_key_check;
PRAGMA foreign_keys = OFF;
