//! `CREATE TABLE` and the column and constraint definitions that `ALTER TABLE` shares with it.

use super::cursor::{Cursor, ReadError, ReadResult};
use super::mysql;
use crate::dialect::Dialect;
use crate::events::{
    ColumnDef, ConstraintDef, ConstraintKind, CreateTable, ForeignKeyDef, Generated, IndexDef,
    NewerSyntaxUse, OnCommit, Persistence, RefAction, TypeRef,
};
use crate::ident::Ident;
use crate::source::Span;

/// Words that start a column constraint, so they end a type or a default expression.
const COLUMN_CONSTRAINT_STARTS: &[&str] = &[
    "constraint",
    "not",
    "null",
    "check",
    "default",
    "generated",
    "unique",
    "primary",
    "references",
    "deferrable",
    "initially",
    "collate",
    "storage",
    "compression",
    "enforced",
];

/// Words that start a table constraint in a column list.
const TABLE_CONSTRAINT_STARTS: &[&str] = &[
    "constraint",
    "check",
    "unique",
    "primary",
    "exclude",
    "foreign",
];

/// Reads `CREATE [modifiers] TABLE ...`; the cursor is at `CREATE`. Returns the table and the indexes MySQL
/// declares among its elements (`KEY idx (a)`).
pub fn read_create_table(cur: &mut Cursor) -> ReadResult<(CreateTable, Vec<IndexDef>)> {
    cur.expect_word("create")?;
    let mut persistence = Persistence::Permanent;
    let mut foreign = false;
    loop {
        if cur.eat_word("temporary") || cur.eat_word("temp") {
            persistence = Persistence::Temporary;
        } else if cur.eat_word("unlogged") {
            persistence = Persistence::Unlogged;
        } else if cur.eat_word("foreign") {
            foreign = true;
        } else if !(cur.eat_word("global") || cur.eat_word("local")) {
            break;
        }
    }
    cur.expect_word("table")?;
    let if_not_exists = cur.eat_words(&["if", "not", "exists"]);
    let name = cur.obj_name()?;
    let mut table = CreateTable {
        name,
        if_not_exists,
        columns: Vec::new(),
        constraints: Vec::new(),
        partition_of: None,
        inherits: Vec::new(),
        columns_incomplete: false,
        partitioned: false,
        partition_key: None,
        partition_bound: None,
        persistence,
        foreign,
        on_commit: OnCommit::PreserveRows,
        default_charset: Default::default(),
        engine: None,
        elements_end: None,
        needs_postgres: None,
    };
    if cur.eat_words(&["partition", "of"]) {
        table.partition_of = Some(cur.obj_name()?);
    } else if cur.eat_word("of") {
        cur.obj_name()?;
        table.columns_incomplete = true;
    }
    let mut indexes = Vec::new();
    if cur.is_punct('(') {
        read_table_elements(cur, &mut table, &mut indexes)?;
    } else if table.partition_of.is_none() {
        // `CREATE TABLE t AS SELECT ...`, `CREATE TABLE t OF type`, `CREATE TABLE t ()`-less forms.
        table.columns_incomplete = true;
    }
    read_table_tail(cur, &mut table)?;
    // The event lives to the end of the run: no room left over from growing the lists.
    table.columns.shrink_to_fit();
    table.constraints.shrink_to_fit();
    // PostgreSQL ignores NOT VALID inside CREATE TABLE: an empty table's constraints are always valid. On a
    // column's REFERENCES its grammar has no NOT VALID at all: kept, for the catalog to refuse the statement.
    for constraint in &mut table.constraints {
        if let ConstraintKind::ForeignKey(fk) = &mut constraint.kind {
            if !(fk.inline && cur.dialect() == Dialect::Postgres) {
                fk.not_valid = false;
            }
        }
    }
    Ok((table, indexes))
}

