BEGIN;
CREATE TABLE items (id int PRIMARY KEY, order_id int NOT NULL REFERENCES orders (id));
COMMIT;
