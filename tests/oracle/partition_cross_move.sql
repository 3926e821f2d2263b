-- oracle: FK118 an UPDATE through a partitioned table that moves a row out of a partition below a partitioned
-- oracle: table a foreign key references directly is refused (0A000), even within that table; moves out of
-- oracle: partitions right under the root, updates that move nothing, and updates of the referenced table
-- oracle: itself are accepted; a key to the root does not stop a move
-- expect: FK118
CREATE TABLE regions (id int PRIMARY KEY, name text) PARTITION BY LIST (id);

CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN (1, 2) PARTITION BY LIST (id);

CREATE TABLE regions_eu_1 PARTITION OF regions_eu FOR VALUES IN (1);

CREATE TABLE regions_eu_2 PARTITION OF regions_eu FOR VALUES IN (2);

CREATE TABLE regions_other PARTITION OF regions FOR VALUES IN (3, 4, 5);

CREATE TABLE offices (region_id int REFERENCES regions_eu (id));

CREATE TABLE visits (region_id int REFERENCES regions (id));

INSERT INTO regions VALUES (1, 'north'), (3, 'south');

-- From regions_eu_1 to regions_eu_2: both under regions_eu.
UPDATE regions SET id = 2 WHERE id = 1;

UPDATE regions SET id = 4 WHERE id = 3;

UPDATE regions SET id = 5 WHERE id = 1;

UPDATE regions SET name = 'east' WHERE id = 1;

UPDATE regions SET id = 3 WHERE id = 4;

UPDATE regions_eu SET id = 2 WHERE id = 1;
