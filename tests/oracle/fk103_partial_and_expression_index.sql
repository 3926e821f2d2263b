-- oracle: FK103 a partial unique index and an expression unique index cannot back a foreign key
-- expect: FK103
CREATE TABLE users (id int PRIMARY KEY, email text, handle text);

CREATE UNIQUE INDEX users_email_active ON users (email) WHERE email IS NOT NULL;

CREATE UNIQUE INDEX users_handle_lower ON users (lower(handle));

CREATE TABLE invites (id int PRIMARY KEY, email text REFERENCES users (email));

CREATE TABLE mentions (id int PRIMARY KEY, handle text REFERENCES users (handle));
