-- oracle: seed 002: `tenant_users.role_id` references `tenant_roles`, a table the initial migration declared but
-- oracle: that never existed; the other references are right.
-- expect: FK101@9
CREATE TABLE tenants (id VARCHAR(36) NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE users (id VARCHAR(36) NOT NULL PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE tenant_users (id VARCHAR(36) NOT NULL PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL, FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
  user_id VARCHAR(36) NOT NULL, FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  role_id VARCHAR(36), CONSTRAINT tenant_users_role_id_fkey FOREIGN KEY (role_id) REFERENCES tenant_roles (id)
) ENGINE=InnoDB;
