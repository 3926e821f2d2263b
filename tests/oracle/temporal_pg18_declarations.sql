-- oracle: PostgreSQL 18 temporal foreign keys: PERIOD on both sides against a WITHOUT OVERLAPS key (primary or
-- oracle: unique, written or implied) is accepted; PERIOD on one side only, a WITHOUT OVERLAPS key referenced
-- oracle: without PERIOD, PERIOD against an ordinary primary key, a duplicate referenced column, a period column of
-- oracle: another range type and any action but NO ACTION are rejected; a rejected CREATE TABLE leaves nothing
-- target: postgres-18
-- expect: FK114 FK115 FK201 FK106
CREATE TABLE rooms (id int4range, valid_at daterange, CONSTRAINT rooms_pk PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE beds (id int4range, valid_at daterange, UNIQUE (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE plain_rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at));
CREATE TABLE ok1 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at));
CREATE TABLE ok2 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms DEFERRABLE);
CREATE TABLE ok3 (bed_id int4range, valid_at daterange, FOREIGN KEY (bed_id, PERIOD valid_at) REFERENCES beds (id, PERIOD valid_at) ON DELETE NO ACTION);
CREATE TABLE ok4 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, valid_at) REFERENCES plain_rooms);
CREATE TABLE bad1 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, valid_at));
CREATE TABLE bad2 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, valid_at) REFERENCES rooms (id, PERIOD valid_at));
CREATE TABLE bad3 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, valid_at) REFERENCES rooms);
CREATE TABLE bad4 (bed_id int4range, valid_at daterange, FOREIGN KEY (bed_id, valid_at) REFERENCES beds (id, valid_at));
CREATE TABLE bad5 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES plain_rooms);
CREATE TABLE bad6 (room_id int4range, FOREIGN KEY (room_id, PERIOD room_id) REFERENCES rooms (id, PERIOD id));
CREATE TABLE bad7 (room_id int4range, valid_at tsrange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms);
CREATE TABLE bad8 (room_id int8range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms);
CREATE TABLE bad9 (room_id int4range, valid_at datemultirange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms);
CREATE TABLE bad10 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms ON DELETE CASCADE);
CREATE TABLE bad11 (room_id int4range, valid_at daterange, FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms ON UPDATE RESTRICT);
ALTER TABLE ok4 ADD FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms ON DELETE SET NULL;
-- The rejected tables do not exist: these are accepted.
CREATE TABLE bad1 (id int);
CREATE TABLE bad10 (id int);
-- A temporal key an FK uses cannot go, nor its period column, nor change its type.
ALTER TABLE rooms DROP CONSTRAINT rooms_pk;
ALTER TABLE rooms DROP COLUMN valid_at;
ALTER TABLE rooms ALTER COLUMN valid_at TYPE tsrange USING tsrange(lower(valid_at), upper(valid_at));
