//! Replaying CREATE TABLE and every ALTER / DROP that changes tables, columns, keys and indexes.

use std::collections::HashMap;

use super::{
    Catalog, Column, DropConflict, ForeignKeyId, Index, Key, KeyRef, Refusal, RefusalReason, Table,
    TableId, TypeConflict,
};
use crate::events::{
    ColumnDef, ConstraintDef, ConstraintKind, CreateTable, EventKind, IndexDef, StmtRef, TypeRef,
};
use crate::ident::{choose_constraint_name, column_name_addition, Ident, ObjName, QualName};
use crate::source::Location;
use crate::types::{self, SqlType, TypeRelation};

impl Catalog {
    pub(super) fn create_table(&mut self, create: &CreateTable, stmt: StmtRef) {
        let (name, persistence) = self.table_creation_name(create);
        if self.live.contains_key(&name) {
            // IF NOT EXISTS skips the whole statement; without it PostgreSQL rejects it (not an FK problem).
            return;
        }
        let id = self.tables.len();
        let mut table = Table {
            id,
            name: name.clone(),
            // Sized once: a table lives as long as the catalog, so a doubled buffer would stay half empty.
            columns: Vec::with_capacity(create.columns.len()),
            keys: Vec::new(),
            created: stmt,
            location: stmt.at(create.name.span),
            dropped: None,
            former_names: Vec::new(),
            partition_of: None,
            inherits: Vec::new(),
            may_inherit: Vec::new(),
            columns_incomplete: create.columns_incomplete,
            partitioned: create.partitioned,
            partition_key: create.partition_key.clone(),
            partition_bound: create.partition_bound.clone(),
            persistence,
            foreign: create.foreign,
            on_commit: create.on_commit,
            uncertain: false,
            default_charset: create.default_charset.clone(),
            engine: create.engine.clone(),
            columns_ignore_case: self.dialect == crate::dialect::Dialect::MySql,
            elements_end: create.elements_end,
        };
        if let Some(newer) = create.needs_postgres {
            if self.dialect == crate::dialect::Dialect::Postgres
                && self.postgres_major() < newer.since
            {
                self.refusals.push(Refusal {
                    stmt,
                    location: stmt.at(newer.span),
                    reason: RefusalReason::NewerSyntax {
                        what: newer.what,
                        since: newer.since,
                    },
                    tables: vec![id],
                    columns: Vec::new(),
                });
            }
        }
        self.inherit_columns(&mut table, create, stmt);
        for column in &create.columns {
            self.add_column_to(&mut table, column, stmt);
        }
        self.has_temp_tables |= name.schema == "pg_temp";
        if create.on_commit != crate::events::OnCommit::PreserveRows {
            self.on_commit_tables.push(id);
        }
        self.tables.push(table.into());
        self.standing.insert(id);
        self.live.insert(name, id);
        self.note_table_owner(id);
        if let (Some(parent), Some(written)) = (self.tables[id].partition_of, &create.partition_of)
        {
            if self.refuses_foreign_partition(id, parent, stmt.at(written.span), stmt) {
                return;
            }
        }
        self.add_constraints(id, &create.constraints, stmt, false);
    }

    /// Columns (and, for partitions, keys) that come from `PARTITION OF` or `INHERITS` parents.
    fn inherit_columns(&mut self, table: &mut Table, create: &CreateTable, stmt: StmtRef) {
        let parents: Vec<&ObjName> = create
            .partition_of
            .iter()
            .chain(create.inherits.iter())
            .collect();
        // Columns of the same name from several parents, or also written here, are merged, which the server
        // refuses when their types, defaults or generation differ: unless they are plainly the same, such a
        // table only may inherit (and so does one with a parent that is missing).
        let merges = self.uncertain_merge(create);
        for parent in parents {
            let Some(parent_id) = self.find_table(parent) else {
                table.columns_incomplete = true;
                continue;
            };
            let parent_table = &self.tables[parent_id];
            table.columns_incomplete |= parent_table.columns_incomplete;
            for column in &parent_table.columns {
                if table.column(&column.name).is_none() {
                    table.columns.push(Column {
                        created: stmt,
                        ..column.clone()
                    });
                }
            }
            if create.inherits.contains(parent) {
                // PostgreSQL refuses to inherit from a partitioned table (42809); whether an attached table is a
                // partition is not sure (ATTACH may have been refused).
                if parent_table.partitioned {
                    self.refusals.push(Refusal {
                        stmt,
                        location: stmt.at(parent.span),
                        reason: RefusalReason::InheritsPartitioned {
                            table: create.name.name.value.clone(),
                            parent: parent_table.name.to_string(),
                        },
                        tables: vec![table.id, parent_id],
                        columns: Vec::new(),
                    });
                } else if merges
                    || parent_table.partition_of.is_some()
                    || parent_table.columns_incomplete
                    || parent_table.persistence != table.persistence
                {
                    table.may_inherit.push(parent_id);
                } else {
                    table.inherits.push(parent_id);
                }
                self.inheritance_seen = true;
            }
            if create.partition_of.as_ref() == Some(parent) {
                table.partition_of = Some(parent_id);
                let keys: Vec<Key> = parent_table.live_keys().cloned().collect();
                table
                    .keys
                    .extend(keys.into_iter().map(|k| Key { created: stmt, ..k }));
            }
        }
    }

    /// Adds a column definition, or for a partition's `col WITH OPTIONS` only its options.
    fn add_column_to(&self, table: &mut Table, column: &ColumnDef, stmt: StmtRef) {
        let resolved = column
            .ty
            .as_ref()
            .and_then(|ty| self.resolve_column_type(&ty.text, &table.default_charset));
        merge_column(table, column, resolved, stmt);
    }

    /// Keys first (a self-reference in the same CREATE TABLE needs the primary key), then foreign keys, in
    /// written order, which is also the order PostgreSQL names them in.
    pub(super) fn add_constraints(
        &mut self,
        table: TableId,
        constraints: &[ConstraintDef],
        stmt: StmtRef,
        standalone: bool,
    ) {
        if self.refuses_foreign_table_key(table, constraints, stmt) {
            return;
        }
        for constraint in constraints
            .iter()
            .filter(|c| !matches!(c.kind, ConstraintKind::ForeignKey(_)))
        {
            self.add_key_constraint(table, constraint, stmt);
        }
        for constraint in constraints {
            if let ConstraintKind::ForeignKey(fk) = &constraint.kind {
                self.add_foreign_key(table, fk, constraint, stmt, standalone);
                // Added to an existing table, a valid foreign key checks the rows already there.
                if standalone && !fk.not_valid {
                    self.validate_rows(self.foreign_keys.len() - 1, stmt);
                }
            }
        }
    }

