//! Data statements (INSERT / UPDATE / DELETE / COPY / MERGE) for FK501 and FK502.
//!
//! The leading tokens name the target table cheaply; only statements whose target some foreign key involves
//! (as child or parent, by unqualified name) are parsed, with sqlparser's AST, which is the right tool here: no
//! fix edits a value, so byte-exact spans matter less than a full expression grammar. Whatever sqlparser rejects
//! or fklint cannot evaluate makes the target table's rows unknown, never a finding.

use std::collections::HashSet;

use super::cursor::Cursor;
use super::values::{insert_columns, token_value};
use super::{row_expr, series};
use crate::dialect::Dialect;
use crate::events::{
    Assignment, ConstraintKind, DataEvent, DataRow, DataValue, DeleteRows, Event, EventKind,
    InsertRows, KeyTerm, Predicate, StmtRef, TermOp, UpdateRows, Value,
};
use crate::frontend::parsed::{Parsed, Routines};
use crate::ident::ObjName;
use crate::lex::{self, Lexer, Token, TokenKind};
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DmlKind {
    Insert,
    Update,
    Delete,
    /// `COPY t FROM ...`, `MERGE INTO t`: rows fklint cannot see.
    Opaque,
}

/// A data statement waiting for the set of FK-involved names (known once every statement is read).
#[derive(Debug, Clone)]
pub(super) struct Pending {
    /// Where its events go among the events of the schema statements.
    pub position: usize,
    pub stmt: StmtRef,
    pub dialect: Dialect,
    pub kind: DmlKind,
    /// `None`: the target could not be read from the leading tokens (all rows become unknown).
    pub target: Option<ObjName>,
}

/// The leading tokens of a statement (at most the first 512 bytes are lexed).
fn leading_tokens(src: &str, span: Span, dialect: Dialect) -> Vec<Token> {
    let mut end = span.end.min(span.start + 512);
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let text = src.get(span.start..end).unwrap_or("");
    Lexer::new(text)
        .dialect(dialect)
        .take(24)
        .map(|mut t| {
            t.span = t.span.offset(span.start);
            t
        })
        .collect()
}

/// Claims INSERT / UPDATE / DELETE / COPY ... FROM / MERGE by their leading words.
pub(super) fn claim(
    src: &str,
    stmt: StmtRef,
    position: usize,
    dialect: Dialect,
) -> Option<Pending> {
    let first = src.get(stmt.span.start..)?.trim_start();
    let word: String = first
        .chars()
        .take(7)
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut kind = match word.as_str() {
        "insert" => DmlKind::Insert,
        "update" => DmlKind::Update,
        "delete" => DmlKind::Delete,
        "copy" | "merge" => DmlKind::Opaque,
        // MySQL/SQLite: REPLACE deletes and inserts rows, LOAD DATA reads a file, EXECUTE runs a prepared one.
        "replace" | "load" | "execute" if dialect != Dialect::Postgres => DmlKind::Opaque,
        _ => return None,
    };
    let tokens = leading_tokens(src, stmt.span, dialect);
    let mut cur = Cursor::new(src, &tokens, stmt.span.end);
    cur.bump();
    if dialect != Dialect::Postgres && skip_modifiers(&mut cur) {
        // `INSERT IGNORE`, `INSERT OR REPLACE`, `UPDATE IGNORE`...: which rows are written depends on others.
        kind = DmlKind::Opaque;
    }
    let target = match word.as_str() {
        "replace" => {
            cur.eat_word("into");
            cur.obj_name().ok()
        }
        "load" => {
            cur.skip_until(|c| c.is_word("table"));
            cur.eat_word("table");
            cur.obj_name().ok()
        }
        // A MySQL multi-table DELETE (`DELETE c FROM child c ...`) names its tables after the aliases.
        "delete" if dialect == Dialect::MySql && !cur.is_word("from") => None,
        "execute" => None,
        "insert" | "merge" => {
            cur.eat_word("into");
            cur.obj_name().ok()
        }
        "update" => {
            cur.eat_word("only");
            cur.obj_name().ok()
        }
        "delete" => {
            cur.eat_word("from");
            cur.eat_word("only");
            cur.obj_name().ok()
        }
        _ => {
            // COPY t [(columns)] FROM ... changes rows; COPY t TO and COPY (query) TO do not.
            if cur.is_punct('(') {
                return None;
            }
            let name = cur.obj_name().ok();
            if cur.is_punct('(') {
                cur.skip_one();
            }
            if !cur.is_word("from") {
                return name.is_none().then_some(Pending {
                    position,
                    stmt,
                    dialect,
                    kind,
                    target: None,
                });
            }
            name
        }
    };
    Some(Pending {
        position,
        stmt,
        dialect,
        kind,
        target,
    })
}

