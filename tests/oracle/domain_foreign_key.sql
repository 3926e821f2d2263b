-- oracle: a domain's constraints are read as a column's, but a domain cannot have a foreign key: CREATE DOMAIN
-- oracle: ... REFERENCES is rejected (42601, "foreign key constraints not possible for domains") and the domain
-- oracle: does not exist afterwards, so a domain of that name can still be created
-- expect: FK001
CREATE TABLE users (id int PRIMARY KEY);
CREATE DOMAIN user_ref AS int CONSTRAINT user_ref_fk REFERENCES users (id);
CREATE DOMAIN user_ref AS int CHECK (VALUE > 0);
CREATE TABLE posts (id int PRIMARY KEY, author user_ref REFERENCES users);
