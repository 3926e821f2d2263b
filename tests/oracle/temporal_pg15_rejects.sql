-- oracle: PostgreSQL 15 has neither WITHOUT OVERLAPS keys nor PERIOD foreign keys (18): each is a syntax error
-- oracle: there, and the table or key it declares does not exist
-- target: postgres-15
-- expect: FK112 FK101
CREATE TABLE rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE plain_rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at));
ALTER TABLE plain_rooms ADD CONSTRAINT plain_rooms_temporal UNIQUE (id, valid_at WITHOUT OVERLAPS);
CREATE TABLE bookings (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES plain_rooms (id, PERIOD valid_at));
CREATE TABLE stays (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, valid_at) REFERENCES rooms);
-- None of them exists: these are accepted (`rooms` never did).
CREATE TABLE bookings (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, valid_at) REFERENCES plain_rooms);
ALTER TABLE plain_rooms ADD CONSTRAINT plain_rooms_temporal UNIQUE (id, valid_at);