/// MySQL's and SQLite's words between INSERT/UPDATE/DELETE/REPLACE and the table; true when one of them makes
/// the rows written depend on the rows already there (`IGNORE`, SQLite's `OR REPLACE`).
fn skip_modifiers(cur: &mut Cursor) -> bool {
    let mut conditional = false;
    loop {
        if cur.eat_word("ignore") {
            conditional = true;
        } else if cur.eat_word("or") {
            cur.bump();
            conditional = true;
        } else if !(cur.eat_word("low_priority")
            || cur.eat_word("high_priority")
            || cur.eat_word("delayed")
            || cur.eat_word("quick")
            || cur.eat_word("local")
            || cur.eat_word("concurrent"))
        {
            return conditional;
        }
    }
}

/// `WITH ... INSERT INTO t / UPDATE t / DELETE FROM t`, `\copy t from`, DO blocks: the tables whose rows change.
pub(super) fn changed_tables(src: &str, tokens: &[Token]) -> Vec<ObjName> {
    let mut names = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let after: &[&str] = if token.is_word(src, "insert") || token.is_word(src, "merge") {
            &["into"]
        } else if token.is_word(src, "delete") {
            &["from"]
        } else if token.is_word(src, "update") {
            &[]
        } else {
            continue;
        };
        let rest = tokens.get(i + 1..).unwrap_or(&[]);
        let mut cur = Cursor::new(src, rest, token.span.end);
        if after.iter().all(|w| cur.eat_word(w)) {
            cur.eat_word("only");
            if let Ok(name) = cur.obj_name() {
                names.push(name);
            }
        }
    }
    names
}

/// Whether a statement turns row-level checks off or runs code fklint cannot see on every row. A function or
/// procedure is only recorded when created: it may write rows when a statement calls it (see
/// [`calls_user_function`]), not before.
pub(super) fn hides_rows(src: &str, tokens: &[Token], routines: &mut Routines) -> bool {
    let word = |i: usize| tokens.get(i).filter(|t| t.kind == TokenKind::Word);
    let is = |i: usize, w: &str| word(i).is_some_and(|t| t.is_word(src, w));
    if is(0, "set") || is(0, "reset") {
        return tokens
            .iter()
            .take(4)
            .any(|t| t.is_word(src, "session_replication_role"));
    }
    if is(0, "create") {
        let head = tokens.iter().take(6);
        // Rules change what a data statement writes, and so do triggers; a trigger whose function writes no row
        // changes only its own table's rows (the catalog stops following those), any other may write anywhere.
        if head.clone().any(|t| t.is_word(src, "rule")) {
            return true;
        }
        if head.clone().any(|t| t.is_word(src, "trigger")) {
            return !runs_quiet_routine(src, tokens, routines);
        }
        if let Some(at) = head
            .clone()
            .position(|t| t.is_word(src, "function") || t.is_word(src, "procedure"))
        {
            let rest = tokens.get(at + 1..).unwrap_or(&[]);
            let mut cur = Cursor::new(src, rest, tokens.last().map_or(0, |t| t.span.end));
            return match cur.obj_name() {
                Ok(name) => {
                    let name = name.name.value;
                    if routine_may_write(src, tokens, &routines.writing) {
                        routines.quiet.remove(&name);
                        routines.writing.insert(name);
                    } else {
                        routines.writing.remove(&name);
                        routines.quiet.insert(name);
                    }
                    false
                }
                Err(_) => true,
            };
        }
    }
    if is(0, "alter") && is(1, "table") {
        return tokens
            .windows(2)
            .any(|w| w[0].is_word(src, "disable") && w[1].is_word(src, "trigger"));
    }
    // Naming a function to drop, alter, comment on or grant it does not run it, nor does naming it as what an
    // operator, operator class, aggregate, cast or type calls when it is used.
    let defines_with = ["operator", "aggregate", "cast", "type"];
    let names_only = ["drop", "comment", "grant", "revoke"]
        .iter()
        .any(|w| is(0, w))
        || (is(0, "alter") && (is(1, "function") || is(1, "procedure") || is(1, "routine")))
        || (is(0, "alter") && is(1, "operator"))
        || (is(0, "create") && defines_with.iter().any(|w| is(1, w)))
        || (is(0, "create") && is(1, "or") && is(2, "replace") && is(3, "aggregate"));
    is(0, "call") || (!names_only && calls(src, tokens, &routines.writing))
}

