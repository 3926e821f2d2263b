//! The one vocabulary every front end emits: schema events with the places they were written. The catalog
//! replays them in order. SQL is the first front end; SQLAlchemy and Alembic will emit the same events.

use std::borrow::Cow;

use crate::ident::{Ident, ObjName};
use crate::source::{Location, SourceId, Span};

/// The statement an event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StmtRef {
    /// Position in the whole run (across sources), so "earlier" and "later" are comparisons.
    pub index: usize,
    pub source: SourceId,
    /// The statement text without the terminating `;`.
    pub span: Span,
}

impl StmtRef {
    pub fn location(&self) -> Location {
        Location {
            source: self.source,
            span: self.span,
        }
    }

    pub fn at(&self, span: Span) -> Location {
        Location {
            source: self.source,
            span,
        }
    }
}

/// A type as written, with its place (for edits that change it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    pub text: String,
    pub span: Span,
}

/// `ON DELETE` / `ON UPDATE` behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RefAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    /// `SET NULL`, optionally limited to some columns (PostgreSQL 15+).
    SetNull(Vec<Ident>),
    SetDefault(Vec<Ident>),
}

impl RefAction {
    /// As `pg_get_constraintdef` and the schema JSON print it.
    pub fn sql(&self) -> String {
        let with_columns = |keyword: &str, columns: &[Ident]| {
            if columns.is_empty() {
                keyword.to_string()
            } else {
                let names: Vec<String> = columns
                    .iter()
                    .map(|c| crate::ident::quote_if_needed(&c.value))
                    .collect();
                format!("{keyword} ({})", names.join(", "))
            }
        };
        match self {
            RefAction::NoAction => "NO ACTION".into(),
            RefAction::Restrict => "RESTRICT".into(),
            RefAction::Cascade => "CASCADE".into(),
            RefAction::SetNull(columns) => with_columns("SET NULL", columns),
            RefAction::SetDefault(columns) => with_columns("SET DEFAULT", columns),
        }
    }
}

/// A `REFERENCES` clause, inline on a column or as a table constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKeyDef {
    pub columns: Vec<Ident>,
    pub ref_table: ObjName,
    /// `None` when written `REFERENCES t` (the primary key is meant).
    pub ref_columns: Option<Vec<Ident>>,
    pub on_delete: RefAction,
    pub on_update: RefAction,
    /// Where `ON DELETE <action>` is written, for fixes that change it.
    pub on_delete_span: Option<Span>,
    pub on_update_span: Option<Span>,
    /// Where referential actions may be written into the clause (after its referenced columns, `MATCH` and
    /// actions; before `DEFERRABLE`, `NOT VALID` ...), noted while the clause is read so that no fix reads the
    /// text again. `None` where the clause is not SQL (models, ORM schemas): a fix then adds at its end.
    pub actions_at: Option<usize>,
    pub deferrable: bool,
    pub initially_deferred: bool,
    pub match_full: bool,
    pub not_valid: bool,
    /// `NOT ENFORCED` (PostgreSQL 18): the key is recorded but not checked.
    pub not_enforced: bool,
    /// Written inline on a column (`col int REFERENCES t`).
    pub inline: bool,
    /// PostgreSQL 18's temporal key: the last referencing column is written `PERIOD col` (its range must be
    /// covered by the referenced rows' ranges, not equal to one of them).
    pub period: bool,
    /// The last referenced column is written `PERIOD col`.
    pub ref_period: bool,
}

