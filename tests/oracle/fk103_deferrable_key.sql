-- oracle: FK103 a DEFERRABLE unique constraint cannot back a foreign key (PostgreSQL only uses immediate keys)
-- expect: FK103
-- regression (a core bug this fixture found, fixed): FK103 does not know that PostgreSQL only uses immediate (non-DEFERRABLE) keys: statement 2 is rejected
-- regression (a core bug this fixture found, fixed): with 55000, fklint reports nothing
CREATE TABLE slots (id int PRIMARY KEY, position int, CONSTRAINT slots_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED);

CREATE TABLE slot_bookings (id int PRIMARY KEY, position int REFERENCES slots (position));
