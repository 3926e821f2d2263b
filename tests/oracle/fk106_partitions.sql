-- oracle: FK106 partitions and foreign keys: a partition of a referenced partitioned table cannot be dropped while the foreign key exists (detached, it can); dropping a partitioned table drops its partitions and their copies of its foreign keys
-- expect: FK106
CREATE TABLE regions (id int PRIMARY KEY) PARTITION BY RANGE (id);

CREATE TABLE regions_low PARTITION OF regions FOR VALUES FROM (0) TO (100);

CREATE TABLE regions_high PARTITION OF regions FOR VALUES FROM (100) TO (200);

CREATE TABLE stores (id int PRIMARY KEY, region_id int REFERENCES regions);

-- The foreign key depends on every partition of regions.
DROP TABLE regions_low;

-- Detached (no store references it), it is a table of its own and can go.
ALTER TABLE regions DETACH PARTITION regions_high;

DROP TABLE regions_high;

-- A foreign key on a partitioned table, copied to its partitions (one merged with the partition's own).
CREATE TABLE countries (code text PRIMARY KEY);

CREATE TABLE sales (id int, country text REFERENCES countries, PRIMARY KEY (id)) PARTITION BY RANGE (id);

CREATE TABLE sales_2024 PARTITION OF sales FOR VALUES FROM (0) TO (100);

CREATE TABLE sales_2025 (id int NOT NULL, country text, CONSTRAINT sales_2025_country_fk FOREIGN KEY (country) REFERENCES countries);

ALTER TABLE sales ATTACH PARTITION sales_2025 FOR VALUES FROM (100) TO (200);

-- The partitions and their copies go with sales, so countries can go in the same statement.
DROP TABLE sales, countries;

-- Detached, a partition keeps its copy as a key of its own, which then blocks the drop.
CREATE TABLE currencies (code text PRIMARY KEY);

CREATE TABLE payments (id int, currency text REFERENCES currencies, PRIMARY KEY (id)) PARTITION BY RANGE (id);

CREATE TABLE payments_old PARTITION OF payments FOR VALUES FROM (0) TO (100);

ALTER TABLE payments DETACH PARTITION payments_old;

DROP TABLE payments;

DROP TABLE currencies;