/// One constraint of a table.
// Boxing `ForeignKeyDef` would only add noise: a few constraints exist per statement.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConstraintKind {
    PrimaryKey(Vec<Ident>),
    /// `UNIQUE (cols)`; `nulls_not_distinct` does not change FK eligibility.
    Unique(Vec<Ident>),
    ForeignKey(ForeignKeyDef),
    /// CHECK, EXCLUDE, NOT NULL constraints: named, but not keys.
    Other,
    /// PostgreSQL 18's `PRIMARY KEY | UNIQUE (cols, period WITHOUT OVERLAPS)`: an exclusion constraint whose last
    /// column (a range or multirange) may not overlap between rows with equal other columns; only a temporal
    /// foreign key (`PERIOD`) may reference it.
    WithoutOverlaps {
        primary: bool,
        columns: Vec<Ident>,
    },
    /// `PRIMARY KEY USING INDEX idx` / `UNIQUE USING INDEX idx`: the columns are the index's.
    KeyUsingIndex {
        primary: bool,
        index: Ident,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintDef {
    pub name: Option<Ident>,
    pub kind: ConstraintKind,
    /// The whole element (`CONSTRAINT x FOREIGN KEY ... ` or the inline clause).
    pub span: Span,
    /// What to delete to remove the constraint from the text (the element plus its separating comma).
    pub removal: Span,
    /// `DEFERRABLE`: a deferrable PRIMARY KEY or UNIQUE cannot be referenced.
    pub deferrable: bool,
}

/// A column definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDef {
    pub name: Ident,
    /// `None` for partition children that only add constraints (`col WITH OPTIONS ...`).
    pub ty: Option<TypeRef>,
    pub not_null: bool,
    /// Where `NOT NULL` is written on the column, for fixes that remove it.
    pub not_null_span: Option<Span>,
    /// The default expression as written, if any.
    pub default: Option<String>,
    /// Generated / identity columns are never NULL-able through FK actions in the usual sense; kept for rules.
    pub identity: bool,
    /// `GENERATED ALWAYS AS (expr) STORED | VIRTUAL`: the server computes the value.
    pub generated: Option<Generated>,
    pub span: Span,
}

/// A generated column's kind and expression (`GENERATED ALWAYS AS (expr) STORED | VIRTUAL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `VIRTUAL` (PostgreSQL 18, its default): computed when read, never stored; no foreign key may use it.
    pub virtual_column: bool,
    /// The expression inside the parentheses, as written.
    pub expression: String,
}

/// An index key column (expressions are kept as `None`: they never serve an FK lookup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDef {
    pub name: Option<Ident>,
    pub table: ObjName,
    pub columns: Vec<Option<Ident>>,
    pub unique: bool,
    /// `WHERE ...` partial index: not usable as an FK's referenced key.
    pub partial: bool,
    pub if_not_exists: bool,
    /// `ON ONLY parent` (pg_dump's partitioned index).
    pub only: bool,
}

