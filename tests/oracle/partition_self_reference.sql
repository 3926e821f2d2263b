-- oracle: FK501 a partitioned table whose foreign key references itself: every partition's rows reference the
-- oracle: whole tree's keys; a DELETE is judged on the rows it leaves (a parent deleted with its children is
-- oracle: accepted, one a row of another partition still references is refused, RETURNING or not); a detached
-- oracle: partition keeps its copy of the key to the tree, and the tree's rows it references stay; re-attached,
-- oracle: its rows are the tree's again
-- expect: FK501
CREATE TABLE nodes (id bigint PRIMARY KEY, parent_id bigint REFERENCES nodes (id)) PARTITION BY RANGE (id);

CREATE INDEX nodes_parent_idx ON nodes (parent_id);

CREATE TABLE nodes_low (id bigint NOT NULL PRIMARY KEY, parent_id bigint);

ALTER TABLE nodes ATTACH PARTITION nodes_low FOR VALUES FROM (0) TO (10);

CREATE TABLE nodes_mid (id bigint NOT NULL PRIMARY KEY, parent_id bigint);

CREATE INDEX nodes_mid_parent_idx ON nodes_mid (parent_id);

ALTER TABLE nodes ATTACH PARTITION nodes_mid FOR VALUES FROM (10) TO (20);

CREATE TABLE nodes_high PARTITION OF nodes FOR VALUES FROM (20) TO (40) PARTITION BY RANGE (id);

CREATE TABLE nodes_high_a PARTITION OF nodes_high FOR VALUES FROM (20) TO (30);

INSERT INTO nodes VALUES (1, NULL), (2, NULL), (3, NULL), (4, NULL);

INSERT INTO nodes VALUES (10, 1), (11, 2), (12, 3), (21, 4), (22, 21);

INSERT INTO nodes VALUES (5, 6);

-- 10 (in nodes_mid) references 1.
DELETE FROM nodes WHERE id = 1 RETURNING *;

-- 22 references 21 in its own partition.
DELETE FROM nodes WHERE id = 21;

-- The parent and the row referencing it go together.
DELETE FROM nodes WHERE id IN (21, 22) RETURNING id;

DELETE FROM nodes WHERE id = 4;

ALTER TABLE nodes DETACH PARTITION nodes_mid;

-- nodes_mid keeps the key, to nodes.
INSERT INTO nodes_mid VALUES (16, 9);

INSERT INTO nodes_mid VALUES (16, 3);

-- 11 in nodes_mid references 2.
DELETE FROM nodes WHERE id = 2;

ALTER TABLE nodes ATTACH PARTITION nodes_mid FOR VALUES FROM (10) TO (20);

INSERT INTO nodes VALUES (17, 9);

-- 12 and 16 reference 3.
DELETE FROM nodes WHERE id = 3;

DELETE FROM nodes WHERE id IN (3, 12, 16);
