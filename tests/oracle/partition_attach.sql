-- oracle: FK501 ATTACH PARTITION checks the new partition's rows against the partitioned table's foreign keys (a key of the partition's own that merges into one of them was checked when it was added) and is refused for a row without its parent; multi-column RANGE partitions route rows by both columns
-- expect: FK501
CREATE TABLE warehouses (id int PRIMARY KEY);

INSERT INTO warehouses VALUES (1), (2);

CREATE TABLE stock (item int, warehouse_id int REFERENCES warehouses, batch int, PRIMARY KEY (item, batch)) PARTITION BY RANGE (item, batch);

CREATE TABLE stock_a PARTITION OF stock FOR VALUES FROM (0, 0) TO (100, 0);

CREATE TABLE stock_b (item int NOT NULL, warehouse_id int, batch int NOT NULL);

INSERT INTO stock_b VALUES (100, 1, 5), (150, 3, 1);

-- Warehouse 3 does not exist.
ALTER TABLE stock ATTACH PARTITION stock_b FOR VALUES FROM (100, 0) TO (200, 0);

DELETE FROM stock_b WHERE item = 150;

ALTER TABLE stock ATTACH PARTITION stock_b FOR VALUES FROM (100, 0) TO (200, 0);

-- (99, 7) goes to stock_a: below (100, 0).
INSERT INTO stock VALUES (99, 2, 7), (100, 2, 0);

INSERT INTO stock VALUES (120, 4, 1);

DELETE FROM warehouses WHERE id = 1;
