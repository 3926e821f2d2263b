//! A statement PostgreSQL rejects has no effect: when a statement declared a foreign key the server refuses
//! (missing table or column, no matching key, incompatible types, temporary/permanent mix), everything it did
//! is undone once its last event is replayed. Its foreign keys stay in the catalog, marked dropped by the
//! statement itself, so the rules still report the root cause once; but the table it tried to create does not
//! exist afterwards, so a later `DROP TABLE` of what it referenced is accepted, an identical second `CREATE
//! TABLE` is judged on its own, and `fklint schema` lists only what the server holds.
//!
//! Drops that foreign keys block (2BP01) and type changes that would break one (42804) are already never
//! applied where they are replayed; this undoes what a statement *added*.

use super::{Catalog, KeyMatch, TableId};
use crate::events::StmtRef;

/// What existed when a statement started, to tell what it created.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct StatementStart {
    pub stmt: Option<StmtRef>,
    tables: usize,
    pub foreign_keys: usize,
    indexes: usize,
    /// Whether the statement replayed an event other than CREATE TABLE, which may have changed objects that
    /// existed before it. A statement of CREATE TABLEs only added objects: undoing it touches only those.
    may_change_existing: bool,
}

/// A constraint name a statement took or freed (PostgreSQL's default names depend on the names taken).
#[derive(Debug, Clone)]
pub(super) enum NameChange {
    Taken(String, String),
    Freed(String, String),
}

impl Catalog {
    /// Called before the first event of each statement.
    pub(super) fn begin_statement(&mut self, stmt: StmtRef) {
        self.statement = StatementStart {
            stmt: Some(stmt),
            tables: self.tables.len(),
            foreign_keys: self.foreign_keys.len(),
            indexes: self.indexes.len(),
            may_change_existing: false,
        };
        self.name_changes.clear();
    }

    /// Called before each event the statement replays.
    pub(super) fn note_event(&mut self, kind: &crate::events::EventKind) {
        if !matches!(kind, crate::events::EventKind::CreateTable(_)) {
            self.statement.may_change_existing = true;
        }
    }

    /// Called after the last event of each statement: undoes it when the server rejects it.
    pub(super) fn end_statement(&mut self) {
        let Some(stmt) = self.statement.stmt.take() else {
            return;
        };
        let runs = self.dialect == crate::dialect::Dialect::Postgres
            && !self.declarative.contains(&stmt.source);
        let mut rejected = runs && (self.declared_rejected_key() || self.refused(stmt));
        // Outside a block the statement is its own transaction, and commits now.
        if runs && self.outside_block() {
            if rejected {
                self.temp_touched.set(false);
            } else {
                rejected = !self.run_commit_actions(stmt);
            }
        }
        if rejected {
            let root = self.root_cause(stmt);
            self.undo(stmt);
            for id in self.statement.tables..self.tables.len() {
                let name = self.tables[id].name.clone();
                self.rejected_tables.entry(name).or_default().push(id);
            }
            self.rejected.push(stmt);
            if root != stmt {
                self.rejection_roots.insert(stmt, root);
            }
            self.abort_block(stmt);
        }
        self.name_changes.clear();
    }

    /// Whether the statement declared a foreign key PostgreSQL refuses (and fklint is sure of it, as the rules
    /// that report it are: nothing is judged on columns a `LIKE` or `AS SELECT` may have brought).
    fn declared_rejected_key(&self) -> bool {
        self.foreign_keys[self.statement.foreign_keys..]
            .iter()
            .any(|fk| self.refusal(fk).is_some())
    }

