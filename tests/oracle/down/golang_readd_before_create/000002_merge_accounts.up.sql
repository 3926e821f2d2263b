ALTER TABLE sessions DROP CONSTRAINT sessions_account_fk;
DROP TABLE accounts;
CREATE TABLE users (id bigint PRIMARY KEY);
ALTER TABLE sessions RENAME COLUMN account_id TO user_id;
ALTER TABLE sessions ADD CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
