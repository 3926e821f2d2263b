-- oracle: FK118 ATTACH PARTITION of a table that a foreign key of the partitioned table references is refused
-- oracle: (0A000), whether the key is the table's own or one it holds as a partition of another; a key of one
-- oracle: of its partitions does not stop it
-- expect: FK118
CREATE TABLE accounts (id int PRIMARY KEY);

CREATE TABLE ledger (id int REFERENCES accounts) PARTITION BY LIST (id);

ALTER TABLE ledger ATTACH PARTITION accounts FOR VALUES IN (1);

-- A key of the grandparent: the middle level holds it too.
CREATE TABLE journal (id int, region int) PARTITION BY LIST (region);

CREATE TABLE journal_accounts (id int PRIMARY KEY, region int);

ALTER TABLE journal ADD FOREIGN KEY (id) REFERENCES journal_accounts;

CREATE TABLE journal_east PARTITION OF journal FOR VALUES IN (1) PARTITION BY LIST (id);

ALTER TABLE journal_east ATTACH PARTITION journal_accounts FOR VALUES IN (1);

-- Only a partition's own key references it: attaching it elsewhere in the tree is accepted.
CREATE TABLE owners (id int PRIMARY KEY, region int);

CREATE TABLE assets (id int, region int) PARTITION BY LIST (region);

CREATE TABLE assets_west PARTITION OF assets FOR VALUES IN (2);

ALTER TABLE assets_west ADD FOREIGN KEY (id) REFERENCES owners;

ALTER TABLE assets ATTACH PARTITION owners FOR VALUES IN (3);
