ALTER TABLE projects ADD COLUMN owner_tenant bigint REFERENCES tenants (id);
