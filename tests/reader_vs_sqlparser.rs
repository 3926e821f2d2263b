//! Differential test: fklint's span-exact reader against sqlparser 0.63 on the foreign keys each statement declares.
//!
//! fklint reads schema statements with its own token reader (`crates/fklint/src/parse/`) because fixes need byte
//! spans that sqlparser's AST does not keep. This test keeps that reader honest: for every statement of every
//! PostgreSQL corpus item, of `examples/`, and of a set of tricky inline cases, the statement text is parsed with
//! `sqlparser::parser::Parser::parse_sql(&PostgreSqlDialect {}, text)`. When sqlparser accepts it, the foreign keys
//! its AST declares (table, constraint name, columns, referenced table and columns, actions, deferrability,
//! `MATCH FULL`, `NOT VALID`, inline or not) are compared with the ones fklint's events carry for the same statement
//! (matched by the statement's span). Identifiers are normalized as PostgreSQL does: unquoted names folded to lower
//! case (ASCII only, as for UTF-8 databases), quoted names kept, both truncated to 63 bytes; `INITIALLY DEFERRED`
//! implies `DEFERRABLE` (gram.y, `processCASbits`). Any difference fails the test.
//!
//! Only statements that can declare a foreign key are given to sqlparser (`CREATE [TEMP|UNLOGGED|FOREIGN] TABLE`,
//! `ALTER [FOREIGN] TABLE`, `CREATE SCHEMA`, plus any statement fklint read an FK from): sqlparser in a debug build is
//! slow on big function bodies, and nothing else can hold an FK.
//!
//! Totals are printed (uncaptured): statements compared, FKs compared, statements sqlparser rejected (by their first
//! two keywords and by error), and how many of those fklint read anyway (the value of having our own reader).
//!
//! Missing corpus: a note and the corpus part is skipped; `FKLINT_REQUIRE_CORPUS=1` makes it a failure.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use fklint::events::{ConstraintDef, ConstraintKind, EventKind, ForeignKeyDef};
use fklint::ident::{Ident as FkIdent, ObjName};
use fklint::lex::{self, TokenKind};
use fklint::split::{split, PieceKind};
use fklint::{Dialect, Source, Span};
use fklint_tests::corpus;
use sqlparser::ast::{
    AlterTable, AlterTableOperation, ColumnDef, ColumnOption, ConstraintReferenceMatchKind,
    CreateTable, DeferrableInitial, ForeignKeyConstraint, Ident, ObjectName, ObjectNamePart,
    ReferentialAction, Statement, TableConstraint,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// sqlparser recurses; debug builds use big frames.
const STACK: usize = 256 * 1024 * 1024;

/// PostgreSQL's `NAMEDATALEN - 1`.
const MAX_IDENT_BYTES: usize = 63;

/// One foreign key as a statement declares it, normalized for comparison.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Fk {
    /// The table the FK is on, as written (`[schema,] name`, normalized).
    table: Vec<String>,
    name: Option<String>,
    columns: Vec<String>,
    ref_table: Vec<String>,
    /// `None` for `REFERENCES t` (the primary key is meant).
    ref_columns: Option<Vec<String>>,
    on_delete: String,
    on_update: String,
    deferrable: bool,
    initially_deferred: bool,
    match_full: bool,
    not_valid: bool,
    inline: bool,
}