/// `( element, ... )` of a CREATE TABLE.
fn read_table_elements(
    cur: &mut Cursor,
    table: &mut CreateTable,
    indexes: &mut Vec<IndexDef>,
) -> ReadResult<()> {
    let open = cur.expect_punct('(')?;
    let mut previous_end = open.end;
    if cur.eat_punct(')') {
        table.elements_end = Some(previous_end);
        return Ok(());
    }
    loop {
        let element_start = cur.position();
        let mut was_constraint = false;
        if cur.is_word("like") {
            cur.bump();
            cur.obj_name()?;
            cur.skip_until(|_| false);
            table.columns_incomplete = true;
        } else if let Some(index) = mysql::read_index_element(cur, &table.name)? {
            indexes.push(index);
        } else if starts_table_constraint(cur) {
            let not_null = starts_not_null_constraint(cur);
            let mut constraint = read_table_constraint(cur)?;
            if not_null {
                needs_postgres(table, NOT_NULL_CONSTRAINT, constraint.span);
            }
            constraint.removal = removal_span(previous_end, constraint.span);
            table.constraints.push(constraint);
            was_constraint = true;
        } else {
            // `NOT NULL col` as an element is PostgreSQL 18's table constraint (`not` names no column).
            let newer = if column_not_null_no_inherit(cur) {
                Some(NOT_NULL_NO_INHERIT)
            } else if cur.is_word("not") && cur.is_word_at(1, "null") {
                Some(NOT_NULL_CONSTRAINT)
            } else {
                None
            };
            let (column, constraints) = read_column(cur, table.partition_of.is_some())?;
            let span = cur.span_since(element_start).unwrap_or_default();
            if let Some(what) = newer {
                needs_postgres(table, what, span);
            }
            if column.generated.as_ref().is_some_and(|g| g.virtual_column) {
                needs_postgres(table, VIRTUAL_GENERATED, span);
            }
            table.columns.push(column);
            table.constraints.extend(constraints);
        }
        previous_end = cur
            .span_since(element_start)
            .map_or(previous_end, |s| s.end);
        if cur.eat_punct(',') || constraint_follows_without_comma(cur, was_constraint) {
            continue;
        }
        cur.expect_punct(')')?;
        table.elements_end = Some(previous_end);
        return Ok(());
    }
}

/// SQLite's grammar makes the comma between two table constraints optional (`conslist ::= conslist tconscomma
/// tcons`, `tconscomma ::= COMMA | .`), and drizzle-kit's table rebuilds rely on it: two `FOREIGN KEY` clauses
/// on consecutive lines. The other servers require it.
fn constraint_follows_without_comma(cur: &Cursor, after_constraint: bool) -> bool {
    after_constraint
        && cur.dialect() == crate::dialect::Dialect::Sqlite
        && starts_table_constraint(cur)
}

/// Whether a table element (or what follows `ALTER TABLE ... ADD`) is a table constraint rather than a column.
/// `CHECK`, `UNIQUE`, `PRIMARY` and `CONSTRAINT` are reserved words, so they always start a constraint; `foreign`
/// and `exclude` are not, so `foreign text` is a column named foreign.
const NOT_NULL_CONSTRAINT: (&str, u32) = ("a `NOT NULL` table constraint", 18);
const NOT_NULL_NO_INHERIT: (&str, u32) = ("`NOT NULL ... NO INHERIT`", 18);
const VIRTUAL_GENERATED: (&str, u32) = (
    "a virtual generated column (`GENERATED ALWAYS AS (...)` without `STORED`)",
    18,
);

