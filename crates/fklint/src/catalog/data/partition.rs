//! Rows of partitioned tables. A partition tree's rows are kept together under its root (the partitioned table
//! no other table has as parent): a foreign key to or from a partitioned table sees every row of the tree, as in
//! PostgreSQL, and a row moving between partitions stays where it is. Which partition holds a row is worked
//! out when needed, as PostgreSQL routes it: `LIST` by equal values (`NULL` included), `RANGE` by the bounds
//! (lower included, upper excluded, `MINVALUE` / `MAXVALUE`), then the `DEFAULT` partition; `HASH` by
//! PostgreSQL's own partition hash ([`partition_hash`]) for the types it is reproduced for. Expression keys,
//! other hashed types and values fklint cannot order (text, whose order is the collation's) route nowhere
//! known: the tree's rows become unknown rather than guessed.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;

use super::partition_hash::{self, HashDatum};
use super::{cell, family, normalize, Cell, Row, SharedRow, TableRows};
use crate::catalog::{Catalog, ForeignKeyId, TableId};
use crate::events::{PartitionBound, PartitionStrategy, RangeDatum, StmtRef, Value};

/// Where PostgreSQL puts a row written into a partitioned table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Route {
    /// The partition (not itself partitioned) that takes it.
    Leaf(TableId),
    /// No partition takes it: the statement is rejected (23514).
    Nowhere,
    /// fklint cannot tell.
    Unknown,
}

/// The partitions of each partitioned table, read once for a batch of rows.
pub(super) struct Partitions(HashMap<TableId, Vec<TableId>>);

impl Catalog {
    /// Whether the table is partitioned or a partition.
    pub(in crate::catalog) fn in_partition_tree(&self, table: TableId) -> bool {
        let t = &self.tables[table];
        t.partitioned || t.partition_of.is_some()
    }

    /// The table whose entry in the row state holds this table's rows: the root of its partition tree (itself
    /// outside one).
    pub(in crate::catalog) fn row_store(&self, table: TableId) -> TableId {
        let mut current = table;
        // A bounded walk: ATTACH may have made a cycle fklint did not refuse.
        for _ in 0..self.tables.len() {
            match self.tables[current].partition_of {
                Some(parent) if parent != table => current = parent,
                _ => break,
            }
        }
        current
    }

    /// The partitions of every partitioned table, as they stand now.
    pub(super) fn partitions(&self) -> Partitions {
        let mut map: HashMap<TableId, Vec<TableId>> = HashMap::new();
        for table in self.standing_tables() {
            if let Some(parent) = table.partition_of {
                map.entry(parent).or_default().push(table.id);
            }
        }
        Partitions(map)
    }

    /// The tree's tables under `table`, itself included.
    pub(super) fn partition_subtree(
        &self,
        partitions: &Partitions,
        table: TableId,
    ) -> Vec<TableId> {
        let mut out = vec![table];
        let mut next = 0;
        while next < out.len() {
            let current = out[next];
            next += 1;
            for &child in partitions.0.get(&current).map_or(&[][..], Vec::as_slice) {
                if !out.contains(&child) {
                    out.push(child);
                }
            }
        }
        out
    }

    /// Where a row written into `table` goes (a table outside a tree keeps it).
    pub(super) fn route(&self, partitions: &Partitions, table: TableId, row: &Row) -> Route {
        let mut level = table;
        for _ in 0..self.tables.len() {
            let t = &self.tables[level];
            if !t.partitioned {
                return Route::Leaf(level);
            }
            match self.route_one_level(partitions, level, row) {
                Route::Leaf(child) => level = child,
                other => return other,
            }
        }
        Route::Unknown
    }

    /// The partition of `parent` that takes the row (maybe partitioned itself).
    fn route_one_level(&self, partitions: &Partitions, parent: TableId, row: &Row) -> Route {
        let Some(key) = &self.tables[parent].partition_key else {
            return Route::Unknown;
        };
        let Some(columns) = &key.columns else {
            return Route::Unknown;
        };
        let columns: Vec<&str> = columns.iter().map(|c| c.value.as_str()).collect();
        let children = partitions.0.get(&parent).map_or(&[][..], Vec::as_slice);
        if key.strategy == PartitionStrategy::Hash {
            return self.route_by_hash(parent, &columns, children, row);
        }
        let mut default = None;
        let mut unclear = false;
        for &child in children {
            match &self.tables[child].partition_bound {
                Some(PartitionBound::Default) => default = Some(child),
                Some(bound) => match self.bound_takes(parent, &columns, bound, row) {
                    Some(true) => return Route::Leaf(child),
                    Some(false) => {}
                    None => unclear = true,
                },
                None => unclear = true,
            }
        }
        match (unclear, default) {
            (true, _) => Route::Unknown,
            (false, Some(default)) => Route::Leaf(default),
            (false, None) => Route::Nowhere,
        }
    }

