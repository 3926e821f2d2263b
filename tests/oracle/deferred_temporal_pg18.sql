-- oracle: PostgreSQL 18 temporal keys defer like others: a child row's period must be covered by the parent rows
-- oracle: there are at COMMIT, and a parent row deleted (or made deferrable in the block by ALTER CONSTRAINT and then
-- oracle: deleted) fails at COMMIT while a child row's period is no longer covered by what is left; parent rows
-- oracle: put back in time, together covering the period, clear it
-- target: postgres-18
-- expect: FK501
CREATE TABLE rooms (id int4range, valid_at daterange, CONSTRAINT rooms_pk PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE bookings (id int4range, valid_at daterange, room_id int4range,
  CONSTRAINT bookings_room_fk FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE stays (id int4range, valid_at daterange, room_id int4range,
  CONSTRAINT stays_room_fk FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at));
BEGIN;
INSERT INTO bookings VALUES ('[1,2)', daterange('2024-01-05', '2024-01-10'), '[1,2)');
INSERT INTO rooms VALUES ('[1,2)', daterange('2024-01-01', '2024-02-01'));
COMMIT;
BEGIN;
INSERT INTO bookings VALUES ('[2,3)', daterange('2024-01-20', '2024-02-10'), '[1,2)');
COMMIT;
BEGIN;
DELETE FROM rooms WHERE id = '[1,2)';
COMMIT;
BEGIN;
DELETE FROM rooms WHERE id = '[1,2)';
INSERT INTO rooms VALUES ('[1,2)', daterange('2024-01-01', '2024-01-07')), ('[1,2)', daterange('2024-01-07', '2024-02-01'));
COMMIT;
INSERT INTO rooms VALUES ('[5,6)', daterange('2024-03-01', '2024-04-01'));
INSERT INTO stays VALUES ('[1,2)', daterange('2024-03-05', '2024-03-10'), '[5,6)');
BEGIN;
ALTER TABLE stays ALTER CONSTRAINT stays_room_fk DEFERRABLE INITIALLY DEFERRED;
DELETE FROM rooms WHERE id = '[5,6)';
COMMIT;
