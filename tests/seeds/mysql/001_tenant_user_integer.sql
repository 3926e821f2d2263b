-- oracle: seed 001 (SQLAlchemy models) in MySQL: Integer FK columns to `tenant`/`user`, where the tables are
-- oracle: `tenants` (VARCHAR(255) key) and `users` (CHAR(36) uuid key): a missing table and a type mismatch each.
-- expect: FK101@7 FK201@7 FK101@8 FK201@8
CREATE TABLE tenants (id VARCHAR(255) NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL) ENGINE=InnoDB;
CREATE TABLE users (id CHAR(36) NOT NULL PRIMARY KEY, email VARCHAR(255) NOT NULL) ENGINE=InnoDB;
CREATE TABLE api_keys (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id INT NOT NULL, CONSTRAINT api_keys_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id),
  user_id INT NOT NULL, CONSTRAINT api_keys_user_fk FOREIGN KEY (user_id) REFERENCES user (id)
) ENGINE=InnoDB;
