-- oracle: FK107 one column of a multi-column FOREIGN KEY is missing, in a schema-qualified table
-- expect: FK107
CREATE SCHEMA sales;

CREATE TABLE sales.accounts (tenant_id int, id int, PRIMARY KEY (tenant_id, id));

CREATE TABLE sales.deals (
    id int PRIMARY KEY,
    tenant_id int,
    acount_id int,
    FOREIGN KEY (tenant_id, account_id) REFERENCES sales.accounts (tenant_id, id)
);
