BEGIN;
-- Drops the cascading key; the plain one is never put back.
ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;
COMMIT;
