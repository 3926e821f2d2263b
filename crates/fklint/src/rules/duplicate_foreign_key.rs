//! FK405 duplicate-foreign-key.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::drop_foreign_key_sql;
use super::support::fix::{self, statement_with_terminator};
use crate::hash::FastMap;

use crate::catalog::{ForeignKey, TableId};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
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

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let mut first_of: FastMap<Signature, &ForeignKey> = FastMap::default();
    let mut out = Vec::new();
    for fk in ctx.accepted_foreign_keys() {
        let Some(signature) = signature(fk) else {
            continue;
        };
        // MySQL before 9.0 ignores an inline REFERENCES: restating it as a table constraint is FK701's fix.
        if ctx.catalog.dialect.ignores_inline_references() && fk.def.inline {
            continue;
        }
        match first_of.get(&signature) {
            Some(first) => out.push(diagnostic(ctx, first, fk)),
            None => {
                first_of.insert(signature, fk);
            }
        }
    }
    out
}

/// What makes two foreign keys the same: table, columns, referenced table and columns.
type Signature<'a> = (TableId, &'a [String], TableId, &'a [String]);

fn signature(fk: &ForeignKey) -> Option<Signature<'_>> {
    let reference = fk.reference()?;
    Some((
        fk.table,
        &fk.columns,
        reference.table,
        &reference.ref_columns,
    ))
}

fn diagnostic(ctx: &RuleContext, first: &ForeignKey, duplicate: &ForeignKey) -> Diagnostic {
    let mut message = format!(
        "`{}` repeats `{}` ({} → `{}`): every write checks it twice",
        duplicate.name,
        first.name,
        ctx.fk_columns_label(duplicate),
        first.ref_name
    );
    let behaviour = |fk: &ForeignKey| (fk.def.on_delete.sql(), fk.def.on_update.sql());
    if behaviour(first) != behaviour(duplicate) {
        message.push_str(&format!(
            ", and they disagree (ON DELETE {} / ON UPDATE {} against ON DELETE {} / ON UPDATE {}): keep the one \
             you mean, the fix removes the later one",
            first.def.on_delete.sql(),
            first.def.on_update.sql(),
            duplicate.def.on_delete.sql(),
            duplicate.def.on_update.sql()
        ));
    }
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
        sql: Some(drop_foreign_key_sql(ctx.catalog, duplicate)),
        rerun_statement: None,
    };
    META.diagnostic(message, duplicate.location)
        .about(ctx.about_foreign_key(duplicate))
        .with_related(related)
        .with_fix(Some(fix))
}
