-- oracle: FK105 ALTER TABLE ADD CONSTRAINT before the referenced table is created
-- expect: FK105
CREATE TABLE orders (id int PRIMARY KEY, customer_id int);

ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);

CREATE TABLE customers (id int PRIMARY KEY, name text);
