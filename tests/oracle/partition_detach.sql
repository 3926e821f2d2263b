-- oracle: FK501 DETACH PARTITION of a referenced partitioned table is refused while a known row references a row of that partition (whatever the ON DELETE action); a detached partition's rows are no longer the parent's, and come back with ATTACH PARTITION; a partition detached and dropped takes its rows away
-- expect: FK501
CREATE TABLE accounts (id int PRIMARY KEY) PARTITION BY RANGE (id);

CREATE TABLE accounts_a PARTITION OF accounts FOR VALUES FROM (0) TO (10);

CREATE TABLE accounts_b PARTITION OF accounts FOR VALUES FROM (10) TO (20);

CREATE TABLE payments (id int PRIMARY KEY, account_id int REFERENCES accounts ON DELETE CASCADE);

INSERT INTO accounts VALUES (1), (2), (15);

INSERT INTO payments VALUES (1, 15);

-- No payment references a row of accounts_a.
ALTER TABLE accounts DETACH PARTITION accounts_a;

-- Payment 1 references account 15, a row of accounts_b.
ALTER TABLE accounts DETACH PARTITION accounts_b;

-- Account 1 left with accounts_a.
INSERT INTO payments VALUES (2, 1);

DELETE FROM accounts_a WHERE id = 1;

-- Account 2 comes back with its partition.
ALTER TABLE accounts ATTACH PARTITION accounts_a FOR VALUES FROM (0) TO (10);

INSERT INTO payments VALUES (3, 2);

-- Detached, then dropped: its rows are gone.
DELETE FROM payments WHERE id = 1;

ALTER TABLE accounts DETACH PARTITION accounts_b;

DROP TABLE accounts_b;

INSERT INTO payments VALUES (4, 15);
