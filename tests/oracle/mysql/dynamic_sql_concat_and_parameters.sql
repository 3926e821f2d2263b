-- oracle: the idioms of real MySQL projects put the statement together at run time: CONCAT of variables set from
-- oracle: literals under (SELECT IF(<information_schema test>, ...)), and a DropFK(table, name) procedure whose
-- oracle: CALL passes literals, and IF(@exist > 0, ...) on a variable that counted rows of information_schema; the
-- oracle: keys dropped this way are gone and the keys added after them are the only ones.
-- expect: clean
CREATE TABLE accounts (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE members (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, owner_id INT NOT NULL, CONSTRAINT members_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id), CONSTRAINT members_owner_fk FOREIGN KEY (owner_id) REFERENCES accounts (id)) ENGINE=InnoDB;
SET @dbname = DATABASE();
SET @tablename = 'members';
SET @fkname = 'members_account_fk';
SET @preparedStatement = (SELECT IF(
  (SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
    WHERE TABLE_SCHEMA = @dbname AND TABLE_NAME = @tablename AND CONSTRAINT_NAME = @fkname) > 0,
  CONCAT('ALTER TABLE ', @tablename, ' DROP FOREIGN KEY ', @fkname, ';'),
  'SELECT 1'
));
PREPARE alterIfExists FROM @preparedStatement;
EXECUTE alterIfExists;
DEALLOCATE PREPARE alterIfExists;
DELIMITER $$
DROP PROCEDURE IF EXISTS DropFK $$
CREATE PROCEDURE DropFK(IN tableName VARCHAR(64), IN constraintName VARCHAR(64))
BEGIN
  IF EXISTS(SELECT * FROM information_schema.table_constraints WHERE table_schema = DATABASE() AND table_name = tableName AND constraint_name = constraintName AND constraint_type = 'FOREIGN KEY') THEN
    SET @query = CONCAT('ALTER TABLE ', tableName, ' DROP FOREIGN KEY ', constraintName, ';');
    PREPARE stmt FROM @query;
    EXECUTE stmt;
    DEALLOCATE PREPARE stmt;
  END IF;
END$$
DELIMITER ;
CALL DropFK('members', 'members_owner_fk');
DROP PROCEDURE DropFK;
ALTER TABLE members ADD CONSTRAINT members_account_fk2 FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE members ADD CONSTRAINT members_owner_fk2 FOREIGN KEY (owner_id) REFERENCES accounts (id) ON DELETE CASCADE;
CREATE TABLE tags (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, CONSTRAINT tags_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)) ENGINE=InnoDB;
SET @exist := (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'tags' AND CONSTRAINT_NAME = 'tags_account_fk');
SET @sqlstmt := IF(@exist > 0, 'ALTER TABLE tags DROP FOREIGN KEY tags_account_fk', 'SELECT ''no such key''');
PREPARE stmt FROM @sqlstmt;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
ALTER TABLE tags ADD CONSTRAINT tags_account_cascade_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;
