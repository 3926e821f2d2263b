//! Declaring a foreign key: resolve what it references at that moment, name it as PostgreSQL would, and record
//! what it met (columns, key, types), so rules can judge it later without replaying again.

use super::alter::same_set;
use super::model::SuggestionReason;
use super::suggest::suggest;
use super::temporal;
use super::{
    Catalog, ColumnPair, ForeignKey, GeneratedConflict, Key, KeyMatch, KeyRef, MissingCause,
    Reference, TableId, Target,
};
use crate::events::{ConstraintDef, ForeignKeyDef, StmtRef};
use crate::ident::{choose_constraint_name, column_name_addition, Ident};

/// The key PostgreSQL picks for explicit referenced columns: the oldest non-deferrable key with exactly those
/// columns (in any order); with `PERIOD`, a `WITHOUT OVERLAPS` key on that period column.
fn choose_key(
    keys: &[(KeyRef, &Key)],
    columns: &[String],
    def: &ForeignKeyDef,
) -> (KeyMatch, Option<KeyRef>) {
    let matching = || {
        keys.iter().filter(|(_, k)| {
            same_set(&k.columns, columns) && temporal::key_serves_period(k, def, columns)
        })
    };
    match matching().find(|(_, k)| !k.deferrable) {
        Some((key_ref, k)) if k.primary => (KeyMatch::PrimaryKey, Some(*key_ref)),
        Some((key_ref, _)) => (KeyMatch::Unique, Some(*key_ref)),
        None if matching().next().is_some() => (KeyMatch::Deferrable, None),
        None => (KeyMatch::NotUnique, None),
    }
}

impl Catalog {
    pub(super) fn add_foreign_key(
        &mut self,
        table: TableId,
        def: &ForeignKeyDef,
        constraint: &ConstraintDef,
        stmt: StmtRef,
        standalone: bool,
    ) {
        if self.dialect == crate::dialect::Dialect::MySql
            && self.tables[table].ignores_foreign_keys()
        {
            self.ignored_foreign_keys.push(super::IgnoredForeignKey {
                table,
                def: def.clone(),
                location: stmt.at(constraint.span),
            });
            return;
        }
        let columns: Vec<String> = def.columns.iter().map(|c| c.value.clone()).collect();
        let missing_columns = self.missing_in(table, &def.columns);
        let (target, ref_name) = match self.find_table(&def.ref_table) {
            // A foreign table has a relation's name, but PostgreSQL cannot reference it (42809).
            Some(found) if !self.tables[found].foreign => (
                Target::Found(self.describe_reference(table, def, found)),
                self.tables[found].name.clone(),
            ),
            found => {
                let ref_name = match found {
                    Some(foreign) => self.tables[foreign].name.clone(),
                    None => self.lookup_name(&def.ref_table),
                };
                (self.missing_target(table, def, &ref_name, stmt), ref_name)
            }
        };
        let schema = self.tables[table].name.schema.clone();
        let name = match &constraint.name {
            Some(name) => name.value.clone(),
            None if self.dialect == crate::dialect::Dialect::MySql => self.innodb_fk_name(table),
            None => {
                let addition = column_name_addition(&columns);
                let table_name = self.tables[table].name.name.clone();
                choose_constraint_name(&table_name, Some(&addition), "fkey", |n| {
                    self.constraint_name_taken(&schema, n)
                })
            }
        };
        let duplicate_name = constraint.name.is_some() && self.has_constraint_named(table, &name);
        self.take_constraint_name(&schema, &name);
        let target_uncertain = match &target {
            Target::Found(reference) => self.tables[reference.table].uncertain,
            Target::Missing { .. } => false,
        };
        let uncertain = target_uncertain
            || self.tables[table].uncertain
            || self.is_uncertain(&self.tables[table].name)
            || self.is_uncertain(&ref_name);
        let id = self.foreign_keys.len();
        let validated_rows = !def.not_valid && self.data.may_have_rows(self.row_store(table));
        let generated_conflict = self.generated_conflict(table, def);
        let (def, ignored_set_default) = self.as_the_server_keeps(def);
        self.push_foreign_key(ForeignKey {
            id,
            table,
            name,
            named_explicitly: constraint.name.is_some(),
            name_span: constraint
                .name
                .as_ref()
                .map(|n| n.span)
                .filter(|span| !span.is_empty())
                .map(|span| stmt.at(span)),
            def,
            ignored_set_default,
            columns,
            ref_name,
            target,
            missing_columns,
            stmt,
            location: stmt.at(constraint.span),
            removal: stmt.at(constraint.removal),
            standalone,
            binds_late: self.binds_late(),
            dropped: None,
            uncertain,
            clone_of: None,
            duplicate_name,
            validated_rows,
            generated_conflict,
        });
    }