/// The table and event of `CREATE [OR REPLACE] RULE r AS ON event TO table DO ...`, with the tables its actions
/// write (any, when they call a routine that may write), or of a `CREATE [CONSTRAINT] TRIGGER` whose function
/// may write any table: the code runs only when the table is written (the catalog stops following rows then),
/// not when it is created. `None` for anything else, or when the table cannot be read (then [`hides_rows`]
/// answers as if the code ran everywhere).
fn hidden_writer(
    src: &str,
    tokens: &[Token],
    routines: &Routines,
) -> Option<(ObjName, Vec<String>, Option<Vec<ObjName>>)> {
    let head = |w: &str| tokens.iter().take(4).any(|t| t.is_word(src, w));
    if !tokens.first()?.is_word(src, "create") || head("event") {
        return None;
    }
    let end = tokens.last().map_or(0, |t| t.span.end);
    if head("rule") {
        let at = tokens.windows(2).position(|w| {
            w[0].is_word(src, "to")
                && tokens
                    .iter()
                    .take_while(|t| t.span.start < w[0].span.start)
                    .any(|t| t.is_word(src, "on"))
        })?;
        let table = Cursor::new(src, tokens.get(at + 1..)?, end)
            .obj_name()
            .ok()?;
        let event = tokens
            .get(at.checked_sub(1)?)?
            .text(src)
            .to_ascii_lowercase();
        let actions = tokens.get(at + 2..).unwrap_or_default();
        let writes =
            (!calls(src, actions, &routines.writing)).then(|| changed_tables(src, actions));
        return Some((table, vec![event], writes));
    }
    if !head("trigger") || runs_quiet_routine(src, tokens, routines) {
        return None;
    }
    let mut cur = Cursor::new(src, tokens, end);
    match super::routine::read_create_trigger(&mut cur, src)? {
        EventKind::CreateTrigger(trigger) => Some((trigger.table, trigger.events, None)),
        _ => None,
    }
}

/// Whether a `CREATE [CONSTRAINT] TRIGGER ... ON table ... EXECUTE FUNCTION|PROCEDURE f(...)` runs a routine
/// the migrations define whose body writes no row (an event trigger never counts: it runs on DDL).
fn runs_quiet_routine(src: &str, tokens: &[Token], routines: &Routines) -> bool {
    if tokens.iter().take(4).any(|t| t.is_word(src, "event")) {
        return false;
    }
    let Some(at) = tokens.windows(2).position(|w| {
        w[0].is_word(src, "execute")
            && (w[1].is_word(src, "function") || w[1].is_word(src, "procedure"))
    }) else {
        return false;
    };
    let rest = tokens.get(at + 2..).unwrap_or(&[]);
    let mut cur = Cursor::new(src, rest, tokens.last().map_or(0, |t| t.span.end));
    cur.obj_name().is_ok_and(|name| {
        routines.quiet.contains(&name.name.value) && !routines.writing.contains(&name.name.value)
    })
}

/// Words of a routine body that write rows or run other statements.
const WRITING_WORDS: [&str; 9] = [
    "insert", "update", "delete", "copy", "truncate", "perform", "execute", "call", "merge",
];

/// Whether a `CREATE FUNCTION | PROCEDURE` may write rows when called: unless it is SQL or PL/pgSQL whose text
/// has no word that writes (nor calls a routine that may), it may (C functions can do anything).
fn routine_may_write(src: &str, tokens: &[Token], functions: &HashSet<String>) -> bool {
    let plain_language = tokens.windows(2).any(|w| {
        w[0].is_word(src, "language") && (w[1].is_word(src, "sql") || w[1].is_word(src, "plpgsql"))
    });
    let text = tokens
        .iter()
        .map(|t| t.text(src))
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    !plain_language
        || WRITING_WORDS.iter().any(|w| text.contains(w))
        || mentions_call(&text, functions)
}

/// Whether `text` contains `f(` for one of the functions: the same as searching for each one in turn, but one
/// pass over the text's `(`s, each tried against the few name lengths there are (so a migration that defines
/// many functions does not search each body once per function before it).
fn mentions_call(text: &str, functions: &HashSet<String>) -> bool {
    if functions.is_empty() {
        return false;
    }
    let mut lengths: Vec<usize> = functions.iter().map(String::len).collect();
    lengths.sort_unstable();
    lengths.dedup();
    text.match_indices('(').any(|(at, _)| {
        lengths.iter().any(|&len| {
            at.checked_sub(len)
                .and_then(|start| text.get(start..at))
                .is_some_and(|name| functions.contains(name))
        })
    })
}

