-- oracle: PostgreSQL 18's virtual generated columns (the default without STORED) cannot hold a foreign key
-- oracle: (0A000), whatever its actions; an action that would write the column is refused first (42601)
-- target: postgres-18
-- expect: FK117
CREATE TABLE products (sku int PRIMARY KEY);
CREATE TABLE samples (id int PRIMARY KEY, sku int GENERATED ALWAYS AS (id * 3) VIRTUAL REFERENCES products);
CREATE TABLE trials (id int PRIMARY KEY, sku int GENERATED ALWAYS AS (id * 3) REFERENCES products ON DELETE SET NULL);
CREATE TABLE tests (id int PRIMARY KEY, sku int GENERATED ALWAYS AS (id * 3));
ALTER TABLE tests ADD FOREIGN KEY (sku) REFERENCES products;
ALTER TABLE tests ADD FOREIGN KEY (sku) REFERENCES products ON UPDATE CASCADE;
CREATE TABLE stored (id int PRIMARY KEY, sku int GENERATED ALWAYS AS (id * 3) STORED REFERENCES products);