/// What a statement did to the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    CreateSchema {
        name: Ident,
        if_not_exists: bool,
    },
    /// `CREATE SCHEMA s CREATE TABLE ...`: the elements are created in, and look names up first in, `s`.
    EnterSchema {
        schema: String,
    },
    LeaveSchema,
    DropSchema {
        names: Vec<Ident>,
        cascade: bool,
    },
    SetSearchPath {
        schemas: Vec<String>,
    },
    /// MySQL's `SET FOREIGN_KEY_CHECKS = 0|1`: while off, an FK may name a table that does not exist yet (it
    /// binds when the table appears) and a referenced table may be dropped.
    SetForeignKeyChecks {
        on: bool,
    },
    /// MySQL's `ALTER TABLE t [DEFAULT] CHARSET=x [COLLATE=y]` (new columns) or `CONVERT TO CHARACTER SET x`
    /// (every string column too).
    SetTableCharset {
        table: ObjName,
        charset: crate::types::mysql::TableCharset,
        convert: bool,
    },
    /// MySQL's `ALTER TABLE t ENGINE=x`.
    SetEngine {
        table: ObjName,
        engine: String,
    },
    /// An `ALTER TABLE` action the dialect does not have (SQLite can only rename and add or drop columns): the
    /// server rejects the statement, and nothing changes.
    UnsupportedAlter {
        table: ObjName,
        /// What was attempted, as written (`ADD CONSTRAINT`, `ALTER COLUMN`).
        action: String,
        /// The constraint it tried to add, if it was one.
        constraint: Option<ConstraintDef>,
    },
    /// libSQL's `ALTER TABLE t ALTER COLUMN c TO <column definition>`: the column's type, constraints and inline
    /// `REFERENCES` become the new definition (existing rows are not re-checked). Stock SQLite has no such
    /// action: the catalog replays it only when the target is libSQL, and otherwise records it as an
    /// [`EventKind::UnsupportedAlter`].
    RedefineColumn {
        table: ObjName,
        /// The column as the action names it (before `TO`).
        from: Ident,
        column: ColumnDef,
        /// The constraints written inline in the new definition (`REFERENCES`, `UNIQUE`, ...).
        constraints: Vec<ConstraintDef>,
    },
    /// `RESET search_path`, `SET search_path TO DEFAULT`: back to the path the session started with, which is
    /// the configured one (`Options::search_path`), not necessarily PostgreSQL's `"$user", public`.
    ResetSearchPath,
    CreateTable(CreateTable),
    DropTable {
        names: Vec<ObjName>,
        if_exists: bool,
        cascade: bool,
    },
    RenameTable {
        table: ObjName,
        to: Ident,
    },
    SetTableSchema {
        table: ObjName,
        schema: Ident,
    },
    /// PostgreSQL's `ALTER TABLE t SET LOGGED | UNLOGGED`.
    SetPersistence {
        table: ObjName,
        persistence: Persistence,
        /// The `SET LOGGED` / `SET UNLOGGED` action as written.
        span: Span,
    },
    AddColumn {
        table: ObjName,
        column: ColumnDef,
        constraints: Vec<ConstraintDef>,
        if_not_exists: bool,
    },
    DropColumn {
        table: ObjName,
        column: Ident,
        if_exists: bool,
        cascade: bool,
    },
    RenameColumn {
        table: ObjName,
        from: Ident,
        to: Ident,
        /// PostgreSQL's `ALTER TABLE ONLY t`: the tables inheriting from `t` are not renamed with it (which it
        /// refuses when there are any).
        only: bool,
    },
    AlterColumnType {
        table: ObjName,
        column: Ident,
        ty: TypeRef,
        /// PostgreSQL: `COLLATE` follows the type (rejected when the type has no collation, like `int`).
        collate: bool,
    },
    SetNotNull {
        table: ObjName,
        column: Ident,
        not_null: bool,
    },
    SetDefault {
        table: ObjName,
        column: Ident,
        default: Option<String>,
    },
    AddConstraint {
        table: ObjName,
        constraint: ConstraintDef,
        only: bool,
    },
    DropConstraint {
        table: ObjName,
        name: Ident,
        if_exists: bool,
        cascade: bool,
    },
    RenameConstraint {
        table: ObjName,
        from: Ident,
        to: Ident,
    },
    /// `ALTER TABLE t ALTER CONSTRAINT name [[NOT] DEFERRABLE] [INITIALLY DEFERRED | IMMEDIATE] [[NOT]
    /// ENFORCED]`: what is written changes, the rest stays (`None`).
    AlterConstraint {
        table: ObjName,
        name: Ident,
        deferrable: Option<bool>,
        initially_deferred: Option<bool>,
        enforced: Option<bool>,
    },
    /// `ALTER TABLE t VALIDATE CONSTRAINT name`: a NOT VALID foreign key checks the existing rows.
    ValidateConstraint {
        table: ObjName,
        name: Ident,
    },
    AttachPartition {
        parent: ObjName,
        child: ObjName,
        /// `FOR VALUES ...` or `DEFAULT`.
        bound: PartitionBound,
    },
    DetachPartition {
        parent: ObjName,
        child: ObjName,
    },
    /// `ALTER TABLE t INHERIT parent` (`inherit`) / `NO INHERIT parent`.
    SetInheritance {
        table: ObjName,
        parent: ObjName,
        inherit: bool,
    },
    CreateIndex(IndexDef),
    DropIndex {
        names: Vec<ObjName>,
        if_exists: bool,
        cascade: bool,
    },
    RenameIndex {
        index: ObjName,
        to: Ident,
    },
    CreateEnum {
        name: ObjName,
    },
    CreateDomain {
        name: ObjName,
        base: TypeRef,
    },
    DropType {
        names: Vec<ObjName>,
    },
    CreateExtension {
        name: String,
    },
    /// `CREATE [MATERIALIZED] VIEW`: its name (it cannot be referenced), and every name its query mentions:
    /// the relations a data statement on the view writes through are among them.
    CreateView {
        name: ObjName,
        mentions: Vec<ObjName>,
    },
    /// `CREATE [OR REPLACE] FUNCTION | PROCEDURE`: the rows its body writes (FK304, FK305).
    CreateFunction(FunctionDef),
    /// `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER ... ON table ... EXECUTE FUNCTION f()`.
    CreateTrigger(TriggerDef),
    /// `TRUNCATE [TABLE] [ONLY] t [*], ... [CASCADE]`.
    Truncate {
        names: Vec<ObjName>,
        cascade: bool,
    },
    /// PostgreSQL's transaction statements (see [`Transaction`]).
    Transaction(Transaction),
    /// A statement PostgreSQL's grammar rejects whole for what fklint read (key characteristics that contradict
    /// each other, 42601): it has no effect, and aborts its transaction block. FK001 reports it.
    SyntaxError {
        span: Span,
    },
    /// `CREATE DOMAIN ... REFERENCES ...`: a domain cannot have a foreign key, so PostgreSQL rejects the
    /// statement (42601) and the domain does not exist. `span`: the `REFERENCES`.
    DomainForeignKey {
        span: Span,
    },
    /// A statement that may change the schema but was not understood: rules must not judge these names.
    Uncertain {
        names: Vec<ObjName>,
    },
    /// SQL run whose text fklint cannot know (MySQL's `EXECUTE` of a `CONCAT` with a variable): the names
    /// become uncertain like [`EventKind::Uncertain`], and so do the foreign keys the named tables hold (the
    /// text may have dropped or added any of them). `drops_keys` when the known part of the text drops a key
    /// or a table (`... DROP FOREIGN KEY `, `@fk`): those keys are taken as gone, not left in the graph.
    UnknownSql {
        names: Vec<ObjName>,
        drops_keys: bool,
    },
    /// Rows written or removed by `INSERT` / `UPDATE` / `DELETE` / `COPY` (see [`DataEvent`]).
    Data(DataEvent),
    /// `COPY table [(columns)] FROM STDIN [WHERE ...]`: whether the server accepts it decides how psql reads
    /// the lines after it (see [`CopyBlock`]).
    CopyFromStdin(CopyFromStdin),
    /// Where the statement reading of a COPY's data block starts and ends (see [`CopyBlock`]).
    CopyBlock(CopyBlock),
    /// `SET CONSTRAINTS ALL | name, ... DEFERRED | IMMEDIATE` (`names` is `None` for `ALL`).
    SetConstraints {
        names: Option<Vec<ObjName>>,
        deferred: bool,
    },
    /// A `DO` block's outermost `EXCEPTION` clause: the conditions its handlers catch. An error one of them
    /// catches rolls the block's statements back and the `DO` succeeds; any other error rejects it.
    ExceptionHandlers {
        catches: Vec<Caught>,
    },
    /// Roles, table privileges, ownership and row-level security: who runs the statements and what the
    /// server lets them do (see [`Access`]).
    Access(Access),
    /// The statements of a `DO` block run one after the other, and the first error ends the block: the events
    /// up to the next `BlockStatement` (or the end of the `DO`) are one statement of the block. `conditional`
    /// when it sits under `IF`, a loop or a nested block: it may not run at all.
    BlockStatement {
        conditional: bool,
    },
}

