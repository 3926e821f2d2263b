-- oracle: FK107 an unquoted name in FOREIGN KEY (...) for a quoted mixed-case column
-- expect: FK107
CREATE TABLE "Users" ("Id" int PRIMARY KEY);

CREATE TABLE "Orders" (
    "Id" int PRIMARY KEY,
    "UserId" int,
    FOREIGN KEY (UserId) REFERENCES "Users" ("Id")
);
