-- oracle: a permanent table cannot reference an UNLOGGED table (42P16); no fklint rule covers it yet
-- expect:
-- regression (a core bug this fixture found, fixed): gap: no rule knows that a permanent table cannot reference an UNLOGGED one (42P16)
CREATE UNLOGGED TABLE sessions (id uuid PRIMARY KEY);

CREATE TABLE audit_log (id bigint PRIMARY KEY, session_id uuid REFERENCES sessions (id));

-- Valid: unlogged to unlogged, and unlogged to permanent.
CREATE UNLOGGED TABLE session_events (id bigint PRIMARY KEY, session_id uuid REFERENCES sessions (id));

CREATE TABLE users (id int PRIMARY KEY);

CREATE UNLOGGED TABLE user_cache (user_id int PRIMARY KEY REFERENCES users (id));
