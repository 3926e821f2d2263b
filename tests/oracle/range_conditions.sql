-- oracle: a DELETE or UPDATE that picks rows by a range operator (`@>` with a '...'::date element or a range, `<@`,
-- oracle: `&&`) is followed row by row: a referenced parent it takes away is refused (23503), the others go
-- expect: FK501
CREATE TABLE plans (id int PRIMARY KEY, valid daterange, seats int4range);
CREATE TABLE subscriptions (id int PRIMARY KEY, plan_id int REFERENCES plans);
INSERT INTO plans VALUES (1, '[2020-01-01,2021-01-01)', '[1,10)'), (2, '[2021-01-01,2022-01-01)', '[10,20)'), (3, '[2022-01-01,)', '[20,30)');
INSERT INTO subscriptions VALUES (1, 2), (2, 3);
DELETE FROM plans WHERE valid @> '2020-06-01'::date;
DELETE FROM plans WHERE valid && '[2021-06-01,2021-07-01)';
UPDATE plans SET id = 4 WHERE seats <@ '[15,40)';
DELETE FROM subscriptions WHERE plan_id = 3;
UPDATE plans SET id = 4 WHERE seats <@ int4range(15, 40);
INSERT INTO subscriptions VALUES (3, 1);
INSERT INTO subscriptions VALUES (4, 4);
