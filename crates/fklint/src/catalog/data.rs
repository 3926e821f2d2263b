//! Rows known from literal data statements (FK501, FK502): per table the rows that literal `INSERT`s wrote, and
//! whether those are all its rows ("fully known": every row since `CREATE TABLE` came from literals). Anything
//! fklint cannot follow (COPY, functions, non-literal UPDATE/DELETE, triggers) makes a table's rows unknown, and
//! unknown never gives a finding.
//!
//! Values are compared as PostgreSQL compares them only for the types where a literal's meaning is plain
//! (integers, numeric, text/varchar, uuid, boolean); any other type makes the value unknown.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

mod change;
mod deferred;
mod expr;
mod generated;
mod partition;
mod partition_hash;
mod range;
mod temporal;

pub use deferred::DeferredCheck;
pub(super) use deferred::PendingCheck;

use super::{Catalog, Column, ForeignKeyId, KeyMatch, TableId, Target};
use crate::events::{DataEvent, DataValue, EventKind, InsertRows, OnConflict, StmtRef, Value};
use crate::ident::{ObjName, QualName};
use crate::source::{Location, Span};

/// One cell of a known row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cell {
    Null,
    /// Normalized for its type family (`i:7`, `t:abc`, `u:…`, `n:1.5`, `b:true`).
    Val(Box<str>),
    Unknown,
    /// Made by the server (a sequence, `gen_random_uuid()`): unknown, but taken not to collide.
    Fresh,
}

/// A row: per column, its name (shared by every row a statement writes) and its cell. A table's known rows and
/// the log share each row ([`SharedRow`]): a million seed rows are kept once.
type Row = Vec<(Rc<str>, Cell)>;
type SharedRow = Rc<Row>;

fn cell<'r>(row: &'r Row, column: &str) -> &'r Cell {
    row.iter()
        .find(|(c, _)| **c == *column)
        .map_or(&Cell::Unknown, |(_, v)| v)
}

#[derive(Debug, Default, Clone)]
struct TableRows {
    rows: Vec<SharedRow>,
    /// Rows exist that fklint does not know.
    unknown: bool,
    /// Per column list: the known value tuples, and how many rows have an unknown value there.
    index: HashMap<Vec<String>, KeyIndex>,
}

#[derive(Debug, Default, Clone)]
struct KeyIndex {
    values: HashSet<Vec<Cell>>,
    unclear: usize,
    fresh: usize,
}

impl KeyIndex {
    fn add(&mut self, columns: &[String], row: &Row) {
        let cells: Vec<Cell> = columns.iter().map(|c| cell(row, c).clone()).collect();
        if cells.contains(&Cell::Null) {
            return;
        }
        if cells.contains(&Cell::Unknown) {
            self.unclear += 1;
        } else if cells.contains(&Cell::Fresh) {
            self.fresh += 1;
        } else {
            self.values.insert(cells);
        }
    }
}

impl TableRows {
    fn ensure_index(&mut self, columns: &[String]) {
        if !self.index.contains_key(columns) {
            let mut index = KeyIndex::default();
            for row in &self.rows {
                index.add(columns, row);
            }
            self.index.insert(columns.to_vec(), index);
        }
    }

    fn push(&mut self, row: SharedRow) {
        for (columns, index) in &mut self.index {
            index.add(columns, &row);
        }
        self.rows.push(row);
    }

    fn truncate(&mut self, len: usize) {
        self.rows.truncate(len);
        self.index.clear();
    }
}

/// How a statement's values map onto the table's columns (see [`Catalog::row_layout`]).
struct RowLayout {
    columns: Vec<LayoutColumn>,
    /// How many values each row of the statement has.
    values: usize,
}

struct LayoutColumn {
    name: Rc<str>,
    family: Option<char>,
    /// The position of the value written for it, if the statement names it.
    given: Option<usize>,
    /// What it stores when no value (or `DEFAULT`) is written.
    default: Cell,
    /// MySQL's AUTO_INCREMENT and SQLite's INTEGER PRIMARY KEY: a written NULL (or 0, in MySQL) asks the
    /// server for the next id, which fklint does not know.
    generated_for: &'static [&'static str],
    /// A generated column computed from another of the row (its position in the layout).
    computed: Option<(usize, generated::Computed)>,
}

impl LayoutColumn {
    fn asks_for_an_id(&self, value: &Value) -> bool {
        match value {
            Value::Null => self.generated_for.contains(&"NULL"),
            Value::Number(n) => self.generated_for.contains(&n.as_str()),
            _ => false,
        }
    }
}

impl RowLayout {
    /// The cells of one row as the table would store it, or `None` when the row has another number of values
    /// (PostgreSQL rejects the statement).
    fn row(&self, values: &[DataValue]) -> Option<Row> {
        if values.len() != self.values {
            return None;
        }
        let mut row: Row = self
            .columns
            .iter()
            .map(|column| {
                let cell = match column.given.and_then(|i| values.get(i)).map(|v| &v.value) {
                    Some(Value::Default) | None => column.default.clone(),
                    Some(v) if column.asks_for_an_id(v) => Cell::Fresh,
                    Some(v) => normalize(v, column.family),
                };
                (Rc::clone(&column.name), cell)
            })
            .collect();
        // The server computes generated columns once the row's other values are in.
        for (at, column) in self.columns.iter().enumerate() {
            if let Some((source, computed)) = &column.computed {
                let cell = row
                    .get(*source)
                    .map_or(Cell::Unknown, |(_, c)| computed.cell(c));
                if let Some((_, slot)) = row.get_mut(at) {
                    *slot = cell;
                }
            }
        }
        Some(row)
    }
}

/// A row inserted with literals, kept for "which statement inserts this parent" and FK502.
#[derive(Debug, Clone)]
pub struct LoggedRow {
    pub table: TableId,
    pub stmt: StmtRef,
    pub location: Location,
    row: SharedRow,
}

impl LoggedRow {
    pub fn cell(&self, column: &str) -> &Cell {
        cell(&self.row, column)
    }
}

/// A statement PostgreSQL rejects with 23503 because of known rows.
#[derive(Debug, Clone)]
pub struct RowViolation {
    pub stmt: StmtRef,
    pub foreign_key: ForeignKeyId,
    /// The row (INSERT) or the deleted key (DELETE).
    pub location: Location,
    /// The referencing values as SQL literals, in FK column order.
    pub values: Vec<String>,
    /// The normalized values, for finding a later statement that inserts the parent.
    pub cells: Vec<Cell>,
    pub kind: ViolationKind,
    /// The child row: the one written (INSERT), or the one that still references a deleted or re-keyed row.
    pub child_row: Option<Location>,
    /// Written while the server did not check foreign keys (MySQL's `FOREIGN_KEY_CHECKS=0`): accepted.
    pub unchecked: bool,
    /// Found by a deferred check (at `COMMIT` or `SET CONSTRAINTS ... IMMEDIATE`, the statement `stmt`), queued
    /// by an earlier statement.
    pub deferred: Option<DeferredCheck>,
    /// The parent table would have taken a row with the missing key at that point (a partitioned table takes
    /// only what one of its partitions does): a fix may insert it there.
    pub parent_takes_key: bool,
}

