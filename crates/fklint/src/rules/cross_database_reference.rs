//! FK303 cross-database-reference.
//!
//! Two forms. The error form needs declared databases (`[databases]` in `fklint.toml`, `--database`, the wasm
//! API's `databases`): a foreign key names a table that this database never has but another declared database
//! defines. The warning form needs a declaration that a column's values come from another database (`[ids_from]`,
//! `-- fklint: ids-from main`): the foreign key is accepted, but the rows it points at are elsewhere.

use super::context::{OtherDatabase, Rule, RuleContext, RuleMeta};
use crate::dialect_sql::{drop_foreign_key_sql, rerun_fix};
use super::support::fix::{self, statement_with_terminator};
use super::support::targets::{defined_elsewhere, ids_from_elsewhere};
use crate::catalog::{Column, ForeignKey, MissingCause, Table, Target};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity, TextEdit};
use crate::ident::quote_if_needed;
use crate::source::{Location, Span};

const META: RuleMeta = RuleMeta {
    code: "FK303",
    name: "cross-database-reference",
    severity: Severity::Error,
    summary: "A foreign key to a table that only another declared database defines, or whose rows are declared to come from another database.",
    docs: r#"## What it does
Knows that a project may have several databases (a Supabase project per product, a main platform database) and
that a foreign key can only point inside its own.

- **error**: with databases declared (`[databases]` in `fklint.toml`, `fklint check --database NAME=PATH`, or
  the page's database field per file), a foreign key names a table that its own database never has, but
  another declared database defines. Each database is replayed on its own, so this replaces FK101 and names
  the database that has the table.
- **warning**: a column's values are declared to come from another database, with `-- fklint: ids-from main`
  on the column's line (or the foreign key's line), or with `[ids_from]` in `fklint.toml`
  (`"tripwire_users.granted_by" = "main"`, also `schema.table.column` and `database.schema.table.column`), and
  the column still has a foreign key in this database.

## Why it is bad
PostgreSQL cannot reference a table in another database: the statement fails with
`relation "auth.users" does not exist` (42P01), or with a missing schema (3F000). Worse is the form it
accepts: `granted_by uuid NOT NULL REFERENCES auth.users (id)` in the students' database, when the managers who
grant access live in the main database. Their ids never exist here, so every insert fails with
`insert or update ... violates foreign key constraint` (23503).

The fix is what the team in the incident did: drop the constraint (by its real name), keep the id as plain data,
and drop `NOT NULL` when nothing in this database guarantees a value (no default). The forward SQL is
`ALTER TABLE ... DROP CONSTRAINT ...;` and `ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL;`; the edit removes
the constraint and the `NOT NULL` from the migration. For the error form, the forward SQL is the rejected
statement without the foreign key.

## Example
```sql expect_diagnostic
CREATE TABLE users (id uuid PRIMARY KEY);
CREATE TABLE students (
    id uuid PRIMARY KEY,
    granted_by uuid NOT NULL REFERENCES users (id) -- fklint: ids-from main
);
```

## Use instead
```sql valid
CREATE TABLE users (id uuid PRIMARY KEY);
CREATE TABLE students (
    id uuid PRIMARY KEY,
    granted_by uuid -- fklint: ids-from main (a manager of the main database, kept as plain data)
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
    let errors = ctx
        .certain_foreign_keys()
        .filter_map(|fk| defined_elsewhere(ctx, fk).map(|other| error_diagnostic(ctx, fk, other)));
    let warnings = ctx
        .accepted_foreign_keys()
        .filter_map(|fk| warning_diagnostic(ctx, fk));
    errors.chain(warnings).collect()
}

/// `database `main`` or the database of the sources no declaration lists.
fn database_label(name: Option<&str>) -> String {
    match name {
        Some(name) => format!("database `{name}`"),
        None => "the database of the files in no declared database".to_string(),
    }
}

fn error_diagnostic(ctx: &RuleContext, fk: &ForeignKey, other: &OtherDatabase) -> Diagnostic {
    let sqlstate = match &fk.target {
        Target::Missing {
            cause: MissingCause::NoSchema,
            ..
        } => "3F000",
        _ => "42P01",
    };
    let message = format!(
        "{} references `{}`, which only {} defines; this is {}, and PostgreSQL cannot reference a table in \
         another database, so it rejects the statement ({sqlstate}). Keep the id as plain data.",
        ctx.fk_columns_label(fk),
        fk.ref_name,
        database_label(other.name),
        database_label(ctx.database),
    );
    let related = other
        .catalog
        .live_tables()
        .find(|t| t.name == fk.ref_name)
        .map(|t| RelatedLocation {
            location: t.location,
            message: format!(
                "`{}` is created here, in {}",
                t.name,
                database_label(other.name)
            ),
        })
        .into_iter()
        .collect();
    META.diagnostic(message, fk.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
        .with_fix(Some(error_fix(ctx, fk)))
}

/// The rejected statement without the foreign key (and without `NOT NULL` where only it gave values).
fn error_fix(ctx: &RuleContext, fk: &ForeignKey) -> FixPlan {
    let table = ctx.catalog.table(fk.table);
    let (removal, whole_statement) = removal(ctx, fk);
    let nullable = columns_to_make_nullable(table, fk);
    let mut edits = vec![fix::replace(removal, "")];
    edits.extend(nullable.iter().filter_map(|c| not_null_edit(ctx, c)));
    let title = title(fk, &nullable);
    // NOT NULL written in an earlier statement already ran: the forward SQL drops it before the corrected
    // statement (the rerun applies only the edits inside the statement).
    let earlier: Vec<String> = nullable
        .iter()
        .filter(|c| {
            whole_statement
                || c.not_null_location
                    .is_none_or(|l| l.source != fk.stmt.source || !inside(l.span, fk.stmt.span))
        })
        .map(|c| drop_not_null_sql(table, c))
        .collect();
    let prefix = (!earlier.is_empty()).then(|| earlier.join("\n"));
    if whole_statement {
        // The statement only added the foreign key: nothing of it is left to run.
        return FixPlan {
            title,
            edits,
            sql: prefix,
            rerun_statement: None,
        };
    }
    rerun_fix(title, edits, fk.stmt.location(), prefix)
}

fn warning_diagnostic(ctx: &RuleContext, fk: &ForeignKey) -> Option<Diagnostic> {
    let (column, declared) = ids_from_elsewhere(ctx, fk)?;
    let target = fk.target_table().map(|id| ctx.catalog.table(id))?;
    let message = format!(
        "{} references `{}`, but `{}` is declared to hold ids from database `{}`: the rows it points at live \
         there, not in {}, so every insert of a real value fails with 23503 (foreign_key_violation)",
        ctx.fk_columns_label(fk),
        target.name,
        quote_if_needed(&column.name),
        declared.database,
        match ctx.database {
            Some(name) => format!("database `{name}`"),
            None => "this database".to_string(),
        },
    );
    let mut related = Vec::new();
    if let Some(comment) = declared.comment {
        related.push(RelatedLocation {
            location: comment,
            message: format!(
                "declared to come from database `{}` here",
                declared.database
            ),
        });
    }
    related.push(RelatedLocation {
        location: target.location,
        message: format!("`{}` of this database is created here", target.name),
    });
    Some(
        META.diagnostic(message, fk.location)
            .about(ctx.about_foreign_key(fk))
            .with_severity(Severity::Warning)
            .with_related(related)
            .with_fix(Some(warning_fix(ctx, fk))),
    )
}

/// What the team did: drop the constraint by its real name, and `NOT NULL` where only the foreign key's
/// parents could have given values.
fn warning_fix(ctx: &RuleContext, fk: &ForeignKey) -> FixPlan {
    let table = ctx.catalog.table(fk.table);
    let nullable = columns_to_make_nullable(table, fk);
    let (removal, _) = removal(ctx, fk);
    let mut edits = vec![fix::replace(removal, "")];
    edits.extend(nullable.iter().filter_map(|c| not_null_edit(ctx, c)));
    let mut sql = vec![drop_foreign_key_sql(ctx.catalog, fk)];
    sql.extend(nullable.iter().map(|c| drop_not_null_sql(table, c)));
    FixPlan {
        title: title(fk, &nullable),
        edits,
        sql: Some(sql.join("\n")),
        rerun_statement: None,
    }
}

fn title(fk: &ForeignKey, nullable: &[&Column]) -> String {
    let mut title = format!("Drop `{}` and keep the id as plain data", fk.name);
    if !nullable.is_empty() {
        let names: Vec<String> = nullable
            .iter()
            .map(|c| format!("`{}`", quote_if_needed(&c.name)))
            .collect();
        title.push_str(&format!("; make {} nullable", names.join(", ")));
    }
    title
}

/// The foreign key's columns that are `NOT NULL` with no default: once the foreign key is gone nothing in this
/// database supplies their values, which is why the team dropped `NOT NULL` too. Primary key columns keep it
/// (PostgreSQL refuses to drop it there).
fn columns_to_make_nullable<'t>(table: &'t Table, fk: &ForeignKey) -> Vec<&'t Column> {
    let primary: &[String] = table.primary_key().map_or(&[], |k| k.columns.as_slice());
    fk.columns
        .iter()
        .filter_map(|name| table.column(name))
        .filter(|c| c.not_null && c.default.is_none() && !primary.contains(&c.name))
        .collect()
}

fn drop_not_null_sql(table: &Table, column: &Column) -> String {
    format!(
        "ALTER TABLE {} ALTER COLUMN {} DROP NOT NULL;",
        table.name.sql(),
        quote_if_needed(&column.name)
    )
}

/// Deletes the written `NOT NULL` (with the blanks before it).
fn not_null_edit(ctx: &RuleContext, column: &Column) -> Option<TextEdit> {
    let location = column.not_null_location?;
    Some(fix::replace(with_leading_blanks(ctx, location), ""))
}

/// What to delete to remove the foreign key, and whether that is its whole statement (an `ALTER TABLE ... ADD
/// [CONSTRAINT ...] FOREIGN KEY ...` that does nothing else).
fn removal(ctx: &RuleContext, fk: &ForeignKey) -> (Location, bool) {
    let text = ctx
        .sources
        .get(fk.stmt.source)
        .map_or("", |s| s.text.as_str());
    if fk.standalone && only_adds_the_constraint(text, fk) {
        let span = statement_with_terminator(text, fk.stmt.span);
        return (fk.stmt.at(span), true);
    }
    (with_leading_blanks(ctx, fk.removal), false)
}

/// Nothing after the constraint, and nothing before it but `ALTER TABLE name ADD`: no other action (no comma)
/// and not a column being added with it (`ADD COLUMN x uuid REFERENCES ...` keeps the column).
fn only_adds_the_constraint(text: &str, fk: &ForeignKey) -> bool {
    let before = text
        .get(fk.stmt.span.start..fk.removal.span.start)
        .unwrap_or(",");
    let after = text
        .get(fk.removal.span.end..fk.stmt.span.end)
        .unwrap_or(",");
    after.trim().is_empty()
        && !before.contains(',')
        && before.trim_end().to_ascii_lowercase().ends_with("add")
}

/// A location widened over the spaces and tabs before it, so removing it leaves no double blank.
fn with_leading_blanks(ctx: &RuleContext, location: Location) -> Location {
    let text = ctx.text(Location {
        source: location.source,
        span: Span::new(0, location.span.start),
    });
    let blanks = text.len() - text.trim_end_matches([' ', '\t']).len();
    Location {
        source: location.source,
        span: Span::new(
            location.span.start.saturating_sub(blanks),
            location.span.end,
        ),
    }
}

fn inside(span: Span, outer: Span) -> bool {
    outer.start <= span.start && span.end <= outer.end
}
