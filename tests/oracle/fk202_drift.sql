-- oracle: FK202 types PostgreSQL accepts but that drift: integer → bigint, varchar(36) → varchar(255), text → varchar
-- expect: FK202
CREATE TABLE accounts (id bigint PRIMARY KEY);

CREATE TABLE payments (id int PRIMARY KEY, account_id integer REFERENCES accounts (id));

CREATE TABLE tenants (id varchar(255) PRIMARY KEY);

CREATE TABLE projects (id int PRIMARY KEY, tenant_id varchar(36));

ALTER TABLE projects ADD CONSTRAINT projects_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id);

CREATE TABLE "Labels" ("Code" varchar(20) PRIMARY KEY);

CREATE TABLE labelled ("LabelCode" text REFERENCES "Labels" ("Code"));
