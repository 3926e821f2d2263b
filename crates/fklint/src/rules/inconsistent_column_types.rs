//! FK203 inconsistent-column-types.

use crate::hash::{FastMap, FastSet};

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix;
use crate::catalog::{Column, Table, TableId};
use crate::diagnostic::{About, Diagnostic, FixPlan, Group, GroupFix, Severity};
use crate::types::{relate, SqlType, TypeRelation};

const META: RuleMeta = RuleMeta {
    code: "FK203",
    name: "inconsistent-column-types",
    severity: Severity::Warning,
    summary: "A reference column (like `tenant_id`) has another type in a table where it has no foreign key.",
    docs: r#"## What it does
Takes every reference-like column name (`*_id`, `*_uuid`, `*Id`) that foreign keys use for one referenced key
(for example `tenant_id` → `tenants.id`), when the name surely means that key (it names the table, or more than
one foreign key uses it)
and finds columns with the same name in other tables, without a foreign key, whose type differs from that key.

One cause, one finding: every column of one name that does not use its key's type (`tenant_id` is `text` in
the log tables while `tenants.id` is `uuid`) is one finding, at the first, with the others (whatever their
type) as related locations and one fix that changes all of them.

## Why it is bad
The column means the same thing everywhere, so it will be joined and compared with the others: with another
type, those joins need casts, values may not fit, and adding the missing foreign key later fails or drifts.

## Example
```sql expect_diagnostic
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE projects (tenant_id uuid REFERENCES tenants (id));
CREATE TABLE audit_events (tenant_id text);
```

Two log tables with `tenant_id` of other types are one finding:
```sql expect_diagnostic
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE projects (tenant_id uuid REFERENCES tenants (id));
CREATE TABLE audit_events (tenant_id text);
CREATE TABLE api_request_logs (tenant_id varchar(36));
```

