//! From sources to schema events: split each source into statements, then read each statement.
//!
//! Schema statements (CREATE/ALTER/DROP TABLE, CREATE INDEX, CREATE SCHEMA with elements, search_path, enums,
//! domains) are read by a span-exact token reader, because fixes need the byte position of every name and
//! type, which sqlparser's AST does not keep. Statements that cannot change a foreign key (GRANT, OWNER TO,
//! sequences, functions, policies, data) are skipped and counted. Anything else goes to `sqlparser`: if it
//! parses, the statement is a kind that cannot touch the catalog; if neither understands it, it becomes an
//! `FK001` finding and the names it mentions become uncertain, so no rule judges them.

mod access;
mod alter_table;
mod copy_block;
mod create_table;
mod cursor;
mod data;
mod do_block;
mod judge;
mod mysql;
mod mysql_alter;
mod mysql_dynamic;
mod other;
mod partition;
mod plpgsql_conditions;
mod routine;
mod row_expr;
mod series;
mod sqlite;
#[cfg(feature = "sqlparser")]
mod sqlparser_reader;
mod values;

use std::rc::Rc;

use super::parsed::{Parsed, Unreadable};
use crate::dialect::Dialect;
use crate::events::{CopyBlock, DataEvent, Event, EventKind, StmtRef};
use crate::ident::ObjName;
use crate::lex::{self, Token, TokenKind};
use crate::source::{Location, Outline, Source, Span};
use crate::split::{self, PieceKind};
use cursor::{Cursor, ReadError};

pub use other::{default_search_path, split_path_string};

/// The result of reading one statement.
enum Outcome {
    Events(Vec<EventKind>),
    /// Cannot affect foreign keys.
    Skipped,
    /// May affect the schema but was not understood.
    NotUnderstood(ReadError),
    /// No reader claims it: sqlparser judges it ([`judge::unclaimed`]), where it matters.
    Unclaimed,
}

/// The SQL front end, in the dialect of the run: each source cut as its command-line client would cut it
/// ([`split`]), each statement read into events.
#[derive(Default)]
pub struct Sql {
    /// Data statements set aside until every source is read: which names take part in foreign keys is known
    /// only then.
    pending: Vec<(usize, data::Pending)>,
    /// MySQL's user variables, prepared statements and procedures, as the statements so far left them.
    dynamic: mysql_dynamic::Session,
    /// The tokens of the statement being read when the splitter does not give them, kept between statements so
    /// that each reuses the allocation.
    tokens: Vec<Token>,
    /// The splitter's tokens of the statement being read (see [`split::split_each_in`]), likewise reused.
    split_tokens: Vec<Token>,
}

impl super::front_end::FrontEnd for Sql {
    fn name(&self) -> &'static str {
        "sql"
    }

    /// Every source no other front end reads is SQL.
    fn reads(&self, _source_name: &str) -> bool {
        true
    }

    fn read(&mut self, source: &Source, source_id: usize, parsed: &mut Parsed) {
        let dialect = parsed.dialect;
        // Dynamic SQL may run text of this source later (a procedure called from another file): it is shared,
        // copied once the first statement that may need it is met.
        let mut shared: Option<Rc<str>> = None;
        let mut copies = copy_block::Copies::default();
        let mut bounds: Option<(Span, Span)> = None;
        // The pieces are kept only for the outline of a source with directives.
        let outlined = source.text.contains(Outline::DIRECTIVE_MARKER);
        let mut pieces = Vec::new();
        // Each statement is read as soon as it is cut, from the tokens the splitter lexed it into.
        let mut split_tokens = std::mem::take(&mut self.split_tokens);
        split::split_each_in(&source.text, dialect, &mut split_tokens, |piece, tokens| {
            if piece.kind == PieceKind::Statement {
                bounds = Some((bounds.map_or(piece.span, |(first, _)| first), piece.span));
            }
            let at = Reading {
                source,
                source_id,
                depth: 0,
            };
            self.read_piece(&at, &piece, tokens, parsed, &mut shared, &mut copies);
            if outlined {
                pieces.push(piece);
            }
        });
        self.split_tokens = split_tokens;
        if outlined {
            parsed.outlines[source_id] = outline(&source.text, &pieces, dialect);
        }
        parsed.statement_bounds[source_id] = bounds;
    }

    /// The data statements set aside go where they belong.
    fn finish(&mut self, sources: &[Source], parsed: &mut Parsed) {
        data::splice(sources, std::mem::take(&mut self.pending), parsed);
    }
}