    /// What PostgreSQL refuses in a foreign key whose referencing columns include a generated one: an action
    /// that would write it, or a virtual column (checked column by column, in the key's order).
    fn generated_conflict(&self, table: TableId, def: &ForeignKeyDef) -> Option<GeneratedConflict> {
        use crate::events::RefAction;
        if self.dialect != crate::dialect::Dialect::Postgres {
            return None;
        }
        let table = &self.tables[table];
        def.columns.iter().find_map(|written| {
            let column = table.column(&written.value)?;
            let generated = column.generated.as_ref()?;
            let column = column.name.clone();
            let writes_on_update = matches!(
                def.on_update,
                RefAction::Cascade | RefAction::SetNull(_) | RefAction::SetDefault(_)
            );
            let writes_on_delete = matches!(
                def.on_delete,
                RefAction::SetNull(_) | RefAction::SetDefault(_)
            );
            if writes_on_update || writes_on_delete {
                Some(GeneratedConflict::Action {
                    column,
                    on_update: writes_on_update,
                })
            } else if generated.virtual_column {
                Some(GeneratedConflict::Virtual { column })
            } else {
                None
            }
        })
    }

    /// Whether a PostgreSQL table already has a live foreign key or key with this name (a name no constraint
    /// of the schema has is the common case, answered without looking at every foreign key).
    fn has_constraint_named(&self, table: TableId, name: &str) -> bool {
        self.dialect == crate::dialect::Dialect::Postgres
            && self.constraint_name_taken(&self.tables[table].name.schema, name)
            && (self.foreign_keys.iter().any(|fk| {
                fk.table == table && fk.is_live() && !fk.validated_rows && fk.name == name
            }) || self.tables[table]
                .keys
                .iter()
                .any(|k| !k.from_index && k.dropped.is_none() && k.name == name))
    }

    /// InnoDB refuses `SET NULL` on a NOT NULL column (PostgreSQL and SQLite accept it and fail at run time).
    fn innodb_refuses_set_null(&self, fk: &ForeignKey) -> bool {
        use crate::events::RefAction;
        self.dialect == crate::dialect::Dialect::MySql
            && [&fk.def.on_delete, &fk.def.on_update].iter().any(|action| {
                matches!(action, RefAction::SetNull(_))
                    && fk.columns.iter().any(|c| {
                        self.tables[fk.table]
                            .column(c)
                            .is_some_and(|column| column.not_null)
                    })
            })
    }

    /// The definition as the server stores it: InnoDB has no SET DEFAULT, and MariaDB keeps such a key with
    /// RESTRICT instead (MySQL 8 rejects it). Returns whether an action was replaced.
    fn as_the_server_keeps(&self, def: &ForeignKeyDef) -> (ForeignKeyDef, bool) {
        let mut def = def.clone();
        let mut replaced = false;
        if self.dialect == crate::dialect::Dialect::MySql {
            for action in [&mut def.on_delete, &mut def.on_update] {
                if matches!(action, crate::events::RefAction::SetDefault(_)) {
                    *action = crate::events::RefAction::Restrict;
                    replaced = true;
                }
            }
        }
        (def, replaced)
    }

