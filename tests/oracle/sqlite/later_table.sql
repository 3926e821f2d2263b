-- oracle: an FK to a table created later: SQLite accepts it and it works once the table exists (unlike
-- oracle: PostgreSQL, this is no error in SQLite).
-- expect: clean
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id)
);
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO customers (id, name) VALUES (1, 'a');
INSERT INTO orders (id, customer_id) VALUES (10, 1);