impl Sql {
    /// Reads one reading of a source's text: the pieces of a COPY data block read as script.
    fn read_pieces(
        &mut self,
        at: &Reading,
        pieces: Vec<split::Piece>,
        parsed: &mut Parsed,
        shared: &mut Option<Rc<str>>,
    ) {
        let mut copies = copy_block::Copies::default();
        for piece in pieces {
            self.read_piece(at, &piece, None, parsed, shared, &mut copies);
        }
    }

    /// Reads one piece: a statement (from `tokens`, the splitter's, when it kept them), a psql meta-command or
    /// a COPY data block.
    fn read_piece(
        &mut self,
        at: &Reading,
        piece: &split::Piece,
        tokens: Option<&[Token]>,
        parsed: &mut Parsed,
        shared: &mut Option<Rc<str>>,
        copies: &mut copy_block::Copies,
    ) {
        let Reading {
            source,
            source_id,
            depth,
        } = *at;
        match piece.kind {
            PieceKind::Statement => {
                self.read_statement_piece(source, source_id, piece, tokens, parsed, shared, copies)
            }
            PieceKind::MetaCommand => {
                parsed.skipped += 1;
                let index = parsed.statements;
                if let Some(event) = data::meta_command(&source.text, source_id, piece.span, index)
                {
                    parsed.events.push(event);
                }
                // `\copy ... from stdin` takes a data block too; fklint reads it as data only.
                if copy_block::is_meta_copy_from_stdin(&source.text, piece.span) {
                    copies.expect_block(None);
                }
            }
            PieceKind::CopyData => {
                parsed.skipped += 1;
                if let Some(copy) = copies.next_block() {
                    if depth < copy_block::MAX_DEPTH {
                        self.read_rejected_copy(at, copy, piece.span, parsed, shared);
                    }
                }
            }
        }
    }

    /// The script reading of the data block `data` of the COPY `copy`, between the marks the replay chooses
    /// by (see [`crate::events::CopyBlock`]).
    fn read_rejected_copy(
        &mut self,
        at: &Reading,
        copy: StmtRef,
        data: Span,
        parsed: &mut Parsed,
        shared: &mut Option<Rc<str>>,
    ) {
        let mark = |kind: CopyBlock| Event {
            stmt: copy,
            kind: EventKind::CopyBlock(kind),
        };
        parsed.events.push(mark(CopyBlock::Statements { data }));
        let reading = split::rejected_copy_reading(&at.source.text, data);
        let inner = Reading {
            depth: at.depth + 1,
            ..*at
        };
        self.read_pieces(&inner, reading.pieces, parsed, shared);
        // The next statement read gets this index.
        let glues_next = reading.glues_next.then_some(parsed.statements);
        parsed.events.push(mark(CopyBlock::End { glues_next }));
    }

    #[allow(clippy::too_many_arguments)]
    fn read_statement_piece(
        &mut self,
        source: &Source,
        source_id: usize,
        piece: &split::Piece,
        tokens: Option<&[Token]>,
        parsed: &mut Parsed,
        shared: &mut Option<Rc<str>>,
        copies: &mut copy_block::Copies,
    ) {
        let dialect = parsed.dialect;
        let stmt = StmtRef {
            index: parsed.statements,
            source: source_id,
            span: piece.span,
        };
        parsed.statements += 1;
        if let Some(problem) = &piece.problem {
            let location = Location {
                source: source_id,
                span: problem.span,
            };
            parsed.unreadable.push(Unreadable {
                location,
                message: problem.message.clone(),
                schema_shaped: true,
            });
        }
        if dialect == Dialect::Postgres && copy_block::is_copy_from_stdin(&source.text, stmt.span) {
            let copy = copy_block::read_copy_from_stdin(&source.text, stmt.span);
            copies.expect_block(copy.is_some().then_some(stmt));
            if let Some(copy) = copy {
                parsed.events.push(Event {
                    stmt,
                    kind: EventKind::CopyFromStdin(copy),
                });
            }
        }
        if dialect == Dialect::MySql
            && piece.problem.is_none()
            && mysql_dynamic::may_be_dynamic(&source.text, stmt.span)
        {
            let text = shared.get_or_insert_with(|| Rc::from(source.text.as_str()));
            let events_before = parsed.events.len();
            if self.dynamic.run_top_level(text, stmt, parsed) {
                if parsed.events.len() == events_before {
                    parsed.skipped += 1;
                }
                return;
            }
        }
        if piece.problem.is_none() {
            if let Some(claimed) = data::claim(&source.text, stmt, parsed.events.len(), dialect) {
                if data::calls_user_function(
                    &source.text,
                    stmt.span,
                    &parsed.user_functions.writing,
                ) {
                    parsed.events.push(Event {
                        stmt,
                        kind: EventKind::Data(DataEvent::AllUnknown),
                    });
                }
                self.pending.push((source_id, claimed));
                parsed.skipped += 1;
                return;
            }
        }
        read_lexed(&source.text, stmt, parsed, tokens, &mut self.tokens);
    }
}

