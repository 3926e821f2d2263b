-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));

-- +goose Down
-- Drops the parent first: posts_author_id_fkey still needs it (2BP01).
DROP TABLE users;
DROP TABLE posts;
