-- oracle: FK501 ON DELETE CASCADE and SET NULL into a partitioned table: the referencing rows of every
-- oracle: partition go (or lose their key) with the parent row, those of a partition's own key only in that
-- oracle: partition; the tree's rows stay known, so a later DELETE of a parent they still reference is refused
-- expect: FK501
CREATE TABLE customers (id int PRIMARY KEY);

CREATE TABLE regions (id int PRIMARY KEY);

CREATE TABLE orders (id int, customer_id int REFERENCES customers ON DELETE CASCADE, region int REFERENCES regions) PARTITION BY LIST (region);

CREATE TABLE orders_north PARTITION OF orders FOR VALUES IN (1);

CREATE TABLE orders_south PARTITION OF orders FOR VALUES IN (2);

CREATE TABLE orders_east PARTITION OF orders FOR VALUES IN (3);

CREATE TABLE coupons (code int PRIMARY KEY);

ALTER TABLE orders_south ADD FOREIGN KEY (id) REFERENCES coupons ON DELETE SET NULL;

CREATE TABLE invoices (id int PRIMARY KEY, customer_id int REFERENCES customers);

INSERT INTO customers VALUES (1), (2), (3), (4);

INSERT INTO regions VALUES (1), (2), (3);

INSERT INTO coupons VALUES (10), (20);

INSERT INTO orders VALUES (10, 1, 1), (20, 2, 2), (11, 3, 3), (10, 4, 3);

INSERT INTO invoices VALUES (1, 3);

-- The order of customer 1 goes with it: region 1 is no longer referenced.
DELETE FROM customers WHERE id = 1;

DELETE FROM regions WHERE id = 1;

-- Customer 3's order would go, but its invoice holds it.
DELETE FROM customers WHERE id = 3;

DELETE FROM customers WHERE id = 4;

-- Customer 3's order in orders_east is still there.
DELETE FROM regions WHERE id = 3;

-- Coupon 10 was used by orders_north and orders_east only, which the key of orders_south does not reach.
DELETE FROM coupons WHERE code = 10;

-- Coupon 20: the order in orders_south loses it, and still references region 2.
DELETE FROM coupons WHERE code = 20;

DELETE FROM regions WHERE id = 2;

INSERT INTO orders VALUES (20, 2, 2);