/// Where a reading of a source is: the source, and how deep in COPY data blocks read as script.
#[derive(Clone, Copy)]
struct Reading<'s> {
    source: &'s Source,
    source_id: usize,
    depth: usize,
}

/// The statements and comments of a SQL source, from its pieces.
fn outline(text: &str, pieces: &[split::Piece], dialect: Dialect) -> Outline {
    Outline {
        statements: pieces
            .iter()
            .filter(|p| p.kind == PieceKind::Statement)
            .map(|p| p.span)
            .collect(),
        comments: split::line_comments(text, pieces, dialect),
    }
}

/// SQL in a Python string (`op.execute("...")`), read in place: statement spans are spans of the `.py` text.
// Front ends of other languages call it (none is built into the browser's SQL-only module).
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) fn read_embedded_sql(src: &str, source_id: usize, body: Span, parsed: &mut Parsed) {
    for piece in split::split(body.slice(src)) {
        if piece.kind != PieceKind::Statement || piece.problem.is_some() {
            parsed.skipped += 1;
            continue;
        }
        let stmt = StmtRef {
            index: parsed.statements,
            source: source_id,
            span: piece.span.offset(body.start),
        };
        parsed.statements += 1;
        read_into(src, stmt, parsed);
    }
}

/// Reads one statement and records its events, skip or diagnostic.
fn read_into(src: &str, stmt: StmtRef, parsed: &mut Parsed) {
    read_lexed(src, stmt, parsed, None, &mut Vec::new());
}

/// [`read_into`], from `lexed` (the statement's tokens, as the splitter lexed them) or else lexing the
/// statement into `buffer` (cleared first).
fn read_lexed(
    src: &str,
    stmt: StmtRef,
    parsed: &mut Parsed,
    lexed: Option<&[Token]>,
    buffer: &mut Vec<Token>,
) {
    let tokens = match lexed {
        Some(tokens) => {
            debug_assert_eq!(
                tokens,
                statement_tokens(src, stmt.span, parsed.dialect),
                "the splitter's tokens are the lexer's"
            );
            tokens
        }
        None => {
            buffer.clear();
            buffer.extend(
                lex::Lexer::new(stmt.span.slice(src))
                    .dialect(parsed.dialect)
                    .map(|mut token| {
                        token.span = token.span.offset(stmt.span.start);
                        token
                    }),
            );
            buffer.as_slice()
        }
    };
    read_tokens(src, stmt, parsed, tokens);
}

/// Reads one statement from its tokens.
fn read_tokens(src: &str, stmt: StmtRef, parsed: &mut Parsed, tokens: &[Token]) {
    let mut platform_functions = crate::frontend::parsed::Routines::default();
    let functions = if parsed.reading_platform {
        &mut platform_functions
    } else {
        &mut parsed.user_functions
    };
    if let Some(kind) = data::side_effects(src, tokens, functions) {
        parsed.events.push(Event { stmt, kind });
    }
    let outcome = match read_statement(src, tokens, stmt.span.end, parsed.dialect) {
        Outcome::Unclaimed => {
            judge::unclaimed(src, tokens, parsed.dialect, stmt.at(stmt.span), parsed)
        }
        outcome => outcome,
    };
    match outcome {
        Outcome::Events(kinds) => {
            parsed
                .events
                .extend(kinds.into_iter().map(|kind| Event { stmt, kind }));
        }
        Outcome::Skipped => parsed.skipped += 1,
        Outcome::NotUnderstood(error) => {
            parsed.unparsed += 1;
            let schema_shaped = looks_schema_changing(src, tokens);
            let message = format!("fklint could not read this statement: {}", error.message);
            parsed.unreadable.push(Unreadable {
                location: stmt.at(error.span),
                message,
                schema_shaped,
            });
            let kind = if error.rejected {
                EventKind::SyntaxError { span: error.span }
            } else {
                EventKind::Uncertain {
                    names: mentioned_names(src, tokens),
                }
            };
            parsed.events.push(Event { stmt, kind });
        }
        Outcome::Unclaimed => parsed.skipped += 1,
    }
}