/// How a statement breaks a foreign key through rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViolationKind {
    /// An INSERT writes a row whose parent does not exist.
    Insert,
    /// An UPDATE sets foreign-key columns to values no parent row has.
    UpdateChild,
    /// A DELETE of a parent row that a known child row still references.
    Delete,
    /// An UPDATE of a parent row's key that a known child row still references.
    UpdateParent,
    /// `ADD FOREIGN KEY` / `VALIDATE CONSTRAINT` finds an existing row without its parent.
    Validate,
    /// `DETACH PARTITION` takes away a parent row that a known child row still references.
    Detach,
    /// A `MATCH FULL` key written partly NULL (`MATCH FULL does not allow mixing of null and nonnull key
    /// values`), whatever the parent rows.
    PartlyNull,
}

/// `INSERT ... ON CONFLICT (other columns) DO UPDATE` that does not set a referenced key (FK502).
#[derive(Debug, Clone)]
pub struct UpsertHazard {
    pub stmt: StmtRef,
    pub table: TableId,
    pub conflict: Location,
    pub conflict_columns: Vec<String>,
    /// The referenced key the upsert writes literally.
    pub key_columns: Vec<String>,
    /// Per row: its location, the key values as written (SQL) and normalized.
    pub rows: Vec<(Location, Vec<String>, Vec<Cell>)>,
    /// Rows whose conflict key certainly matches an existing row with another key: the old key stays.
    pub kept_existing: Vec<Location>,
}

/// A rule or trigger's code: the events it runs on, and the tables it writes (`None`: any).
type HiddenCode = (Vec<String>, Option<Vec<ObjName>>);

#[derive(Debug, Default, Clone)]
pub struct DataState {
    tables: HashMap<TableId, TableRows>,
    all_unknown: bool,
    /// Tables with rules or triggers that may write other tables.
    hidden_writers: HashMap<TableId, Vec<HiddenCode>>,
    /// Views with rules or `INSTEAD OF` triggers: they run when a statement writes the view.
    view_writers: HashMap<QualName, Vec<HiddenCode>>,
    pub violations: Vec<RowViolation>,
    pub upserts: Vec<UpsertHazard>,
    pub log: Vec<LoggedRow>,
}

impl DataState {
    /// Whether the table may hold rows (known or not).
    pub(super) fn may_have_rows(&self, table: TableId) -> bool {
        self.all_unknown
            || self
                .tables
                .get(&table)
                .is_some_and(|t| t.unknown || !t.rows.is_empty())
    }

    /// After a rollback: the rows as they were at `snapshot`, and every violation and upsert hazard found
    /// since (the statements that hit them were still rejected or run).
    pub(super) fn roll_back_to(&mut self, snapshot: DataState) {
        self.tables = snapshot.tables;
        self.all_unknown = snapshot.all_unknown;
        self.hidden_writers = snapshot.hidden_writers;
        self.view_writers = snapshot.view_writers;
    }
}

/// The type family a column compares in, when a literal's meaning is plain.
fn family(catalog: &Catalog, table: TableId, column: &str) -> Option<char> {
    let ty = catalog.tables[table].column(column)?.ty.as_ref()?;
    if ty.array {
        return None;
    }
    match ty.dialect {
        crate::dialect::Dialect::Postgres => match ty.base.as_str() {
            "int2" | "int4" | "int8" => Some('i'),
            "numeric" => Some('n'),
            "text" | "varchar" => Some('t'),
            "uuid" => Some('u'),
            "bool" => Some('b'),
            other => range::family_of(other),
        },
        // Only integers compare as plainly elsewhere. MySQL strings go through collations (`_ci` makes 'ABC'
        // and 'abc' one key, PAD SPACE ignores trailing spaces) and decimals are rounded to their scale on the
        // way in; SQLite text keys compare through the column's collation (NOCASE, RTRIM), which the type does
        // not carry.
        crate::dialect::Dialect::MySql | crate::dialect::Dialect::Sqlite => {
            ty.is_integer().then_some('i')
        }
    }
}

fn canonical_decimal(text: &str) -> Option<String> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let body = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    Some(if negative && body != "0" {
        format!("-{body}")
    } else {
        body
    })
}

/// A literal as the column stores it, or `Unknown` when fklint cannot be sure.
fn normalize(value: &Value, family: Option<char>) -> Cell {
    let Some(family) = family else {
        return match value {
            Value::Null => Cell::Null,
            _ => Cell::Unknown,
        };
    };
    let known = |s: String| Cell::Val(format!("{family}:{s}").into());
    match (value, family) {
        (Value::Null, _) => Cell::Null,
        (Value::Str(s), f) if range::is_range_family(f) => range::parse(s, f)
            .map_or(Cell::Unknown, |segments| {
                known(range::canonical(&segments, f))
            }),
        (Value::Number(n) | Value::Str(n), 'i') => {
            let t = n.trim();
            if t.contains('.') || t.contains(['e', 'E']) {
                return Cell::Unknown;
            }
            t.parse::<i128>()
                .map_or(Cell::Unknown, |v| known(v.to_string()))
        }
        (Value::Number(n) | Value::Str(n), 'n') => {
            canonical_decimal(n).map_or(Cell::Unknown, known)
        }
        (Value::Str(s), 't') => known(s.clone()),
        (Value::Str(s), 'u') => {
            let hex: String = s
                .trim()
                .trim_start_matches('{')
                .trim_end_matches('}')
                .chars()
                .filter(|c| *c != '-')
                .collect();
            if hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                known(hex.to_ascii_lowercase())
            } else {
                Cell::Unknown
            }
        }
        (Value::Bool(b), 'b') => known(b.to_string()),
        (Value::Str(s), 'b') => match s.trim().to_ascii_lowercase().as_str() {
            "t" | "true" | "yes" | "on" | "1" => known("true".into()),
            "f" | "false" | "no" | "off" | "0" => known("false".into()),
            _ => Cell::Unknown,
        },
        _ => Cell::Unknown,
    }
}

