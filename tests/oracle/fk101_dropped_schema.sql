-- oracle: FK101 a table whose schema was dropped with CASCADE no longer exists
-- expect: FK101
-- regression (a core bug this fixture found, fixed): DROP SCHEMA ... CASCADE leaves the schema's tables live in the catalog, so the REFERENCES to
-- regression (a core bug this fixture found, fixed): legacy.accounts is not reported (PostgreSQL: 3F000)
CREATE SCHEMA legacy;

CREATE TABLE legacy.accounts (id int PRIMARY KEY);

DROP SCHEMA legacy CASCADE;

CREATE TABLE ledger (id int PRIMARY KEY, account_id int REFERENCES legacy.accounts (id));
