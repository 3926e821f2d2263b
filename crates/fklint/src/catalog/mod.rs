//! The database as PostgreSQL would hold it after each statement: events are replayed in order, names resolved
//! through `search_path`, constraints named as the server names them, and every object keeps where it was
//! created and what later happened to it.
//!
//! A statement that PostgreSQL rejects because of a foreign key it declares (an FK to a missing table) has no
//! effect, as on the server (see [`rejection`]); its foreign keys are kept, dropped by the statement itself,
//! so the rules report the root cause.

mod access;
mod alter;
mod block;
mod copy;
mod data;
mod deferred;
mod foreign_keys;
mod foreign_tables;
mod libsql;
pub use libsql::LIBSQL_ACTION;
mod model;
mod rejection;
mod session;
mod shared;
pub mod suggest;
mod temporal;
mod transaction;
mod version;
mod views;

pub use shared::Shared;
use std::collections::{HashMap, HashSet};

use std::borrow::Cow;

use crate::events::{Event, EventKind, EventStream, StmtRef};
use crate::frontend::sql::default_search_path;
use crate::ident::{ObjName, QualKey, QualName};
use crate::types::{self, SqlType};

pub use alter::AlterConstraintConflict;
pub use data::{
    Cell, DataState, DeferredCheck, LoggedRow, RowViolation, UpsertHazard, ViolationKind,
};
pub use deferred::PendingChecksConflict;
pub use model::*;
pub use session::{OnCommitConflict, PersistenceConflict};
pub use temporal::{unsupported_period_action, PeriodMismatch};
pub use transaction::AbortedBlock;
pub use version::{NewerKey, NewerSyntax};

/// A user-defined type that columns may use.
#[derive(Debug, Clone)]
pub enum UserType {
    Enum,
    Domain(SqlType),
}