/// A column default written as a plain literal (`'free'`, `0`, `true`, `'x'::text`, `NULL`).
fn literal_default(text: &str) -> Option<Value> {
    let text = text.trim();
    let text = match text.find("::") {
        Some(i) if text.starts_with('\'') => &text[..i],
        _ => text,
    }
    .trim();
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "null" => return Some(Value::Null),
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        if !inner.contains('\'') {
            return Some(Value::Str(inner.to_string()));
        }
        return None;
    }
    canonical_decimal(text).map(|_| Value::Number(text.to_string()))
}

/// SQL for a literal, for messages.
/// What `DEFAULT` (or leaving the column out) stores: the literal default, NULL without one, or a value the
/// server makes (serial, identity, a function): `Fresh`.
fn default_cell(column: &Column, is_key: bool, family: Option<char>) -> Cell {
    let serial = column
        .type_text
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("serial"));
    let literal = match &column.default {
        Some(text) => literal_default(text),
        // Identity and generated columns have no default fklint sees.
        None if serial || column.not_null || is_key => None,
        None => Some(Value::Null),
    };
    literal.map_or(Cell::Fresh, |value| normalize(&value, family))
}

pub fn value_sql(value: &Value) -> String {
    match value {
        Value::Null => "NULL".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.clone(),
        Value::Str(s) => format!("'{}'", s.replace('\'', "''")),
        Value::Default => "DEFAULT".into(),
        Value::Unknown => "?".into(),
    }
}

impl Catalog {
    /// What `DEFAULT` (or leaving the column out) stores in a column of the table (see [`default_cell`]). A key
    /// column may get a value the server makes that the catalog does not keep (MySQL's AUTO_INCREMENT, SQLite's
    /// rowid alias); in PostgreSQL an identity column is NOT NULL, so only a primary key's column is in doubt
    /// there: a nullable column of a unique key without a default stores NULL.
    fn default_of(&self, table: TableId, column: &Column) -> Cell {
        let generated_key = self.tables[table].live_keys().any(|k| {
            (k.primary || self.dialect != crate::dialect::Dialect::Postgres)
                && k.columns.contains(&column.name)
        });
        default_cell(column, generated_key, family(self, table, &column.name))
    }

    /// Whether a table's rows are all known now. A partition tree's rows are known only as a whole, under its
    /// root (see [`partition`]).
    fn rows_known(&self, table: TableId) -> bool {
        let t = &self.tables[table];
        !self.data.all_unknown
            && !t.uncertain
            && t.partition_of.is_none()
            // MySQL's partitions are declared inside the table, which fklint does not route through.
            && (!t.partitioned || self.dialect == crate::dialect::Dialect::Postgres)
            && !t.columns_incomplete
            && !self.is_uncertain(&t.name)
            && !self.data.tables.get(&table).is_some_and(|r| r.unknown)
    }

    /// The table is empty now (TRUNCATE, `ON COMMIT DELETE ROWS`): no row, and that is known.
    pub(super) fn empty_rows(&mut self, table: TableId) {
        let store = self.row_store(table);
        if store != table {
            // A partition alone: which of the tree's rows were its own is not followed here.
            self.forget_rows(store);
            return;
        }
        let entry = self.data.tables.entry(table).or_default();
        entry.unknown = false;
        entry.rows.clear();
        entry.index.clear();
    }

    fn forget_rows(&mut self, table: TableId) {
        let store = self.row_store(table);
        let entry = self.data.tables.entry(store).or_default();
        entry.unknown = true;
        entry.rows.clear();
        entry.index.clear();
    }

    /// The table and every table whose rows an action on it may change (FKs with CASCADE / SET ...).
    fn forget_rows_with_dependents(&mut self, table: TableId) {
        let mut pending = vec![table];
        let mut seen = HashSet::new();
        while let Some(id) = pending.pop() {
            if !seen.insert(id) {
                continue;
            }
            self.forget_rows(id);
            if self.in_partition_tree(id) {
                // Every table of the tree: keys referencing any of them see the rows forgotten.
                let partitions = self.partitions();
                pending.extend(self.partition_subtree(&partitions, self.row_store(id)));
            }
            for fk in self.foreign_keys.iter().filter(|fk| fk.is_live()) {
                if fk.target_table() == Some(id) {
                    pending.push(fk.table);
                }
            }
        }
    }

    /// An UPDATE or DELETE of an inheritance parent (without `ONLY`, which fklint does not tell apart) reaches
    /// the rows of the tables that inherit from it, and theirs: fklint does not follow it there, so their rows
    /// are no longer known. (A foreign key referencing the parent sees only the parent's own rows: those stay.)
    fn forget_inheritors(&mut self, parent: &ObjName) {
        let Some(parent) = self.find_table(parent) else {
            return;
        };
        for child in self.inheritors(parent) {
            self.forget_rows_with_dependents(child);
        }
    }

    /// The live tables that inherit or may inherit from `parent`, directly or through others.
    pub(super) fn inheritors(&self, parent: TableId) -> Vec<TableId> {
        self.descendants(parent, true)
    }

    /// Whether a trigger (row or statement level) runs on the table's data statements.
    fn has_trigger(&self, table: &ObjName) -> bool {
        self.find_table(table)
            .is_some_and(|id| self.triggers.iter().any(|t| t.table == id))
    }

    /// Rows no longer known: what changed them may have reached the tables inheriting from them too.
    fn forget_names(&mut self, names: &[ObjName]) {
        for name in names {
            if let Some(id) = self.find_table(name) {
                self.forget_table(id);
            }
        }
    }

    /// The rows a data statement wrote, no longer known: [`Self::forget_names`], where the name of a view
    /// stands for every table a statement on the view may write.
    fn forget_written(&mut self, names: &[ObjName]) {
        self.forget_written_through(names, &mut HashSet::new());
    }

    /// [`Self::forget_written`], with the views already followed (a view's rule may write another view).
    fn forget_written_through(&mut self, names: &[ObjName], views: &mut HashSet<QualName>) {
        for name in names {
            if let Some(id) = self.find_table(name) {
                self.forget_table(id);
            } else if let Some(view) = self.find_view(name) {
                if views.insert(view.clone()) {
                    self.forget_through_view(&view, views);
                }
            }
        }
    }

    /// The table's rows, and what may have reached the tables its actions change or that inherit from it.
    fn forget_table(&mut self, id: TableId) {
        self.forget_rows_with_dependents(id);
        for child in self.inheritors(id) {
            self.forget_rows_with_dependents(child);
        }
    }

