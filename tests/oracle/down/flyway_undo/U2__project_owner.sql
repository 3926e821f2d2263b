ALTER TABLE projects DROP COLUMN owner_tenant;
