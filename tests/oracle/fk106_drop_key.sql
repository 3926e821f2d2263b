-- oracle: FK106 DROP CONSTRAINT of a referenced unique key, and DROP INDEX of a referenced unique index
-- expect: FK106
CREATE TABLE users (id int PRIMARY KEY, email text, handle text);

ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);

CREATE UNIQUE INDEX users_handle_idx ON users (handle);

CREATE TABLE invites (id int PRIMARY KEY, email text REFERENCES users (email));

CREATE TABLE mentions (id int PRIMARY KEY, handle text REFERENCES users (handle));

ALTER TABLE users DROP CONSTRAINT users_email_key;

DROP INDEX users_handle_idx;