    /// A data statement on a view runs the view's rules and `INSTEAD OF` triggers, or writes the tables the view
    /// reads (automatically updatable views): their rows, and the rows of what that code writes.
    fn forget_through_view(&mut self, view: &QualName, views: &mut HashSet<QualName>) {
        for id in self.view_reads(view) {
            self.forget_table(id);
        }
        let codes = self
            .data
            .view_writers
            .get(view)
            .cloned()
            .unwrap_or_default();
        for (_, writes) in codes {
            match writes {
                // The tables it writes run no code of their own fklint would have to follow.
                Some(names) if !names.iter().any(|name| self.has_hidden_writer(name)) => {
                    self.forget_written_through(&names, views)
                }
                _ => self.forget_live_tables(),
            }
        }
    }

    /// Whether writing the table runs a rule or a trigger that may write other tables.
    fn has_hidden_writer(&self, name: &ObjName) -> bool {
        self.find_table(name)
            .is_some_and(|id| self.data.hidden_writers.contains_key(&id))
    }

    /// Every existing table's rows (tables created afterwards start empty).
    fn forget_live_tables(&mut self) {
        let live: Vec<TableId> = self.live_tables().map(|t| t.id).collect();
        for id in live {
            self.forget_rows(id);
        }
    }

    pub(super) fn apply_data(&mut self, event: &DataEvent, stmt: StmtRef) {
        let spelled;
        // A dump's `INSERT INTO t VALUES ...` names no column: nothing to respell, and its rows are not copied.
        let names_columns = match event {
            DataEvent::Insert(insert) => insert.columns.is_some() || insert.on_conflict.is_some(),
            DataEvent::Update(_) | DataEvent::Delete(_) => true,
            DataEvent::Unknown { .. } | DataEvent::AllUnknown | DataEvent::HiddenWriter { .. } => {
                false
            }
        };
        let event = if self.dialect == crate::dialect::Dialect::MySql && names_columns {
            spelled = self.as_declared(event);
            &spelled
        } else {
            event
        };
        let written = match event {
            DataEvent::Insert(insert) => Some(&insert.table),
            DataEvent::Delete(delete) => Some(&delete.table),
            DataEvent::Update(update) => Some(&update.table),
            DataEvent::Unknown { .. } | DataEvent::AllUnknown | DataEvent::HiddenWriter { .. } => {
                None
            }
        };
        let (touched, kind) = match event {
            DataEvent::Insert(_) => (written.map(std::slice::from_ref), "insert"),
            DataEvent::Update(_) => (written.map(std::slice::from_ref), "update"),
            DataEvent::Delete(_) => (written.map(std::slice::from_ref), "delete"),
            DataEvent::Unknown { names } => (Some(names.as_slice()), "any"),
            DataEvent::AllUnknown | DataEvent::HiddenWriter { .. } => (None, "any"),
        };
        if self.runs_hidden_writer(touched.unwrap_or_default(), kind) {
            return;
        }
        if let Some(table) = written.filter(|t| self.has_trigger(t)) {
            // Its trigger may change or refuse the rows (the statements whose trigger functions may write other
            // tables made every row unknown already).
            self.forget_names(std::slice::from_ref(table));
            return;
        }
        match event {
            DataEvent::Insert(insert) => self.insert_rows(insert, stmt),
            DataEvent::Unknown { names } => self.forget_written(names),
            DataEvent::Delete(delete) => {
                self.forget_inheritors(&delete.table);
                self.delete_rows(delete, stmt);
            }
            DataEvent::Update(update) => {
                self.forget_inheritors(&update.table);
                self.update_rows(update, stmt);
            }
            DataEvent::AllUnknown => self.data.all_unknown = true,
            DataEvent::HiddenWriter {
                table,
                events,
                writes,
            } => {
                let code = (events.clone(), writes.clone());
                match (self.find_table(table), self.find_view(table)) {
                    (Some(id), _) => self.data.hidden_writers.entry(id).or_default().push(code),
                    // It runs when a statement writes the view.
                    (None, Some(view)) => {
                        self.data.view_writers.entry(view).or_default().push(code)
                    }
                    // A table fklint does not know: its code may run on anything.
                    (None, None) => self.data.all_unknown = true,
                }
            }
        }
    }

    /// Whether writing these tables runs a rule or trigger that may write other tables: on them, on the tables
    /// whose foreign keys cascade from them, or on the tables that inherit from them (or are their partitions).
    /// When it does, what the statement and that code did is not followed: the rows of the tables written, and
    /// of what the code writes, are no longer known (every existing table's, when it may write any).
    /// `kind` is the statement's event (`insert`, `update`, `delete`, `truncate`, or `any`); an update or delete
    /// cascades into the referencing tables as an update or a delete there, a truncate as a truncate (with
    /// CASCADE), an insert into none.
    fn runs_hidden_writer(&mut self, names: &[ObjName], kind: &str) -> bool {
        if self.data.hidden_writers.is_empty() {
            return false;
        }
        let mut pending: Vec<(TableId, bool)> = names
            .iter()
            .filter_map(|n| self.find_table(n))
            .map(|id| (id, false))
            .collect();
        let mut seen = HashSet::new();
        let mut writes: Option<Vec<ObjName>> = Some(Vec::new());
        let mut runs = false;
        while let Some((id, cascaded)) = pending.pop() {
            if !seen.insert(id) {
                continue;
            }
            let fires = |events: &[String]| {
                events.iter().any(|e| match (cascaded, kind) {
                    (_, "any") => true,
                    (true, "update" | "delete") => e == "update" || e == "delete",
                    (_, kind) => e == kind,
                })
            };
            for (events, written) in self.data.hidden_writers.get(&id).into_iter().flatten() {
                if !fires(events) {
                    continue;
                }
                runs = true;
                match (written, writes.as_mut()) {
                    (Some(tables), Some(all)) => all.extend(tables.iter().cloned()),
                    _ => writes = None,
                }
            }
            pending.extend(self.inheritors(id).into_iter().map(|t| (t, cascaded)));
            if kind != "insert" {
                pending.extend(
                    self.foreign_keys
                        .iter()
                        .filter(|fk| fk.is_live() && fk.target_table() == Some(id))
                        .map(|fk| (fk.table, true)),
                );
            }
        }
        if !runs {
            return false;
        }
        match writes {
            Some(written) => {
                self.forget_written(names);
                self.forget_written(&written);
            }
            // Any table it may write is one that exists now: tables created afterwards start empty.
            None => self.forget_live_tables(),
        }
        true
    }

