//! What the catalog holds: tables, columns, keys, indexes and foreign keys, each with where it was written and
//! what later happened to it.

use crate::events::{ForeignKeyDef, StmtRef};
use crate::ident::QualName;
use crate::source::Location;
use crate::types::SqlType;

pub type TableId = usize;
pub type ForeignKeyId = usize;

/// A foreign key MySQL parsed and dropped because its table's engine has none (MyISAM).
#[derive(Debug, Clone)]
pub struct IgnoredForeignKey {
    pub table: TableId,
    pub def: ForeignKeyDef,
    pub location: Location,
}

/// An `ALTER TABLE` action the server rejects because the dialect has no such action (SQLite).
#[derive(Debug, Clone)]
pub struct UnsupportedAlter {
    /// The table, when it exists.
    pub table: Option<TableId>,
    /// What was attempted, as written (`ADD CONSTRAINT`).
    pub action: String,
    pub constraint: Option<crate::events::ConstraintDef>,
    pub stmt: StmtRef,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// Resolved type (domains replaced by their base type); `None` when unknown.
    pub ty: Option<SqlType>,
    /// The type as written and where (for edits), if written in a statement.
    pub type_text: Option<String>,
    pub type_location: Option<Location>,
    pub not_null: bool,
    /// Where `NOT NULL` is written, when it is.
    pub not_null_location: Option<Location>,
    pub default: Option<String>,
    /// A generated column (`GENERATED ALWAYS AS (expr) STORED | VIRTUAL`).
    pub generated: Option<crate::events::Generated>,
    pub created: StmtRef,
    pub location: Location,
}

/// A primary key or unique constraint (or unique index) that a foreign key may reference.
#[derive(Debug, Clone)]
pub struct Key {
    pub name: String,
    pub columns: Vec<String>,
    pub primary: bool,
    /// Declared with an index (CREATE UNIQUE INDEX) rather than a constraint.
    pub from_index: bool,
    /// `DEFERRABLE`: PostgreSQL refuses to let a foreign key reference it (55000).
    pub deferrable: bool,
    /// PostgreSQL 18's `WITHOUT OVERLAPS` on the last column: only a foreign key with `PERIOD` on that column
    /// may reference it, and every other foreign key must not.
    pub without_overlaps: bool,
    pub created: StmtRef,
    pub dropped: Option<StmtRef>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub id: TableId,
    pub name: QualName,
    pub columns: Vec<Column>,
    pub keys: Vec<Key>,
    pub created: StmtRef,
    /// The table name as written in its CREATE statement.
    pub location: Location,
    pub dropped: Option<StmtRef>,
    /// Earlier names, with the statement that renamed them away.
    pub former_names: Vec<(QualName, StmtRef)>,
    pub partition_of: Option<TableId>,
    /// Its inheritance parents, as its accepted `CREATE TABLE ... INHERITS (...)` made them: an UPDATE, DELETE
    /// or TRUNCATE of a parent without `ONLY` reaches this table's rows too, and its inherited columns can only
    /// be changed through the parent.
    pub inherits: Vec<TableId>,
    /// Parents it may have: `ALTER TABLE ... INHERIT p`, which the server refuses for reasons fklint does not
    /// follow (a CHECK constraint the child lacks), and `INHERITS` of a table that may be a partition.
    pub may_inherit: Vec<TableId>,
    /// Some columns come from `LIKE`, `AS SELECT` or `OF type`: a missing column is not a finding.
    pub columns_incomplete: bool,
    /// `PARTITION BY ...`: unique keys must include the partition columns; indexes cascade to partitions.
    pub partitioned: bool,
    /// How a partitioned table routes rows to its partitions (`None`: not partitioned, or not read).
    pub partition_key: Option<crate::events::PartitionKey>,
    /// The rows a partition takes (`None`: not a partition).
    pub partition_bound: Option<crate::events::PartitionBound>,
    pub persistence: crate::events::Persistence,
    /// PostgreSQL: a foreign table (`CREATE FOREIGN TABLE`), which can neither hold nor be the target of a
    /// foreign key.
    pub foreign: bool,
    /// What a commit does to it (temporary tables).
    pub on_commit: crate::events::OnCommit,
    /// Created or changed by a statement fklint could not fully know (DO block, unreadable statement).
    pub uncertain: bool,
    /// MySQL: the table's default charset and collation (`DEFAULT CHARSET=...`).
    pub default_charset: crate::types::mysql::TableCharset,
    /// MySQL: the storage engine, when written (`myisam`, `innodb`, ...).
    pub engine: Option<String>,
    /// MySQL compares column names without case (table names keep theirs); names stay as written.
    pub columns_ignore_case: bool,
    /// Where another element of its CREATE TABLE's column list would go (a byte offset in `created`'s source).
    pub elements_end: Option<usize>,
}

