-- +goose Up
-- +goose StatementBegin
CREATE TABLE comments (id int PRIMARY KEY, post_id int NOT NULL REFERENCES posts (id) ON DELETE CASCADE);
-- +goose StatementEnd

-- +goose Down
DROP TABLE comments;
