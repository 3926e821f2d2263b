//! FK103 referenced-key-not-unique.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::{ForeignKey, KeyMatch, Reference};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::ident::{choose_constraint_name, column_name_addition};

const META: RuleMeta = RuleMeta {
    code: "FK103",
    name: "referenced-key-not-unique",
    severity: Severity::Error,
    summary: "The referenced columns are not exactly a primary key or unique constraint.",
    docs: r#"## What it does
Finds foreign keys whose referenced columns are not covered, as a set, by a primary key, a unique constraint or a
non-partial unique index of the referenced table; and `REFERENCES t` without columns when `t` has no primary key.

## Why it is bad
PostgreSQL rejects the statement: `there is no unique constraint matching given keys for referenced table`
(42830). A foreign key must point at exactly one row, checked at once: a `DEFERRABLE` key does not qualify
(55000), and `REFERENCES t` needs a primary key on `t` (42704).

## Example
```sql expect_diagnostic
CREATE TABLE users (id int PRIMARY KEY, email text);
CREATE TABLE invites (email text REFERENCES users (email));
```

## Use instead
```sql valid
CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE);
CREATE TABLE invites (email text REFERENCES users (email));
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
        .filter_map(|fk| {
            let reference = fk.reference()?;
            // A PERIOD mismatch is refused before the key is looked for (FK114).
            let judged = reference.missing_columns.is_empty()
                && reference.period.is_none()
                && fk.missing_columns.is_empty()
                && !ctx.catalog.table(reference.table).columns_incomplete
                && matches!(
                    reference.key,
                    KeyMatch::NotUnique
                        | KeyMatch::NoPrimaryKey
                        | KeyMatch::Deferrable
                        | KeyMatch::NonStandardKey
                )
                && (reference.key == KeyMatch::NoPrimaryKey
                    || reference.ref_columns.len() == fk.columns.len());
            judged.then(|| diagnostic(ctx, fk, reference))
        })
        .collect()
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey, reference: &Reference) -> Diagnostic {
    let target = ctx.catalog.table(reference.table);
    let related = vec![RelatedLocation {
        location: target.location,
        message: format!("`{}` is created here", target.name),
    }];
    if reference.key == KeyMatch::NoPrimaryKey {
        let message = format!(
            "`REFERENCES {}` without a column list means its primary key, but `{}` has none; {}",
            fk.def.ref_table,
            target.name,
            ctx.rejection(
                "42704",
                "error 1005, errno 150: foreign key constraint is incorrectly formed",
                Some("foreign key mismatch")
            )
        );
        return META
            .diagnostic(message, fk.location)
            .about(ctx.about_foreign_key(fk))
            .with_related(related);
    }
    let columns = ctx.quote_list(&reference.ref_columns);
    if reference.key == KeyMatch::Deferrable {
        let message = format!(
            "the key `{}({columns})` is DEFERRABLE, and PostgreSQL cannot use a deferrable key for a foreign key \
             (55000): make the key NOT DEFERRABLE or reference another key",
            target.name
        );
        return META
            .diagnostic(message, fk.location)
            .about(ctx.about_foreign_key(fk))
            .with_related(related);
    }
    let message = ctx.sql().not_a_key(
        &target.name,
        &columns,
        reference.key == KeyMatch::NonStandardKey,
    );
    let schema = &target.name.schema;
    let key_name = choose_constraint_name(
        &target.name.name,
        Some(&column_name_addition(&reference.ref_columns)),
        "key",
        |name| ctx.catalog.relation_name_taken(schema, name),
    );
    let add_unique =
        ctx.sql()
            .add_unique_key(&ctx.table_sql(target.id), &ctx.quote(&key_name), &columns);
    let edit = super::support::fix::insert_at(
        fk.stmt.location(),
        fk.stmt.span.start,
        format!("{add_unique}\n"),
    );
    let title = format!("Make `{}({columns})` unique first", target.name);
    let fix = ctx.sql().declaration_fix(
        title,
        vec![edit],
        fk.stmt.location(),
        Some(add_unique),
    );
    // On a partitioned table a unique key must include the partition columns, which only the author can
    // choose: no mechanical fix there.
    let fix = (!target.partitioned).then_some(fix);
    META.diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
        .with_fix(fix)
}
