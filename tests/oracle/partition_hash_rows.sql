-- oracle: FK501 rows routed into HASH partitions by PostgreSQL's partition hash: int, bigint, smallint and
-- oracle: varchar keys, several key columns (a NULL is left out of the hash), mixed moduli, a HASH level under a
-- oracle: RANGE partition, an UPDATE that moves a row; a partition's own foreign key refuses exactly the rows the
-- oracle: hash sends to it, and a key referenced from a hash partition cannot be deleted
-- expect: FK501
CREATE TABLE registered (id int PRIMARY KEY);

CREATE TABLE events (id int, note text) PARTITION BY HASH (id);

CREATE TABLE events_a PARTITION OF events FOR VALUES WITH (MODULUS 4, REMAINDER 0);

CREATE TABLE events_b PARTITION OF events FOR VALUES WITH (REMAINDER 2, MODULUS 4);

CREATE TABLE events_c PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 1);

-- Only events_c's rows must be registered.
ALTER TABLE events_c ADD FOREIGN KEY (id) REFERENCES registered;

INSERT INTO events VALUES (1, 'events_a');

INSERT INTO events VALUES (2, 'events_b');

INSERT INTO events VALUES (3, 'events_c');

INSERT INTO events VALUES (12, 'events_a'), (13, 'events_b'), (14, 'events_a'), (18, 'events_b');

INSERT INTO events VALUES (16, 'events_a'), (17, 'events_a'), (19, 'events_c');

INSERT INTO events VALUES (23, 'events_b');

INSERT INTO events VALUES (24, 'events_c');

INSERT INTO registered VALUES (19), (24), (7);

INSERT INTO events VALUES (16, 'events_a'), (17, 'events_a'), (19, 'events_c');

INSERT INTO events VALUES (24, 'events_c');

-- Straight into a partition the row belongs to.
INSERT INTO events_a VALUES (1, 'events_a');

-- 19 and 24 are referenced by rows of events_c.
DELETE FROM registered WHERE id = 19;

DELETE FROM registered WHERE id = 7;

-- 2 moves from events_b to events_c (11 hashes there), whose key wants 11 registered.
UPDATE events SET id = 11 WHERE id = 2;

-- 23 stays in events_b (18 hashes there too).
UPDATE events SET id = 18 WHERE id = 23;

-- Two key columns, a NULL left out of the hash, bigint values past 32 bits and multibyte text.
CREATE TABLE names (name varchar(20) PRIMARY KEY);

CREATE TABLE labels (name varchar(20), n bigint) PARTITION BY HASH (name, n);

CREATE TABLE labels_0 PARTITION OF labels FOR VALUES WITH (MODULUS 3, REMAINDER 0);

CREATE TABLE labels_1 PARTITION OF labels FOR VALUES WITH (MODULUS 3, REMAINDER 1);

CREATE TABLE labels_2 PARTITION OF labels FOR VALUES WITH (MODULUS 3, REMAINDER 2);

ALTER TABLE labels_2 ADD FOREIGN KEY (name) REFERENCES names;

INSERT INTO labels VALUES ('alpha', 2), ('beta', NULL), ('zeta', 5000000000), ('eta', -7);

INSERT INTO labels VALUES ('alpha', 1), ('gamma', NULL), ('epsilon', NULL), ('théta', 1);

INSERT INTO labels VALUES ('alpha', 3);

INSERT INTO labels VALUES ('beta', 1);

INSERT INTO labels VALUES ('delta', NULL);

INSERT INTO labels VALUES ('a longer label here', 2);

INSERT INTO names VALUES ('alpha'), ('delta');

INSERT INTO labels VALUES ('alpha', 3), ('delta', NULL);

DELETE FROM names WHERE name = 'delta';

-- A HASH level under a RANGE partition, written through the root.
CREATE TABLE orders (id smallint, region int) PARTITION BY RANGE (region);

CREATE TABLE orders_low PARTITION OF orders FOR VALUES FROM (0) TO (100) PARTITION BY HASH (id);

CREATE TABLE orders_low_0 PARTITION OF orders_low FOR VALUES WITH (MODULUS 2, REMAINDER 0);

CREATE TABLE orders_low_1 PARTITION OF orders_low FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE TABLE orders_high PARTITION OF orders FOR VALUES FROM (100) TO (MAXVALUE);

CREATE TABLE registered_small (id smallint PRIMARY KEY);

ALTER TABLE orders_low_1 ADD FOREIGN KEY (id) REFERENCES registered_small;

-- 1, 2 and 12 hash to orders_low_0; 3 to orders_low_1, refused there but not in orders_high.
INSERT INTO orders VALUES (1, 5), (2, 5), (12, 5), (3, 500), (4, 500);

INSERT INTO orders VALUES (3, 5);

INSERT INTO orders_low VALUES (4, 50);

INSERT INTO orders_low_0 VALUES (2, 50);
