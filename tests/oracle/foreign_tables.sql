-- oracle: FK124 foreign tables hold no foreign keys (0A000, whatever the key references) and cannot be referenced (42809); a refused statement leaves nothing
-- expect: FK124 FK101
CREATE FOREIGN DATA WRAPPER archive_wrapper;

CREATE SERVER archive_server FOREIGN DATA WRAPPER archive_wrapper;

CREATE TABLE customers (id int PRIMARY KEY);

CREATE FOREIGN TABLE archived_orders (id int, customer_id int REFERENCES customers (id)) SERVER archive_server;

CREATE FOREIGN TABLE archived_items (id int, order_id int, FOREIGN KEY (order_id) REFERENCES no_such_orders (id)) SERVER archive_server;

CREATE FOREIGN TABLE archived_notes (id int, customer_id int) SERVER archive_server;

ALTER TABLE archived_notes ADD FOREIGN KEY (customer_id) REFERENCES customers (id);

ALTER FOREIGN TABLE archived_notes ADD CONSTRAINT archived_notes_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

ALTER FOREIGN TABLE archived_notes ADD COLUMN author_id int REFERENCES customers (id);

CREATE TABLE note_links (note_id int REFERENCES archived_notes (id));

-- None of the refused keys exists: nothing stops the persistence change or the drop.
ALTER TABLE customers SET UNLOGGED;

DROP TABLE customers;

-- A plain table may take the foreign table's name later; it is the one referenced then.
DROP FOREIGN TABLE archived_notes;

CREATE TABLE archived_notes (id int PRIMARY KEY);

CREATE TABLE note_links (note_id int REFERENCES archived_notes (id));
