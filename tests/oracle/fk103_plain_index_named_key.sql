-- oracle: FK103 a plain (non-unique) index where a unique one was meant, named as PostgreSQL names unique keys
-- expect: FK103
-- regression (a core bug this fixture found, fixed): FK103's fix adds `CONSTRAINT members_email_key UNIQUE (email)` without checking the name: a relation
-- regression (a core bug this fixture found, fixed): (the plain index) already has it, so the forward SQL and the edited migration fail with 42P07
CREATE TABLE members (id int PRIMARY KEY, email text NOT NULL);

CREATE INDEX members_email_key ON members (email);

CREATE TABLE newsletters (id int PRIMARY KEY, member_email text REFERENCES members (email));
