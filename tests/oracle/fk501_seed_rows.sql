-- oracle: FK501 literal seed rows whose parent row does not exist at that point (23503), next to rows that are fine
-- expect: FK501
CREATE TABLE tenants (id varchar(36) PRIMARY KEY, name text NOT NULL DEFAULT 'unnamed', plan text DEFAULT 'free');
CREATE TABLE users (id varchar(36) PRIMARY KEY, email text NOT NULL UNIQUE, name text);
CREATE TABLE tenant_users (
    id        serial PRIMARY KEY,
    tenant_id varchar(36) NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id   varchar(36) REFERENCES users (id),
    UNIQUE (tenant_id, user_id)
);
INSERT INTO tenants (id, name) VALUES ('t-main', 'Main'), ('t-shared', 'Shared')
ON CONFLICT (id) DO NOTHING;
INSERT INTO users (id, email, name) VALUES ('demo-user-id', 'demo@example.com', 'Old');
-- The upsert keeps 'demo-user-id': 'user-demo-main' is never inserted.
INSERT INTO users (id, email, name) VALUES ('user-demo-main', 'demo@example.com', 'Demo'), ('user-2', 'two@example.com', 'Two')
ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name;
INSERT INTO tenant_users (tenant_id, user_id) VALUES ('t-main', 'demo-user-id'), ('t-main', 'user-2');
INSERT INTO tenant_users (tenant_id, user_id) VALUES ('t-shared', 'user-demo-main');
-- A tenant that was never inserted (the parent row can be written from its key alone).
INSERT INTO tenant_users (tenant_id, user_id) VALUES ('t-missing', 'user-2');
-- NULL in the FK column: MATCH SIMPLE does not check the row.
INSERT INTO tenant_users (tenant_id, user_id) VALUES ('t-shared', NULL);
-- The parent inserted by the same statement's SELECT of literals.
INSERT INTO tenants (id) SELECT 't-later' UNION ALL SELECT 't-other';
INSERT INTO tenant_users (tenant_id, user_id) VALUES ('t-later', 'user-2'), ('t-other', DEFAULT);
-- Child before parent: the tenants INSERT below has to come first.
INSERT INTO tenant_users (tenant_id, user_id) VALUES ('t-last', 'user-2');
INSERT INTO tenants (id, name) VALUES ('t-last', 'Last');
-- Deleting a tenant that a membership still references: tenant_users cascades, projects does not.
CREATE TABLE projects (id int PRIMARY KEY, tenant_id varchar(36) REFERENCES tenants (id));
INSERT INTO projects (id, tenant_id) VALUES (1, 't-main'), (2, 't-other');
DELETE FROM tenants WHERE id = 't-main';
DELETE FROM projects WHERE id IN (1, 3);
DELETE FROM tenants WHERE id = 't-main';
DELETE FROM tenants WHERE id = 't-later';
INSERT INTO tenant_users (tenant_id, user_id) VALUES ('t-later', 'user-2');
