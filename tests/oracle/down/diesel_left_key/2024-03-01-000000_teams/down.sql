ALTER TABLE crates DROP CONSTRAINT crates_owner_id_fkey;
ALTER TABLE crates ADD CONSTRAINT crates_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id);
DROP TABLE teams;
