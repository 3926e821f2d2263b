-- oracle: FK101 table-level FOREIGN KEY and named constraint to a table that only exists in another schema
-- expect: FK101
CREATE SCHEMA auth;

CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);

-- `users` resolves through search_path ("$user", public): there is no public.users.
CREATE TABLE profiles (
    user_id uuid PRIMARY KEY,
    bio text,
    FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE sessions (
    id bigint PRIMARY KEY,
    user_id uuid NOT NULL,
    CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES public.users (id)
);

-- Valid: the qualified name.
CREATE TABLE tokens (token text PRIMARY KEY, user_id uuid REFERENCES auth.users (id));
