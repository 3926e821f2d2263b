//! A `DO` block as PL/pgSQL runs it: its statements one after the other, the first error ending the block.
//! An error the outermost block's `EXCEPTION` clause catches (by condition, class or `OTHERS`) rolls back
//! everything the block did and the `DO` succeeds: nothing of it exists, and nothing of it is reported. Any
//! other error rejects the `DO` like a top-level statement (see [`super::rejection`]).
//!
//! A statement under `IF`, a loop or a nested block may not run. fklint replays it as run (migrations guard
//! DDL with "if it is not there yet", which holds on a fresh database), unless the server would refuse it:
//! then whether the block failed depends on a condition fklint cannot evaluate, so the statement's foreign
//! keys are set aside as uncertain and the tables it touched become uncertain, as before this model.

use super::Catalog;
use crate::events::{Caught, StmtRef};

/// The `DO` block being replayed.
#[derive(Debug, Default, Clone)]
pub(super) struct BlockRun {
    catches: Vec<Caught>,
    /// The block statement being replayed, and what existed when it started.
    current: Option<BlockStatementStart>,
    /// The SQLSTATE of the error that ended the block: the rest of it does not run.
    failed: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
struct BlockStatementStart {
    conditional: bool,
    foreign_keys: usize,
    drop_conflicts: usize,
    type_conflicts: usize,
    refusals: usize,
}

impl Catalog {
    /// The outermost block's handlers catch these conditions.
    pub(super) fn catch_in_block(&mut self, catches: &[Caught]) {
        self.block.catches.extend(catches.iter().cloned());
    }

    /// Whether a `DO` block's statement is being replayed.
    pub(super) fn in_do_block(&self) -> bool {
        self.block.current.is_some()
    }

    /// Whether an error ended the `DO` block being replayed (its later events do not run).
    pub(super) fn block_failed(&self) -> bool {
        self.block.failed.is_some()
    }

    /// The next statement of the block starts (the one before it has ended).
    pub(super) fn begin_block_statement(&mut self, conditional: bool, stmt: StmtRef) {
        self.end_block_statement(stmt);
        if self.block_failed() {
            return;
        }
        self.block.current = Some(BlockStatementStart {
            conditional,
            foreign_keys: self.foreign_keys.len(),
            drop_conflicts: self.drop_conflicts.len(),
            type_conflicts: self.type_conflicts.len(),
            refusals: self.refusals.len(),
        });
    }

    /// A block statement ended: an error it raised ends the block, unless it may not have run (see the
    /// module documentation).
    fn end_block_statement(&mut self, stmt: StmtRef) {
        let Some(start) = self.block.current.take() else {
            return;
        };
        let Some(sqlstate) = self.block_statement_error(&start) else {
            return;
        };
        if start.conditional {
            self.set_aside(&start, stmt);
        } else {
            self.block.failed = Some(sqlstate);
        }
    }

    /// The error the block statement that started at `start` raised, as far as fklint knows.
    fn block_statement_error(&self, start: &BlockStatementStart) -> Option<&'static str> {
        let declared = self.foreign_keys[start.foreign_keys..]
            .iter()
            .find_map(|fk| self.refusal(fk));
        let blocked_drop = self.drop_conflicts[start.drop_conflicts..]
            .iter()
            .any(|c| !c.cascade);
        declared
            .or(blocked_drop.then_some("2BP01"))
            .or((self.type_conflicts.len() > start.type_conflicts).then_some("42804"))
            .or(self.refusals[start.refusals..]
                .first()
                .map(|r| r.reason.sqlstate()))
    }

    /// A conditional statement the server would refuse: its foreign keys never judged, its tables uncertain.
    fn set_aside(&mut self, start: &BlockStatementStart, stmt: StmtRef) {
        let mut touched = Vec::new();
        for fk in &mut self.foreign_keys[start.foreign_keys..] {
            fk.uncertain = true;
            fk.dropped.get_or_insert(stmt);
            touched.push((fk.table, fk.ref_name.clone()));
        }
        for (table, ref_name) in touched {
            self.tables[table].uncertain = true;
            let name = self.tables[table].name.clone();
            self.uncertain_qualified.insert(name);
            self.uncertain_qualified.insert(ref_name);
        }
        self.drop_conflicts.truncate(start.drop_conflicts);
        self.type_conflicts.truncate(start.type_conflicts);
        self.refusals.truncate(start.refusals);
    }

    /// The `DO` statement ends: when its handlers catch the error that ended it, everything it did is undone
    /// and nothing of it is judged.
    pub(super) fn end_block(&mut self, stmt: StmtRef) {
        self.end_block_statement(stmt);
        let block = std::mem::take(&mut self.block);
        let Some(sqlstate) = block.failed else {
            return;
        };
        if !block.catches.iter().any(|c| c.catches(sqlstate)) {
            return;
        }
        self.undo(stmt);
        for fk in &mut self.foreign_keys[self.statement.foreign_keys..] {
            fk.uncertain = true;
        }
        self.drop_conflicts.retain(|c| c.stmt != stmt);
        self.type_conflicts.retain(|c| c.stmt != stmt);
        self.refusals.retain(|r| r.stmt != stmt);
    }
}