impl EventKind {
    /// The table an `ALTER TABLE` action changes.
    pub fn altered_table(&self) -> Option<&ObjName> {
        match self {
            EventKind::AddColumn { table, .. }
            | EventKind::DropColumn { table, .. }
            | EventKind::RenameColumn { table, .. }
            | EventKind::AlterColumnType { table, .. }
            | EventKind::SetNotNull { table, .. }
            | EventKind::SetDefault { table, .. }
            | EventKind::AddConstraint { table, .. }
            | EventKind::DropConstraint { table, .. }
            | EventKind::RenameConstraint { table, .. }
            | EventKind::RenameTable { table, .. } => Some(table),
            _ => None,
        }
    }
}

/// What one `WHEN` of an exception handler catches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caught {
    /// `OTHERS`: every error (but a cancel or a failed assertion, which DDL never raises).
    Others,
    /// A condition by its SQLSTATE (`duplicate_object` is `42710`); a class (`42000`) catches its whole class.
    Sqlstate(String),
}

impl Caught {
    /// Whether this handler catches an error with `sqlstate`, as PL/pgSQL matches conditions.
    pub fn catches(&self, sqlstate: &str) -> bool {
        match self {
            Caught::Others => true,
            Caught::Sqlstate(code) if code == sqlstate => true,
            Caught::Sqlstate(code) => {
                code.ends_with("000")
                    && code.get(..2).is_some()
                    && code.get(..2) == sqlstate.get(..2)
            }
        }
    }
}