    /// MySQL compares column names without case: a data statement's names are rewritten as the table declares
    /// them, so the row replay can compare them exactly.
    fn as_declared(&self, event: &DataEvent) -> DataEvent {
        let mut event = event.clone();
        let table_of = |name: &ObjName| self.find_table(name).map(|id| &*self.tables[id]);
        let spell = |table: Option<&crate::catalog::Table>, ident: &mut crate::ident::Ident| {
            if let Some(column) = table.and_then(|t| t.column(&ident.value)) {
                ident.value.clone_from(&column.name);
            }
        };
        match &mut event {
            DataEvent::Insert(insert) => {
                let table = table_of(&insert.table);
                let conflict = insert.on_conflict.as_mut();
                let conflict_columns = conflict.into_iter().flat_map(|c| {
                    c.target
                        .iter_mut()
                        .flatten()
                        .chain(c.update.iter_mut().flatten())
                });
                for ident in insert.columns.iter_mut().flatten().chain(conflict_columns) {
                    spell(table, ident);
                }
            }
            DataEvent::Delete(delete) => {
                let table = table_of(&delete.table);
                for term in &mut delete.condition {
                    spell(table, &mut term.column);
                }
            }
            DataEvent::Update(update) => {
                let table = table_of(&update.table);
                for term in &mut update.condition {
                    spell(table, &mut term.column);
                }
                for assignment in &mut update.set {
                    spell(table, &mut assignment.column);
                }
            }
            DataEvent::Unknown { .. } | DataEvent::AllUnknown | DataEvent::HiddenWriter { .. } => {}
        }
        event
    }

    /// Schema changes that change what the stored rows mean.
    pub(super) fn data_after_schema_change(&mut self, kind: &EventKind, stmt: StmtRef) {
        match kind {
            // A truncate that runs a rule or trigger's code is not followed (that forgets what it may write).
            EventKind::Truncate { names, cascade }
                if !self.runs_hidden_writer(names, "truncate") =>
            {
                self.truncate_rows(names, *cascade, stmt)
            }
            EventKind::AlterColumnType { table, .. } | EventKind::RenameColumn { table, .. } => {
                self.forget_names(std::slice::from_ref(table));
            }
            EventKind::Uncertain { names } | EventKind::UnknownSql { names, .. } => {
                self.forget_names(names)
            }
            // From now on its trigger may change or refuse the writes that reach the table, cascades included.
            EventKind::CreateTrigger(trigger) => {
                self.forget_names(std::slice::from_ref(&trigger.table));
            }
            _ => {}
        }
    }

    /// `TRUNCATE`: the tables are empty afterwards, and with CASCADE so is every table that references one of
    /// them (and so on). A TRUNCATE refused because other tables reference one changes nothing. Partitioned
    /// tables are emptied with their partitions; a partition alone makes its tree's rows unknown.
    fn truncate_rows(&mut self, names: &[ObjName], cascade: bool, stmt: StmtRef) {
        let refused = self
            .truncate_conflicts
            .iter()
            .rev()
            .take_while(|c| c.stmt.index >= stmt.index)
            .any(|c| c.stmt == stmt && !c.cascade);
        if refused {
            return;
        }
        let mut emptied: Vec<TableId> = names.iter().filter_map(|n| self.find_table(n)).collect();
        let mut next = 0;
        while cascade && next < emptied.len() {
            let table = emptied[next];
            next += 1;
            let referencing: Vec<TableId> = self
                .live_foreign_keys()
                .filter(|fk| fk.target_table() == Some(table))
                .map(|fk| fk.table)
                .collect();
            for child in referencing {
                if !emptied.contains(&child) {
                    emptied.push(child);
                }
            }
        }
        for table in emptied {
            // TRUNCATE without ONLY empties the inheriting tables too; fklint does not follow it there.
            for child in self.inheritors(table) {
                self.forget_rows_with_dependents(child);
            }
            if self.row_store(table) == table {
                self.empty_rows(table);
            } else {
                self.forget_rows_with_dependents(table);
            }
        }
    }

    /// Foreign keys PostgreSQL enforces now on rows of `table`, with a key fklint can compare.
    fn enforced_foreign_keys(&self, table: TableId) -> Vec<ForeignKeyId> {
        self.foreign_keys
            .iter()
            .filter(|fk| fk.table == table && self.is_enforced(fk.id))
            .map(|fk| fk.id)
            .collect()
    }

    /// Whether PostgreSQL checks this foreign key's rows now (not deferred), with a key fklint can compare.
    fn is_enforced(&self, fk_id: ForeignKeyId) -> bool {
        self.is_checkable(fk_id) && !self.is_deferred_now(&self.foreign_keys[fk_id])
    }

    /// Whether PostgreSQL checks this foreign key's rows (now or when its deferred checks run), with a key
    /// fklint can compare.
    fn is_checkable(&self, fk_id: ForeignKeyId) -> bool {
        let fk = &self.foreign_keys[fk_id];
        fk.is_live()
            && !fk.uncertain
            && !fk.def.not_enforced
            && fk.missing_columns.is_empty()
            && matches!(&fk.target, Target::Found(r)
                if r.missing_columns.is_empty()
                    && r.period.is_none()
                    && matches!(r.key, KeyMatch::PrimaryKey | KeyMatch::Unique)
                    && r.ref_columns.len() == fk.columns.len())
    }

