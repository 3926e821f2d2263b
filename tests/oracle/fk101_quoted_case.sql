-- oracle: FK101 ALTER TABLE ADD CONSTRAINT with the wrong letter case of a quoted mixed-case table
-- expect: FK101
CREATE TABLE "Users" ("Id" int PRIMARY KEY);

CREATE TABLE posts (id int PRIMARY KEY, author_id int);

-- Unquoted Users folds to users, which does not exist.
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES Users ("Id");

-- Quoted lower case does not exist either.
ALTER TABLE posts ADD CONSTRAINT posts_author_fk2 FOREIGN KEY (author_id) REFERENCES "users" ("Id");

-- Valid: as created.
ALTER TABLE posts ADD CONSTRAINT posts_author_ok FOREIGN KEY (author_id) REFERENCES "Users" ("Id");
