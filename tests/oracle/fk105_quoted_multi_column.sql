-- oracle: FK105 a quoted mixed-case table with a two-column key, referenced before it exists
-- expect: FK105
CREATE TABLE "Rosters" (
    "TeamId" int,
    "Season" int,
    "PlayerId" int,
    FOREIGN KEY ("TeamId", "Season") REFERENCES "Teams" ("Id", "Season")
);

CREATE TABLE "Teams" ("Id" int, "Season" int, PRIMARY KEY ("Id", "Season"));
