-- oracle: FK124 a foreign table as a partition would hold copies of its parents' foreign keys: PostgreSQL refuses it (0A000) in CREATE FOREIGN TABLE ... PARTITION OF, in ATTACH PARTITION and in ADD FOREIGN KEY on the partitioned table
-- expect: FK124
CREATE FOREIGN DATA WRAPPER shard_wrapper;

CREATE SERVER shard_server FOREIGN DATA WRAPPER shard_wrapper;

CREATE TABLE regions (id int PRIMARY KEY);

CREATE TABLE sales (region_id int REFERENCES regions (id), amount int) PARTITION BY LIST (region_id);

CREATE FOREIGN TABLE sales_remote PARTITION OF sales FOR VALUES IN (1) SERVER shard_server;

CREATE FOREIGN TABLE sales_archive (region_id int, amount int) SERVER shard_server;

ALTER TABLE sales ATTACH PARTITION sales_archive FOR VALUES IN (2);

-- Without foreign keys a partitioned table takes foreign partitions, even under a partitioned partition.
CREATE TABLE visits (region_id int, kind int) PARTITION BY LIST (region_id);

CREATE TABLE visits_1 PARTITION OF visits FOR VALUES IN (1) PARTITION BY LIST (kind);

CREATE FOREIGN TABLE visits_1_remote PARTITION OF visits_1 FOR VALUES IN (1) SERVER shard_server;

ALTER TABLE visits ADD FOREIGN KEY (region_id) REFERENCES regions (id);

-- None of the refusals left anything: the partition values are free, and the key on visits never existed.
CREATE TABLE sales_1 PARTITION OF sales FOR VALUES IN (1);

CREATE TABLE sales_2 PARTITION OF sales FOR VALUES IN (2);

ALTER TABLE visits DETACH PARTITION visits_1;

ALTER TABLE visits ADD FOREIGN KEY (region_id) REFERENCES regions (id);
