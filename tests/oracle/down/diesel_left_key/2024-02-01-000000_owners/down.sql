-- This file should undo anything in `up.sql`: it forgets the column and its key.
DROP INDEX crates_owner_idx;
