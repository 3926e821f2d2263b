-- oracle: PostgreSQL 18 adds a NOT VALID foreign key to a partitioned table
-- target: postgres-18
-- expect: clean
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE events (id int, user_id int, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY (user_id) REFERENCES users NOT VALID;
ALTER TABLE events VALIDATE CONSTRAINT events_user_fk;