    /// InnoDB's name for an unnamed FK: `<table>_ibfk_<n>`, one more than the highest such number the table's
    /// FKs have.
    fn innodb_fk_name(&self, table: TableId) -> String {
        let prefix = format!("{}_ibfk_", self.tables[table].name.name);
        let highest = self
            .foreign_keys_of(table)
            .filter(|fk| fk.dropped.is_none())
            .filter_map(|fk| fk.name.strip_prefix(&prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", highest.saturating_add(1))
    }

    /// Columns (as written) that `table` does not have, unless its column list is not fully known.
    fn missing_in(&self, table: TableId, columns: &[Ident]) -> Vec<Ident> {
        let table = &self.tables[table];
        if table.columns_incomplete {
            return Vec::new();
        }
        columns
            .iter()
            .filter(|c| table.column(&c.value).is_none())
            .cloned()
            .collect()
    }

    fn missing_target(
        &self,
        table: TableId,
        def: &ForeignKeyDef,
        wanted: &crate::ident::QualName,
        stmt: StmtRef,
    ) -> Target {
        let candidates = self
            .standing_tables()
            .filter(|t| t.exists_before(stmt.index + 1) && t.id != usize::MAX && !t.foreign);
        let cause = if def
            .ref_table
            .schema
            .as_ref()
            .is_some_and(|s| !self.schemas.contains(&s.value))
        {
            MissingCause::NoSchema
        } else if self.views.contains(wanted) {
            MissingCause::NotATable
        } else if self
            .live
            .get(wanted)
            .is_some_and(|&id| self.tables[id].foreign)
        {
            MissingCause::ForeignTable
        } else {
            MissingCause::NoRelation
        };
        match suggest(wanted, candidates) {
            Some((suggested, reason)) => {
                let reference = self.describe_reference(table, def, suggested.id);
                Target::Missing {
                    suggestion: Some(reference),
                    reason,
                    cause,
                }
            }
            None => Target::Missing {
                suggestion: None,
                reason: SuggestionReason::Nothing,
                cause,
            },
        }
    }

    /// What the clause meets in `target`: its columns, key and the column types on both sides.
    fn describe_reference(
        &self,
        table: TableId,
        def: &ForeignKeyDef,
        target: TableId,
    ) -> Reference {
        let target_table = &self.tables[target];
        let keys = self.keys_of(target);
        let primary = keys.iter().find(|(_, k)| k.primary);
        let (ref_columns, missing_columns) = match &def.ref_columns {
            Some(columns) => (
                columns.iter().map(|c| c.value.clone()).collect(),
                self.missing_in(target, columns),
            ),
            None => (
                primary
                    .map(|(_, pk)| pk.columns.clone())
                    .unwrap_or_default(),
                Vec::new(),
            ),
        };
        let (key, key_ref) = match (&def.ref_columns, primary) {
            (None, None) if target_table.columns_incomplete => (KeyMatch::NotUnique, None),
            (None, None) => (KeyMatch::NoPrimaryKey, None),
            (None, Some((_, pk))) if pk.deferrable => (KeyMatch::Deferrable, None),
            (None, Some((key_ref, _))) => (KeyMatch::PrimaryKey, Some(*key_ref)),
            (Some(_), _) if self.dialect == crate::dialect::Dialect::MySql => {
                self.innodb_key(target, &keys, &ref_columns)
            }
            (Some(_), _) => choose_key(&keys, &ref_columns, def),
        };
        let period_key = match &def.ref_columns {
            None => primary.map(|(_, pk)| *pk),
            Some(_) => temporal::matched_key(&keys, key_ref),
        };
        let period = temporal::period_mismatch(def, &ref_columns, period_key);
        let pairs = if missing_columns.is_empty() && ref_columns.len() == def.columns.len() {
            self.column_pairs(table, def, target, &ref_columns)
        } else {
            Vec::new()
        };
        let (own, other) = (
            self.tables[table].persistence,
            self.tables[target].persistence,
        );
        Reference {
            table: target,
            ref_columns,
            missing_columns,
            key,
            key_ref,
            pairs,
            period,
            persistence_mismatch: (!own.may_reference(other)).then_some((own, other)),
        }
    }

    /// The key InnoDB uses: an index whose first columns are the referenced columns in order (unique or not).
    fn innodb_key(
        &self,
        target: TableId,
        keys: &[(KeyRef, &Key)],
        columns: &[String],
    ) -> (KeyMatch, Option<KeyRef>) {
        let table = &self.tables[target];
        let same = |a: &[String], b: &[String]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| table.same_column(x, y))
        };
        let starts_with = |index: &[String]| {
            index.len() >= columns.len() && same(&index[..columns.len()], columns)
        };
        if let Some((key_ref, key)) = keys.iter().find(|(_, k)| same(&k.columns, columns)) {
            let kind = if key.primary {
                KeyMatch::PrimaryKey
            } else {
                KeyMatch::Unique
            };
            return (kind, Some(*key_ref));
        }
        let indexed = keys.iter().any(|(_, k)| starts_with(&k.columns))
            || self.live_indexes_of(target).any(|i| {
                let named: Vec<String> = i.columns.iter().map_while(Clone::clone).collect();
                starts_with(&named)
            });
        let refused = self
            .target
            .is_some_and(|t| t.at_least(crate::server::Server::MySql, 8, 4));
        if indexed && refused {
            (KeyMatch::NonStandardKey, None)
        } else if indexed {
            (KeyMatch::IndexPrefix, None)
        } else {
            (KeyMatch::NotUnique, None)
        }
    }

