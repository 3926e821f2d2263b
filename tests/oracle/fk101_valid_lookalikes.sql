-- oracle: valid look-alikes of FK101: search_path resolution, quoted names, folding, self-reference
-- expect: clean
CREATE SCHEMA billing;

CREATE TABLE billing.plans (id int PRIMARY KEY);

SET search_path TO billing, public;

-- Created in billing; `plans` resolves to billing.plans.
CREATE TABLE subscriptions (id int PRIMARY KEY, plan_id int REFERENCES plans (id));

SET search_path TO "$user", public;

CREATE TABLE "Mixed" (id int PRIMARY KEY);

-- No column list: the primary key.
CREATE TABLE mixed_children (id int PRIMARY KEY, mixed_id int REFERENCES "Mixed");

CREATE TABLE lower_t (id int PRIMARY KEY);

-- Unquoted upper case folds to lower case.
CREATE TABLE lower_children (id int PRIMARY KEY, lower_id int REFERENCES LOWER_T (ID));

-- A table may reference itself in its own CREATE TABLE.
CREATE TABLE categories (id int PRIMARY KEY, parent_id int REFERENCES categories (id));

-- A renamed table is referenced by its new name.
CREATE TABLE vendor (id int PRIMARY KEY);
ALTER TABLE vendor RENAME TO vendors;
CREATE TABLE bills (id int PRIMARY KEY, vendor_id int REFERENCES vendors (id));

-- A dropped and re-created table.
CREATE TABLE tags (id int PRIMARY KEY);
DROP TABLE tags;
CREATE TABLE tags (id bigint PRIMARY KEY);
CREATE TABLE taggings (tag_id bigint REFERENCES tags (id));

-- CREATE TABLE IF NOT EXISTS of an existing table skips the whole statement, REFERENCES included.
CREATE TABLE IF NOT EXISTS taggings (tag_id bigint REFERENCES no_such_table (id));

-- Columns and keys copied with LIKE ... INCLUDING ALL.
CREATE TABLE user_template (id int PRIMARY KEY, email text UNIQUE);
CREATE TABLE accounts (LIKE user_template INCLUDING ALL);
CREATE TABLE account_notes (account_id int REFERENCES accounts (id), email text REFERENCES accounts (email));