#[derive(Debug, Default, Clone)]
pub struct Catalog {
    /// The server whose rules the catalog follows (names, default constraint names, key types, fix SQL).
    pub dialect: crate::dialect::Dialect,
    /// The server version the migrations target, when configured.
    pub target: Option<crate::server::ServerVersion>,
    pub tables: Vec<Shared<Table>>,
    pub foreign_keys: Vec<Shared<ForeignKey>>,
    pub indexes: Vec<Shared<Index>>,
    pub drop_conflicts: Vec<DropConflict>,
    pub type_conflicts: Vec<TypeConflict>,
    /// TRUNCATEs of referenced tables (rejected without CASCADE; with it, the referencing tables are emptied).
    pub truncate_conflicts: Vec<DropConflict>,
    /// Statements PostgreSQL refuses for a reason other than a foreign key (newer syntax, inheritance rules).
    pub refusals: Vec<Refusal>,
    /// Some table inherits, or may inherit, from another (tables only ever gain this).
    inheritance_seen: bool,
    pub user_types: HashMap<QualName, UserType>,
    pub schemas: HashSet<String>,
    pub extensions: HashSet<String>,
    /// Views and materialized views: they have names in the table namespace but cannot be referenced.
    pub views: HashSet<QualName>,
    /// The tables each view may read, so a data statement on the view may write (see [`views`]).
    view_reads: HashMap<QualName, Vec<TableId>>,
    /// Rows known from literal data statements, and the statements PostgreSQL rejects because of them.
    pub data: DataState,
    /// Functions and procedures, as far as their bodies show the rows they write (latest definition last).
    pub functions: Vec<Function>,
    /// Triggers on live tables.
    pub triggers: Vec<Trigger>,
    /// MySQL foreign keys on tables whose engine ignores them (MyISAM): parsed and dropped by the server.
    pub ignored_foreign_keys: Vec<IgnoredForeignKey>,
    /// ALTER TABLE actions the dialect rejects (SQLite's ADD CONSTRAINT), in order.
    pub unsupported_alters: Vec<UnsupportedAlter>,
    /// The platform preset replayed before the sources, and the source id it was replayed from.
    pub platform: Option<(crate::platform::Preset, crate::source::SourceId)>,
    /// The platform the migrations are written for (replayed, or stubbed by the sources themselves).
    pub known_platform: Option<crate::platform::Preset>,
    /// Qualified names that unreadable statements mentioned.
    uncertain_qualified: HashSet<QualName>,
    /// Unqualified names that unreadable statements mentioned (any schema).
    uncertain_bare: HashSet<String>,
    live: HashMap<QualName, TableId>,
    /// Tables not dropped (by a DROP, a rejection or a rollback), whatever their name: the candidates a "did
    /// you mean" considers, without a pass over every table ever created.
    standing: std::collections::BTreeSet<TableId>,
    /// Every table by its name at the end of the replay (built once the replay ends; see
    /// [`Catalog::tables_with_final_name`]).
    final_names: HashMap<String, Vec<TableId>>,
    search_path: Vec<String>,
    /// The path the session started with, which `RESET search_path` returns to.
    initial_search_path: Vec<String>,
    /// `CREATE SCHEMA s CREATE TABLE ...` puts `s` first while its elements are created.
    schema_scope: Option<String>,
    /// Constraint names taken per schema (PostgreSQL's default names avoid them).
    constraint_names: crate::hash::FastMap<String, crate::hash::FastSet<String>>,
    /// MySQL's `FOREIGN_KEY_CHECKS` is 0, or SQLite's `foreign_keys` (or `defer_foreign_keys`) says so.
    pub(crate) foreign_key_checks_off: bool,
    /// The migration runner turns foreign key checks off for each migration (`foreign_key_checks = false`):
    /// every source starts with them off, whatever the one before left.
    pub(crate) runner_checks_off: bool,
    /// Positions in `indexes` by index name and by table (an index keeps both for life), so that naming an
    /// index or matching a key costs the few indexes concerned, not all of them.
    index_positions: IndexPositions,
    /// Positions in `foreign_keys` by referencing table (dropped ones included; a key keeps its table for life),
    /// so that what concerns one table's keys costs those keys, not all of them.
    foreign_keys_by_table: HashMap<TableId, Vec<ForeignKeyId>>,
    /// Positions in `foreign_keys` by every table a key referenced when it was made or bound again: a superset
    /// of the keys referencing a table now, which [`Catalog::foreign_keys_into`] filters.
    foreign_keys_by_target: HashMap<TableId, Vec<ForeignKeyId>>,
    /// Statements PostgreSQL rejects for a foreign key they declare, in order; their effects were undone.
    rejected: Vec<StmtRef>,
    /// The tables that rejected statements tried to create, by name, in creation order.
    rejected_tables: HashMap<QualName, Vec<TableId>>,
    /// For a rejected statement that fails only because an earlier one was rejected: that first one.
    rejection_roots: HashMap<StmtRef, StmtRef>,
    /// How psql read the lines after each `COPY ... FROM STDIN` (see [`copy`]).
    copy_readings: copy::CopyReadings,
    /// What existed when the statement being replayed started.
    statement: rejection::StatementStart,
    /// Constraint names the statement being replayed took or freed.
    name_changes: Vec<rejection::NameChange>,
    /// The open transaction block: its start, then its savepoints (empty outside a block).
    savepoints: Vec<transaction::Savepoint>,
    /// The rejected statement that aborted the open block, if one did.
    aborted: Option<StmtRef>,
    /// Every aborted block, with the statements PostgreSQL rejected in it without running them.
    pub aborted_blocks: Vec<AbortedBlock>,
    /// Sources that describe a schema rather than run statements (see [`Catalog::replay_in`]).
    declarative: HashSet<crate::source::SourceId>,
    /// The `DO` block being replayed (see [`block`]).
    block: block::BlockRun,
    /// Roles, privileges and row-level security (see [`access`]).
    access: access::AccessModel,
    /// `SET CONSTRAINTS` and deferred checks pending in the open transaction block (see [`deferred`]).
    deferral: deferred::Deferral,
    /// Statements refused because deferred checks were pending on their table (55006).
    pub pending_conflicts: Vec<PendingChecksConflict>,
    /// COMMITs (or statements outside a block) PostgreSQL rejects because a table emptied at commit (`ON COMMIT
    /// DELETE ROWS`) is referenced by one that is not.
    pub on_commit_conflicts: Vec<OnCommitConflict>,
    /// Key constraints (and `ALTER CONSTRAINT ... ENFORCED`) written with syntax the target version does not
    /// have (refused statements).
    pub newer_keys: Vec<NewerKey>,
    /// `ALTER CONSTRAINT` of a primary key or unique constraint, which only foreign keys allow (42809).
    pub alter_constraint_conflicts: Vec<AlterConstraintConflict>,
    /// `ALTER TABLE ... SET LOGGED | UNLOGGED` that a foreign key forbids.
    pub persistence_conflicts: Vec<PersistenceConflict>,
    /// The running transaction opened a temporary table (then commit runs the `ON COMMIT` actions). A cell:
    /// name lookups, which only read the catalog, are what open tables.
    temp_touched: std::cell::Cell<bool>,
    /// Tables created with an `ON COMMIT DELETE ROWS | DROP` action (some may be gone since).
    on_commit_tables: Vec<TableId>,
    /// A temporary table was ever created (then unqualified names are looked up in `pg_temp` first).
    has_temp_tables: bool,
    /// PostgreSQL type texts as read (before user types are resolved): a dump writes a few dozen type texts
    /// thousands of times, and each is read once. A cell: resolving a type only reads the catalog.
    read_types: std::cell::RefCell<crate::hash::FastMap<String, SqlType>>,
}

