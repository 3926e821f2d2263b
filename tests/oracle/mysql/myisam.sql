-- oracle: MyISAM has no foreign keys: MariaDB parses the FK of a MyISAM table and drops it (FK703 warning; the
-- oracle: graph shows no key), even one to a missing table; an InnoDB table cannot reference a MyISAM one
-- oracle: (errno 150, FK703 error).
-- expect: FK703
CREATE TABLE legacy_users (id int NOT NULL PRIMARY KEY) ENGINE=MyISAM;
CREATE TABLE legacy_posts (
  id int NOT NULL PRIMARY KEY,
  user_id int NOT NULL,
  ghost_id int,
  FOREIGN KEY (user_id) REFERENCES legacy_users (id),
  FOREIGN KEY (ghost_id) REFERENCES ghosts (id)
) ENGINE=MyISAM;
CREATE TABLE new_comments (
  id int NOT NULL PRIMARY KEY,
  user_id int NOT NULL,
  FOREIGN KEY (user_id) REFERENCES legacy_users (id)
) ENGINE=InnoDB;
