//! `DELETE` and `UPDATE` of rows chosen by a literal key condition (`WHERE column = literal` / `IN (...)`).
//!
//! Both take a key away from parent rows (the row goes, or its key changes), which PostgreSQL rejects (23503)
//! while a known child row still references it through a NO ACTION / RESTRICT foreign key; CASCADE / SET NULL /
//! SET DEFAULT change the children, whose rows become unknown. An UPDATE also writes foreign-key columns,
//! checked against the parent rows like an INSERT. Whatever fklint cannot decide makes rows unknown.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::range::{self, Segment};
use super::{
    cell, family, family_match, normalize, row_value, value_sql, Cell, LoggedRow, PendingCheck,
    Row, RowViolation, SharedRow, ViolationKind,
};
use crate::catalog::{Catalog, ForeignKeyId, TableId};
use crate::events::{
    Assignment, DataValue, DeleteRows, KeyTerm, Predicate, RefAction, StmtRef, TermOp, UpdateRows,
    Value,
};
use crate::source::Span;

/// How many rows a table may have for fklint to take its rows' order as the heap's (one 8 kB page of small
/// rows).
const ROWS_IN_ONE_PAGE: usize = 50;

/// Which rows a literal key condition selects.
struct Selection<'u> {
    table: TableId,
    /// Per term: its column, its values as written and as stored.
    terms: Vec<(String, &'u [DataValue], Vec<Cell>)>,
    /// Indexes of the selected rows among the table's known rows.
    rows: Vec<usize>,
}

/// A range operator term (`@>`, `<@`, `&&`) with its literal read.
struct RangeTerm {
    column: String,
    family: char,
    op: TermOp,
    operand: Vec<Segment>,
}

impl RangeTerm {
    /// The column's value as segments: `Ok(None)` for NULL (no operator holds), `Err` when not known.
    fn value(&self, row: &Row) -> Result<Option<Vec<Segment>>, ()> {
        match cell(row, &self.column) {
            Cell::Null => Ok(None),
            Cell::Val(v) => {
                let text = v.split_once(':').ok_or(())?.1;
                range::parse(text, self.family).map(Some).ok_or(())
            }
            Cell::Unknown | Cell::Fresh => Err(()),
        }
    }

    /// Whether every row's value is known, so the term decides each row.
    fn clear_on(&self, rows: &[super::SharedRow]) -> bool {
        rows.iter().all(|row| self.value(row).is_ok())
    }

    fn holds_on(&self, row: &Row) -> bool {
        let Ok(Some(value)) = self.value(row) else {
            return false;
        };
        match self.op {
            TermOp::Contains => range::covered(&self.operand, value),
            TermOp::ContainedBy => range::covered(&value, self.operand.clone()),
            TermOp::Overlaps => range::overlap(&value, &self.operand),
            TermOp::Equals => false,
        }
    }
}

/// A parent row losing its key: deleted (`new` is `None`) or re-keyed to `new`.
struct Release<'r> {
    row: usize,
    new: Option<&'r Row>,
}

/// What taking keys away does: the statement is rejected, or these child tables change (in ways fklint
/// follows: `cascaded`, or not: `affected`).
#[derive(Default)]
struct Outcome {
    violations: Vec<RowViolation>,
    affected: Vec<TableId>,
    cascaded: Vec<CascadedRows>,
    /// A foreign key that may refuse the change references the rows through rows fklint does not know: the
    /// statement may have been rejected, so whether the rows changed is not known either.
    maybe_refused: bool,
    /// Checks a deferred key queues for the parent rows whose key goes away.
    queued: Vec<PendingCheck>,
}

/// Known child rows an action changes: `ON DELETE CASCADE` deletes them; `ON UPDATE CASCADE`, `SET NULL` and
/// `SET DEFAULT` write their foreign-key columns.
struct CascadedRows {
    table: TableId,
    rows: Vec<usize>,
    /// `None`: the rows are deleted; otherwise the values written into these columns.
    writes: Option<Vec<(String, Cell)>>,
}

impl Catalog {
    /// `DELETE FROM t WHERE column = literal`.
    pub(in crate::catalog) fn delete_rows(&mut self, delete: &DeleteRows, stmt: StmtRef) {
        if delete.condition.is_empty() && self.empties_unreferenced(&delete.table) {
            return;
        }
        let Some(selection) = self.select(&delete.table, &delete.condition, delete.filter.as_ref())
        else {
            return;
        };
        let released: Vec<Release> = selection
            .rows
            .iter()
            .map(|&row| Release { row, new: None })
            .collect();
        let outcome = self.release_keys(&selection, &released, stmt, ViolationKind::Delete);
        if !outcome.violations.is_empty() {
            self.data.violations.extend(outcome.violations);
            return;
        }
        self.queue_checks(outcome.queued);
        for child in outcome.affected {
            self.forget_rows_with_dependents(child);
        }
        if outcome.maybe_refused {
            self.forget_rows_with_dependents(selection.table);
            return;
        }
        self.apply_cascades(outcome.cascaded);
        if let Some(entry) = self.data.tables.get_mut(&selection.table) {
            let mut index = 0;
            entry.rows.retain(|_| {
                index += 1;
                !selection.rows.contains(&(index - 1))
            });
            entry.index.clear();
        }
    }

