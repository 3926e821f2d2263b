-- oracle: MySQL/MariaDB keep constraint names of up to 64 characters and reject a longer one (error 1059) instead of
-- oracle: truncating it as PostgreSQL does; drizzle-kit's generated foreign key names reach 65 characters.
-- expect: FK611
CREATE TABLE custom_widget_definition (id INT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE custom_widget_secret (id INT PRIMARY KEY, definition_id INT) ENGINE=InnoDB;
ALTER TABLE custom_widget_secret ADD CONSTRAINT custom_widget_secret_definition_id_custom_widget_definition_id_fk FOREIGN KEY (definition_id) REFERENCES custom_widget_definition (id) ON DELETE CASCADE;
ALTER TABLE custom_widget_secret ADD CONSTRAINT custom_widget_secret_definition_id_custom_widget_definition_i_fk FOREIGN KEY (definition_id) REFERENCES custom_widget_definition (id) ON DELETE CASCADE;
