CREATE TABLE crates (id serial PRIMARY KEY, name text NOT NULL);
