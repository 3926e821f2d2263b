//! FK406 implied-relationship.

use std::collections::{HashMap, HashSet};

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix;
use crate::catalog::{Column, Table, TableId};
use crate::diagnostic::{About, Diagnostic, FixPlan, RelatedLocation, Severity};
use crate::ident::{
    choose_constraint_name, column_name_addition, quote_if_needed, Ident, ObjName, QualName,
};
use crate::types::{relate, TypeRelation};

const META: RuleMeta = RuleMeta {
    code: "FK406",
    name: "implied-relationship",
    severity: Severity::Info,
    summary: "A `<name>_id` column that clearly references a table's key, without a foreign key.",
    docs: r#"## What it does
Finds columns named like a reference (`customer_id`) without a foreign key, where exactly one table is clearly
meant: `customer`, `customers` (or `-es`, `-ies`) in the same schema or on the search path, whose primary key is
a single column `id` of a compatible type. It stays silent for polymorphic references (a `customer_type`
column next to it), ids of other systems (`external_`, `stripe_`, `provider_` ..., a column named after its own
table such as `account.account_id`, columns of a table that records their `provider` or `issuer`), and tables
that look like
logs, events, history or caches, which keep ids of rows that may be gone. It reports exceptions to the schema's own
practice: when such columns outnumber the foreign keys the schema declares, leaving them out is a policy
(GitLab's loose foreign keys, Vitess) and the rule stays silent.

## Why it is bad
Nothing stops the column from holding ids that do not exist, or from keeping them after the row is deleted:
joins silently lose rows and the mistake surfaces far from its cause.

## Example
```sql expect_diagnostic
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
CREATE TABLE order_lines (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
```

## Use instead
Declare the foreign key (and index it).
```sql valid
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));
CREATE TABLE order_lines (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// Prefixes of ids that belong to another system.
const FOREIGN_SYSTEM_PREFIXES: &[&str] = &[
    "external_",
    "ext_",
    "remote_",
    "stripe_",
    "provider_",
    "vendor_",
    "oauth_",
    "legacy_",
    "old_",
    "source_",
    "upstream_",
];

/// Table names (or their last word) that keep ids of rows that may be gone.
const LOG_WORDS: &[&str] = &[
    "log",
    "logs",
    "event",
    "events",
    "audit",
    "audits",
    "history",
    "histories",
    "archive",
    "archives",
    "activity",
    "activities",
    "changelog",
    "outbox",
    "journal",
    "cache",
    "caches",
];

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let known = Known::new(ctx);
    let mut out = Vec::new();
    for table in ctx.catalog.live_tables() {
        // A temporary table lives for one session: no later migration could add its foreign key.
        if table.uncertain
            || table.persistence == crate::events::Persistence::Temporary
            || table.columns_incomplete
            || table.partition_of.is_some()
            || ctx.catalog.holds_no_foreign_keys(table.id)
            || looks_like_log(&table.name.name)
            || ctx.catalog.is_uncertain(&table.name)
        {
            continue;
        }
        let referencing = known.referencing.get(&table.id).map_or(&[][..], Vec::as_slice);
        for column in &table.columns {
            if referencing.contains(&column.name.as_str()) {
                continue;
            }
            let Some(stem) = column.name.strip_suffix("_id") else {
                continue;
            };
            if stem.is_empty()
                || FOREIGN_SYSTEM_PREFIXES.iter().any(|p| stem.starts_with(p))
                || table.column(&format!("{stem}_type")).is_some()
                || names_its_own_table(table, stem)
                || holds_provider_ids(table)
            {
                continue;
            }
            let Some(target) = implied_target(ctx, &known, table, column, stem) else {
                continue;
            };
            // A foreign key of the table to that target names a column the table lacks: the column is
            // probably the one meant, and FK107 already says so.
            if known.misspelled.contains(&(table.id, target)) {
                continue;
            }
            out.push(diagnostic(ctx, table, column, ctx.catalog.table(target)));
        }
    }
    // The rule points at exceptions to the schema's own practice. When columns like these outnumber the
    // foreign keys the schema declares, leaving them out is a policy (GitLab's loose foreign keys, Vitess),
    // not an oversight.
    let declared = ctx.live_certain_foreign_keys().count();
    if out.len() > declared {
        out.clear();
    }
    out
}

/// What the rule looks up per column, gathered once per run (a scan per table would cost tables × keys).
struct Known<'c> {
    /// Per table, the columns of any foreign key it has, even a broken one, one the server rejected as an
    /// unsupported ALTER (FK702) or one MyISAM dropped (FK703): other rules judge those.
    referencing: HashMap<TableId, Vec<&'c str>>,
    /// (table, target) of the table's live foreign keys that name a column the table lacks.
    misspelled: HashSet<(TableId, TableId)>,
    /// Live tables by qualified name.
    live_by_name: HashMap<&'c QualName, Vec<TableId>>,
}

impl<'c> Known<'c> {
    fn new(ctx: &RuleContext<'c>) -> Known<'c> {
        let catalog = ctx.catalog;
        let mut referencing: HashMap<TableId, Vec<&'c str>> = HashMap::new();
        let mut misspelled = HashSet::new();
        for fk in catalog.foreign_keys.iter().filter(|fk| fk.is_live()) {
            let columns = referencing.entry(fk.table).or_default();
            columns.extend(fk.columns.iter().map(String::as_str));
            if let Some(target) = fk.target_table().filter(|_| !fk.missing_columns.is_empty()) {
                misspelled.insert((fk.table, target));
            }
        }
        for alter in &catalog.unsupported_alters {
            let Some(table) = alter.table else { continue };
            if let Some(crate::events::ConstraintKind::ForeignKey(def)) =
                alter.constraint.as_ref().map(|c| &c.kind)
            {
                let columns = referencing.entry(table).or_default();
                columns.extend(def.columns.iter().map(|c| c.value.as_str()));
            }
        }
        for fk in &catalog.ignored_foreign_keys {
            let columns = referencing.entry(fk.table).or_default();
            columns.extend(fk.def.columns.iter().map(|c| c.value.as_str()));
        }
        let mut live_by_name: HashMap<&QualName, Vec<TableId>> = HashMap::new();
        for table in catalog.live_tables() {
            live_by_name.entry(&table.name).or_default().push(table.id);
        }
        Known {
            referencing,
            misspelled,
            live_by_name,
        }
    }
}

/// `account.account_id`: a table's column named after the table itself is an id from elsewhere (an auth
/// library's provider account id), never a reference to its own key (that is `parent_id`).
fn names_its_own_table(table: &Table, stem: &str) -> bool {
    candidate_names(stem).contains(&table.name.name)
}

/// A table that records which provider or issuer its ids come from (`provider_id`, `provider`, `issuer`):
/// the OAuth and auth-library shape, where `client_id` and `account_id` are the provider's ids.
fn holds_provider_ids(table: &Table) -> bool {
    ["provider", "provider_id", "issuer", "providerId"]
        .iter()
        .any(|name| table.column(name).is_some())
}

fn looks_like_log(name: &str) -> bool {
    let last = name.rsplit('_').next().unwrap_or(name);
    LOG_WORDS.contains(&last)
}

/// `customer` → `customer`, `customers`, `customeres`; `category` → also `categories`.
fn candidate_names(stem: &str) -> Vec<String> {
    let mut names = vec![stem.to_string(), format!("{stem}s"), format!("{stem}es")];
    if let Some(base) = stem.strip_suffix('y') {
        names.push(format!("{base}ies"));
    }
    names
}

/// The one table the column clearly means, if exactly one fits.
fn implied_target(
    ctx: &RuleContext,
    known: &Known,
    table: &Table,
    column: &Column,
    stem: &str,
) -> Option<TableId> {
    let ty = column.ty.as_ref()?;
    let mut found: Vec<TableId> = Vec::new();
    for name in candidate_names(stem) {
        let qualified = QualName::new(&table.name.schema, &name);
        if ctx.catalog.is_uncertain(&qualified) {
            return None;
        }
        found.extend(known.live_by_name.get(&qualified).into_iter().flatten());
        if let Some(id) = ctx
            .catalog
            .find_table(&ObjName::unqualified(Ident::synthetic(&name)))
        {
            found.push(id);
        }
    }
    // Exactly one table, however many names found it.
    let &first = found.first()?;
    let target = ctx.catalog.table(first);
    if found.iter().any(|&id| id != first)
        || target.uncertain
        || target.partition_of.is_some()
        || target.foreign
    {
        return None;
    }
    let key = target.primary_key()?;
    if key.columns != ["id"] {
        return None;
    }
    let key_type = target.column("id")?.ty.as_ref()?;
    matches!(
        relate(ty, key_type),
        TypeRelation::Same | TypeRelation::Drift
    )
    .then_some(target.id)
}

fn diagnostic(ctx: &RuleContext, table: &Table, column: &Column, target: &Table) -> Diagnostic {
    let message = format!(
        "`{}.{}` looks like a reference to `{}` (its key `id` has a compatible type), but no foreign key \
         declares it: nothing stops ids that do not exist",
        table.name,
        quote_if_needed(&column.name),
        target.name,
    );
    let related = vec![RelatedLocation {
        location: target.location,
        message: format!("`{}` is created here", target.name),
    }];
    let schema = &table.name.schema;
    let name = choose_constraint_name(
        &table.name.name,
        Some(&column_name_addition(std::slice::from_ref(&column.name))),
        "fkey",
        |n| ctx.catalog.relation_name_taken(schema, n),
    );
    let sql = format!(
        "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} (id);",
        ctx.table_sql(table.id),
        ctx.quote(&name),
        ctx.quote(&column.name),
        ctx.table_sql(target.id)
    );
    // The edit declares the reference where the column is written, when the target already existed there
    // (under the name it had then). Not in MySQL, where before 9.0 an inline REFERENCES is dropped (FK701):
    // there the forward SQL is the fix.
    let edits = column
        .type_location
        .filter(|_| target.exists_before(column.created.index))
        .filter(|_| !ctx.catalog.dialect.ignores_inline_references())
        .map(|type_location| {
            fix::insert_at(
                type_location,
                type_location.span.end,
                format!(
                    " REFERENCES {} (id)",
                    target.name_at(column.created.index).sql()
                ),
            )
        })
        .into_iter()
        .collect();
    let fix = FixPlan {
        title: format!("Add a foreign key to `{}`", target.name),
        edits,
        sql: Some(sql),
        rerun_statement: None,
    };
    META.diagnostic(message, column.location)
        .about(About {
            subject: Some(ctx.subject(table.id, std::slice::from_ref(&column.name))),
            referenced: Some(ctx.referenced(target.id, &["id".to_string()])),
        })
        .with_related(related)
        .with_fix(Some(fix))
}

#[cfg(test)]
mod tests {
    use super::{candidate_names, looks_like_log};

    #[test]
    fn plural_forms() {
        assert_eq!(
            candidate_names("category"),
            ["category", "categorys", "categoryes", "categories"]
        );
        assert_eq!(candidate_names("box"), ["box", "boxs", "boxes"]);
    }

    #[test]
    fn log_like_tables() {
        assert!(looks_like_log("audit_log"));
        assert!(looks_like_log("user_events"));
        assert!(looks_like_log("star_counts_cache"));
        assert!(!looks_like_log("invoices"));
        assert!(!looks_like_log("catalog"));
    }

    #[test]
    fn an_auth_librarys_provider_account_id_is_not_implied() {
        let sql = "CREATE TABLE users (id text PRIMARY KEY);\n\
                   CREATE TABLE account (id text PRIMARY KEY, account_id text NOT NULL, provider_id text NOT NULL,\n\
                   user_id text NOT NULL REFERENCES users (id));\n\
                   CREATE TABLE sessions (id text PRIMARY KEY, user_id text NOT NULL REFERENCES users (id));\n";
        let report = crate::check(
            &[crate::Source::new("m.sql", sql)],
            &crate::Options::default(),
        );
        assert!(report.findings.iter().all(|f| f.code != "FK406"));
    }
}
