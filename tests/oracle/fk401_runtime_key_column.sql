-- oracle: FK401 at run time: SET NULL on a primary-key column; deleting or re-keying the parent fails with 23502
-- expect: FK401
-- regression (a core bug this fixture found, fixed): the two FK401 forward fixes (ON DELETE and ON UPDATE of one constraint) each drop and re-create the
-- regression (a core bug this fixture found, fixed): constraint from its original definition, so applied together the second one puts back the first
-- regression (a core bug this fixture found, fixed): one's SET NULL: the DELETE still fails with 23502
-- runtime DELETE: DELETE FROM boards WHERE id = 1
-- runtime UPDATE: UPDATE boards SET id = 2 WHERE id = 1
CREATE TABLE boards (id int PRIMARY KEY);

CREATE TABLE board_members (
    board_id int REFERENCES boards (id) ON DELETE SET NULL ON UPDATE SET NULL,
    user_id int,
    PRIMARY KEY (board_id, user_id)
);

INSERT INTO boards VALUES (1);

INSERT INTO board_members VALUES (1, 7);
