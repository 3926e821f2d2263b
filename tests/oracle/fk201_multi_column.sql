-- oracle: FK201 one column of a table-level multi-column foreign key has an incompatible type
-- expect: FK201
CREATE TABLE members (tenant_id int, id uuid, PRIMARY KEY (tenant_id, id));

CREATE TABLE notes (
    id int PRIMARY KEY,
    tenant_id int,
    member_id text,
    FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)
);