/// Tokens of a statement with offsets in the whole source.
fn statement_tokens(src: &str, span: Span, dialect: Dialect) -> Vec<Token> {
    let text = span.slice(src);
    let mut tokens = lex::tokenize_in(text, dialect);
    for token in &mut tokens {
        token.span = token.span.offset(span.start);
    }
    tokens
}

/// A `DO` block: its DDL read as PostgreSQL statements (see [`do_block`]).
fn read_do_block(src: &str, tokens: &[Token]) -> Outcome {
    let read = |statement: &[Token], end: usize| match read_statement(
        src,
        statement,
        end,
        Dialect::Postgres,
    ) {
        Outcome::Events(kinds) => Some(kinds),
        // Whatever sqlparser would say of an unclaimed statement, the block reads it as nothing known.
        Outcome::NotUnderstood(_) | Outcome::Skipped | Outcome::Unclaimed => None,
    };
    match do_block::read_do_block(src, tokens, read, |statement| {
        mentioned_names(src, statement)
    }) {
        Some(events) => Outcome::Events(events),
        None => Outcome::Skipped,
    }
}

/// Dispatches on the leading keywords.
fn read_statement(src: &str, tokens: &[Token], end: usize, dialect: Dialect) -> Outcome {
    let mut cur = Cursor::new(src, tokens, end);
    let lowered = LeadingWords::new(src, tokens);
    let all_words = lowered.words();
    let words = all_words.get(..lowered.count).unwrap_or(&[]);
    let word = |i: usize| words.get(i).copied().unwrap_or("");
    let result = match word(0) {
        "create" | "alter" | "drop"
            if dialect == Dialect::Postgres && matches!(word(1), "role" | "user" | "group") =>
        {
            access::read_role_statement(&mut cur).map(|e| e.map_or(Outcome::Skipped, one))
        }
        "grant" | "revoke" if dialect == Dialect::Postgres => {
            access::read_grant(&mut cur).map(|e| e.map_or(Outcome::Skipped, one))
        }
        "alter"
            if dialect == Dialect::Postgres && word(1) == "default" && word(2) == "privileges" =>
        {
            Ok(one(EventKind::Access(
                crate::events::Access::DefaultPrivileges,
            )))
        }
        "create" => return read_create(&mut cur, words, src),
        "alter" if word(1) == "table" || (word(1) == "foreign" && word(2) == "table") => {
            alter_table::read_alter_table(&mut cur).map(Outcome::Events)
        }
        "drop" if is_dropped_kind(word(1), word(2)) => other::read_drop(&mut cur).map(one),
        "rename" if dialect == Dialect::MySql && word(1) == "table" => {
            mysql::read_rename_table(&mut cur).map(Outcome::Events)
        }
        "pragma" if dialect == Dialect::Sqlite => {
            Ok(sqlite::read_sqlite_pragma(&mut cur).map_or(Outcome::Skipped, one))
        }
        "set" if dialect == Dialect::MySql => {
            Ok(mysql::read_set(&mut cur).map_or(Outcome::Skipped, one))
        }
        "set" | "reset" => {
            let postgres = dialect == Dialect::Postgres;
            match postgres
                .then(|| access::read_session_setting(&mut cur))
                .flatten()
            {
                Some(setting) => Ok(one(setting)),
                None => other::read_set(&mut cur).map(|e| e.map_or(Outcome::Skipped, one)),
            }
        }
        "select" => Ok(other::read_set_config(&mut cur).map_or(Outcome::Skipped, one)),
        "truncate" => other::read_truncate(&mut cur).map(one),
        "do" => Ok(read_do_block(src, tokens)),
        "begin" | "start" | "commit" | "end" | "rollback" | "abort" | "savepoint" | "release"
            if dialect == Dialect::Postgres =>
        {
            other::read_transaction(&mut cur).map(|e| e.map_or(Outcome::Skipped, one))
        }
        w if is_skipped_word(w) => Ok(Outcome::Skipped),
        // Client and session statements of MySQL and SQLite that cannot change a key.
        "use" | "unlock" | "pragma" | "attach" | "detach" if dialect != Dialect::Postgres => {
            Ok(Outcome::Skipped)
        }
        _ => Ok(Outcome::Unclaimed),
    };
    result.unwrap_or_else(Outcome::NotUnderstood)
}

