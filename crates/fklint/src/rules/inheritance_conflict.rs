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
inherits it, or renaming a column of `ONLY` a table that passes it on (42P16); a foreign key added to
`ONLY` a partitioned table, which its partitions must hold too (42809); and attaching as a partition a table
that a foreign key of the partitioned table references (0A000), or moving a row across partitions, by an
UPDATE of a partitioned table, out of a partition below it that a foreign key references directly (0A000).

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
                RefusalReason::AttachReferenced {
                    table,
                    parent,
                    constraint,
                } => format!(
                    "cannot attach `{table}` as a partition of `{parent}`: the foreign key `{constraint}` \
                     references `{table}`, and the partition would hold that key to itself; PostgreSQL rejects \
                     the statement (0A000). Make the key reference another table, or keep `{table}` out of the \
                     partitioned table"
                ),
                RefusalReason::CrossPartitionMove { table, referenced } => format!(
                    "this UPDATE of `{table}` moves a row to another partition out of `{referenced}`, a partition \
                     of it that a foreign key references directly; PostgreSQL cannot enforce that key across the \
                     move and rejects the statement (0A000). Make the key reference `{table}`, or update \
                     `{referenced}` itself"
                ),
                // Reported by their own rules, or by none (a DROP of a missing table is no foreign-key matter).
                RefusalReason::NewerSyntax { .. }
                | RefusalReason::MissingTable { .. }
                | RefusalReason::SyntaxError
                | RefusalReason::DomainForeignKey
                | RefusalReason::ForeignKeyOnForeignTable { .. } => return None,
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

#[cfg(test)]
mod tests {

    fn errors(sql: &str) -> Vec<&'static str> {
        crate::postgres_errors(sql).iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_table_the_partitioned_tables_keys_reference_cannot_become_its_partition() {
        let own = "CREATE TABLE accounts (id int PRIMARY KEY);\n\
                   CREATE TABLE ledger (id int REFERENCES accounts) PARTITION BY LIST (id);\n\
                   ALTER TABLE ledger ATTACH PARTITION accounts FOR VALUES IN (1);\n";
        assert_eq!(errors(own), ["FK118"]);
        // Referenced by a key of one partition only: the parent's keys do not reach it.
        let partitions_own = "CREATE TABLE owners (id int PRIMARY KEY, region int);\n\
                   CREATE TABLE assets (id int, region int) PARTITION BY LIST (region);\n\
                   CREATE TABLE assets_west PARTITION OF assets FOR VALUES IN (2);\n\
                   ALTER TABLE assets_west ADD FOREIGN KEY (id) REFERENCES owners;\n\
                   ALTER TABLE assets ATTACH PARTITION owners FOR VALUES IN (3);\n";
        assert!(errors(partitions_own).is_empty());
    }

    #[test]
    fn a_row_cannot_move_out_of_a_partition_below_a_referenced_non_root_partition() {
        let tree = "CREATE TABLE regions (id int PRIMARY KEY) PARTITION BY LIST (id);\n\
                    CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN (1, 2) PARTITION BY LIST (id);\n\
                    CREATE TABLE regions_eu_1 PARTITION OF regions_eu FOR VALUES IN (1);\n\
                    CREATE TABLE regions_eu_2 PARTITION OF regions_eu FOR VALUES IN (2);\n\
                    CREATE TABLE regions_other PARTITION OF regions FOR VALUES IN (3, 4);\n\
                    INSERT INTO regions VALUES (1), (3);\n";
        let moves = "UPDATE regions SET id = 4 WHERE id = 3;\nUPDATE regions SET id = 2 WHERE id = 1;\n";
        assert!(errors(&format!("{tree}{moves}")).is_empty());
        let referenced = "CREATE TABLE offices (region_id int REFERENCES regions_eu (id));\n";
        assert_eq!(errors(&format!("{tree}{referenced}{moves}")), ["FK118"]);
    }
}
