-- oracle: valid look-alikes of FK107: columns added in the same ALTER TABLE, renamed columns, quoted names
-- expect: clean
-- regression (a core bug this fixture found, fixed): FK107 false positive: subcommands of one ALTER TABLE are replayed in written order, but PostgreSQL adds
-- regression (a core bug this fixture found, fixed): columns before constraints (statement 9 is accepted; fklint says the column is missing and its fix "Use
-- regression (a core bug this fixture found, fixed): column `approver_id`" changes nothing)
CREATE TABLE users (id int PRIMARY KEY);

CREATE TABLE posts (id int PRIMARY KEY);

ALTER TABLE posts ADD COLUMN author_id int REFERENCES users (id);

ALTER TABLE posts ADD COLUMN editor_id int, ADD CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id);

ALTER TABLE posts ADD COLUMN reviewer int;

ALTER TABLE posts RENAME COLUMN reviewer TO reviewer_id;

ALTER TABLE posts ADD CONSTRAINT posts_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);

CREATE TABLE "Comments" ("Id" int PRIMARY KEY, "PostId" int, FOREIGN KEY ("PostId") REFERENCES posts);

-- In one ALTER TABLE, PostgreSQL adds columns before constraints, whatever the written order.
ALTER TABLE posts ADD CONSTRAINT posts_approver_fk FOREIGN KEY (approver_id) REFERENCES users (id), ADD COLUMN approver_id int;

-- A table-level constraint may come before the column it names.
CREATE TABLE reactions (FOREIGN KEY (post_id) REFERENCES posts (id), post_id int, emoji text);