    /// The SQLSTATE PostgreSQL refuses a declared foreign key with, in the order `ATAddForeignKeyConstraint`
    /// checks (the table, its persistence, the columns, their number, the key, the types); `None` when it
    /// accepts it or fklint is not sure.
    pub fn refusal(&self, fk: &super::ForeignKey) -> Option<&'static str> {
        if self.not_valid_inline(fk) {
            return Some("42601");
        }
        if fk.uncertain || fk.binds_late || self.tables[fk.table].uncertain {
            return None;
        }
        if let Some(newer) = self
            .newer_than_target(&fk.def)
            .or_else(|| self.not_valid_on_partitioned(fk))
        {
            return Some(newer.sqlstate);
        }
        if fk.duplicate_name {
            return Some("42710");
        }
        let Some(reference) = fk.reference() else {
            return match &fk.target {
                _ if self.is_uncertain(&fk.ref_name) => None,
                super::Target::Missing { cause, .. } => Some(match cause {
                    super::MissingCause::NoRelation => "42P01",
                    super::MissingCause::NoSchema => "3F000",
                    super::MissingCause::NotATable | super::MissingCause::ForeignTable => "42809",
                }),
                super::Target::Found(_) => None,
            };
        };
        let target = &self.tables[reference.table];
        let types_refused = reference.pairs.iter().any(|p| {
            matches!((&p.fk_type, &p.ref_type), (Some(a), Some(b))
                if crate::types::relate(a, b) == crate::types::TypeRelation::Incompatible)
        });
        if reference.persistence_mismatch.is_some() {
            Some("42P16")
        } else if !fk.missing_columns.is_empty() {
            Some("42703")
        } else if let Some((_, sqlstate)) = self.set_column_refusal(fk) {
            Some(sqlstate)
        } else if !reference.missing_columns.is_empty() {
            Some("42703")
        } else if let Some(mismatch) = reference.period {
            Some(mismatch.sqlstate())
        } else if super::unsupported_period_action(&fk.def).is_some() {
            Some("0A000")
        } else if reference.key != KeyMatch::NoPrimaryKey
            && reference.ref_columns.len() != fk.columns.len()
        {
            Some("42830")
        } else if target.columns_incomplete {
            // The key is not known: a generated column's refusal might come after a missing key's (42830).
            types_refused.then_some("42804")
        } else {
            // After the key, before the types: the generated columns (`ATAddForeignKeyConstraint`).
            let generated = fk.generated_conflict.as_ref().map(|c| c.sqlstate());
            match reference.key {
                KeyMatch::NotUnique | KeyMatch::NoPrimaryKey => Some("42830"),
                KeyMatch::Deferrable => Some("55000"),
                _ => generated.or(types_refused.then_some("42804")),
            }
        }
    }

    /// A column of `ON DELETE SET NULL | SET DEFAULT (columns)` PostgreSQL refuses, after the referencing
    /// columns and before the referenced ones (`validateFkOnDeleteSetColumns`): one the table does not have
    /// (42703), or one that is not among the foreign key's columns (42P10).
    pub fn set_column_refusal<'f>(
        &self,
        fk: &'f super::ForeignKey,
    ) -> Option<(&'f crate::ident::Ident, &'static str)> {
        let table = &self.tables[fk.table];
        if self.dialect != crate::dialect::Dialect::Postgres || table.columns_incomplete {
            return None;
        }
        let (crate::events::RefAction::SetNull(columns)
        | crate::events::RefAction::SetDefault(columns)) = &fk.def.on_delete
        else {
            return None;
        };
        columns.iter().find_map(|column| {
            if table.column(&column.value).is_none() {
                Some((column, "42703"))
            } else if !fk.columns.contains(&column.value) {
                Some((column, "42P10"))
            } else {
                None
            }
        })
    }

    /// Whether the statement was refused for what it would do to existing foreign keys or rows: a drop or
    /// truncate they block, a type change they forbid, a row that violates one (these were never applied).
    fn refused(&self, stmt: StmtRef) -> bool {
        let blocked = |conflicts: &[super::DropConflict]| {
            conflicts
                .iter()
                .rev()
                .take_while(|c| c.stmt.index >= stmt.index)
                .any(|c| c.stmt == stmt && !c.cascade)
        };
        blocked(&self.drop_conflicts)
            || blocked(&self.truncate_conflicts)
            || self.creates_key_on_virtual_column()
            || self.refusals.last().is_some_and(|r| r.stmt == stmt)
            || self.access.refused.last() == Some(&stmt)
            || self
                .persistence_conflicts
                .last()
                .is_some_and(|c| c.stmt == stmt)
            || self.type_conflicts.last().is_some_and(|c| c.stmt == stmt)
            || self.newer_keys.last().is_some_and(|k| k.stmt == stmt)
            || self
                .alter_constraint_conflicts
                .last()
                .is_some_and(|c| c.stmt == stmt)
            || self
                .pending_conflicts
                .last()
                .is_some_and(|c| c.stmt == stmt)
            || self
                .data
                .violations
                .iter()
                .rev()
                .take_while(|v| v.stmt.index >= stmt.index)
                // A COMMIT's failed deferred check rolled the block back already.
                .any(|v| v.stmt == stmt && !v.unchecked && !v.deferred.is_some_and(|d| d.at_commit))
    }

    /// Whether a table the statement creates has a primary key or unique constraint over a virtual generated
    /// column: PostgreSQL 18 refuses it (0A000), as it refuses a foreign key over one, since the column is
    /// never stored. Not a foreign key problem: no finding, but the table is not there afterwards.
    fn creates_key_on_virtual_column(&self) -> bool {
        self.tables[self.statement.tables..].iter().any(|table| {
            table.keys.iter().any(|key| {
                !key.from_index
                    && key.columns.iter().any(|name| {
                        table
                            .column(name)
                            .and_then(|column| column.generated.as_ref())
                            .is_some_and(|generated| generated.virtual_column)
                    })
            })
        })
    }

    /// The statement a rejected one fails because of: itself, unless a foreign key it declares references a
    /// table whose CREATE was rejected (then that CREATE's root).
    fn root_cause(&self, stmt: StmtRef) -> StmtRef {
        self.foreign_keys[self.statement.foreign_keys..]
            .iter()
            .filter(|fk| fk.reference().is_none())
            .find_map(|fk| self.rejected_creation(&fk.ref_name, stmt.index))
            .map_or(stmt, |table| self.root_of(self.tables[table].created))
    }

    /// The first rejected statement a rejection follows from (see [`Catalog::root_cause`]).
    pub fn root_of(&self, stmt: StmtRef) -> StmtRef {
        self.rejection_roots.get(&stmt).copied().unwrap_or(stmt)
    }

    /// Whether PostgreSQL rejected this statement because of a foreign key it declared (and nothing of it
    /// stayed).
    pub fn is_rejected(&self, stmt: StmtRef) -> bool {
        self.rejected.binary_search(&stmt).is_ok()
    }

    /// The table a rejected statement tried to create under this name, before statement `index`, if one did
    /// (the latest): a name that is missing because of it.
    pub fn rejected_creation(
        &self,
        name: &crate::ident::QualName,
        index: usize,
    ) -> Option<TableId> {
        self.rejected_tables
            .get(name)?
            .iter()
            .rev()
            .find(|&&id| self.tables[id].created.index < index)
            .copied()
    }

    /// Puts back what existed before `stmt`: its own objects are dropped by it, what it dropped is live again.
    pub(super) fn undo(&mut self, stmt: StmtRef) {
        let start = self.statement;
        for id in start.tables..self.tables.len() {
            let name = self.tables[id].name.clone();
            if self.live.get(&name) == Some(&id) {
                self.live.remove(&name);
            }
            self.set_table_dropped(id, Some(stmt));
        }
        for fk in self.foreign_keys.iter_mut().skip(start.foreign_keys) {
            fk.dropped = Some(stmt);
        }
        for index in self.indexes.iter_mut().skip(start.indexes) {
            index.dropped = Some(stmt);
        }
        if start.may_change_existing {
            self.undo_changes_to_existing(stmt);
        }
        for change in std::mem::take(&mut self.name_changes).into_iter().rev() {
            match change {
                NameChange::Taken(schema, name) => {
                    self.constraint_names
                        .entry(schema)
                        .or_default()
                        .remove(&name);
                }
                NameChange::Freed(schema, name) => {
                    self.constraint_names
                        .entry(schema)
                        .or_default()
                        .insert(name);
                }
            }
        }
    }

    /// Puts back what `stmt` dropped or added to objects that existed before it.
    fn undo_changes_to_existing(&mut self, stmt: StmtRef) {
        let start = self.statement;
        let revived: Vec<TableId> = self.tables[..start.tables]
            .iter()
            .filter(|t| t.dropped == Some(stmt))
            .map(|t| t.id)
            .collect();
        for id in revived {
            self.set_table_dropped(id, None);
            self.live.insert(self.tables[id].name.clone(), id);
        }
        for table in self.tables.iter_mut().take(start.tables) {
            table.columns.retain(|c| c.created != stmt);
            for key in &mut table.keys {
                if key.created == stmt {
                    key.dropped = Some(stmt);
                } else if key.dropped == Some(stmt) {
                    key.dropped = None;
                }
            }
        }
        for fk in self.foreign_keys.iter_mut().take(start.foreign_keys) {
            if fk.dropped == Some(stmt) {
                fk.dropped = None;
            }
        }
        for index in self.indexes.iter_mut().take(start.indexes) {
            if index.dropped == Some(stmt) {
                index.dropped = None;
            }
        }
    }
}
