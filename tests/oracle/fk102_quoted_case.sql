-- oracle: FK102 an unquoted column name that folds away from a quoted mixed-case key column
-- expect: FK102
CREATE TABLE "Accounts" ("AccountId" int PRIMARY KEY, name text);

-- AccountId folds to accountid.
CREATE TABLE ledger (id int PRIMARY KEY, account int REFERENCES "Accounts" (AccountId));

-- Valid: quoted.
CREATE TABLE journal (id int PRIMARY KEY, account int REFERENCES "Accounts" ("AccountId"));
