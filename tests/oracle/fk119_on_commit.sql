-- oracle: FK119 temporary tables emptied or dropped at commit: ON COMMIT DELETE ROWS may not be referenced from a table that is not emptied with it (the COMMIT fails and rolls the block back, so what it created is gone), ON COMMIT DROP tables are gone after the commit
-- expect: FK119 FK101
BEGIN;

CREATE TEMP TABLE cart (id int PRIMARY KEY) ON COMMIT DELETE ROWS;

CREATE TEMP TABLE cart_items (id int PRIMARY KEY, cart_id int REFERENCES cart (id));

COMMIT;

-- The block was rolled back: cart does not exist.
CREATE TEMP TABLE cart_notes (id int PRIMARY KEY, cart_id int REFERENCES cart (id));

-- Both emptied at commit: fine.
BEGIN;

CREATE TEMP TABLE basket (id int PRIMARY KEY) ON COMMIT DELETE ROWS;

CREATE TEMP TABLE basket_items (id int PRIMARY KEY, basket_id int REFERENCES basket (id)) ON COMMIT DELETE ROWS;

COMMIT;

-- The referencing table emptied, the referenced one not: fine.
CREATE TEMP TABLE basket_log (id int PRIMARY KEY, basket_id int REFERENCES basket (id)) ON COMMIT DELETE ROWS;

-- Outside a block the statement is its own transaction, and it is refused.
CREATE TEMP TABLE basket_tags (id int PRIMARY KEY, basket_id int REFERENCES basket (id));

-- ON COMMIT DROP: gone at the end of its transaction.
BEGIN;

CREATE TEMP TABLE scratch (id int PRIMARY KEY) ON COMMIT DROP;

CREATE TEMP TABLE scratch_rows (id int PRIMARY KEY, scratch_id int REFERENCES scratch (id));

COMMIT;

-- scratch_rows stays, without its foreign key (dropped with CASCADE).
INSERT INTO scratch_rows VALUES (1, 42);
