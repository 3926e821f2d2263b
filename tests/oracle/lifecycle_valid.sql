-- oracle: lifecycle PostgreSQL accepts: renames of referenced tables and columns (FKs follow them), the new names used later, drops of referencing objects first, both tables of an FK in one DROP
-- expect: clean
CREATE TABLE customer (id int PRIMARY KEY, code text UNIQUE);

CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customer (id), customer_code text REFERENCES customer (code));

ALTER TABLE customer RENAME TO customers;

ALTER TABLE customers RENAME COLUMN code TO customer_code;

ALTER TABLE IF EXISTS orders RENAME COLUMN customer_id TO buyer_id;

CREATE TABLE invoices (id int PRIMARY KEY, customer_id int REFERENCES customers (id), code text REFERENCES customers (customer_code));

ALTER TABLE invoices ADD CONSTRAINT invoices_order_fk FOREIGN KEY (id) REFERENCES orders (id);

ALTER TABLE invoices RENAME CONSTRAINT invoices_order_fk TO invoices_order_id_fk;

ALTER TABLE invoices DROP CONSTRAINT invoices_order_id_fk;

ALTER TABLE orders DROP COLUMN customer_code;

ALTER TABLE customers DROP COLUMN customer_code CASCADE;

DROP TABLE invoices;

DROP TABLE orders;

ALTER TABLE customers RENAME id TO customer_id;

DROP TABLE customers;

CREATE SCHEMA billing;

CREATE TABLE billing.plans (id int PRIMARY KEY);

CREATE TABLE billing.subscriptions (id int PRIMARY KEY, plan_id int REFERENCES billing.plans (id));

ALTER TABLE billing.plans RENAME TO price_plans;

ALTER TABLE billing.price_plans SET SCHEMA public;

CREATE TABLE billing.addons (id int PRIMARY KEY, plan_id int REFERENCES price_plans (id));

DROP TABLE billing.subscriptions, price_plans CASCADE;

DROP TABLE billing.addons;