/// `BEGIN` / `START TRANSACTION`, `COMMIT` / `END`, `ROLLBACK` / `ABORT`, `SAVEPOINT s`, `ROLLBACK TO [SAVEPOINT]
/// s`, `RELEASE [SAVEPOINT] s`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transaction {
    Begin,
    Commit,
    Rollback,
    Savepoint(String),
    RollbackTo(String),
    Release(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateTable {
    pub name: ObjName,
    pub if_not_exists: bool,
    pub columns: Vec<ColumnDef>,
    /// Inline column constraints (with the column they belong to) and table constraints, in written order.
    pub constraints: Vec<ConstraintDef>,
    /// `PARTITION OF parent`.
    pub partition_of: Option<ObjName>,
    /// `INHERITS (parents)`: columns come from the parents; FKs are not inherited.
    pub inherits: Vec<ObjName>,
    /// `LIKE other INCLUDING ...` / `AS SELECT` / `OF type`: the column list is not all written here.
    pub columns_incomplete: bool,
    pub partitioned: bool,
    /// `PARTITION BY RANGE | LIST | HASH (...)`: how rows are routed to the partitions.
    pub partition_key: Option<PartitionKey>,
    /// A partition's `FOR VALUES ...` or `DEFAULT`.
    pub partition_bound: Option<PartitionBound>,
    pub persistence: Persistence,
    /// PostgreSQL's `CREATE FOREIGN TABLE`: its rows live on another server, so it can neither hold a foreign
    /// key nor be referenced by one.
    pub foreign: bool,
    /// PostgreSQL's `ON COMMIT PRESERVE ROWS | DELETE ROWS | DROP` of a temporary table.
    pub on_commit: OnCommit,
    /// MySQL's table options `DEFAULT CHARSET=` and `COLLATE=`: the charset of its string columns that name
    /// none (an FK between string columns needs the same charset and collation).
    pub default_charset: crate::types::mysql::TableCharset,
    /// MySQL's `ENGINE=` (lower case), when written.
    pub engine: Option<String>,
    /// Where another element of the column list would go: the end of the last element written (just after
    /// `(` when there is none); `None` without a column list. A fix that moves a constraint into the CREATE
    /// TABLE inserts it here.
    pub elements_end: Option<usize>,
    /// PostgreSQL: the newest syntax written here that not every release fklint models has
    /// (`CONSTRAINT n NOT NULL col`, `NOT NULL ... NO INHERIT`, virtual generated columns: 18). An older target
    /// rejects the statement (42601).
    pub needs_postgres: Option<NewerSyntaxUse>,
}

/// Syntax a statement uses that PostgreSQL has only since some release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewerSyntaxUse {
    /// As a finding names it.
    pub what: &'static str,
    /// The first major version that accepts it.
    pub since: u32,
    pub span: Span,
}

/// Whether a table survives a crash and is visible to other sessions; foreign keys may only point "up" this
/// list (PostgreSQL: permanent → permanent, unlogged → permanent or unlogged, temporary → temporary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Persistence {
    #[default]
    Permanent,
    Unlogged,
    Temporary,
}

impl Persistence {
    pub fn keyword(self) -> &'static str {
        match self {
            Persistence::Permanent => "permanent",
            Persistence::Unlogged => "UNLOGGED",
            Persistence::Temporary => "TEMPORARY",
        }
    }

    /// Whether a table of this persistence may have a foreign key to a table of `target`'s: PostgreSQL's rule
    /// (`ATAddForeignKeyConstraint`). Permanent tables reference permanent ones, unlogged tables anything but
    /// temporary ones, temporary tables only temporary ones.
    pub fn may_reference(self, target: Persistence) -> bool {
        match self {
            Persistence::Permanent => target == Persistence::Permanent,
            Persistence::Unlogged => target != Persistence::Temporary,
            Persistence::Temporary => target == Persistence::Temporary,
        }
    }
}

/// What the end of a transaction does to a temporary table (`ON COMMIT ...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnCommit {
    #[default]
    PreserveRows,
    /// Emptied at each commit, as if truncated: other tables may not reference it unless emptied with it.
    DeleteRows,
    /// Dropped at the commit of the transaction that created it (with CASCADE).
    Drop,
}

