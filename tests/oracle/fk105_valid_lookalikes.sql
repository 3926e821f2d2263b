-- oracle: valid look-alikes of FK105: the foreign key added after both tables exist; partitions and their parent
-- expect: clean
CREATE TABLE orders (id int PRIMARY KEY, customer_id int);

CREATE TABLE customers (id int PRIMARY KEY);

ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);

-- A partitioned table with a foreign key, and its partitions created afterwards.
CREATE TABLE events (
    id bigint,
    customer_id int REFERENCES customers (id),
    happened date NOT NULL
) PARTITION BY RANGE (happened);

CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- A foreign key to a partitioned table (its key includes the partition key).
CREATE TABLE ledgers (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);

CREATE TABLE ledgers_us PARTITION OF ledgers FOR VALUES IN ('us');

CREATE TABLE entries (id int PRIMARY KEY, ledger_id int, region text, FOREIGN KEY (ledger_id, region) REFERENCES ledgers (id, region));
