-- oracle: the column list of ON DELETE SET NULL / SET DEFAULT may name only columns of the foreign key: one the
-- oracle: table lacks is 42703, one outside the key is 42P10; the rejected CREATE leaves no table behind
-- expect: FK107
CREATE TABLE tenants (tenant_id int, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts (tenant_id int, author_id int, note int,
  FOREIGN KEY (tenant_id, author_id) REFERENCES tenants ON DELETE SET NULL (editor_id));
CREATE TABLE posts (tenant_id int, author_id int, note int,
  FOREIGN KEY (tenant_id, author_id) REFERENCES tenants ON DELETE SET NULL (note));
CREATE TABLE posts (tenant_id int, author_id int DEFAULT 0, note int,
  FOREIGN KEY (tenant_id, author_id) REFERENCES tenants ON DELETE SET DEFAULT (author_id, author_id));
DROP TABLE posts;
DROP TABLE tenants;