/// One event with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub stmt: StmtRef,
    pub kind: EventKind,
}

/// Events in replay order: borrowed from a run's list (each database, each down check picks its own), or owned,
/// moved out of a list nothing reads again, so that each is dropped as soon as it is replayed.
pub type EventStream<'e> = dyn Iterator<Item = Cow<'e, Event>> + 'e;

/// What a data statement did to the rows of a table, as far as its literals tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataEvent {
    Insert(InsertRows),
    /// `DELETE FROM t WHERE key = literal` / `IN (literals)`.
    Delete(DeleteRows),
    /// `UPDATE t SET col = literal, ... WHERE key = literal` / `IN (literals)`.
    Update(UpdateRows),
    /// The rows of these tables are no longer known (COPY, unreadable or non-literal DML, DML in DO blocks).
    Unknown {
        names: Vec<ObjName>,
    },
    /// Nothing about any table's rows can be known from here on (event triggers, `session_replication_role`).
    AllUnknown,
    /// A rule, or a trigger whose function may write other tables, now runs on the table's `events` (`insert`,
    /// `update`, `delete`, `truncate`): each such statement on it (or cascading into it) may write `writes`
    /// (`None`: any table), and may not write the table itself (an `INSTEAD` rule).
    HiddenWriter {
        table: ObjName,
        events: Vec<String>,
        writes: Option<Vec<ObjName>>,
    },
}

/// `COPY table [(columns)] FROM STDIN [WHERE condition]`, as far as the server's checks before it reads data
/// go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyFromStdin {
    pub table: ObjName,
    /// `None`: every column of the table.
    pub columns: Option<Vec<Ident>>,
    /// The names the `WHERE` condition mentions (a column, or the table's name for its whole row).
    pub where_names: Vec<Ident>,
}

/// A COPY's data block has two readings (`split::rejected_copy_reading`): data, when the server accepts the
/// COPY; psql script, when it rejects it. The events of the script reading are bracketed by these marks, on
/// the COPY's own statement; the replay runs them only when it rejects that COPY.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyBlock {
    /// The script reading of the block `data` (in the COPY's source) starts.
    Statements { data: Span },
    /// It ends. `glues_next`: the index of the statement after the block, which psql sends glued to the
    /// block's last unterminated lines (a statement the server rejects, so it never runs).
    End { glues_next: Option<usize> },
}

/// `INSERT INTO table [(columns)] VALUES (...), ... [ON CONFLICT ...]` or `SELECT` of literals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsertRows {
    pub table: ObjName,
    /// `None`: the table's columns in order.
    pub columns: Option<Vec<Ident>>,
    pub rows: Vec<DataRow>,
    pub on_conflict: Option<OnConflict>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRow {
    pub values: Vec<DataValue>,
    /// From the first to the last value.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataValue {
    pub value: Value,
    pub span: Span,
}

/// A value as written: a literal fklint can compare, `DEFAULT`, or something only the server knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A numeric literal as written (`-1`, `2.50`).
    Number(String),
    /// A string literal's content (casts like `'x'::uuid` are read through).
    Str(String),
    Default,
    /// Functions, subqueries, sequences, parameters, expressions.
    Unknown,
}

/// `ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnConflict {
    /// The conflict target columns; `None` without a target or with `ON CONSTRAINT`.
    pub target: Option<Vec<Ident>>,
    /// `None` for `DO NOTHING`; the assigned columns for `DO UPDATE`.
    pub update: Option<Vec<Ident>>,
    pub span: Span,
}

/// One term of a literal row condition: `column = literal`, `column IN (literals)`, or a range operator with a
/// range literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTerm {
    pub column: Ident,
    pub op: TermOp,
    /// The literals (one for a range operator, whose value is a range or multirange literal's text).
    pub values: Vec<DataValue>,
}

/// How a condition term compares its column with its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermOp {
    /// `=` or `IN`.
    Equals,
    /// `@>`: the column's range contains the literal's (a `::date` element is read as its one-day range).
    Contains,
    /// `<@`: the column's range lies within the literal's.
    ContainedBy,
    /// `&&`: the two share a point.
    Overlaps,
}