/// Where the catalog's indexes are in `Catalog::indexes`, by name and by table, dropped ones included.
#[derive(Debug, Default, Clone)]
struct IndexPositions {
    by_name: HashMap<String, Vec<usize>>,
    by_table: HashMap<TableId, Vec<usize>>,
}

impl Catalog {
    /// Whether a table or foreign key was created by the platform preset, not by the project's migrations.
    pub fn is_platform(&self, stmt: StmtRef) -> bool {
        self.platform
            .as_ref()
            .is_some_and(|(_, source)| stmt.source == *source)
    }

    /// The platform preset replayed before the sources, if any.
    pub fn preset(&self) -> Option<&crate::platform::Preset> {
        self.platform.as_ref().map(|(p, _)| p)
    }

    /// The platform's users table (`auth.users`) and its key column, when the migrations are written for a
    /// platform and the table exists.
    pub fn identity_table(&self) -> Option<(TableId, &str)> {
        let (name, column) = self.known_platform.as_ref()?.identity_table.as_ref()?;
        let id = *self.live.get(name)?;
        Some((id, column.as_str()))
    }

    /// Whether the platform owns this schema (`auth`, `storage`).
    pub fn is_managed_schema(&self, schema: &str) -> bool {
        self.known_platform
            .as_ref()
            .is_some_and(|p| p.manages(schema))
    }

    /// The function a trigger runs: the latest definition with that name (in that schema, when qualified).
    pub fn trigger_function(&self, trigger: &Trigger) -> Option<&Function> {
        let wanted = &trigger.def.function;
        self.functions.iter().rev().find(|f| {
            f.name.name == wanted.name.value
                && wanted
                    .schema
                    .as_ref()
                    .is_none_or(|schema| f.name.schema == schema.value)
        })
    }

    /// Replays the events with PostgreSQL's default `search_path` (`"$user", public`).
    pub fn replay(events: &[Event]) -> Catalog {
        Catalog::replay_with(events, &default_search_path())
    }

    /// Replays the events starting from `search_path`. Its schemas count as existing: a configured path names
    /// schemas the database has before the migrations run (PostgreSQL itself would skip missing ones).
    pub fn replay_with(events: &[Event], search_path: &[String]) -> Catalog {
        Catalog::replay_from(&mut events.iter().map(Cow::Borrowed), search_path)
    }

    /// [`Catalog::replay_with`] for events picked from a longer list (one database's of a run's): one replay
    /// loop for every kind of iterator, and no event copied.
    pub(crate) fn replay_from(events: &mut EventStream<'_>, search_path: &[String]) -> Catalog {
        Catalog::replay_in(
            events,
            search_path,
            crate::dialect::Dialect::Postgres,
            None,
            false,
            HashSet::new(),
        )
    }

    /// [`Catalog::replay_from`] following the rules of `dialect` (and of the `target` server version).
    /// `declarative` sources describe a schema (ORM models) rather than statements a server runs one by one:
    /// nothing of theirs is undone as rejected.
    pub(crate) fn replay_in(
        events: &mut EventStream<'_>,
        search_path: &[String],
        dialect: crate::dialect::Dialect,
        target: Option<crate::server::ServerVersion>,
        runner_checks_off: bool,
        declarative: HashSet<crate::source::SourceId>,
    ) -> Catalog {
        let mut schemas: HashSet<String> =
            ["public", "pg_catalog", "information_schema", "pg_temp"]
                .map(String::from)
                .into_iter()
                .collect();
        schemas.extend(search_path.iter().filter(|s| *s != "$user").cloned());
        let mut catalog = Catalog {
            search_path: search_path.to_vec(),
            initial_search_path: search_path.to_vec(),
            schemas,
            dialect,
            target,
            runner_checks_off,
            declarative,
            ..Catalog::default()
        };
        catalog.replay_events(events);
        catalog.bind_late_references();
        catalog.index_final_names();
        catalog
    }