/// The table's syntax needs at least this PostgreSQL major (the first such element is named).
fn needs_postgres(table: &mut CreateTable, (what, since): (&'static str, u32), span: Span) {
    if table.needs_postgres.is_none_or(|n| n.since < since) {
        table.needs_postgres = Some(NewerSyntaxUse { what, since, span });
    }
}

/// `CONSTRAINT n NOT NULL col` as a table element (PostgreSQL 18; a syntax error before).
fn starts_not_null_constraint(cur: &Cursor) -> bool {
    cur.is_word("constraint") && cur.is_word_at(2, "not") && cur.is_word_at(3, "null")
}

/// Whether the column element at the cursor says `NOT NULL NO INHERIT` (PostgreSQL 18; a syntax error before):
/// its tokens up to the `,` or `)` that ends it.
fn column_not_null_no_inherit(cur: &Cursor) -> bool {
    let src = cur.src;
    let mut depth = 0usize;
    let mut words: Vec<&crate::lex::Token> = Vec::new();
    for token in cur.rest() {
        if token.is_punct(src, '(') {
            depth += 1;
        } else if token.is_punct(src, ')') {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0 && token.is_punct(src, ',') {
            break;
        } else if depth == 0 {
            words.push(token);
        }
    }
    words.windows(3).any(|w| {
        w[0].is_word(src, "null") && w[1].is_word(src, "no") && w[2].is_word(src, "inherit")
    })
}

pub fn starts_table_constraint(cur: &Cursor) -> bool {
    cur.is_any_word(TABLE_CONSTRAINT_STARTS) && !is_column_named_like_keyword(cur)
}

fn is_column_named_like_keyword(cur: &Cursor) -> bool {
    (cur.is_word("exclude") || cur.is_word("foreign"))
        && !cur.is_word_at(1, "key")
        && !cur.is_word_at(1, "using")
        && !cur.peek_nth(1).is_some_and(|t| t.is_punct(cur.src, '('))
}

/// What to delete to remove an element: from the end of the previous element (taking its comma) to the end of
/// this one, so `a int, CONSTRAINT x ...` loses `, CONSTRAINT x ...`.
fn removal_span(previous_end: usize, element: Span) -> Span {
    Span::new(previous_end.min(element.start), element.end)
}

/// `INHERITS (...)`, `PARTITION BY ...`, `FOR VALUES ...`, `WITH (...)`, `TABLESPACE x`, `AS query`, ...
fn read_table_tail(cur: &mut Cursor, table: &mut CreateTable) -> ReadResult<()> {
    while !cur.at_end() {
        if cur.eat_word("inherits") {
            cur.expect_punct('(')?;
            loop {
                table.inherits.push(cur.obj_name()?);
                if !cur.eat_punct(',') {
                    break;
                }
            }
            cur.expect_punct(')')?;
        } else if cur.eat_words(&["partition", "by"]) {
            table.partitioned = true;
            table.partition_key = Some(super::partition::read_partition_key(cur));
        } else if let Some(bound) = (table.partition_of.is_some())
            .then(|| super::partition::read_partition_bound(cur))
            .flatten()
        {
            table.partition_bound = Some(bound);
        } else if cur.eat_words(&["on", "commit"]) {
            if cur.eat_word("drop") {
                table.on_commit = OnCommit::Drop;
            } else if cur.eat_words(&["delete", "rows"]) {
                table.on_commit = OnCommit::DeleteRows;
            }
        } else if cur.eat_word("as") {
            table.columns_incomplete = true;
            return Ok(());
        } else if mysql::read_charset_option(cur, &mut table.default_charset) {
            continue;
        } else if let Some(engine) = mysql::read_engine_option(cur) {
            table.engine = Some(engine);
        } else {
            cur.skip_one();
        }
    }
    Ok(())
}

/// `name type [constraints...]`; returns the column and the constraints written inline on it.
pub fn read_column(
    cur: &mut Cursor,
    in_partition: bool,
) -> ReadResult<(ColumnDef, Vec<ConstraintDef>)> {
    let name = cur.ident()?;
    let start = name.span.start;
    // SQLite columns may have no type at all (`CREATE TABLE t (a, b REFERENCES p)`).
    let untyped = cur.dialect() == Dialect::Sqlite && starts_type_ending_constraint(cur);
    let ty = if untyped
        || (in_partition && (cur.eat_words(&["with", "options"]) || starts_column_constraint(cur)))
    {
        None
    } else {
        Some(read_type(cur)?)
    };
    let mut column = ColumnDef {
        name,
        ty,
        not_null: false,
        not_null_span: None,
        default: None,
        identity: false,
        generated: None,
        span: Span::default(),
    };
    let mut constraints = Vec::new();
    while !cur.at_end() && !cur.is_punct(',') && !cur.is_punct(')') {
        if let Some(constraint) = read_column_constraint(cur, &mut column)? {
            constraints.push(constraint);
        }
    }
    column.span = Span::new(start, cur.previous_span().end);
    Ok((column, constraints))
}

fn starts_column_constraint(cur: &Cursor) -> bool {
    cur.at_end()
        || cur.is_punct(',')
        || cur.is_punct(')')
        || cur.is_any_word(COLUMN_CONSTRAINT_STARTS)
}

/// A type runs until a column constraint keyword, `,` or `)` (parenthesized modifiers included).
pub fn read_type(cur: &mut Cursor) -> ReadResult<TypeRef> {
    let start = cur.position();
    if cur.at_end() || cur.is_punct(',') || cur.is_punct(')') {
        return Err(cur.error("expected a column type"));
    }
    // The first word is always the type (a type may live in a schema called `storage`); then `double
    // precision`, `character varying(10)`, `timestamp with time zone`, `int[]`, `x.y`, `interval day`.
    cur.skip_one();
    while !cur.at_end()
        && !cur.is_punct(',')
        && !cur.is_punct(')')
        && !starts_type_ending_constraint(cur)
    {
        cur.skip_one();
    }
    let span = cur
        .span_since(start)
        .ok_or_else(|| cur.error("expected a column type"))?;
    Ok(TypeRef {
        text: span.slice(cur.src).to_string(),
        span,
    })
}

/// Like [`starts_column_constraint`], except that `with`/`without` belong to `timestamp with time zone`. In
/// MySQL, `CHARACTER SET` and `COLLATE` belong to the type (they decide whether an FK is accepted) and the
/// column attributes end it.
fn starts_type_ending_constraint(cur: &Cursor) -> bool {
    let qualifier = cur.peek_nth(1).is_some_and(|t| t.is_punct(cur.src, '.'));
    if qualifier {
        return false;
    }
    match cur.dialect() {
        Dialect::Postgres => cur.is_any_word(COLUMN_CONSTRAINT_STARTS) || cur.is_word("using"),
        Dialect::MySql => {
            (cur.is_any_word(COLUMN_CONSTRAINT_STARTS) && !cur.is_word("collate"))
                || cur.is_any_word(mysql::TYPE_ENDING_ATTRIBUTES)
        }
        Dialect::Sqlite => {
            cur.at_end()
                || cur.is_punct(',')
                || cur.is_punct(')')
                || cur.is_any_word(COLUMN_CONSTRAINT_STARTS)
                || cur.is_any_word(mysql::TYPE_ENDING_ATTRIBUTES)
        }
    }
}

/// One column constraint; updates the column for NOT NULL / DEFAULT / identity, returns key constraints.
fn read_column_constraint(
    cur: &mut Cursor,
    column: &mut ColumnDef,
) -> ReadResult<Option<ConstraintDef>> {
    let start = cur.position();
    let name = if cur.eat_word("constraint") {
        Some(cur.ident()?)
    } else {
        None
    };
    let kind = if cur.is_word("not") && cur.is_word_at(1, "null") {
        // From the end of the previous token, so removing it leaves no double space.
        let not = cur.previous_span().end;
        cur.bump();
        cur.bump();
        column.not_null = true;
        column.not_null_span = Some(Span::new(not, cur.previous_span().end));
        ConstraintKind::Other
    } else if cur.eat_word("null") {
        ConstraintKind::Other
    } else if cur.eat_word("default") {
        let expr_start = cur.position();
        cur.skip_one();
        cur.skip_until(|c| c.is_any_word(COLUMN_CONSTRAINT_STARTS) && !c.is_word("null"));
        column.default = cur
            .span_since(expr_start)
            .map(|s| s.slice(cur.src).to_string());
        ConstraintKind::Other
    } else if cur.eat_word("check") {
        cur.skip_one();
        cur.eat_words(&["no", "inherit"]);
        ConstraintKind::Other
    } else if cur.eat_word("generated") {
        read_generated(cur, column);
        ConstraintKind::Other
    } else if cur.eat_word("unique") {
        skip_nulls_distinct(cur);
        cur.eat_word("key");
        skip_index_params(cur);
        ConstraintKind::Unique(vec![column.name.clone()])
    } else if cur.eat_words(&["primary", "key"]) {
        column.not_null = true;
        skip_index_params(cur);
        ConstraintKind::PrimaryKey(vec![column.name.clone()])
    } else if cur.eat_word("references") {
        let fk = read_references(cur, vec![column.name.clone()], true)?;
        ConstraintKind::ForeignKey(fk)
    } else if cur.eat_word("collate") {
        cur.obj_name()?;
        return Ok(None);
    } else if cur.eat_word("storage") || cur.eat_word("compression") {
        cur.bump();
        return Ok(None);
    } else if read_characteristics(cur).checked()?.found
        || mysql::skip_column_attribute(cur, column)
    {
        return Ok(None);
    } else {
        return Err(cur.error("unexpected word in a column definition"));
    };
    let characteristics = read_characteristics(cur).checked()?;
    let span = cur.span_since(start).unwrap_or_default();
    let deferrable = characteristics.is_deferrable();
    let kind = apply_characteristics(kind, characteristics);
    if matches!(kind, ConstraintKind::Other) && name.is_none() {
        return Ok(None);
    }
    Ok(Some(ConstraintDef {
        name,
        kind,
        span,
        removal: span,
        deferrable,
    }))
}

/// `GENERATED ALWAYS AS (expr) [STORED|VIRTUAL]` or `GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(...)]`.
fn read_generated(cur: &mut Cursor, column: &mut ColumnDef) {
    cur.eat_word("always");
    cur.eat_words(&["by", "default"]);
    cur.eat_word("as");
    if cur.eat_word("identity") {
        column.identity = true;
        column.not_null = true;
        if cur.is_punct('(') {
            cur.skip_one();
        }
    } else {
        let start = cur.position();
        cur.skip_one();
        let expression = cur
            .span_since(start)
            .map(|s| s.slice(cur.src))
            .and_then(|text| text.strip_prefix('('))
            .and_then(|text| text.strip_suffix(')'))
            .unwrap_or_default()
            .trim()
            .to_string();
        // PostgreSQL 18 makes a column VIRTUAL unless it says STORED (older servers require STORED).
        let stored = cur.eat_word("stored");
        let virtual_column =
            cur.eat_word("virtual") || (!stored && cur.dialect() == Dialect::Postgres);
        column.generated = Some(Generated {
            virtual_column,
            expression,
        });
    }
}

fn skip_nulls_distinct(cur: &mut Cursor) {
    let _ = cur.eat_words(&["nulls", "not", "distinct"]) || cur.eat_words(&["nulls", "distinct"]);
}

/// `INCLUDE (...)`, `WITH (...)`, `USING INDEX TABLESPACE x`.
fn skip_index_params(cur: &mut Cursor) {
    loop {
        if cur.eat_word("include") || cur.eat_word("with") {
            cur.skip_one();
        } else if cur.eat_words(&["using", "index", "tablespace"]) {
            cur.bump();
        } else {
            return;
        }
    }
}

/// `[NOT] DEFERRABLE`, `INITIALLY DEFERRED|IMMEDIATE`, `NOT VALID`, `[NOT] ENFORCED`, `NO INHERIT`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Characteristics {
    /// Whether any characteristic was written.
    pub found: bool,
    pub deferrable: Option<bool>,
    pub initially_deferred: Option<bool>,
    pub not_valid: bool,
    /// `NOT ENFORCED` (PostgreSQL 18).
    pub not_enforced: bool,
    /// `ENFORCED` (`Some(true)`) or `NOT ENFORCED` (`Some(false)`), when written.
    pub enforced: Option<bool>,
    /// Characteristics that contradict each other, which PostgreSQL's grammar rejects (42601): what it says,
    /// and where they are written.
    pub conflict: Option<(&'static str, Span)>,
}

impl Characteristics {
    /// `DEFERRABLE`, or `INITIALLY DEFERRED` (which implies it).
    pub fn is_deferrable(&self) -> bool {
        self.deferrable.unwrap_or(false) || self.initially_deferred.unwrap_or(false)
    }

    /// The characteristics, or the syntax error PostgreSQL answers when they contradict each other: the
    /// statement is rejected whole, so nothing it declares exists.
    pub fn checked(self) -> ReadResult<Self> {
        match self.conflict {
            Some((message, span)) => Err(ReadError {
                message: format!("{message}: PostgreSQL rejects this statement (42601)"),
                span,
                rejected: true,
            }),
            None => Ok(self),
        }
    }
}

/// Sets a characteristic written as `value`; a second, different value for it is a conflict.
fn set_once(slot: &mut Option<bool>, value: bool) -> bool {
    let conflicts = slot.is_some_and(|was| was != value);
    *slot = Some(value);
    conflicts
}

pub fn read_characteristics(cur: &mut Cursor) -> Characteristics {
    let start = cur.position();
    let mut c = Characteristics::default();
    let mut conflict = None;
    loop {
        let conflicts = if cur.eat_words(&["not", "deferrable"]) {
            set_once(&mut c.deferrable, false)
        } else if cur.eat_word("deferrable") {
            set_once(&mut c.deferrable, true)
        } else if cur.eat_words(&["initially", "deferred"]) {
            set_once(&mut c.initially_deferred, true)
        } else if cur.eat_words(&["initially", "immediate"]) {
            set_once(&mut c.initially_deferred, false)
        } else if cur.eat_words(&["not", "valid"]) {
            c.not_valid = true;
            false
        } else if cur.eat_words(&["not", "enforced"]) {
            c.not_enforced = true;
            set_once(&mut c.enforced, false)
        } else if cur.eat_word("enforced") {
            set_once(&mut c.enforced, true)
        } else if !cur.eat_words(&["no", "inherit"]) {
            break;
        } else {
            false
        };
        if conflicts {
            conflict.get_or_insert("conflicting constraint properties");
        }
        c.found = true;
    }
    // `NOT DEFERRABLE INITIALLY DEFERRED`, in either order (its own message in `ConstraintAttributeSpec`).
    if c.deferrable == Some(false) && c.initially_deferred == Some(true) {
        conflict = Some("constraint declared INITIALLY DEFERRED must be DEFERRABLE");
    }
    // SQLite reads `NOT DEFERRABLE INITIALLY DEFERRED` as not deferrable; only PostgreSQL's grammar refuses.
    if cur.dialect() == Dialect::Postgres {
        c.conflict = conflict.map(|message| (message, cur.span_since(start).unwrap_or_default()));
    }
    c
}

fn apply_characteristics(kind: ConstraintKind, c: Characteristics) -> ConstraintKind {
    match kind {
        ConstraintKind::ForeignKey(mut fk) => {
            fk.initially_deferred |= c.initially_deferred.unwrap_or(false);
            fk.deferrable = c.deferrable.unwrap_or(fk.initially_deferred) || fk.initially_deferred;
            fk.not_valid |= c.not_valid;
            fk.not_enforced |= c.not_enforced;
            ConstraintKind::ForeignKey(fk)
        }
        kind => kind,
    }
}

/// A table constraint; the cursor is at `CONSTRAINT` or the constraint's keyword.
pub fn read_table_constraint(cur: &mut Cursor) -> ReadResult<ConstraintDef> {
    let start = cur.position();
    let name = if cur.eat_word("constraint") {
        Some(cur.ident()?)
    } else {
        None
    };
    let kind = if cur.eat_words(&["primary", "key"]) {
        mysql::skip_key_prefix(cur);
        read_key_columns(cur, true)?
    } else if cur.eat_word("unique") {
        skip_nulls_distinct(cur);
        mysql::skip_key_prefix(cur);
        read_key_columns(cur, false)?
    } else if cur.eat_words(&["foreign", "key"]) {
        mysql::skip_foreign_key_index_name(cur);
        let (columns, period) = read_period_column_list(cur)?;
        cur.expect_word("references")?;
        let mut fk = read_references(cur, columns, false)?;
        fk.period = period;
        ConstraintKind::ForeignKey(fk)
    } else if cur.eat_word("check") {
        cur.skip_one();
        cur.eat_words(&["no", "inherit"]);
        ConstraintKind::Other
    } else if cur.eat_word("exclude") {
        cur.skip_until(|c| c.is_word("deferrable") || c.is_word("initially"));
        ConstraintKind::Other
    } else if cur.eat_words(&["not", "null"]) {
        cur.ident()?;
        ConstraintKind::Other
    } else {
        return Err(cur.error("expected a table constraint"));
    };
    let characteristics = read_characteristics(cur).checked()?;
    let deferrable = characteristics.is_deferrable();
    let kind = apply_characteristics(kind, characteristics);
    let span = cur.span_since(start).unwrap_or_default();
    Ok(ConstraintDef {
        name,
        kind,
        span,
        removal: span,
        deferrable,
    })
}

/// `(cols) [index params]` or `USING INDEX idx` after PRIMARY KEY / UNIQUE.
fn read_key_columns(cur: &mut Cursor, primary: bool) -> ReadResult<ConstraintKind> {
    if cur.eat_words(&["using", "index"]) {
        let index = cur.ident()?;
        return Ok(ConstraintKind::KeyUsingIndex { primary, index });
    }
    let (columns, without_overlaps) = if cur.dialect() == Dialect::MySql {
        let columns = mysql::read_index_columns(cur)?;
        mysql::skip_index_options(cur);
        (columns, false)
    } else {
        read_key_column_list(cur)?
    };
    skip_index_params(cur);
    Ok(match (primary, without_overlaps) {
        (_, true) => ConstraintKind::WithoutOverlaps { primary, columns },
        (true, false) => ConstraintKind::PrimaryKey(columns),
        (false, false) => ConstraintKind::Unique(columns),
    })
}

/// Key columns, allowing PostgreSQL 18's `col WITHOUT OVERLAPS` (the grammar allows it on the last column
/// only); returns whether it was written.
fn read_key_column_list(cur: &mut Cursor) -> ReadResult<(Vec<Ident>, bool)> {
    cur.expect_punct('(')?;
    let mut columns = Vec::new();
    loop {
        columns.push(cur.ident()?);
        let without_overlaps = cur.eat_words(&["without", "overlaps"]);
        if !without_overlaps && cur.eat_punct(',') {
            continue;
        }
        cur.expect_punct(')')?;
        return Ok((columns, without_overlaps));
    }
}

/// A foreign key's column list, allowing PostgreSQL 18's `PERIOD col` as its last column (a column named
/// `period` is still read as a column); returns whether `PERIOD` was written.
pub fn read_period_column_list(cur: &mut Cursor) -> ReadResult<(Vec<Ident>, bool)> {
    cur.expect_punct('(')?;
    let mut columns = Vec::new();
    if cur.eat_punct(')') {
        return Ok((columns, false));
    }
    loop {
        let period = cur.is_word("period") && !cur.is_punct_at(1, ',') && !cur.is_punct_at(1, ')');
        if period {
            cur.bump();
        }
        columns.push(cur.ident()?);
        if !period && cur.eat_punct(',') {
            continue;
        }
        cur.expect_punct(')')?;
        return Ok((columns, period));
    }
}

/// After `REFERENCES`: `table [(cols)] [MATCH x] [ON DELETE a] [ON UPDATE a]`.
pub fn read_references(
    cur: &mut Cursor,
    columns: Vec<Ident>,
    inline: bool,
) -> ReadResult<ForeignKeyDef> {
    let ref_table = cur.obj_name()?;
    let (ref_columns, ref_period) = if cur.is_punct('(') {
        let (columns, period) = read_period_column_list(cur)?;
        (Some(columns), period)
    } else {
        (None, false)
    };
    let mut fk = ForeignKeyDef {
        columns,
        ref_table,
        ref_columns,
        on_delete: RefAction::NoAction,
        on_update: RefAction::NoAction,
        on_delete_span: None,
        on_update_span: None,
        actions_at: None,
        deferrable: false,
        initially_deferred: false,
        match_full: false,
        not_valid: false,
        not_enforced: false,
        inline,
        period: false,
        ref_period,
    };
    loop {
        if cur.eat_word("match") {
            fk.match_full = cur.eat_word("full");
            let _ = cur.eat_word("partial") || cur.eat_word("simple");
        } else if cur.is_word("on") && cur.is_word_at(1, "delete") {
            let start = cur.next_start();
            cur.bump();
            cur.bump();
            fk.on_delete = read_action(cur)?;
            fk.on_delete_span = Some(Span::new(start, cur.previous_span().end));
        } else if cur.is_word("on") && cur.is_word_at(1, "update") {
            let start = cur.next_start();
            cur.bump();
            cur.bump();
            fk.on_update = read_action(cur)?;
            fk.on_update_span = Some(Span::new(start, cur.previous_span().end));
        } else {
            fk.actions_at = Some(cur.previous_span().end);
            return Ok(fk);
        }
    }
}

fn read_action(cur: &mut Cursor) -> ReadResult<RefAction> {
    if cur.eat_words(&["no", "action"]) {
        Ok(RefAction::NoAction)
    } else if cur.eat_word("restrict") {
        Ok(RefAction::Restrict)
    } else if cur.eat_word("cascade") {
        Ok(RefAction::Cascade)
    } else if cur.eat_words(&["set", "null"]) {
        Ok(RefAction::SetNull(optional_columns(cur)?))
    } else if cur.eat_words(&["set", "default"]) {
        Ok(RefAction::SetDefault(optional_columns(cur)?))
    } else {
        Err(cur.error(
            "expected a referential action (NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT)",
        ))
    }
}

fn optional_columns(cur: &mut Cursor) -> ReadResult<Vec<Ident>> {
    if cur.is_punct('(') {
        cur.ident_list()
    } else {
        Ok(Vec::new())
    }
}
