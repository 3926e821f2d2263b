-- oracle: MySQL on Linux (lower_case_table_names=0): table names are case-sensitive, column names are not. An
-- oracle: FK to `users` when the table is `Users` is rejected (FK101 with the case as the suggestion); `(ID)` for
-- oracle: the column `Id` is fine.
-- expect: FK101
CREATE TABLE Users (Id int NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE Posts (
  id int NOT NULL PRIMARY KEY,
  UserId int NOT NULL,
  FOREIGN KEY (userid) REFERENCES Users (ID)
) ENGINE=InnoDB;
CREATE TABLE Comments (
  id int NOT NULL PRIMARY KEY,
  UserId int NOT NULL,
  FOREIGN KEY (UserId) REFERENCES users (Id)
) ENGINE=InnoDB;
