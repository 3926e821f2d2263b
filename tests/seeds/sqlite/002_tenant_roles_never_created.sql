-- oracle: seed 002 in SQLite: `tenant_users.role_id` references `tenant_roles`, which never existed.
-- expect: FK101@8
CREATE TABLE tenants (id TEXT NOT NULL PRIMARY KEY);
CREATE TABLE users (id TEXT NOT NULL PRIMARY KEY);
CREATE TABLE tenant_users (id TEXT NOT NULL PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id TEXT REFERENCES tenant_roles (id)
);
