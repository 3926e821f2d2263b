-- oracle: PostgreSQL 18 temporal foreign key rows: a child row's period must be covered by the periods of parent
-- oracle: rows with equal other columns (together, not one row); deleting or re-keying a parent row is refused while
-- oracle: a child row that overlapped it is no longer covered; adding the key checks the rows already there; after
-- oracle: ALTER CONSTRAINT ... INITIALLY DEFERRED a child row may come before its parent in a block
-- target: postgres-18
-- expect: FK501
CREATE TABLE rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE bookings (id int4range, valid_at daterange, room_id int4range, PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
INSERT INTO rooms (id, valid_at) VALUES
  ('[1,2)', daterange('2018-01-02', '2018-02-03')),
  ('[1,2)', daterange('2018-03-03', '2018-04-04')),
  ('[2,3)', daterange('2018-01-01', '2018-01-05')),
  ('[3,4)', daterange('2018-01-01', NULL));
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[1,2)', daterange('2018-01-02', '2018-02-01'), '[1,2)');
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[2,3)', daterange('2018-01-02', '2018-04-01'), '[1,2)');
-- Refused: [2018-02-03, 2018-03-03) is not covered.
ALTER TABLE bookings ADD CONSTRAINT bookings_room_fk FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms;
DELETE FROM bookings WHERE id = '[2,3)';
ALTER TABLE bookings ADD CONSTRAINT bookings_room_fk FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms;
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[2,3)', daterange('2018-01-02', '2018-04-01'), '[1,2)');
-- Filling the gap makes the same row fine: two parent rows cover it together.
INSERT INTO rooms (id, valid_at) VALUES ('[1,2)', daterange('2018-02-03', '2018-03-03'));
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[2,3)', daterange('2018-01-02', '2018-04-01'), '[1,2)');
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[3,4)', '[2018-01-01,2018-01-05)', '[2,3)');
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[4,5)', daterange('2017-12-31', '2018-01-05'), '[2,3)');
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[5,6)', daterange('2030-01-01', NULL), '[3,4)');
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[6,7)', daterange('2018-01-01', '2018-01-02'), '[8,9)');
-- A NULL in the key is not checked.
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[7,8)', daterange('2018-01-01', '2018-01-02'), NULL);
-- The parent rows the children need cannot go; an unreferenced one can.
DELETE FROM rooms WHERE id = '[2,3)';
DELETE FROM rooms WHERE id = '[1,2)' AND valid_at = daterange('2018-02-03', '2018-03-03');
UPDATE rooms SET id = '[9,10)' WHERE id = '[3,4)';
UPDATE rooms SET valid_at = daterange('2018-03-03', '2018-05-05') WHERE id = '[1,2)' AND valid_at = daterange('2018-03-03', '2018-04-04');
DELETE FROM bookings WHERE id = '[3,4)';
DELETE FROM rooms WHERE id = '[2,3)';
-- A deferred key: the child row may come before its parent in a block.
ALTER TABLE bookings ALTER CONSTRAINT bookings_room_fk DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO bookings (id, valid_at, room_id) VALUES ('[8,9)', daterange('2019-01-01', '2019-02-01'), '[4,5)');
INSERT INTO rooms (id, valid_at) VALUES ('[4,5)', daterange('2019-01-01', '2019-03-01'));
COMMIT;
