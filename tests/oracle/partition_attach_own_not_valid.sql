-- oracle: FK501 ATTACH PARTITION of a table whose own NOT VALID key matches the partitioned table's valid one:
-- oracle: its rows were never checked, so the ATTACH checks them (23503); a valid own key was checked already
-- expect: FK501
CREATE TABLE accounts (id int PRIMARY KEY);

CREATE TABLE entries (account_id int, day int) PARTITION BY RANGE (day);

CREATE INDEX entries_account_idx ON entries (account_id);

ALTER TABLE entries ADD FOREIGN KEY (account_id) REFERENCES accounts;

CREATE TABLE entries_1 (account_id int, day int);

CREATE INDEX entries_1_account_idx ON entries_1 (account_id);

INSERT INTO entries_1 VALUES (7, 1);

ALTER TABLE entries_1 ADD FOREIGN KEY (account_id) REFERENCES accounts NOT VALID;

ALTER TABLE entries ATTACH PARTITION entries_1 FOR VALUES FROM (0) TO (10);

DELETE FROM entries_1;

ALTER TABLE entries ATTACH PARTITION entries_1 FOR VALUES FROM (0) TO (10);

INSERT INTO accounts VALUES (7);

CREATE TABLE entries_2 (account_id int, day int);

CREATE INDEX entries_2_account_idx ON entries_2 (account_id);

INSERT INTO entries_2 VALUES (7, 11);

ALTER TABLE entries_2 ADD FOREIGN KEY (account_id) REFERENCES accounts;

ALTER TABLE entries ATTACH PARTITION entries_2 FOR VALUES FROM (10) TO (20);
