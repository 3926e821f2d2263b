ALTER TABLE sessions DROP CONSTRAINT sessions_user_fk;
ALTER TABLE sessions RENAME COLUMN user_id TO account_id;
-- The key comes back before its table does (42P01).
ALTER TABLE sessions ADD CONSTRAINT sessions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
CREATE TABLE accounts (id bigint PRIMARY KEY);
DROP TABLE users;