    /// Replays events in order, statement by statement (a rejected statement's effects are undone at its end;
    /// an aborted transaction block runs nothing until it ends); each source starts a migration (checks off when
    /// the runner says so).
    pub(crate) fn replay_events(&mut self, events: &mut EventStream<'_>) {
        let mut source = None;
        for event in events {
            // An owned event is dropped once applied: what the catalog keeps of it, it has copied.
            let event: &Event = &event;
            if self.runner_checks_off && source != Some(event.stmt.source) {
                self.foreign_key_checks_off = true;
            }
            source = Some(event.stmt.source);
            if self.passed_over_by_psql(event) {
                continue;
            }
            if self.statement.stmt != Some(event.stmt) {
                self.end_do_and_statement();
                self.begin_statement(event.stmt);
            }
            if self.in_aborted_block() && !matches!(event.kind, EventKind::Transaction(_)) {
                if let EventKind::CopyFromStdin(copy) = &event.kind {
                    self.judge_copy(copy, event.stmt);
                }
                self.skip_in_aborted_block(event.stmt);
                continue;
            }
            if self.block_failed()
                && !matches!(
                    event.kind,
                    EventKind::Uncertain { .. } | EventKind::UnknownSql { .. }
                )
            {
                continue;
            }
            if self.refused_for_privilege(&event.kind, event.stmt) {
                continue;
            }
            self.note_event(&event.kind);
            self.apply(event);
        }
        self.end_do_and_statement();
    }

    /// The end of a statement: a `DO` block's handlers first, then the statement's rejection.
    fn end_do_and_statement(&mut self) {
        if let Some(stmt) = self.statement.stmt {
            self.end_block(stmt);
        }
        self.end_statement();
    }

    /// Whether the server accepts an FK whose referenced table does not exist (yet), binding it by name when
    /// the table appears: SQLite always (it resolves FKs when rows are written), MySQL with
    /// `FOREIGN_KEY_CHECKS=0`. Then dropping a referenced table leaves its FKs waiting for the name too.
    pub fn binds_late(&self) -> bool {
        match self.dialect {
            crate::dialect::Dialect::Sqlite => true,
            crate::dialect::Dialect::MySql => self.foreign_key_checks_off,
            crate::dialect::Dialect::Postgres => false,
        }
    }