    /// The hash partition of `parent` that takes the row: the one whose remainder is the row's hash modulo its
    /// modulus; none (a hash-partitioned table has no `DEFAULT` partition) is a refusal.
    fn route_by_hash(
        &self,
        parent: TableId,
        columns: &[&str],
        children: &[TableId],
        row: &Row,
    ) -> Route {
        let Some(hash) = self.partition_hash(parent, columns, row) else {
            return Route::Unknown;
        };
        let mut unclear = false;
        for &child in children {
            match &self.tables[child].partition_bound {
                Some(PartitionBound::Hash(Some(bound))) => {
                    if hash % bound.modulus == bound.remainder {
                        return Route::Leaf(child);
                    }
                }
                _ => unclear = true,
            }
        }
        if unclear {
            Route::Unknown
        } else {
            Route::Nowhere
        }
    }

    /// The row's partition hash over `parent`'s key columns; `None` when a value's hash is not reproduced.
    fn partition_hash(&self, parent: TableId, columns: &[&str], row: &Row) -> Option<u64> {
        let mut datums = Vec::with_capacity(columns.len());
        for column in columns {
            let base = self.tables[parent].column(column)?.ty.as_ref()?;
            if base.array || base.dialect != crate::dialect::Dialect::Postgres {
                return None;
            }
            datums.push(hash_datum(base.base.as_str(), cell(row, column))?);
        }
        Some(partition_hash::row_hash(&datums))
    }

    /// Whether a partition's bound takes the row; `None` when fklint cannot tell.
    fn bound_takes(
        &self,
        parent: TableId,
        columns: &[&str],
        bound: &PartitionBound,
        row: &Row,
    ) -> Option<bool> {
        match bound {
            PartitionBound::List(values) => {
                let [column] = columns else {
                    return None;
                };
                let fam = family(self, parent, column);
                let wanted = cell(row, column);
                if matches!(wanted, Cell::Unknown | Cell::Fresh) {
                    return None;
                }
                let mut unclear = false;
                for value in values {
                    let listed = normalize(value, fam);
                    if listed == Cell::Unknown {
                        unclear = true;
                    } else if listed == *wanted {
                        return Some(true);
                    }
                }
                (!unclear).then_some(false)
            }
            PartitionBound::Range { from, to } => {
                if from.len() != columns.len() || to.len() != columns.len() {
                    return None;
                }
                let mut values = Vec::with_capacity(columns.len());
                for column in columns {
                    let fam = family(self, parent, column)?;
                    if !matches!(fam, 'i' | 'n') {
                        return None;
                    }
                    match cell(row, column) {
                        // A NULL in a range key: only the DEFAULT partition takes the row.
                        Cell::Null => return Some(false),
                        Cell::Val(v) => values.push((fam, v.clone())),
                        Cell::Unknown | Cell::Fresh => return None,
                    }
                }
                let above_lower = compare_with_bound(&values, from)? != Ordering::Less;
                let below_upper = compare_with_bound(&values, to)? == Ordering::Less;
                Some(above_lower && below_upper)
            }
            PartitionBound::Default | PartitionBound::Hash(_) | PartitionBound::Unknown => None,
        }
    }

