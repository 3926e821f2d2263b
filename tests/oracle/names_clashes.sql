-- oracle: default foreign key names avoid every constraint name in the schema: other tables, unique constraints;
-- oracle: indexes (relations, not constraints) do not count
-- expect: clean
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE customer_groups (id int PRIMARY KEY);

-- orders_customer.id → orders_customer_id_fkey ...
CREATE TABLE orders_customer (id int PRIMARY KEY REFERENCES customers (id));
-- ... so orders.customer_id gets orders_customer_id_fkey1.
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id));

-- A unique constraint that holds the default name of a foreign key.
CREATE TABLE profiles (id int PRIMARY KEY, user_id int, CONSTRAINT profiles_user_id_fkey UNIQUE (user_id));
ALTER TABLE profiles ADD FOREIGN KEY (user_id) REFERENCES customers (id);

-- A check constraint with that name counts too.
CREATE TABLE invoices (id int PRIMARY KEY, group_id int CONSTRAINT invoices_group_id_fkey CHECK (group_id > 0));
ALTER TABLE invoices ADD FOREIGN KEY (group_id) REFERENCES customer_groups (id);

-- An index with that name is a relation, not a constraint: the foreign key still gets the plain name.
CREATE TABLE tickets (id int PRIMARY KEY, customer_id int);
CREATE UNIQUE INDEX tickets_customer_id_fkey ON tickets (customer_id);
ALTER TABLE tickets ADD FOREIGN KEY (customer_id) REFERENCES customers (id);