    fn apply(&mut self, event: &Event) {
        let stmt = event.stmt;
        match &event.kind {
            EventKind::CreateSchema { name, .. } => {
                self.schemas.insert(name.value.clone());
            }
            EventKind::DropSchema { names, cascade } => {
                for name in names {
                    self.drop_schema(name, *cascade, stmt);
                }
            }
            EventKind::EnterSchema { schema } => self.schema_scope = Some(schema.clone()),
            EventKind::LeaveSchema => self.schema_scope = None,
            EventKind::SetSearchPath { schemas } => self.search_path = schemas.clone(),
            EventKind::SetForeignKeyChecks { on } => self.foreign_key_checks_off = !on,
            EventKind::SetTableCharset {
                table,
                charset,
                convert,
            } => {
                if let Some(id) = self.find_table(table) {
                    self.set_table_charset(id, charset, *convert);
                }
            }
            EventKind::SetEngine { table, engine } => {
                if let Some(id) = self.find_table(table) {
                    self.tables[id].engine = Some(engine.clone());
                }
            }
            EventKind::UnsupportedAlter {
                table,
                action,
                constraint,
            } => self.unsupported_alters.push(UnsupportedAlter {
                table: self.find_table(table),
                action: action.clone(),
                constraint: constraint.clone(),
                stmt,
            }),
            EventKind::RedefineColumn {
                table,
                from,
                column,
                constraints,
            } => self.redefine_column(table, from, column, constraints, stmt),
            EventKind::ResetSearchPath => self.search_path = self.initial_search_path.clone(),
            EventKind::CreateEnum { name } => {
                let name = self.creation_name(name);
                self.user_types.insert(name, UserType::Enum);
            }
            EventKind::CreateDomain { name, base } => {
                let base = self.resolve_type(&base.text);
                let name = self.creation_name(name);
                if let Some(base) = base {
                    self.user_types.insert(name, UserType::Domain(base));
                }
            }
            EventKind::DropType { names } => {
                for name in names {
                    let name = self.creation_name(name);
                    self.user_types.remove(&name);
                }
            }
            EventKind::CreateView { name, mentions } => self.create_view(name, mentions),
            EventKind::CreateExtension { name } => {
                self.extensions.insert(name.clone());
            }
            EventKind::Uncertain { names } => self.mark_uncertain(names),
            EventKind::SyntaxError { span } => {
                self.refuse_statement(stmt, *span, RefusalReason::SyntaxError)
            }
            EventKind::DomainForeignKey { span } => {
                self.refuse_statement(stmt, *span, RefusalReason::DomainForeignKey)
            }
            EventKind::UnknownSql { names, drops_keys } => {
                self.mark_keys_uncertain(names, *drops_keys, stmt)
            }
            EventKind::SetConstraints { names, deferred } => {
                self.set_constraints(names, *deferred, stmt)
            }
            EventKind::ExceptionHandlers { catches } => self.catch_in_block(catches),
            EventKind::BlockStatement { conditional } => {
                self.begin_block_statement(*conditional, stmt)
            }
            EventKind::Transaction(statement) => self.transaction(statement, stmt),
            EventKind::CopyFromStdin(copy) => self.judge_copy(copy, stmt),
            // Taken by the replay loop (see [`copy`]).
            EventKind::CopyBlock(_) => {}
            EventKind::CreateFunction(def) => {
                let name = self.creation_name(&def.name);
                self.functions.push(Function {
                    name,
                    def: def.clone(),
                    stmt,
                });
            }
            EventKind::CreateTrigger(def) => {
                if let Some(table) = self.find_table(&def.table) {
                    self.triggers.push(Trigger {
                        table,
                        def: def.clone(),
                        stmt,
                    });
                }
            }
            EventKind::CreateTable(create) => self.create_table(create, stmt),
            _ if self.refused_for_pending_checks(&event.kind, stmt) => {}
            EventKind::SetPersistence {
                table,
                persistence,
                span,
            } => self.set_persistence(table, *persistence, stmt.at(*span), stmt),
            EventKind::Access(access) => self.apply_access(access, stmt),
            EventKind::Data(data) => self.replay_data(data, stmt),
            other => self.apply_alteration(other, stmt),
        }
        self.data_after_schema_change(&event.kind, stmt);
    }

    /// Rows written or removed. Where row-level security's policies choose the rows, they are not known.
    fn replay_data(&mut self, data: &crate::events::DataEvent, stmt: StmtRef) {
        if let Some(table) = self.rows_chosen_by_policies(data) {
            let unknown = crate::events::DataEvent::Unknown { names: vec![table] };
            self.apply_data(&unknown, stmt);
            return;
        }
        self.note_pending_checks(data);
        let before = self.data.violations.len();
        self.apply_data(data, stmt);
        // MySQL with FOREIGN_KEY_CHECKS=0 (a mysqldump load) or SQLite with foreign_keys=OFF accepts these rows:
        // broken data, no error.
        if self.foreign_key_checks_off {
            for violation in self.data.violations.iter_mut().skip(before) {
                violation.unchecked = true;
            }
        }
    }

    fn mark_uncertain(&mut self, names: &[ObjName]) {
        for name in names {
            match &name.schema {
                Some(schema) => {
                    self.uncertain_qualified
                        .insert(QualName::new(&schema.value, &name.name.value));
                }
                None => {
                    self.uncertain_bare.insert(name.name.value.clone());
                }
            }
            if let Some(id) = self.find_table(name) {
                self.tables[id].uncertain = true;
            }
        }
    }

    /// [`Catalog::mark_uncertain`], and the foreign keys the named tables hold: text fklint could not know may
    /// have changed them, so no rule relies on them; text that drops keys is taken to have dropped them (the
    /// "drop the key if it exists" idiom), so they do not stay in the graph.
    fn mark_keys_uncertain(&mut self, names: &[ObjName], drops_keys: bool, stmt: StmtRef) {
        self.mark_uncertain(names);
        let tables: Vec<_> = names.iter().filter_map(|n| self.find_table(n)).collect();
        for fk in &mut self.foreign_keys {
            if fk.is_live() && tables.contains(&fk.table) {
                fk.uncertain = true;
                if drops_keys {
                    fk.dropped = Some(stmt);
                }
            }
        }
    }