    /// Whether every row, written into `table`, lands in `table` or one of its partitions; the leaf of each
    /// (`None` when one goes nowhere or fklint cannot tell).
    pub(super) fn route_rows<'r>(
        &self,
        table: TableId,
        rows: impl Iterator<Item = &'r Row>,
    ) -> Option<Vec<TableId>> {
        let partitions = self.partitions();
        let root = self.row_store(table);
        let under = self.partition_subtree(&partitions, table);
        rows.map(|row| match self.route(&partitions, root, row) {
            Route::Leaf(leaf) if under.contains(&leaf) => Some(leaf),
            _ => None,
        })
        .collect()
    }

    /// The leaf partition an updated row lands in, and whether it moved there from another; `None` when
    /// fklint cannot tell where it lands.
    pub(super) fn update_leaves(
        &self,
        table: TableId,
        old: &Row,
        new: &Row,
    ) -> Option<(TableId, bool)> {
        let partitions = self.partitions();
        let root = self.row_store(table);
        let Route::Leaf(leaf) = self.route(&partitions, root, new) else {
            return None;
        };
        // A row whose old partition is not known is taken to stay: only its written columns are checked.
        let moved =
            matches!(self.route(&partitions, root, old), Route::Leaf(before) if before != leaf);
        Some((leaf, moved))
    }

    /// An UPDATE of `table` (a tree's root) that moves a row out of a partition below a partitioned table other
    /// than `table` that a foreign key references directly: PostgreSQL refuses it (0A000, "cannot move tuple
    /// across partitions when a non-root ancestor of the source partition is directly referenced in a foreign
    /// key"); the refusal is recorded. Rows whose partitions fklint cannot tell are not judged.
    pub(super) fn refuses_cross_partition_move(
        &mut self,
        table: TableId,
        (old_rows, new_rows): (&[SharedRow], &[Row]),
        stmt: StmtRef,
    ) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres || !self.tables[table].partitioned {
            return false;
        }
        let partitions = self.partitions();
        let referenced = old_rows.iter().zip(new_rows).find_map(|(old, new)| {
            let (Route::Leaf(from), Route::Leaf(to)) = (
                self.route(&partitions, table, old),
                self.route(&partitions, table, new),
            ) else {
                return None;
            };
            if from == to {
                return None;
            }
            self.partition_ancestors_of(from)
                .into_iter()
                .take_while(|&ancestor| ancestor != table)
                .find(|&ancestor| {
                    self.live_foreign_keys()
                        .any(|fk| fk.target_table() == Some(ancestor))
                })
        });
        let Some(referenced) = referenced else {
            return false;
        };
        self.refusals.push(crate::catalog::Refusal {
            stmt,
            location: stmt.location(),
            reason: crate::catalog::RefusalReason::CrossPartitionMove {
                table: self.tables[table].name.name.clone(),
                referenced: self.tables[referenced].name.name.clone(),
            },
            tables: vec![table, referenced],
            columns: Vec::new(),
        });
        true
    }

    /// For a partition, whether one of its tree's rows is stored in it (or its partitions); `None` from the
    /// test when fklint cannot tell. No test for a table outside a tree or a tree's root: all rows are its.
    pub(super) fn partition_holds(
        &self,
        table: TableId,
    ) -> Option<impl Fn(&Row) -> Option<bool> + '_> {
        let root = self.row_store(table);
        if root == table {
            return None;
        }
        let partitions = self.partitions();
        let under = self.partition_subtree(&partitions, table);
        Some(move |row: &Row| match self.route(&partitions, root, row) {
            Route::Leaf(leaf) => Some(under.contains(&leaf)),
            Route::Nowhere | Route::Unknown => None,
        })
    }

    /// Whether a row with these values (the other columns left out), written into `table`, surely lands in a
    /// partition: always outside a partition tree.
    pub fn takes_row(&self, table: TableId, columns: &[String], cells: &[Cell]) -> bool {
        if !self.in_partition_tree(table) {
            return true;
        }
        let row: Row = columns
            .iter()
            .zip(cells)
            .map(|(column, value)| (Rc::from(column.as_str()), value.clone()))
            .collect();
        self.route_rows(table, std::iter::once(&row)).is_some()
    }

    /// The foreign keys PostgreSQL checks on a row stored in `leaf`: the leaf's own and those of the tables it
    /// is a partition of (a merged copy is its parent's key, checked once).
    pub(super) fn enforced_on_partition(&self, leaf: TableId) -> Vec<ForeignKeyId> {
        let mut out = Vec::new();
        let mut current = Some(leaf);
        let mut seen = Vec::new();
        while let Some(table) = current.filter(|t| !seen.contains(t)) {
            seen.push(table);
            out.extend(
                self.enforced_foreign_keys(table)
                    .into_iter()
                    .filter(|&fk| self.foreign_keys[fk].clone_of.is_none()),
            );
            current = self.tables[table].partition_of;
        }
        out
    }

    /// Whether a partition of the tree has a unique key its root lacks (such a key only judges the rows of
    /// its partition, which the tree's rows, kept together, cannot tell).
    pub(super) fn partition_has_own_key(&self, leaves: &[TableId], root: TableId) -> bool {
        let root_keys: Vec<&Vec<String>> =
            self.tables[root].live_keys().map(|k| &k.columns).collect();
        leaves.iter().any(|&leaf| {
            self.tables[leaf].live_keys().any(|k| {
                !root_keys
                    .iter()
                    .any(|r| super::super::alter::same_set(r, &k.columns))
            })
        })
    }

    /// `DROP TABLE` of a partition whose tree stays: its rows leave the tree's rows.
    pub(in crate::catalog) fn drop_partition_rows(&mut self, dropped: &[TableId]) {
        for &table in dropped {
            let root = self.row_store(table);
            if root != table && !dropped.contains(&root) {
                self.take_partition_rows(table);
            }
        }
    }

    /// Takes the rows of a partition (and its partitions) out of its tree's rows; `None` (and the tree's rows
    /// unknown) when fklint cannot tell which rows those are.
    fn take_partition_rows(&mut self, table: TableId) -> Option<Vec<SharedRow>> {
        let root = self.row_store(table);
        let partitions = self.partitions();
        let under = self.partition_subtree(&partitions, table);
        let entry = self.data.tables.get(&root)?;
        if entry.unknown {
            return None;
        }
        let mut leaving = Vec::new();
        let mut staying = Vec::new();
        for row in &entry.rows {
            match self.route(&partitions, root, row) {
                Route::Leaf(leaf) if under.contains(&leaf) => leaving.push(Rc::clone(row)),
                Route::Leaf(_) => staying.push(Rc::clone(row)),
                Route::Nowhere | Route::Unknown => {
                    self.forget_rows(root);
                    return None;
                }
            }
        }
        let entry = self.data.tables.entry(root).or_default();
        entry.rows = staying;
        entry.index.clear();
        Some(leaving)
    }

    /// `ATTACH PARTITION` (before the table is linked): PostgreSQL checks the table's rows against the foreign
    /// keys of the partitioned tables it joins (a valid key of its own that merges into one of theirs was
    /// checked already) and refuses the statement (23503) for a row without its parent. Returns whether a known row
    /// does that (the violations are recorded).
    pub(in crate::catalog) fn attach_refused(
        &mut self,
        parent: TableId,
        child: TableId,
        stmt: StmtRef,
    ) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres || !self.rows_known(child) {
            return false;
        }
        let rows: Vec<SharedRow> = self
            .data
            .tables
            .get(&child)
            .map(|r| r.rows.clone())
            .unwrap_or_default();
        if rows.is_empty() {
            return false;
        }
        // A NOT VALID key of the tree (PostgreSQL 18 allows them on partitioned tables) is not judged here:
        // whether ATTACH validates its clone is not something fklint has checked on a server, so it stays silent.
        let checked: Vec<ForeignKeyId> = self
            .enforced_on_partition(parent)
            .into_iter()
            .filter(|&fk| !self.foreign_keys[fk].def.not_valid)
            .filter(|&fk| {
                // A NOT VALID key of the table's own merges too, but its rows were never checked: ATTACH
                // checks them now.
                !self.foreign_keys.iter().any(|own| {
                    own.table == child
                        && own.is_live()
                        && !own.def.not_valid
                        && crate::catalog::alter::same_key(own, &self.foreign_keys[fk])
                })
            })
            .collect();
        self.index_parent_keys(&checked);
        let mut violations = Vec::new();
        for row in &rows {
            for &fk in &checked {
                if let Some(mut v) = self.check_reference(fk, row, |_| None, stmt.location(), stmt)
                {
                    v.location = stmt.location();
                    if v.kind == super::ViolationKind::Insert {
                        v.kind = super::ViolationKind::Validate;
                    }
                    violations.push(v);
                }
            }
        }
        let refused = !violations.is_empty();
        self.data.violations.extend(violations);
        refused
    }

    /// `ATTACH PARTITION` (the table is linked already): its rows join the tree's. PostgreSQL checks them
    /// against the bound and the tree's foreign keys, and refuses the statement for one that fails: fklint
    /// follows only rows that plainly pass, and otherwise no longer knows the tree's rows.
    pub(in crate::catalog) fn attach_rows(&mut self, child: TableId) {
        let root = self.row_store(child);
        let own = self.data.tables.remove(&child).unwrap_or_default();
        if root == child || (own.rows.is_empty() && !own.unknown) {
            return;
        }
        let routed = self.route_rows(child, own.rows.iter().map(AsRef::as_ref));
        if own.unknown || routed.is_none() {
            self.forget_rows_with_dependents(root);
            return;
        }
        let entry = self.data.tables.entry(root).or_default();
        for row in own.rows {
            entry.push(row);
        }
    }

    /// `DETACH PARTITION`: the partition's rows leave the tree and become its own. PostgreSQL refuses it (23503)
    /// while a row of a table whose foreign key references the tree (the partition's parents) references one
    /// of them. Returns whether the statement goes ahead (a refusal is recorded).
    pub(in crate::catalog) fn detach_rows(&mut self, child: TableId, stmt: StmtRef) -> bool {
        let root = self.row_store(child);
        if root == child {
            return true;
        }
        let parents = self.partition_ancestors_of(child);
        let Some(leaving) = self.take_partition_rows(child) else {
            self.forget_rows_with_dependents(root);
            self.forget_rows(child);
            return true;
        };
        let violations = self.removed_rows_still_referenced(&parents, &leaving, stmt);
        match violations {
            Some(violations) if !violations.is_empty() => {
                // Refused: the rows stay in the tree.
                let entry = self.data.tables.entry(root).or_default();
                for row in leaving {
                    entry.push(row);
                }
                self.data.violations.extend(violations);
                false
            }
            Some(_) => {
                let own = TableRows {
                    rows: leaving,
                    ..TableRows::default()
                };
                self.data.tables.insert(child, own);
                true
            }
            None => {
                // Maybe refused: nothing about these rows is known any more.
                self.forget_rows_with_dependents(root);
                self.forget_rows(child);
                true
            }
        }
    }

    /// The partitioned tables a partition belongs to, nearest first.
    fn partition_ancestors_of(&self, table: TableId) -> Vec<TableId> {
        let mut out = Vec::new();
        let mut current = self.tables[table].partition_of;
        while let Some(parent) = current.filter(|p| !out.contains(p)) {
            out.push(parent);
            current = self.tables[parent].partition_of;
        }
        out
    }

    /// The violations of rows removed from `parents` that known rows of referencing tables still reference
    /// (whatever the foreign key's action: `RI_PartitionRemove_Check`); `None` when that is not known.
    fn removed_rows_still_referenced(
        &self,
        parents: &[TableId],
        removed: &[SharedRow],
        stmt: StmtRef,
    ) -> Option<Vec<super::RowViolation>> {
        let mut violations = Vec::new();
        if removed.is_empty() {
            return Some(violations);
        }
        let referencing: Vec<ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| {
                fk.is_live()
                    && fk.clone_of.is_none()
                    && fk.target_table().is_some_and(|t| parents.contains(&t))
            })
            .map(|fk| fk.id)
            .collect();
        for fk_id in referencing {
            let fk = &self.foreign_keys[fk_id];
            let reference = fk.reference()?;
            if fk.uncertain
                || fk.def.period
                || !self.rows_known(fk.table)
                || !super::family_match(self, fk_id)
            {
                return None;
            }
            for old in removed {
                let key: Vec<Cell> = reference
                    .ref_columns
                    .iter()
                    .map(|c| cell(old, c).clone())
                    .collect();
                if !key.iter().all(|c| matches!(c, Cell::Val(_))) {
                    continue;
                }
                let (referenced, unclear) = self.child_row_references(fk_id, &key);
                if unclear {
                    return None;
                }
                if referenced {
                    violations.push(self.detach_violation(fk_id, old, key, stmt));
                    break;
                }
            }
        }
        Some(violations)
    }

    fn detach_violation(
        &self,
        fk_id: ForeignKeyId,
        old: &Row,
        key: Vec<Cell>,
        stmt: StmtRef,
    ) -> super::RowViolation {
        let at = (stmt, stmt.location());
        self.parent_row_violation(fk_id, old, key, at, super::ViolationKind::Detach)
    }
}

