-- oracle: valid look-alikes of FK106: dependents dropped first, renames, dropping both tables at once
-- expect: clean
CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, nick text);

CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id), author_email text REFERENCES users (email));

-- Renames keep the foreign key pointing at the renamed objects.
ALTER TABLE users RENAME COLUMN email TO email_address;

ALTER TABLE users RENAME TO members;

-- Dropping an unreferenced column is fine.
ALTER TABLE members DROP COLUMN nick;

-- Dropping the referencing column drops its foreign key with it.
ALTER TABLE posts DROP COLUMN author_email;

-- Now email_address is no longer referenced.
ALTER TABLE members DROP COLUMN email_address;

-- Drop the foreign key first, then the table.
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;

DROP TABLE members;

-- Dropping the parent and the child in one statement needs no CASCADE.
CREATE TABLE parents (id int PRIMARY KEY);

CREATE TABLE children (id int PRIMARY KEY, parent_id int REFERENCES parents (id));

DROP TABLE parents, children;

-- A self-referencing table can be dropped.
CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes (id));

DROP TABLE nodes;

-- A redundant unique key can be dropped while the primary key backs the foreign key.
CREATE TABLE shops (id int PRIMARY KEY);

CREATE TABLE sales (id int PRIMARY KEY, shop_id int REFERENCES shops (id));

ALTER TABLE shops ADD CONSTRAINT shops_id_key UNIQUE (id);

ALTER TABLE shops DROP CONSTRAINT shops_id_key;
