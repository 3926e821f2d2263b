//! FK124 foreign-key-on-foreign-table.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::RefusalReason;
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK124",
    name: "foreign-key-on-foreign-table",
    severity: Severity::Error,
    summary: "A foreign key declared on a foreign table, which PostgreSQL cannot hold.",
    docs: r#"## What it does
Finds PostgreSQL foreign keys declared on a foreign table: in `CREATE FOREIGN TABLE` (a column's `REFERENCES` or
a table constraint) and added later with `ALTER [FOREIGN] TABLE ... ADD`; and the copies a foreign table would
hold as a partition, since every partition holds its parents' foreign keys: `CREATE FOREIGN TABLE ... PARTITION
OF` or `ATTACH PARTITION` of a table with foreign keys, and `ADD FOREIGN KEY` to a partitioned table that has a
foreign partition.

## Why it is bad
A foreign table's rows live on another server, which the local one cannot lock or watch, so PostgreSQL has no
foreign keys on foreign tables: it rejects the whole statement (`foreign key constraints are not supported on
foreign tables`, 0A000; 42809 for a partition's copy of its parents' key) before it even looks at the referenced
table. A rejected `CREATE FOREIGN TABLE` creates
nothing, so every later statement that uses the table fails too. (A foreign table cannot be referenced either:
FK101 reports a `REFERENCES` that names one.)

## Example
```sql expect_diagnostic
CREATE FOREIGN DATA WRAPPER remote_wrapper;
CREATE SERVER remote_server FOREIGN DATA WRAPPER remote_wrapper;
CREATE TABLE customers (id int PRIMARY KEY);
CREATE FOREIGN TABLE remote_orders (id int, customer_id int REFERENCES customers (id)) SERVER remote_server;
```

## Use instead
Check the references where the rows are (on the remote server), and keep the column plain here:
```sql valid
CREATE FOREIGN DATA WRAPPER remote_wrapper;
CREATE SERVER remote_server FOREIGN DATA WRAPPER remote_wrapper;
CREATE TABLE customers (id int PRIMARY KEY);
CREATE FOREIGN TABLE remote_orders (id int, customer_id int) SERVER remote_server;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// The statements the catalog refused for a foreign key on a foreign table.
pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    ctx.catalog
        .refusals
        .iter()
        .filter_map(|refusal| {
            let RefusalReason::ForeignKeyOnForeignTable {
                table,
                through,
                key,
            } = &refusal.reason
            else {
                return None;
            };
            let partition = match through {
                Some(parent) => format!(", a partition of `{parent}`, which passes its foreign keys on,"),
                None => String::new(),
            };
            let message = format!(
                "`{table}` is a foreign table{partition} and cannot have a foreign key (here to `{}`): \
                 PostgreSQL rejects the statement ({}), and nothing of it happens",
                key.ref_table.name.value,
                refusal.reason.sqlstate()
            );
            let diagnostic = META.diagnostic(message, refusal.location);
            Some(match refusal.tables.first() {
                Some(&table) => diagnostic.about(ctx.about_declaration(table, key)),
                None => diagnostic,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{check, schema, Options, Source};

    const SERVER: &str = "CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w;\n\
                          CREATE TABLE customers (id int PRIMARY KEY);\n";

    fn errors(sql: &str) -> Vec<(String, usize)> {
        let sql = format!("{SERVER}{sql}");
        let report = check(&[Source::new("m.sql", sql.as_str())], &Options::default());
        report
            .findings
            .iter()
            .filter(|f| f.severity == crate::Severity::Error)
            .map(|f| (f.code.to_string(), sql[..f.position.start].lines().count()))
            .collect()
    }

    #[test]
    fn every_way_of_declaring_one_is_refused_and_leaves_nothing() {
        let sql = "CREATE FOREIGN TABLE a (c int REFERENCES customers) SERVER s;\n\
                   CREATE FOREIGN TABLE b (c int, FOREIGN KEY (c) REFERENCES no_such_table) SERVER s;\n\
                   CREATE FOREIGN TABLE c (c int) SERVER s;\n\
                   ALTER TABLE c ADD FOREIGN KEY (c) REFERENCES customers;\n\
                   ALTER FOREIGN TABLE c ADD COLUMN d int REFERENCES customers;\n\
                   ALTER TABLE customers SET UNLOGGED;\n\
                   DROP TABLE customers;\n";
        // The refusal comes first (0A000): not FK101 for the missing table; the keys never existed, so the
        // persistence change and the DROP are accepted.
        assert_eq!(
            errors(sql),
            [4, 5, 7, 8].map(|line| ("FK124".to_string(), line))
        );
        let sql = format!("{SERVER}{sql}");
        let tables = schema(&[Source::new("m.sql", sql.as_str())], &Options::default());
        assert!(tables.foreign_keys.is_empty(), "{:?}", tables.foreign_keys);
    }

    #[test]
    fn a_foreign_partition_would_hold_copies_of_its_parents_keys() {
        let sql = "CREATE TABLE p (c int REFERENCES customers) PARTITION BY LIST (c);\n\
                   CREATE FOREIGN TABLE p1 PARTITION OF p FOR VALUES IN (1) SERVER s;\n\
                   CREATE FOREIGN TABLE p2 (c int) SERVER s;\n\
                   ALTER TABLE p ATTACH PARTITION p2 FOR VALUES IN (2);\n\
                   CREATE TABLE q (c int) PARTITION BY LIST (c);\n\
                   CREATE FOREIGN TABLE q1 PARTITION OF q FOR VALUES IN (1) SERVER s;\n\
                   ALTER TABLE q ADD FOREIGN KEY (c) REFERENCES customers;\n\
                   ALTER TABLE q DETACH PARTITION q1;\n\
                   ALTER TABLE q ADD FOREIGN KEY (c) REFERENCES customers;\n";
        assert_eq!(
            errors(sql),
            [5, 7, 10].map(|line| ("FK124".to_string(), line))
        );
        let sql = format!("{SERVER}{sql}");
        let report = check(&[Source::new("m.sql", sql.as_str())], &Options::default());
        let message = &report.findings.iter().find(|f| f.code == "FK124").unwrap().message;
        assert!(
            message.contains("`p1` is a foreign table, a partition of `p`") && message.contains("(42809)"),
            "{message}"
        );
        let tables = schema(&[Source::new("m.sql", sql.as_str())], &Options::default());
        let keys: Vec<&str> = tables.foreign_keys.iter().map(|fk| fk.table.as_str()).collect();
        assert_eq!(keys, ["p", "q"]);
    }

    #[test]
    fn a_foreign_table_cannot_be_referenced_even_when_a_table_takes_its_name_later() {
        let sql = "CREATE FOREIGN TABLE remote (id int) SERVER s;\n\
                   CREATE TABLE local (r int REFERENCES remote (id));\n\
                   DROP FOREIGN TABLE remote;\n\
                   CREATE TABLE remote (id int PRIMARY KEY);\n\
                   CREATE TABLE local (r int REFERENCES remote (id));\n";
        assert_eq!(errors(sql), [("FK101".to_string(), 5)]);
        let sql = format!("{SERVER}{sql}");
        let report = check(&[Source::new("m.sql", sql.as_str())], &Options::default());
        let message = &report.findings[0].message;
        assert!(message.contains("foreign table") && message.contains("(42809)"), "{message}");
    }
}