/// A key value as the hash of its column's type reads it; `None` for a type whose hash fklint does not
/// reproduce, an unknown value, or one the type cannot hold (the write fails anyway).
fn hash_datum<'r>(base: &str, value: &'r Cell) -> Option<HashDatum<'r>> {
    let text = match value {
        Cell::Null => return Some(HashDatum::Null),
        Cell::Val(text) => text,
        Cell::Unknown | Cell::Fresh => return None,
    };
    let (family, value) = text.split_once(':')?;
    match (base, family) {
        ("int2" | "int4" | "int8", "i") => {
            let value: i64 = value.parse().ok()?;
            let fits = match base {
                "int2" => i16::try_from(value).is_ok(),
                "int4" => i32::try_from(value).is_ok(),
                _ => true,
            };
            fits.then_some(HashDatum::Int(value))
        }
        ("text" | "varchar", "t") => Some(HashDatum::Text(value)),
        _ => None,
    }
}

/// A row's range-key values against a bound (`MINVALUE` / `MAXVALUE` end the comparison), as PostgreSQL's
/// `partition_rbound_datum_cmp`; `None` when a value cannot be compared.
fn compare_with_bound(values: &[(char, Box<str>)], bound: &[RangeDatum]) -> Option<Ordering> {
    for ((fam, value), datum) in values.iter().zip(bound) {
        let datum = match datum {
            RangeDatum::MinValue => return Some(Ordering::Greater),
            RangeDatum::MaxValue => return Some(Ordering::Less),
            RangeDatum::Value(Value::Null) => return None,
            RangeDatum::Value(v) => v,
        };
        let Cell::Val(datum) = normalize(datum, Some(*fam)) else {
            return None;
        };
        let order = compare_numbers(value.split_once(':')?.1, datum.split_once(':')?.1)?;
        if order != Ordering::Equal {
            return Some(order);
        }
    }
    Some(Ordering::Equal)
}

