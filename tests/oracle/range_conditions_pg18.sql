-- oracle: DELETE and UPDATE conditions with range operators on literal ranges keep the rows known: `@>` with a range
-- oracle: or a '...'::date element, `<@` and `&&` with range literals and constructors, alone or with `=` terms; a
-- oracle: parent row a temporal key still needs is then refused (23503), and a later row is judged on what is left
-- target: postgres-18
-- expect: FK501
CREATE TABLE rooms (id int4range, valid_at daterange, CONSTRAINT rooms_pk PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE stays (id int4range, valid_at daterange, room_id int4range,
  CONSTRAINT stays_room_fk FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at));
INSERT INTO rooms VALUES ('[1,2)', daterange('2018-01-01', '2018-03-01')), ('[1,2)', daterange('2018-03-01', '2018-06-01'));
INSERT INTO stays VALUES ('[1,2)', daterange('2018-01-15', '2018-02-01'), '[1,2)'), ('[2,3)', daterange('2018-01-15', '2018-05-01'), '[1,2)');
UPDATE rooms SET valid_at = daterange('2018-01-15', '2018-03-01') WHERE id = '[1,2)' AND valid_at @> '2018-01-15'::date;
UPDATE rooms SET valid_at = daterange('2018-01-01', '2018-03-01') WHERE id = '[1,2)' AND valid_at @> '2018-01-25'::date;
UPDATE rooms SET id = '[2,3)', valid_at = daterange('2018-01-15', '2018-03-01') WHERE id = '[1,2)' AND valid_at @> '2018-01-15'::date;
UPDATE rooms SET id = '[2,3)' WHERE id = '[1,2)' AND valid_at @> '2018-01-15'::date;
DELETE FROM rooms WHERE valid_at && '[2018-03-10,2018-03-11)';
DELETE FROM rooms WHERE valid_at <@ '[2018-05-01,2018-07-01)';
DELETE FROM rooms WHERE valid_at <@ '[2017-01-01,2019-07-01)' AND id = '[1,2)';
DELETE FROM stays WHERE valid_at && daterange('2018-01-01', '2018-01-20');
DELETE FROM rooms WHERE valid_at <@ '[2017-01-01,2019-07-01)' AND id = '[1,2)';
INSERT INTO stays VALUES ('[3,4)', daterange('2018-01-15', '2018-02-01'), '[1,2)');