    /// How a statement's values become rows of the table, worked out once per statement.
    fn row_layout(&self, table: TableId, columns: &[String]) -> RowLayout {
        let t = &self.tables[table];
        let key_columns: HashSet<&str> = t
            .live_keys()
            .flat_map(|k| k.columns.iter().map(String::as_str))
            .collect();
        let layout = t
            .columns
            .iter()
            .map(|column| {
                let fam = family(self, table, &column.name);
                let is_key = key_columns.contains(column.name.as_str());
                // Which written values ask for a generated id (the catalog does not keep AUTO_INCREMENT: any
                // integer key column may have it).
                let generated_for: &'static [&'static str] = match (self.dialect, is_key, fam) {
                    (crate::dialect::Dialect::MySql, true, Some('i')) => &["NULL", "0"],
                    (crate::dialect::Dialect::Sqlite, true, Some('i')) => &["NULL"],
                    _ => &[],
                };
                LayoutColumn {
                    name: Rc::from(column.name.as_str()),
                    family: fam,
                    given: columns.iter().position(|c| t.same_column(c, &column.name)),
                    default: self.default_of(table, column),
                    generated_for,
                    computed: self.computed_from(table, column),
                }
            })
            .collect();
        RowLayout {
            columns: layout,
            values: columns.len(),
        }
    }

    /// An integer generated column whose value follows from another integer column of the row (see
    /// [`generated`]), with that column's position in the table.
    fn computed_from(
        &self,
        table: TableId,
        column: &Column,
    ) -> Option<(usize, generated::Computed)> {
        let expression = &column.generated.as_ref()?.expression;
        if family(self, table, &column.name) != Some('i') {
            return None;
        }
        let computed = generated::read(expression)?;
        let t = &self.tables[table];
        let source = t
            .columns
            .iter()
            .position(|c| t.same_column(&c.name, &computed.source))?;
        (family(self, table, &t.columns[source].name) == Some('i')).then_some((source, computed))
    }

    fn insert_rows(&mut self, insert: &InsertRows, stmt: StmtRef) {
        let Some(table) = self.find_table(&insert.table) else {
            return;
        };
        let columns: Vec<String> = match &insert.columns {
            Some(columns) => columns.iter().map(|c| c.value.clone()).collect(),
            // Without a column list PostgreSQL fills the table's first columns with the values, the rest with
            // their defaults (MySQL and SQLite want a value for every column).
            None => self.tables[table]
                .columns
                .iter()
                .take(match (self.dialect, insert.rows.first()) {
                    (crate::dialect::Dialect::Postgres, Some(row)) => row.values.len(),
                    _ => usize::MAX,
                })
                .map(|c| c.name.clone())
                .collect(),
        };
        let unknown_column = columns
            .iter()
            .any(|c| self.tables[table].column(c).is_none());
        if unknown_column || self.tables[table].columns_incomplete {
            self.forget_rows_with_dependents(table);
            return;
        }
        let layout = self.row_layout(table, &columns);
        let mut rows = Vec::with_capacity(insert.rows.len());
        for data_row in &insert.rows {
            match layout.row(&data_row.values) {
                Some(row) => rows.push((stmt.at(data_row.span), Rc::new(row), data_row)),
                None => {
                    self.forget_rows_with_dependents(table);
                    return;
                }
            }
        }
        // A partition tree keeps its rows under its root, each in the partition PostgreSQL routes it to.
        let inserted_into = table;
        let table = self.row_store(table);
        let leaves = if self.in_partition_tree(inserted_into) {
            match self.route_rows(inserted_into, rows.iter().map(|(_, row, _)| row.as_ref())) {
                Some(leaves) => leaves,
                None => {
                    self.forget_rows_with_dependents(table);
                    return;
                }
            }
        } else {
            vec![table; rows.len()]
        };
        if self.breaks_without_overlaps(table, &rows) {
            self.forget_rows_with_dependents(table);
            return;
        }
        for (location, row, _) in &rows {
            self.data.log.push(LoggedRow {
                table,
                stmt,
                location: *location,
                row: Rc::clone(row),
            });
        }
        if let Some(conflict) = &insert.on_conflict {
            self.record_upsert(table, conflict, &rows, stmt);
        }
        // Which rows the statement adds: conflicts with known rows are resolved as PostgreSQL would.
        let known = self.rows_known(table);
        let keys: Vec<Vec<String>> = self.tables[table]
            .live_keys()
            .map(|k| k.columns.clone())
            .collect();
        let mut checked = Vec::new();
        let mut unclear = table != inserted_into && self.partition_has_own_key(&leaves, table);
        let before = {
            let entry = self.data.tables.entry(table).or_default();
            for key in &keys {
                entry.ensure_index(key);
            }
            entry.rows.len()
        };
        let target: Option<Vec<String>> = insert
            .on_conflict
            .as_ref()
            .and_then(|c| c.target.as_ref())
            .map(|t| t.iter().map(|c| c.value.clone()).collect());
        let fk_columns: HashSet<String> = self
            .foreign_keys
            .iter()
            .filter(|fk| fk.is_live() && (fk.table == table || fk.table == inserted_into))
            .flat_map(|fk| fk.columns.iter().cloned())
            .collect();
        for (index, (_, row, _)) in rows.iter().enumerate() {
            let entry = self.data.tables.entry(table).or_default();
            let mut conflicts = Conflict::None;
            for key in &keys {
                let arbiter = target
                    .as_ref()
                    .is_none_or(|t| super::alter::same_set(t, key));
                let c = entry
                    .index
                    .get(key)
                    .map_or(Conflict::Unclear, |i| conflict_with(i, row, key, known));
                conflicts = conflicts.max(match (c, arbiter) {
                    (Conflict::None, _) => Conflict::None,
                    (c, true) => c,
                    (_, false) => Conflict::Unclear,
                });
            }
            match (conflicts, &insert.on_conflict) {
                (Conflict::None, _) | (Conflict::Unclear, None) => {
                    if !entry.unknown {
                        entry.push(row.clone());
                    }
                    checked.push(index);
                }
                (Conflict::Certain, Some(OnConflict { update: None, .. })) => {}
                (
                    Conflict::Certain,
                    Some(OnConflict {
                        update: Some(set), ..
                    }),
                ) => {
                    unclear |= set.iter().any(|c| {
                        fk_columns.contains(&c.value)
                            || keys.iter().flatten().any(|k| *k == c.value)
                    });
                }
                // A duplicate key without ON CONFLICT (23505), or a conflict fklint cannot decide.
                _ => unclear = true,
            }
        }
        // Foreign keys are checked once the statement's rows are in (a row may reference one inserted with it):
        // a partition's rows by its own keys and its parents'.
        let mut enforced_by_leaf: HashMap<TableId, Vec<ForeignKeyId>> = HashMap::new();
        for &leaf in &leaves {
            if let std::collections::hash_map::Entry::Vacant(slot) = enforced_by_leaf.entry(leaf) {
                let enforced = if leaf == table {
                    self.enforced_foreign_keys(table)
                } else {
                    self.enforced_on_partition(leaf)
                };
                slot.insert(enforced);
            }
        }
        let all: Vec<ForeignKeyId> = enforced_by_leaf.values().flatten().copied().collect();
        self.index_parent_keys(&all);
        let mut violations = Vec::new();
        for &index in &checked {
            let (location, row, data_row) = &rows[index];
            let enforced = leaves
                .get(index)
                .and_then(|leaf| enforced_by_leaf.get(leaf))
                .map_or(&[][..], Vec::as_slice);
            for &fk in enforced {
                let spans = |c: &str| value_span(&columns, data_row, c);
                if let Some(v) = self.check_reference(fk, row, spans, *location, stmt) {
                    violations.push(v);
                }
            }
        }
        // Under a deferred key each row's check waits (see `deferred`).
        let mut queued = Vec::new();
        for fk in self.deferred_foreign_keys(table) {
            for &index in &checked {
                let (location, row, _) = &rows[index];
                queued.push(Self::pending_check(
                    fk,
                    Rc::clone(row),
                    ViolationKind::Insert,
                    *location,
                ));
            }
        }
        self.queue_checks(queued);
        if !violations.is_empty() {
            // The server rejects the whole statement: none of its rows stay. With the checks off (MySQL's
            // FOREIGN_KEY_CHECKS=0, SQLite's foreign_keys=OFF) it accepts them all.
            if !self.foreign_key_checks_off {
                if let Some(entry) = self.data.tables.get_mut(&table) {
                    entry.truncate(before);
                }
            }
            self.data.violations.extend(violations);
        } else if unclear {
            self.forget_rows(table);
        }
    }

    /// Whether the rows an INSERT writes may be refused by one of the table's `WITHOUT OVERLAPS` keys (a table
    /// without one: never).
    fn breaks_without_overlaps(
        &self,
        table: TableId,
        rows: &[(Location, SharedRow, &crate::events::DataRow)],
    ) -> bool {
        if !self.tables[table].live_keys().any(|k| k.without_overlaps) || !self.rows_known(table) {
            return false;
        }
        let existing: Vec<&Row> = self
            .data
            .tables
            .get(&table)
            .map(|r| r.rows.iter().map(AsRef::as_ref).collect())
            .unwrap_or_default();
        let new: Vec<&Row> = rows.iter().map(|(_, row, _)| row.as_ref()).collect();
        self.may_overlap(table, &existing, &new)
    }

    /// The check PostgreSQL runs over a table's existing rows when a valid foreign key is added to it (or a NOT
    /// VALID one validated): each row without its parent row is a violation, and the statement is rejected.
    /// Returns whether no violation was found (also when the rows are not known: then nothing is judged).
    pub(super) fn validate_rows(&mut self, fk_id: ForeignKeyId, stmt: StmtRef) -> bool {
        let table = self.foreign_keys[fk_id].table;
        // Judged for PostgreSQL only (MySQL skips the check with FOREIGN_KEY_CHECKS=0; SQLite cannot add one).
        // PostgreSQL checks the existing rows at once, even for a key whose later checks are deferred.
        if self.dialect != crate::dialect::Dialect::Postgres
            || !self.rows_known(table)
            || !self.is_checkable(fk_id)
        {
            return true;
        }
        self.index_parent_keys(&[fk_id]);
        let logged: HashMap<*const Row, Location> = self
            .data
            .log
            .iter()
            .filter(|l| l.table == table)
            .map(|l| (Rc::as_ptr(&l.row), l.location))
            .collect();
        let rows = self
            .data
            .tables
            .get(&table)
            .map_or(&[][..], |r| r.rows.as_slice());
        let mut violations = Vec::new();
        for row in rows {
            let location = logged
                .get(&Rc::as_ptr(row))
                .copied()
                .unwrap_or_else(|| stmt.location());
            if let Some(mut v) = self.check_reference(fk_id, row, |_| None, location, stmt) {
                v.location = stmt.location();
                if v.kind == ViolationKind::Insert {
                    v.kind = ViolationKind::Validate;
                }
                violations.push(v);
            }
        }
        let valid = violations.is_empty();
        self.data.violations.extend(violations);
        valid
    }

    /// Where the latest row written before `stmt` into the key's table with these values (the first `compared`
    /// of them) was written: the child row that still references a parent key.
    fn logged_child_row(
        &self,
        fk_id: ForeignKeyId,
        key: &[Cell],
        compared: usize,
        stmt: StmtRef,
    ) -> Option<Location> {
        let fk = &self.foreign_keys[fk_id];
        self.data
            .log
            .iter()
            .rev()
            .find(|l| {
                l.table == fk.table
                    && l.stmt.index < stmt.index
                    && fk
                        .columns
                        .iter()
                        .zip(key)
                        .take(compared)
                        .all(|(c, k)| l.cell(c) == k)
            })
            .map(|l| l.location)
    }

    /// Indexes the referenced key of each foreign key's parent rows, for [`Catalog::check_reference`].
    fn index_parent_keys(&mut self, foreign_keys: &[ForeignKeyId]) {
        for &fk in foreign_keys {
            if let Some(r) = self.foreign_keys[fk].reference() {
                let (parent, columns) = (r.table, r.ref_columns.clone());
                self.data
                    .tables
                    .entry(parent)
                    .or_default()
                    .ensure_index(&columns);
            }
        }
    }

    /// The violation when the row's FK values are all known and no parent row has them.
    fn check_reference(
        &self,
        fk_id: ForeignKeyId,
        row: &Row,
        value_span: impl Fn(&str) -> Option<Span>,
        location: Location,
        stmt: StmtRef,
    ) -> Option<RowViolation> {
        let fk = &self.foreign_keys[fk_id];
        let reference = fk.reference()?;
        if fk.def.match_full && self.dialect == crate::dialect::Dialect::Postgres {
            if let Some(v) = self.partly_null(fk_id, row, &value_span, location, stmt) {
                return Some(v);
            }
        }
        if fk.def.period {
            return self.check_period_reference(fk_id, row, &value_span, (location, stmt));
        }
        let parent = reference.table;
        if !self.rows_known(parent) {
            return None;
        }
        let mut wanted = Vec::new();
        for (child_col, parent_col) in fk.columns.iter().zip(&reference.ref_columns) {
            let fam = family(self, fk.table, child_col);
            let parent_fam = family(self, parent, parent_col);
            // An integer referencing a numeric key compares as numeric (PostgreSQL promotes the integer).
            let promoted = fam == Some('i') && parent_fam == Some('n');
            if fam.is_none() || (fam != parent_fam && !promoted) {
                return None;
            }
            match cell(row, child_col) {
                Cell::Val(v) if promoted => {
                    let digits = v.strip_prefix("i:")?;
                    wanted.push(Cell::Val(format!("n:{digits}").into()));
                }
                Cell::Val(v) => wanted.push(Cell::Val(v.clone())),
                // MATCH SIMPLE: any NULL column means no check; unknown means no finding.
                _ => return None,
            }
        }
        let index = self
            .data
            .tables
            .get(&parent)?
            .index
            .get(&reference.ref_columns)?;
        if index.unclear > 0 || index.fresh > 0 || index.values.contains(&wanted) {
            return None;
        }
        Some(self.row_violation(
            fk_id,
            row,
            &value_span,
            (location, stmt),
            wanted,
            ViolationKind::Insert,
        ))
    }

    /// The violation a written row makes: located at its foreign-key values when they are written.
    fn row_violation(
        &self,
        fk_id: ForeignKeyId,
        row: &Row,
        value_span: &impl Fn(&str) -> Option<Span>,
        (location, stmt): (Location, StmtRef),
        cells: Vec<Cell>,
        kind: ViolationKind,
    ) -> RowViolation {
        let fk = &self.foreign_keys[fk_id];
        let span = fk
            .columns
            .iter()
            .filter_map(|c| value_span(c))
            .reduce(Span::join);
        RowViolation {
            stmt,
            foreign_key: fk_id,
            location: span.map_or(location, |s| stmt.at(s)),
            values: fk
                .columns
                .iter()
                .map(|c| row_value(row, c).map_or_else(|| "?".into(), |v| value_sql(&v)))
                .collect(),
            parent_takes_key: fk.reference().is_some_and(|r| {
                cells.iter().all(|c| matches!(c, Cell::Val(_)))
                    && self.takes_row(r.table, &r.ref_columns, &cells)
            }),
            cells,
            kind,
            child_row: Some(location),
            unchecked: false,
            deferred: None,
        }
    }

    /// MATCH FULL: a row whose key columns are some NULL and some not is refused, whatever the parent rows.
    fn partly_null(
        &self,
        fk_id: ForeignKeyId,
        row: &Row,
        value_span: &impl Fn(&str) -> Option<Span>,
        location: Location,
        stmt: StmtRef,
    ) -> Option<RowViolation> {
        let fk = &self.foreign_keys[fk_id];
        let cells: Vec<&Cell> = fk.columns.iter().map(|c| cell(row, c)).collect();
        let nulls = cells.iter().filter(|c| ***c == Cell::Null).count();
        // A value fklint does not know is not NULL only when the column is NOT NULL or a literal was written.
        let known_not_null = cells
            .iter()
            .filter(|c| matches!(***c, Cell::Val(_) | Cell::Fresh))
            .count();
        if nulls == 0 || nulls + known_not_null != cells.len() || known_not_null == 0 {
            return None;
        }
        let cells = cells.into_iter().cloned().collect();
        Some(self.row_violation(
            fk_id,
            row,
            value_span,
            (location, stmt),
            cells,
            ViolationKind::PartlyNull,
        ))
    }

    fn record_upsert(
        &mut self,
        table: TableId,
        conflict: &OnConflict,
        rows: &[(Location, SharedRow, &crate::events::DataRow)],
        stmt: StmtRef,
    ) {
        let (Some(target), Some(set)) = (&conflict.target, &conflict.update) else {
            return;
        };
        let target: Vec<String> = target.iter().map(|c| c.value.clone()).collect();
        let set: HashSet<&str> = set.iter().map(|c| c.value.as_str()).collect();
        let referenced: Vec<Vec<String>> = self
            .foreign_keys
            .iter()
            .filter(|fk| fk.is_live() && !fk.uncertain && fk.target_table() == Some(table))
            .filter_map(|fk| fk.reference().map(|r| r.ref_columns.clone()))
            .collect();
        let mut seen = Vec::new();
        for key in referenced {
            if seen.contains(&key)
                || super::alter::same_set(&key, &target)
                || key
                    .iter()
                    .any(|c| set.contains(c.as_str()) || target.contains(c))
            {
                continue;
            }
            seen.push(key.clone());
            let mut hazard_rows = Vec::new();
            let mut kept = Vec::new();
            let existing = self
                .data
                .tables
                .get(&table)
                .map_or(&[][..], |r| r.rows.as_slice());
            for (location, row, _) in rows {
                let cells: Vec<Cell> = key.iter().map(|c| cell(row, c).clone()).collect();
                if !cells.iter().all(|c| matches!(c, Cell::Val(_))) {
                    continue;
                }
                let written = key
                    .iter()
                    .map(|c| row_value(row, c).map_or_else(|| "?".into(), |v| value_sql(&v)))
                    .collect();
                let conflict_cells: Vec<&Cell> = target.iter().map(|c| cell(row, c)).collect();
                let other_key = existing.iter().any(|e| {
                    target
                        .iter()
                        .zip(&conflict_cells)
                        .all(|(c, want)| matches!(want, Cell::Val(_)) && cell(e, c) == *want)
                        && key.iter().zip(&cells).any(|(c, k)| cell(e, c) != k)
                });
                if other_key {
                    kept.push(*location);
                }
                hazard_rows.push((*location, written, cells));
            }
            if !hazard_rows.is_empty() {
                self.data.upserts.push(UpsertHazard {
                    stmt,
                    table,
                    conflict: stmt.at(conflict.span),
                    conflict_columns: target.clone(),
                    key_columns: key,
                    rows: hazard_rows,
                    kept_existing: kept,
                });
            }
        }
    }
}

