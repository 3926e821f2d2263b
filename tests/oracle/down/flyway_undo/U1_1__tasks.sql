-- Drops a column other keys do not need, leaves the table and its key.
ALTER TABLE tasks DROP COLUMN id;