    /// Live keys of a table in creation order, then those of the partitioned table it belongs to.
    fn keys_of(&self, table: TableId) -> Vec<(KeyRef, &Key)> {
        let owners = std::iter::once(table).chain(self.tables[table].partition_of);
        owners
            .flat_map(|owner| {
                self.tables[owner]
                    .keys
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| k.dropped.is_none())
                    .map(move |(index, k)| {
                        (
                            KeyRef {
                                table: owner,
                                index,
                            },
                            k,
                        )
                    })
            })
            .collect()
    }

    fn column_pairs(
        &self,
        table: TableId,
        def: &ForeignKeyDef,
        target: TableId,
        ref_columns: &[String],
    ) -> Vec<ColumnPair> {
        let fk_table = &self.tables[table];
        let target_table = &self.tables[target];
        // Sized once (`filter_map` would start at four pairs): every foreign key keeps its pairs to the end.
        let mut pairs = Vec::with_capacity(def.columns.len().min(ref_columns.len()));
        pairs.extend(
            def.columns
                .iter()
                .zip(ref_columns)
                .filter_map(|(fk_column, ref_column)| {
                    let fk = fk_table.column(&fk_column.value)?;
                    let referenced = target_table.column(ref_column)?;
                    Some(ColumnPair {
                        fk_column: fk.name.clone(),
                        fk_type: fk.ty.clone(),
                        fk_type_text: fk.type_text.clone(),
                        fk_type_location: fk.type_location,
                        ref_column: referenced.name.clone(),
                        ref_type: referenced.ty.clone(),
                        ref_type_text: referenced.type_text.clone(),
                    })
                }),
        );
        pairs
    }
}

