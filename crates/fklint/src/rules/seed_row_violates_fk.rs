//! FK501 seed-row-violates-fk.

use super::context::{Rule, RuleContext, RuleMeta, columns_label};
use crate::dialect_sql::rerun_fix;
use super::support::fix::insert_at;
use crate::catalog::{Cell, DeferredCheck, Reference, RowViolation, ViolationKind};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::ident::quote_if_needed;

const META: RuleMeta = RuleMeta {
    code: "FK501",
    name: "seed-row-violates-fk",
    severity: Severity::Error,
    summary:
        "A literal INSERT or UPDATE row references a parent row that does not exist at that point.",
    docs: r#"## What it does
Replays literal data statements (`INSERT ... VALUES`, `INSERT ... SELECT` of literals, `ON CONFLICT DO NOTHING /
DO UPDATE`, column defaults, `UPDATE` and `DELETE` whose values and conditions it can compute) and finds a row
whose foreign-key value has
no row in the referenced table at that point of the migrations, when every row of the referenced table is known
(all came from literal statements since it was created).

## Why it is bad
PostgreSQL checks the foreign key at the end of the statement and rejects the whole statement: `insert or update
on table "..." violates foreign key constraint "..."` (23503). DESIGN.md's catalog lists FK501 as a warning; it is
an error because PostgreSQL rejects the statement ("error ⇔ PostgreSQL rejects" wins). A value fklint cannot know
(a function, a subquery, a sequence, a row from COPY or from a statement it could not read) never gives a
finding; a row with a NULL in any FK column is not checked (MATCH SIMPLE).

## Example
```sql expect_diagnostic
CREATE TABLE roles (id text PRIMARY KEY);
CREATE TABLE members (id int PRIMARY KEY, role_id text REFERENCES roles (id));
INSERT INTO roles (id) VALUES ('admin');
INSERT INTO members (id, role_id) VALUES (1, 'admin'), (2, 'owner');
```

A `DELETE ... WHERE key = literal` of a parent row that a known child row still references through an `ON DELETE
NO ACTION / RESTRICT` foreign key is rejected the same way (23503). `UPDATE ... SET column = literal WHERE column =
literal` is replayed too: a foreign key set to a value no parent row has, or a referenced key changed while a
child row still holds the old one (`ON UPDATE NO ACTION / RESTRICT`):
```sql expect_diagnostic
CREATE TABLE roles (id text PRIMARY KEY);
CREATE TABLE members (id int PRIMARY KEY, role_id text REFERENCES roles (id));
INSERT INTO roles (id) VALUES ('admin'), ('owner');
INSERT INTO members (id, role_id) VALUES (1, 'admin');
UPDATE members SET role_id = 'guest' WHERE id = 1;
```

In PostgreSQL the `SET` values and the `WHERE` condition are computed on each known row when they are made of
columns, literals, integer `+ - *`, comparisons (ordering for integers only: text orders by collation), `AND` /
`OR` / `NOT`, `IS [NOT] NULL`, `IN` and `BETWEEN`; `INSERT ... SELECT generate_series(...)` of integer literals
writes its rows. A key update of several rows is checked row by row in the table's order, as the server does.
`ON UPDATE CASCADE / SET NULL / SET DEFAULT` and `ON DELETE CASCADE / SET NULL / SET DEFAULT` change the known
child rows as PostgreSQL does, and a default no parent row has is refused; `NO ACTION` checks at the end of the
statement, so a key another row has again by then still serves, while `RESTRICT` refuses any change of a
referenced key. Whatever else (a call, a subquery, division) makes the rows it may change unknown:
```sql expect_diagnostic
CREATE TABLE plans (id int PRIMARY KEY);
CREATE TABLE accounts (id int PRIMARY KEY, plan_id int REFERENCES plans (id) ON UPDATE CASCADE);
INSERT INTO plans (id) VALUES (1), (2), (3);
INSERT INTO accounts (id, plan_id) VALUES (1, 1), (2, 3);
UPDATE plans SET id = id + 10 WHERE id >= 3;
DELETE FROM plans WHERE id > 10 OR id IS NULL;
```

A `DEFERRABLE` key's checks wait in a transaction block when it is `INITIALLY DEFERRED` or after `SET CONSTRAINTS
... DEFERRED`: PostgreSQL runs them at `COMMIT` (which then fails and rolls the whole transaction back) or at `SET
CONSTRAINTS ... IMMEDIATE` (which fails and aborts the block), on the rows there are then. The finding is on that
statement, pointing back at the row, or at the DELETE or UPDATE of the parent row (NO ACTION), that queued the
check; a parent inserted in time clears it:
```sql expect_diagnostic
CREATE TABLE roles (id text PRIMARY KEY);
CREATE TABLE members (id int PRIMARY KEY, role_id text REFERENCES roles (id) DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO members (id, role_id) VALUES (1, 'admin');
COMMIT;
```

## Use instead
Insert the parent row first (or reference one that exists).
```sql valid
CREATE TABLE roles (id text PRIMARY KEY);
CREATE TABLE members (id int PRIMARY KEY, role_id text REFERENCES roles (id));
INSERT INTO roles (id) VALUES ('admin'), ('owner');
INSERT INTO members (id, role_id) VALUES (1, 'admin'), (2, 'owner');
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
        .data
        .violations
        .iter()
        .filter(|v| {
            let fk = &ctx.catalog.foreign_keys[v.foreign_key];
            ctx.is_accepted(fk)
                && created(ctx, fk.table)
                && fk.target_table().is_some_and(|t| created(ctx, t))
        })
        // Violations are only recorded for foreign keys whose target was found.
        .filter_map(|v| {
            let reference = ctx.catalog.foreign_keys[v.foreign_key].reference()?;
            // With MySQL's checks off (a dump loads children before parents) only a parent that never comes is
            // a problem.
            if v.unchecked
                && v.kind == ViolationKind::Insert
                && inserted_later(ctx.catalog, v, reference).is_some()
            {
                return None;
            }
            Some(with_severity(diagnostic(ctx, v, reference), v))
        })
        .collect()
}

/// A parent row taken away while a child row references it: the finding, with that child row.
fn referenced_row_diagnostic(
    ctx: &RuleContext,
    violation: &RowViolation,
    message: String,
    child: &str,
) -> Diagnostic {
    let fk = &ctx.catalog.foreign_keys[violation.foreign_key];
    let related = violation
        .child_row
        .map(|location| RelatedLocation {
            location,
            message: format!("this `{child}` row references it"),
        })
        .into_iter()
        .collect();
    META.diagnostic(message, violation.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
}

fn diagnostic(ctx: &RuleContext, violation: &RowViolation, reference: &Reference) -> Diagnostic {
    if let Some(deferred) = violation.deferred {
        return deferred_diagnostic(ctx, violation, reference, deferred);
    }
    let catalog = ctx.catalog;
    let fk = &catalog.foreign_keys[violation.foreign_key];
    let parent = catalog.table(reference.table);
    let parent_name = parent.name.sql();
    let values = violation.values.join(", ");
    let key_label = columns_label(&parent_name, &reference.ref_columns);
    if violation.kind == ViolationKind::Detach {
        let child = catalog.table(fk.table).name.sql();
        let message = format!(
            "takes the `{parent_name}` row {key_label} = {values} out of `{parent_name}` with its partition, \
             which {} still references; {}: removing partition violates foreign key constraint `{}`, whatever \
             its ON DELETE action. Delete the `{child}` rows first",
            ctx.fk_columns_label(fk),
            row_verdict(ctx, violation, "1451"),
            fk.name
        );
        return referenced_row_diagnostic(ctx, violation, message, &child);
    }
    if let Some((verb, event, action)) = match violation.kind {
        ViolationKind::Delete => Some(("deletes", "DELETE", &fk.def.on_delete)),
        ViolationKind::UpdateParent => Some(("changes the key of", "UPDATE", &fk.def.on_update)),
        ViolationKind::Detach
        | ViolationKind::Insert
        | ViolationKind::UpdateChild
        | ViolationKind::Validate
        | ViolationKind::PartlyNull => None,
    } {
        let child = catalog.table(fk.table).name.sql();
        let remedy = match violation.kind {
            ViolationKind::Delete => format!("Delete the `{child}` rows first"),
            _ => format!("Point the `{child}` rows at another key first"),
        };
        // PostgreSQL 18 has no CASCADE for a foreign key using PERIOD.
        let remedy = if fk.def.period {
            remedy
        } else {
            format!("{remedy}, or declare the foreign key ON {event} CASCADE")
        };
        let message = format!(
            "{verb} the `{parent_name}` row {key_label} = {values}, which {} still references (ON {event} {}); \
             {}: {} violates foreign key constraint `{}`. {remedy}",
            ctx.fk_columns_label(fk),
            action.sql(),
            parent_row_verdict(ctx, violation, action),
            event.to_ascii_lowercase(),
            fk.name
        );
        return referenced_row_diagnostic(ctx, violation, message, &child);
    }
    if matches!(
        violation.kind,
        ViolationKind::Validate | ViolationKind::PartlyNull
    ) {
        return checked_row(ctx, violation, &values, &parent_name, &key_label);
    }
    let missing = if fk.def.period {
        format!("is not covered by the periods of the `{parent_name}` rows with those values at this point")
    } else {
        format!("has no row in `{parent_name}` at this point")
    };
    let message = format!(
        "{} = {values} {missing} ({key_label}); {}: {} violates foreign key constraint `{}`",
        ctx.fk_columns_label(fk),
        row_verdict(ctx, violation, "1452"),
        if violation.kind == ViolationKind::UpdateChild { "update" } else { "insert" },
        fk.name
    );
    let mut related = Vec::new();
    if let Some(row) = violation.child_row {
        if row != violation.location {
            related.push(RelatedLocation {
                location: row,
                message: "the row".into(),
            });
        }
    }
    // A temporal key needs parent periods that together cover the row's: no single row to insert (it could
    // overlap the parent rows there are) or to move before it.
    if fk.def.period {
        return META
            .diagnostic(message, violation.location)
            .about(ctx.about_foreign_key(fk))
            .with_related(related);
    }
    // A later statement that inserts the parent row: it has to come first.
    let later = inserted_later(catalog, violation, reference);
    if let Some(logged) = later {
        related.push(RelatedLocation {
            location: logged.location,
            message: format!(
                "the `{parent_name}` row {values} is inserted here, later: this statement has to come first"
            ),
        });
        return META
            .diagnostic(message, violation.location)
            .about(ctx.about_foreign_key(fk))
            .with_related(related);
    }
    related.push(RelatedLocation {
        location: fk.location,
        message: format!("`{}` is declared here", fk.name),
    });
    let Some(insert) = parent_insert(ctx, violation) else {
        let columns: Vec<String> = reference
            .ref_columns
            .iter()
            .chain(parent.columns.iter().map(|c| &c.name).filter(|c| {
                let column = parent.column(c);
                !reference.ref_columns.contains(c)
                    && column.is_some_and(|c| c.not_null && c.default.is_none())
            }))
            .map(|c| quote_if_needed(c))
            .collect();
        let message = format!(
            "{message}. Insert the parent row first: -- INSERT INTO {parent_name} ({}) VALUES ({values}, ...);",
            columns.join(", ")
        );
        return META
            .diagnostic(message, violation.location)
            .about(ctx.about_foreign_key(fk))
            .with_related(related);
    };
    // Every missing parent row of the statement, so that the statement runs once they are in.
    let mut inserts: Vec<String> = Vec::new();
    for other in catalog
        .data
        .violations
        .iter()
        .filter(|o| o.stmt == violation.stmt)
    {
        if let Some(sql) = parent_insert(ctx, other) {
            if !inserts.contains(&sql) {
                inserts.push(sql);
            }
        }
    }
    if !inserts.contains(&insert) {
        inserts = vec![insert];
    }
    let stmt = violation.stmt.location();
    let edit = insert_at(stmt, stmt.span.start, format!("{}\n", inserts.join("\n")));
    let title = format!("Insert the `{parent_name}` row {values} first");
    let fix = if violation.unchecked {
        // MySQL ran the statement with its checks off: the rows are in, only their parents are missing.
        crate::diagnostic::FixPlan {
            title,
            edits: vec![edit],
            sql: Some(inserts.join("\n")),
            rerun_statement: None,
        }
    } else {
        rerun_fix(title, vec![edit], stmt, Some(inserts.join("\n")))
    };
    META.diagnostic(message, violation.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
        .with_fix(Some(fix))
}

/// A deferred check that fails where PostgreSQL runs it: at the COMMIT (or SET CONSTRAINTS ... IMMEDIATE)
/// the finding is on, pointing back at the row or statement that queued it.
fn deferred_diagnostic(
    ctx: &RuleContext,
    violation: &RowViolation,
    reference: &Reference,
    deferred: DeferredCheck,
) -> Diagnostic {
    let fk = &ctx.catalog.foreign_keys[violation.foreign_key];
    let parent_name = ctx.catalog.table(reference.table).name.sql();
    let child = ctx.catalog.table(fk.table).name.sql();
    let values = violation.values.join(", ");
    let key_label = columns_label(&parent_name, &reference.ref_columns);
    let (when, outcome) = if deferred.at_commit {
        (
            "when COMMIT runs the deferred check",
            "PostgreSQL rejects the COMMIT (23503) and rolls back the whole transaction",
        )
    } else {
        (
            "when SET CONSTRAINTS ... IMMEDIATE runs the deferred check",
            "PostgreSQL rejects that statement (23503) and the transaction block is aborted",
        )
    };
    let (message, queued) = match violation.kind {
        ViolationKind::Delete | ViolationKind::UpdateParent => {
            let event = if violation.kind == ViolationKind::Delete { "deleted" } else { "re-keyed" };
            (
                format!(
                    "the `{parent_name}` row {key_label} = {values}, {event} earlier in the transaction, is still \
                     needed by {} {when}; {outcome}: update or delete violates foreign key constraint `{}`. Delete \
                     or re-point the `{child}` rows in the same transaction, or put the parent row back before \
                     the check",
                    ctx.fk_columns_label(fk),
                    fk.name
                ),
                format!("the `{parent_name}` row is {event} here"),
            )
        }
        _ => {
            let missing = if fk.def.period {
                format!("is not covered by the periods of the `{parent_name}` rows with those values")
            } else {
                format!("has no row in `{parent_name}`")
            };
            (
                format!(
                    "{} = {values} {missing} {when} ({key_label}); {outcome}: insert or update violates foreign \
                     key constraint `{}`. Insert the parent row before the check",
                    ctx.fk_columns_label(fk),
                    fk.name
                ),
                "the row written here waits for that check".to_string(),
            )
        }
    };
    let mut related = vec![RelatedLocation {
        location: deferred.queued_at,
        message: queued,
    }];
    if let Some(row) = violation.child_row.filter(|row| *row != deferred.queued_at) {
        related.push(RelatedLocation {
            location: row,
            message: format!("this `{child}` row references it"),
        });
    }
    META.diagnostic(message, violation.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
}

/// `INSERT INTO parent (key) VALUES (...);` when the parent's other NOT NULL columns have defaults.
fn parent_insert(ctx: &RuleContext, violation: &RowViolation) -> Option<String> {
    let fk = &ctx.catalog.foreign_keys[violation.foreign_key];
    let reference = fk.reference()?;
    let parent = ctx.catalog.table(reference.table);
    let complete = parent.columns.iter().all(|c| {
        reference.ref_columns.contains(&c.name)
            || !c.not_null
            || c.default.is_some()
            || c.type_text
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().contains("serial"))
    }) && violation.cells.iter().all(|c| matches!(c, Cell::Val(_)))
        // A partitioned table takes only the rows one of its partitions takes, there and at the end.
        && violation.parent_takes_key
        && ctx
            .catalog
            .takes_row(reference.table, &reference.ref_columns, &violation.cells);
    let columns: Vec<String> = reference
        .ref_columns
        .iter()
        .map(|c| quote_if_needed(c))
        .collect();
    complete.then(|| {
        format!(
            "INSERT INTO {} ({}) VALUES ({});",
            parent.name.sql(),
            columns.join(", "),
            violation.values.join(", ")
        )
    })
}

/// Whether PostgreSQL created the table: every foreign key of its CREATE statement was accepted.
fn created(ctx: &RuleContext, table: crate::catalog::TableId) -> bool {
    let created = ctx.catalog.table(table).created;
    ctx.catalog
        .foreign_keys
        .iter()
        .filter(|fk| fk.table == table && fk.stmt == created)
        .all(|fk| ctx.is_accepted(fk))
}

/// What the server does with the statement: PostgreSQL (23503), MySQL (1452 for a child row, 1451 for a
/// parent's) and SQLite with foreign keys on reject it; MySQL with `FOREIGN_KEY_CHECKS=0` accepts it.
fn row_verdict(ctx: &RuleContext, violation: &RowViolation, mysql_error: &str) -> String {
    ctx.sql().row_verdict(violation.unchecked, mysql_error)
}

/// The verdict on deleting or re-keying a referenced row (MySQL: 1451; how a RESTRICT key's refusal is worded
/// depends on the server's version, which the dialect's file knows).
fn parent_row_verdict(
    ctx: &RuleContext,
    violation: &RowViolation,
    action: &crate::events::RefAction,
) -> String {
    let restrict = *action == crate::events::RefAction::Restrict;
    ctx.sql()
        .parent_row_verdict(ctx.catalog, violation.unchecked, restrict, "1451")
}

/// A row MySQL accepted with its checks off is a warning: the data is broken, no statement fails.
fn with_severity(mut diagnostic: Diagnostic, violation: &RowViolation) -> Diagnostic {
    if violation.unchecked {
        diagnostic.severity = Severity::Warning;
    }
    diagnostic
}

/// A later statement that inserts the parent row the violation lacks.
fn inserted_later<'c>(
    catalog: &'c crate::catalog::Catalog,
    violation: &RowViolation,
    reference: &Reference,
) -> Option<&'c crate::catalog::LoggedRow> {
    catalog.data.log.iter().find(|logged| {
        logged.table == reference.table
            && logged.stmt.index > violation.stmt.index
            && reference
                .ref_columns
                .iter()
                .zip(&violation.cells)
                .all(|(c, want)| logged.cell(c) == want)
    })
}

/// A row refused whatever its statement writes elsewhere: an existing row that a new (or validated) foreign key
/// finds without its parent, or a MATCH FULL key written partly NULL.
fn checked_row(
    ctx: &RuleContext,
    violation: &RowViolation,
    values: &str,
    parent_name: &str,
    key_label: &str,
) -> Diagnostic {
    let fk = &ctx.catalog.foreign_keys[violation.foreign_key];
    let verdict = row_verdict(ctx, violation, "1452");
    let message = if violation.kind == ViolationKind::PartlyNull {
        format!(
            "{} = {values} is partly NULL, which MATCH FULL does not allow (all NULL or none); {verdict}: insert \
             or update violates foreign key constraint `{}`",
            ctx.fk_columns_label(fk),
            fk.name
        )
    } else {
        let missing = if fk.def.period {
            format!("whose period the `{parent_name}` rows with those values do not cover")
        } else {
            format!("which no `{parent_name}` row has")
        };
        format!(
            "an existing row has {} = {values}, {missing} ({key_label}); the foreign key \
             checks the rows already in the table, so {verdict}: insert or update violates foreign key constraint \
             `{}`. Delete or fix that row first, or add the foreign key NOT VALID",
            ctx.fk_columns_label(fk),
            fk.name
        )
    };
    let mut related = Vec::new();
    if let Some(row) = violation.child_row.filter(|row| *row != violation.location) {
        related.push(RelatedLocation {
            location: row,
            message: "the row".into(),
        });
    }
    related.push(RelatedLocation {
        location: fk.location,
        message: format!("`{}` is declared here", fk.name),
    });
    META.diagnostic(message, violation.location)
        .about(ctx.about_foreign_key(fk))
        .with_related(related)
}
