//! PostgreSQL's transaction blocks: `BEGIN` ... `COMMIT` keeps what the block did, `ROLLBACK` (or `COMMIT` of
//! an aborted block) puts the database back as it was at `BEGIN`, `ROLLBACK TO s` as it was at `SAVEPOINT s`.
//! Once a statement of a block is rejected, the block is *aborted*: PostgreSQL rejects every later statement
//! (25P02) until `ROLLBACK` or `ROLLBACK TO` a savepoint made before the error, so those statements change
//! nothing and are judged for nothing else.
//!
//! A rollback keeps the history: tables and foreign keys made inside the block stay in the catalog, dropped by
//! the rollback, so the rules still report what was wrong with them (the server rejected those statements
//! too), and the records of rejected statements and rows stay.

use super::Catalog;
use crate::events::{StmtRef, Transaction};

/// A point the database can go back to: `BEGIN` (no name) or `SAVEPOINT name`.
#[derive(Debug, Clone)]
pub(super) struct Savepoint {
    name: Option<String>,
    /// The catalog when it was made (its own savepoints left out).
    snapshot: Box<Catalog>,
    /// Whether the block was already aborted when it was made (then rolling back to it does not help).
    aborted: Option<StmtRef>,
}

/// The statements an aborted block rejected, after the one that aborted it.
#[derive(Debug, Clone)]
pub struct AbortedBlock {
    /// The rejected statement that aborted the block.
    pub root: StmtRef,
    /// The later statements PostgreSQL rejected without running them (25P02).
    pub skipped: Vec<StmtRef>,
}

impl Catalog {
    /// Whether statements are being skipped because the block is aborted.
    pub(super) fn in_aborted_block(&self) -> bool {
        self.aborted.is_some()
    }

    /// A statement of an aborted block: PostgreSQL rejects it without running it.
    pub(super) fn skip_in_aborted_block(&mut self, stmt: StmtRef) {
        if let Some(block) = self.aborted_blocks.last_mut() {
            if block.skipped.last() != Some(&stmt) {
                block.skipped.push(stmt);
            }
        }
    }

    /// After a statement PostgreSQL rejected: inside a block, the block is aborted.
    pub(super) fn abort_block(&mut self, stmt: StmtRef) {
        if self.savepoints.is_empty() || self.aborted.is_some() {
            return;
        }
        self.aborted = Some(stmt);
        self.aborted_blocks.push(AbortedBlock {
            root: stmt,
            skipped: Vec::new(),
        });
    }

    pub(super) fn transaction(&mut self, statement: &Transaction, stmt: StmtRef) {
        match statement {
            Transaction::Begin => {
                // PostgreSQL only warns about a BEGIN inside a block.
                if self.savepoints.is_empty() {
                    self.save(None);
                }
            }
            Transaction::Commit => {
                if self.aborted.is_some() {
                    self.roll_back_to(0, stmt);
                } else if !self.savepoints.is_empty() {
                    self.commit(stmt);
                }
                self.end_deferral();
                self.savepoints.clear();
                self.aborted = None;
            }
            Transaction::Rollback => {
                self.end_deferral();
                if !self.savepoints.is_empty() {
                    self.roll_back_to(0, stmt);
                }
                self.savepoints.clear();
                self.aborted = None;
            }
            Transaction::Savepoint(name) => {
                // Outside a block PostgreSQL rejects it (25P01) and nothing changes.
                if !self.savepoints.is_empty() {
                    self.save(Some(name.clone()));
                }
            }
            Transaction::RollbackTo(name) => {
                if let Some(at) = self.savepoint_named(name) {
                    self.roll_back_to(at, stmt);
                    // The savepoint stays, and the block runs again from it.
                    self.save(Some(name.clone()));
                }
            }
            Transaction::Release(name) => {
                if let Some(at) = self.savepoint_named(name) {
                    self.savepoints.truncate(at);
                }
            }
        }
    }

