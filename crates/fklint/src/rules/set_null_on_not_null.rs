//! FK401 set-null-on-not-null.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::{drop_foreign_key_sql, ForeignKeySql};
use super::support::fix::{self, written_actions};
use crate::catalog::{Column, ForeignKey, Table};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};
use crate::events::RefAction;

const META: RuleMeta = RuleMeta {
    code: "FK401",
    name: "set-null-on-not-null",
    severity: Severity::Warning,
    summary: "ON DELETE/UPDATE SET NULL on a NOT NULL column.",
    docs: r#"## What it does
Finds foreign keys whose `ON DELETE SET NULL` or `ON UPDATE SET NULL` would write NULL into a column that is
`NOT NULL` (or part of the primary key), judged on the schema at the end of the migrations.

## Why it is bad
PostgreSQL accepts the DDL, but the declared behaviour can never happen: deleting (or re-keying) any referenced
row fails with `null value in column ... violates not-null constraint` (23502), so the parent row can never be
deleted while children exist. It is a warning, not an error, because an `error` in fklint always means
PostgreSQL rejects the statement; this one is accepted and fails later, at run time.

## Example
```sql expect_diagnostic
CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE players (
    id int PRIMARY KEY,
    team_id int NOT NULL REFERENCES teams (id) ON DELETE SET NULL
);
```

## Use instead
Let the column be NULL (the row survives its parent), or delete the children with the parent.
```sql valid
CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE players (
    id int PRIMARY KEY,
    team_id int REFERENCES teams (id) ON DELETE SET NULL
);
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The actions are what this rule judges: InnoDB refusing them is its finding, not a reason to skip.
    for fk in ctx
        .live_certain_foreign_keys()
        .filter(|fk| ctx.catalog.server_accepts_but_for_actions(fk))
    {
        for written in written_actions(fk) {
            let (RefAction::SetNull(_), event, span) =
                (written.action, written.event, written.span)
            else {
                continue;
            };
            let table = ctx.catalog.table(fk.table);
            for column in written
                .columns
                .iter()
                .filter_map(|name| table.column(name))
                .filter(|c| c.not_null)
            {
                out.push(diagnostic(ctx, fk, column, event, span));
            }
        }
    }
    out
}

fn diagnostic(
    ctx: &RuleContext,
    fk: &ForeignKey,
    column: &Column,
    event: &str,
    span: Option<crate::source::Span>,
) -> Diagnostic {
    let table = ctx.catalog.table(fk.table);
    let in_primary_key = table
        .primary_key()
        .is_some_and(|pk| pk.columns.contains(&column.name));
    let message = format!(
        "`ON {event} SET NULL` would set `{}.{}` to NULL, but the column is NOT NULL{}: every {} of a referenced row \
         fails (23502)",
        table.name,
        column.name,
        if in_primary_key { " (part of the primary key)" } else { "" },
        if event == "DELETE" { "delete" } else { "key update" },
    );
    let location = span.map_or(fk.location, |span| fk.stmt.at(span));
    let related = vec![RelatedLocation {
        location: column.location,
        message: format!("`{}` is declared here", column.name),
    }];
    // SET NULL says the child should outlive its parent: let the column be NULL. Only a key column cannot
    // be, and then deleting the children with the parent is the remaining choice.
    let mut fix = if in_primary_key {
        cascade_fix(ctx, fk, event, location)
    } else {
        allow_null_fix(ctx, table, column)
    };
    let mut diagnostic = META
        .diagnostic(message, location)
        .about(ctx.about_foreign_key(fk));
    if ctx.catalog.dialect.refuses_set_null_on_not_null() {
        if not_null_when_declared(column, fk) && !in_primary_key {
            // InnoDB refuses the foreign key itself when the column is NOT NULL as it is declared: the corrected
            // statement runs again (after SQL that allows NULL, when the column was made earlier).
            diagnostic.severity = crate::diagnostic::Severity::Error;
            diagnostic.message.push_str(&format!(
                "; {}",
                ctx.rejection(
                    "",
                    "errno 150; MySQL 8: error 1830, the column cannot be NOT NULL",
                    None
                )
            ));
            fix.sql = (column.created != fk.stmt)
                .then(|| ctx.sql().allow_null(ctx.catalog, table, column));
            fix.rerun_statement = Some(fk.stmt.location());
        } else {
            // A NOT NULL added later is refused at that ALTER instead, so no database holds the pair: the advice
            // stays a warning, with no forward SQL.
            fix.sql = None;
        }
    }
    diagnostic.with_related(related).with_fix(Some(fix))
}

/// Whether the column was NOT NULL when the foreign key was declared: NOT NULL written where the column was
/// created, at or before the key's statement (a later `MODIFY ... NOT NULL` is refused at that ALTER instead).
fn not_null_when_declared(column: &Column, fk: &ForeignKey) -> bool {
    let created = column.created;
    column.created.index <= fk.stmt.index
        && column.not_null_location.is_some_and(|l| {
            l.source == created.source
                && created.span.start <= l.span.start
                && l.span.end <= created.span.end
        })
}

/// The column keeps no value without its parent: let it be NULL, as `SET NULL` intends.
fn allow_null_fix(ctx: &RuleContext, table: &Table, column: &Column) -> FixPlan {
    let edits = column
        .not_null_location
        .map(|l| fix::replace(l, ""))
        .into_iter()
        .collect();
    FixPlan {
        title: format!("Allow NULL in `{}`", column.name),
        edits,
        sql: Some(ctx.sql().allow_null(ctx.catalog, table, column)),
        rerun_statement: None,
    }
}

/// A key column cannot be NULL: delete the children with the parent instead.
/// Only reached for key columns: a primary key column can never be NULL, so every SET NULL on it becomes
/// CASCADE.
fn cascade_fix(
    ctx: &RuleContext,
    fk: &ForeignKey,
    event: &str,
    action: crate::source::Location,
) -> FixPlan {
    let mut sql = drop_foreign_key_sql(ctx.catalog, fk);
    if let Some(reference) = fk.reference() {
        // Both actions are rewritten when both would null a key column: the forward SQL of the DELETE finding
        // and of the UPDATE finding must not undo each other.
        let cascade_if_set_null = |action: &RefAction| {
            matches!(action, RefAction::SetNull(_)).then(|| "CASCADE".to_string())
        };
        let on_delete = cascade_if_set_null(&fk.def.on_delete);
        let on_update = cascade_if_set_null(&fk.def.on_update);
        sql.push('\n');
        sql.push_str(
            &ForeignKeySql {
                catalog: ctx.catalog,
                fk,
                target: reference,
                on_delete,
                on_update,
            }
            .add_constraint(),
        );
    }
    FixPlan {
        title: format!("Use ON {event} CASCADE"),
        edits: vec![fix::replace(action, format!("ON {event} CASCADE"))],
        // Where the server cannot alter a foreign key (SQLite), only the edit applies.
        sql: ctx.sql().alters_foreign_keys().then_some(sql),
        rerun_statement: None,
    }
}
