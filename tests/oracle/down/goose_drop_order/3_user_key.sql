-- +goose Up
ALTER TABLE users ADD COLUMN email text;
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
CREATE TABLE invites (id int PRIMARY KEY, email text REFERENCES users (email));

-- +goose Down
-- The unique key goes while invites still reference it (2BP01).
ALTER TABLE users DROP CONSTRAINT users_email_key;
DROP TABLE invites;
ALTER TABLE users DROP COLUMN email;
