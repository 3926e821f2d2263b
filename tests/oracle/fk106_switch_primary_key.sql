-- oracle: FK106 switching the primary key: a UNIQUE on the old key column is added, then the old primary key is dropped;
-- oracle: the foreign key still depends on the primary key's index, so PostgreSQL rejects the DROP CONSTRAINT
-- expect: FK106
-- regression (a core bug this fixture found, fixed): FK106 treats any key on the same columns as a substitute (`other_key_covers` in catalog/alter.rs), but a
-- regression (a core bug this fixture found, fixed): foreign key depends on the one index PostgreSQL chose when it was created: dropping accounts_pkey is
-- regression (a core bug this fixture found, fixed): rejected (2BP01), fklint reports nothing
CREATE TABLE accounts (id int PRIMARY KEY, uid uuid NOT NULL);

CREATE TABLE payments (id int PRIMARY KEY, account_id int REFERENCES accounts (id));

ALTER TABLE accounts ADD CONSTRAINT accounts_id_key UNIQUE (id);

ALTER TABLE accounts DROP CONSTRAINT accounts_pkey;