    /// `DELETE FROM t` without a condition, when no other table that may hold rows references `t`: whatever
    /// rows it had (known or not), none is left, and no foreign key can object. Returns whether it applied.
    fn empties_unreferenced(&mut self, table: &crate::ident::ObjName) -> bool {
        let Some(table) = self.find_table(table) else {
            return false;
        };
        let referenced = self.live_foreign_keys().any(|fk| {
            fk.target_table() == Some(table)
                && fk.table != table
                && self.data.may_have_rows(self.row_store(fk.table))
        });
        if referenced {
            return false;
        }
        self.empty_rows(table);
        true
    }

    /// `UPDATE t SET column = literal, ... WHERE column = literal`.
    pub(in crate::catalog) fn update_rows(&mut self, update: &UpdateRows, stmt: StmtRef) {
        let Some(selection) = self.select(&update.table, &update.condition, update.filter.as_ref())
        else {
            return;
        };
        let table = selection.table;
        let set: Vec<String> = update.set.iter().map(|a| a.column.value.clone()).collect();
        let readable = set.iter().all(|c| self.tables[table].column(c).is_some())
            && !self.self_reference_touches(table, &set)
            && !self.updates_keys_unclearly(table, &selection, &update.set);
        if !readable {
            self.forget_rows_with_dependents(table);
            return;
        }
        let Some(known) = self.data.tables.get(&table) else {
            // No row was ever inserted: nothing to update.
            return;
        };
        let old_rows: Vec<SharedRow> = selection
            .rows
            .iter()
            .filter_map(|&i| known.rows.get(i))
            .cloned()
            .collect();
        let new_rows: Vec<Row> = old_rows
            .iter()
            .map(|old| self.updated_row(table, old, &update.set))
            .collect();
        // A partitioned table's updated rows must still land in a partition (or PostgreSQL refuses them).
        if self.in_partition_tree(table) && self.route_rows(table, new_rows.iter()).is_none() {
            self.forget_rows_with_dependents(table);
            return;
        }
        if self.refuses_cross_partition_move(table, (&old_rows, &new_rows), stmt) {
            return;
        }
        if self.update_breaks_without_overlaps(&selection, &new_rows) {
            self.forget_rows_with_dependents(table);
            return;
        }
        let released: Vec<Release> = selection
            .rows
            .iter()
            .zip(&new_rows)
            .map(|(&row, new)| Release {
                row,
                new: Some(new),
            })
            .collect();
        let mut outcome =
            self.release_keys(&selection, &released, stmt, ViolationKind::UpdateParent);
        outcome.violations.extend(self.check_updated_references(
            table,
            (&old_rows, &new_rows),
            update,
            stmt,
        ));
        if !outcome.violations.is_empty() {
            self.data.violations.extend(outcome.violations);
            return;
        }
        self.queue_checks(outcome.queued);
        self.queue_updated_references(table, &new_rows, update, stmt);
        for child in outcome.affected {
            self.forget_rows_with_dependents(child);
        }
        if outcome.maybe_refused {
            self.forget_rows_with_dependents(table);
            return;
        }
        self.apply_cascades(outcome.cascaded);
        self.store_updated_rows(&selection, new_rows, stmt);
    }

