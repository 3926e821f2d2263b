//! FK111 duplicate-constraint-name.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK111",
    name: "duplicate-constraint-name",
    severity: Severity::Error,
    summary: "A foreign key takes a constraint name its table already has.",
    docs: r#"## What it does
Finds a foreign key declared with a constraint name its table already has (another foreign key, its primary
key or a unique constraint): the same `ALTER TABLE ... ADD CONSTRAINT` run twice, or a copied block that kept
the name.

## Why it is bad
PostgreSQL rejects the statement: `constraint "posts_author_fk" for relation "posts" already exists` (SQLSTATE
42710, `duplicate_object`). drizzle-kit wrapped each `ADD CONSTRAINT` in a `DO` block that catches exactly this
error, so there the second one does nothing, silently; without such a handler the migration stops.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int, editor_id int);
ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (author_id) REFERENCES users (id);
ALTER TABLE posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (editor_id) REFERENCES users (id);
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int, editor_id int);
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
ALTER TABLE posts ADD CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id);
DO $$ BEGIN
  ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
EXCEPTION WHEN duplicate_object THEN null;
END $$;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.certain_foreign_keys()
        .filter(|fk| fk.duplicate_name)
        .map(|fk| {
            let table = &ctx.catalog.table(fk.table).name;
            let message = format!(
                "table `{table}` already has a constraint named `{}`: PostgreSQL rejects the statement (42710); \
                 give this foreign key another name",
                fk.name
            );
            META.diagnostic(message, fk.location)
                .about(ctx.about_foreign_key(fk))
        })
        .collect()
}