/// Whether the tokens call one of the functions the migrations define (`name(` or `schema.name(`).
fn calls(src: &str, tokens: &[Token], functions: &HashSet<String>) -> bool {
    !functions.is_empty()
        && tokens.windows(2).any(|w| {
            w[1].kind == TokenKind::Punct
                && w[1].text(src) == "("
                // Only a name can be called (checked first: reading anything else makes an error message).
                && matches!(w[0].kind, TokenKind::Word | TokenKind::QuotedIdent)
                && names_one_of(src, &w[0], functions)
        })
}

/// Whether a name token names one of `functions` (names as the database stores them).
fn names_one_of(src: &str, token: &Token, functions: &HashSet<String>) -> bool {
    let text = token.text(src);
    // An unquoted word in lower case within the length limit is stored as written, in every dialect: looked
    // up in place, without the copy that reading it as a name makes (this runs for every `word(` of every
    // statement once the migrations define a function).
    if token.kind == TokenKind::Word
        && text.len() <= crate::ident::MAX_IDENT_BYTES
        && !text.bytes().any(|b| b.is_ascii_uppercase())
    {
        return functions.contains(text);
    }
    Cursor::new(src, std::slice::from_ref(token), token.span.end)
        .ident()
        .is_ok_and(|name| functions.contains(&name.value))
}

/// Whether a data statement calls a function the migrations define (it may write other tables' rows). Only
/// lexed when there are such functions.
pub(super) fn calls_user_function(src: &str, span: Span, functions: &HashSet<String>) -> bool {
    !functions.is_empty() && calls(src, &lex::tokenize(span.slice(src)), functions)
}

/// Unqualified names of the tables some foreign key involves, as child or parent.
pub(super) fn fk_involved_names(events: &[Event]) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut add = |table: &ObjName, constraints: &[crate::events::ConstraintDef]| {
        for constraint in constraints {
            if let ConstraintKind::ForeignKey(def) = &constraint.kind {
                names.insert(table.name.value.clone());
                names.insert(def.ref_table.name.value.clone());
            }
        }
    };
    // A partition tree keeps its rows together: a tree is involved when one of its tables is (a row written
    // through the root is checked by a partition's own foreign key, a partition's rows by its parents').
    let mut partitions: Vec<(&str, &str)> = Vec::new();
    for event in events {
        match &event.kind {
            EventKind::CreateTable(create) => {
                add(&create.name, &create.constraints);
                if let Some(parent) = &create.partition_of {
                    partitions.push((&create.name.name.value, &parent.name.value));
                }
            }
            EventKind::AddColumn {
                table, constraints, ..
            } => add(table, constraints),
            EventKind::AddConstraint {
                table, constraint, ..
            } => add(table, std::slice::from_ref(constraint)),
            EventKind::AttachPartition { parent, child, .. } => {
                partitions.push((&child.name.value, &parent.name.value));
            }
            _ => {}
        }
    }
    let mut grew = !partitions.is_empty();
    while grew {
        grew = false;
        for (child, parent) in &partitions {
            for (known, other) in [(parent, child), (child, parent)] {
                if names.contains(*known) && !names.contains(*other) {
                    names.insert(other.to_string());
                    grew = true;
                }
            }
        }
    }
    names
}

/// The events of a pending data statement.
fn resolve(
    src: &str,
    pending: &Pending,
    involved: &HashSet<String>,
    parsed: &mut Parsed,
) -> EventKind {
    let Some(target) = &pending.target else {
        return EventKind::Data(DataEvent::AllUnknown);
    };
    let unknown = || {
        EventKind::Data(DataEvent::Unknown {
            names: vec![target.clone()],
        })
    };
    if pending.kind == DmlKind::Delete && involved.contains(&target.name.value) {
        return fast_delete(src, pending, target)
            .map_or_else(unknown, |d| EventKind::Data(DataEvent::Delete(d)));
    }
    if pending.kind == DmlKind::Update && involved.contains(&target.name.value) {
        return fast_update(src, pending, target)
            .map_or_else(unknown, |u| EventKind::Data(DataEvent::Update(u)));
    }
    if pending.kind != DmlKind::Insert || !involved.contains(&target.name.value) {
        return unknown();
    }
    if let Some(rows) = fast_insert(src, pending, target)
        .or_else(|| default_values(src, pending, target))
        .or_else(|| series_insert(src, pending, target))
    {
        return EventKind::Data(DataEvent::Insert(rows));
    }
    if never_literal_rows(src, pending) {
        return unknown();
    }
    match super::judge::insert_rows(src, pending.stmt, pending.dialect, target, parsed) {
        Some(rows) => EventKind::Data(DataEvent::Insert(rows)),
        None => unknown(),
    }
}