    /// Whether rules must stay silent about a name.
    pub fn is_uncertain(&self, name: &QualName) -> bool {
        self.uncertain_bare.contains(&name.name) || self.uncertain_qualified.contains(name)
    }

    /// Schemas searched for an unqualified name, in order.
    fn effective_search_path(&self) -> impl Iterator<Item = &String> {
        self.schema_scope
            .iter()
            .chain(self.search_path.iter().filter(|s| s.as_str() != "$user"))
    }

    /// Schemas searched for an unqualified table name, in order: the session's temporary schema first unless
    /// the path names `pg_temp` itself (PostgreSQL searches it for relations and types, never for functions).
    fn relation_search_path(&self) -> impl Iterator<Item = &str> {
        // Looked in only once a temporary table exists (each lookup builds a name).
        let implicit_temp =
            self.has_temp_tables && !self.search_path.iter().any(|s| s == session::TEMP_SCHEMA);
        implicit_temp
            .then_some(session::TEMP_SCHEMA)
            .into_iter()
            .chain(self.effective_search_path().map(String::as_str))
    }

    /// Where an unqualified CREATE puts its object: the first existing schema on the path.
    fn creation_schema(&self) -> String {
        self.effective_search_path()
            .find(|s| self.schemas.contains(s.as_str()))
            .cloned()
            .unwrap_or_else(|| "public".to_string())
    }

    /// A statement PostgreSQL refuses whole for what it says (no table involved): it has no effect.
    fn refuse_statement(
        &mut self,
        stmt: StmtRef,
        span: crate::source::Span,
        reason: RefusalReason,
    ) {
        self.refusals.push(Refusal {
            stmt,
            location: stmt.at(span),
            reason,
            tables: Vec::new(),
            columns: Vec::new(),
        });
    }

    /// The qualified name a CREATE statement gives an object.
    fn creation_name(&self, name: &ObjName) -> QualName {
        let schema = name
            .schema
            .as_ref()
            .map_or_else(|| self.creation_schema(), |s| s.value.clone());
        QualName::new(schema, &name.name.value)
    }

    /// The live table a name refers to right now.
    pub fn find_table(&self, name: &ObjName) -> Option<TableId> {
        let found = match &name.schema {
            Some(schema) => self.live_table(&schema.value, &name.name.value),
            None => self
                .relation_search_path()
                .find_map(|schema| self.live_table(schema, &name.name.value)),
        };
        if found.is_some_and(|id| self.tables[id].name.schema == session::TEMP_SCHEMA) {
            self.temp_touched.set(true);
        }
        found
    }

    /// The live table of this qualified name (looked up without building a [`QualName`]).
    fn live_table(&self, schema: &str, name: &str) -> Option<TableId> {
        self.live.get(&(schema, name) as &dyn QualKey).copied()
    }

    /// The name PostgreSQL reports when a lookup fails: as qualified, or in the first schema searched.
    pub fn lookup_name(&self, name: &ObjName) -> QualName {
        let schema = match &name.schema {
            Some(schema) => schema.value.clone(),
            None => self.creation_schema(),
        };
        QualName::new(schema, &name.name.value)
    }

    /// MySQL: a new default charset for the table; with CONVERT every string column is re-typed in it.
    fn set_table_charset(
        &mut self,
        id: TableId,
        charset: &types::mysql::TableCharset,
        convert: bool,
    ) {
        let table = &mut self.tables[id];
        if charset.charset.is_some() {
            // A charset alone means its default collation.
            table.default_charset.collation = None;
            table.default_charset.charset.clone_from(&charset.charset);
        }
        if charset.collation.is_some() {
            table
                .default_charset
                .collation
                .clone_from(&charset.collation);
        }
        if !convert {
            return;
        }
        let default = table.default_charset.clone();
        for column in &mut table.columns {
            if let Some(text) = &column.type_text {
                let base = types::mysql::without_charset(text);
                column.ty = Some(types::mysql::parse_type(base, &default));
            }
        }
    }

    /// A column's type in a table: in MySQL a string column without its own charset takes the table's.
    pub(super) fn resolve_column_type(
        &self,
        text: &str,
        table_charset: &types::mysql::TableCharset,
    ) -> Option<SqlType> {
        if self.dialect == crate::dialect::Dialect::MySql {
            return Some(types::mysql::parse_type(text, table_charset));
        }
        self.resolve_type(text)
    }

