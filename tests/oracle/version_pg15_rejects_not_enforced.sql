-- oracle: PostgreSQL 15 has SET NULL (columns) but not NOT ENFORCED (18): a key written with it is a syntax error
-- oracle: there, and the table or key it declares does not exist
-- target: postgres-15
-- expect: FK112
CREATE TABLE tenants (id int PRIMARY KEY);
CREATE TABLE users (tenant_id int NOT NULL REFERENCES tenants, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts (
    id int PRIMARY KEY,
    tenant_id int NOT NULL,
    author_id int,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL (author_id)
);
CREATE TABLE drafts (id int PRIMARY KEY, tenant_id int, author_id int);
ALTER TABLE drafts ADD CONSTRAINT drafts_author_fk FOREIGN KEY (tenant_id, author_id) REFERENCES users NOT ENFORCED;
-- The key was not added: dropping what it would reference is accepted.
DROP TABLE users CASCADE;
