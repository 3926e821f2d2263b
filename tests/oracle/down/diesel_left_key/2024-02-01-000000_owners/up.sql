ALTER TABLE crates ADD COLUMN owner_id integer REFERENCES users (id);
CREATE INDEX crates_owner_idx ON crates (owner_id);