fn same_name(ignore_case: bool, a: &str, b: &str) -> bool {
    if ignore_case {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

impl Table {
    /// MySQL: whether the table's engine ignores foreign keys (MyISAM, MEMORY, ARCHIVE, ...): only InnoDB
    /// (and NDB) implement them; a table without `ENGINE=` gets the server's default, InnoDB.
    pub fn ignores_foreign_keys(&self) -> bool {
        self.engine
            .as_deref()
            .is_some_and(|e| !matches!(e, "innodb" | "ndb" | "ndbcluster"))
    }
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| self.same_column(&c.name, name))
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        let ignore_case = self.columns_ignore_case;
        self.columns
            .iter_mut()
            .find(|c| same_name(ignore_case, &c.name, name))
    }

    /// Whether two column names of this table name the same column.
    pub fn same_column(&self, a: &str, b: &str) -> bool {
        same_name(self.columns_ignore_case, a, b)
    }

    /// Adds a key. Most tables have one: the first takes room for itself only, not the four a `Vec` starts
    /// with (a table of the 20,000-table chain held 384 bytes it never used).
    pub fn add_key(&mut self, key: Key) {
        if self.keys.capacity() == 0 {
            self.keys.reserve_exact(1);
        }
        self.keys.push(key);
    }

    pub fn primary_key(&self) -> Option<&Key> {
        self.live_keys().find(|k| k.primary)
    }

    pub fn live_keys(&self) -> impl Iterator<Item = &Key> {
        self.keys.iter().filter(|k| k.dropped.is_none())
    }

    /// The table's name as it was just before statement `index` (before later renames).
    pub fn name_at(&self, index: usize) -> &QualName {
        self.former_names
            .iter()
            .find(|(_, renamed)| renamed.index >= index)
            .map_or(&self.name, |(old, _)| old)
    }

    /// Whether the table existed just before statement `index`.
    pub fn exists_before(&self, index: usize) -> bool {
        self.created.index < index && self.dropped.is_none_or(|d| d.index >= index)
    }
}

#[derive(Debug, Clone)]
pub struct Index {
    pub name: Option<String>,
    pub table: TableId,
    /// Key columns; `None` for expressions.
    pub columns: Vec<Option<String>>,
    pub unique: bool,
    pub partial: bool,
    pub created: StmtRef,
    pub dropped: Option<StmtRef>,
}

/// How the referenced columns of a foreign key relate to the referenced table's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyMatch {
    PrimaryKey,
    Unique,
    /// The columns exist but no PK/UNIQUE covers exactly them.
    NotUnique,
    /// `REFERENCES t` without columns, and `t` has no primary key.
    NoPrimaryKey,
    /// The only matching key is DEFERRABLE.
    Deferrable,
    /// MySQL/InnoDB: no PK/UNIQUE is exactly these columns, but an index starts with them, which InnoDB accepts.
    IndexPrefix,
    /// The same, on MySQL 8.4 or later, which refuses it by default (`restrict_fk_on_non_standard_key`).
    NonStandardKey,
}

/// One key of one table: the key a foreign key depends on (dropping it needs CASCADE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyRef {
    pub table: TableId,
    /// Position in that table's `keys`.
    pub index: usize,
}

