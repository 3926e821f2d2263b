-- oracle: FK109 a temporary table hides a permanent one of the same name: `REFERENCES accounts` means the temporary table, which a permanent table may not reference; `public.accounts` still means the permanent one
-- expect: FK109
CREATE TABLE accounts (id int PRIMARY KEY);

CREATE TEMP TABLE accounts (id int PRIMARY KEY, tag text);

-- Means pg_temp.accounts: a permanent table may reference only permanent tables.
CREATE TABLE invoices (id int PRIMARY KEY, account_id int REFERENCES accounts (id));

-- Qualified: the permanent table.
CREATE TABLE receipts (id int PRIMARY KEY, account_id int REFERENCES public.accounts (id));

-- A temporary table referencing the temporary one.
CREATE TEMP TABLE cart (id int PRIMARY KEY, account_id int REFERENCES accounts (id));

-- pg_temp.accounts has `tag`, public.accounts has not: the key exists only in the temporary table.
CREATE UNIQUE INDEX accounts_tag_key ON accounts (tag);

CREATE TEMP TABLE tagged (id int PRIMARY KEY, tag text REFERENCES accounts (tag));

-- Dropping the temporary table uncovers the permanent one again (cart's FK goes with CASCADE).
DROP TABLE accounts CASCADE;

CREATE TABLE orders (id int PRIMARY KEY, account_id int REFERENCES accounts (id));

-- search_path can put pg_temp last: then the permanent table comes first.
CREATE TEMP TABLE products (id int PRIMARY KEY);

CREATE TABLE products (id int PRIMARY KEY);

SET search_path TO public, pg_temp;

CREATE TABLE order_lines (id int PRIMARY KEY, product_id int REFERENCES products (id));

RESET search_path;
