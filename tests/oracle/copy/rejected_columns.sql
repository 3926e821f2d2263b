-- oracle: the table exists but the COPY names a column it does not have, a generated column, a column twice, or
-- oracle: a generated column (or the whole row) in its WHERE: rejected before any data is read, so the lines
-- oracle: after it run as SQL
CREATE TABLE parents (id int PRIMARY KEY);
CREATE TABLE items (id int PRIMARY KEY, twice int GENERATED ALWAYS AS (id * 2) STORED);
COPY items (id, nope) FROM stdin;
CREATE TABLE a1 (id int PRIMARY KEY, p int REFERENCES parents);
\.
COPY items (id, twice) FROM stdin;
CREATE TABLE a2 (id int PRIMARY KEY, p int REFERENCES parent);
\.
COPY items FROM stdin WHERE twice > 2;
ALTER TABLE a1 ADD CONSTRAINT a1_id_fkey FOREIGN KEY (id) REFERENCES parents;
\.
COPY items (id, id) FROM stdin;
DROP TABLE parents;
\.
COPY items FROM stdin WHERE items IS NOT NULL;
CREATE TABLE a3 (id int PRIMARY KEY, p int REFERENCES parents (nope));
\.