fn one(kind: EventKind) -> Outcome {
    Outcome::Events(vec![kind])
}

/// The first words of a statement in lower case (`""` for a token that is not a word), lowered into one
/// string: a statement costs one allocation here, not one per word.
struct LeadingWords {
    text: String,
    /// Where each word ends in `text`; the first `count` are used.
    ends: [usize; LeadingWords::COUNT],
    count: usize,
}

impl LeadingWords {
    const COUNT: usize = 6;

    fn new(src: &str, tokens: &[Token]) -> LeadingWords {
        let mut text = String::new();
        let mut ends = [0; Self::COUNT];
        let mut count = 0;
        for (end, token) in ends.iter_mut().zip(tokens) {
            if token.kind == TokenKind::Word {
                text.push_str(token.text(src));
            }
            *end = text.len();
            count += 1;
        }
        text.make_ascii_lowercase();
        LeadingWords { text, ends, count }
    }

    fn words(&self) -> [&str; LeadingWords::COUNT] {
        let mut words = [""; Self::COUNT];
        let mut start = 0;
        for (word, &end) in words.iter_mut().zip(self.ends.iter().take(self.count)) {
            *word = self.text.get(start..end).unwrap_or("");
            start = end;
        }
        words
    }
}

/// `CREATE ...`: tables, indexes, schemas, types, domains and extensions are read; the rest is skipped.
fn read_create(cur: &mut Cursor, words: &[&str], src: &str) -> Outcome {
    let mut kind_words = words.iter().skip(1).copied().filter(|w| {
        !matches!(
            *w,
            "or" | "replace" | "global" | "local" | "temporary" | "temp" | "unlogged" | "unique"
        )
    });
    let result = match (kind_words.next(), kind_words.next()) {
        (Some("table"), _) | (Some("foreign"), Some("table")) => {
            create_table::read_create_table(cur).map(|(table, indexes)| {
                let indexes = indexes.into_iter().map(EventKind::CreateIndex);
                Outcome::Events(
                    std::iter::once(EventKind::CreateTable(table))
                        .chain(indexes)
                        .collect(),
                )
            })
        }
        (Some("index"), _) => other::read_create_index(cur).map(one),
        (Some("schema"), _) => read_create_schema(cur),
        (Some("type"), _) => other::read_create_type(cur).map(|e| e.map_or(Outcome::Skipped, one)),
        (Some("domain"), _) => other::read_create_domain(cur).map(one),
        (Some("extension"), _) => other::read_create_extension(cur).map(one),
        (Some("view" | "materialized" | "recursive"), _) => {
            Ok(read_view_name(cur).map_or(Outcome::Skipped, one))
        }
        (Some("function" | "procedure"), _) => {
            Ok(routine::read_create_function(cur, src).map_or(Outcome::Skipped, one))
        }
        (Some("trigger"), _) | (Some("constraint"), Some("trigger")) => {
            Ok(routine::read_create_trigger(cur, src).map_or(Outcome::Skipped, one))
        }
        _ => Ok(Outcome::Skipped),
    };
    result.unwrap_or_else(Outcome::NotUnderstood)
}

/// The name of `CREATE [OR REPLACE] [TEMP] [RECURSIVE|MATERIALIZED] VIEW [IF NOT EXISTS] name`, and the names
/// its definition mentions; views are otherwise skipped, so a statement fklint cannot follow is simply not
/// recorded.
fn read_view_name(cur: &mut Cursor) -> Option<EventKind> {
    while !cur.at_end() && !cur.eat_word("view") {
        cur.bump();
    }
    cur.eat_words(&["if", "not", "exists"]);
    let name = cur.obj_name().ok()?;
    Some(EventKind::CreateView {
        name,
        mentions: names_mentioned(cur),
    })
}

