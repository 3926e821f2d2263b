-- oracle: FK101 inline REFERENCES to the singular name of a plural table
-- expect: FK101
CREATE TABLE tenants (id bigint PRIMARY KEY, name text NOT NULL);

CREATE TABLE projects (
    id bigint PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenant (id),
    title text
);