/// The data effect of a statement the other readers handle: `WITH ... INSERT`, DO blocks, triggers, functions,
/// `session_replication_role`.
pub(super) fn side_effects(
    src: &str,
    tokens: &[Token],
    routines: &mut Routines,
) -> Option<EventKind> {
    let first = tokens.first()?;
    if let Some((table, events, writes)) = hidden_writer(src, tokens, routines) {
        return Some(EventKind::Data(DataEvent::HiddenWriter {
            table,
            events,
            writes,
        }));
    }
    if hides_rows(src, tokens, routines) {
        return Some(EventKind::Data(DataEvent::AllUnknown));
    }
    if first.is_word(src, "do") {
        // The body is one string token: a DO block that writes rows hides them all.
        let body = tokens
            .iter()
            .map(|t| t.text(src))
            .collect::<String>()
            .to_ascii_lowercase()
            // The words inside the dollar quotes, read as SQL.
            .replace('$', " ");
        let words = crate::lex::tokenize(&body);
        let writes = words.iter().enumerate().any(|(i, word)| {
            // `ON DELETE` / `ON UPDATE` of a foreign key write nothing.
            let action = i > 0 && words[i - 1].is_word(&body, "on");
            let delete_or_update = word.is_word(&body, "update") || word.is_word(&body, "delete");
            if delete_or_update {
                !action
            } else {
                WRITING_WORDS.iter().any(|w| word.is_word(&body, w))
            }
        }) || mentions_call(&body, &routines.writing);
        return writes.then_some(EventKind::Data(DataEvent::AllUnknown));
    }
    if first.is_word(src, "with") || first.is_word(src, "select") || first.is_word(src, "explain") {
        let names = changed_tables(src, tokens);
        if !names.is_empty() {
            return Some(EventKind::Data(DataEvent::Unknown { names }));
        }
    }
    None
}

/// `\copy t from ...` (psql): rows fklint cannot see.
pub(super) fn meta_command(
    src: &str,
    source: crate::source::SourceId,
    span: Span,
    index: usize,
) -> Option<Event> {
    let text = span.slice(src);
    let rest = text.strip_prefix('\\')?;
    if !rest
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("copy"))
    {
        return None;
    }
    let stmt = StmtRef {
        index,
        source,
        span,
    };
    let inner = Span {
        start: span.start + 5,
        end: span.end,
    };
    let tokens = leading_tokens(src, inner, Dialect::Postgres);
    let mut cur = Cursor::new(src, &tokens, span.end);
    let kind = match cur.obj_name() {
        Ok(name) if !cur.is_punct('(') || tokens.iter().any(|t| t.is_word(src, "from")) => {
            if !tokens.iter().any(|t| t.is_word(src, "from")) {
                return None;
            }
            DataEvent::Unknown { names: vec![name] }
        }
        _ => return None,
    };
    Some(Event {
        stmt,
        kind: EventKind::Data(kind),
    })
}

/// Puts the data statements' events among the schema events, in statement order.
pub(super) fn splice(
    sources: &[crate::source::Source],
    pending: Vec<(usize, Pending)>,
    parsed: &mut Parsed,
) {
    if pending.is_empty() {
        return;
    }
    let involved = fk_involved_names(&parsed.events);
    let schema_events = std::mem::take(&mut parsed.events);
    let mut events = Vec::with_capacity(schema_events.len() + pending.len());
    let mut schema_events = schema_events.into_iter().enumerate().peekable();
    for (source, item) in pending {
        while let Some((_, event)) = schema_events.next_if(|(i, _)| *i < item.position) {
            events.push(event);
        }
        let src = sources.get(source).map_or("", |s| s.text.as_str());
        let kind = resolve(src, &item, &involved, parsed);
        events.push(Event {
            stmt: item.stmt,
            kind,
        });
    }
    events.extend(schema_events.map(|(_, e)| e));
    parsed.events = events;
}