    /// [`types::parse_type`] of `text`, read once per catalog.
    fn read_type(&self, text: &str) -> SqlType {
        if let Some(ty) = self.read_types.borrow().get(text) {
            return ty.clone();
        }
        let ty = types::parse_type(text);
        self.read_types
            .borrow_mut()
            .insert(text.to_string(), ty.clone());
        ty
    }

    /// A column type with user types resolved: enums keep their qualified name, domains become their base.
    /// MySQL and SQLite have no user types: their types are read as that server does (MySQL: the server's
    /// default charset until the catalog knows table-level `DEFAULT CHARSET=`).
    fn resolve_type(&self, text: &str) -> Option<SqlType> {
        if self.dialect != crate::dialect::Dialect::Postgres {
            return Some(types::parse_type_in(self.dialect, text));
        }
        let ty = self.read_type(text);
        if ty.builtin {
            return Some(ty);
        }
        let (schema, name) = match ty.base.split_once('.') {
            Some((schema, name)) => (Some(schema.to_string()), name.to_string()),
            None => (None, ty.base.clone()),
        };
        let candidates: Vec<QualName> = match schema {
            Some(schema) => vec![QualName::new(schema, &name)],
            None => self
                .effective_search_path()
                .map(|s| QualName::new(s, &name))
                .collect(),
        };
        let (qualified, user_type) = candidates
            .into_iter()
            .find_map(|q| self.user_types.get(&q).map(|t| (q, t.clone())))?;
        Some(match user_type {
            UserType::Enum => SqlType {
                base: format!("enum:{qualified}"),
                ..ty
            },
            UserType::Domain(base) => SqlType {
                array: ty.array || base.array,
                ..base
            },
        })
    }

    fn take_constraint_name(&mut self, schema: &str, name: &str) {
        // The schema is nearly always known already: its name is copied only the first time.
        let names = match self.constraint_names.get_mut(schema) {
            Some(names) => names,
            None => self.constraint_names.entry(schema.to_string()).or_default(),
        };
        let taken = names.insert(name.to_string());
        if taken {
            self.name_changes.push(rejection::NameChange::Taken(
                schema.to_string(),
                name.to_string(),
            ));
        }
    }

    fn free_constraint_name(&mut self, schema: &str, name: &str) {
        let freed = self
            .constraint_names
            .get_mut(schema)
            .is_some_and(|names| names.remove(name));
        if freed {
            self.name_changes.push(rejection::NameChange::Freed(
                schema.to_string(),
                name.to_string(),
            ));
        }
    }

    /// Whether a new relation (index, or a constraint backed by one) may not use this name: PostgreSQL keeps
    /// tables, indexes and constraints of a schema apart only by name.
    pub fn relation_name_taken(&self, schema: &str, name: &str) -> bool {
        self.constraint_name_taken(schema, name)
            || self.live_table(schema, name).is_some()
            || self
                .live_indexes_named(name)
                .any(|i| self.tables[i.table].name.schema == schema)
    }

    /// Adds a foreign key (its `id` is its position), keeping it findable by its table and its target.
    fn push_foreign_key(&mut self, fk: impl Into<Shared<ForeignKey>>) {
        let fk: Shared<ForeignKey> = fk.into();
        let id = self.foreign_keys.len();
        self.foreign_keys_by_table
            .entry(fk.table)
            .or_default()
            .push(id);
        if let Some(target) = fk.target_table() {
            self.foreign_keys_by_target
                .entry(target)
                .or_default()
                .push(id);
        }
        self.foreign_keys.push(fk);
    }

    /// Points a foreign key at the table it binds to now, keeping it findable by that target.
    fn set_foreign_key_target(&mut self, id: ForeignKeyId, reference: Reference) {
        self.foreign_keys_by_target
            .entry(reference.table)
            .or_default()
            .push(id);
        self.foreign_keys[id].target = Target::Found(reference);
    }