/// One referencing column next to the column it references, with their types at declaration time.
#[derive(Debug, Clone)]
pub struct ColumnPair {
    pub fk_column: String,
    pub fk_type: Option<SqlType>,
    pub fk_type_text: Option<String>,
    pub fk_type_location: Option<Location>,
    pub ref_column: String,
    pub ref_type: Option<SqlType>,
    pub ref_type_text: Option<String>,
}

/// What a foreign key's `REFERENCES` clause met in a table, at the moment it was declared.
#[derive(Debug, Clone)]
pub struct Reference {
    pub table: TableId,
    /// Referenced columns as written, or the primary key's when none were written.
    pub ref_columns: Vec<String>,
    /// Referenced columns (as written, with their place) that the table does not have.
    pub missing_columns: Vec<crate::ident::Ident>,
    pub key: KeyMatch,
    /// The key PostgreSQL uses: the primary key for `REFERENCES t`, otherwise the oldest non-deferrable key
    /// with exactly these columns (what `transformFkeyCheckAttrs` picks).
    pub key_ref: Option<KeyRef>,
    /// Filled when the column lists have the same length and all columns exist.
    pub pairs: Vec<ColumnPair>,
    /// How PostgreSQL 18 refuses the declaration's use of `PERIOD` / `WITHOUT OVERLAPS`, if it does.
    pub period: Option<super::PeriodMismatch>,
    /// The persistence of the referencing and the referenced table when the key was declared, if PostgreSQL
    /// refuses the pair (42P16). A later `SET LOGGED | UNLOGGED` does not change the verdict on the declaration.
    pub persistence_mismatch: Option<(crate::events::Persistence, crate::events::Persistence)>,
}

/// Whether the referenced table was found when the foreign key was declared.
#[derive(Debug, Clone)]
pub enum Target {
    Found(Reference),
    /// Not found. `suggestion` is the table most likely meant, described as if it had been named.
    Missing {
        suggestion: Option<Reference>,
        reason: SuggestionReason,
        /// Why the name did not resolve, as PostgreSQL reports it.
        cause: MissingCause,
    },
}

/// Why a table was suggested, strongest first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SuggestionReason {
    /// The referenced name is what the table was called before a rename.
    Renamed,
    /// Same name but for letter case (a quoted `"Users"` against an unquoted `users`).
    Case,
    /// Same name in another schema than the ones searched.
    OtherSchema,
    /// Plural for singular or the other way round (`tenant` for `tenants`).
    Number,
    /// A small typo.
    Similar,
    /// Nothing close enough.
    Nothing,
}

/// What PostgreSQL says when a referenced name does not resolve to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingCause {
    /// `relation "x" does not exist` (42P01).
    NoRelation,
    /// `schema "s" does not exist` (3F000).
    NoSchema,
    /// `referenced relation "v" is not a table` (42809): a view or materialized view has the name.
    NotATable,
    /// `referenced relation "ft" is not a table` (42809): a foreign table has the name.
    ForeignTable,
}

