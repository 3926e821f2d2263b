-- oracle: the foreign keys of partitioned tables as pg_constraint lists them: a partition's copy of its parent's key is not a key of its own (a matching key of an attached partition merges into the parent's), a detached partition's copy becomes one, named as the parent's
-- expect: clean
CREATE TABLE countries (code text PRIMARY KEY);

CREATE TABLE sales (id int, country text REFERENCES countries, PRIMARY KEY (id)) PARTITION BY RANGE (id);

CREATE TABLE sales_2024 PARTITION OF sales FOR VALUES FROM (0) TO (100);

CREATE TABLE sales_2025 (id int NOT NULL, country text, CONSTRAINT sales_2025_country_fk FOREIGN KEY (country) REFERENCES countries);

ALTER TABLE sales ATTACH PARTITION sales_2025 FOR VALUES FROM (100) TO (200);

CREATE TABLE sales_2026 (id int NOT NULL, country text);

ALTER TABLE sales ATTACH PARTITION sales_2026 FOR VALUES FROM (200) TO (300);

CREATE TABLE sales_2027 (id int NOT NULL, country text REFERENCES countries ON DELETE CASCADE);

ALTER TABLE sales ATTACH PARTITION sales_2027 FOR VALUES FROM (300) TO (400);

ALTER TABLE sales DETACH PARTITION sales_2024;

ALTER TABLE sales DETACH PARTITION sales_2025;

CREATE INDEX ON sales_2024 (country);

CREATE INDEX ON sales_2025 (country);

CREATE INDEX ON sales (country);
