-- oracle: FK102 ALTER TABLE ADD FOREIGN KEY into a schema-qualified table with a typo in the column
-- expect: FK102
CREATE SCHEMA inventory;

CREATE TABLE inventory.items (sku text PRIMARY KEY, title text);

CREATE TABLE order_lines (id int PRIMARY KEY, sku text NOT NULL);

ALTER TABLE order_lines ADD FOREIGN KEY (sku) REFERENCES inventory.items (skuu);