/// Two numbers in the canonical form of [`super::canonical_decimal`] (or integers), compared by value.
fn compare_numbers(a: &str, b: &str) -> Option<Ordering> {
    let (a_negative, a) = a.strip_prefix('-').map_or((false, a), |rest| (true, rest));
    let (b_negative, b) = b.strip_prefix('-').map_or((false, b), |rest| (true, rest));
    let magnitude = |text: &str| -> Option<(String, String)> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        (digits(int) && digits(frac)).then(|| (int.to_string(), frac.to_string()))
    };
    let (a_int, a_frac) = magnitude(a)?;
    let (b_int, b_frac) = magnitude(b)?;
    let zero = |int: &str, frac: &str| int.is_empty() && frac.is_empty();
    let a_sign = if zero(&a_int, &a_frac) {
        0
    } else if a_negative {
        -1
    } else {
        1
    };
    let b_sign = if zero(&b_int, &b_frac) {
        0
    } else if b_negative {
        -1
    } else {
        1
    };
    if a_sign != b_sign {
        return Some(a_sign.cmp(&b_sign));
    }
    let by_magnitude = a_int
        .len()
        .cmp(&b_int.len())
        .then_with(|| a_int.cmp(&b_int))
        .then_with(|| a_frac.cmp(&b_frac));
    Some(if a_sign < 0 {
        by_magnitude.reverse()
    } else {
        by_magnitude
    })
}

