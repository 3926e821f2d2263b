-- oracle: FK203 a reference column with another type where it has no foreign key
-- expect: FK203
CREATE TABLE tenants (id uuid PRIMARY KEY);

CREATE TABLE projects (id int PRIMARY KEY, tenant_id uuid REFERENCES tenants (id));

CREATE TABLE audit_events (id int PRIMARY KEY, tenant_id text);

CREATE TABLE accounts (id bigint PRIMARY KEY);

CREATE TABLE invoices (id int PRIMARY KEY, account_id bigint REFERENCES accounts (id));

CREATE TABLE exports (id int PRIMARY KEY, account_id integer);
