-- oracle: FK109 a key is judged with the persistence its tables have when it is declared: a later SET LOGGED of the referenced table does not make the earlier refusal go away (and the key never existed)
-- expect: FK109
CREATE UNLOGGED TABLE sessions (id int PRIMARY KEY);

CREATE TABLE audit_log (session_id int REFERENCES sessions (id));

ALTER TABLE sessions SET LOGGED;

CREATE TABLE audit_log (session_id int REFERENCES sessions (id));

CREATE UNLOGGED TABLE scratch (id int PRIMARY KEY);

CREATE TABLE keep (scratch_id int);

ALTER TABLE keep ADD FOREIGN KEY (scratch_id) REFERENCES scratch (id);

ALTER TABLE scratch SET LOGGED;

ALTER TABLE keep ADD FOREIGN KEY (scratch_id) REFERENCES scratch (id);
