-- oracle: REFERENCES `user` where the table is `users` (the seeds' typo), and a table that never existed:
-- oracle: with FOREIGN_KEY_CHECKS=1 MariaDB rejects both (errno 150); FK101 with a did-you-mean.
-- expect: FK101
CREATE TABLE users (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE posts (
  id INT NOT NULL PRIMARY KEY,
  user_id INT NOT NULL,
  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES user (id)
) ENGINE=InnoDB;
CREATE TABLE memberships (
  id INT NOT NULL PRIMARY KEY,
  tenant_id INT NOT NULL,
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB;
CREATE TABLE Users_Archive (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE archived_posts (
  id INT NOT NULL PRIMARY KEY,
  user_id INT NOT NULL,
  FOREIGN KEY (user_id) REFERENCES users_archive (id)
) ENGINE=InnoDB;