impl fmt::Display for Fk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[String]| v.join(", ");
        write!(f, "{}", self.table.join("."))?;
        if let Some(name) = &self.name {
            write!(f, " CONSTRAINT {name:?}")?;
        }
        write!(
            f,
            " ({}) REFERENCES {}",
            list(&self.columns),
            self.ref_table.join(".")
        )?;
        match &self.ref_columns {
            Some(cols) => write!(f, " ({})", list(cols))?,
            None => write!(f, " <pk>")?,
        }
        write!(
            f,
            " ON DELETE {} ON UPDATE {}",
            self.on_delete, self.on_update
        )?;
        if self.match_full {
            write!(f, " MATCH FULL")?;
        }
        if self.deferrable {
            write!(f, " DEFERRABLE")?;
        }
        if self.initially_deferred {
            write!(f, " INITIALLY DEFERRED")?;
        }
        if self.not_valid {
            write!(f, " NOT VALID")?;
        }
        if self.inline {
            write!(f, " [inline]")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------------------------
// sqlparser side

/// PostgreSQL's truncation of identifiers (`pg_mbcliplen`: never inside a character).
fn truncate(mut value: String) -> String {
    if value.len() > MAX_IDENT_BYTES {
        let mut end = MAX_IDENT_BYTES;
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        value.truncate(end);
    }
    value
}

/// An identifier as PostgreSQL stores it: unquoted folded to lower case (ASCII only), quoted kept.
fn norm(ident: &Ident) -> String {
    if ident.quote_style.is_some() {
        truncate(ident.value.clone())
    } else {
        truncate(ident.value.to_ascii_lowercase())
    }
}

/// `[catalog.][schema.]name`; PostgreSQL requires the catalog to be the current database and then ignores it
/// ("cross-database references are not implemented" otherwise), so it is dropped, as fklint's `ObjName` does.
fn norm_name(name: &ObjectName) -> Vec<String> {
    let skip = name.0.len().saturating_sub(2).min(1);
    name.0
        .iter()
        .skip(skip)
        .map(|part| match part {
            ObjectNamePart::Identifier(ident) => norm(ident),
            ObjectNamePart::Function(f) => format!("<function {f}>"),
        })
        .collect()
}

fn action(action: &Option<ReferentialAction>) -> String {
    match action {
        None | Some(ReferentialAction::NoAction) => "NO ACTION",
        Some(ReferentialAction::Restrict) => "RESTRICT",
        Some(ReferentialAction::Cascade) => "CASCADE",
        Some(ReferentialAction::SetNull) => "SET NULL",
        Some(ReferentialAction::SetDefault) => "SET DEFAULT",
    }
    .to_string()
}

/// What sqlparser's AST says beyond what fklint's events can say (reported, not compared).
#[derive(Default)]
struct SqlparserNotes {
    /// `NOT ENFORCED` FKs (PostgreSQL 18): fklint's `ForeignKeyDef` has no field for it.
    not_enforced: Vec<Fk>,
    /// `MATCH PARTIAL` (PostgreSQL rejects it: "not yet implemented").
    match_partial: usize,
}

fn from_sqlparser(
    table: &ObjectName,
    name: Option<&Ident>,
    columns: Vec<String>,
    fk: &ForeignKeyConstraint,
    not_valid: bool,
    inline: bool,
    notes: &mut SqlparserNotes,
) -> Fk {
    let cc = fk.characteristics.unwrap_or_default();
    let initially_deferred = cc.initially == Some(DeferrableInitial::Deferred);
    let out = Fk {
        table: norm_name(table),
        name: name.or(fk.name.as_ref()).map(norm),
        columns,
        ref_table: norm_name(&fk.foreign_table),
        ref_columns: if fk.referred_columns.is_empty() {
            None
        } else {
            Some(fk.referred_columns.iter().map(norm).collect())
        },
        on_delete: action(&fk.on_delete),
        on_update: action(&fk.on_update),
        // gram.y (processCASbits): INITIALLY DEFERRED implies DEFERRABLE.
        deferrable: cc.deferrable == Some(true) || initially_deferred,
        initially_deferred,
        match_full: fk.match_kind == Some(ConstraintReferenceMatchKind::Full),
        not_valid,
        inline,
    };
    if fk.match_kind == Some(ConstraintReferenceMatchKind::Partial) {
        notes.match_partial += 1;
    }
    if cc.enforced == Some(false) {
        notes.not_enforced.push(out.clone());
    }
    out
}

fn column_fks(
    table: &ObjectName,
    column: &ColumnDef,
    out: &mut Vec<Fk>,
    notes: &mut SqlparserNotes,
) {
    for option in &column.options {
        if let ColumnOption::ForeignKey(fk) = &option.option {
            let fk = from_sqlparser(
                table,
                option.name.as_ref(),
                vec![norm(&column.name)],
                fk,
                false,
                true,
                notes,
            );
            out.push(fk);
        }
    }
}

fn table_constraint_fk(
    table: &ObjectName,
    constraint: &TableConstraint,
    not_valid: bool,
    out: &mut Vec<Fk>,
    notes: &mut SqlparserNotes,
) {
    if let TableConstraint::ForeignKey(fk) = constraint {
        let columns = fk.columns.iter().map(norm).collect();
        out.push(from_sqlparser(
            table,
            fk.name.as_ref(),
            columns,
            fk,
            not_valid,
            false,
            notes,
        ));
    }
}

/// The FKs the statements sqlparser read declare.
fn sqlparser_fks(statements: &[Statement], notes: &mut SqlparserNotes) -> Vec<Fk> {
    let mut out = Vec::new();
    for statement in statements {
        match statement {
            Statement::CreateTable(CreateTable {
                name,
                columns,
                constraints,
                ..
            }) => {
                for column in columns {
                    column_fks(name, column, &mut out, notes);
                }
                for constraint in constraints {
                    table_constraint_fk(name, constraint, false, &mut out, notes);
                }
            }
            Statement::AlterTable(AlterTable {
                name, operations, ..
            }) => {
                for operation in operations {
                    match operation {
                        AlterTableOperation::AddConstraint {
                            constraint,
                            not_valid,
                        } => table_constraint_fk(name, constraint, *not_valid, &mut out, notes),
                        AlterTableOperation::AddColumn { column_def, .. } => {
                            column_fks(name, column_def, &mut out, notes)
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// fklint side

fn fk_ident(ident: &FkIdent) -> String {
    ident.value.clone()
}

fn fk_name(name: &ObjName) -> Vec<String> {
    name.schema
        .iter()
        .chain(std::iter::once(&name.name))
        .map(fk_ident)
        .collect()
}

fn from_fklint(table: &ObjName, constraint: &ConstraintDef, fk: &ForeignKeyDef) -> Fk {
    Fk {
        table: fk_name(table),
        name: constraint.name.as_ref().map(fk_ident),
        columns: fk.columns.iter().map(fk_ident).collect(),
        ref_table: fk_name(&fk.ref_table),
        ref_columns: fk
            .ref_columns
            .as_ref()
            .map(|cols| cols.iter().map(fk_ident).collect()),
        on_delete: fk.on_delete.sql(),
        on_update: fk.on_update.sql(),
        deferrable: fk.deferrable,
        initially_deferred: fk.initially_deferred,
        match_full: fk.match_full,
        not_valid: fk.not_valid,
        inline: fk.inline,
    }
}

fn fklint_event_fks(kind: &EventKind, out: &mut Vec<(Span, Fk)>) {
    let mut push = |table: &ObjName, constraint: &ConstraintDef| {
        if let ConstraintKind::ForeignKey(fk) = &constraint.kind {
            out.push((constraint.span, from_fklint(table, constraint, fk)));
        }
    };
    match kind {
        EventKind::CreateTable(ct) => ct.constraints.iter().for_each(|c| push(&ct.name, c)),
        EventKind::AddConstraint {
            table, constraint, ..
        } => push(table, constraint),
        EventKind::AddColumn {
            table, constraints, ..
        } => constraints.iter().for_each(|c| push(table, c)),
        _ => {}
    }
}

/// What fklint made of one statement.
#[derive(Default)]
struct FklintStatement {
    /// Each FK with the span of its constraint element (to tell the statements of a `DO` body apart).
    fks: Vec<(Span, Fk)>,
    /// Some event other than `Uncertain`: the reader understood the statement.
    read: bool,
}

// ---------------------------------------------------------------------------------------------------------------
// The statements

/// The first words of a statement (comments skipped), lower case, stopping at the first non-word token.
fn leading_words(text: &str, max: usize) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    while i < bytes.len() && words.len() < max {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if bytes[i..].starts_with(b"--") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            let mut depth = 0usize;
            while i < bytes.len() {
                if bytes[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if bytes[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            words.push(text[start..i].to_ascii_lowercase());
        } else {
            break;
        }
    }
    words
}

/// `CREATE [modifiers] TABLE`, `CREATE FOREIGN TABLE`, `CREATE SCHEMA`, `ALTER [FOREIGN] TABLE`.
fn may_declare_fk(words: &[String]) -> bool {
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    match w(0) {
        "create" => {
            let mut rest = words[1..].iter().map(String::as_str).filter(|w| {
                !matches!(
                    *w,
                    "or" | "replace" | "global" | "local" | "temporary" | "temp" | "unlogged"
                )
            });
            matches!(
                (rest.next(), rest.next()),
                (Some("table" | "schema"), _) | (Some("foreign"), Some("table"))
            )
        }
        "alter" => w(1) == "table" || (w(1) == "foreign" && w(2) == "table"),
        _ => false,
    }
}

/// The statements inside a statement sqlparser rejected that can be given to it alone: the `CREATE`/`ALTER ...
/// TABLE` statements of a `DO` body, and the table elements of `CREATE SCHEMA s CREATE TABLE ...`.
fn inner_units(text: &str, stmt: Span, words: &[String]) -> Vec<Span> {
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let statement = stmt.slice(text);
    if w(0) == "do" {
        let tokens = lex::tokenize(statement);
        let Some(body) = tokens
            .iter()
            .find(|t| t.kind == TokenKind::DollarString && !t.unterminated)
        else {
            return Vec::new();
        };
        let body_text = body.text(statement);
        let Some(tag_len) = body_text.get(1..).and_then(|t| t.find('$')).map(|i| i + 2) else {
            return Vec::new();
        };
        if body_text.len() < 2 * tag_len {
            return Vec::new();
        }
        let inner = Span::new(
            stmt.start + body.span.start + tag_len,
            stmt.start + body.span.end - tag_len,
        );
        return ddl_runs(text, inner, false);
    }
    if w(0) == "create" && w(1) == "schema" {
        return ddl_runs(text, stmt, true);
    }
    Vec::new()
}

/// In `span`: each run from a top-level `CREATE`/`ALTER ... TABLE` to the next top-level `;` (a `DO` body) or, for
/// schema elements (`elements`), to the next top-level `CREATE` or `GRANT` (the first token, `CREATE SCHEMA`,
/// excluded).
fn ddl_runs(text: &str, span: Span, elements: bool) -> Vec<Span> {
    let src = span.slice(text);
    let tokens = lex::tokenize(src);
    let mut runs = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Span> = None;
    for (i, t) in tokens.iter().enumerate() {
        let starts_element = depth == 0
            && i > 0
            && (t.is_word(src, "create") || (elements && t.is_word(src, "grant")));
        let semicolon = depth == 0 && t.is_punct(src, ';');
        if semicolon || (elements && starts_element) {
            if let Some(run) = current.take() {
                runs.push(run.offset(span.start));
            }
            if semicolon {
                continue;
            }
        }
        let starts_ddl = depth == 0
            && (t.is_word(src, "create") || t.is_word(src, "alter"))
            && (!elements || i > 0);
        if current.is_none()
            && starts_ddl
            && may_declare_fk(&leading_words(&src[t.span.start..], 6))
        {
            current = Some(t.span);
        }
        if t.is_punct(src, '(') {
            depth += 1;
        } else if t.is_punct(src, ')') {
            depth = depth.saturating_sub(1);
        }
        if let Some(run) = current.as_mut() {
            run.end = t.span.end;
        }
    }
    if let Some(run) = current {
        runs.push(run.offset(span.start));
    }
    runs
}

/// Start offsets of the lines of a text.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// 1-based line of a byte offset.
fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset)
}

/// The first `n` characters, on one line.
fn excerpt(text: &str, n: usize) -> String {
    let mut out: String = text
        .chars()
        .take(n)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

/// sqlparser's error without its position, for grouping.
fn error_kind(error: &str) -> String {
    let error = match error.find(" at Line:") {
        Some(i) => &error[..i],
        None => error,
    };
    excerpt(error, 100)
}

#[derive(Default)]
struct Totals {
    sources: usize,
    statements: usize,
    /// Given to sqlparser.
    candidates: usize,
    /// sqlparser accepted and the FKs were compared.
    compared: usize,
    fks_compared: usize,
    rejected: usize,
    /// Statements inside rejected ones (DO bodies, CREATE SCHEMA elements) given to sqlparser alone.
    inner_candidates: usize,
    inner_compared: usize,
    inner_rejected: usize,
    rejected_by_words: BTreeMap<String, usize>,
    rejected_by_error: BTreeMap<String, usize>,
    /// Rejected by sqlparser, read by fklint (the fallback's value).
    rejected_read_by_fklint: usize,
    /// FKs fklint read from statements sqlparser rejected (not compared).
    fks_only_fklint: usize,
    /// Up to two statements per sqlparser error.
    rejected_samples: BTreeMap<String, Vec<String>>,
    /// Statements sqlparser rejected where fklint read FKs, with those FKs.
    fklint_only: Vec<String>,
    disagreements: Vec<String>,
    not_enforced: Vec<String>,
    match_partial: usize,
}

/// Compares what sqlparser and fklint read from one statement; a difference is recorded as a disagreement.
fn compare_fks(
    totals: &mut Totals,
    place: &str,
    statement: &str,
    theirs: Vec<Fk>,
    notes: SqlparserNotes,
    ours: Vec<Fk>,
) {
    let (mut theirs, mut ours) = (theirs, ours);
    theirs.sort();
    ours.sort();
    totals.fks_compared += theirs.len().max(ours.len());
    totals.match_partial += notes.match_partial;
    for fk in &notes.not_enforced {
        totals.not_enforced.push(format!("{place}: {fk}"));
    }
    if theirs != ours {
        let mut report = String::new();
        let _ = writeln!(report, "{place}: {}", excerpt(statement, 200));
        let _ = writeln!(report, "  sqlparser ({}):", theirs.len());
        for fk in &theirs {
            let mark = if ours.contains(fk) { " " } else { "-" };
            let _ = writeln!(report, "   {mark} {fk}");
        }
        let _ = writeln!(report, "  fklint ({}):", ours.len());
        for fk in &ours {
            let mark = if theirs.contains(fk) { " " } else { "+" };
            let _ = writeln!(report, "   {mark} {fk}");
        }
        totals.disagreements.push(report);
    }
}

fn first_two_keywords(words: &[String]) -> String {
    words
        .iter()
        .take(2)
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compares every statement of one source.
fn compare_source(source: &Source, totals: &mut Totals) {
    totals.sources += 1;
    let text = &source.text;
    let parsed = fklint::frontend::parse_sources(std::slice::from_ref(source), Dialect::Postgres);
    let mut by_span: HashMap<(usize, usize), FklintStatement> = HashMap::new();
    for event in &parsed.events {
        let entry = by_span
            .entry((event.stmt.span.start, event.stmt.span.end))
            .or_default();
        if !matches!(event.kind, EventKind::Uncertain { .. }) {
            entry.read = true;
        }
        fklint_event_fks(&event.kind, &mut entry.fks);
    }
    let starts = line_starts(text);
    let place_of = |offset: usize| format!("{}:{}", source.name, line_of(&starts, offset));
    let mut seen_spans = BTreeSet::new();
    for piece in split(text) {
        if piece.kind != PieceKind::Statement {
            continue;
        }
        totals.statements += 1;
        let key = (piece.span.start, piece.span.end);
        seen_spans.insert(key);
        let statement = piece.span.slice(text);
        let words = leading_words(statement, 6);
        let fklint = by_span.remove(&key).unwrap_or_default();
        let is_do = words.first().is_some_and(|w| w == "do");
        if !may_declare_fk(&words) && !is_do && fklint.fks.is_empty() {
            continue;
        }
        totals.candidates += 1;
        let place = place_of(piece.span.start);
        let error = match Parser::parse_sql(&PostgreSqlDialect {}, statement) {
            Ok(ast) => {
                totals.compared += 1;
                let mut notes = SqlparserNotes::default();
                let theirs = sqlparser_fks(&ast, &mut notes);
                let ours = fklint.fks.into_iter().map(|(_, fk)| fk).collect();
                compare_fks(totals, &place, statement, theirs, notes, ours);
                continue;
            }
            Err(error) => error,
        };
        totals.rejected += 1;
        *totals
            .rejected_by_words
            .entry(first_two_keywords(&words))
            .or_default() += 1;
        let kind = error_kind(&error.to_string());
        *totals.rejected_by_error.entry(kind.clone()).or_default() += 1;
        if fklint.read {
            totals.rejected_read_by_fklint += 1;
        }
        let samples = totals.rejected_samples.entry(kind).or_default();
        if samples.len() < 2 {
            samples.push(format!(
                "{place}: {} (fklint read it: {}, {} FKs)",
                excerpt(statement, 120),
                fklint.read,
                fklint.fks.len()
            ));
        }
        // The statements inside (a DO body, CREATE SCHEMA elements) go to sqlparser one by one; fklint's FKs are
        // assigned to them by where their constraint is written.
        let mut left = fklint.fks;
        for unit in inner_units(text, piece.span, &words) {
            let (mine, rest): (Vec<_>, Vec<_>) = left
                .into_iter()
                .partition(|(span, _)| unit.start <= span.start && span.end <= unit.end);
            left = rest;
            let mine: Vec<Fk> = mine.into_iter().map(|(_, fk)| fk).collect();
            let unit_text = unit.slice(text);
            let unit_words = leading_words(unit_text, 2);
            let unit_place = place_of(unit.start);
            totals.inner_candidates += 1;
            match Parser::parse_sql(&PostgreSqlDialect {}, unit_text) {
                Ok(ast) => {
                    totals.inner_compared += 1;
                    let mut notes = SqlparserNotes::default();
                    let theirs = sqlparser_fks(&ast, &mut notes);
                    compare_fks(totals, &unit_place, unit_text, theirs, notes, mine);
                }
                Err(error) => {
                    totals.inner_rejected += 1;
                    let key = format!(
                        "{} › {}",
                        first_two_keywords(&words),
                        first_two_keywords(&unit_words)
                    );
                    *totals.rejected_by_words.entry(key).or_default() += 1;
                    let kind = error_kind(&error.to_string());
                    *totals.rejected_by_error.entry(kind.clone()).or_default() += 1;
                    let samples = totals.rejected_samples.entry(kind).or_default();
                    if samples.len() < 2 {
                        samples.push(format!(
                            "{unit_place} (inside): {} ({} FKs)",
                            excerpt(unit_text, 120),
                            mine.len()
                        ));
                    }
                    left.extend(mine.into_iter().map(|fk| (unit, fk)));
                }
            }
        }
        if !left.is_empty() {
            totals.fks_only_fklint += left.len();
            let mut report = format!("{place}: {}\n", excerpt(statement, 120));
            for (span, fk) in &left {
                let _ = writeln!(report, "     {}: {fk}", place_of(span.start));
            }
            totals.fklint_only.push(report);
        }
    }
    // Every FK event must belong to a statement the splitter cut.
    let stray: Vec<_> = by_span
        .iter()
        .filter(|(key, s)| !seen_spans.contains(*key) && !s.fks.is_empty())
        .map(|(key, _)| *key)
        .collect();
    assert!(
        stray.is_empty(),
        "{}: fklint FKs on spans that are not statements: {stray:?}",
        source.name
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/// Tricky statements, each one a case (name, SQL). All are valid PostgreSQL syntax (checked with psql on
/// PostgreSQL 15; ENFORCED / NOT ENFORCED need 18, the three-part name needs the current database to be `postgres`).
const INLINE_CASES: &[(&str, &str)] = &[
    (
        "quoted mixed-case names",
        r#"CREATE TABLE "Orders" ("Id" int PRIMARY KEY, "CustomerId" int REFERENCES "Customers" ("Id"), Note text)"#,
    ),
    (
        "unquoted mixed case folds, schema-qualified target",
        "CREATE TABLE Sales.OrderLine (Order_Id int CONSTRAINT FK_OrderLine_Order REFERENCES Sales.\"Order\" (Id) ON DELETE CASCADE)",
    ),
    (
        "quoted schema and table",
        r#"CREATE TABLE IF NOT EXISTS "Billing"."Invoice" (id int, "accountId" uuid NOT NULL REFERENCES "Billing"."Account"("ID") ON UPDATE CASCADE)"#,
    ),
    (
        "REFERENCES t without columns",
        "CREATE TABLE child (parent_id bigint NOT NULL REFERENCES parent, other_id int REFERENCES public.other)",
    ),
    (
        "table constraint without referenced columns",
        "CREATE TABLE child2 (a int, b int, FOREIGN KEY (a, b) REFERENCES parent2)",
    ),
    (
        "MATCH FULL, multi-column",
        "CREATE TABLE m (x int, y int, CONSTRAINT m_xy_fkey FOREIGN KEY (x, y) REFERENCES n (a, b) MATCH FULL ON DELETE CASCADE)",
    ),
    (
        "MATCH SIMPLE inline with actions in the other order",
        "CREATE TABLE ms (x int REFERENCES n (a) MATCH SIMPLE ON UPDATE SET DEFAULT ON DELETE RESTRICT)",
    ),
    (
        "ON DELETE SET NULL",
        "CREATE TABLE s (p int REFERENCES p (id) ON DELETE SET NULL ON UPDATE CASCADE, q int DEFAULT 0 REFERENCES q ON DELETE SET DEFAULT)",
    ),
    (
        "DEFERRABLE INITIALLY DEFERRED",
        "CREATE TABLE d (p int, CONSTRAINT d_p_fk FOREIGN KEY (p) REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)",
    ),
    (
        "INITIALLY DEFERRED alone implies DEFERRABLE; DEFERRABLE INITIALLY IMMEDIATE; NOT DEFERRABLE",
        "CREATE TABLE d2 (a int REFERENCES t (id) INITIALLY DEFERRED, b int REFERENCES t (id) DEFERRABLE INITIALLY IMMEDIATE, c int REFERENCES t (id) NOT DEFERRABLE)",
    ),
    (
        "inline MATCH FULL with actions and deferrable",
        "CREATE TABLE d3 (a int REFERENCES t (id) MATCH FULL ON DELETE CASCADE DEFERRABLE)",
    ),
    (
        "several FKs in one table",
        "CREATE TABLE multi (a int REFERENCES t1, b int, c int CONSTRAINT multi_c_fk REFERENCES t3 (id), \
         CONSTRAINT c1 FOREIGN KEY (b, c) REFERENCES public.t2 (x, y) ON UPDATE RESTRICT ON DELETE NO ACTION, \
         FOREIGN KEY (c) REFERENCES t3 (id) ON DELETE SET DEFAULT, UNIQUE (a, b), CHECK (a > 0))",
    ),
    (
        "types with parentheses and arrays before REFERENCES",
        "CREATE TABLE ty (a varchar(10) REFERENCES va (code), b numeric(10, 2) NOT NULL REFERENCES nu (n), c text[] , d character varying(5) COLLATE \"C\" REFERENCES cv (k))",
    ),
    (
        "keyword-like and quoted keyword names",
        r#"CREATE TABLE "user" (id int PRIMARY KEY, "group" int REFERENCES "group" (id), key int REFERENCES keys (key))"#,
    ),
    (
        "quote inside a quoted identifier",
        r#"CREATE TABLE "we""ird" ("a""b" int REFERENCES "x""y" ("c""d"))"#,
    ),
    (
        "identifier longer than 63 bytes is truncated",
        "CREATE TABLE long_names (a int CONSTRAINT this_constraint_name_is_much_longer_than_sixty_three_bytes_for_sure_yes \
         REFERENCES this_table_name_is_much_longer_than_sixty_three_bytes_for_sure_yes_indeed (id))",
    ),
    (
        "comments between tokens",
        "CREATE /* c */ TABLE com (a int -- note\n REFERENCES /* target */ t (id) -- end\n)",
    ),
    (
        "temp and unlogged tables",
        "CREATE UNLOGGED TABLE ul (a int REFERENCES t (id))",
    ),
    (
        "pg_dump ALTER TABLE ONLY ... ADD CONSTRAINT",
        "ALTER TABLE ONLY public.x ADD CONSTRAINT x_y_fkey FOREIGN KEY (y_id) REFERENCES public.y(id) ON DELETE CASCADE",
    ),
    (
        "ALTER TABLE ONLY with quoted names",
        r#"ALTER TABLE ONLY "Sales"."Order" ADD CONSTRAINT "FK_Order_Customer" FOREIGN KEY ("CustomerId") REFERENCES "Sales"."Customer"("Id")"#,
    ),
    (
        "ALTER TABLE IF EXISTS ONLY ... NOT VALID",
        "ALTER TABLE IF EXISTS ONLY x ADD CONSTRAINT x_z_fkey FOREIGN KEY (z) REFERENCES z (id) NOT VALID",
    ),
    (
        "ADD FOREIGN KEY without a name",
        "ALTER TABLE x ADD FOREIGN KEY (a, b) REFERENCES y (c, d) ON DELETE SET NULL",
    ),
    (
        "ADD COLUMN ... REFERENCES",
        "ALTER TABLE x ADD COLUMN y_id bigint REFERENCES y (id) ON DELETE SET NULL",
    ),
    (
        "ADD COLUMN IF NOT EXISTS with a named inline FK",
        "ALTER TABLE public.x ADD COLUMN IF NOT EXISTS z int CONSTRAINT x_z_fk REFERENCES z",
    ),
    (
        "ADD without COLUMN",
        "ALTER TABLE x ADD w_id int NOT NULL REFERENCES w (id)",
    ),
    (
        "several actions in one ALTER TABLE",
        "ALTER TABLE x ADD COLUMN a int REFERENCES y, ADD CONSTRAINT c FOREIGN KEY (b) REFERENCES z (id), ALTER COLUMN q SET NOT NULL",
    ),
    (
        "ALTER TABLE with a non-ASCII unquoted name (only ASCII folds)",
        "ALTER TABLE Ärger ADD CONSTRAINT Fk_Ä FOREIGN KEY (Ölwert) REFERENCES Übersicht (Id)",
    ),
    (
        "unquoted keyword-like column names",
        "CREATE TABLE kw (restrict int REFERENCES r ON DELETE RESTRICT, cascade int REFERENCES s, no int REFERENCES u, \
         set int REFERENCES p, delete int REFERENCES q, update int REFERENCES r2, match int REFERENCES s2, \
         simple int REFERENCES u2, partial int REFERENCES v, action int REFERENCES w, exclude int REFERENCES x)",
    ),
    (
        "quoted reserved words as names",
        r#"CREATE TABLE kw2 ("references" int references p, "check" int REFERENCES q, "constraint" int REFERENCES "foreign" ("key"))"#,
    ),
    (
        "multi-word and quoted types before REFERENCES",
        "CREATE TABLE ty2 (a timestamp with time zone REFERENCES p, b double precision REFERENCES q, c \"char\" REFERENCES r, \
         d interval day to second REFERENCES s, e bit varying(3) REFERENCES u, f character varying REFERENCES v, \
         g public.my_type REFERENCES w, h int ARRAY REFERENCES x, i int[3] REFERENCES y, \
         j time(3) without time zone REFERENCES z, k \"MyType\" REFERENCES p2, l varchar(255)[] REFERENCES q2)",
    ),
    (
        "constraints after the FK on the same column",
        "CREATE TABLE after (a int REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE NOT NULL, \
         b int NULL REFERENCES q, c int CHECK (c > 0) REFERENCES r, d int UNIQUE REFERENCES s, e int PRIMARY KEY REFERENCES u, \
         f int REFERENCES v (id) DEFERRABLE INITIALLY DEFERRED NOT NULL)",
    ),
    (
        "named column constraints: each name goes to its own constraint",
        "CREATE TABLE named (a int CONSTRAINT nn NOT NULL CONSTRAINT fk REFERENCES p, b int CONSTRAINT fk2 REFERENCES q NOT NULL, \
         c int CONSTRAINT c1 CHECK (c > 0) CONSTRAINT c2 REFERENCES r)",
    ),
    (
        "two REFERENCES on one column",
        "CREATE TABLE two (a int REFERENCES p REFERENCES q (x), b int CONSTRAINT c1 REFERENCES p CONSTRAINT c2 REFERENCES q ON DELETE CASCADE)",
    ),
    (
        "defaults of every shape before REFERENCES",
        "CREATE TABLE defs (a int DEFAULT nextval('s'::regclass) REFERENCES p, b text DEFAULT 'x'::text REFERENCES p2 (code), \
         c text DEFAULT concat('a', 'b') REFERENCES p3 (code), d name DEFAULT CURRENT_USER REFERENCES q, \
         e int DEFAULT -1 REFERENCES r, f int DEFAULT NULL REFERENCES s, g boolean DEFAULT true REFERENCES u, \
         h int DEFAULT 1 + 2 REFERENCES v, i int[] DEFAULT ARRAY[1,2] REFERENCES w, j int[] DEFAULT '{}'::int[] REFERENCES x, \
         k int DEFAULT CAST(1 AS int) REFERENCES y, l int DEFAULT CASE WHEN true THEN 1 END REFERENCES z, \
         m text DEFAULT $$x$$ REFERENCES p4 (code), n text DEFAULT E'it\\'s' REFERENCES p5 (code), \
         o int DEFAULT (1 + (2)) REFERENCES p6, q timestamptz DEFAULT now() NOT NULL REFERENCES p7)",
    ),
    (
        "generated column with REFERENCES",
        "CREATE TABLE gen (a int, b int GENERATED ALWAYS AS (a * 2) STORED REFERENCES p)",
    ),
    (
        "table constraints around other constraints",
        "CREATE TABLE around (PRIMARY KEY (a), a int, b int, c int, CHECK (a IN (1, 2)), FOREIGN KEY (a) REFERENCES p, \
         CONSTRAINT x UNIQUE (a) DEFERRABLE, FOREIGN KEY (a, b, c) REFERENCES p2 (x, y, z), FOREIGN KEY (c, b) REFERENCES q, \
         CONSTRAINT \"a.b\" FOREIGN KEY (a) REFERENCES \"x.y\", CONSTRAINT \"Weird \"\"name\"\"\" FOREIGN KEY (b) REFERENCES p3)",
    ),
    (
        "a self-reference and a table constraint without referenced columns followed by an action",
        "CREATE TABLE selfref (id serial PRIMARY KEY, parent_id int REFERENCES selfref (id), a int, \
         CONSTRAINT \"Fk\" FOREIGN KEY (a) REFERENCES \"P\" ON DELETE CASCADE, b int REFERENCES p ON DELETE CASCADE)",
    ),
    (
        "mixed-case keywords",
        "create table MixedKw (a int references P(ID) on delete Cascade On Update set Null Deferrable Initially Deferred)",
    ),
    (
        "no spaces around quoted names and parentheses",
        r#"CREATE TABLE"NoSpace"("A"int REFERENCES"P"("Id")ON DELETE CASCADE)"#,
    ),
    (
        "spaces and comments inside a qualified name",
        "CREATE TABLE qn (a int REFERENCES public . p ( id ), b int REFERENCES -- c\n  public.q -- d\n  (id))",
    ),
    (
        "three-part names (the catalog is the current database)",
        "CREATE TABLE postgres.public.three (a int REFERENCES postgres.public.p (id))",
    ),
    (
        "quoted identifier truncated inside a multi-byte character",
        "CREATE TABLE trunc (a int REFERENCES \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaé\" (id))",
    ),
    (
        "non-ASCII names, quoted and unquoted",
        "CREATE TABLE \"T55\" (\"ÄB\" int REFERENCES ÄÖ (ÜÉ))",
    ),
    (
        "table options after the elements",
        "CREATE TABLE opts (a int REFERENCES p (id)) PARTITION BY RANGE (a)",
    ),
    (
        "INHERITS, WITH, ON COMMIT",
        "CREATE TEMP TABLE inh (a int REFERENCES p (id)) INHERITS (base) WITH (autovacuum_enabled = false) ON COMMIT DROP",
    ),
    (
        "GLOBAL TEMPORARY and UNLOGGED IF NOT EXISTS",
        "CREATE GLOBAL TEMPORARY TABLE gt (a int REFERENCES p)",
    ),
    (
        "PostgreSQL 18 ENFORCED / NOT ENFORCED (fklint's events cannot say NOT ENFORCED: printed as a note)",
        "CREATE TABLE enf (a int REFERENCES p (id) ENFORCED, b int REFERENCES p (id) NOT ENFORCED, FOREIGN KEY (a) REFERENCES q (id) NOT ENFORCED)",
    ),
    (
        "pg_dump style MATCH SIMPLE and explicit NO ACTION",
        "ALTER TABLE t2 ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id) MATCH SIMPLE ON UPDATE NO ACTION ON DELETE NO ACTION",
    ),
    (
        "ADD COLUMN with an action, then DROP COLUMN",
        "ALTER TABLE t1 ADD COLUMN a int REFERENCES p ON DELETE CASCADE, DROP COLUMN b",
    ),
    (
        "ADD PRIMARY KEY and ADD FOREIGN KEY in one statement",
        "ALTER TABLE ONLY t3 ADD CONSTRAINT t_pkey PRIMARY KEY (id), ADD FOREIGN KEY (b) REFERENCES p, \
         ADD CONSTRAINT fk2 FOREIGN KEY (c) REFERENCES q (id)",
    ),
    (
        "ADD COLUMN with NOT NULL, DEFAULT and a named FK",
        "ALTER TABLE t20 ADD COLUMN a int NOT NULL DEFAULT 0 CONSTRAINT fk REFERENCES p (id) ON DELETE CASCADE, ADD COLUMN b int REFERENCES q",
    ),
    (
        "other actions before ADD FOREIGN KEY",
        "ALTER TABLE t21 ALTER COLUMN a SET DEFAULT 1, ALTER COLUMN a TYPE int, ADD COLUMN c int, ADD FOREIGN KEY (a) REFERENCES p",
    ),
    (
        "ALTER TABLE with quoted schema, DEFERRABLE and NOT VALID",
        r#"ALTER TABLE "S"."T23" ADD CONSTRAINT "FK" FOREIGN KEY ("a") REFERENCES "P" ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID"#,
    ),
    (
        "CREATE SCHEMA with table elements (compared element by element)",
        "CREATE SCHEMA s24 CREATE TABLE a (id int PRIMARY KEY) CREATE TABLE b (a_id int REFERENCES a, CONSTRAINT b_fk FOREIGN KEY (a_id) REFERENCES s24.a (id)) \
         CREATE VIEW v AS SELECT 1 GRANT SELECT ON b TO PUBLIC",
    ),
    (
        "CREATE SCHEMA AUTHORIZATION with an element",
        "CREATE SCHEMA AUTHORIZATION joe CREATE TABLE b26 (a_id int REFERENCES a)",
    ),
    (
        "DO block: DDL after THEN (compared statement by statement)",
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'fk') THEN ALTER TABLE t27 ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p(id); END IF; END $$",
    ),
    (
        "DO block with an EXCEPTION handler",
        "DO $$ BEGIN ALTER TABLE t28 ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p(id) ON DELETE CASCADE; EXCEPTION WHEN duplicate_object THEN null; END $$",
    ),
    (
        "DO LANGUAGE with a tagged dollar quote",
        "DO LANGUAGE plpgsql $body$ BEGIN CREATE TABLE t29 (a int REFERENCES p); END $body$",
    ),
    (
        "DO block: comments, CREATE TABLE and ADD COLUMN",
        "DO $$\nBEGIN\n  -- create the table\n  CREATE TABLE IF NOT EXISTS t31 (a int REFERENCES p (id) ON DELETE SET NULL);\n  \
         ALTER TABLE t31 ADD COLUMN IF NOT EXISTS b int REFERENCES q;\nEXCEPTION WHEN others THEN RAISE NOTICE 'x';\nEND\n$$",
    ),
];

/// Valid PostgreSQL that sqlparser 0.63 rejects, with the FKs fklint must read (`Fk`'s display form): the
/// fallback's value, checked by hand.
const FALLBACK_CASES: &[(&str, &[&str])] = &[
    (
        "CREATE TABLE t7 (a int, b int, FOREIGN KEY (a, b) REFERENCES p (x, y) MATCH FULL ON DELETE SET NULL (b))",
        &["t7 (a, b) REFERENCES p (x, y) ON DELETE SET NULL (b) ON UPDATE NO ACTION MATCH FULL"],
    ),
    (
        "CREATE TABLE t50 (a int REFERENCES p (id) ON DELETE SET DEFAULT (a))",
        &["t50 (a) REFERENCES p (id) ON DELETE SET DEFAULT (a) ON UPDATE NO ACTION [inline]"],
    ),
    (
        r#"CREATE TABLE t19 (U&"d\0061t\+000061" int REFERENCES U&"p\0061")"#,
        &["t19 (data) REFERENCES pa <pk> ON DELETE NO ACTION ON UPDATE NO ACTION [inline]"],
    ),
    (
        "CREATE TABLE t30 (a int REFERENCES p (id) ON DELETE CASCADE, CONSTRAINT t_pk PRIMARY KEY (a) WITH (fillfactor = 10) USING INDEX TABLESPACE x)",
        &["t30 (a) REFERENCES p (id) ON DELETE CASCADE ON UPDATE NO ACTION [inline]"],
    ),
    (
        "CREATE TABLE t42 (a int GENERATED BY DEFAULT AS IDENTITY (START WITH 1 INCREMENT BY 1) REFERENCES p)",
        &["t42 (a) REFERENCES p <pk> ON DELETE NO ACTION ON UPDATE NO ACTION [inline]"],
    ),
    (
        "CREATE TABLE t52 (LIKE base INCLUDING ALL, a int REFERENCES p)",
        &["t52 (a) REFERENCES p <pk> ON DELETE NO ACTION ON UPDATE NO ACTION [inline]"],
    ),
    (
        "CREATE TABLE t10 (a int REFERENCES p (id)) WITH (fillfactor=70) TABLESPACE x",
        &["t10 (a) REFERENCES p (id) ON DELETE NO ACTION ON UPDATE NO ACTION [inline]"],
    ),
    (
        "CREATE TABLE t44 (a int REFERENCES p (id)) USING heap",
        &["t44 (a) REFERENCES p (id) ON DELETE NO ACTION ON UPDATE NO ACTION [inline]"],
    ),
    (
        "CREATE TABLE t45 (a int, b int, CONSTRAINT fk FOREIGN KEY (b) REFERENCES q (id) ON DELETE SET NULL) WITHOUT OIDS",
        &["t45 CONSTRAINT \"fk\" (b) REFERENCES q (id) ON DELETE SET NULL ON UPDATE NO ACTION"],
    ),
    (
        "CREATE TABLE c11 PARTITION OF p11 (a WITH OPTIONS REFERENCES q, CONSTRAINT fk FOREIGN KEY (b) REFERENCES r) FOR VALUES IN (1)",
        &[
            "c11 (a) REFERENCES q <pk> ON DELETE NO ACTION ON UPDATE NO ACTION [inline]",
            "c11 CONSTRAINT \"fk\" (b) REFERENCES r <pk> ON DELETE NO ACTION ON UPDATE NO ACTION",
        ],
    ),
    (
        "CREATE TABLE t12 OF mytype (a WITH OPTIONS REFERENCES p)",
        &["t12 (a) REFERENCES p <pk> ON DELETE NO ACTION ON UPDATE NO ACTION [inline]"],
    ),
];

fn inline_sources() -> Vec<Source> {
    INLINE_CASES
        .iter()
        .enumerate()
        .map(|(i, (name, sql))| {
            Source::new(format!("<inline {i:02}: {name}>"), format!("{sql};\n"))
        })
        .collect()
}

fn example_sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "sql") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("examples");
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let name = p.strip_prefix(root.parent().unwrap()).unwrap_or(p);
            Source::new(name.display().to_string(), text)
        })
        .collect()
}

/// Each corpus source once (variants and shared stubs repeat files).
fn corpus_sources() -> Vec<Source> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in corpus::postgres_items() {
        for source in item.sources {
            if seen.insert(source.name.clone()) {
                out.push(source);
            }
        }
    }
    out
}

fn top(map: &BTreeMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<_> = map.iter().map(|(k, v)| (k.clone(), *v)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

fn run() {
    let started = std::time::Instant::now();
    let inline = inline_sources();
    let examples = example_sources();
    let corpus = corpus_sources();
    let mut out = String::new();

    // The inline cases must all reach the comparison: a case sqlparser rejects tests nothing. (A DO block or a
    // CREATE SCHEMA with elements is rejected whole and compared statement by statement inside.)
    let mut inline_totals = Totals::default();
    for source in &inline {
        let before = (
            inline_totals.compared,
            inline_totals.inner_compared,
            inline_totals.inner_rejected,
            inline_totals.fks_only_fklint,
        );
        compare_source(source, &mut inline_totals);
        let whole = inline_totals.compared == before.0 + 1;
        let inside = inline_totals.inner_compared > before.1
            && inline_totals.inner_rejected == before.2
            && inline_totals.fks_only_fklint == before.3;
        assert!(
            whole || inside,
            "{}: sqlparser rejected an inline case: {:?}",
            source.name,
            inline_totals.rejected_samples
        );
    }

    let mut totals = Totals::default();
    for source in examples.iter().chain(&corpus) {
        compare_source(source, &mut totals);
    }

    let _ = writeln!(
        out,
        "== reader vs sqlparser 0.63: {} corpus sources, {} example files, {} inline cases, {:.2?}",
        corpus.len(),
        examples.len(),
        inline.len(),
        started.elapsed()
    );
    for (label, t) in [("inline", &inline_totals), ("corpus + examples", &totals)] {
        let _ = writeln!(
            out,
            "-- {label}: {} statements, {} given to sqlparser, {} compared, {} rejected by sqlparser ({} of them \
             read by fklint); inside rejected statements (DO bodies, CREATE SCHEMA elements): {} statements given \
             to sqlparser alone, {} compared, {} rejected; {} FKs compared, {} FKs only fklint saw",
            t.statements,
            t.candidates,
            t.compared,
            t.rejected,
            t.rejected_read_by_fklint,
            t.inner_candidates,
            t.inner_compared,
            t.inner_rejected,
            t.fks_compared,
            t.fks_only_fklint
        );
    }
    if !totals.rejected_by_words.is_empty() {
        let _ = writeln!(
            out,
            "-- sqlparser rejected, by first two keywords (`a › b`: b inside a) (top 10):"
        );
        for (words, n) in top(&totals.rejected_by_words, 10) {
            let _ = writeln!(out, "   {n:5}  {words}");
        }
        let _ = writeln!(out, "-- sqlparser rejected, by error (top 10):");
        for (error, n) in top(&totals.rejected_by_error, 10) {
            let _ = writeln!(out, "   {n:5}  {error}");
        }
        let _ = writeln!(out, "-- rejected statements, up to two per error:");
        for (error, samples) in &totals.rejected_samples {
            let _ = writeln!(out, "   {error}");
            for sample in samples {
                let _ = writeln!(out, "     {sample}");
            }
        }
    }
    if !totals.fklint_only.is_empty() {
        let _ = writeln!(
            out,
            "-- FKs only fklint saw (sqlparser rejected the statement):"
        );
        for report in &totals.fklint_only {
            let _ = write!(out, "   {report}");
        }
    }
    let not_enforced: Vec<&String> = inline_totals
        .not_enforced
        .iter()
        .chain(&totals.not_enforced)
        .collect();
    if !not_enforced.is_empty() {
        let _ = writeln!(
            out,
            "-- NOT ENFORCED FKs (fklint's events cannot say so; not compared):"
        );
        for fk in not_enforced {
            let _ = writeln!(out, "   {fk}");
        }
    }
    if totals.match_partial + inline_totals.match_partial > 0 {
        let _ = writeln!(
            out,
            "-- MATCH PARTIAL FKs (PostgreSQL rejects them): {}",
            totals.match_partial + inline_totals.match_partial
        );
    }
    let disagreements: Vec<&String> = inline_totals
        .disagreements
        .iter()
        .chain(&totals.disagreements)
        .collect();
    let _ = writeln!(out, "-- disagreements: {}", disagreements.len());
    for d in &disagreements {
        let _ = write!(out, "{d}");
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
    assert!(
        disagreements.is_empty(),
        "{} statement(s) where fklint's reader and sqlparser disagree on the foreign keys (listed above: \
         `-` only sqlparser, `+` only fklint)",
        disagreements.len()
    );
    assert!(
        corpus.is_empty() || totals.fks_compared > 0,
        "the corpus was loaded but no FK was compared"
    );
}

#[test]
fn reader_agrees_with_sqlparser_on_foreign_keys() {
    std::thread::Builder::new()
        .name("reader_vs_sqlparser".into())
        .stack_size(STACK)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

/// The sqlparser-side normalization follows PostgreSQL (checked by hand, so a shared mistake cannot hide).
#[test]
fn sqlparser_extraction_normalizes_like_postgres() {
    let sql = r#"ALTER TABLE ONLY Sales."Order" ADD CONSTRAINT "FK_X" FOREIGN KEY (CustomerId, "ShopId") REFERENCES "Sales".Customer (ID, "ShopId") ON DELETE SET NULL INITIALLY DEFERRED NOT VALID"#;
    let ast = Parser::parse_sql(&PostgreSqlDialect {}, sql).unwrap();
    let fks = sqlparser_fks(&ast, &mut SqlparserNotes::default());
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        fks,
        vec![Fk {
            table: s(&["sales", "Order"]),
            name: Some("FK_X".into()),
            columns: s(&["customerid", "ShopId"]),
            ref_table: s(&["Sales", "customer"]),
            ref_columns: Some(s(&["id", "ShopId"])),
            on_delete: "SET NULL".into(),
            on_update: "NO ACTION".into(),
            deferrable: true,
            initially_deferred: true,
            match_full: false,
            not_valid: true,
            inline: false,
        }]
    );
    let long = "a".repeat(70) + "é";
    let ast = Parser::parse_sql(
        &PostgreSqlDialect {},
        &format!("CREATE TABLE t (c int REFERENCES \"{long}\")"),
    )
    .unwrap();
    let fks = sqlparser_fks(&ast, &mut SqlparserNotes::default());
    assert_eq!(fks[0].ref_table, vec!["a".repeat(63)]);
    assert_eq!(fks[0].ref_columns, None);
    assert!(fks[0].inline);
    assert_eq!(truncate("a".repeat(62) + "é"), "a".repeat(62));
}

/// The FKs fklint reads from one statement, in `Fk`'s display form, sorted.
fn fklint_fks(sql: &str) -> Vec<String> {
    let source = Source::new("<case>", sql);
    let parsed = fklint::frontend::parse_sources(std::slice::from_ref(&source), Dialect::Postgres);
    let mut fks = Vec::new();
    for event in &parsed.events {
        fklint_event_fks(&event.kind, &mut fks);
    }
    let mut out: Vec<String> = fks.into_iter().map(|(_, fk)| fk.to_string()).collect();
    out.sort();
    out
}

/// Where sqlparser cannot compare, the expected FKs are written by hand ([`FALLBACK_CASES`]).
#[test]
fn reader_reads_what_sqlparser_rejects() {
    let mut failures = Vec::new();
    for (sql, expected) in FALLBACK_CASES {
        assert!(
            Parser::parse_sql(&PostgreSqlDialect {}, sql).is_err(),
            "sqlparser accepts {sql:?}: move it to INLINE_CASES"
        );
        let mut expected: Vec<String> = expected.iter().map(|e| e.to_string()).collect();
        expected.sort();
        let got = fklint_fks(sql);
        if got != expected {
            failures.push(format!(
                "{sql}\n  expected: {expected:#?}\n  fklint:   {got:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Reader bugs this differential found, fixed since: they stay fixed.
#[test]
fn former_reader_bugs_stay_fixed() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            // `ALTER TABLE name * ...` (relation_expr: qualified_name '*') is valid; PostgreSQL adds the FK. The
            // reader expects `*` to be a Punct token, but the lexer makes it an Operator, so the statement becomes
            // FK001 "unknown ALTER TABLE action, found `*`" and its FK is lost.
            "ALTER TABLE name * is not read",
            "ALTER TABLE t * ADD FOREIGN KEY (x) REFERENCES p",
            &["t (x) REFERENCES p <pk> ON DELETE NO ACTION ON UPDATE NO ACTION"],
        ),
        (
            // In CREATE TABLE, PostgreSQL overrides a user-supplied NOT VALID on an FK and creates it validated
            // (parse_utilcmd.c, transformFKConstraints; pg_constraint.convalidated = true). The reader keeps it.
            "NOT VALID in CREATE TABLE is kept",
            "CREATE TABLE t40 (a int, FOREIGN KEY (a) REFERENCES p NOT VALID)",
            &["t40 (a) REFERENCES p <pk> ON DELETE NO ACTION ON UPDATE NO ACTION"],
        ),
    ];
    let mut failures = Vec::new();
    for (what, sql, expected) in cases {
        let got = fklint_fks(sql);
        if got != *expected {
            failures.push(format!(
                "{what}: {sql}\n  PostgreSQL: {expected:?}\n  fklint:     {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
