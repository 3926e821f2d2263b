-- oracle: default foreign key names: plain, multi-column, quoted mixed-case, two on one column, other schemas
-- expect: clean
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE admins (id int PRIMARY KEY);

-- users_... : posts_author_id_fkey
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));

-- Two foreign keys on one column: docs_owner_id_fkey, docs_owner_id_fkey1, then docs_owner_id_fkey2.
CREATE TABLE docs (
    id int PRIMARY KEY,
    owner_id int REFERENCES users (id),
    FOREIGN KEY (owner_id) REFERENCES admins (id)
);
ALTER TABLE docs ADD FOREIGN KEY (owner_id) REFERENCES users;

-- Multi-column: ledger_tenant_id_account_id_fkey.
CREATE TABLE accounts (tenant_id int, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE ledger (tenant_id int, account_id int, FOREIGN KEY (tenant_id, account_id) REFERENCES accounts);

-- Quoted mixed case: OrderItems_OrderId_fkey.
CREATE TABLE "Orders" ("Id" int PRIMARY KEY);
CREATE TABLE "OrderItems" ("OrderId" int REFERENCES "Orders" ("Id"), "Qty" int);

-- Same table name in another schema: no clash across schemas.
CREATE SCHEMA archive;
CREATE TABLE archive.posts (id int PRIMARY KEY, author_id int REFERENCES public.users (id));

-- A table-level constraint and an inline one in one CREATE TABLE, and a self-reference.
CREATE TABLE tree (
    id int PRIMARY KEY,
    parent_id int REFERENCES tree,
    root_id int,
    FOREIGN KEY (root_id) REFERENCES tree (id)
);