impl Catalog {
    /// At the end of the migrations, each FK the server accepted without its table ([`Catalog::binds_late`])
    /// points at the table that has the name by then, if any; those still missing are broken for good.
    pub(super) fn bind_late_references(&mut self) {
        let waiting: Vec<crate::catalog::ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| fk.binds_late && fk.is_live() && fk.reference().is_none())
            .map(|fk| fk.id)
            .collect();
        for id in waiting {
            let fk = &self.foreign_keys[id];
            let Some(&found) = self.live.get(&fk.ref_name) else {
                continue;
            };
            let reference = self.describe_reference(fk.table, &fk.def, found);
            self.set_foreign_key_target(id, reference);
        }
        if self.dialect == crate::dialect::Dialect::Sqlite {
            self.rebind_keys_made_later();
        }
    }

    /// SQLite looks for the parent key when a row is written, not when the FK is declared: a unique index
    /// created after the `CREATE TABLE` that references it (drizzle-kit writes them in that order) backs the
    /// key all the same. FKs whose key was missing when declared are judged again against the table of that
    /// name as the migrations leave it (also those of tables dropped since: a rebuild drops the old copy), and
    /// so are FKs whose key's index was dropped (SQLite allows it): made again, the key backs them; not, FK103.
    fn rebind_keys_made_later(&mut self) {
        let unbacked: Vec<crate::catalog::ForeignKeyId> = self
            .foreign_keys
            .iter()
            .filter(|fk| {
                fk.reference().is_some_and(|r| {
                    matches!(r.key, KeyMatch::NotUnique | KeyMatch::NoPrimaryKey)
                        || (fk.is_live() && r.key_ref.is_some_and(|k| self.key_dropped(k)))
                })
            })
            .map(|fk| fk.id)
            .collect();
        for id in unbacked {
            let fk = &self.foreign_keys[id];
            let Some(&found) = self.live.get(&fk.ref_name) else {
                continue;
            };
            let lost_key = fk
                .reference()
                .and_then(|r| r.key_ref)
                .is_some_and(|k| self.key_dropped(k));
            let reference = self.describe_reference(fk.table, &fk.def, found);
            if lost_key || matches!(reference.key, KeyMatch::PrimaryKey | KeyMatch::Unique) {
                self.set_foreign_key_target(id, reference);
            }
        }
    }

    fn key_dropped(&self, key: crate::catalog::KeyRef) -> bool {
        self.tables[key.table]
            .keys
            .get(key.index)
            .is_some_and(|k| k.dropped.is_some())
    }

    /// Dropping a referenced table where FKs bind late: its FKs are left waiting for a table of that name
    /// (SQLite's table-rebuild pattern drops the old table, then renames the new one to its name).
    pub(super) fn unbind_references_to(&mut self, table: TableId) {
        // The referencing table's SQL names the table as it is now (SQLite rewrote it at each rename), so a
        // table created later under that name is the one it binds to, not one under the name first written.
        let name = self.tables[table].name.clone();
        for id in self.foreign_keys_into(&[table]) {
            let fk = &mut self.foreign_keys[id];
            if fk.is_live() && fk.table != table {
                fk.binds_late = true;
                fk.ref_name = name.clone();
                fk.target = Target::Missing {
                    suggestion: None,
                    reason: SuggestionReason::Nothing,
                    cause: MissingCause::NoRelation,
                };
            }
        }
    }
}

impl Catalog {
    /// InnoDB renames the generated names of a table's FKs with the table (`old_ibfk_1` becomes `new_ibfk_1`).
    pub(super) fn rename_innodb_fk_names(&mut self, table: TableId, to: &str) {
        let old_prefix = format!("{}_ibfk_", self.tables[table].name.name);
        for fk in &mut self.foreign_keys {
            if fk.table != table || !fk.is_live() {
                continue;
            }
            if let Some(number) = fk.name.strip_prefix(&old_prefix) {
                fk.name = format!("{to}_ibfk_{number}");
            }
        }
    }
}

impl Catalog {
    /// Whether the server created this foreign key as declared (the catalog also keeps ones it rejected, to
    /// report them): its columns exist on both sides, as many on each, a key the dialect accepts backs the
    /// referenced ones, and no pair of column types is incompatible.
    pub fn server_accepts(&self, fk: &ForeignKey) -> bool {
        self.server_accepts_but_for_actions(fk)
            && !self.innodb_refuses_set_null(fk)
            // MariaDB keeps a SET DEFAULT as RESTRICT; MySQL rejects the key.
            && !(fk.ignored_set_default
                && self
                    .target
                    .is_some_and(|t| t.server == crate::server::Server::MySql))
    }

    /// [`Catalog::server_accepts`] leaving the referential actions out (FK401 judges those).
    pub fn server_accepts_but_for_actions(&self, fk: &ForeignKey) -> bool {
        fk.missing_columns.is_empty()
            && fk.reference().is_some_and(|r| {
                r.missing_columns.is_empty()
                    && matches!(
                        r.key,
                        KeyMatch::PrimaryKey | KeyMatch::Unique | KeyMatch::IndexPrefix
                    )
                    && r.ref_columns.len() == fk.columns.len()
                    && r.pairs.iter().all(|p| match (&p.fk_type, &p.ref_type) {
                        (Some(a), Some(b)) => {
                            crate::types::relate(a, b) != crate::types::TypeRelation::Incompatible
                        }
                        _ => true,
                    })
            })
    }
}
