CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE sessions (id bigint PRIMARY KEY, account_id bigint CONSTRAINT sessions_account_fk REFERENCES accounts (id));