/// `DELETE FROM table [WHERE term AND term ...]` (no WHERE: every row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteRows {
    pub table: ObjName,
    pub condition: Vec<KeyTerm>,
    /// The rest of the condition (comparisons, OR, NOT, ...), which a selected row satisfies too.
    pub filter: Option<Predicate>,
}

/// `UPDATE table SET column = value, ... [WHERE term AND term ...]` (no WHERE: every row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRows {
    pub table: ObjName,
    pub set: Vec<Assignment>,
    pub condition: Vec<KeyTerm>,
    /// The rest of the condition (comparisons, OR, NOT, ...), which a selected row satisfies too.
    pub filter: Option<Predicate>,
}

/// `column = value` of an UPDATE's SET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub column: Ident,
    /// The value as a literal (or `DEFAULT`, or unknown), spanning the whole expression.
    pub value: DataValue,
    /// The expression when it reads the row (`id + 1`): evaluated on each old row.
    pub expr: Option<RowExpr>,
}

/// An expression over one row's columns and literals, as far as fklint evaluates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowExpr {
    /// A literal, or a value only the server knows (`Value::Unknown`).
    Value(DataValue),
    /// A column of the row.
    Column(Ident),
    /// `left + right`, `left - right`, `left * right`.
    Arith(ArithOp, Box<RowExpr>, Box<RowExpr>),
    /// `- operand`.
    Negate(Box<RowExpr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Subtract,
    Multiply,
}

/// A condition on one row, in SQL's three-valued logic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Predicate {
    /// `left op right` with `=`, `<>`/`!=`, `<`, `<=`, `>`, `>=`.
    Compare(CompareOp, RowExpr, RowExpr),
    /// `expr IS [NOT] NULL`.
    IsNull {
        expr: RowExpr,
        negated: bool,
    },
    /// `expr [NOT] IN (values)`.
    In {
        expr: RowExpr,
        list: Vec<RowExpr>,
        negated: bool,
    },
    /// `expr [NOT] BETWEEN low AND high`.
    Between {
        expr: RowExpr,
        low: RowExpr,
        high: RowExpr,
        negated: bool,
    },
    And(Vec<Predicate>),
    Or(Vec<Predicate>),
    Not(Box<Predicate>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// A function or procedure, as far as its body shows which rows it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDef {
    pub name: ObjName,
    /// Tables its body inserts into (`INSERT INTO t ...`).
    pub inserts: Vec<ObjName>,
    /// Column values its body writes: `NEW.col := expr` and `INSERT INTO t (col, ...) VALUES (expr, ...)`.
    pub writes: Vec<RowWrite>,
}

/// One value a routine writes into a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowWrite {
    /// `None`: the row of the table whose trigger runs the function (`NEW`).
    pub table: Option<ObjName>,
    pub column: String,
    /// The expression, lower-cased without spaces (`coalesce(auth.uid(),new.x)`), for matching calls.
    pub value: String,
    /// Where the expression is written.
    pub span: Span,
}

/// A trigger: which table, when, on which events, and which function it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerDef {
    pub name: Ident,
    pub table: ObjName,
    /// `BEFORE` (its function may change `NEW`), otherwise `AFTER` / `INSTEAD OF`.
    pub before: bool,
    /// `insert`, `update`, `delete`, `truncate`.
    pub events: Vec<String>,
    pub function: ObjName,
}

/// How a partitioned table routes rows: `PARTITION BY RANGE | LIST | HASH (columns)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionKey {
    pub strategy: PartitionStrategy,
    /// The key columns; `None` when the key has an expression (or a collation or operator class), which
    /// fklint does not evaluate.
    pub columns: Option<Vec<Ident>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionStrategy {
    Range,
    List,
    Hash,
}

/// The rows a partition takes, as written after `FOR VALUES` (or `DEFAULT`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartitionBound {
    /// Every row no other partition takes.
    Default,
    /// `IN (values)`.
    List(Vec<Value>),
    /// `FROM (values) TO (values)`: lower bound included, upper excluded.
    Range {
        from: Vec<RangeDatum>,
        to: Vec<RangeDatum>,
    },
    /// `WITH (MODULUS m, REMAINDER r)`: takes the rows whose partition hash modulo `m` is `r`; `None` when
    /// the two were not read as plain numbers.
    Hash(Option<HashBound>),
    /// Not read.
    Unknown,
}

