-- oracle: before PostgreSQL 18 a NOT VALID foreign key cannot be added to a partitioned table (42809); to a
-- oracle: partition it can, and in CREATE TABLE NOT VALID is accepted and means nothing
-- target: postgres-15
-- expect: FK112
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE events (id int, user_id int, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY (user_id) REFERENCES users NOT VALID;
ALTER TABLE events_2024 ADD CONSTRAINT events_2024_user_fk FOREIGN KEY (user_id) REFERENCES users NOT VALID;
CREATE TABLE logs (id int, user_id int, at date, FOREIGN KEY (user_id) REFERENCES users NOT VALID) PARTITION BY RANGE (at);
-- The key was not added: its name is free.
ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY (user_id) REFERENCES users;
