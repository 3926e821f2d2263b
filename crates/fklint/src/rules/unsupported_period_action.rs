//! FK115 unsupported-period-action.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::catalog::unsupported_period_action;
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "FK115",
    name: "unsupported-period-action",
    severity: Severity::Error,
    summary: "A foreign key with PERIOD has a referential action PostgreSQL 18 does not implement.",
    docs: r#"## What it does
Finds PostgreSQL 18 temporal foreign keys (`FOREIGN KEY (id, PERIOD valid_at) REFERENCES ...`) with an
`ON DELETE` or `ON UPDATE` action other than `NO ACTION`: `CASCADE`, `SET NULL`, `SET DEFAULT` and `RESTRICT`.

## Why it is bad
PostgreSQL 18 does not implement them for `PERIOD` and rejects the statement: "unsupported ON UPDATE action for
foreign key constraint using PERIOD" (0A000). Deleting or updating a referenced period would have to split the
referencing rows' ranges, which only a later release may do.

## Example
```sql expect_diagnostic
-- target: postgres-18
CREATE TABLE rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE bookings (
    room_id int4range,
    valid_at daterange,
    FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at) ON DELETE CASCADE
);
```

## Use instead
```sql valid
-- target: postgres-18
CREATE TABLE rooms (id int4range, valid_at daterange, PRIMARY KEY (id, valid_at WITHOUT OVERLAPS));
CREATE TABLE bookings (
    room_id int4range,
    valid_at daterange,
    FOREIGN KEY (room_id, PERIOD valid_at) REFERENCES rooms (id, PERIOD valid_at)
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
        // Refused earlier for its key or columns, the action is never looked at.
        .filter(|fk| fk.missing_columns.is_empty() && fk.reference().is_none_or(|r| r.period.is_none()))
        .filter_map(|fk| {
            let which = unsupported_period_action(&fk.def)?;
            let message = format!(
                "PostgreSQL 18 implements only NO ACTION for a foreign key using PERIOD: this {which} action is \
                 rejected (0A000); drop it (NO ACTION is the default)"
            );
            let location = match which {
                "ON UPDATE" => fk.def.on_update_span,
                _ => fk.def.on_delete_span,
            }
            .map_or(fk.location, |span| fk.stmt.at(span));
            Some(META.diagnostic(message, location).about(ctx.about_foreign_key(fk)))
        })
        .collect()
}
