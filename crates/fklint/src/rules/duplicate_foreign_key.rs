//! FK405 duplicate-foreign-key.

use super::fix::{self, drop_constraint_sql, statement_with_terminator};
use super::{RuleContext, RuleMeta};
use crate::catalog::ForeignKey;
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "FK405",
    name: "duplicate-foreign-key",
    severity: Severity::Warning,
    summary: "The same foreign key is declared twice.",
    docs: r#"## What it does
Finds two live foreign keys on the same table with the same columns referencing the same columns of the same
table.

## Why it is bad
Every insert and update checks both, every parent delete fires both, and the two can disagree on `ON DELETE`
behaviour: which one wins is then a matter of trigger order.

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (author_id int REFERENCES users (id));
ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (author_id int REFERENCES users (id));
```
"#,
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let live: Vec<&ForeignKey> = ctx.live_certain_foreign_keys().collect();
    let mut out = Vec::new();
    for (i, later) in live.iter().enumerate() {
        if let Some(first) = live[..i]
            .iter()
            .find(|earlier| same_foreign_key(earlier, later))
        {
            out.push(diagnostic(ctx, first, later));
        }
    }
    out
}

fn same_foreign_key(a: &ForeignKey, b: &ForeignKey) -> bool {
    let (Some(ra), Some(rb)) = (a.reference(), b.reference()) else {
        return false;
    };
    a.table == b.table
        && a.columns == b.columns
        && ra.table == rb.table
        && ra.ref_columns == rb.ref_columns
}

fn diagnostic(ctx: &RuleContext, first: &ForeignKey, duplicate: &ForeignKey) -> Diagnostic {
    let message = format!(
        "`{}` repeats `{}` ({} → `{}`): every write checks it twice",
        duplicate.name,
        first.name,
        ctx.fk_columns_label(duplicate),
        first.ref_name
    );
    let related = vec![RelatedLocation {
        location: first.location,
        message: format!("`{}` is declared here", first.name),
    }];
    let removal = if duplicate.standalone {
        let text = ctx
            .sources
            .get(duplicate.stmt.source)
            .map_or("", |s| s.text.as_str());
        duplicate
            .stmt
            .at(statement_with_terminator(text, duplicate.stmt.span))
    } else {
        duplicate.removal
    };
    let fix = FixPlan {
        title: format!("Remove `{}`", duplicate.name),
        edits: vec![fix::replace(removal, "")],
        sql: Some(drop_constraint_sql(ctx.catalog, duplicate)),
        rerun_statement: None,
    };
    Diagnostic {
        code: META.code,
        name: META.name,
        severity: META.severity,
        message,
        location: duplicate.location,
        related,
        fix: Some(fix),
    }
}
