-- oracle: the "drop FK if exists" idiom: IF over information_schema picks the statement PREPARE/EXECUTE runs;
-- oracle: a procedure defined between DELIMITER lines does the same when CALLed; the FKs dropped this way are gone.
-- expect: clean
CREATE TABLE accounts (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE members (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, CONSTRAINT members_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)) ENGINE=InnoDB;
CREATE TABLE posts (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, CONSTRAINT posts_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)) ENGINE=InnoDB;
CREATE TABLE tags (id INT NOT NULL PRIMARY KEY, account_id INT NOT NULL, CONSTRAINT tags_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)) ENGINE=InnoDB;
SET @drop_fk = IF((SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'members' AND CONSTRAINT_NAME = 'members_account_fk' AND CONSTRAINT_TYPE = 'FOREIGN KEY') > 0, 'ALTER TABLE members DROP FOREIGN KEY members_account_fk', 'SELECT 1');
PREPARE stmt FROM @drop_fk;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
SET @again = IF((SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'members' AND CONSTRAINT_NAME = 'members_account_fk') > 0, 'ALTER TABLE members DROP FOREIGN KEY members_account_fk', 'SELECT 1');
PREPARE stmt FROM @again;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
SET @sql = 'ALTER TABLE posts DROP FOREIGN KEY posts_account_fk';
PREPARE stmt FROM @sql;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
DELIMITER $$
CREATE PROCEDURE drop_tags_fk()
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'tags' AND CONSTRAINT_NAME = 'tags_account_fk') THEN
    SET @s = 'ALTER TABLE tags DROP FOREIGN KEY tags_account_fk';
    PREPARE st FROM @s;
    EXECUTE st;
    DEALLOCATE PREPARE st;
  END IF;
END$$
DELIMITER ;
CALL drop_tags_fk();
DROP PROCEDURE drop_tags_fk;
DROP TABLE accounts;
