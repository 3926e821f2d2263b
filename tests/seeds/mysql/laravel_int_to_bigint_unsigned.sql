-- oracle: the Laravel case: `$table->id()` is BIGINT UNSIGNED, `$table->integer('user_id')` an INT: MariaDB
-- oracle: rejects the FK (errno 150); the fix is BIGINT UNSIGNED (`foreignId`).
-- expect: FK201@6
CREATE TABLE users (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE posts (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT NOT NULL, CONSTRAINT posts_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
