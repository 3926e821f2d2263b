CREATE TABLE audit (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id) ON DELETE SET NULL);
