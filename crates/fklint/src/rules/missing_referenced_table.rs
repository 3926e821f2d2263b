//! FK101 missing-referenced-table.

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix;
use crate::catalog::{ForeignKey, MissingCause, SuggestionReason, Target};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};

const META: RuleMeta = RuleMeta {
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

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.certain_foreign_keys()
        .filter(|fk| !super::support::targets::is_created_later(ctx, fk))
        // A late-binding FK that was dropped while it waited for its table never made a write fail.
        .filter(|fk| !fk.binds_late || fk.is_live())
        // A table that another declared database defines is FK303's finding.
        .filter(|fk| super::support::targets::defined_elsewhere(ctx, fk).is_none())
        .filter_map(|fk| diagnostic(ctx, fk))
        .collect()
}

/// The table was written, but the server rejected the statement that created it: this reference fails only
/// because of that statement, whose fix clears this finding too.
fn rejected_creation_diagnostic(
    ctx: &RuleContext,
    fk: &ForeignKey,
    table: crate::catalog::TableId,
) -> Diagnostic {
    let table = ctx.catalog.table(table);
    let file = ctx
        .sources
        .get(table.created.source)
        .map_or("", |s| s.name.as_str());
    let line = ctx
        .sources
        .get(table.created.source)
        .map_or(0, |_| ctx.lines.line(table.created.location()));
    let message = format!(
        "{} references table `{}`, which does not exist: the CREATE TABLE at {file}:{line} was rejected. \
         {}.",
        ctx.fk_columns_label(fk),
        fk.ref_name,
        missing_table_verdict(ctx, fk, "42P01")
    );
    META.diagnostic(message, fk.stmt.at(fk.def.ref_table.span))
        .about(ctx.about_foreign_key(fk))
        .with_related(vec![RelatedLocation {
            location: table.created.location(),
            message: format!(
                "the CREATE TABLE of `{}` is rejected here: fix it first",
                table.name
            ),
        }])
        .caused_by(ctx.catalog.root_of(table.created).location())
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
    if *cause == MissingCause::NoRelation {
        if let Some(table) = ctx.catalog.rejected_creation(&fk.ref_name, fk.stmt.index) {
            return Some(rejected_creation_diagnostic(ctx, fk, table));
        }
    }
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
        MissingCause::ForeignTable => (
            "is a foreign table (its rows live on another server), and a foreign key can only reference a \
             table"
                .to_string(),
            "42809",
        ),
    };
    let mut message = format!(
        "{} references table `{}`, which {what}",
        ctx.fk_columns_label(fk),
        fk.ref_name
    );
    let mut related = Vec::new();
    let fix;
    if let Some(reference) = suggestion {
        let suggested = ctx.catalog.table(reference.table);
        let replacement = if written.schema.is_some() || suggested.name.schema != fk.ref_name.schema
        {
            ctx.name_sql(&suggested.name)
        } else {
            ctx.quote(&suggested.name.name)
        };
        message.push_str(&format!(
            "; did you mean `{replacement}`{}?",
            reason_note(ctx, reason)
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
        let title = format!("Reference `{replacement}` instead of `{written}`");
        fix = Some(
            ctx.sql()
                .retarget_fix(ctx.catalog, fk, title, edit, replacement),
        );
    } else {
        message.push('.');
        // A view or a missing schema holds the name: creating a table there is not the fix.
        fix = (*cause == MissingCause::NoRelation)
            .then(|| create_missing_table_fix(ctx, fk))
            .flatten();
    }
    message.push_str(&format!(" {}.", missing_table_verdict(ctx, fk, sqlstate)));
    Some(
        META.diagnostic(message, fk.stmt.at(written.span))
            .about(ctx.about_foreign_key(fk))
            .with_related(related)
            .with_fix(fix),
    )
}

/// No table is like the name: create it first, with the referenced columns typed like the referencing ones
/// and as its primary key (what the seed write-up did for `tenant_roles`). Where the server rejected the
/// statement it runs again after; SQLite binds its foreign key to the new table by name.
fn create_missing_table_fix(ctx: &RuleContext, fk: &ForeignKey) -> Option<FixPlan> {
    let table = ctx.catalog.table(fk.table);
    let key_columns: Vec<String> = match &fk.def.ref_columns {
        Some(columns) => columns.iter().map(|c| c.value.clone()).collect(),
        None => vec!["id".to_string()],
    };
    if key_columns.len() != fk.columns.len() || fk.ref_name.schema != table.name.schema {
        return None;
    }
    let columns: Vec<String> = key_columns
        .iter()
        .zip(&fk.columns)
        .map(|(key, column)| {
            let ty = table
                .column(column)
                .and_then(|c| c.type_text.clone())
                .unwrap_or_else(|| "text".to_string());
            format!("{} {} NOT NULL", ctx.quote(key), ty.trim())
        })
        .collect();
    let create = format!(
        "CREATE TABLE {} ({}, PRIMARY KEY ({}));",
        ctx.name_sql(&fk.ref_name),
        columns.join(", "),
        ctx.quote_list(&key_columns)
    );
    let edit = fix::insert_at(
        fk.stmt.location(),
        fk.stmt.span.start,
        format!("{create}\n"),
    );
    let title = format!("Create `{}` first", fk.ref_name);
    Some(
        ctx.sql()
            .declaration_fix(title, vec![edit], fk.stmt.location(), Some(create)),
    )
}

/// What the server does: PostgreSQL and MySQL reject the statement; SQLite (always) and MySQL with
/// `FOREIGN_KEY_CHECKS=0` accept it and bind the name later, and here no table ever had it.
fn missing_table_verdict(ctx: &RuleContext, fk: &ForeignKey, sqlstate: &str) -> String {
    let child = &ctx.catalog.table(fk.table).name;
    ctx.sql()
        .missing_table_verdict(child, fk.binds_late, sqlstate)
}

fn reason_note(ctx: &RuleContext, reason: &SuggestionReason) -> &'static str {
    match reason {
        SuggestionReason::Renamed => " (the table was renamed)",
        SuggestionReason::Case => ctx.sql().letter_case_note(),
        SuggestionReason::OtherSchema => " (same name in another schema)",
        SuggestionReason::Number => " (plural/singular)",
        SuggestionReason::Similar | SuggestionReason::Nothing => "",
    }
}
