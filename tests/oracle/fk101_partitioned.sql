-- oracle: FK101 a partitioned table whose foreign key names a missing table
-- expect: FK101
CREATE TABLE devices (id int PRIMARY KEY);

CREATE TABLE readings (
    device_id int NOT NULL REFERENCES device (id),
    taken_at date NOT NULL,
    value numeric
) PARTITION BY RANGE (taken_at);
