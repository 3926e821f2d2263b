-- oracle: FK501 stays silent when anything is unknown: generated keys, subqueries, functions, deferred constraints
-- expect: clean
CREATE TABLE accounts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), code int UNIQUE, label text);
CREATE TABLE regions (id integer PRIMARY KEY, name text);
CREATE TABLE invoices (
    id         serial PRIMARY KEY,
    account_id uuid REFERENCES accounts (id),
    code       int REFERENCES accounts (code) DEFERRABLE INITIALLY DEFERRED,
    region_id  int REFERENCES regions (id)
);
INSERT INTO accounts (code, label) VALUES (1, 'one'), (2, 'two');
INSERT INTO invoices (account_id) VALUES ((SELECT id FROM accounts WHERE code = 1));
INSERT INTO regions (id, name) VALUES (1, 'North'), ('2', 'South'), (+3, 'East');
INSERT INTO invoices (region_id) VALUES ('1'), (2::int), (3), (NULL);
INSERT INTO regions (id, name) SELECT g, 'r' || g FROM generate_series(10, 12) AS g;
INSERT INTO invoices (region_id) VALUES (11);
BEGIN;
INSERT INTO invoices (code) VALUES (3);
INSERT INTO accounts (code) VALUES (3);
COMMIT;
UPDATE regions SET id = 20 WHERE id = 10;
INSERT INTO regions (id, name) VALUES (30, 'x') ON CONFLICT (id) DO UPDATE SET name = 'y';
INSERT INTO invoices (region_id) VALUES (30);
