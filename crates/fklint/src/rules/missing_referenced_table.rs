//! FK101 missing-referenced-table.

use super::fix::{self, rerun_fix};
use super::{RuleContext, RuleMeta};
use crate::catalog::suggest::SuggestionReason;
use crate::catalog::{ForeignKey, MissingCause, Target};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "FK101",
    name: "missing-referenced-table",
    severity: Severity::Error,
    summary: "REFERENCES names a table that does not exist at that point.",
    docs: r#"## What it does
Finds `REFERENCES` clauses whose table does not exist when the statement runs, and suggests the table that was
most likely meant: the plural or singular form (`tenant` → `tenants`), another letter case (`"Users"` →
`users`), another schema (`users` → `auth.users`), a table's name before a rename, or a small typo.

## Why it is bad
PostgreSQL rejects the whole statement with `relation "tenant" does not exist` (SQLSTATE 42P01): the table with
the foreign key is not created, and every later statement that needs it fails too.

## Example
```sql expect_diagnostic
CREATE TABLE tenants (id varchar(255) PRIMARY KEY);
CREATE TABLE orders (
    id serial PRIMARY KEY,
    tenant_id varchar(255) REFERENCES tenant (id)
);
```

## Use instead
```sql valid
CREATE TABLE tenants (id varchar(255) PRIMARY KEY);
CREATE TABLE orders (
    id serial PRIMARY KEY,
    tenant_id varchar(255) REFERENCES tenants (id)
);
```
"#,
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.certain_foreign_keys()
        .filter(|fk| !super::referenced_table_created_later::is_created_later(ctx, fk))
        // A late-binding FK that was dropped while it waited for its table never made a write fail.
        .filter(|fk| !fk.binds_late || fk.is_live())
        // A table that another declared database defines is FK303's finding.
        .filter(|fk| super::cross_database_reference::defined_elsewhere(ctx, fk).is_none())
        .filter_map(|fk| diagnostic(ctx, fk))
        .collect()
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey) -> Option<Diagnostic> {
    let Target::Missing {
        suggestion,
        reason,
        cause,
    } = &fk.target
    else {
        return None;
    };
    let written = &fk.def.ref_table;
    let (what, sqlstate) = match cause {
        MissingCause::NoRelation => ("does not exist at this point".to_string(), "42P01"),
        MissingCause::NoSchema => (
            format!(
                "is in schema `{}`, which does not exist at this point",
                fk.ref_name.schema
            ),
            "3F000",
        ),
        MissingCause::NotATable => (
            "is a view, and a foreign key can only reference a table".to_string(),
            "42809",
        ),
    };
    let mut message = format!(
        "{} references table `{}`, which {what}",
        ctx.fk_columns_label(fk),
        fk.ref_name
    );
    let mut related = Vec::new();
    let mut fix = None;
    if let Some(reference) = suggestion {
        let suggested = ctx.catalog.table(reference.table);
        let replacement = if written.schema.is_some() || suggested.name.schema != fk.ref_name.schema
        {
            suggested.name.sql_in(ctx.catalog.dialect)
        } else {
            ctx.quote(&suggested.name.name)
        };
        message.push_str(&format!(
            "; did you mean `{replacement}`{}?",
            reason_note(reason)
        ));
        related.push(RelatedLocation {
            location: suggested.location,
            message: match reason {
                SuggestionReason::Renamed => {
                    format!("created here, and later renamed to `{}`", suggested.name)
                }
                _ => format!("`{}` is created here", suggested.name),
            },
        });
        let edit = fix::replace(fk.stmt.at(written.span), replacement.clone());
        fix = Some(rerun_fix(
            format!("Reference `{replacement}` instead of `{written}`"),
            vec![edit],
            fk.stmt.location(),
            None,
        ));
    } else {
        message.push('.');
    }
    message.push_str(&format!(" {}.", missing_table_verdict(ctx, fk, sqlstate)));
    Some(
        META.diagnostic(message, fk.stmt.at(written.span))
            .with_related(related)
            .with_fix(fix),
    )
}

/// What the server does: PostgreSQL and MySQL reject the statement; SQLite (always) and MySQL with
/// `FOREIGN_KEY_CHECKS=0` accept it and bind the name later, and here no table ever had it.
fn missing_table_verdict(ctx: &RuleContext, fk: &ForeignKey, sqlstate: &str) -> String {
    let child = &ctx.catalog.table(fk.table).name;
    match ctx.catalog.dialect {
        crate::Dialect::Sqlite => format!(
            "SQLite accepts the statement, but no table of that name exists by the end of the migrations, so once \
             foreign keys are on (PRAGMA foreign_keys=ON) every write to `{child}` fails with `no such table`"
        ),
        crate::Dialect::MySql if fk.binds_late => format!(
            "MySQL accepts the statement while FOREIGN_KEY_CHECKS=0, but no table of that name exists by the end \
             of the migrations, so every insert into `{child}` fails (error 1452)"
        ),
        _ => ctx.rejection(
            sqlstate,
            "error 1005, errno 150: foreign key constraint is incorrectly formed; MySQL 8: error 1824",
            None,
        ),
    }
}

fn reason_note(reason: &SuggestionReason) -> &'static str {
    match reason {
        SuggestionReason::Renamed => " (the table was renamed)",
        SuggestionReason::Case => {
            " (letter case: quoted names keep their case, unquoted names fold to lower case)"
        }
        SuggestionReason::OtherSchema => " (same name in another schema)",
        SuggestionReason::Number => " (plural/singular)",
        SuggestionReason::Similar | SuggestionReason::Nothing => "",
    }
}