#[cfg(test)]
mod tests {
    use super::compare_numbers;
    use std::cmp::Ordering::*;

    /// The lines (from 1) of the errors on a PostgreSQL script, one statement a line.
    fn error_lines(sql: &str) -> Vec<usize> {
        crate::postgres_errors(sql)
            .iter()
            .map(|f| sql[..f.position.start].matches('\n').count() + 1)
            .collect()
    }

    /// `events` by HASH (id) into remainders 0 and 1 of modulus 2; 1 hashes to remainder 0 and 3 to
    /// remainder 1 (PostgreSQL 15.18), where `events_odd`'s own key wants the id registered.
    const HASHED: &str = "CREATE TABLE registered (id int PRIMARY KEY);\n\
        CREATE TABLE events (id int, note text) PARTITION BY HASH (id);\n\
        CREATE TABLE events_even PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n\
        CREATE TABLE events_odd PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 1);\n\
        ALTER TABLE events_odd ADD FOREIGN KEY (id) REFERENCES registered;\n";

    #[test]
    fn a_row_written_through_the_root_meets_the_keys_of_the_partition_its_hash_picks() {
        let sql = format!("{HASHED}INSERT INTO events VALUES (1, 'even');\nINSERT INTO events VALUES (3, 'odd');\n");
        assert_eq!(error_lines(&sql), [7]);
    }