#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub id: ForeignKeyId,
    pub table: TableId,
    /// The constraint name as the database stores it (PostgreSQL's default when none was written).
    pub name: String,
    pub named_explicitly: bool,
    /// Where the name is written, when it is (an ORM's made-up name is written nowhere).
    pub name_span: Option<Location>,
    pub def: ForeignKeyDef,
    pub columns: Vec<String>,
    /// The referenced table name, resolved as PostgreSQL would have tried it (first search_path schema when
    /// unqualified and not found).
    pub ref_name: QualName,
    pub target: Target,
    /// Referencing columns (as written) that the table does not have.
    pub missing_columns: Vec<crate::ident::Ident>,
    pub stmt: StmtRef,
    /// The constraint as written.
    pub location: Location,
    /// What to delete to remove it from its statement.
    pub removal: Location,
    /// Added by `ALTER TABLE ... ADD CONSTRAINT` (its own statement) rather than inside CREATE TABLE.
    pub standalone: bool,
    /// The server accepted it without its referenced table (SQLite always does; MySQL with
    /// `FOREIGN_KEY_CHECKS=0`): it binds to whatever table has the name by the end of the migrations.
    pub binds_late: bool,
    /// MySQL: an `ON DELETE/UPDATE SET DEFAULT` InnoDB does not have, kept as RESTRICT (in `def`).
    pub ignored_set_default: bool,
    pub dropped: Option<StmtRef>,
    /// It, its table or its target involve names fklint could not know for sure: rules stay silent.
    pub uncertain: bool,
    /// The partitioned table's foreign key this one became part of when its table was attached as a partition
    /// (PostgreSQL merges a matching foreign key of the partition into the parent's): until DETACH it is that
    /// key's copy, not a key of its own.
    pub clone_of: Option<ForeignKeyId>,
    /// PostgreSQL: its table already has a constraint with this (written) name, so the server refuses it
    /// (42710, `duplicate_object`: what drizzle-kit's `DO` blocks catch).
    pub duplicate_name: bool,
    /// Added to a table that may hold rows: the server validates them and may refuse the key for them, which
    /// fklint does not check, so whether the key exists afterwards is not sure.
    pub validated_rows: bool,
    /// PostgreSQL refuses it for a generated column among its columns.
    pub generated_conflict: Option<GeneratedConflict>,
}

/// Why PostgreSQL refuses a foreign key over a generated column (`ATAddForeignKeyConstraint`, which looks at
/// the referencing columns in order, right after finding them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeneratedConflict {
    /// `ON UPDATE CASCADE | SET NULL | SET DEFAULT` or `ON DELETE SET NULL | SET DEFAULT` would write the
    /// column, which only its expression may (42601).
    Action { column: String, on_update: bool },
    /// A virtual generated column is never stored, so no key can check it (0A000, PostgreSQL 18).
    Virtual { column: String },
}

impl GeneratedConflict {
    pub fn sqlstate(&self) -> &'static str {
        match self {
            GeneratedConflict::Action { .. } => "42601",
            GeneratedConflict::Virtual { .. } => "0A000",
        }
    }
}

impl ForeignKey {
    pub fn is_live(&self) -> bool {
        self.dropped.is_none()
    }

    pub fn reference(&self) -> Option<&Reference> {
        match &self.target {
            Target::Found(reference) => Some(reference),
            Target::Missing { .. } => None,
        }
    }

    pub fn target_table(&self) -> Option<TableId> {
        self.reference().map(|r| r.table)
    }
}

/// A statement that PostgreSQL rejects because foreign keys depend on what it drops.
#[derive(Debug, Clone)]
pub struct DropConflict {
    pub stmt: StmtRef,
    /// What the statement drops, for messages (`table users`, `column users.id`, `constraint users_pkey`).
    pub what: String,
    pub location: Location,
    pub foreign_keys: Vec<ForeignKeyId>,
    /// With CASCADE the drop happens and silently drops these foreign keys.
    pub cascade: bool,
}