/// A hash partition's `MODULUS` and `REMAINDER`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashBound {
    pub modulus: u64,
    pub remainder: u64,
}

/// One column of a range bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeDatum {
    MinValue,
    MaxValue,
    Value(Value),
}

/// A role as a statement names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleName {
    /// `PUBLIC`: every role.
    Public,
    /// `CURRENT_USER` / `CURRENT_ROLE`.
    Current,
    /// `SESSION_USER`.
    Session,
    Named(String),
}

/// Table privileges as bits (what `GRANT` / `REVOKE` name).
pub mod privilege {
    pub const SELECT: u8 = 1;
    pub const INSERT: u8 = 2;
    pub const UPDATE: u8 = 4;
    pub const DELETE: u8 = 8;
    pub const TRUNCATE: u8 = 16;
    pub const REFERENCES: u8 = 32;
    pub const TRIGGER: u8 = 64;
    pub const ALL: u8 = 127;
}

/// The tables a `GRANT` / `REVOKE` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrantedTables {
    Named(Vec<ObjName>),
    /// `ON ALL TABLES IN SCHEMA s, ...`.
    AllInSchemas(Vec<Ident>),
}

/// The statements that decide who runs what follows and what they may do to which table (PostgreSQL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// `CREATE ROLE | USER | GROUP name [WITH] options`. `in_roles`: the roles it is made a member of (`IN
    /// ROLE`, `IN GROUP`), whose privileges it holds unless `NOINHERIT` (`inherits` false). `members`: roles
    /// made its members (`ROLE`, `USER`, `ADMIN`).
    CreateRole {
        name: String,
        superuser: bool,
        bypass_rls: bool,
        inherits: bool,
        in_roles: Vec<String>,
        members: Vec<String>,
    },
    /// `ALTER ROLE | USER name [WITH] options` (`None`: not written) or `RENAME TO`.
    AlterRole {
        name: String,
        superuser: Option<bool>,
        bypass_rls: Option<bool>,
        rename_to: Option<String>,
    },
    /// `DROP ROLE | USER | GROUP [IF EXISTS] names`.
    DropRoles { names: Vec<String> },
    /// `GRANT role, ... TO member, ...` (and `ALTER GROUP g ADD USER u`), `REVOKE role, ... FROM member, ...`
    /// (`grant` false): the members hold the roles' privileges from now on, or no longer. `plain` unless
    /// the grant says how the membership is inherited (`WITH INHERIT | SET ...`): then it is not followed.
    GrantRoles {
        grant: bool,
        roles: Vec<String>,
        members: Vec<RoleName>,
        plain: bool,
    },
    /// `GRANT | REVOKE privileges ON [TABLE] tables TO | FROM roles`. `columns` when the privileges are
    /// given on columns only.
    TablePrivileges {
        grant: bool,
        privileges: u8,
        columns: bool,
        tables: GrantedTables,
        roles: Vec<RoleName>,
    },
    /// `ALTER DEFAULT PRIVILEGES ...`: tables made from now on may come with grants.
    DefaultPrivileges,
    /// `SET [SESSION] ROLE r | NONE`, `RESET ROLE` (`session`: `SET SESSION AUTHORIZATION r | DEFAULT`,
    /// `RESET SESSION AUTHORIZATION`); `None` goes back to the session's user. `local`: `SET LOCAL`, until
    /// the end of the transaction.
    SetRole {
        role: Option<RoleName>,
        session: bool,
        local: bool,
    },
    /// `SET row_security TO on | off | DEFAULT` (`None`: the default, on), `RESET row_security`.
    SetRowSecurity { on: Option<bool>, local: bool },
    /// `RESET ALL`: the role stays, `row_security` goes back to its default.
    ResetAll,
    /// `ALTER TABLE t OWNER TO r`.
    TableOwner { table: ObjName, owner: RoleName },
    /// `ALTER TABLE t ENABLE | DISABLE ROW LEVEL SECURITY` (`enabled`), `[NO] FORCE ROW LEVEL SECURITY`
    /// (`forced`).
    TableRowSecurity {
        table: ObjName,
        enabled: Option<bool>,
        forced: Option<bool>,
    },
}
