//! FK402 set-default-without-default.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::{drop_foreign_key_sql, ForeignKeySql};
use super::support::fix::{self, written_actions};
use crate::catalog::{Column, ForeignKey, Table};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};
use crate::events::RefAction;

const META: RuleMeta = RuleMeta {
    code: "FK402",
    name: "set-default-without-default",
    severity: Severity::Warning,
    summary: "ON DELETE/UPDATE SET DEFAULT on a column without a usable default.",
    docs: r#"## What it does
Finds foreign keys with `ON DELETE SET DEFAULT` or `ON UPDATE SET DEFAULT` where a column the action writes has
no default at the end of the migrations, or a default that no referenced row can have (`DEFAULT 0` for a key
filled by a sequence, which starts at 1).

## Why it is bad
Without a default, `SET DEFAULT` writes NULL. On a `NOT NULL` column every delete (or key update) of a
referenced row then fails with `null value in column ... violates not-null constraint` (23502); on a nullable
column the action silently behaves as `SET NULL`, which is not what was written. With a default that matches no
referenced row, the action fails the foreign key itself (23503) unless such a row exists. PostgreSQL accepts
the DDL in every case: the failure comes later, at run time.

## Example
```sql expect_diagnostic
CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE players (
    id int PRIMARY KEY,
    team_id int NOT NULL REFERENCES teams (id) ON DELETE SET DEFAULT
);
```

## Use instead
Give the column a default that names a row that always exists, or say what should happen: `SET NULL` on a
nullable column, `RESTRICT` (or `CASCADE`) otherwise.
```sql valid
CREATE TABLE teams (id int PRIMARY KEY);
INSERT INTO teams VALUES (1);
CREATE TABLE players (
    id int PRIMARY KEY,
    team_id int NOT NULL DEFAULT 1 REFERENCES teams (id) ON DELETE SET DEFAULT
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
    if ctx.catalog.dialect.ignores_set_default() {
        return ctx
            .live_certain_foreign_keys()
            .filter(|fk| fk.ignored_set_default && ctx.catalog.server_accepts_but_for_actions(fk))
            .map(|fk| innodb_has_no_set_default(ctx, fk))
            .collect();
    }
    let mut out = Vec::new();
    for fk in ctx.accepted_foreign_keys() {
        for written in written_actions(fk) {
            let (RefAction::SetDefault(_), event, span) =
                (written.action, written.event, written.span)
            else {
                continue;
            };
            let table = ctx.catalog.table(fk.table);
            let columns: Vec<&Column> = written
                .columns
                .iter()
                .filter_map(|n| table.column(n))
                .collect();
            for column in &columns {
                if let Some(problem) = problem(ctx, fk, column) {
                    out.push(diagnostic(
                        ctx, fk, table, &columns, column, problem, event, span,
                    ));
                }
            }
        }
    }
    out
}

/// What is wrong with a column's default for `SET DEFAULT`.
enum Problem {
    /// No default (or `DEFAULT NULL`): NULL is written.
    NoDefault,
    /// A literal key below what the referenced column's sequence hands out.
    Unreachable(i64),
}

fn problem(ctx: &RuleContext, fk: &ForeignKey, column: &Column) -> Option<Problem> {
    let Some(default) = column.default.as_deref() else {
        return Some(Problem::NoDefault);
    };
    let literal = strip_casts(default);
    if literal.eq_ignore_ascii_case("null") {
        return Some(Problem::NoDefault);
    }
    let value: i64 = literal.parse().ok()?;
    if value > 0 {
        return None;
    }
    // Only a key filled by a sequence (serial or identity) starts at 1: other keys may well hold 0.
    let reference = fk.reference()?;
    let pair = reference
        .pairs
        .iter()
        .find(|p| p.fk_column == column.name)?;
    let target = ctx.catalog.table(reference.table);
    let key_column = target.column(&pair.ref_column)?;
    let type_text = key_column
        .type_text
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let sequence_default = key_column
        .default
        .as_deref()
        .is_some_and(|d| d.to_ascii_lowercase().contains("nextval"));
    let from_sequence =
        type_text.contains("serial") || type_text.contains("identity") || sequence_default;
    from_sequence.then_some(Problem::Unreachable(value))
}

/// `(0)`, `'0'::integer`, `0::bigint` → `0`.
fn strip_casts(default: &str) -> &str {
    let mut text = default.trim();
    loop {
        let before = text;
        if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            text = inner.trim();
        }
        if let Some((value, _ty)) = text.split_once("::") {
            text = value.trim();
        }
        if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
            text = inner.trim();
        }
        if text == before {
            return text;
        }
    }
}

/// MySQL: InnoDB has no SET DEFAULT. MariaDB keeps the key with RESTRICT, so the action the migration asks for
/// never happens and deleting a referenced row fails instead; MySQL 8 rejects the table (an error with
/// `--target mysql-...`).
fn innodb_has_no_set_default(ctx: &RuleContext, fk: &ForeignKey) -> Diagnostic {
    let mysql_target = ctx
        .catalog
        .target
        .is_some_and(|t| t.server == crate::server::Server::MySql);
    let message = format!(
        "{} is declared ON DELETE/UPDATE SET DEFAULT, which InnoDB does not have: MariaDB keeps the key as \
         RESTRICT (deleting or re-keying a referenced row fails while children exist, nothing is set to its \
         default), and MySQL rejects the table (error 1005); write the action it will have, or set the default \
         in a trigger",
        ctx.fk_columns_label(fk)
    );
    let mut diagnostic = META
        .diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk));
    if mysql_target {
        diagnostic.severity = Severity::Error;
    }
    diagnostic
}

#[allow(clippy::too_many_arguments)]
fn diagnostic(
    ctx: &RuleContext,
    fk: &ForeignKey,
    table: &Table,
    columns: &[&Column],
    column: &Column,
    problem: Problem,
    event: &str,
    span: Option<crate::source::Span>,
) -> Diagnostic {
    let what = if event == "DELETE" {
        "delete"
    } else {
        "key update"
    };
    let target = fk
        .reference()
        .map(|r| ctx.catalog.table(r.table).name.to_string())
        .unwrap_or_default();
    let message = match problem {
        Problem::NoDefault if column.not_null => format!(
            "`ON {event} SET DEFAULT` would set `{}.{}` to its default, but the column has none, so NULL is \
             written into a NOT NULL column: every {what} of a referenced `{target}` row fails (23502)",
            table.name, column.name,
        ),
        Problem::NoDefault => format!(
            "`ON {event} SET DEFAULT` would set `{}.{}` to its default, but the column has none: PostgreSQL \
             writes NULL, so the action silently behaves as `SET NULL`",
            table.name, column.name,
        ),
        Problem::Unreachable(value) => format!(
            "`ON {event} SET DEFAULT` would set `{}.{}` to its default `{value}`, but `{target}` gets its keys from \
             a sequence starting at 1: every {what} of a referenced row fails the foreign key (23503) unless a \
             parent row with key {value} exists",
            table.name, column.name,
        ),
    };
    let location = span.map_or(fk.location, |span| fk.stmt.at(span));
    let related = vec![RelatedLocation {
        location: column.location,
        message: format!("`{}` is declared here", column.name),
    }];
    // The default to add is not knowable; say what should happen instead. A nullable child may outlive its
    // parent (what the action does today without a default); a NOT NULL one must not lose it.
    let replacement = if columns.iter().all(|c| !c.not_null) {
        "SET NULL"
    } else {
        "RESTRICT"
    };
    META.diagnostic(message, location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
        .with_fix(Some(replace_action_fix(
            ctx,
            fk,
            event,
            replacement,
            location,
        )))
}

fn replace_action_fix(
    ctx: &RuleContext,
    fk: &ForeignKey,
    event: &str,
    replacement: &str,
    action: crate::source::Location,
) -> FixPlan {
    let mut sql = drop_foreign_key_sql(ctx.catalog, fk);
    if let Some(reference) = fk.reference() {
        // Both actions are rewritten when both are SET DEFAULT: the forward SQL of the DELETE finding and of
        // the UPDATE finding must not undo each other.
        let replace_set_default = |action: &RefAction| {
            matches!(action, RefAction::SetDefault(_)).then(|| replacement.to_string())
        };
        sql.push('\n');
        sql.push_str(
            &ForeignKeySql {
                catalog: ctx.catalog,
                fk,
                target: reference,
                on_delete: replace_set_default(&fk.def.on_delete),
                on_update: replace_set_default(&fk.def.on_update),
            }
            .add_constraint(),
        );
    }
    FixPlan {
        title: format!("Use ON {event} {replacement}"),
        edits: vec![fix::replace(action, format!("ON {event} {replacement}"))],
        sql: Some(sql),
        rerun_statement: None,
    }
}

#[cfg(test)]
mod tests {
    use super::strip_casts;

    #[test]
    fn strips_casts_and_parentheses() {
        assert_eq!(strip_casts("0"), "0");
        assert_eq!(strip_casts("('0'::integer)"), "0");
        assert_eq!(strip_casts("0::bigint"), "0");
        assert_eq!(strip_casts("now()"), "now()");
    }
}