    /// `COMMIT` of a block that was not aborted: the deferred checks run, then the `ON COMMIT` actions. When one
    /// fails, the block is rolled back and the COMMIT itself is the rejected statement.
    fn commit(&mut self, stmt: StmtRef) {
        let due = self.take_due_checks(true);
        if let Some(violation) = self.run_deferred_checks(&due, stmt, true) {
            self.roll_back_to(0, stmt);
            self.data.violations.push(violation);
            self.rejected.push(stmt);
        } else if !self.run_commit_actions(stmt) {
            self.roll_back_to(0, stmt);
            self.rejected.push(stmt);
        }
    }

    /// The latest savepoint with this name (not the block's start).
    fn savepoint_named(&self, name: &str) -> Option<usize> {
        self.savepoints
            .iter()
            .rposition(|s| s.name.as_deref() == Some(name))
    }

    fn save(&mut self, name: Option<String>) {
        let savepoints = std::mem::take(&mut self.savepoints);
        // A rollback keeps the index positions as they are then (see `roll_back_to`): not copied.
        let index_positions = std::mem::take(&mut self.index_positions);
        let mut snapshot = Box::new(self.clone());
        snapshot.aborted_blocks = Vec::new();
        self.savepoints = savepoints;
        self.index_positions = index_positions;
        self.savepoints.push(Savepoint {
            name,
            snapshot,
            aborted: self.aborted,
        });
    }

    /// Back to the savepoint at `at` (removing it and every later one), keeping the history (see the module
    /// documentation).
    fn roll_back_to(&mut self, at: usize, stmt: StmtRef) {
        let mut savepoints = std::mem::take(&mut self.savepoints);
        let Some(savepoint) = savepoints.drain(at..).next() else {
            self.savepoints = savepoints;
            return;
        };
        let mut restored = *savepoint.snapshot;
        for mut table in self.tables.drain(restored.tables.len()..) {
            table.dropped.get_or_insert(stmt);
            restored.tables.push(table);
        }
        for mut fk in self.foreign_keys.drain(restored.foreign_keys.len()..) {
            fk.dropped.get_or_insert(stmt);
            restored.push_foreign_key(fk);
        }
        for mut index in self.indexes.drain(restored.indexes.len()..) {
            index.dropped.get_or_insert(stmt);
            restored.indexes.push(index);
        }
        let mut data = std::mem::take(&mut self.data);
        data.roll_back_to(std::mem::take(&mut restored.data));
        restored.data = data;
        restored.drop_conflicts = std::mem::take(&mut self.drop_conflicts);
        restored.type_conflicts = std::mem::take(&mut self.type_conflicts);
        restored.truncate_conflicts = std::mem::take(&mut self.truncate_conflicts);
        restored.refusals = std::mem::take(&mut self.refusals);
        restored.on_commit_conflicts = std::mem::take(&mut self.on_commit_conflicts);
        restored.persistence_conflicts = std::mem::take(&mut self.persistence_conflicts);
        restored.pending_conflicts = std::mem::take(&mut self.pending_conflicts);
        restored.newer_keys = std::mem::take(&mut self.newer_keys);
        restored.alter_constraint_conflicts = std::mem::take(&mut self.alter_constraint_conflicts);
        restored.ignored_foreign_keys = std::mem::take(&mut self.ignored_foreign_keys);
        restored.unsupported_alters = std::mem::take(&mut self.unsupported_alters);
        restored.uncertain_qualified = std::mem::take(&mut self.uncertain_qualified);
        restored.uncertain_bare = std::mem::take(&mut self.uncertain_bare);
        // Indexes are only ever added, and the block's stay in the history: the current positions cover them
        // (an index renamed in the block and renamed back by the rollback keeps its entry under both names).
        restored.index_positions = std::mem::take(&mut self.index_positions);
        restored.rejected = std::mem::take(&mut self.rejected);
        restored.rejected_tables = std::mem::take(&mut self.rejected_tables);
        restored.rejection_roots = std::mem::take(&mut self.rejection_roots);
        restored.aborted_blocks = std::mem::take(&mut self.aborted_blocks);
        restored.copy_readings = std::mem::take(&mut self.copy_readings);
        restored.statement = self.statement;
        restored.name_changes = std::mem::take(&mut self.name_changes);
        restored.aborted = savepoint.aborted;
        restored.savepoints = savepoints;
        *self = restored;
    }
}