/// A statement PostgreSQL refuses for a reason other than a foreign key, which fklint is sure of. It has no
/// effect, and statements that then fail because of it name it as their root cause.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub stmt: StmtRef,
    /// The part of the statement that is refused.
    pub location: Location,
    pub reason: RefusalReason,
    /// The table it is about, then the other table involved (the parent, a child), when there are.
    pub tables: Vec<TableId>,
    /// The columns it is about.
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalReason {
    /// Syntax the target PostgreSQL version does not have yet (42601).
    NewerSyntax { what: &'static str, since: u32 },
    /// Syntax no PostgreSQL version accepts (42601), which FK001 reports: the statement does nothing.
    SyntaxError,
    /// `CREATE DOMAIN ... REFERENCES` (42601, "foreign key constraints not possible for domains"), which FK001
    /// reports: the domain is not created.
    DomainForeignKey,
    /// `DROP TABLE` without CASCADE of a table others inherit from (2BP01).
    InheritedBy {
        table: String,
        children: Vec<String>,
    },
    /// Dropping, renaming or retyping a column in a table that inherits it (42P16).
    InheritedColumn {
        table: String,
        column: String,
        parent: String,
        action: &'static str,
    },
    /// `DROP TABLE` of a table that no longer exists, without `IF EXISTS` (42P01): nothing is dropped.
    MissingTable { name: String },
    /// `CREATE TABLE ... INHERITS` a partitioned table (42809).
    InheritsPartitioned { table: String, parent: String },
    /// `ALTER TABLE ONLY t ADD FOREIGN KEY` of a partitioned table: its partitions must have the key too (42809).
    OnlyForeignKeyOnPartitioned { table: String, referenced: String },
    /// `ATTACH PARTITION` of a table that a foreign key of the partitioned table (or of a table it is a
    /// partition of) references: the partition would have to reference itself (0A000).
    AttachReferenced {
        table: String,
        parent: String,
        constraint: String,
    },
    /// An UPDATE through a partitioned table that moves a row out of a partition below a (non-root) partitioned
    /// table that a foreign key references directly (0A000): PostgreSQL cannot enforce that key across the move.
    CrossPartitionMove { table: String, referenced: String },
    /// A foreign key a foreign table would hold (`CREATE FOREIGN TABLE`, `ALTER [FOREIGN] TABLE ... ADD`, or as a
    /// partition, a copy of its parents' keys): PostgreSQL has none on them (0A000), whatever the key references.
    ForeignKeyOnForeignTable {
        /// The foreign table.
        table: String,
        /// The partitioned table the key is added to, when the foreign table is one of its partitions.
        through: Option<String>,
        key: Box<crate::events::ForeignKeyDef>,
    },
    /// Renaming a column of `ONLY` a table that others inherit it from (42P16).
    PassedOnColumn {
        table: String,
        column: String,
        child: String,
    },
}

impl RefusalReason {
    pub fn sqlstate(&self) -> &'static str {
        match self {
            RefusalReason::NewerSyntax { .. }
            | RefusalReason::SyntaxError
            | RefusalReason::DomainForeignKey => "42601",
            RefusalReason::InheritedBy { .. } => "2BP01",
            RefusalReason::InheritsPartitioned { .. }
            | RefusalReason::OnlyForeignKeyOnPartitioned { .. } => "42809",
            RefusalReason::MissingTable { .. } => "42P01",
            RefusalReason::AttachReferenced { .. } | RefusalReason::CrossPartitionMove { .. } => {
                "0A000"
            }
            // Declared on it, PostgreSQL refuses the key while reading the statement; a partition's copy of its
            // parents' key is refused as the wrong kind of table.
            RefusalReason::ForeignKeyOnForeignTable { through: None, .. } => "0A000",
            RefusalReason::ForeignKeyOnForeignTable {
                through: Some(_), ..
            } => "42809",
            RefusalReason::InheritedColumn { .. } | RefusalReason::PassedOnColumn { .. } => "42P16",
        }
    }
}

/// An `ALTER COLUMN ... TYPE` that PostgreSQL rejects because a foreign key on the column could no longer be
/// implemented (42804).
#[derive(Debug, Clone)]
pub struct TypeConflict {
    pub stmt: StmtRef,
    /// The new type as written.
    pub location: Location,
    pub foreign_key: ForeignKeyId,
    /// `table.column` being changed.
    pub column: String,
    pub new_type: SqlType,
    /// `table.column` on the other side of the foreign key, and its type.
    pub other_column: String,
    pub other_type: SqlType,
}

/// A function or procedure the migrations define.
#[derive(Debug, Clone)]
pub struct Function {
    pub name: QualName,
    pub def: crate::events::FunctionDef,
    pub stmt: StmtRef,
}

/// A trigger on a table.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub table: TableId,
    pub def: crate::events::TriggerDef,
    pub stmt: StmtRef,
}