    /// `ATTACH PARTITION` of a table that a foreign key of the partitioned table references (its own, or one
    /// it holds as a partition of another): the key's clone on the new partition would reference the partition
    /// itself, which PostgreSQL refuses (0A000, "cannot attach table ... because it is referenced by foreign
    /// key"). A table only a partition of it references is not this case.
    fn refuses_referenced_partition(
        &mut self,
        parent: TableId,
        child: TableId,
        stmt: StmtRef,
    ) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return false;
        }
        let mut owners = vec![parent];
        while let Some(next) = owners
            .last()
            .and_then(|&t| self.tables[t].partition_of)
            .filter(|t| !owners.contains(t))
        {
            owners.push(next);
        }
        let Some(fk) = self.foreign_keys.iter().find(|fk| {
            fk.is_live() && owners.contains(&fk.table) && fk.target_table() == Some(child)
        }) else {
            return false;
        };
        self.refusals.push(Refusal {
            stmt,
            location: stmt.location(),
            reason: RefusalReason::AttachReferenced {
                table: self.tables[child].name.name.clone(),
                parent: self.tables[parent].name.name.clone(),
                constraint: fk.name.clone(),
            },
            tables: vec![child, parent],
            columns: fk.columns.clone(),
        });
        true
    }

    /// `ALTER TABLE ONLY t ADD FOREIGN KEY` of a partitioned table: PostgreSQL refuses it (42809, "cannot use
    /// ONLY for foreign key on partitioned table"), since every partition must hold the key.
    fn refuses_only_foreign_key(
        &mut self,
        table: TableId,
        constraint: &ConstraintDef,
        stmt: StmtRef,
    ) -> bool {
        let ConstraintKind::ForeignKey(fk) = &constraint.kind else {
            return false;
        };
        if self.dialect != crate::dialect::Dialect::Postgres || !self.tables[table].partitioned {
            return false;
        }
        self.refusals.push(Refusal {
            stmt,
            location: stmt.at(constraint.span),
            reason: RefusalReason::OnlyForeignKeyOnPartitioned {
                table: self.tables[table].name.name.clone(),
                referenced: fk.ref_table.name.value.clone(),
            },
            tables: vec![table],
            columns: fk.columns.iter().map(|c| c.value.clone()).collect(),
        });
        true
    }

    fn add_key_constraint(&mut self, table_id: TableId, constraint: &ConstraintDef, stmt: StmtRef) {
        let names = |columns: &[crate::ident::Ident]| -> Vec<String> {
            columns.iter().map(|c| c.value.clone()).collect()
        };
        if let Some(syntax) = self.key_newer_than_target(&constraint.kind) {
            let columns = match &constraint.kind {
                ConstraintKind::WithoutOverlaps { columns, .. } => names(columns),
                _ => Vec::new(),
            };
            self.newer_keys.push(super::NewerKey {
                stmt,
                table: Some(table_id),
                columns,
                location: stmt.at(constraint.span),
                syntax,
            });
            return;
        }
        let (primary, columns, without_overlaps) = match &constraint.kind {
            ConstraintKind::PrimaryKey(columns) => (true, names(columns), false),
            ConstraintKind::Unique(columns) => (false, names(columns), false),
            ConstraintKind::WithoutOverlaps { primary, columns } => {
                (*primary, names(columns), true)
            }
            ConstraintKind::KeyUsingIndex { primary, index } => {
                let schema = self.tables[table_id].name.schema.clone();
                let columns = self.index_columns(&schema, &index.value);
                (*primary, columns.unwrap_or_default(), false)
            }
            ConstraintKind::Other | ConstraintKind::ForeignKey(_) => {
                if let Some(name) = &constraint.name {
                    let schema = self.tables[table_id].name.schema.clone();
                    self.take_constraint_name(&schema, &name.value);
                }
                return;
            }
        };
        let table = &self.tables[table_id];
        let schema = table.name.schema.clone();
        let name = match &constraint.name {
            Some(name) => name.value.clone(),
            None if primary => choose_constraint_name(&table.name.name, None, "pkey", |n| {
                self.constraint_name_taken(&schema, n)
            }),
            None => {
                let addition = column_name_addition(&columns);
                choose_constraint_name(&table.name.name, Some(&addition), "key", |n| {
                    self.constraint_name_taken(&schema, n)
                })
            }
        };
        self.take_constraint_name(&schema, &name);
        let table = &mut self.tables[table_id];
        if primary {
            for column in &columns {
                if let Some(column) = table.column_mut(column) {
                    column.not_null = true;
                }
            }
        }
        table.add_key(Key {
            name,
            columns,
            primary,
            from_index: false,
            deferrable: constraint.deferrable,
            without_overlaps,
            created: stmt,
            dropped: None,
        });
    }

    /// `ALTER CONSTRAINT`: a foreign key's deferrability and enforcement change as written. Enforcing a NOT
    /// ENFORCED key checks the rows already there (a violation refuses the statement, and nothing changes).
    /// `[NOT] ENFORCED` is PostgreSQL 18 syntax; a primary key or unique constraint cannot be altered (42809).
    fn alter_constraint(
        &mut self,
        table: &crate::ident::ObjName,
        name: &str,
        (deferrable, initially_deferred, enforced): (Option<bool>, Option<bool>, Option<bool>),
        stmt: StmtRef,
    ) {
        if enforced.is_some() {
            if let Some(syntax) = self.enforced_newer_than_target() {
                self.newer_keys.push(super::NewerKey {
                    stmt,
                    table: self.find_table(table),
                    columns: Vec::new(),
                    location: stmt.location(),
                    syntax,
                });
                return;
            }
        }
        let Some(id) = self.find_table(table) else {
            return;
        };
        let Some(fk) = self
            .foreign_keys
            .iter()
            .position(|fk| fk.table == id && fk.is_live() && fk.name == name)
        else {
            let key = self.tables[id]
                .live_keys()
                .find(|k| !k.from_index && k.name == name);
            if let Some(key) = key {
                self.alter_constraint_conflicts
                    .push(AlterConstraintConflict {
                        stmt,
                        location: stmt.location(),
                        table: id,
                        constraint: key.name.clone(),
                        columns: key.columns.clone(),
                        primary: key.primary,
                    });
            }
            return;
        };
        if enforced == Some(true) && self.foreign_keys[fk].def.not_enforced {
            self.foreign_keys[fk].def.not_enforced = false;
            if !self.validate_rows(fk, stmt) {
                self.foreign_keys[fk].def.not_enforced = true;
                return;
            }
        }
        let def = &mut self.foreign_keys[fk].def;
        if enforced == Some(false) {
            def.not_enforced = true;
        }
        if let Some(deferrable) = deferrable {
            def.deferrable = deferrable;
            if !deferrable {
                def.initially_deferred = false;
            }
        }
        if let Some(initially_deferred) = initially_deferred {
            def.initially_deferred = initially_deferred;
        }
    }

    fn index_columns(&self, schema: &str, index: &str) -> Option<Vec<String>> {
        self.live_indexes_named(index)
            .filter(|i| self.tables[i.table].name.schema == schema)
            .last()
            .and_then(|i| i.columns.iter().cloned().collect())
    }

    pub(super) fn apply_alteration(&mut self, kind: &EventKind, stmt: StmtRef) {
        match kind {
            EventKind::AddColumn {
                table,
                column,
                constraints,
                if_not_exists,
            } => {
                let Some(id) = self.find_table(table) else {
                    return;
                };
                if *if_not_exists && self.tables[id].column(&column.name.value).is_some() {
                    return;
                }
                let resolved = column.ty.as_ref().and_then(|ty| {
                    self.resolve_column_type(&ty.text, &self.tables[id].default_charset)
                });
                merge_column(&mut self.tables[id], column, resolved, stmt);
                self.add_constraints(id, constraints, stmt, true);
            }
            EventKind::DropColumn {
                table,
                column,
                cascade,
                ..
            } => self.drop_column(table, column, *cascade, stmt),
            EventKind::RenameColumn {
                table,
                from,
                to,
                only,
            } => {
                let change = ColumnChange {
                    only: *only,
                    ..ColumnChange::RENAME
                };
                if !self.refuses_inherited_column_change(table, from, change, stmt) {
                    self.rename_column_with_inheritors(table, &from.value, &to.value);
                }
            }
            EventKind::AlterColumnType {
                table,
                column,
                ty,
                collate,
            } => self.alter_column_type(table, column, ty, *collate, stmt),
            EventKind::SetNotNull {
                table,
                column,
                not_null,
            } => {
                if let Some(column) = self
                    .find_table(table)
                    .and_then(|id| self.tables[id].column_mut(&column.value))
                {
                    column.not_null = *not_null;
                    column.not_null_location = None;
                }
            }
            EventKind::SetDefault {
                table,
                column,
                default,
            } => {
                if let Some(column) = self
                    .find_table(table)
                    .and_then(|id| self.tables[id].column_mut(&column.value))
                {
                    column.default.clone_from(default);
                }
            }
            EventKind::AddConstraint {
                table,
                constraint,
                only,
            } => {
                let Some(id) = self.find_table(table) else {
                    return;
                };
                if *only && self.refuses_only_foreign_key(id, constraint, stmt) {
                    return;
                }
                self.add_constraints(id, std::slice::from_ref(constraint), stmt, true);
            }
            EventKind::DropConstraint {
                table,
                name,
                cascade,
                ..
            } => self.drop_constraint(table, name, *cascade, stmt),
            EventKind::ValidateConstraint { table, name } => {
                let fk = self.find_table(table).and_then(|id| {
                    self.foreign_keys.iter().position(|fk| {
                        fk.table == id && fk.is_live() && fk.name == name.value && fk.def.not_valid
                    })
                });
                if let Some(fk) = fk {
                    if self.validate_rows(fk, stmt) {
                        self.foreign_keys[fk].def.not_valid = false;
                    }
                }
            }
            EventKind::AlterConstraint {
                table,
                name,
                deferrable,
                initially_deferred,
                enforced,
            } => {
                let characteristics = (*deferrable, *initially_deferred, *enforced);
                self.alter_constraint(table, &name.value, characteristics, stmt);
            }
            EventKind::RenameConstraint { table, from, to } => {
                self.rename_constraint(table, &from.value, &to.value)
            }
            EventKind::RenameTable { table, to } => {
                if let Some(id) = self.find_table(table) {
                    let schema = self.tables[id].name.schema.clone();
                    if self.dialect == crate::dialect::Dialect::MySql {
                        self.rename_innodb_fk_names(id, &to.value);
                    }
                    self.move_table(id, QualName::new(schema, &to.value), stmt);
                }
            }
            EventKind::SetTableSchema { table, schema } => {
                if let Some(id) = self.find_table(table) {
                    let name = self.tables[id].name.name.clone();
                    self.move_table(id, QualName::new(&schema.value, name), stmt);
                }
            }
            EventKind::AttachPartition {
                parent,
                child,
                bound,
            } => {
                let parent = self.find_table(parent);
                let child_span = child.span;
                if let Some(child) = self.find_table(child) {
                    let refused = parent.is_some_and(|parent| {
                        self.refuses_referenced_partition(parent, child, stmt)
                            || self.attach_refused(parent, child, stmt)
                    });
                    if refused {
                        return;
                    }
                    let at = stmt.at(child_span);
                    if parent.is_some_and(|parent| {
                        self.refuses_foreign_partition(child, parent, at, stmt)
                    }) {
                        return;
                    }
                    self.tables[child].partition_of = parent;
                    self.tables[child].partition_bound = Some(bound.clone());
                    if let Some(parent) = parent {
                        self.merge_partition_keys(parent, child);
                        self.attach_rows(child);
                    }
                }
            }
            EventKind::DetachPartition { child, .. } => {
                if let Some(child) = self.find_table(child) {
                    if self.detach_rows(child, stmt) {
                        self.detach_partition(child, stmt);
                    }
                }
            }
            EventKind::SetInheritance {
                table,
                parent,
                inherit,
            } => {
                if let (Some(table), Some(parent)) =
                    (self.find_table(table), self.find_table(parent))
                {
                    let t = &mut self.tables[table];
                    t.inherits.retain(|&p| p != parent);
                    t.may_inherit.retain(|&p| p != parent);
                    if *inherit {
                        t.may_inherit.push(parent);
                        self.inheritance_seen = true;
                    }
                }
            }
            EventKind::CreateIndex(index) => self.create_index(index, stmt),
            EventKind::DropIndex { names, cascade, .. } => {
                for name in names {
                    self.drop_index(name, *cascade, stmt);
                }
            }
            EventKind::DropTable {
                names,
                cascade,
                if_exists,
            } => self.drop_tables(names, *cascade, *if_exists, stmt),
            EventKind::Truncate { names, cascade } => self.truncate(names, *cascade, stmt),
            _ => {}
        }
    }

    /// `ALTER COLUMN ... TYPE`: PostgreSQL rebuilds every foreign key on the column and rejects the statement
    /// when one can no longer be implemented; then nothing changes. A `COLLATE` on a type without collations
    /// (`int COLLATE "C"`) is rejected too (42804), before any key is looked at.
    fn alter_column_type(
        &mut self,
        table: &ObjName,
        column: &Ident,
        ty: &TypeRef,
        collate: bool,
        stmt: StmtRef,
    ) {
        let Some(id) = self.find_table(table) else {
            return;
        };
        let resolved = self.resolve_column_type(&ty.text, &self.tables[id].default_charset);
        if collate && resolved.as_ref().is_some_and(|t| !types::has_collation(t)) {
            return;
        }
        if self.refuses_inherited_column_change(table, column, ColumnChange::ALTER_TYPE, stmt) {
            return;
        }
        // The tables inheriting the column change with it (PostgreSQL recurses, and one conflict anywhere
        // refuses the whole statement).
        self.unsure_of_possible_inheritors(id);
        let changed: Vec<TableId> = std::iter::once(id)
            .chain(self.certain_inheritors(id))
            .filter(|&t| self.tables[t].column(&column.value).is_some())
            .collect();
        if let Some(new_type) = &resolved {
            let mut refused = false;
            for &table in &changed {
                let conflicts = self.type_conflicts_for(table, &column.value, new_type);
                refused |= !conflicts.is_empty();
                self.type_conflicts.extend(conflicts.into_iter().map(
                    |(foreign_key, other_column, other_type)| TypeConflict {
                        stmt,
                        location: stmt.at(ty.span),
                        foreign_key,
                        column: format!("{}.{}", self.tables[table].name, column.value),
                        new_type: new_type.clone(),
                        other_column,
                        other_type,
                    },
                ));
            }
            if refused {
                return;
            }
        }
        for table in changed {
            if let Some(existing) = self.tables[table].column_mut(&column.value) {
                existing.ty.clone_from(&resolved);
                existing.type_text = Some(ty.text.clone());
                existing.type_location = Some(stmt.at(ty.span));
            }
        }
    }

    /// Live foreign keys on either side of `table.column` that `new_type` would make impossible, with the
    /// column on the other side and its type.
    fn type_conflicts_for(
        &self,
        table: TableId,
        column: &str,
        new_type: &SqlType,
    ) -> Vec<(ForeignKeyId, String, SqlType)> {
        let mut conflicts = Vec::new();
        for fk in self.foreign_keys.iter().filter(|fk| fk.is_live()) {
            let Some(reference) = fk.reference() else {
                continue;
            };
            for (fk_column, ref_column) in fk.columns.iter().zip(&reference.ref_columns) {
                let (other_table, other_column, fk_side) =
                    if fk.table == table && fk_column == column {
                        (reference.table, ref_column, true)
                    } else if reference.table == table && ref_column == column {
                        (fk.table, fk_column, false)
                    } else {
                        continue;
                    };
                let other = &self.tables[other_table];
                let Some(other_type) = other.column(other_column).and_then(|c| c.ty.clone()) else {
                    continue;
                };
                let (fk_type, key_type) = if fk_side {
                    (new_type, &other_type)
                } else {
                    (&other_type, new_type)
                };
                if types::relate(fk_type, key_type) == TypeRelation::Incompatible {
                    conflicts.push((fk.id, format!("{}.{other_column}", other.name), other_type));
                }
            }
        }
        conflicts
    }

    fn move_table(&mut self, id: TableId, new_name: QualName, stmt: StmtRef) {
        let old = self.tables[id].name.clone();
        self.live.remove(&old);
        self.live.insert(new_name.clone(), id);
        let table = &mut self.tables[id];
        table.former_names.push((old, stmt));
        table.name = new_name;
    }

    pub(super) fn rename_column(&mut self, table: &ObjName, from: &str, to: &str) {
        if let Some(id) = self.find_table(table) {
            self.rename_column_of(id, from, to);
        }
    }

    fn rename_column_of(&mut self, id: TableId, from: &str, to: &str) {
        let rename = |name: &mut String| {
            if name == from {
                *name = to.to_string();
            }
        };
        let table = &mut self.tables[id];
        table.columns.iter_mut().for_each(|c| rename(&mut c.name));
        table
            .keys
            .iter_mut()
            .flat_map(|k| k.columns.iter_mut())
            .for_each(rename);
        for position in self.index_positions_of(id) {
            self.indexes[position]
                .columns
                .iter_mut()
                .flatten()
                .for_each(rename);
        }
        for fk in self.foreign_keys.iter_mut() {
            if fk.table == id {
                fk.columns.iter_mut().for_each(rename);
            }
            if let super::Target::Found(reference) = &mut fk.target {
                if reference.table == id {
                    reference.ref_columns.iter_mut().for_each(rename);
                }
            }
        }
    }

    fn rename_constraint(&mut self, table: &ObjName, from: &str, to: &str) {
        let Some(id) = self.find_table(table) else {
            return;
        };
        let schema = self.tables[id].name.schema.clone();
        self.free_constraint_name(&schema, from);
        self.take_constraint_name(&schema, to);
        if let Some(fk) = self
            .foreign_keys
            .iter_mut()
            .find(|fk| fk.table == id && fk.is_live() && fk.name == from)
        {
            fk.name = to.to_string();
        }
        if let Some(key) = self.tables[id]
            .keys
            .iter_mut()
            .find(|k| k.dropped.is_none() && k.name == from)
        {
            key.name = to.to_string();
        }
    }

    fn create_index(&mut self, index: &IndexDef, stmt: StmtRef) {
        let Some(table) = self.find_table(&index.table) else {
            return;
        };
        let columns: Vec<Option<String>> = index
            .columns
            .iter()
            .map(|c| c.as_ref().map(|c| c.value.clone()))
            .collect();
        // Unnamed indexes get PostgreSQL's name (`ChooseIndexName`), so later fixes can avoid it.
        let name = Some(match &index.name {
            Some(name) => name.value.clone(),
            None => {
                let parts: Vec<String> = columns
                    .iter()
                    .map(|c| c.clone().unwrap_or_else(|| "expr".to_string()))
                    .collect();
                let schema = self.tables[table].name.schema.clone();
                choose_constraint_name(
                    &self.tables[table].name.name,
                    Some(&column_name_addition(&parts)),
                    "idx",
                    |candidate| self.relation_name_taken(&schema, candidate),
                )
            }
        });
        if index.unique && !index.partial {
            if let Some(columns) = columns.iter().cloned().collect::<Option<Vec<String>>>() {
                let key_name = name.clone().unwrap_or_default();
                self.tables[table].add_key(Key {
                    name: key_name,
                    columns,
                    primary: false,
                    from_index: true,
                    deferrable: false,
                    without_overlaps: false,
                    created: stmt,
                    dropped: None,
                });
            }
        }
        self.push_index(Index {
            name,
            table,
            columns,
            unique: index.unique,
            partial: index.partial,
            created: stmt,
            dropped: None,
        });
    }

    /// Marks a foreign key dropped and frees its name for PostgreSQL's default naming.
    pub(super) fn drop_foreign_key(&mut self, id: ForeignKeyId, stmt: StmtRef) {
        if self.foreign_keys[id].dropped.is_some() {
            return;
        }
        self.foreign_keys[id].dropped = Some(stmt);
        let schema = self.tables[self.foreign_keys[id].table].name.schema.clone();
        let name = self.foreign_keys[id].name.clone();
        self.free_constraint_name(&schema, &name);
        // Its partitions' copies go with it (only a partitioned table's keys have copies).
        let table = self.foreign_keys[id].table;
        if !self.tables[table].partitioned {
            return;
        }
        let copies: Vec<ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| fk.clone_of == Some(id) && fk.is_live())
            .map(|fk| fk.id)
            .collect();
        for copy in copies {
            self.drop_foreign_key(copy, stmt);
        }
    }

    /// Marks a key dropped and frees its name.
    fn drop_key(&mut self, table: TableId, index: usize, stmt: StmtRef) {
        let schema = self.tables[table].name.schema.clone();
        let key = &mut self.tables[table].keys[index];
        if key.dropped.is_some() {
            return;
        }
        key.dropped = Some(stmt);
        let name = key.name.clone();
        self.free_constraint_name(&schema, &name);
    }

    /// Live foreign keys that reference `column` of `table`.
    fn foreign_keys_referencing_column(&self, table: TableId, column: &str) -> Vec<ForeignKeyId> {
        self.foreign_keys
            .iter()
            .filter(|fk| fk.is_live())
            .filter(|fk| {
                fk.reference()
                    .is_some_and(|r| r.table == table && r.ref_columns.iter().any(|c| c == column))
            })
            .map(|fk| fk.id)
            .collect()
    }

    /// Records a conflict; returns whether the drop goes ahead (no dependents, or CASCADE).
    fn check_dependents(
        &mut self,
        what: String,
        location: crate::source::Location,
        dependents: Vec<ForeignKeyId>,
        cascade: bool,
        stmt: StmtRef,
    ) -> bool {
        if dependents.is_empty() {
            return true;
        }
        if cascade {
            for &fk in &dependents {
                self.drop_foreign_key(fk, stmt);
            }
        }
        self.drop_conflicts.push(DropConflict {
            stmt,
            what,
            location,
            foreign_keys: dependents,
            cascade,
        });
        cascade
    }

    /// Foreign keys that would lose their referenced key if key `key_index` of `table` went away: none when
    /// another live key covers the same columns.
    fn key_dependents(&self, table: TableId, key_index: usize) -> Vec<ForeignKeyId> {
        let key = KeyRef {
            table,
            index: key_index,
        };
        self.foreign_keys
            .iter()
            .filter(|fk| fk.is_live() && fk.reference().and_then(|r| r.key_ref) == Some(key))
            .map(|fk| fk.id)
            .collect()
    }

    fn drop_column(&mut self, table: &ObjName, column: &Ident, cascade: bool, stmt: StmtRef) {
        if self.refuses_inherited_column_change(table, column, ColumnChange::DROP, stmt) {
            return;
        }
        let column_span = column.span;
        let column = column.value.as_str();
        let Some(id) = self.find_table(table) else {
            return;
        };
        let dependents: Vec<ForeignKeyId> = self
            .foreign_keys_referencing_column(id, column)
            .into_iter()
            .filter(|&fk| {
                self.foreign_keys[fk].table != id
                    || !self.foreign_keys[fk].columns.iter().any(|c| c == column)
            })
            .collect();
        let what = format!("column {}.{}", self.tables[id].name, column);
        if !self.check_dependents(what, stmt.at(column_span), dependents, cascade, stmt) {
            return;
        }
        self.tables[id].columns.retain(|c| c.name != column);
        // The column's keys and the table's own foreign keys on it go with it (no CASCADE needed).
        let keys: Vec<usize> = (0..self.tables[id].keys.len())
            .filter(|&i| self.tables[id].keys[i].columns.iter().any(|c| c == column))
            .collect();
        for key in keys {
            self.drop_key(id, key, stmt);
        }
        let own: Vec<ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| fk.table == id && fk.columns.iter().any(|c| c == column))
            .map(|fk| fk.id)
            .collect();
        for fk in own {
            self.drop_foreign_key(fk, stmt);
        }
    }

    fn drop_constraint(&mut self, table: &ObjName, name: &Ident, cascade: bool, stmt: StmtRef) {
        let name_span = name.span;
        let name = name.value.as_str();
        let Some(id) = self.find_table(table) else {
            return;
        };
        if let Some(fk) = self
            .foreign_keys
            .iter()
            .position(|fk| fk.table == id && fk.is_live() && fk.name == name)
        {
            // A partition's copy of its parent's key cannot be dropped on its own (42P16).
            if self.foreign_keys[fk].clone_of.is_none() {
                self.drop_foreign_key(fk, stmt);
            }
            return;
        }
        let Some(key_index) = self.tables[id]
            .keys
            .iter()
            .position(|k| k.dropped.is_none() && k.name == name && !k.from_index)
        else {
            return;
        };
        let dependents = self.key_dependents(id, key_index);
        let what = format!("constraint {name} on {}", self.tables[id].name);
        if self.check_dependents(what, stmt.at(name_span), dependents, cascade, stmt) {
            self.drop_key(id, key_index, stmt);
        }
    }

    fn drop_index(&mut self, name: &ObjName, cascade: bool, stmt: StmtRef) {
        let schema_matches = |catalog: &Catalog, index: &Index| match &name.schema {
            Some(schema) => catalog.tables[index.table].name.schema == schema.value,
            None => true,
        };
        let Some(position) = self
            .index_positions_named(&name.name.value)
            .iter()
            .rev()
            .copied()
            .find(|&i| self.indexes[i].dropped.is_none() && schema_matches(self, &self.indexes[i]))
        else {
            return;
        };
        let table = self.indexes[position].table;
        let key = self.tables[table]
            .keys
            .iter()
            .position(|k| k.from_index && k.dropped.is_none() && k.name == name.name.value);
        // SQLite drops the index whatever references it: the key is missing only for the writes that follow
        // (judged once the migrations end, when the key may have been made again).
        if let Some(key) = key.filter(|_| self.dialect == crate::dialect::Dialect::Sqlite) {
            self.drop_key(table, key, stmt);
        } else if let Some(key) = key {
            let dependents = self.key_dependents(table, key);
            if !self.check_dependents(
                format!("index {}", name),
                stmt.at(name.span),
                dependents,
                cascade,
                stmt,
            ) {
                return;
            }
            self.drop_key(table, key, stmt);
        }
        self.indexes[position].dropped = Some(stmt);
    }

    /// `DROP TABLE`: a partitioned table goes with its partitions (and theirs). The tables inheriting from a
    /// dropped one go with it under CASCADE; without it PostgreSQL refuses the statement (2BP01), unless they
    /// are dropped by the same statement.
    fn drop_tables(&mut self, names: &[ObjName], cascade: bool, if_exists: bool, stmt: StmtRef) {
        if !if_exists && self.refuses_drop_of_missing(names, stmt) {
            return;
        }
        let mut targets: Vec<(TableId, Location)> = names
            .iter()
            .filter_map(|n| self.find_table(n).map(|id| (id, stmt.at(n.span))))
            .collect();
        let mut next = 0;
        while next < targets.len() {
            let (parent, location) = targets[next];
            next += 1;
            let inheritors: Vec<TableId> = self
                .live_tables()
                .filter(|t| t.inherits.contains(&parent))
                .map(|t| t.id)
                .collect();
            let partitions: Vec<TableId> = self
                .live_tables()
                .filter(|t| self.tables[parent].partitioned && t.partition_of == Some(parent))
                .map(|t| t.id)
                .collect();
            let named = |id: &TableId| targets.iter().any(|(t, _)| t == id);
            // Refused, then undone with the statement; the drop still runs here, so that the foreign keys
            // that block it too are recorded (PostgreSQL names every dependent object in one error).
            let blocking: Vec<TableId> = inheritors
                .iter()
                .copied()
                .filter(|id| !named(id) && self.certainly_inherits(*id))
                .collect();
            if !cascade
                && self.dialect == crate::dialect::Dialect::Postgres
                && self.certainly_inherits(parent)
                && !blocking.is_empty()
            {
                self.refusals.push(Refusal {
                    stmt,
                    location,
                    reason: RefusalReason::InheritedBy {
                        table: self.tables[parent].name.to_string(),
                        children: blocking
                            .iter()
                            .map(|&id| self.tables[id].name.to_string())
                            .collect(),
                    },
                    tables: vec![parent, blocking[0]],
                    columns: Vec::new(),
                });
            }
            if cascade {
                self.unsure_of_possible_inheritors(parent);
            }
            let inheritors = inheritors.into_iter().filter(|_| cascade);
            for partition in partitions.into_iter().chain(inheritors) {
                if !targets.iter().any(|(id, _)| *id == partition) {
                    targets.push((partition, location));
                }
            }
        }
        self.drop_table_ids(&targets, cascade, stmt);
    }

    /// PostgreSQL refuses to drop or rename a column a table inherits (42P16: it belongs to the parent), and to
    /// rename a column of `ONLY` a table others inherit it from. Marks the statement refused when fklint is sure.
    fn refuses_inherited_column_change(
        &mut self,
        table: &ObjName,
        column: &Ident,
        change: ColumnChange,
        stmt: StmtRef,
    ) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return false;
        }
        let Some(id) = self.find_table(table) else {
            return false;
        };
        if !self.certainly_inherits(id) {
            return false;
        }
        let name = column.value.as_str();
        let parent = self.tables[id].inherits.iter().copied().find(|&parent| {
            self.tables[parent].dropped.is_none() && self.tables[parent].column(name).is_some()
        });
        let child = self
            .live_tables()
            .find(|t| t.inherits.contains(&id) && t.column(name).is_some())
            .map(|t| t.id)
            .filter(|_| change.only);
        let table_name = self.tables[id].name.to_string();
        let (reason, other) = match (parent, child) {
            (Some(parent), _) => (
                RefusalReason::InheritedColumn {
                    table: table_name,
                    column: name.to_string(),
                    parent: self.tables[parent].name.to_string(),
                    action: change.action,
                },
                parent,
            ),
            (None, Some(child)) => (
                RefusalReason::PassedOnColumn {
                    table: table_name,
                    column: name.to_string(),
                    child: self.tables[child].name.to_string(),
                },
                child,
            ),
            (None, None) => return false,
        };
        self.refusals.push(Refusal {
            stmt,
            location: stmt.at(column.span),
            reason,
            tables: vec![id, other],
            columns: vec![name.to_string()],
        });
        true
    }

    /// `RENAME COLUMN` renames the column in the tables inheriting it too, and in theirs.
    fn rename_column_with_inheritors(&mut self, table: &ObjName, from: &str, to: &str) {
        let Some(id) = self.find_table(table) else {
            return;
        };
        let mut pending = vec![id];
        let mut seen = Vec::new();
        while let Some(current) = pending.pop() {
            if seen.contains(&current) || self.tables[current].column(from).is_none() {
                continue;
            }
            seen.push(current);
            self.unsure_of_possible_inheritors(current);
            self.rename_column_of(current, from, to);
            pending.extend(
                self.live_tables()
                    .filter(|t| t.inherits.contains(&current))
                    .map(|t| t.id),
            );
        }
    }

    /// Whether `CREATE TABLE ... INHERITS` merges columns fklint cannot tell the server accepts (same name, not
    /// plainly the same type without default or generation expression), or names a parent that is missing.
    fn uncertain_merge(&self, create: &CreateTable) -> bool {
        if create.inherits.is_empty() {
            return false;
        }
        let mut sources: HashMap<&str, Vec<Option<SqlType>>> = HashMap::new();
        for parent in &create.inherits {
            let Some(parent) = self.find_table(parent) else {
                return true;
            };
            for column in &self.tables[parent].columns {
                let plain = column.default.is_none() && column.generated.is_none();
                let ty = column.ty.clone().filter(|_| plain);
                sources.entry(column.name.as_str()).or_default().push(ty);
            }
        }
        for column in &create.columns {
            let plain = column.default.is_none() && column.generated.is_none();
            let ty = column
                .ty
                .as_ref()
                .and_then(|ty| self.resolve_column_type(&ty.text, &Default::default()))
                .filter(|_| plain);
            sources
                .entry(column.name.value.as_str())
                .or_default()
                .push(ty);
        }
        sources.values().any(|types| {
            types.len() > 1 && (types[0].is_none() || types.iter().any(|t| *t != types[0]))
        })
    }

    /// The live tables whose accepted CREATE TABLE made them inherit from `parent`, directly or through others.
    fn certain_inheritors(&self, parent: TableId) -> Vec<TableId> {
        self.descendants(parent, false)
    }

    /// The live tables that inherit from `parent`, directly or through others; with `possible`, also those that
    /// may (see [`Table::may_inherit`]).
    pub(super) fn descendants(&self, parent: TableId, possible: bool) -> Vec<TableId> {
        let mut out: Vec<TableId> = Vec::new();
        // Most schemas use no inheritance: then no table needs looking at.
        if !self.inheritance_seen {
            return out;
        }
        let mut next = 0;
        let mut frontier = vec![parent];
        while next < frontier.len() {
            let current = frontier[next];
            next += 1;
            for t in self.live_tables() {
                let inherits =
                    t.inherits.contains(&current) || (possible && t.may_inherit.contains(&current));
                if inherits && !out.contains(&t.id) && t.id != parent {
                    out.push(t.id);
                    frontier.push(t.id);
                }
            }
        }
        out
    }

    /// A change that reaches a parent's children may have reached the tables that may inherit from it (their
    /// `ALTER TABLE ... INHERIT` may have been refused): fklint no longer judges them.
    fn unsure_of_possible_inheritors(&mut self, parent: TableId) {
        let possible: Vec<TableId> = self
            .live_tables()
            .filter(|t| t.may_inherit.contains(&parent))
            .map(|t| t.id)
            .collect();
        for table in possible {
            self.tables[table].uncertain = true;
        }
    }

    /// `DROP TABLE a, b` without `IF EXISTS` drops nothing when one of them does not exist (42P01). fklint is
    /// sure of that only for a name whose table it saw go (dropped, or its CREATE rejected) and that nothing it
    /// could not read may have made again.
    fn refuses_drop_of_missing(&mut self, names: &[ObjName], stmt: StmtRef) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return false;
        }
        let missing = names.iter().find(|name| {
            let qualified = self.lookup_name(name);
            self.find_table(name).is_none()
                && !self.is_uncertain(&qualified)
                && self.tables.iter().any(|t| t.name == qualified)
        });
        let Some(missing) = missing else {
            return false;
        };
        self.refusals.push(Refusal {
            stmt,
            location: stmt.at(missing.span),
            reason: RefusalReason::MissingTable {
                name: self.lookup_name(missing).to_string(),
            },
            tables: Vec::new(),
            columns: Vec::new(),
        });
        true
    }

    /// Whether fklint is sure the table still inherits what it records (no statement it could not read touched
    /// the table).
    fn certainly_inherits(&self, table: TableId) -> bool {
        let t = &self.tables[table];
        !t.uncertain && !self.is_uncertain(&t.name)
    }

    /// The partitioned tables a partition belongs to, nearest first.
    pub(super) fn partition_ancestors(&self, table: TableId) -> Vec<TableId> {
        let mut out = Vec::new();
        let mut current = self.tables[table].partition_of;
        while let Some(parent) = current {
            if out.contains(&parent) {
                break;
            }
            out.push(parent);
            current = self.tables[parent].partition_of;
        }
        out
    }

    /// `ATTACH PARTITION`: each foreign key of the partitioned table (and of its own parents) that the new
    /// partition already has, with the same columns, referenced table and columns, actions, match type and
    /// deferrability, becomes that key's copy instead of a key of its own (PostgreSQL's
    /// `tryAttachPartitionForeignKey`); the others are copied to it.
    fn merge_partition_keys(&mut self, parent: TableId, child: TableId) {
        let owners: Vec<TableId> = std::iter::once(parent)
            .chain(self.partition_ancestors(parent))
            .collect();
        let parent_keys: Vec<ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| fk.is_live() && owners.contains(&fk.table) && fk.clone_of.is_none())
            .map(|fk| fk.id)
            .collect();
        for parent_key in parent_keys {
            let merged = self.foreign_keys.iter().position(|fk| {
                fk.is_live()
                    && fk.table == child
                    && fk.clone_of.is_none()
                    && same_key(fk, &self.foreign_keys[parent_key])
            });
            if let Some(own) = merged {
                self.foreign_keys[own].clone_of = Some(parent_key);
            }
        }
    }

    /// `DETACH PARTITION`: the partition's copies of its parents' foreign keys become keys of its own, named as
    /// the parent's (merged ones keep their own name).
    fn detach_partition(&mut self, child: TableId, stmt: StmtRef) {
        let owners: Vec<TableId> = self.partition_ancestors(child);
        self.tables[child].partition_of = None;
        self.tables[child].partition_bound = None;
        let mut adopted = Vec::new();
        for fk in &mut self.foreign_keys {
            if fk.table == child && fk.is_live() {
                if let Some(parent_key) = fk.clone_of.take() {
                    adopted.push(parent_key);
                }
            }
        }
        let inherited: Vec<ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| {
                fk.is_live()
                    && owners.contains(&fk.table)
                    && fk.clone_of.is_none()
                    && !adopted.contains(&fk.id)
            })
            .map(|fk| fk.id)
            .collect();
        for parent_key in inherited {
            let id = self.foreign_keys.len();
            let mut copy = self.foreign_keys[parent_key].clone();
            copy.id = id;
            copy.table = child;
            copy.stmt = stmt;
            copy.standalone = true;
            let schema = self.tables[child].name.schema.clone();
            self.take_constraint_name(&schema, &copy.name);
            self.push_foreign_key(copy);
        }
    }

    /// `TRUNCATE`: PostgreSQL refuses to empty a table that other tables reference unless they are emptied in
    /// the same statement, or CASCADE empties them too. Nothing in the schema changes either way.
    fn truncate(&mut self, names: &[ObjName], cascade: bool, stmt: StmtRef) {
        let truncated: Vec<(TableId, Location)> = names
            .iter()
            .filter_map(|n| self.find_table(n).map(|id| (id, stmt.at(n.span))))
            .collect();
        let ids: Vec<TableId> = truncated.iter().map(|(id, _)| *id).collect();
        for (id, location) in truncated {
            let referencing: Vec<ForeignKeyId> = self
                .foreign_keys_into(&[id])
                .into_iter()
                .filter(|&fk| {
                    let fk = &self.foreign_keys[fk];
                    fk.is_live() && !ids.contains(&fk.table)
                })
                .collect();
            if !referencing.is_empty() {
                let what = format!("table {}", self.tables[id].name);
                self.truncate_conflicts.push(DropConflict {
                    stmt,
                    what,
                    location,
                    foreign_keys: referencing,
                    cascade,
                });
            }
        }
    }

    /// `DROP SCHEMA s [CASCADE]`: without CASCADE PostgreSQL refuses a schema that still holds tables; with it,
    /// the tables go, and so do foreign keys of other schemas that reference them.
    pub(super) fn drop_schema(&mut self, schema: &Ident, cascade: bool, stmt: StmtRef) {
        let targets: Vec<(TableId, Location)> = self
            .live_tables()
            .filter(|t| t.name.schema == schema.value)
            .map(|t| (t.id, stmt.at(schema.span)))
            .collect();
        if !targets.is_empty() && !cascade {
            return;
        }
        if self.drop_table_ids(&targets, cascade, stmt) {
            self.schemas.remove(&schema.value);
        }
    }

    /// Drops tables together; returns false when PostgreSQL rejects the statement because foreign keys of other
    /// tables depend on them and there is no CASCADE.
    fn drop_table_ids(
        &mut self,
        targets: &[(TableId, Location)],
        cascade: bool,
        stmt: StmtRef,
    ) -> bool {
        let dropped: Vec<TableId> = targets.iter().map(|(id, _)| *id).collect();
        if self.binds_late() {
            for &id in &dropped {
                self.unbind_references_to(id);
            }
        }
        let mut conflicts = Vec::new();
        for &(id, location) in targets {
            // A partition of a referenced partitioned table carries part of its key: the foreign key depends
            // on it too, unless the whole partitioned table goes.
            let mut referenced: Vec<TableId> = self
                .partition_ancestors(id)
                .into_iter()
                .filter(|a| !dropped.contains(a))
                .collect();
            referenced.push(id);
            let dependents: Vec<ForeignKeyId> = self
                .foreign_keys_into(&referenced)
                .into_iter()
                .filter(|&fk| {
                    let fk = &self.foreign_keys[fk];
                    fk.is_live() && !dropped.contains(&fk.table)
                })
                .collect();
            if !dependents.is_empty() {
                conflicts.push((
                    format!("table {}", self.tables[id].name),
                    location,
                    dependents,
                ));
            }
        }
        let rejected = !conflicts.is_empty() && !cascade;
        for (what, location, dependents) in conflicts {
            self.check_dependents(what, location, dependents, cascade, stmt);
        }
        if rejected {
            return false;
        }
        self.remove_tables(&dropped, stmt);
        true
    }

    /// Takes tables out of the database with their keys, indexes and own foreign keys (what references them
    /// was dealt with by the caller).
    pub(super) fn remove_tables(&mut self, dropped: &[TableId], stmt: StmtRef) {
        self.drop_partition_rows(dropped);
        for &id in dropped {
            let name = self.tables[id].name.clone();
            self.live.remove(&name);
            self.set_table_dropped(id, Some(stmt));
            let own: Vec<ForeignKeyId> = self.foreign_keys_of(id).map(|fk| fk.id).collect();
            for fk in own {
                self.drop_foreign_key(fk, stmt);
            }
            for key in 0..self.tables[id].keys.len() {
                self.drop_key(id, key, stmt);
            }
            for position in self.index_positions_of(id) {
                self.indexes[position].dropped.get_or_insert(stmt);
            }
        }
    }
}

