-- oracle: FK501 literal UPDATEs: a foreign key set to a value no parent row has, a referenced key changed under
-- its children (ON UPDATE NO ACTION / RESTRICT), and the updates PostgreSQL accepts
-- expect: FK501
CREATE TABLE plans (code text PRIMARY KEY, name text NOT NULL DEFAULT 'plan');
CREATE TABLE tenants (
    id      int PRIMARY KEY,
    plan    text NOT NULL DEFAULT 'free' REFERENCES plans (code),
    backup  text REFERENCES plans (code) ON UPDATE CASCADE,
    name    text
);
CREATE TABLE projects (id int PRIMARY KEY, tenant_id int REFERENCES tenants (id) ON UPDATE RESTRICT);
INSERT INTO plans (code) VALUES ('free'), ('pro'), ('team');
INSERT INTO tenants (id, plan, backup, name) VALUES (1, 'free', 'pro', 'One'), (2, 'pro', NULL, 'Two'), (3, DEFAULT, NULL, 'Three');
INSERT INTO projects (id, tenant_id) VALUES (10, 1), (11, 2);
-- A plan that was never inserted.
UPDATE tenants SET plan = 'enterprise' WHERE id = 2;
-- Existing plans, selected by a column that is not a key.
UPDATE tenants SET plan = 'team', name = 'Two (team)' WHERE name = 'Two';
UPDATE tenants SET plan = 'team' WHERE id IN (1, 3);
-- Back to the column default.
UPDATE tenants SET plan = DEFAULT WHERE id = 3;
-- Tenant 1 still has project 10 (ON UPDATE RESTRICT).
UPDATE tenants SET id = 100 WHERE id = 1;
-- Tenant 3 has no project: its key may change, and the old key is gone afterwards.
UPDATE tenants SET id = 300 WHERE id = 3;
INSERT INTO projects (id, tenant_id) VALUES (12, 3);
INSERT INTO projects (id, tenant_id) VALUES (13, 300);
-- A project moved to a tenant that does not exist.
UPDATE projects SET tenant_id = 7 WHERE id = 11;
UPDATE projects SET tenant_id = NULL WHERE id = 11;
-- 'free' is still the plan of tenant 300 (NO ACTION).
UPDATE plans SET code = 'basic' WHERE code = 'free';
-- 'pro' is only a backup plan (ON UPDATE CASCADE): the tenants follow, and their rows are no longer known.
UPDATE plans SET code = 'pro2' WHERE code = 'pro';
-- Nothing matches: nothing changes.
UPDATE tenants SET plan = 'nowhere' WHERE id = 999;
-- A value only the server knows: no finding.
UPDATE tenants SET plan = lower('FREE') WHERE id = 2;
-- After the cascade fklint no longer knows the tenants: no finding, whatever PostgreSQL says.
UPDATE projects SET tenant_id = 1 WHERE id = 11;
