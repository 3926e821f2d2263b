-- oracle: FK104 an inline REFERENCES with two columns, and one without a list against a composite primary key
-- expect: FK104
CREATE TABLE "Periods" ("Year" int, "Month" int, PRIMARY KEY ("Year", "Month"));

CREATE TABLE budgets (id int PRIMARY KEY, period int REFERENCES "Periods" ("Year", "Month"));

CREATE TABLE forecasts (id int PRIMARY KEY, period int REFERENCES "Periods");

-- Valid: both columns.
CREATE TABLE actuals (id int PRIMARY KEY, y int, m int, FOREIGN KEY (y, m) REFERENCES "Periods");