/// The common shape read from tokens, without sqlparser: `INSERT INTO t [(columns)] VALUES (...), ...` with
/// nothing after the rows. Each value is a literal (with an optional cast) or, for anything else at that place
/// (a function call, an expression, a subquery), unknown. `None`: another shape, left to sqlparser.
fn fast_insert(src: &str, pending: &Pending, target: &ObjName) -> Option<InsertRows> {
    let stmt = pending.stmt;
    let tokens = statement_tokens(src, stmt, pending.dialect);
    let mut cur = Cursor::new(src, &tokens, stmt.span.end);
    cur.bump();
    let columns = insert_columns(&mut cur)?;
    if !cur.eat_word("values") {
        return None;
    }
    let mut rows = Vec::new();
    loop {
        cur.expect_punct('(').ok()?;
        let mut values = Vec::new();
        loop {
            values.push(read_value(&mut cur, src, |t| {
                t.kind == TokenKind::Punct && matches!(t.text(src), "," | ")")
            })?);
            if cur.eat_punct(',') {
                continue;
            }
            cur.expect_punct(')').ok()?;
            break;
        }
        let span = match (values.first(), values.last()) {
            (Some(a), Some(b)) => a.span.join(b.span),
            _ => return None,
        };
        rows.push(DataRow { values, span });
        if cur.eat_punct(',') {
            continue;
        }
        break;
    }
    if !cur.at_end() {
        return None;
    }
    Some(InsertRows {
        table: target.clone(),
        columns,
        rows,
        on_conflict: None,
    })
}

