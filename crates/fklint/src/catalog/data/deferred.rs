//! Deferred foreign-key checks on known rows (when a key's checks wait: [`crate::catalog::deferred`]). Under a
//! deferred key, a statement that writes a child row, or takes away a parent key (`NO ACTION`), queues a check
//! instead of failing; PostgreSQL runs the queued checks at `COMMIT` (all of them) or at `SET CONSTRAINTS ...
//! IMMEDIATE` (those of the keys it makes immediate), on the rows as they are then: a parent row inserted in
//! time, or the child row deleted or re-pointed, clears a check. The first check that fails rejects that
//! statement (23503): PostgreSQL stops at its first error.
//!
//! A child row is judged when a row with the same foreign-key values is still in the table then (an UPDATE of
//! a row inserted in the transaction keeps its check, as PostgreSQL fires it again for such a row); whatever
//! fklint no longer knows by then gives no finding.

use std::rc::Rc;

use super::{cell, family_match, row_value, value_sql, Cell, Row, RowViolation, SharedRow};
use super::{ViolationKind, ViolationKind::Delete, ViolationKind::UpdateParent};
use crate::catalog::{Catalog, ForeignKey, ForeignKeyId, TableId};
use crate::dialect::Dialect;
use crate::events::StmtRef;
use crate::source::Location;

/// Where a deferred check that failed was queued, and when it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeferredCheck {
    /// The row written (INSERT, UPDATE) or the statement that took the parent key away (DELETE, UPDATE).
    pub queued_at: Location,
    /// Run by `COMMIT` (which then rolls the whole transaction back), not by `SET CONSTRAINTS ... IMMEDIATE`.
    pub at_commit: bool,
}

/// A check PostgreSQL queued for later.
#[derive(Debug, Clone)]
pub(in crate::catalog) struct PendingCheck {
    foreign_key: ForeignKeyId,
    /// The child row written, or the parent row as it was before its key went away.
    row: SharedRow,
    /// `Insert` / `UpdateChild`: a child row that needs its parent; `Delete` / `UpdateParent`: a parent row
    /// that no child row may still need.
    kind: ViolationKind,
    queued_at: Location,
}

impl PendingCheck {
    pub(in crate::catalog) fn foreign_key(&self) -> ForeignKeyId {
        self.foreign_key
    }

    fn of_parent(&self) -> bool {
        matches!(self.kind, Delete | UpdateParent)
    }
}

/// The action of the key for a parent row deleted (`Delete`) or re-keyed (`UpdateParent`).
fn release_action(fk: &ForeignKey, kind: ViolationKind) -> &crate::events::RefAction {
    match kind {
        UpdateParent => &fk.def.on_update,
        _ => &fk.def.on_delete,
    }
}

impl Catalog {
    /// The table's foreign keys whose row checks PostgreSQL defers now, with a key fklint can compare (SQLite's
    /// deferred keys fail a COMMIT but keep the transaction open: not modelled, never judged).
    pub(super) fn deferred_foreign_keys(&self, table: TableId) -> Vec<ForeignKeyId> {
        if self.dialect != Dialect::Postgres {
            return Vec::new();
        }
        self.foreign_keys_of(table)
            .filter(|fk| self.is_deferred_now(fk) && self.is_checkable(fk.id))
            .map(|fk| fk.id)
            .collect()
    }

    /// Whether taking a parent key away under this key queues a check rather than failing now: a deferred
    /// `NO ACTION` key of PostgreSQL (`RESTRICT` and the other actions never wait).
    pub(super) fn release_waits(&self, fk_id: ForeignKeyId, kind: ViolationKind) -> bool {
        let fk = &self.foreign_keys[fk_id];
        self.dialect == Dialect::Postgres
            && *release_action(fk, kind) == crate::events::RefAction::NoAction
            && self.is_deferred_now(fk)
    }

    /// Whether taking a parent key away under this key is checked by the statement itself: the key is not
    /// deferred now, or it is PostgreSQL's `RESTRICT`, which never waits.
    pub(super) fn release_checked_now(&self, fk_id: ForeignKeyId, kind: ViolationKind) -> bool {
        let fk = &self.foreign_keys[fk_id];
        !self.is_deferred_now(fk)
            || (self.dialect == Dialect::Postgres
                && *release_action(fk, kind) == crate::events::RefAction::Restrict)
    }

    pub(super) fn pending_check(
        fk_id: ForeignKeyId,
        row: SharedRow,
        kind: ViolationKind,
        queued_at: Location,
    ) -> PendingCheck {
        PendingCheck {
            foreign_key: fk_id,
            row,
            kind,
            queued_at,
        }
    }