/// Every name (`name`, `schema.name`) in the rest of a statement: a superset of the relations it reads, since
/// nothing tells a table from a column or an alias here (the catalog keeps the names of relations).
fn names_mentioned(cur: &mut Cursor) -> Vec<ObjName> {
    let mut names = Vec::new();
    while !cur.at_end() {
        match cur.is_ident().then(|| cur.obj_name()) {
            Some(Ok(name)) => names.push(name),
            _ => {
                cur.bump();
            }
        }
    }
    names
}

/// `CREATE SCHEMA s [elements]`: each element (`CREATE TABLE`, `CREATE INDEX`, `GRANT`, ...) is read as a
/// statement of its own, inside the schema.
fn read_create_schema(cur: &mut Cursor) -> Result<Outcome, ReadError> {
    let schema = other::read_create_schema(cur)?;
    let elements = split_schema_elements(cur.src, cur.rest());
    if elements.is_empty() {
        return Ok(one(schema));
    }
    let EventKind::CreateSchema { name, .. } = &schema else {
        return Ok(one(schema));
    };
    let entered = EventKind::EnterSchema {
        schema: name.value.clone(),
    };
    let mut events = vec![schema, entered];
    for element in elements {
        let end = element.last().map_or(0, |t| t.span.end);
        match read_statement(cur.src, element, end, Dialect::Postgres) {
            Outcome::Events(more) => events.extend(more),
            // Every element starts with CREATE or GRANT, which readers claim: never unclaimed.
            Outcome::Skipped | Outcome::Unclaimed => {}
            Outcome::NotUnderstood(error) => return Err(error),
        }
    }
    events.push(EventKind::LeaveSchema);
    Ok(Outcome::Events(events))
}

/// Cuts schema elements at each top-level `CREATE` or `GRANT`.
fn split_schema_elements<'t>(src: &str, tokens: &'t [Token]) -> Vec<&'t [Token]> {
    let mut starts = Vec::new();
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_punct(src, '(') {
            depth += 1;
        } else if token.is_punct(src, ')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && (token.is_word(src, "create") || token.is_word(src, "grant")) {
            starts.push(i);
        }
    }
    let mut elements = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(tokens.len());
        if let Some(slice) = tokens.get(start..end) {
            elements.push(slice);
        }
    }
    elements
}

fn is_dropped_kind(first: &str, second: &str) -> bool {
    matches!(first, "table" | "index" | "schema" | "type" | "domain")
        || (first == "foreign" && second == "table")
}

/// Leading words of statements that cannot change which foreign keys exist or what they point at.
fn is_skipped_word(word: &str) -> bool {
    const SKIPPED: &[&str] = &[
        "alter",
        "drop",
        "grant",
        "revoke",
        "comment",
        "begin",
        "commit",
        "end",
        "rollback",
        "abort",
        "start",
        "savepoint",
        "release",
        "show",
        "analyze",
        "analyse",
        "vacuum",
        "cluster",
        "reindex",
        "refresh",
        "lock",
        "notify",
        "listen",
        "unlisten",
        "discard",
        "prepare",
        "execute",
        "deallocate",
        "call",
        "with",
        "values",
        "explain",
        "security",
        "checkpoint",
        "load",
        "fetch",
        "move",
        "close",
        "declare",
        "insert",
        "update",
        "delete",
        "merge",
        "copy",
        "reassign",
        "table",
        "import",
    ];
    SKIPPED.contains(&word)
}

/// Whether an unreadable statement could have changed tables or keys (a warning) or not (info).
fn looks_schema_changing(src: &str, tokens: &[Token]) -> bool {
    const WORDS: &[&str] = &[
        "table",
        "references",
        "constraint",
        "key",
        "schema",
        "index",
        "column",
    ];
    tokens
        .iter()
        .any(|t| WORDS.iter().any(|w| t.is_word(src, w)))
}

/// Names an unreadable statement mentions after TABLE, REFERENCES, ON, ONLY, EXISTS, INTO or PARTITION OF.
fn mentioned_names(src: &str, tokens: &[Token]) -> Vec<ObjName> {
    const BEFORE_NAME: &[&str] = &[
        "table",
        "references",
        "on",
        "only",
        "exists",
        "into",
        "of",
        "join",
        "from",
    ];
    let mut names = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if !BEFORE_NAME.iter().any(|w| token.is_word(src, w)) {
            continue;
        }
        let rest = tokens.get(i + 1..).unwrap_or(&[]);
        let mut cur = Cursor::new(src, rest, token.span.end);
        if let Ok(name) = cur.obj_name() {
            names.push(name);
        }
    }
    names
}
