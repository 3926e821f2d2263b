-- oracle: FK405 the same foreign key twice: two inline REFERENCES on one column, and a table-level repeat
-- expect: FK405
CREATE TABLE users (id int PRIMARY KEY);

CREATE TABLE posts (
    id int PRIMARY KEY,
    author_id int REFERENCES users (id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE comments (
    id int PRIMARY KEY,
    user_id int REFERENCES users,
    body text,
    CONSTRAINT comments_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
