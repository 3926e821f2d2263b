//! Rows under PostgreSQL 18's temporal keys. A `PERIOD` foreign key's row needs parent rows with equal other
//! columns whose periods together cover its own (`child <@ range_agg(parent periods)`), not one equal row; a
//! parent row deleted or re-keyed is refused (23503) while a child row whose period overlapped it is no longer
//! covered by what remains. A `WITHOUT OVERLAPS` key refuses a row whose period overlaps another row's with
//! equal other columns (23P01): fklint then stops following the table's rows rather than guess.
//!
//! Judged only when every value involved is a literal fklint reads (see [`super::range`]); otherwise silent.

use super::range::{self, Segment};
use super::{cell, family, Cell, Row, RowViolation, ViolationKind};
use crate::catalog::{Catalog, ForeignKeyId, TableId};
use crate::events::StmtRef;
use crate::source::{Location, Span};

/// A row's temporal key: the other columns' values and the period's segments.
type PeriodKey = (Vec<Cell>, Vec<Segment>);

/// What a row holds in a temporal key's columns (the period last).
enum KeyCells {
    Known(PeriodKey),
    /// A NULL among them: MATCH SIMPLE checks nothing.
    HasNull,
    Unknown,
}

fn segments(cell: &Cell, family: char) -> Option<Vec<Segment>> {
    match cell {
        Cell::Val(v) => range::parse(v.split_once(':')?.1, family),
        _ => None,
    }
}

impl Catalog {
    /// The cells of `columns` (the last one a period) in a row of `table`.
    fn period_key(&self, table: TableId, columns: &[String], row: &Row) -> KeyCells {
        let Some((period, scalars)) = columns.split_last() else {
            return KeyCells::Unknown;
        };
        let mut cells = Vec::with_capacity(scalars.len());
        for column in scalars {
            match cell(row, column) {
                Cell::Null => return KeyCells::HasNull,
                c @ Cell::Val(_) => cells.push(c.clone()),
                Cell::Unknown | Cell::Fresh => return KeyCells::Unknown,
            }
        }
        let period_cell = cell(row, period);
        if *period_cell == Cell::Null {
            return KeyCells::HasNull;
        }
        match family(self, table, period).and_then(|f| segments(period_cell, f)) {
            Some(segments) if !segments.is_empty() => KeyCells::Known((cells, segments)),
            _ => KeyCells::Unknown,
        }
    }

    /// Whether both sides of a temporal foreign key compare in the same families, the period in a range one.
    fn period_families_match(&self, fk_id: ForeignKeyId) -> bool {
        let fk = &self.foreign_keys[fk_id];
        fk.reference().is_some_and(|r| {
            let pairs: Vec<(Option<char>, Option<char>)> = fk
                .columns
                .iter()
                .zip(&r.ref_columns)
                .map(|(a, b)| (family(self, fk.table, a), family(self, r.table, b)))
                .collect();
            pairs.iter().all(|(a, b)| a.is_some() && a == b)
                && pairs
                    .last()
                    .and_then(|(a, _)| *a)
                    .is_some_and(range::is_range_family)
        })
    }

    /// The periods of the parent rows with these other-column values, or `None` when a parent row is not known
    /// well enough to tell.
    fn parent_periods(
        &self,
        parent: TableId,
        columns: &[String],
        scalars: &[Cell],
        rows: &[&Row],
    ) -> Option<Vec<Segment>> {
        let mut found = Vec::new();
        for row in rows {
            match self.period_key(parent, columns, row) {
                KeyCells::Known((cells, segments)) if cells == scalars => found.extend(segments),
                KeyCells::Known(_) => {}
                KeyCells::HasNull | KeyCells::Unknown => return None,
            }
        }
        Some(found)
    }

    /// The violation when a written row's temporal reference is not covered by the parent rows (see
    /// [`Catalog::check_reference`]).
    pub(super) fn check_period_reference(
        &self,
        fk_id: ForeignKeyId,
        row: &Row,
        value_span: &impl Fn(&str) -> Option<Span>,
        (location, stmt): (Location, StmtRef),
    ) -> Option<RowViolation> {
        let fk = &self.foreign_keys[fk_id];
        let reference = fk.reference()?;
        let parent = reference.table;
        if !self.rows_known(parent) || !self.period_families_match(fk_id) {
            return None;
        }
        let KeyCells::Known((scalars, wanted)) = self.period_key(fk.table, &fk.columns, row) else {
            return None;
        };
        let rows: Vec<&Row> = self
            .data
            .tables
            .get(&parent)
            .map(|r| r.rows.iter().map(AsRef::as_ref).collect())
            .unwrap_or_default();
        let periods = self.parent_periods(parent, &reference.ref_columns, &scalars, &rows)?;
        if range::covered(&wanted, periods) {
            return None;
        }
        let cells = fk.columns.iter().map(|c| cell(row, c).clone()).collect();
        Some(self.row_violation(
            fk_id,
            row,
            value_span,
            (location, stmt),
            cells,
            ViolationKind::Insert,
        ))
    }

    /// For a temporal foreign key into `parent`, whose rows go from `before` to `after`: the first changed
    /// parent row (by position in `before`) that a known child row still needs, `Ok(None)` when none does, or
    /// `Err(())` when fklint cannot tell.
    pub(super) fn period_still_covered(
        &self,
        fk_id: ForeignKeyId,
        before: &[&Row],
        changed: &[usize],
        after: &[&Row],
    ) -> Result<Option<usize>, ()> {
        let fk = &self.foreign_keys[fk_id];
        let reference = fk.reference().ok_or(())?;
        let (child, parent) = (fk.table, reference.table);
        if !self.period_families_match(fk_id) {
            return Err(());
        }
        let child_rows: Vec<&Row> = self
            .data
            .tables
            .get(&child)
            .map(|r| r.rows.iter().map(AsRef::as_ref).collect())
            .unwrap_or_default();
        for &position in changed {
            let Some(old) = before.get(position) else {
                continue;
            };
            let KeyCells::Known((old_scalars, old_period)) =
                self.period_key(parent, &reference.ref_columns, old)
            else {
                return Err(());
            };
            for row in &child_rows {
                let (scalars, period) = match self.period_key(child, &fk.columns, row) {
                    KeyCells::Known(key) => key,
                    KeyCells::HasNull => continue,
                    KeyCells::Unknown => return Err(()),
                };
                if scalars != old_scalars || !range::overlap(&period, &old_period) {
                    continue;
                }
                let periods = self
                    .parent_periods(parent, &reference.ref_columns, &scalars, after)
                    .ok_or(())?;
                if !range::covered(&period, periods) {
                    return Ok(Some(position));
                }
            }
        }
        Ok(None)
    }

    /// Whether writing `new` rows into `table` (next to `others`) may break one of its `WITHOUT OVERLAPS` keys:
    /// equal other columns with overlapping periods (23P01), or values fklint cannot compare, NULLs (23502) and
    /// empty periods (23514) among them.
    pub(super) fn may_overlap(&self, table: TableId, others: &[&Row], new: &[&Row]) -> bool {
        self.tables[table]
            .live_keys()
            .filter(|k| k.without_overlaps)
            .any(|key| {
                let mut seen: Vec<PeriodKey> = Vec::new();
                for row in others.iter().chain(new) {
                    let KeyCells::Known((scalars, period)) =
                        self.period_key(table, &key.columns, row)
                    else {
                        return true;
                    };
                    if seen
                        .iter()
                        .any(|(s, p)| *s == scalars && range::overlap(p, &period))
                    {
                        return true;
                    }
                    seen.push((scalars, period));
                }
                false
            })
    }
}
