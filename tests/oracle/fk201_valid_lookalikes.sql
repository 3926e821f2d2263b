-- oracle: valid look-alikes of FK201: types PostgreSQL accepts (some drift), domains, serial keys
-- expect: clean
CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id bigint PRIMARY KEY);
CREATE TABLE c (id varchar(36) PRIMARY KEY);
CREATE TABLE d (id text PRIMARY KEY);
CREATE TABLE e (id serial PRIMARY KEY);
CREATE TABLE f (id uuid PRIMARY KEY);

CREATE TABLE refs_int_to_bigint (x int REFERENCES b (id));
CREATE TABLE refs_bigint_to_int (x bigint REFERENCES a (id));
CREATE TABLE refs_smallint_to_int (x smallint REFERENCES a (id));
CREATE TABLE refs_text_to_varchar (x text REFERENCES c (id));
CREATE TABLE refs_varchar_to_text (x varchar(10) REFERENCES d (id));
CREATE TABLE refs_int_to_serial (x integer REFERENCES e (id));

CREATE DOMAIN user_ref AS uuid;
CREATE TABLE refs_domain_to_uuid (x user_ref REFERENCES f (id));
