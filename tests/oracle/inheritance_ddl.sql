-- oracle: inheritance and what may be dropped or changed where: a table others inherit from is dropped only with
-- oracle: CASCADE (which drops them too) or with them; an inherited column cannot be dropped, renamed or retyped in
-- oracle: the child, nor renamed in ONLY the parent (42P16); renaming or retyping it in the parent changes the
-- oracle: children too, so a key may reference the child's column by its new name, and a child's key blocks a
-- oracle: parent's type change; a key referencing the parent does not see a child's rows
-- expect: FK118 FK201 FK501 FK101
CREATE TABLE accounts (id int PRIMARY KEY, code int);
CREATE TABLE shops (city text) INHERITS (accounts);
ALTER TABLE shops ADD PRIMARY KEY (id);
CREATE TABLE orders (shop_id int REFERENCES shops);
DROP TABLE accounts;
ALTER TABLE shops DROP COLUMN code;
ALTER TABLE shops RENAME COLUMN code TO ref;
ALTER TABLE shops ALTER COLUMN code TYPE bigint;
ALTER TABLE ONLY accounts RENAME COLUMN code TO ref;
ALTER TABLE accounts RENAME COLUMN code TO ref;
ALTER TABLE shops ADD UNIQUE (ref);
CREATE TABLE receipts (shop_ref int REFERENCES shops (ref));
ALTER TABLE accounts ALTER COLUMN id TYPE text;
CREATE TABLE people (id int PRIMARY KEY);
CREATE TABLE staff () INHERITS (people);
INSERT INTO staff VALUES (1);
INSERT INTO people VALUES (2);
CREATE TABLE badges (person_id int REFERENCES people);
INSERT INTO badges VALUES (2);
INSERT INTO badges VALUES (1);
CREATE TABLE base (id int PRIMARY KEY);
CREATE TABLE leaf () INHERITS (base);
DROP TABLE base CASCADE;
CREATE TABLE leaf_refs (id int REFERENCES leaf);
