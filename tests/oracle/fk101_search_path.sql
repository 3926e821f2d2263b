-- oracle: FK101 a table created through search_path in another schema is not visible once the path changes
-- expect: FK101
CREATE SCHEMA app;

SET search_path TO app, public;

-- Created as app.accounts.
CREATE TABLE accounts (id int PRIMARY KEY);

SET search_path TO public;

CREATE TABLE invoices (id int PRIMARY KEY, account_id int REFERENCES accounts (id));

-- Valid: qualified.
CREATE TABLE receipts (id int PRIMARY KEY, account_id int REFERENCES app.accounts (id));
