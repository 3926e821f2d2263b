-- oracle: seed rows in SQLite: an INTEGER PRIMARY KEY asked for with NULL gets the next rowid, and INSERT OR
-- oracle: IGNORE may or may not write its row (neither is an error; those ids are then unknown to fklint); an
-- oracle: order of a missing color, whose rows are all known, is rejected with foreign keys on (FK501; the oracle
-- oracle: connects with foreign_keys=ON).
-- expect: FK501
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id));
CREATE TABLE colors (id INTEGER PRIMARY KEY);
CREATE TABLE swatches (id INTEGER PRIMARY KEY, color_id INTEGER NOT NULL REFERENCES colors (id));
INSERT INTO customers VALUES (NULL, 'a');
INSERT INTO customers VALUES (NULL, 'b');
INSERT INTO orders VALUES (1, 1), (2, 2);
INSERT OR IGNORE INTO customers VALUES (7, 'g');
INSERT INTO colors VALUES (1), (2);
INSERT INTO swatches VALUES (1, 2), (2, 7);
