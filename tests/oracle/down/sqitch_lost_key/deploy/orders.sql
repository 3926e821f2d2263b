BEGIN;
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int CONSTRAINT orders_customer_fk REFERENCES customers (id));
COMMIT;
