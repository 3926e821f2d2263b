-- oracle: FK501 and functions the migrations define: defining one changes no row (the seed row is still judged),
-- calling one may write any row (nothing is judged after it)
-- expect: FK501
CREATE TABLE roles (id text PRIMARY KEY);
CREATE TABLE members (id int PRIMARY KEY, role_id text REFERENCES roles (id));
CREATE FUNCTION add_role(name text) RETURNS void LANGUAGE sql AS $$ INSERT INTO roles (id) VALUES (name) $$;
COMMENT ON FUNCTION add_role(text) IS 'adds a role';
INSERT INTO roles (id) VALUES ('admin');
INSERT INTO members (id, role_id) VALUES (1, 'admin'), (2, 'owner');
SELECT add_role('guest');
INSERT INTO members (id, role_id) VALUES (3, 'guest');
