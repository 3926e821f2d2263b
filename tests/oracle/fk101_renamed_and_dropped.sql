-- oracle: FK101 REFERENCES a table by its name before a rename, and a table that was dropped
-- expect: FK101
CREATE TABLE customer (id int PRIMARY KEY);

ALTER TABLE customer RENAME TO customers;

CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customer (id));

CREATE TABLE coupons (code text PRIMARY KEY);

DROP TABLE coupons;

CREATE TABLE redemptions (id int PRIMARY KEY, coupon_code text REFERENCES coupons (code));