    /// The rows a key condition selects (every term holds), or `None` (after forgetting what may change) when
    /// that is unclear.
    fn select<'u>(
        &mut self,
        table: &crate::ident::ObjName,
        condition: &'u [KeyTerm],
        filter: Option<&Predicate>,
    ) -> Option<Selection<'u>> {
        let table = self.find_table(table)?;
        let (equal_terms, range_terms): (Vec<&KeyTerm>, Vec<&KeyTerm>) =
            condition.iter().partition(|t| t.op == TermOp::Equals);
        let ranges: Option<Vec<RangeTerm>> = range_terms
            .iter()
            .map(|term| self.range_term(table, term))
            .collect();
        let terms: Vec<(String, &[DataValue], Vec<Cell>)> = equal_terms
            .into_iter()
            .map(|term| {
                let fam = family(self, table, &term.column.value);
                let wanted = term
                    .values
                    .iter()
                    .map(|v| normalize(&v.value, fam))
                    .collect();
                (term.column.value.clone(), term.values.as_slice(), wanted)
            })
            .collect();
        let rows = self
            .data
            .tables
            .get(&table)
            .map_or(&[][..], |r| r.rows.as_slice());
        let ranges = ranges.filter(|ranges| ranges.iter().all(|r| r.clear_on(rows)));
        let clear = self.rows_known(table)
            && ranges.is_some()
            && terms.iter().all(|(column, _, wanted)| {
                self.tables[table].column(column).is_some()
                    && wanted.iter().all(|c| matches!(c, Cell::Val(_)))
                    && !rows
                        .iter()
                        .any(|r| matches!(cell(r, column), Cell::Unknown | Cell::Fresh))
            });
        // The rest of the condition decides every row, or fklint does not say which rows it selects.
        let filtered: Option<Vec<bool>> = rows
            .iter()
            .map(|row| match filter {
                Some(filter) => self
                    .condition_on(table, filter, row)
                    .map(|t| t == Some(true)),
                None => Some(true),
            })
            .collect();
        let (true, Some(filtered)) = (clear, filtered) else {
            self.forget_rows_with_dependents(table);
            return None;
        };
        let ranges = ranges.unwrap_or_default();
        let selected = (0..rows.len())
            .filter(|&i| {
                filtered[i]
                    && terms
                        .iter()
                        .all(|(column, _, wanted)| wanted.contains(cell(&rows[i], column)))
                    && ranges.iter().all(|r| r.holds_on(&rows[i]))
            })
            .collect();
        Some(Selection {
            table,
            terms,
            rows: selected,
        })
    }

    /// A range operator term on a range column of the table, when its literal is one fklint reads.
    fn range_term(&self, table: TableId, term: &KeyTerm) -> Option<RangeTerm> {
        let column = term.column.value.clone();
        let family = family(self, table, &column).filter(|f| range::is_range_family(*f))?;
        let [value] = term.values.as_slice() else {
            return None;
        };
        let Value::Str(text) = &value.value else {
            return None;
        };
        Some(RangeTerm {
            operand: range::operand(text, family)?,
            column,
            family,
            op: term.op,
        })
    }

    /// Every foreign key into the selection's table, for the rows whose key goes away.
    fn release_keys(
        &self,
        selection: &Selection,
        released: &[Release],
        stmt: StmtRef,
        kind: ViolationKind,
    ) -> Outcome {
        // A partition's merged copy of its parent's key is checked as that key.
        let referencing: Vec<ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| {
                fk.is_live() && fk.clone_of.is_none() && fk.target_table() == Some(selection.table)
            })
            .map(|fk| fk.id)
            .collect();
        let mut outcome = Outcome::default();
        self.release_partition_keys(selection, released, &mut outcome);
        let after = self.rows_after(selection.table, released);
        for fk_id in referencing {
            if self.foreign_keys[fk_id].def.period {
                self.release_period_key(fk_id, selection, released, (stmt, kind), &mut outcome);
                continue;
            }
            for release in released {
                self.release_key(
                    fk_id,
                    selection,
                    release,
                    (stmt, kind),
                    &after,
                    &mut outcome,
                );
            }
        }
        outcome
    }

    /// The table's rows once the statement is done: those it leaves, and the new versions of those it updates.
    fn rows_after<'r>(&'r self, table: TableId, released: &'r [Release]) -> Vec<&'r Row> {
        let rows = self
            .data
            .tables
            .get(&table)
            .map_or(&[][..], |r| r.rows.as_slice());
        rows.iter()
            .enumerate()
            .filter(|(i, _)| !released.iter().any(|r| r.row == *i))
            .map(|(_, row)| row.as_ref())
            .chain(released.iter().filter_map(|r| r.new))
            .collect()
    }

    /// Keys referencing one partition of a partitioned table whose rows change: when a changed row may be that
    /// partition's, what the key does with it is not followed here, so it may refuse the change. Rows surely
    /// in other partitions leave the key alone.
    fn release_partition_keys(
        &self,
        selection: &Selection,
        released: &[Release],
        outcome: &mut Outcome,
    ) {
        let table = selection.table;
        if !self.tables[table].partitioned {
            return;
        }
        let partitions = self.partitions();
        let members = self.partition_subtree(&partitions, table);
        let rows = self
            .data
            .tables
            .get(&table)
            .map_or(&[][..], |r| r.rows.as_slice());
        for fk in self.live_foreign_keys() {
            let Some(referenced) = fk
                .target_table()
                .filter(|&t| t != table && members.contains(&t))
            else {
                continue;
            };
            let holds = self.partition_holds(referenced);
            let may_hold =
                released
                    .iter()
                    .any(|release| match (rows.get(release.row), holds.as_ref()) {
                        (Some(row), Some(holds)) => holds(row) != Some(false),
                        _ => true,
                    });
            if may_hold {
                outcome.affected.push(fk.table);
                outcome.maybe_refused = true;
            }
        }
    }

    /// Parent rows changing under a temporal foreign key (only NO ACTION exists for one): refused when a known
    /// child row whose period overlapped a changed row is no longer covered by the parent rows left.
    fn release_period_key(
        &self,
        fk_id: ForeignKeyId,
        selection: &Selection,
        released: &[Release],
        (stmt, kind): (StmtRef, ViolationKind),
        outcome: &mut Outcome,
    ) {
        let fk = &self.foreign_keys[fk_id];
        let Some(reference) = fk.reference() else {
            return;
        };
        let rows: Vec<&Row> = self
            .data
            .tables
            .get(&selection.table)
            .map(|r| r.rows.iter().map(AsRef::as_ref).collect())
            .unwrap_or_default();
        let key_changes = |release: &Release| match (release.new, rows.get(release.row)) {
            (None, _) => true,
            (Some(new), Some(old)) => reference
                .ref_columns
                .iter()
                .any(|c| cell(new, c) != cell(old, c)),
            (Some(_), None) => false,
        };
        let changed: Vec<usize> = released
            .iter()
            .filter(|r| key_changes(r))
            .map(|r| r.row)
            .collect();
        if changed.is_empty() {
            return;
        }
        let child = fk.table;
        let waits = self.release_waits(fk_id, kind);
        let judged = child != selection.table
            && self.rows_known(child)
            && (waits || self.enforced_foreign_keys(child).contains(&fk_id));
        if !judged {
            outcome.affected.push(child);
            return;
        }
        if waits {
            // Each changed row is checked when the key's checks run, against the rows there are then.
            let location = stmt.location();
            outcome.queued.extend(
                changed
                    .iter()
                    .filter_map(|&i| self.data.tables.get(&selection.table)?.rows.get(i))
                    .map(|row| Self::pending_check(fk_id, Rc::clone(row), kind, location)),
            );
            return;
        }
        let after: Vec<&Row> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| !released.iter().any(|r| r.row == *i))
            .map(|(_, row)| *row)
            .chain(released.iter().filter_map(|r| r.new))
            .collect();
        match self.period_still_covered(fk_id, &rows, &changed, &after) {
            Ok(None) => {}
            Ok(Some(position)) => {
                let old = rows[position];
                let key = reference
                    .ref_columns
                    .iter()
                    .map(|c| cell(old, c).clone())
                    .collect();
                outcome
                    .violations
                    .push(self.released_violation(fk_id, selection, old, key, stmt, kind));
            }
            Err(()) => outcome.affected.push(child),
        }
    }

    /// One parent row's key going away under one foreign key. `after` holds the table's rows once the statement
    /// is done: NO ACTION checks then, so a key another row has again still serves the child rows; and a
    /// self-reference's child rows are those.
    fn release_key(
        &self,
        fk_id: ForeignKeyId,
        selection: &Selection,
        release: &Release,
        (stmt, kind): (StmtRef, ViolationKind),
        after: &[&Row],
        outcome: &mut Outcome,
    ) {
        let fk = &self.foreign_keys[fk_id];
        let Some(reference) = fk.reference() else {
            return;
        };
        let Some(old) = self
            .data
            .tables
            .get(&selection.table)
            .and_then(|r| r.rows.get(release.row))
        else {
            return;
        };
        let key: Vec<Cell> = reference
            .ref_columns
            .iter()
            .map(|c| cell(old, c).clone())
            .collect();
        if key.contains(&Cell::Null) {
            return;
        }
        let child = fk.table;
        if let Some(new) = release.new {
            let new_key: Vec<&Cell> = reference.ref_columns.iter().map(|c| cell(new, c)).collect();
            if new_key.iter().zip(&key).all(|(a, b)| *a == b) {
                return;
            }
            if new_key
                .iter()
                .any(|c| matches!(c, Cell::Unknown | Cell::Fresh))
            {
                outcome.affected.push(child);
                return;
            }
        }
        let action = match kind {
            ViolationKind::UpdateParent => &fk.def.on_update,
            _ => &fk.def.on_delete,
        };
        let restricting = matches!(action, RefAction::NoAction | RefAction::Restrict);
        let has_key = |row: &&Row| {
            reference
                .ref_columns
                .iter()
                .zip(&key)
                .all(|(c, k)| cell(row, c) == k)
        };
        if *action == RefAction::NoAction && after.iter().any(has_key) {
            return;
        }
        let waits = self.release_waits(fk_id, kind);
        let now = self.release_checked_now(fk_id, kind);
        let may_refuse = restricting && now && !fk.def.not_enforced;
        let child_known = self.rows_known(self.row_store(child))
            && (waits || (now && self.is_checkable(fk_id)))
            && key.iter().all(|c| matches!(c, Cell::Val(_)))
            && family_match(self, fk_id);
        if !child_known {
            outcome.affected.push(child);
            outcome.maybe_refused |= may_refuse;
            return;
        }
        // A self-reference's child rows are the table's (or its tree's) rows as the statement leaves them.
        let (referenced, unclear) = if self.row_store(child) == selection.table {
            self.references_among(fk_id, after, &key)
        } else {
            self.child_row_references(fk_id, &key)
        };
        match (referenced, restricting && !unclear) {
            (true, true) if waits => {
                let old = Rc::clone(&self.data.tables[&selection.table].rows[release.row]);
                outcome
                    .queued
                    .push(Self::pending_check(fk_id, old, kind, stmt.location()));
            }
            (true, true) => {
                outcome
                    .violations
                    .push(self.released_violation(fk_id, selection, old, key, stmt, kind));
            }
            (true, false) if !unclear => match self.cascade_of(fk_id, &key, release.new, kind) {
                Some(cascaded) => {
                    match self.default_without_parent(fk_id, &cascaded, after, stmt) {
                        // The default is the key going away: the child rows still reference it.
                        Some(v) if v.cells == key => outcome
                            .violations
                            .push(self.released_violation(fk_id, selection, old, key, stmt, kind)),
                        Some(v) => outcome.violations.push(v),
                        None => outcome.cascaded.push(cascaded),
                    }
                }
                None => outcome.affected.push(child),
            },
            (true, false) => {
                outcome.affected.push(child);
                outcome.maybe_refused |= may_refuse;
            }
            (false, _) if unclear => {
                outcome.affected.push(child);
                outcome.maybe_refused |= may_refuse;
            }
            (false, _) => {}
        }
    }

    /// Whether a known row of the foreign key's table references `key`, and whether a row read before it
    /// (until one does) has a value fklint does not know in the key's columns.
    pub(super) fn child_row_references(&self, fk_id: ForeignKeyId, key: &[Cell]) -> (bool, bool) {
        let fk = &self.foreign_keys[fk_id];
        let store = self.row_store(fk.table);
        let child_rows: Vec<&Row> = self
            .data
            .tables
            .get(&store)
            .map(|r| r.rows.iter().map(AsRef::as_ref).collect())
            .unwrap_or_default();
        self.references_among(fk_id, &child_rows, key)
    }

    /// [`Catalog::child_row_references`] among the given rows of the foreign key's table (its tree's, for a
    /// partition).
    fn references_among(
        &self,
        fk_id: ForeignKeyId,
        child_rows: &[&Row],
        key: &[Cell],
    ) -> (bool, bool) {
        let fk = &self.foreign_keys[fk_id];
        // A partition's key sees only the rows of its part of the tree.
        let holds = self.partition_holds(fk.table);
        let mut unclear = false;
        let referenced = child_rows.iter().any(|r| {
            let cells: Vec<&Cell> = fk.columns.iter().map(|c| cell(r, c)).collect();
            let matches = cells.iter().zip(key).all(|(a, b)| *a == b);
            let ours = holds.as_ref().map_or(Some(true), |holds| holds(r));
            unclear |= cells
                .iter()
                .any(|c| matches!(c, Cell::Unknown | Cell::Fresh))
                || (matches && ours.is_none());
            matches && ours == Some(true)
        });
        (referenced, unclear)
    }

    /// What the key's action does to the known child rows that reference `key` when its parent row is deleted
    /// or re-keyed to `new`, when fklint can follow it: the child table is referenced by no foreign key itself (a
    /// cascade would go on), SET NULL writes only nullable columns (a NOT NULL one fails the statement, 23502),
    /// and SET DEFAULT writes defaults fklint knows. In a partition tree the rows are its root's, a partition's
    /// key reaches only the rows stored in that partition, no write may route a row (it would move partitions),
    /// SET NULL needs the columns nullable in every table of the tree, and SET DEFAULT is not followed.
    fn cascade_of(
        &self,
        fk_id: ForeignKeyId,
        key: &[Cell],
        new: Option<&Row>,
        kind: ViolationKind,
    ) -> Option<CascadedRows> {
        let fk = &self.foreign_keys[fk_id];
        let child = fk.table;
        let store = self.row_store(child);
        let tree = if self.in_partition_tree(child) {
            self.partition_subtree(&self.partitions(), store)
        } else {
            vec![child]
        };
        let referenced = self
            .live_foreign_keys()
            .any(|other| other.target_table().is_some_and(|t| tree.contains(&t)));
        if referenced {
            return None;
        }
        let action = match kind {
            ViolationKind::UpdateParent => &fk.def.on_update,
            _ => &fk.def.on_delete,
        };
        let listed = |columns: &[crate::ident::Ident]| -> Vec<String> {
            if columns.is_empty() {
                fk.columns.clone()
            } else {
                columns.iter().map(|c| c.value.clone()).collect()
            }
        };
        let in_tree = self.in_partition_tree(child);
        let nullable_everywhere = |column: &String| {
            tree.iter().all(|&table| {
                self.tables[table]
                    .column(column)
                    .is_some_and(|c| !c.not_null)
            })
        };
        let routes = |column: &str| {
            tree.iter().any(|&table| {
                self.tables[table].partition_key.as_ref().is_some_and(|k| {
                    k.columns
                        .as_ref()
                        .is_none_or(|cols| cols.iter().any(|c| c.value == column))
                })
            })
        };
        let t = &self.tables[child];
        let writes: Option<Vec<(String, Cell)>> = match (action, new) {
            (RefAction::Cascade, None) => None,
            (RefAction::Cascade, Some(new)) => {
                let reference = fk.reference()?;
                let values = reference.ref_columns.iter().map(|c| cell(new, c).clone());
                Some(fk.columns.iter().cloned().zip(values).collect())
            }
            (RefAction::SetNull(columns), _) => {
                let columns = listed(columns);
                if !columns.iter().all(nullable_everywhere) {
                    return None;
                }
                Some(columns.into_iter().map(|c| (c, Cell::Null)).collect())
            }
            (RefAction::SetDefault(columns), _) if !in_tree => listed(columns)
                .into_iter()
                .map(|name| {
                    let column = t.column(&name)?;
                    let default = self.default_of(child, column);
                    matches!(default, Cell::Val(_) | Cell::Null).then_some((name, default))
                })
                .collect::<Option<Vec<_>>>()
                .map(Some)?,
            _ => return None,
        };
        if writes.iter().flatten().any(|(column, _)| routes(column)) {
            return None;
        }
        let rows = self
            .data
            .tables
            .get(&store)
            .map_or(&[][..], |r| r.rows.as_slice());
        let holds = self.partition_holds(child);
        let mut matching = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if !fk.columns.iter().zip(key).all(|(c, k)| cell(row, c) == k) {
                continue;
            }
            match holds.as_ref().map_or(Some(true), |holds| holds(row)) {
                Some(true) => matching.push(i),
                Some(false) => {}
                None => return None,
            }
        }
        Some(CascadedRows {
            table: store,
            rows: matching,
            writes,
        })
    }

    /// `SET DEFAULT` writes the child rows' defaults, which PostgreSQL then checks like any update of the child
    /// row: a default key that no parent row has once the statement is done (the parent's rows `after`) is
    /// refused (23503). With MATCH SIMPLE a NULL among them needs no parent.
    fn default_without_parent(
        &self,
        fk_id: ForeignKeyId,
        cascaded: &CascadedRows,
        after: &[&Row],
        stmt: StmtRef,
    ) -> Option<RowViolation> {
        let fk = &self.foreign_keys[fk_id];
        let reference = fk.reference()?;
        let action_writes_defaults = matches!(fk.def.on_delete, RefAction::SetDefault(_))
            || matches!(fk.def.on_update, RefAction::SetDefault(_));
        let writes = cascaded.writes.as_ref()?;
        let first = *cascaded.rows.first()?;
        if !action_writes_defaults || !family_match(self, fk_id) {
            return None;
        }
        let old = self.data.tables.get(&cascaded.table)?.rows.get(first)?;
        let mut row: Row = old.as_ref().clone();
        for (column, value) in row.iter_mut() {
            if let Some((_, written)) = writes.iter().find(|(c, _)| **c == **column) {
                *value = written.clone();
            }
        }
        let cells: Vec<Cell> = fk.columns.iter().map(|c| cell(&row, c).clone()).collect();
        if !cells.iter().all(|c| matches!(c, Cell::Val(_))) {
            return None;
        }
        let found = after.iter().any(|parent| {
            reference
                .ref_columns
                .iter()
                .zip(&cells)
                .all(|(c, k)| cell(parent, c) == k)
        });
        if found {
            return None;
        }
        let location = stmt.location();
        let mut violation = self.row_violation(
            fk_id,
            &row,
            &|_| None,
            (location, stmt),
            cells,
            ViolationKind::UpdateChild,
        );
        violation.child_row = None;
        Some(violation)
    }

    /// Applies what the cascades of an accepted DELETE or UPDATE did to known child rows: the writes first, then every
    /// deletion of a table at once (row positions refer to the rows before the statement).
    /// A child row that two actions reach (keys swapped under ON UPDATE CASCADE) ends as the order of PostgreSQL's
    /// triggers makes it, which is not followed: that table's rows become unknown.
    fn apply_cascades(&mut self, cascaded: Vec<CascadedRows>) {
        let mut reached: HashSet<(TableId, usize)> = HashSet::new();
        let twice: HashSet<TableId> = cascaded
            .iter()
            .flat_map(|c| c.rows.iter().map(move |&i| (c.table, i)))
            .filter(|reach| !reached.insert(*reach))
            .map(|(table, _)| table)
            .collect();
        for table in twice {
            self.forget_rows_with_dependents(table);
        }
        let mut deleted: HashMap<TableId, HashSet<usize>> = HashMap::new();
        for change in &cascaded {
            if self
                .data
                .tables
                .get(&change.table)
                .is_some_and(|t| t.unknown)
            {
                continue;
            }
            let Some(entry) = self.data.tables.get_mut(&change.table) else {
                continue;
            };
            entry.index.clear();
            let Some(writes) = &change.writes else {
                deleted
                    .entry(change.table)
                    .or_default()
                    .extend(change.rows.iter().copied());
                continue;
            };
            for &i in &change.rows {
                let Some(row) = entry.rows.get_mut(i) else {
                    continue;
                };
                let mut new: Row = row.as_ref().clone();
                for (column, value) in new.iter_mut() {
                    if let Some((_, written)) = writes.iter().find(|(c, _)| **c == **column) {
                        *value = written.clone();
                    }
                }
                *row = Rc::new(new);
            }
        }
        for (table, rows) in deleted {
            if let Some(entry) = self.data.tables.get_mut(&table) {
                let mut index = 0;
                entry.rows.retain(|_| {
                    index += 1;
                    !rows.contains(&(index - 1))
                });
            }
        }
    }

    /// The violation of a parent row (`old`) whose key a child row still references.
    fn released_violation(
        &self,
        fk_id: ForeignKeyId,
        selection: &Selection,
        old: &Row,
        key: Vec<Cell>,
        stmt: StmtRef,
        kind: ViolationKind,
    ) -> RowViolation {
        let position = selection.terms.iter().find_map(|(column, values, wanted)| {
            values
                .iter()
                .zip(wanted)
                .find(|(_, w)| cell(old, column) == *w)
                .map(|(v, _)| v)
        });
        let location = position.map_or(stmt.location(), |v| stmt.at(v.span));
        self.parent_row_violation(fk_id, old, key, (stmt, location), kind)
    }

    /// The violation of a parent row (`old`) taken away at `location` while a child row still references its
    /// key: the child row is the latest logged one with that key.
    pub(super) fn parent_row_violation(
        &self,
        fk_id: ForeignKeyId,
        old: &Row,
        key: Vec<Cell>,
        (stmt, location): (StmtRef, crate::source::Location),
        kind: ViolationKind,
    ) -> RowViolation {
        let fk = &self.foreign_keys[fk_id];
        let ref_columns = fk.reference().map_or(&[][..], |r| r.ref_columns.as_slice());
        let child_row = self.logged_child_row(fk_id, &key, key.len(), stmt);
        RowViolation {
            stmt,
            foreign_key: fk_id,
            location,
            values: ref_columns
                .iter()
                .map(|c| row_value(old, c).map_or_else(|| "?".into(), |v| value_sql(&v)))
                .collect(),
            cells: key,
            kind,
            child_row,
            unchecked: false,
            deferred: None,
            parent_takes_key: false,
        }
    }

    /// Whether the updated rows may be refused by one of the table's `WITHOUT OVERLAPS` keys (see
    /// [`Catalog::may_overlap`]).
    fn update_breaks_without_overlaps(&self, selection: &Selection, new_rows: &[Row]) -> bool {
        let table = selection.table;
        if !self.tables[table].live_keys().any(|k| k.without_overlaps) {
            return false;
        }
        let others: Vec<&Row> = self
            .data
            .tables
            .get(&table)
            .map(|r| {
                r.rows
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !selection.rows.contains(i))
                    .map(|(_, row)| row.as_ref())
                    .collect()
            })
            .unwrap_or_default();
        let new: Vec<&Row> = new_rows.iter().collect();
        self.may_overlap(table, &others, &new)
    }

    /// Whether the table references itself through a foreign key whose referencing columns the UPDATE sets:
    /// the new values would need checking against the table's rows as the statement leaves them, which fklint
    /// does not do. (A referenced key it changes is judged against those rows: see [`Catalog::release_key`].)
    fn self_reference_touches(&self, table: TableId, set: &[String]) -> bool {
        self.foreign_keys.iter().any(|fk| {
            fk.is_live()
                && fk.table == table
                && fk.target_table() == Some(table)
                && (fk.reference().is_none() || fk.columns.iter().any(|c| set.contains(c)))
        })
    }

    /// Whether the UPDATE may be refused by a unique key it writes (23505) in a way fklint cannot rule out: a
    /// new key it does not know (or NULL), another row whose key it does not know, or a collision. PostgreSQL
    /// checks each row's new key as it updates it, in the table's order, against the keys there are then (the
    /// rows not updated yet keep their old ones); fklint keeps the rows in that order (an updated row moves to
    /// the end, as its new version does in the heap) for tables that fit in one page: in a bigger one, more
    /// than one re-keyed row is not judged.
    fn updates_keys_unclearly(
        &self,
        table: TableId,
        selection: &Selection,
        set: &[Assignment],
    ) -> bool {
        let rows = self
            .data
            .tables
            .get(&table)
            .map_or(&[][..], |r| r.rows.as_slice());
        self.tables[table].live_keys().any(|key| {
            if !set.iter().any(|a| key.columns.contains(&a.column.value)) {
                return false;
            }
            if selection.rows.len() > 1 && rows.len() > ROWS_IN_ONE_PAGE {
                return true;
            }
            let key_of = |row: &Row| -> Vec<Cell> {
                key.columns.iter().map(|c| cell(row, c).clone()).collect()
            };
            let mut live: Vec<Vec<Cell>> = rows.iter().map(|r| key_of(r)).collect();
            let unknown_elsewhere = live.iter().enumerate().any(|(i, k)| {
                !selection.rows.contains(&i)
                    && k.iter().any(|c| matches!(c, Cell::Unknown | Cell::Fresh))
            });
            if unknown_elsewhere {
                return true;
            }
            for &i in &selection.rows {
                let new = key_of(&self.updated_row(table, &rows[i], set));
                if new.iter().any(|c| matches!(c, Cell::Unknown | Cell::Fresh)) {
                    return true;
                }
                // The row's old version is gone once it is updated.
                live[i].clear();
                if new.contains(&Cell::Null) {
                    // NULLs never collide, but a primary key refuses them (23502).
                    if key.primary {
                        return true;
                    }
                    continue;
                }
                if live.contains(&new) {
                    return true;
                }
                live.push(new);
            }
            false
        })
    }

    /// A row with the UPDATE's assignments applied (each computed from the old row).
    fn updated_row(&self, table: TableId, old: &Row, set: &[Assignment]) -> Row {
        let t = &self.tables[table];
        let mut row = old.clone();
        for assignment in set {
            let column = &assignment.column;
            let fam = family(self, table, &column.value);
            let new = match (
                &assignment.expr,
                &assignment.value.value,
                t.column(&column.value),
            ) {
                (Some(expr), _, _) => self.assigned_cell(table, &column.value, expr, old),
                (None, Value::Default, Some(c)) => self.default_of(table, c),
                (None, v, _) => normalize(v, fam),
            };
            match row.iter_mut().find(|(c, _)| **c == *column.value) {
                Some((_, cell)) => *cell = new,
                None => row.push((Rc::from(column.value.as_str()), new)),
            }
        }
        row
    }

    /// The table's own foreign keys whose columns the UPDATE writes: each new value needs a parent row. A row
    /// of a partition tree is checked by its partition's keys and its parents'; one that moves to another
    /// partition is deleted and inserted there, so every key of its new partition checks it.
    fn check_updated_references(
        &mut self,
        table: TableId,
        (old_rows, new_rows): (&[SharedRow], &[Row]),
        update: &UpdateRows,
        stmt: StmtRef,
    ) -> Vec<RowViolation> {
        let set: HashSet<&str> = update.set.iter().map(|a| a.column.value.as_str()).collect();
        let checked_on = |catalog: &Self, keys: Vec<ForeignKeyId>, moved: bool| {
            keys.into_iter()
                .filter(|&fk| {
                    let fk = &catalog.foreign_keys[fk];
                    (moved || fk.columns.iter().any(|c| set.contains(c.as_str())))
                        && fk
                            .target_table()
                            .is_none_or(|t| catalog.row_store(t) != table)
                })
                .collect::<Vec<ForeignKeyId>>()
        };
        let per_row: Vec<Vec<ForeignKeyId>> = if self.in_partition_tree(table) {
            old_rows
                .iter()
                .zip(new_rows)
                .map(|(old, new)| match self.update_leaves(table, old, new) {
                    Some((leaf, moved)) => {
                        checked_on(self, self.enforced_on_partition(leaf), moved)
                    }
                    None => Vec::new(),
                })
                .collect()
        } else {
            let enforced = checked_on(self, self.enforced_foreign_keys(table), false);
            vec![enforced; new_rows.len()]
        };
        let all: Vec<ForeignKeyId> = per_row.iter().flatten().copied().collect();
        self.index_parent_keys(&all);
        let spans = |column: &str| -> Option<Span> {
            update
                .set
                .iter()
                .find(|a| a.column.value == column)
                .map(|a| a.value.span)
        };
        let mut violations = Vec::new();
        for (row, enforced) in new_rows.iter().zip(&per_row) {
            for &fk in enforced {
                if let Some(mut v) = self.check_reference(fk, row, spans, stmt.location(), stmt) {
                    // A partly NULL MATCH FULL key keeps its own kind.
                    if v.kind == ViolationKind::Insert {
                        v.kind = ViolationKind::UpdateChild;
                    }
                    v.child_row = None;
                    violations.push(v);
                }
            }
        }
        violations
    }

    /// The table's deferred foreign keys whose columns the UPDATE writes: each new value's check waits.
    fn queue_updated_references(
        &mut self,
        table: TableId,
        new_rows: &[Row],
        update: &UpdateRows,
        stmt: StmtRef,
    ) {
        let set: HashSet<&str> = update.set.iter().map(|a| a.column.value.as_str()).collect();
        let mut queued = Vec::new();
        for fk_id in self.deferred_foreign_keys(table) {
            let fk = &self.foreign_keys[fk_id];
            if fk.target_table() == Some(table)
                || !fk.columns.iter().any(|c| set.contains(c.as_str()))
            {
                continue;
            }
            for row in new_rows {
                let row = Rc::new(row.clone());
                queued.push(Self::pending_check(
                    fk_id,
                    row,
                    ViolationKind::UpdateChild,
                    stmt.location(),
                ));
            }
        }
        self.queue_checks(queued);
    }

    /// The selected rows replaced by their updated versions, logged as written by this statement.
    fn store_updated_rows(&mut self, selection: &Selection, new_rows: Vec<Row>, stmt: StmtRef) {
        let Some(entry) = self.data.tables.get_mut(&selection.table) else {
            return;
        };
        // The new versions follow the table's other rows, as in the heap.
        let mut index = 0;
        entry.rows.retain(|_| {
            index += 1;
            !selection.rows.contains(&(index - 1))
        });
        entry
            .rows
            .extend(new_rows.iter().map(|new| Rc::new(new.clone())));
        entry.index.clear();
        for row in new_rows {
            self.data.log.push(LoggedRow {
                table: selection.table,
                stmt,
                location: stmt.location(),
                row: Rc::new(row),
            });
        }
    }
}