    /// Runs deferred checks at `stmt` (a `COMMIT` when `at_commit`, else `SET CONSTRAINTS ... IMMEDIATE`): the
    /// first that fails, if one does.
    pub(in crate::catalog) fn run_deferred_checks(
        &mut self,
        checks: &[PendingCheck],
        stmt: StmtRef,
        at_commit: bool,
    ) -> Option<RowViolation> {
        checks.iter().find_map(|check| {
            let fk_id = check.foreign_key;
            let fk = &self.foreign_keys[fk_id];
            let reference = fk.reference()?;
            let (child, parent) = (fk.table, reference.table);
            if !self.is_checkable(fk_id) || !self.rows_known(child) || !self.rows_known(parent) {
                return None;
            }
            let mut violation = if check.of_parent() {
                self.parent_still_needed(check, stmt)?
            } else {
                self.index_parent_keys(&[fk_id]);
                let row = self.current_child_row(check)?;
                let mut v = self.check_reference(fk_id, &row, |_| None, check.queued_at, stmt)?;
                v.kind = check.kind;
                v
            };
            violation.location = stmt.location();
            violation.deferred = Some(DeferredCheck {
                queued_at: check.queued_at,
                at_commit,
            });
            Some(violation)
        })
    }

    /// The child row a check was queued for, if a row with its foreign-key values is still in the table.
    fn current_child_row(&self, check: &PendingCheck) -> Option<SharedRow> {
        let fk = &self.foreign_keys[check.foreign_key];
        let rows = self.data.tables.get(&fk.table)?;
        rows.rows
            .iter()
            .find(|row| {
                Rc::ptr_eq(row, &check.row)
                    || fk
                        .columns
                        .iter()
                        .all(|c| cell(row, c) == cell(&check.row, c))
            })
            .cloned()
    }

    /// The violation when a child row still needs the parent row `check` took away (no parent row has its key
    /// again, or, for a temporal key, what is left no longer covers a child row's period).
    fn parent_still_needed(&self, check: &PendingCheck, stmt: StmtRef) -> Option<RowViolation> {
        let fk_id = check.foreign_key;
        let fk = &self.foreign_keys[fk_id];
        let reference = fk.reference()?;
        let rows_of = |table: TableId| -> Vec<&Row> {
            self.data
                .tables
                .get(&table)
                .map(|r| r.rows.iter().map(AsRef::as_ref).collect())
                .unwrap_or_default()
        };
        let old: &Row = &check.row;
        let key: Vec<Cell> = reference
            .ref_columns
            .iter()
            .map(|c| cell(old, c).clone())
            .collect();
        if fk.def.period {
            let after = rows_of(reference.table);
            let needed = self.period_still_covered(fk_id, &[old], &[0], &after);
            if !matches!(needed, Ok(Some(_))) {
                return None;
            }
        } else {
            if !key.iter().all(|c| matches!(c, Cell::Val(_))) || !family_match(self, fk_id) {
                return None;
            }
            let (parents, children) = (rows_of(reference.table), rows_of(fk.table));
            let known_in = |rows: &[&Row], columns: &[String]| {
                rows.iter().all(|row| {
                    columns
                        .iter()
                        .all(|c| matches!(cell(row, c), Cell::Val(_) | Cell::Null))
                })
            };
            if !known_in(&parents, &reference.ref_columns) || !known_in(&children, &fk.columns) {
                return None;
            }
            let has = |row: &Row, columns: &[String]| {
                columns.iter().zip(&key).all(|(c, k)| cell(row, c) == k)
            };
            let back = parents.iter().any(|row| has(row, &reference.ref_columns));
            let needed = children.iter().any(|row| has(row, &fk.columns));
            if back || !needed {
                return None;
            }
        }
        // A temporal key's child rows have their own periods: found by the other columns.
        let compared = key.len().saturating_sub(usize::from(fk.def.period));
        let child_row = self.logged_child_row(fk_id, &key, compared, stmt);
        Some(RowViolation {
            stmt,
            foreign_key: fk_id,
            location: stmt.location(),
            values: reference
                .ref_columns
                .iter()
                .map(|c| row_value(old, c).map_or_else(|| "?".into(), |v| value_sql(&v)))
                .collect(),
            cells: key,
            kind: check.kind,
            child_row,
            unchecked: false,
            deferred: None,
            parent_takes_key: false,
        })
    }
}
