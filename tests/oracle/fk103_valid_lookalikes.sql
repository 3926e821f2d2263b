-- oracle: valid look-alikes of FK103: unique index instead of constraint, column order, keys added by ALTER
-- expect: clean
CREATE TABLE users (id int PRIMARY KEY, email text, login text);

-- A unique index (not a constraint) can back a foreign key.
CREATE UNIQUE INDEX users_email_idx ON users (email);

CREATE TABLE invites (id int PRIMARY KEY, email text REFERENCES users (email));

-- Referenced columns match a key as a set, in any order.
CREATE TABLE pairs (a int, b int, UNIQUE (a, b));

CREATE TABLE pair_refs (x int, y int, FOREIGN KEY (x, y) REFERENCES pairs (b, a));

-- Keys added later by ALTER TABLE.
CREATE TABLE late (id int NOT NULL, code text);

ALTER TABLE late ADD PRIMARY KEY (id);

ALTER TABLE late ADD CONSTRAINT late_code_key UNIQUE (code);

CREATE TABLE late_refs (late_id int REFERENCES late, code text REFERENCES late (code));

-- A primary key added through an existing unique index.
CREATE TABLE codes (code text NOT NULL);

CREATE UNIQUE INDEX codes_code_idx ON codes (code);

ALTER TABLE codes ADD CONSTRAINT codes_pkey PRIMARY KEY USING INDEX codes_code_idx;

CREATE TABLE code_uses (code text REFERENCES codes);

-- A unique index with INCLUDE columns.
CREATE TABLE handles (id int PRIMARY KEY, handle text, shown text);

CREATE UNIQUE INDEX handles_handle_idx ON handles (handle) INCLUDE (shown);

CREATE TABLE handle_refs (handle text REFERENCES handles (handle));