## Use instead
```sql valid
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE projects (tenant_id uuid REFERENCES tenants (id));
CREATE TABLE audit_events (tenant_id uuid);
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// The key a column name stands for, when all single-column foreign keys using that name agree on it.
struct KeyOfName {
    table: String,
    column: String,
    ty: SqlType,
    uses: usize,
}

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let keys = keys_by_column_name(ctx);
    let fk_columns = foreign_key_columns(ctx);
    let mut out = Vec::new();
    for table in ctx.catalog.live_tables().filter(|t| !t.uncertain) {
        for column in &table.columns {
            let Some(Some(key)) = keys.get(&column.name) else {
                continue;
            };
            let Some(ty) = &column.ty else { continue };
            if fk_columns.contains(&(table.id, column.name.as_str()))
                || (table.name.to_string() == key.table && column.name == key.column)
                || !meaning_is_established(&column.name, key)
            {
                continue;
            }
            if matches!(
                relate(ty, &key.ty),
                TypeRelation::Drift | TypeRelation::Incompatible
            ) {
                out.push(diagnostic(ctx, table, column, ty, key));
            }
        }
    }
    out
}

/// Column name → the one key its foreign keys reference (`None` when they reference different keys).
fn keys_by_column_name(ctx: &RuleContext) -> FastMap<String, Option<KeyOfName>> {
    let mut keys: FastMap<String, Option<KeyOfName>> = FastMap::default();
    for fk in ctx
        .accepted_foreign_keys()
        .filter(|fk| fk.columns.len() == 1 && is_reference_name(&fk.columns[0]))
    {
        let Some(reference) = fk.reference() else {
            continue;
        };
        let target = ctx.catalog.table(reference.table);
        let Some(ref_type) = reference
            .ref_columns
            .first()
            .and_then(|c| target.column(c))
            .and_then(|c| c.ty.clone())
        else {
            continue;
        };
        let candidate = KeyOfName {
            table: target.name.to_string(),
            column: reference.ref_columns[0].clone(),
            ty: ref_type,
            uses: 1,
        };
        keys.entry(fk.columns[0].clone())
            .and_modify(|existing| match existing {
                Some(key) if key.table == candidate.table && key.column == candidate.column => {
                    key.uses += 1
                }
                _ => *existing = None,
            })
            .or_insert(Some(candidate));
    }
    keys
}

/// Whether the name surely means that key everywhere: more than one foreign key uses it for the key, or the
/// name says the table (`tenant_id` → `tenants`). One `client_id` → `oauth_clients.id` does not make every
/// `client_id` an OAuth client of this database (an external provider's client id is text).
fn meaning_is_established(column: &str, key: &KeyOfName) -> bool {
    if key.uses > 1 {
        return true;
    }
    let lower = column.to_ascii_lowercase();
    let stem = lower
        .strip_suffix("_id")
        .or_else(|| lower.strip_suffix("_uuid"))
        .or_else(|| lower.strip_suffix("id"))
        .unwrap_or(&lower);
    let table = key.table.rsplit('.').next().unwrap_or(&key.table).to_ascii_lowercase();
    let stem = stem.trim_end_matches('_');
    [
        stem.to_string(),
        format!("{stem}s"),
        format!("{stem}es"),
        format!("{}ies", stem.strip_suffix('y').unwrap_or(stem)),
    ]
    .contains(&table)
}

/// Names that say "I hold another row's key": `tenant_id`, `tenantId`, `user_uuid`. Plain `id`, `status` or
/// `artist` are too generic to assume two columns mean the same thing.
fn is_reference_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.len() > 3 && (lower.ends_with("_id") || lower.ends_with("_uuid")))
        || (name.len() > 2 && name.ends_with("Id"))
}

/// Every (table, column) that is part of a live foreign key.
fn foreign_key_columns<'c>(ctx: &'c RuleContext) -> FastSet<(TableId, &'c str)> {
    ctx.catalog
        .live_foreign_keys()
        .flat_map(|fk| fk.columns.iter().map(move |c| (fk.table, c.as_str())))
        .collect()
}

fn diagnostic(
    ctx: &RuleContext,
    table: &Table,
    column: &Column,
    ty: &SqlType,
    key: &KeyOfName,
) -> Diagnostic {
    let message = format!(
        "`{}.{}` is {ty}, but `{}` references `{}.{}` ({}) in {} foreign key(s) elsewhere; use the same type",
        table.name, column.name, column.name, key.table, key.column, key.ty, key.uses
    );
    let convert = relate(ty, &key.ty) == TypeRelation::Incompatible;
    let fix = column.type_location.map(|location| FixPlan {
        title: format!("Change `{}` to {}", column.name, key.ty),
        edits: vec![fix::replace(location, key.ty.display())],
        sql: Some(ctx.sql().alter_column_type(
            ctx.catalog,
            table,
            &column.name,
            &key.ty,
            convert,
        )),
        rerun_statement: None,
    });
    let location = column.type_location.unwrap_or(column.location);
    META.diagnostic(message, location)
        .about(About::table(
            ctx.subject(table.id, std::slice::from_ref(&column.name)),
        ))
        .with_fix(fix)
        .in_group(Group {
            // One cause: one reference name whose columns without a foreign key do not use its key's type.
            key: format!(
                "{}|{}|{}.{}",
                ctx.database.unwrap_or(""),
                column.name,
                key.table,
                key.column
            ),
            label: format!("`{}.{}` ({ty})", table.name, column.name),
            plural: "columns",
            fix: GroupFix::Each,
        })
}

#[cfg(test)]
mod tests {
    use crate::{check, Options, Source};

    fn codes(sql: &str) -> Vec<&'static str> {
        check(&[Source::new("m.sql", sql)], &Options::default())
            .findings
            .iter()
            .map(|f| f.code)
            .collect()
    }

    #[test]
    fn one_foreign_key_does_not_give_a_name_its_meaning_everywhere() {
        // An external OAuth provider's client id is text; one `client_id` → oauth_clients.id says nothing of it.
        let oauth = "CREATE TABLE oauth_clients (id bigint PRIMARY KEY);\n\
                     CREATE TABLE grants (id bigint PRIMARY KEY, client_id bigint REFERENCES oauth_clients (id));\n\
                     CREATE TABLE github_logins (id bigint PRIMARY KEY, client_id text);\n";
        assert!(!codes(oauth).contains(&"FK203"));
        // The name says the table: every `tenant_id` means tenants.id.
        let tenants = "CREATE TABLE tenants (id uuid PRIMARY KEY);\n\
                       CREATE TABLE projects (tenant_id uuid REFERENCES tenants (id));\n\
                       CREATE TABLE audit_events (tenant_id text);\n";
        assert!(codes(tenants).contains(&"FK203"));
    }
}
