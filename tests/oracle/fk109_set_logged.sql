-- oracle: FK109 ALTER TABLE SET LOGGED of a table that references an unlogged one, SET UNLOGGED of a table that a permanent one references; references to itself do not count, and a table already so is left alone
-- expect: FK109
CREATE UNLOGGED TABLE sessions (id int PRIMARY KEY);

CREATE UNLOGGED TABLE session_events (id int PRIMARY KEY, session_id int REFERENCES sessions (id), parent_id int REFERENCES session_events (id));

ALTER TABLE session_events SET LOGGED;

ALTER TABLE sessions SET LOGGED;

ALTER TABLE sessions SET LOGGED;

ALTER TABLE session_events SET LOGGED;

CREATE TABLE users (id int PRIMARY KEY, manager_id int REFERENCES users (id));

CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));

ALTER TABLE users SET UNLOGGED;

ALTER TABLE posts SET UNLOGGED;

ALTER TABLE users SET UNLOGGED;

-- users is unlogged now: a permanent table may not reference it.
CREATE TABLE comments (id int PRIMARY KEY, user_id int REFERENCES users (id));
