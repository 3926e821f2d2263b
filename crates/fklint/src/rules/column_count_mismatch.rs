//! FK104 column-count-mismatch.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK104",
    name: "column-count-mismatch",
    severity: Severity::Error,
    summary: "The foreign key and the referenced column lists differ in length.",
    docs: r#"## What it does
Finds foreign keys with a different number of referencing and referenced columns (a `REFERENCES t` without
columns means `t`'s primary key columns).

## Why it is bad
PostgreSQL rejects the statement: `number of referencing and referenced columns for foreign key disagree`
(42830).

## Example
```sql expect_diagnostic
CREATE TABLE accounts (tenant_id int, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE invoices (account_id int REFERENCES accounts);
```

## Use instead
```sql valid
CREATE TABLE accounts (tenant_id int, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE invoices (
    tenant_id int,
    account_id int,
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
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
        .filter_map(|fk| {
            let reference = fk.reference()?;
            // A PERIOD mismatch is refused before the columns are counted (FK114).
            let known = !reference.ref_columns.is_empty()
                && reference.missing_columns.is_empty()
                && reference.period.is_none();
            (known && reference.ref_columns.len() != fk.columns.len()).then(|| {
                let target = &ctx.catalog.table(reference.table).name;
                let message = format!(
                    "{} foreign key column(s) reference {} column(s) of `{target}` ({}); {}",
                    fk.columns.len(),
                    reference.ref_columns.len(),
                    reference.ref_columns.join(", "),
                    ctx.rejection(
                        "42830",
                        "error 1239: incorrect foreign key definition",
                        None
                    ),
                );
                META.diagnostic(message, fk.location)
                    .about(ctx.about_foreign_key(fk))
            })
        })
        .collect()
}
