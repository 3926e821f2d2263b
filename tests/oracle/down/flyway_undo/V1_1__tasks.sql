CREATE TABLE tasks (id bigint PRIMARY KEY, project_id bigint REFERENCES projects (id));
