//! FK118 inheritance-conflict.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::{Refusal, RefusalReason};
use crate::diagnostic::{About, Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK118",
    name: "inheritance-conflict",
    severity: Severity::Error,
    summary: "The statement breaks a rule of table inheritance that PostgreSQL enforces.",
    docs: r#"## What it does
Finds PostgreSQL statements that break a rule of table inheritance (`INHERITS`): dropping a table that others
inherit from without `CASCADE` (2BP01), and dropping, renaming or changing the type of a column in a table that
inherits it, or renaming a column of `ONLY` a table that passes it on (42P16); and a foreign key added to
`ONLY` a partitioned table, which its partitions must hold too (42809).

## Why it is bad
PostgreSQL rejects the statement, so nothing of it happens: the table or column is still there with its old
name and type, and the foreign keys written for the new state fail or point at something else. With `CASCADE`,
dropping a parent also drops every table that inherits from it, with their foreign keys.

## Example
```sql expect_diagnostic
CREATE TABLE accounts (id int PRIMARY KEY, email text);
CREATE TABLE shops (city text) INHERITS (accounts);
ALTER TABLE shops RENAME COLUMN email TO contact;
```

## Use instead
```sql valid
CREATE TABLE accounts (id int PRIMARY KEY, email text);
CREATE TABLE shops (city text) INHERITS (accounts);
ALTER TABLE accounts RENAME COLUMN email TO contact;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .refusals
        .iter()
        .filter_map(|refusal| {
            let message = match &refusal.reason {
                RefusalReason::InheritedBy { table, children } => format!(
                    "cannot drop `{table}`: {} inherit{} from it; PostgreSQL rejects the statement (2BP01). Drop \
                     {} in the same statement, or use CASCADE to drop {} too",
                    names(children),
                    if children.len() == 1 { "s" } else { "" },
                    if children.len() == 1 { "it" } else { "them" },
                    if children.len() == 1 { "it" } else { "them" },
                ),
                RefusalReason::InheritedColumn {
                    table,
                    column,
                    parent,
                    action,
                } => format!(
                    "cannot {action} `{table}.{column}`: the column is inherited from `{parent}`; PostgreSQL \
                     rejects the statement (42P16). Change it in `{parent}`, which passes it on"
                ),
                RefusalReason::PassedOnColumn {
                    table,
                    column,
                    child,
                } => format!(
                    "cannot rename `{table}.{column}` in `{table}` only: `{child}` inherits the column; \
                     PostgreSQL rejects the statement (42P16). Leave out ONLY to rename it everywhere"
                ),
                RefusalReason::InheritsPartitioned { table, parent } => format!(
                    "`{table}` cannot inherit from `{parent}`, a partitioned table; PostgreSQL rejects the \
                     statement (42809). Make it a partition (`PARTITION OF`) instead"
                ),
                RefusalReason::OnlyForeignKeyOnPartitioned { table, referenced } => format!(
                    "cannot add a foreign key to `{table}` only: it is partitioned, and each of its partitions \
                     must hold the key to `{referenced}` too; PostgreSQL rejects the statement (42809). Leave out \
                     ONLY"
                ),
                // Reported by their own rules, or by none (a DROP of a missing table is no foreign-key matter).
                RefusalReason::NewerSyntax { .. }
                | RefusalReason::MissingTable { .. }
                | RefusalReason::ForeignKeyOnForeignTable { .. }
                | RefusalReason::SyntaxError => return None,
            };
            Some(META.diagnostic(message, refusal.location).about(about(ctx, refusal)))
        })
        .collect()
}

/// The table changed or dropped, with its columns, and the table it inherits from or passes them on to.
fn about(ctx: &RuleContext, refusal: &Refusal) -> About {
    About {
        subject: refusal
            .tables
            .first()
            .map(|&table| ctx.subject(table, &refusal.columns)),
        referenced: refusal
            .tables
            .get(1)
            .map(|&table| ctx.referenced(table, &refusal.columns)),
    }
}

fn names(tables: &[String]) -> String {
    let quoted: Vec<String> = tables.iter().map(|t| format!("`{t}`")).collect();
    quoted.join(", ")
}
