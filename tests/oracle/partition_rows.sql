-- oracle: FK501 rows of partitioned tables: literal rows routed to RANGE, LIST (NULL included) and DEFAULT partitions, written through the parent or straight into a partition, foreign keys from a partitioned table and to one, DELETE and UPDATE through the parent (a row moving to another partition), and a partition dropped with its rows
-- expect: FK501
CREATE TABLE regions (id int PRIMARY KEY, name text) PARTITION BY RANGE (id);

CREATE TABLE regions_low PARTITION OF regions FOR VALUES FROM (MINVALUE) TO (100);

CREATE TABLE regions_mid PARTITION OF regions FOR VALUES FROM (100) TO (200);

CREATE TABLE regions_rest PARTITION OF regions DEFAULT;

INSERT INTO regions VALUES (1, 'north'), (150, 'east'), (900, 'far');

-- Straight into the partition that takes the row.
INSERT INTO regions_mid VALUES (120, 'south');

CREATE TABLE stores (id int, region_id int REFERENCES regions, kind text, PRIMARY KEY (id, kind)) PARTITION BY LIST (kind);

CREATE TABLE stores_shop PARTITION OF stores FOR VALUES IN ('shop', 'kiosk');

CREATE TABLE stores_other PARTITION OF stores DEFAULT;

INSERT INTO stores VALUES (1, 1, 'shop'), (2, 150, 'mall'), (3, 120, 'kiosk');

-- No region 5 in any partition of regions.
INSERT INTO stores VALUES (4, 5, 'shop');

-- Straight into a partition: its parent's foreign key checks the row too.
INSERT INTO stores_other VALUES (5, 7, 'mall');

-- Region 150 is referenced by store 2.
DELETE FROM regions WHERE id = 150;

-- Region 900 is not.
DELETE FROM regions WHERE id = 900;

UPDATE stores SET region_id = 42 WHERE id = 1;

-- Store 3 moves to the DEFAULT partition and still references region 120.
UPDATE stores SET kind = 'hall' WHERE id = 3;

DELETE FROM regions WHERE id = 120;

-- Store 1 goes with its partition: region 1 is no longer referenced.
DROP TABLE stores_shop;

DELETE FROM regions WHERE id = 1;

-- A LIST partition for NULL keys.
CREATE TABLE depots (id int, region_id int REFERENCES regions, zone int) PARTITION BY LIST (zone);

CREATE TABLE depots_none PARTITION OF depots FOR VALUES IN (NULL);

CREATE TABLE depots_one PARTITION OF depots FOR VALUES IN (1, 2);

INSERT INTO regions VALUES (130, 'west');

INSERT INTO depots VALUES (1, 130, NULL);

INSERT INTO depots VALUES (2, 131, 2);

DELETE FROM regions WHERE id = 130;
