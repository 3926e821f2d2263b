//! FK113 pending-deferred-checks.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{About, Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK113",
    name: "pending-deferred-checks",
    severity: Severity::Error,
    summary: "ALTER, DROP or TRUNCATE of a table with deferred foreign-key checks pending.",
    docs: r#"## What it does
Finds an `ALTER TABLE`, `DROP TABLE` or `TRUNCATE` of a table that has deferred foreign-key checks pending in
the open transaction block: rows were written to it under a key that is `INITIALLY DEFERRED` (or deferred by
`SET CONSTRAINTS ... DEFERRED`), or its rows were deleted or re-keyed under such a `NO ACTION` key.

## Why it is bad
PostgreSQL refuses the statement: `cannot ALTER TABLE "posts" because it has pending trigger events` (SQLSTATE
55006). The transaction block is aborted, and everything in it is lost at `COMMIT`. Run the checks first with
`SET CONSTRAINTS ALL IMMEDIATE`, or change the table in its own transaction.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO posts VALUES (1, 10);
INSERT INTO users VALUES (10);
ALTER TABLE posts ADD COLUMN title text;
COMMIT;
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO posts VALUES (1, 10);
INSERT INTO users VALUES (10);
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE posts ADD COLUMN title text;
COMMIT;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .pending_conflicts
        .iter()
        .map(|conflict| {
            let table = ctx.catalog.table(conflict.table);
            let message = format!(
                "{} of `{}` while deferred foreign-key checks on it are pending in this transaction: \
                 PostgreSQL rejects the statement (55006); run `SET CONSTRAINTS ALL IMMEDIATE` first",
                conflict.action, table.name
            );
            META.diagnostic(message, conflict.location)
                .about(About::table(ctx.subject(conflict.table, &[])))
        })
        .collect()
}
