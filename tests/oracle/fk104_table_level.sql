-- oracle: FK104 a two-column table-level FOREIGN KEY against a one-column key
-- expect: FK104
CREATE TABLE accounts (id int PRIMARY KEY, tenant_id int NOT NULL);

CREATE TABLE invoices (
    id int PRIMARY KEY,
    tenant_id int,
    account_id int,
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (id)
);