    /// The foreign keys (dropped ones included) that reference one of `tables` now, in creation order.
    fn foreign_keys_into(&self, tables: &[TableId]) -> Vec<ForeignKeyId> {
        let mut found: Vec<ForeignKeyId> = tables
            .iter()
            .filter_map(|t| self.foreign_keys_by_target.get(t))
            .flatten()
            .copied()
            .filter(|&id| {
                self.foreign_keys
                    .get(id)
                    .and_then(|fk| fk.target_table())
                    .is_some_and(|t| tables.contains(&t))
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The foreign keys (dropped ones included) whose target is `table` now, in creation order: what a scan of
    /// every key for `target_table() == Some(table)` finds, from the index instead.
    pub fn foreign_keys_targeting(&self, table: TableId) -> Vec<ForeignKeyId> {
        self.foreign_keys_into(&[table])
    }

    /// The foreign keys declared on a table (dropped ones included), in creation order.
    fn foreign_keys_of(&self, table: TableId) -> impl Iterator<Item = &ForeignKey> {
        self.foreign_keys_by_table
            .get(&table)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&id| self.foreign_keys.get(id).map(|fk| &**fk))
    }

    /// Adds an index, keeping it findable by name and by table.
    fn push_index(&mut self, index: impl Into<Shared<Index>>) {
        let index: Shared<Index> = index.into();
        let position = self.indexes.len();
        if let Some(name) = &index.name {
            self.index_positions
                .by_name
                .entry(name.clone())
                .or_default()
                .push(position);
        }
        self.index_positions
            .by_table
            .entry(index.table)
            .or_default()
            .push(position);
        self.indexes.push(index);
    }

    /// Positions in `indexes` of the indexes of this name (dropped ones included), in creation order.
    fn index_positions_named(&self, name: &str) -> &[usize] {
        self.index_positions
            .by_name
            .get(name)
            .map_or(&[], Vec::as_slice)
    }

    /// Positions in `indexes` of a table's indexes (dropped ones included), in creation order.
    fn index_positions_of(&self, table: TableId) -> Vec<usize> {
        self.index_positions
            .by_table
            .get(&table)
            .cloned()
            .unwrap_or_default()
    }

    /// Live indexes of this name, in any schema.
    pub fn live_indexes_named<'c>(&'c self, name: &str) -> impl Iterator<Item = &'c Index> + 'c {
        self.index_positions_named(name)
            .iter()
            .filter_map(|&i| self.indexes.get(i).map(|index| &**index))
            .filter(|i| i.dropped.is_none())
    }

    /// Live indexes of a table, in creation order.
    pub fn live_indexes_of(&self, table: TableId) -> impl Iterator<Item = &Index> {
        self.index_positions
            .by_table
            .get(&table)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&i| self.indexes.get(i).map(|index| &**index))
            .filter(|i| i.dropped.is_none())
    }

    fn constraint_name_taken(&self, schema: &str, name: &str) -> bool {
        self.constraint_names
            .get(schema)
            .is_some_and(|names| names.contains(name))
    }

    fn index_final_names(&mut self) {
        for table in &self.tables {
            self.final_names
                .entry(table.name.name.clone())
                .or_default()
                .push(table.id);
        }
    }

    /// Every table (dropped ones included) whose name, when the migrations end, is `name` (in any schema), in
    /// creation order.
    pub fn tables_with_final_name(&self, name: &str) -> impl Iterator<Item = &Table> {
        self.final_names
            .get(name)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&id| &*self.tables[id])
    }

    /// Tables not dropped, in creation order.
    pub(super) fn standing_tables(&self) -> impl Iterator<Item = &Table> {
        self.standing.iter().map(|&id| &*self.tables[id])
    }

    /// Marks a table dropped by `stmt` (or, with `None`, standing again).
    pub(super) fn set_table_dropped(&mut self, id: TableId, stmt: Option<StmtRef>) {
        self.tables[id].dropped = stmt;
        if stmt.is_some() {
            self.standing.remove(&id);
        } else {
            self.standing.insert(id);
        }
    }

    pub fn table(&self, id: TableId) -> &Table {
        &self.tables[id]
    }

    pub fn live_tables(&self) -> impl Iterator<Item = &Table> {
        self.tables
            .iter()
            .map(|t| &**t)
            .filter(|t| t.dropped.is_none())
    }

    pub fn live_foreign_keys(&self) -> impl Iterator<Item = &ForeignKey> {
        self.foreign_keys
            .iter()
            .map(|fk| &**fk)
            .filter(|fk| fk.is_live() && self.tables[fk.table].dropped.is_none())
    }

    pub fn live_indexes(&self) -> impl Iterator<Item = &Index> {
        self.indexes
            .iter()
            .map(|i| &**i)
            .filter(|i| i.dropped.is_none())
    }

    /// Tables that existed just before a statement.
    pub fn tables_before(&self, stmt: StmtRef) -> impl Iterator<Item = &Table> {
        self.tables
            .iter()
            .map(|t| &**t)
            .filter(move |t| t.exists_before(stmt.index))
    }
}
