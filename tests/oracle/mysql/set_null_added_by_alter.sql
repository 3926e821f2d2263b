-- oracle: a SET NULL key added by ALTER TABLE to a column created NOT NULL: InnoDB refuses it (errno 150, FK401
-- oracle: error); the fix makes the column nullable (MODIFY ... NULL) and runs the ALTER again.
-- expect: FK401
CREATE TABLE users (id int NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE posts (id int NOT NULL PRIMARY KEY, user_id int NOT NULL) ENGINE=InnoDB;
ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;
