//! FK105 referenced-table-created-later.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::dialect_sql::rerun_fix;
use super::support::fix::{self, statement_with_terminator};
use super::support::targets::created_later;
use crate::catalog::{ForeignKey, Table};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK105",
    name: "referenced-table-created-later",
    severity: Severity::Error,
    summary: "The referenced table exists, but only from a later statement or migration.",
    docs: r#"## What it does
Finds `REFERENCES` to a table that is created further down the same file or in a later migration.

## Why it is bad
Migrations run in order. When the foreign key's statement runs, the table does not exist yet and PostgreSQL
rejects the statement (`relation "..." does not exist`, 42P01), even though the schema looks complete when read
as a whole.

## Example
```sql expect_diagnostic
CREATE TABLE tenant_users (
    tenant_id int,
    role_id varchar(36) REFERENCES tenant_roles (id)
);
CREATE TABLE tenant_roles (id varchar(36) PRIMARY KEY);
```

## Use instead
Create the referenced table first.
```sql valid
CREATE TABLE tenant_roles (id varchar(36) PRIMARY KEY);
CREATE TABLE tenant_users (
    tenant_id int,
    role_id varchar(36) REFERENCES tenant_roles (id)
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
    ctx.certain_foreign_keys()
        .filter_map(|fk| created_later(ctx, fk).map(|table| diagnostic(ctx, fk, table)))
        .collect()
}

fn diagnostic(ctx: &RuleContext, fk: &ForeignKey, table: &Table) -> Diagnostic {
    let creation = table.created;
    let message = format!(
        "{} references `{}`, which is only created later{}; {}: the table does not exist yet",
        ctx.fk_columns_label(fk),
        table.name,
        if creation.source == fk.stmt.source {
            String::new()
        } else {
            format!(
                ", in `{}`",
                ctx.sources
                    .get(creation.source)
                    .map_or("", |s| s.name.as_str())
            )
        },
        ctx.rejection(
            "42P01",
            "error 1005, errno 150; MySQL 8: error 1824, failed to open the referenced table",
            None
        ),
    );
    let related = vec![RelatedLocation {
        location: table.location,
        message: format!("`{}` is created here", table.name),
    }];
    let fix = move_creation_fix(ctx, fk, table);
    META.diagnostic(message, fk.stmt.at(fk.def.ref_table.span))
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
        .with_fix(Some(fix))
}

/// Moves the CREATE TABLE of the referenced table in front of the statement that needs it.
fn move_creation_fix(
    ctx: &RuleContext,
    fk: &ForeignKey,
    table: &Table,
) -> crate::diagnostic::FixPlan {
    let creation = table.created.location();
    let source_text = ctx
        .sources
        .get(creation.source)
        .map_or("", |s| s.text.as_str());
    let removal = statement_with_terminator(source_text, creation.span);
    let statement = ctx.text(creation).to_string();
    let edits = vec![
        fix::insert_at(
            fk.stmt.location(),
            fk.stmt.span.start,
            format!("{statement};\n\n"),
        ),
        fix::replace(
            crate::source::Location {
                source: creation.source,
                span: removal,
            },
            "",
        ),
    ];
    rerun_fix(
        format!("Create `{}` before it is referenced", table.name),
        edits,
        fk.stmt.location(),
        None,
    )
}