/// The value a row gives a column (as stored), for messages.
pub fn row_value(row: &Row, column: &str) -> Option<Value> {
    match cell(row, column) {
        Cell::Null => Some(Value::Null),
        Cell::Val(v) => {
            let (family, text) = v.split_once(':')?;
            Some(match family {
                "i" | "n" => Value::Number(text.to_string()),
                "b" => Value::Bool(text == "true"),
                _ => Value::Str(text.to_string()),
            })
        }
        Cell::Unknown | Cell::Fresh => None,
    }
}

/// Where a row writes a column's value, when written.
fn value_span(columns: &[String], data_row: &crate::events::DataRow, column: &str) -> Option<Span> {
    columns
        .iter()
        .position(|c| c == column)
        .and_then(|i| data_row.values.get(i))
        .map(|v| v.span)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Conflict {
    None,
    Unclear,
    Certain,
}

/// Whether `row` collides with a row of the index on `key` (NULLs never collide).
fn conflict_with(index: &KeyIndex, row: &Row, key: &[String], known: bool) -> Conflict {
    let cells: Vec<Cell> = key.iter().map(|c| cell(row, c).clone()).collect();
    if cells.contains(&Cell::Null) {
        Conflict::None
    } else if cells.contains(&Cell::Unknown) {
        if known && index.values.is_empty() && index.unclear == 0 {
            Conflict::None
        } else {
            Conflict::Unclear
        }
    } else if cells.contains(&Cell::Fresh) {
        Conflict::None
    } else if index.values.contains(&cells) {
        Conflict::Certain
    } else if known && index.unclear == 0 {
        Conflict::None
    } else {
        Conflict::Unclear
    }
}

/// Whether both sides of a foreign key compare literals in the same type family.
fn family_match(catalog: &Catalog, fk_id: ForeignKeyId) -> bool {
    let fk = &catalog.foreign_keys[fk_id];
    fk.reference().is_some_and(|r| {
        fk.columns.iter().zip(&r.ref_columns).all(|(a, b)| {
            let fa = family(catalog, fk.table, a);
            fa.is_some() && fa == family(catalog, r.table, b)
        })
    })
}