/// Whether an INSERT's rows are of a shape whose rows are never known, whatever the parser: MySQL's `INSERT t SET
/// column = value` (assignments), or `INSERT t [(columns)] SELECT ... FROM | WHERE ...` (rows from a table, or
/// rows on a condition). Only a `SELECT` of values without `FROM` or `WHERE` (and `UNION ALL` of those) has
/// literal rows. Decided from tokens, so that a build without sqlparser reads these as the full build does
/// (unknown rows) instead of asking for it.
fn never_literal_rows(src: &str, pending: &Pending) -> bool {
    let stmt = pending.stmt;
    let tokens = statement_tokens(src, stmt, pending.dialect);
    let mut cur = Cursor::new(src, &tokens, stmt.span.end);
    cur.bump();
    cur.eat_word("into");
    if cur.obj_name().is_err() || (cur.is_punct('(') && cur.ident_list().is_err()) {
        return false;
    }
    if cur.is_word("set") {
        return true;
    }
    if !cur.is_word("select") {
        return false;
    }
    // Outside brackets and before the clauses of the INSERT itself (`ON CONFLICT ... WHERE`, `RETURNING`), a
    // `FROM` or `WHERE` is a clause of the SELECT, unless it is an alias (`AS from`) or `IS DISTINCT FROM`.
    let mut depth = 0usize;
    let mut previous: Option<&Token> = None;
    for token in cur.rest() {
        if token.kind == TokenKind::Punct {
            match token.text(src) {
                "(" | "[" => depth += 1,
                ")" | "]" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        let after = |word: &str| previous.is_some_and(|p| p.is_word(src, word));
        if depth == 0 && !after("as") {
            if token.is_word(src, "returning") || (after("on") && token.is_word(src, "conflict")) {
                return false;
            }
            if token.is_word(src, "where") || (token.is_word(src, "from") && !after("distinct")) {
                return true;
            }
        }
        previous = Some(token);
    }
    false
}

/// `INSERT INTO t SELECT ... generate_series(...)` of integer literals (PostgreSQL): see [`series`].
fn series_insert(src: &str, pending: &Pending, target: &ObjName) -> Option<InsertRows> {
    if pending.dialect != Dialect::Postgres {
        return None;
    }
    let tokens = statement_tokens(src, pending.stmt, pending.dialect);
    let mut cur = Cursor::new(src, &tokens, pending.stmt.span.end);
    cur.bump();
    series::insert(&mut cur, src, pending.stmt, target)
}

/// `INSERT INTO t DEFAULT VALUES` (PostgreSQL, SQLite), nothing after: one row of defaults, as sqlparser's AST
/// reads it (no columns, the row at the table's name).
fn default_values(src: &str, pending: &Pending, target: &ObjName) -> Option<InsertRows> {
    if pending.dialect == Dialect::MySql {
        return None;
    }
    let stmt = pending.stmt;
    let tokens = statement_tokens(src, stmt, pending.dialect);
    let mut cur = Cursor::new(src, &tokens, stmt.span.end);
    cur.bump();
    if !cur.eat_word("into") || cur.obj_name().is_err() {
        return None;
    }
    (cur.eat_words(&["default", "values"]) && cur.at_end()).then(|| InsertRows {
        table: target.clone(),
        columns: Some(Vec::new()),
        rows: vec![DataRow {
            values: Vec::new(),
            span: target.span,
        }],
        on_conflict: None,
    })
}

/// One value: the tokens up to `stop` outside brackets, read as a literal (or unknown).
fn read_value(cur: &mut Cursor, src: &str, stop: impl Fn(&Token) -> bool) -> Option<DataValue> {
    let tokens = cur.rest();
    let mut depth = 0usize;
    let mut len = 0;
    while let Some(token) = tokens.get(len) {
        if depth == 0 && stop(token) {
            break;
        }
        if token.kind == TokenKind::Punct {
            match token.text(src) {
                "(" | "[" => depth += 1,
                ")" | "]" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        len += 1;
    }
    let value_tokens = &tokens[..len];
    let (first, last) = (value_tokens.first()?, value_tokens.last()?);
    for _ in 0..len {
        cur.bump();
    }
    Some(DataValue {
        value: token_value(src, value_tokens),
        span: first.span.join(last.span),
    })
}

/// The statement's tokens, with spans in the whole source.
fn statement_tokens(src: &str, stmt: StmtRef, dialect: Dialect) -> Vec<Token> {
    Lexer::new(stmt.span.slice(src))
        .dialect(dialect)
        .map(|mut t| {
            t.span = t.span.offset(stmt.span.start);
            t
        })
        .collect()
}

/// `DELETE FROM t [WHERE term AND ...]` with literal terms (see [`key_condition`]), nothing else.
fn fast_delete(src: &str, pending: &Pending, target: &ObjName) -> Option<DeleteRows> {
    let stmt = pending.stmt;
    let tokens = statement_tokens(src, stmt, pending.dialect);
    let mut cur = Cursor::new(src, &tokens, stmt.span.end);
    cur.bump();
    cur.eat_word("from");
    cur.eat_word("only");
    cur.obj_name().ok()?;
    let (condition, filter) = row_condition(&mut cur, src, target)?;
    Some(DeleteRows {
        table: target.clone(),
        condition,
        filter,
    })
}

/// `UPDATE t SET column = literal, ... [WHERE term AND ...] [RETURNING ...]`, nothing else (no alias, no FROM).
/// A value that is not a literal is read as unknown.
fn fast_update(src: &str, pending: &Pending, target: &ObjName) -> Option<UpdateRows> {
    let stmt = pending.stmt;
    let tokens = statement_tokens(src, stmt, pending.dialect);
    let mut cur = Cursor::new(src, &tokens, stmt.span.end);
    cur.bump();
    cur.eat_word("only");
    cur.obj_name().ok()?;
    cur.expect_word("set").ok()?;
    let mut set = Vec::new();
    loop {
        let column = cur.ident().ok()?;
        if !cur.eat_operator("=") {
            return None;
        }
        let before = cur.rest();
        let value = read_value(&mut cur, src, |t| {
            t.is_word(src, "where")
                || t.is_word(src, "returning")
                || (t.kind == TokenKind::Punct && t.text(src) == ",")
        })?;
        let value_tokens = &before[..before.len() - cur.rest().len()];
        let expr = (value.value == Value::Unknown && pending.dialect == Dialect::Postgres)
            .then(|| row_expr::expression(src, value_tokens, target))
            .flatten()
            .filter(row_expr::reads_row);
        set.push(Assignment {
            column,
            value,
            expr,
        });
        if !cur.eat_punct(',') {
            break;
        }
    }
    let (condition, filter) = row_condition(&mut cur, src, target)?;
    Some(UpdateRows {
        table: target.clone(),
        set,
        condition,
        filter,
    })
}

/// The WHERE of an UPDATE or DELETE: literal key terms (see [`key_condition`]) when it is only those, else, in
/// PostgreSQL, a condition the catalog evaluates on each row (see [`row_expr`]).
fn row_condition(
    cur: &mut Cursor,
    src: &str,
    target: &ObjName,
) -> Option<(Vec<KeyTerm>, Option<Predicate>)> {
    let rest = cur.rest();
    if let Some(terms) = key_condition(cur, src, target) {
        return Some((terms, None));
    }
    let (where_word, condition) = rest.split_first()?;
    if cur.dialect() != Dialect::Postgres || !where_word.is_word(src, "where") {
        return None;
    }
    let filter = row_expr::predicate(src, condition, target)?;
    Some((Vec::new(), Some(filter)))
}

/// Nothing (every row), or `WHERE term [AND term ...]` up to the end of the statement, each term `column =
/// literal` or `column IN (literal, ...)`.
fn key_condition(cur: &mut Cursor, src: &str, target: &ObjName) -> Option<Vec<KeyTerm>> {
    // `RETURNING ...` only reports the rows written (a function it calls is looked for over the whole
    // statement, as anywhere in it).
    let ends = |cur: &Cursor| cur.at_end() || cur.is_word("returning");
    if ends(cur) {
        return Some(Vec::new());
    }
    cur.expect_word("where").ok()?;
    let mut terms = vec![key_term(cur, src, target)?];
    while cur.eat_word("and") {
        terms.push(key_term(cur, src, target)?);
    }
    ends(cur).then_some(terms)
}

/// `column = literal` or `column IN (literal, ...)`.
fn key_term(cur: &mut Cursor, src: &str, target: &ObjName) -> Option<KeyTerm> {
    let mut column = cur.obj_name().ok()?;
    if let Some(schema) = &column.schema {
        // `t.col`: the qualifier must be the table.
        if schema.value != target.name.value {
            return None;
        }
    }
    column.schema = None;
    let literal = |cur: &mut Cursor| -> Option<DataValue> {
        // A call (a range constructor) is its name and its parenthesized arguments.
        let len = if cur.is_punct_at(1, '(') {
            call_length(src, cur.rest())?
        } else {
            1
        };
        let tokens = cur.rest().get(..len)?;
        let value = token_value(src, tokens);
        let span = tokens.first()?.span.join(tokens.last()?.span);
        for _ in 0..len {
            cur.bump();
        }
        matches!(value, Value::Str(_) | Value::Number(_)).then_some(DataValue { value, span })
    };
    let mut values = Vec::new();
    let mut op = TermOp::Equals;
    if cur.eat_operator("=") {
        values.push(literal(cur)?);
    } else if let Some(range_op) = range_operator(cur) {
        op = range_op;
        let value = literal(cur)?;
        values.push(range_operand(cur, op, value)?);
    } else if cur.eat_word("in") {
        cur.expect_punct('(').ok()?;
        loop {
            values.push(literal(cur)?);
            if cur.eat_punct(',') {
                continue;
            }
            cur.expect_punct(')').ok()?;
            break;
        }
    } else {
        return None;
    }
    Some(KeyTerm {
        column: column.name,
        op,
        values,
    })
}

/// `@>`, `<@` or `&&`.
fn range_operator(cur: &mut Cursor) -> Option<TermOp> {
    [
        ("@>", TermOp::Contains),
        ("<@", TermOp::ContainedBy),
        ("&&", TermOp::Overlaps),
    ]
    .into_iter()
    .find(|(text, _)| cur.eat_operator(text))
    .map(|(_, op)| op)
}

/// A range operator's right side as range literal text: a range or multirange literal (or constructor) without a
/// cast, which PostgreSQL reads as the column's type, or for `@>` a `'...'::date` element as its one-day range
/// (PostgreSQL has no `<@` / `&&` with an element, and reads an element without a cast as a range: rejected).
fn range_operand(cur: &mut Cursor, op: TermOp, value: DataValue) -> Option<DataValue> {
    let Value::Str(text) = &value.value else {
        return None;
    };
    let cast = if cur.eat_operator("::") {
        Some(cur.ident().ok()?.value.to_ascii_lowercase())
    } else {
        None
    };
    let trimmed = text.trim();
    let is_range = trimmed.starts_with(['[', '(', '{']) || trimmed.eq_ignore_ascii_case("empty");
    let text = match cast.as_deref() {
        None if is_range => text.clone(),
        Some("date") if op == TermOp::Contains && !is_range => format!("[{trimmed},{trimmed}]"),
        _ => return None,
    };
    Some(DataValue {
        value: Value::Str(text),
        span: value.span,
    })
}

/// How many tokens a call `name ( ... )` at the start of `tokens` takes, when its parentheses close.
fn call_length(src: &str, tokens: &[Token]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(1) {
        if token.kind != TokenKind::Punct {
            continue;
        }
        match token.text(src) {
            "(" => depth += 1,
            ")" => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {

    /// The lines (from 1) of the errors on a PostgreSQL script, one statement a line.
    fn error_lines(sql: &str) -> Vec<usize> {
        crate::postgres_errors(sql)
            .iter()
            .map(|f| sql[..f.position.start].matches('\n').count() + 1)
            .collect()
    }

    #[test]
    fn a_returning_clause_leaves_the_rows_written_known() {
        let sql = "CREATE TABLE p (id int PRIMARY KEY);\n\
                   CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);\n\
                   INSERT INTO p VALUES (1), (2);\nINSERT INTO c VALUES (1, 1);\n\
                   UPDATE c SET p_id = 2 RETURNING *;\nDELETE FROM p WHERE id = 1 RETURNING id;\n\
                   DELETE FROM p WHERE id = 2 RETURNING id;\n";
        assert_eq!(error_lines(sql), [7]);
    }
}
