-- oracle: a DO block runs its statements in order and the first error ends it: an error its handler catches undoes
-- oracle: the statements before it (so dropping what they referenced is accepted), one it does not catch rejects
-- oracle: the whole block, and nothing after the error runs
-- expect: FK101
CREATE TABLE accounts (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, account_id int, region_id int);
CREATE TABLE ledgers (id int PRIMARY KEY);
CREATE TABLE audit (id int PRIMARY KEY, ledger_id int);
-- Caught: the first key is rolled back with the failing second one.
DO $$
BEGIN
  ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
  ALTER TABLE orders ADD CONSTRAINT orders_region_fk FOREIGN KEY (region_id) REFERENCES regions (id);
EXCEPTION
  WHEN undefined_table THEN RAISE NOTICE 'regions is not there yet';
END
$$;
-- Not caught: the block is rejected, audit's key to ledgers never exists.
DO $$
BEGIN
  ALTER TABLE audit ADD CONSTRAINT audit_ledger_fk FOREIGN KEY (ledger_id) REFERENCES ledgers (id);
  ALTER TABLE orders ADD CONSTRAINT orders_region_fk FOREIGN KEY (region_id) REFERENCES regions (id);
EXCEPTION
  WHEN duplicate_object THEN NULL;
END
$$;
-- No foreign key references accounts: PostgreSQL drops it.
DROP TABLE accounts;
