//! PostgreSQL foreign tables (`CREATE FOREIGN TABLE`): their rows live on another server, so they hold no
//! foreign keys, and none can reference them (42809, resolved where a key's target is looked up). A statement
//! that would give one a foreign key is refused while PostgreSQL reads it (0A000, "foreign key constraints are
//! not supported on foreign tables"), whatever the key references, and so is one that makes a foreign table a
//! partition of a table with foreign keys, or adds a foreign key to a partitioned table with a foreign
//! partition: every partition holds a copy of its parents' keys.

use super::{Catalog, Refusal, RefusalReason, TableId};
use crate::events::{ConstraintDef, ConstraintKind, ForeignKeyDef, StmtRef};
use crate::source::Location;

impl Catalog {
    /// A foreign key among the constraints a statement gives `table`, which is a foreign table or a partitioned
    /// table with a foreign partition: the statement is refused, and nothing of it happens.
    pub(super) fn refuses_foreign_table_key(
        &mut self,
        table: TableId,
        constraints: &[ConstraintDef],
        stmt: StmtRef,
    ) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return false;
        }
        let Some((constraint, fk)) = constraints.iter().find_map(|c| match &c.kind {
            ConstraintKind::ForeignKey(fk) => Some((c, fk)),
            _ => None,
        }) else {
            return false;
        };
        let holder = if self.tables[table].foreign {
            table
        } else if let Some(partition) = self.foreign_partition(table) {
            partition
        } else {
            return false;
        };
        let columns = fk.columns.iter().map(|c| c.value.clone()).collect();
        let through = (holder != table).then_some(table);
        let location = stmt.at(constraint.span);
        self.refuse_foreign_table_key(table, holder, through, fk, location, columns, stmt);
        true
    }

    /// `CREATE FOREIGN TABLE ... PARTITION OF parent` or `ATTACH PARTITION` of a foreign table, when the parent
    /// (or one of its own parents) has a foreign key the new partition would have to hold.
    pub(super) fn refuses_foreign_partition(
        &mut self,
        partition: TableId,
        parent: TableId,
        location: Location,
        stmt: StmtRef,
    ) -> bool {
        if self.dialect != crate::dialect::Dialect::Postgres || !self.tables[partition].foreign {
            return false;
        }
        let owners: Vec<TableId> = std::iter::once(parent)
            .chain(self.partition_ancestors(parent))
            .collect();
        let Some(key) = self
            .foreign_keys
            .iter()
            .find(|fk| fk.is_live() && owners.contains(&fk.table) && !fk.uncertain)
            .map(|fk| (fk.def.clone(), fk.columns.clone()))
        else {
            return false;
        };
        let (def, columns) = key;
        let through = Some(parent);
        self.refuse_foreign_table_key(partition, partition, through, &def, location, columns, stmt);
        true
    }

    /// Whether no foreign key can be added to `table`: a foreign table, or a partitioned table with a foreign
    /// partition (PostgreSQL refuses both).
    pub fn holds_no_foreign_keys(&self, table: TableId) -> bool {
        self.dialect == crate::dialect::Dialect::Postgres
            && (self.tables[table].foreign || self.foreign_partition(table).is_some())
    }

    /// A foreign partition of `table`, at any depth, if it has one.
    fn foreign_partition(&self, table: TableId) -> Option<TableId> {
        if !self.tables[table].partitioned {
            return None;
        }
        self.standing_tables()
            .filter(|t| t.foreign && t.partition_of.is_some())
            .find(|t| self.partition_ancestors(t.id).contains(&table))
            .map(|t| t.id)
    }

    /// Records the refusal: `subject` is the table the statement is about, `holder` the foreign table that would
    /// hold the key, `through` the partitioned table it would get the key from.
    #[allow(clippy::too_many_arguments)]
    fn refuse_foreign_table_key(
        &mut self,
        subject: TableId,
        holder: TableId,
        through: Option<TableId>,
        key: &ForeignKeyDef,
        location: Location,
        columns: Vec<String>,
        stmt: StmtRef,
    ) {
        let through = through.map(|parent| self.tables[parent].name.name.clone());
        self.refusals.push(Refusal {
            stmt,
            location,
            reason: RefusalReason::ForeignKeyOnForeignTable {
                table: self.tables[holder].name.name.clone(),
                through,
                key: Box::new(key.clone()),
            },
            tables: vec![subject],
            columns,
        });
    }
}
