//! FK116 alter-constraint-not-foreign-key.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK116",
    name: "alter-constraint-not-foreign-key",
    severity: Severity::Error,
    summary: "ALTER CONSTRAINT names a primary key or unique constraint, which PostgreSQL alters only for foreign keys.",
    docs: r#"## What it does
Finds `ALTER TABLE t ALTER CONSTRAINT name ...` (to change `DEFERRABLE`, `INITIALLY ...` or `ENFORCED`) where
`name` is a primary key or unique constraint of `t`, not a foreign key.

## Why it is bad
PostgreSQL alters only foreign keys this way and rejects the statement: "constraint ... is not a foreign key
constraint" (42809). A key's deferrability is fixed when it is created: drop it and add it again (and the
foreign keys that reference it, since a deferrable key cannot be referenced).

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
ALTER TABLE users ALTER CONSTRAINT users_pkey DEFERRABLE;
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (author_id int CONSTRAINT posts_author_fk REFERENCES users);
ALTER TABLE posts ALTER CONSTRAINT posts_author_fk DEFERRABLE;
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
        .alter_constraint_conflicts
        .iter()
        .filter(|c| !ctx.catalog.table(c.table).uncertain)
        .map(|conflict| {
            let table = &ctx.catalog.table(conflict.table).name;
            let kind = if conflict.primary {
                "the primary key"
            } else {
                "a unique constraint"
            };
            let message = format!(
                "`{}` is {kind} of `{table}`, not a foreign key: PostgreSQL alters only foreign keys with ALTER \
                 CONSTRAINT and rejects the statement (42809)",
                conflict.constraint
            );
            // The key it names is what a foreign key would reference.
            let about = crate::diagnostic::About {
                subject: Some(ctx.subject(conflict.table, &conflict.columns)),
                referenced: Some(ctx.referenced(conflict.table, &conflict.columns)),
            };
            META.diagnostic(message, conflict.location).about(about)
        })
        .collect()
}