/// Whether two foreign keys are the same constraint but for name and table (what ATTACH PARTITION merges).
pub(super) fn same_key(a: &super::ForeignKey, b: &super::ForeignKey) -> bool {
    a.columns == b.columns
        && a.target_table().is_some()
        && a.target_table() == b.target_table()
        && a.reference().map(|r| &r.ref_columns) == b.reference().map(|r| &r.ref_columns)
        && a.def.on_delete == b.def.on_delete
        && a.def.on_update == b.def.on_update
        && a.def.match_full == b.def.match_full
        && a.def.deferrable == b.def.deferrable
        && a.def.initially_deferred == b.def.initially_deferred
}

/// Same columns in any order (PostgreSQL matches referenced columns to a key as a set).
pub(super) fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|c| b.contains(c)) && b.iter().all(|c| a.contains(c))
}

/// Adds a column definition to a table, or for a partition's `col WITH OPTIONS` merges its options into the
/// inherited column. `resolved` is the column's type with user types resolved.
fn merge_column(
    table: &mut Table,
    column: &ColumnDef,
    resolved: Option<crate::types::SqlType>,
    stmt: StmtRef,
) {
    if let Some(existing) = table.column_mut(&column.name.value) {
        existing.not_null |= column.not_null;
        if let Some(span) = column.not_null_span {
            existing.not_null_location = Some(stmt.at(span));
        }
        if column.default.is_some() {
            existing.default.clone_from(&column.default);
        }
        return;
    }
    let Some(ty) = &column.ty else {
        table.columns_incomplete = true;
        return;
    };
    table.columns.push(Column {
        name: column.name.value.clone(),
        ty: resolved,
        type_text: Some(ty.text.clone()),
        type_location: Some(stmt.at(ty.span)),
        not_null: column.not_null,
        not_null_location: column.not_null_span.map(|span| stmt.at(span)),
        default: column.default.clone(),
        generated: column.generated.clone(),
        created: stmt,
        location: stmt.at(column.name.span),
    });
}

/// `ALTER TABLE t ALTER CONSTRAINT k ...` of a primary key or unique constraint: PostgreSQL alters only foreign
/// keys this way ("constraint ... is not a foreign key constraint", 42809) and rejects the statement.
#[derive(Debug, Clone)]
pub struct AlterConstraintConflict {
    pub stmt: StmtRef,
    pub location: crate::source::Location,
    pub table: TableId,
    pub constraint: String,
    pub columns: Vec<String>,
    pub primary: bool,
}

/// A change to a column that inheritance may forbid.
#[derive(Debug, Clone, Copy)]
struct ColumnChange {
    /// As a finding says it (`drop`, `rename`, `change the type of`).
    action: &'static str,
    /// `ALTER TABLE ONLY t`: the inheriting tables are left alone.
    only: bool,
}

impl ColumnChange {
    const DROP: ColumnChange = ColumnChange {
        action: "drop",
        only: false,
    };
    const RENAME: ColumnChange = ColumnChange {
        action: "rename",
        only: false,
    };
    const ALTER_TYPE: ColumnChange = ColumnChange {
        action: "change the type of",
        only: false,
    };
}