    #[test]
    fn a_partitions_own_key_keeps_the_parent_rows_its_rows_reference() {
        let sql = format!(
            "{HASHED}INSERT INTO registered VALUES (1), (3);\nINSERT INTO events VALUES (1, 'even'), (3, 'odd');\n\
             DELETE FROM registered WHERE id = 1;\nDELETE FROM registered WHERE id = 3;\n"
        );
        assert_eq!(error_lines(&sql), [9]);
    }

    #[test]
    fn a_row_an_update_moves_to_another_partition_meets_that_partitions_keys() {
        // 12 hashes to remainder 0 too, 11 to remainder 1: the note is not a key column, yet the moved row
        // is inserted into events_odd and checked there.
        let sql = format!(
            "{HASHED}INSERT INTO events VALUES (1, 'even');\nUPDATE events SET id = 12 WHERE id = 1;\n\
             UPDATE events SET id = 11 WHERE id = 12;\n"
        );
        assert_eq!(error_lines(&sql), [8]);
    }

    #[test]
    fn a_delete_from_a_self_referencing_tree_is_judged_on_the_rows_it_leaves() {
        let sql = "CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes) PARTITION BY RANGE (id);\n\
                   CREATE TABLE nodes_low PARTITION OF nodes FOR VALUES FROM (0) TO (10);\n\
                   CREATE TABLE nodes_mid PARTITION OF nodes FOR VALUES FROM (10) TO (20);\n\
                   INSERT INTO nodes VALUES (1, NULL), (10, 1), (11, 1);\n\
                   DELETE FROM nodes WHERE id IN (1, 10) RETURNING *;\n\
                   DELETE FROM nodes WHERE id IN (1, 10, 11) RETURNING *;\n";
        assert_eq!(error_lines(sql), [5]);
    }

    #[test]
    fn attach_checks_the_rows_a_not_valid_key_of_the_tables_own_never_checked() {
        let setup = "CREATE TABLE accounts (id int PRIMARY KEY);\n\
                     CREATE TABLE entries (account_id int, day int) PARTITION BY RANGE (day);\n\
                     ALTER TABLE entries ADD FOREIGN KEY (account_id) REFERENCES accounts;\n\
                     CREATE TABLE entries_1 (account_id int, day int);\n\
                     INSERT INTO entries_1 VALUES (7, 1);\n";
        let attach =
            "ALTER TABLE entries ATTACH PARTITION entries_1 FOR VALUES FROM (0) TO (10);\n";
        let not_valid =
            "ALTER TABLE entries_1 ADD FOREIGN KEY (account_id) REFERENCES accounts NOT VALID;\n";
        assert_eq!(error_lines(&format!("{setup}{not_valid}{attach}")), [7]);
    }

    #[test]
    fn a_cascade_into_a_tree_keeps_its_rows_known() {
        let sql = "CREATE TABLE customers (id int PRIMARY KEY);\n\
                   CREATE TABLE regions (id int PRIMARY KEY);\n\
                   CREATE TABLE orders (customer_id int REFERENCES customers ON DELETE CASCADE, region int REFERENCES regions) PARTITION BY LIST (region);\n\
                   CREATE TABLE orders_1 PARTITION OF orders FOR VALUES IN (1);\n\
                   CREATE TABLE orders_2 PARTITION OF orders FOR VALUES IN (2);\n\
                   INSERT INTO customers VALUES (1), (2);\nINSERT INTO regions VALUES (1), (2);\n\
                   INSERT INTO orders VALUES (1, 1), (2, 2);\nDELETE FROM customers WHERE id = 1;\n\
                   DELETE FROM regions WHERE id = 1;\nDELETE FROM regions WHERE id = 2;\n";
        assert_eq!(error_lines(sql), [11]);
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(compare_numbers("10", "9"), Some(Greater));
        assert_eq!(compare_numbers("-10", "-9"), Some(Less));
        assert_eq!(compare_numbers("0.5", "0.25"), Some(Greater));
        assert_eq!(compare_numbers("-0.5", "0"), Some(Less));
        assert_eq!(compare_numbers("100", "100"), Some(Equal));
        assert_eq!(compare_numbers("1.5", "1.50"), Some(Equal));
        assert_eq!(compare_numbers("x", "1"), None);
    }
}
