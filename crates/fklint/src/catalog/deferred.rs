//! Deferred foreign-key checks. In a transaction block a `DEFERRABLE` key is checked when `SET CONSTRAINTS ...
//! IMMEDIATE` or `COMMIT` comes (`INITIALLY DEFERRED`, or after `SET CONSTRAINTS ALL | name DEFERRED`), so a
//! child row may come before its parent: no row check runs for it at the `INSERT`. Outside a block every
//! statement is its own transaction and ends with the checks, as an immediate key's.
//!
//! While such checks are pending on a table (rows written to the child, or parents deleted or re-keyed under
//! a deferred `NO ACTION` key), PostgreSQL refuses to `ALTER`, `DROP` or `TRUNCATE` it (55006, "it has pending
//! trigger events"); `SET CONSTRAINTS ... IMMEDIATE`, `COMMIT` and `ROLLBACK` end them.
//!
//! The row checks themselves wait in the same place ([`super::data`]'s deferred checks) and run at `COMMIT` or
//! `SET CONSTRAINTS ... IMMEDIATE`; a rollback to a savepoint puts the queue back as it was there.

use std::collections::HashSet;

use super::data::PendingCheck;
use super::{Catalog, ForeignKey, TableId};
use crate::events::{DataEvent, EventKind, RefAction, StmtRef};
use crate::ident::ObjName;
use crate::source::Location;

/// What `SET CONSTRAINTS` said in the open transaction block, and the tables with checks pending.
#[derive(Debug, Default, Clone)]
pub(super) struct Deferral {
    /// `SET CONSTRAINTS ALL ...`: deferred or not.
    all: Option<bool>,
    /// `SET CONSTRAINTS name ...`, latest last: the constraint name (and schema when written).
    named: Vec<(ObjName, bool)>,
    pending: HashSet<TableId>,
    /// The row checks queued, in order.
    checks: Vec<PendingCheck>,
}

/// A statement PostgreSQL refuses because deferred checks are pending on its table (55006).
#[derive(Debug, Clone)]
pub struct PendingChecksConflict {
    pub stmt: StmtRef,
    pub table: TableId,
    /// What the statement does to the table, for messages (`ALTER`, `DROP`, `TRUNCATE`).
    pub action: &'static str,
    pub location: Location,
}

impl Catalog {
    /// `SET CONSTRAINTS`: outside a block PostgreSQL only warns (it lasts for the statement alone). Made
    /// immediate, a key's queued checks run now: the first that fails rejects the statement (and aborts the
    /// block).
    pub(super) fn set_constraints(
        &mut self,
        names: &Option<Vec<ObjName>>,
        deferred: bool,
        stmt: StmtRef,
    ) {
        if self.savepoints.is_empty() {
            return;
        }
        match names {
            None => {
                self.deferral.all = Some(deferred);
                self.deferral.named.clear();
            }
            Some(names) => self
                .deferral
                .named
                .extend(names.iter().map(|n| (n.clone(), deferred))),
        }
        if !deferred {
            // The checks run now, and nothing stays pending.
            self.deferral.pending.clear();
            let due = self.take_due_checks(false);
            if let Some(violation) = self.run_deferred_checks(&due, stmt, false) {
                self.data.violations.push(violation);
            }
        }
    }

    /// Queues row checks for when the keys' deferred checks run.
    pub(super) fn queue_checks(&mut self, checks: Vec<PendingCheck>) {
        self.deferral.checks.extend(checks);
    }

    /// Takes the queued checks that run now: all of them (`COMMIT`), or those of keys no longer deferred.
    pub(super) fn take_due_checks(&mut self, all: bool) -> Vec<PendingCheck> {
        let checks = std::mem::take(&mut self.deferral.checks);
        let (due, waiting) = checks.into_iter().partition(|check| {
            all || !self.is_deferred_now(&self.foreign_keys[check.foreign_key()])
        });
        self.deferral.checks = waiting;
        due
    }

    /// The transaction block ended: its `SET CONSTRAINTS` and pending checks with it.
    pub(super) fn end_deferral(&mut self) {
        self.deferral = Deferral::default();
    }

    /// Whether the key's checks wait for `COMMIT` (or `SET CONSTRAINTS ... IMMEDIATE`) now.
    pub(super) fn is_deferred_now(&self, fk: &ForeignKey) -> bool {
        if !fk.def.deferrable || self.savepoints.is_empty() {
            return false;
        }
        let schema = &self.tables[fk.table].name.schema;
        let named = self.deferral.named.iter().rev().find(|(name, _)| {
            name.name.value == fk.name && name.schema.as_ref().is_none_or(|s| &s.value == schema)
        });
        match named {
            Some((_, deferred)) => *deferred,
            None => self.deferral.all.unwrap_or(fk.def.initially_deferred),
        }
    }

    /// Rows are about to be written: the tables whose deferred checks they queue.
    pub(super) fn note_pending_checks(&mut self, event: &DataEvent) {
        if self.savepoints.is_empty() {
            return;
        }
        let (child, parent) = match event {
            DataEvent::Insert(insert) => (Some(&insert.table), None),
            DataEvent::Update(update) => (Some(&update.table), Some(&update.table)),
            DataEvent::Delete(delete) => (None, Some(&delete.table)),
            DataEvent::Unknown { .. } | DataEvent::AllUnknown | DataEvent::HiddenWriter { .. } => {
                (None, None)
            }
        };
        let mut pending = Vec::new();
        if let Some(table) = child.and_then(|name| self.find_table(name)) {
            let deferred = self
                .live_foreign_keys()
                .any(|fk| fk.table == table && self.is_deferred_now(fk));
            if deferred {
                pending.push(table);
            }
        }
        if let Some(table) = parent.and_then(|name| self.find_table(name)) {
            // Only NO ACTION checks wait: the other actions run at once.
            let deferred = self.live_foreign_keys().any(|fk| {
                fk.target_table() == Some(table)
                    && self.is_deferred_now(fk)
                    && fk.def.on_delete == RefAction::NoAction
            });
            if deferred {
                pending.push(table);
            }
        }
        self.deferral.pending.extend(pending);
    }

    /// Whether PostgreSQL refuses the event because checks are pending on its table: recorded, and then the
    /// event is not applied (the statement is rejected).
    pub(super) fn refused_for_pending_checks(&mut self, kind: &EventKind, stmt: StmtRef) -> bool {
        if self.deferral.pending.is_empty() {
            return false;
        }
        let (names, action): (Vec<&ObjName>, &'static str) = match kind {
            EventKind::DropTable { names, .. } => (names.iter().collect(), "DROP TABLE"),
            EventKind::Truncate { names, .. } => (names.iter().collect(), "TRUNCATE"),
            other => match other.altered_table() {
                Some(table) => (vec![table], "ALTER TABLE"),
                None => return false,
            },
        };
        let pending = names.into_iter().find_map(|name| {
            self.find_table(name)
                .filter(|t| self.deferral.pending.contains(t))
        });
        let Some(table) = pending else {
            return false;
        };
        self.pending_conflicts.push(PendingChecksConflict {
            stmt,
            table,
            action,
            location: stmt.location(),
        });
        true
    }
}
