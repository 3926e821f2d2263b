//! MySQL dynamic SQL: `PREPARE s FROM @v; EXECUTE s;` runs the text a user variable holds, and `CALL p()` runs
//! the body of a procedure the migrations defined. Real projects drop a foreign key "if it exists" this way:
//!
//! ```sql
//! SET @v = IF((SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE ...) > 0,
//!             'ALTER TABLE t DROP FOREIGN KEY fk', 'SELECT 1');
//! PREPARE s FROM @v; EXECUTE s; DEALLOCATE PREPARE s;
//! ```
//!
//! fklint follows the user variables set from string literals and replays the prepared text at `EXECUTE`, read
//! in place inside the literal (so findings and fixes point at the SQL as written). Of an `IF` over
//! `information_schema`, each branch is replayed as a statement that may not run (see `catalog::block`): it
//! runs when the server would accept it, which is exactly when an existence test for what it drops or adds
//! holds. Text fklint cannot know (`CONCAT` with a variable, a column's value) makes the tables it names
//! uncertain, so no rule judges them on a guess.

use std::collections::HashMap;
use std::rc::Rc;

use super::cursor::Cursor;
use super::{judge, mentioned_names, read_into, read_statement, statement_tokens, Outcome};
use crate::dialect::Dialect;
use crate::events::{DataEvent, Event, EventKind, StmtRef};
use crate::frontend::parsed::Parsed;
use crate::ident::ObjName;
use crate::lex::{self, Token, TokenKind};
use crate::source::Span;
use crate::split::{self, PieceKind};

/// How deep `CALL`s and `EXECUTE`s inside called procedures and prepared text are followed (a procedure may
/// call itself, a prepared text may execute itself).
const MAX_CALL_DEPTH: usize = 8;

/// What one client session holds while the migrations run: user variables, prepared statements, and the
/// procedures created so far.
#[derive(Default)]
pub(super) struct Session {
    variables: HashMap<String, Value>,
    prepared: HashMap<String, Value>,
    procedures: HashMap<String, Procedure>,
    /// The parameters of the procedure being called, with the text its `CALL` passed (when known).
    arguments: HashMap<String, String>,
}

/// SQL text as fklint knows it.
#[derive(Clone)]
enum Value {
    /// The body of a string literal, read in place.
    Literal(Written),
    /// Text put together from literals and known values (`CONCAT('ALTER TABLE ', @t, ...)`, a procedure's
    /// parameter): written nowhere as such, so what it does is placed at the statement that runs it.
    Text(String),
    /// `IF(<information_schema test>, a, b)`: one of the two runs, depending on what exists.
    Either(Box<Value>, Box<Value>),
    /// The answer of a question to `information_schema` (`SET @n = (SELECT COUNT(*) FROM
    /// information_schema.TABLE_CONSTRAINTS ...)`): a later `IF(@n > 0, ...)` is an existence test.
    CatalogAnswer,
    /// Text fklint cannot know: the names its known parts mention, and whether they drop a key or a table.
    Unknown(Vec<ObjName>, bool),
}

/// A span of a source's text.
#[derive(Clone)]
struct Written {
    text: Rc<str>,
    source: usize,
    span: Span,
}

/// A procedure's body, between its `BEGIN` and `END`.
struct Procedure {
    /// Its parameters' names (any case), in order.
    parameters: Vec<String>,
    body: Written,
}

/// One statement to run: where it is written, and whether it may not run (under `IF`, a loop, or with an error
/// handler declared).
struct Run<'a> {
    text: &'a Rc<str>,
    source: usize,
    span: Span,
    conditional: bool,
    depth: usize,
}

impl Session {
    /// Runs a top-level statement of a MySQL source when it is dynamic SQL (`SET @v`, `PREPARE`, `EXECUTE`,
    /// `DEALLOCATE`, `CALL` of a known procedure); `false` leaves it to the ordinary reading. A `CREATE` or
    /// `DROP PROCEDURE` is noted and also left to it.
    pub(super) fn run_top_level(
        &mut self,
        text: &Rc<str>,
        stmt: StmtRef,
        parsed: &mut Parsed,
    ) -> bool {
        let run = Run {
            text,
            source: stmt.source,
            span: stmt.span,
            conditional: false,
            depth: 0,
        };
        self.run(&run, Some(stmt), parsed)
    }

    /// [`Session::run_top_level`] for any statement; `stmt` is the statement's own reference when it has one
    /// already (a top-level statement), otherwise a new one is made when it yields events.
    fn run(&mut self, run: &Run, stmt: Option<StmtRef>, parsed: &mut Parsed) -> bool {
        let src: &str = run.text;
        let tokens = statement_tokens(src, run.span, Dialect::MySql);
        let word = |i: usize| {
            tokens
                .get(i)
                .filter(|t| t.kind == TokenKind::Word)
                .map_or(String::new(), |t| t.text(src).to_ascii_lowercase())
        };
        match (word(0).as_str(), word(1).as_str()) {
            ("set", _) => self.set_variable(src, run, &tokens),
            ("prepare", _) => self.prepare(src, run, &tokens),
            ("execute", _) => self.execute(src, run, &tokens, stmt, parsed),
            ("deallocate" | "drop", "prepare") => {
                if let Some(name) = tokens.get(2).map(|t| name_key(src, t)) {
                    self.prepared.remove(&name);
                }
                true
            }
            ("call", _) => self.call(src, run, &tokens, stmt, parsed),
            ("create", _) => {
                self.note_procedure(src, run, &tokens);
                false
            }
            ("drop", "procedure") => {
                if let Some(name) = routine_name(src, &tokens[2..]) {
                    self.procedures.remove(&name);
                }
                false
            }
            _ => false,
        }
    }

    /// `SET @v = expr`: the variable's text, when `expr` is a literal, another variable or an `IF` over
    /// `information_schema`. Any other `SET` is left to the ordinary reading.
    fn set_variable(&mut self, src: &str, run: &Run, tokens: &[Token]) -> bool {
        let Some(name) = user_variable(src, tokens.get(1..).unwrap_or(&[])) else {
            return false;
        };
        let value_at = 3;
        let assigns = tokens
            .get(3)
            .is_some_and(|t| matches!(t.text(src), "=" | ":="));
        if !assigns || has_top_level_comma(src, tokens.get(value_at + 1..).unwrap_or(&[])) {
            // `SET @a = 1, @b = 2` or `SET @a=@b` (lexed as one operator): what they hold is not followed.
            for (i, token) in tokens.iter().enumerate() {
                let assigned = token.is_word(src, "set") || token.is_punct(src, ',');
                if let Some(name) = user_variable(src, &tokens[i + 1..]).filter(|_| assigned) {
                    self.variables.remove(&name);
                }
            }
            return false;
        }
        let value = self.value_of(src, run, tokens.get(value_at + 1..).unwrap_or(&[]));
        self.variables.insert(name, value);
        true
    }

    /// `PREPARE s FROM @v | 'text'`.
    fn prepare(&mut self, src: &str, run: &Run, tokens: &[Token]) -> bool {
        let (Some(name), Some(from)) = (tokens.get(1), tokens.get(2)) else {
            return false;
        };
        if !from.is_word(src, "from") {
            return false;
        }
        let value = self.value_of(src, run, tokens.get(3..).unwrap_or(&[]));
        self.prepared.insert(name_key(src, name), value);
        true
    }

    /// `EXECUTE s [USING ...]`: the prepared text runs here.
    fn execute(
        &mut self,
        src: &str,
        run: &Run,
        tokens: &[Token],
        stmt: Option<StmtRef>,
        parsed: &mut Parsed,
    ) -> bool {
        let Some(name) = tokens.get(1).map(|t| name_key(src, t)) else {
            return false;
        };
        let value = self
            .prepared
            .get(&name)
            .cloned()
            .unwrap_or(Value::Unknown(Vec::new(), false));
        if run.depth >= MAX_CALL_DEPTH {
            return true;
        }
        let at = stmt.unwrap_or_else(|| new_stmt(run.source, run.span, parsed));
        self.run_value(value, run, at, run.conditional, parsed);
        true
    }

    /// Runs the text `value` holds at the statement `at`.
    fn run_value(
        &mut self,
        value: Value,
        run: &Run,
        at: StmtRef,
        conditional: bool,
        parsed: &mut Parsed,
    ) {
        match value {
            Value::Literal(written) => self.replay(&written, conditional, run.depth + 1, parsed),
            Value::Text(text) => replay_text(&text, at, conditional, parsed),
            Value::Either(then, otherwise) => {
                self.run_value(*then, run, at, true, parsed);
                self.run_value(*otherwise, run, at, true, parsed);
            }
            Value::Unknown(names, drops_keys) => unknown_sql(names, drops_keys, at, parsed),
            Value::CatalogAnswer => unknown_sql(Vec::new(), false, at, parsed),
        }
    }

    /// The statements of `written` read in place, one after the other.
    fn replay(&mut self, written: &Written, conditional: bool, depth: usize, parsed: &mut Parsed) {
        let pieces = split::split_in(written.span.slice(&written.text), Dialect::MySql);
        for piece in pieces {
            if piece.kind != PieceKind::Statement || piece.problem.is_some() {
                continue;
            }
            let run = Run {
                text: &written.text,
                source: written.source,
                span: piece.span.offset(written.span.start),
                conditional,
                depth,
            };
            self.run_nested(&run, parsed);
        }
    }

    /// A statement that runs inside another (a prepared text, a procedure's body): dynamic SQL is followed, DDL
    /// is read, rows it writes become unknown, anything else (control flow, queries) is passed over.
    fn run_nested(&mut self, run: &Run, parsed: &mut Parsed) {
        if self.run(run, None, parsed) {
            return;
        }
        let src: &str = run.text;
        let tokens = statement_tokens(src, run.span, Dialect::MySql);
        let is_ddl = tokens.first().is_some_and(|t| {
            ["create", "alter", "drop", "rename", "truncate"]
                .iter()
                .any(|w| t.is_word(src, w))
        });
        if !is_ddl {
            if let Some(names) = rows_written(src, &tokens) {
                let stmt = new_stmt(run.source, run.span, parsed);
                let kind = EventKind::Data(DataEvent::Unknown { names });
                parsed.events.push(Event { stmt, kind });
            }
            return;
        }
        let stmt = new_stmt(run.source, run.span, parsed);
        if run.conditional {
            parsed.events.push(Event {
                stmt,
                kind: EventKind::BlockStatement { conditional: true },
            });
        }
        read_into(src, stmt, parsed);
    }

    /// `CALL p(...)` of a procedure defined earlier: its body runs here. An unknown procedure is left to the
    /// ordinary reading.
    fn call(
        &mut self,
        src: &str,
        run: &Run,
        tokens: &[Token],
        stmt: Option<StmtRef>,
        parsed: &mut Parsed,
    ) -> bool {
        let Some(name) = routine_name(src, &tokens[1..]) else {
            return false;
        };
        let Some((parameters, body)) = self
            .procedures
            .get(&name)
            .map(|p| (p.parameters.clone(), p.body.clone()))
        else {
            return false;
        };
        let passed: Vec<Option<String>> = routine_arguments(src, &tokens[1..])
            .map(|inner| top_level_split(src, inner))
            .unwrap_or_default()
            .into_iter()
            .map(|argument| self.evaluate(src, argument))
            .collect();
        let arguments = parameters
            .into_iter()
            .zip(passed)
            .filter_map(|(parameter, value)| Some((parameter, value?)))
            .collect();
        let callers_arguments = std::mem::replace(&mut self.arguments, arguments);
        if let Some(stmt) = stmt {
            // As for any call of a routine the migrations define: the rows it writes are not followed.
            parsed.events.push(Event {
                stmt,
                kind: EventKind::Data(DataEvent::AllUnknown),
            });
        }
        if run.depth >= MAX_CALL_DEPTH {
            return true;
        }
        let body_src: &str = &body.text;
        let statements = body_statements(body_src, body.span);
        let handles_errors = statements
            .iter()
            .any(|s| declares_handler(body_src, s.span));
        for statement in statements {
            let run = Run {
                text: &body.text,
                source: body.source,
                span: statement.span,
                conditional: run.conditional || statement.conditional || handles_errors,
                depth: run.depth + 1,
            };
            self.run_nested(&run, parsed);
        }
        self.arguments = callers_arguments;
        true
    }

    /// `CREATE [DEFINER = u] PROCEDURE name (...) ... BEGIN ... END`: its body, for a later `CALL`.
    fn note_procedure(&mut self, src: &str, run: &Run, tokens: &[Token]) {
        let Some(at) = tokens.iter().position(|t| t.is_word(src, "procedure")) else {
            return;
        };
        let Some(name) = routine_name(src, &tokens[at + 1..]) else {
            return;
        };
        let Some(begin) = tokens[at..].iter().find(|t| t.is_word(src, "begin")) else {
            return;
        };
        let Some(end) = tokens.last().filter(|t| t.is_word(src, "end")) else {
            return;
        };
        let parameters = routine_arguments(src, &tokens[at + 1..])
            .map(|inner| top_level_split(src, inner))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|parameter| {
                let mode = parameter
                    .first()
                    .is_some_and(|t| ["in", "out", "inout"].iter().any(|m| t.is_word(src, m)));
                parameter.get(usize::from(mode)).map(|t| name_key(src, t))
            })
            .collect();
        let body = Written {
            text: run.text.clone(),
            source: run.source,
            span: Span {
                start: begin.span.end,
                end: end.span.start,
            },
        };
        self.procedures.insert(name, Procedure { parameters, body });
    }

    /// What `expr` (the tokens after `=` or `FROM`) holds.
    fn value_of(&self, src: &str, run: &Run, expr: &[Token]) -> Value {
        if let [token] = expr {
            if let Some(written) = literal(src, run, token) {
                return Value::Literal(written);
            }
        }
        if let Some(name) = user_variable(src, expr).filter(|_| expr.len() == 2) {
            return self
                .variables
                .get(&name)
                .cloned()
                .unwrap_or(Value::Unknown(Vec::new(), false));
        }
        if let Some(inner) = unwrapped(src, expr) {
            return self.value_of(src, run, inner);
        }
        if let Some(value) = self.existence_choice(src, run, expr) {
            return value;
        }
        if let Some(text) = self.evaluate(src, expr) {
            return Value::Text(text);
        }
        let (names, drops_keys) = self.known_parts(src, expr);
        if names.is_empty() && !drops_keys && asks_information_schema(src, expr) {
            return Value::CatalogAnswer;
        }
        Value::Unknown(names, drops_keys)
    }

    /// `IF(cond, a, b)` where `cond` asks `information_schema` what exists: either branch may be the one that
    /// runs. `None` for any other expression, or when a branch's text is not known.
    fn existence_choice(&self, src: &str, run: &Run, expr: &[Token]) -> Option<Value> {
        let (first, rest) = expr.split_first()?;
        if !first.is_word(src, "if") {
            return None;
        }
        let arguments = top_level_split(src, parenthesized(src, rest)?);
        let [condition, then, otherwise] = arguments.as_slice() else {
            return None;
        };
        let holds_answer = |i: usize| {
            user_variable(src, &condition[i..])
                .is_some_and(|v| matches!(self.variables.get(&v), Some(Value::CatalogAnswer)))
        };
        let asks_catalog =
            asks_information_schema(src, condition) || (0..condition.len()).any(holds_answer);
        let branch = |tokens: &[Token]| match tokens {
            [token] if literal(src, run, token).is_some() => {
                literal(src, run, token).map(Value::Literal)
            }
            _ => self.evaluate(src, tokens).map(Value::Text),
        };
        if !asks_catalog {
            return None;
        }
        Some(Value::Either(
            Box::new(branch(then)?),
            Box::new(branch(otherwise)?),
        ))
    }

    /// The text an expression evaluates to, when fklint can know it: string literals, user variables and
    /// parameters holding known text, `CONCAT` of those.
    fn evaluate(&self, src: &str, expr: &[Token]) -> Option<String> {
        if let Some(inner) = unwrapped(src, expr) {
            return self.evaluate(src, inner);
        }
        match expr {
            [token] if token.kind == TokenKind::String => lex::string_value(src, token),
            [token] if token.kind == TokenKind::Word => {
                self.arguments.get(&name_key(src, token)).cloned()
            }
            [at, _] if at.text(src) == "@" => {
                match self.variables.get(&user_variable(src, expr)?)? {
                    Value::Literal(written) => Some(written.span.slice(&written.text).to_string()),
                    Value::Text(text) => Some(text.clone()),
                    _ => None,
                }
            }
            [function, rest @ ..] if function.is_word(src, "concat") => {
                let parts = top_level_split(src, parenthesized(src, rest)?);
                parts
                    .into_iter()
                    .map(|part| self.evaluate(src, part))
                    .collect()
            }
            _ => None,
        }
    }

    /// What the known parts of an expression say, read together as one text (`CONCAT('ALTER TABLE t DROP
    /// FOREIGN KEY ', @name)`): the tables they name (their spans point into that text: the caller places
    /// them), and whether they drop a key (`DROP FOREIGN KEY`, `DROP CONSTRAINT`) or a table.
    fn known_parts(&self, src: &str, expr: &[Token]) -> (Vec<ObjName>, bool) {
        let mut joined = String::new();
        for (i, token) in expr.iter().enumerate() {
            let part = self.evaluate(src, std::slice::from_ref(token)).or_else(|| {
                (token.text(src) == "@")
                    .then(|| self.evaluate(src, expr.get(i..i + 2)?))
                    .flatten()
            });
            joined.push_str(&part.unwrap_or_default());
        }
        text_names(&joined)
    }
}

/// The tables whose rows a data statement (`INSERT`, `REPLACE`, `UPDATE`, `DELETE`, `LOAD DATA`) writes, as
/// far as its text names them; `None` for any other statement. Run as dynamic SQL, its rows are not followed.
fn rows_written(src: &str, tokens: &[Token]) -> Option<Vec<ObjName>> {
    let (first, rest) = tokens.split_first()?;
    let writes = ["insert", "replace", "update", "delete", "load"]
        .iter()
        .any(|w| first.is_word(src, w));
    if !writes {
        return None;
    }
    let mut names = mentioned_names(src, tokens);
    if first.is_word(src, "update") {
        let skipped = rest
            .iter()
            .take_while(|t| t.is_word(src, "low_priority") || t.is_word(src, "ignore"))
            .count();
        let mut cur = Cursor::new(src, &rest[skipped..], first.span.end);
        names.extend(cur.obj_name().ok());
    }
    Some(names)
}

/// Whether an expression reads `information_schema` (what exists).
fn asks_information_schema(src: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        t.text(src)
            .trim_matches('`')
            .eq_ignore_ascii_case("information_schema")
    })
}

/// Whether the statement at `span` may be dynamic SQL or define a procedure (its first words say so): only
/// those are tokenized again and looked at.
pub(super) fn may_be_dynamic(text: &str, span: Span) -> bool {
    let statement = span.slice(text);
    let mut words = lex::Lexer::new(statement)
        .dialect(Dialect::MySql)
        .take(8)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text(statement).to_ascii_lowercase());
    match words.next().as_deref() {
        Some("set" | "prepare" | "execute" | "deallocate" | "call") => true,
        Some("create" | "drop") => words.any(|w| w == "procedure" || w == "prepare"),
        _ => false,
    }
}

/// A fresh statement reference for text run inside another statement.
fn new_stmt(source: usize, span: Span, parsed: &mut Parsed) -> StmtRef {
    let stmt = StmtRef {
        index: parsed.statements,
        source,
        span,
    };
    parsed.statements += 1;
    stmt
}

/// `@name` at the start of `tokens`: the variable's name (user variables ignore case).
fn user_variable(src: &str, tokens: &[Token]) -> Option<String> {
    let [at, name, ..] = tokens else {
        return None;
    };
    (at.kind == TokenKind::Operator
        && at.text(src) == "@"
        && at.span.end == name.span.start
        && matches!(
            name.kind,
            TokenKind::Word | TokenKind::QuotedIdent | TokenKind::String
        ))
    .then(|| name_key(src, name))
}

/// A prepared statement's or variable's name as the server compares it (any case).
fn name_key(src: &str, token: &Token) -> String {
    token
        .text(src)
        .trim_matches(|c| c == '`' || c == '\'' || c == '"')
        .to_ascii_lowercase()
}

/// A routine's name at the start of `tokens` (`db.p` or `p`, any quoting), without its schema.
fn routine_name(src: &str, tokens: &[Token]) -> Option<String> {
    let mut rest = tokens;
    loop {
        let (token, after) = rest.split_first()?;
        if !matches!(token.kind, TokenKind::Word | TokenKind::QuotedIdent) {
            return None;
        }
        match after.split_first() {
            Some((dot, more)) if dot.is_punct(src, '.') => rest = more,
            _ => return Some(name_key(src, token)),
        }
    }
}

/// A string literal whose text is its body as written (no escapes), so the SQL in it can be read in place.
fn literal(src: &str, run: &Run, token: &Token) -> Option<Written> {
    if token.kind != TokenKind::String || token.unterminated {
        return None;
    }
    let text = token.text(src);
    if !(text.starts_with('\'') || text.starts_with('"')) || text.len() < 2 {
        return None;
    }
    let body = Span {
        start: token.span.start + 1,
        end: token.span.end - 1,
    };
    (lex::string_value(src, token)? == body.slice(src)).then(|| Written {
        text: run.text.clone(),
        source: run.source,
        span: body,
    })
}

/// `tokens` cut at the commas outside parentheses.
fn top_level_split<'t>(src: &str, tokens: &'t [Token]) -> Vec<&'t [Token]> {
    lex::split_outside_parens(src, tokens, ',')
}

fn has_top_level_comma(src: &str, tokens: &[Token]) -> bool {
    top_level_split(src, tokens).len() > 1
}

/// The tables a text names and whether it drops a key (`DROP FOREIGN KEY`, `DROP CONSTRAINT`) or a table; the
/// names' spans point into `text`.
fn text_names(text: &str) -> (Vec<ObjName>, bool) {
    let tokens = lex::tokenize_in(text, Dialect::MySql);
    let drops_keys = tokens.windows(2).any(|w| {
        w[0].is_word(text, "drop")
            && ["foreign", "constraint", "table"]
                .iter()
                .any(|k| w[1].is_word(text, k))
    });
    (mentioned_names(text, &tokens), drops_keys)
}

/// `name (a, b) ...` or `db.name(...)`: the tokens between the parentheses after the name.
fn routine_arguments<'t>(src: &str, tokens: &'t [Token]) -> Option<&'t [Token]> {
    let open = tokens.iter().position(|t| t.is_punct(src, '('))?;
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        if token.is_punct(src, '(') {
            depth += 1;
        } else if token.is_punct(src, ')') {
            depth -= 1;
            if depth == 0 {
                return Some(&tokens[open + 1..i]);
            }
        }
    }
    None
}

/// The tokens between `(` and its `)` when they are the whole of `tokens`.
fn parenthesized<'t>(src: &str, tokens: &'t [Token]) -> Option<&'t [Token]> {
    let open = tokens.first()?;
    if !open.is_punct(src, '(') {
        return None;
    }
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_punct(src, '(') {
            depth += 1;
        } else if token.is_punct(src, ')') {
            depth -= 1;
            if depth == 0 {
                return (i + 1 == tokens.len()).then(|| &tokens[1..i]);
            }
        }
    }
    None
}

/// `(expr)` or `(SELECT expr)` (no `FROM`): the expression inside.
fn unwrapped<'t>(src: &str, tokens: &'t [Token]) -> Option<&'t [Token]> {
    let inner = parenthesized(src, tokens)?;
    let Some((first, rest)) = inner.split_first() else {
        return Some(inner);
    };
    if !first.is_word(src, "select") {
        return Some(inner);
    }
    let reads_a_table = top_level_split(src, rest).len() > 1
        || depth_zero(src, rest).any(|t| t.is_word(src, "from"));
    (!reads_a_table).then_some(rest)
}

/// The tokens outside parentheses.
fn depth_zero<'a>(src: &'a str, tokens: &'a [Token]) -> impl Iterator<Item = &'a Token> + 'a {
    let mut depth = 0usize;
    tokens.iter().filter(move |t| {
        if t.is_punct(src, '(') {
            depth += 1;
            false
        } else if t.is_punct(src, ')') {
            depth = depth.saturating_sub(1);
            false
        } else {
            depth == 0
        }
    })
}

/// Text fklint cannot know runs at `at`: the tables its known parts name, and their keys, become uncertain.
fn unknown_sql(names: Vec<ObjName>, drops_keys: bool, at: StmtRef, parsed: &mut Parsed) {
    let names = names.into_iter().map(|n| placed_at(n, at.span)).collect();
    parsed.events.push(Event {
        stmt: at,
        kind: EventKind::UnknownSql { names, drops_keys },
    });
}

/// Text put together at run time runs at `at`: what it drops is read and placed there; anything else it does
/// is [`unknown_sql`] (its events would point into text that is written nowhere).
fn replay_text(text: &str, at: StmtRef, conditional: bool, parsed: &mut Parsed) {
    for piece in split::split_in(text, Dialect::MySql) {
        if piece.kind != PieceKind::Statement || piece.problem.is_some() {
            continue;
        }
        let tokens = statement_tokens(text, piece.span, Dialect::MySql);
        let outcome = match read_statement(text, &tokens, piece.span.end, Dialect::MySql) {
            Outcome::Unclaimed => {
                judge::unclaimed(text, &tokens, Dialect::MySql, at.at(at.span), parsed)
            }
            outcome => outcome,
        };
        let kinds: Option<Vec<EventKind>> = match outcome {
            Outcome::Skipped => {
                if let Some(names) = rows_written(text, &tokens) {
                    let names = names.into_iter().map(|n| placed_at(n, at.span)).collect();
                    let kind = EventKind::Data(DataEvent::Unknown { names });
                    parsed.events.push(Event { stmt: at, kind });
                }
                continue;
            }
            Outcome::Events(kinds) => kinds.into_iter().map(|k| placed_drop(k, at.span)).collect(),
            Outcome::NotUnderstood(_) | Outcome::Unclaimed => None,
        };
        match kinds {
            Some(kinds) => {
                if conditional {
                    parsed.events.push(Event {
                        stmt: at,
                        kind: EventKind::BlockStatement { conditional: true },
                    });
                }
                parsed
                    .events
                    .extend(kinds.into_iter().map(|kind| Event { stmt: at, kind }));
            }
            None => {
                let (names, drops_keys) = text_names(piece.span.slice(text));
                unknown_sql(names, drops_keys, at, parsed);
            }
        }
    }
}

/// A drop read from text written nowhere, its names placed at `at`; `None` for any other event.
fn placed_drop(kind: EventKind, at: Span) -> Option<EventKind> {
    let ident = |mut ident: crate::ident::Ident| {
        ident.span = at;
        ident
    };
    Some(match kind {
        EventKind::DropConstraint {
            table,
            name,
            if_exists,
            cascade,
        } => EventKind::DropConstraint {
            table: placed_at(table, at),
            name: ident(name),
            if_exists,
            cascade,
        },
        EventKind::DropTable {
            names,
            if_exists,
            cascade,
        } => EventKind::DropTable {
            names: names.into_iter().map(|n| placed_at(n, at)).collect(),
            if_exists,
            cascade,
        },
        EventKind::DropIndex {
            names,
            if_exists,
            cascade,
        } => EventKind::DropIndex {
            names: names.into_iter().map(|n| placed_at(n, at)).collect(),
            if_exists,
            cascade,
        },
        _ => return None,
    })
}

/// `name` with every span moved to `at`: its own spans point into text that is not a source.
fn placed_at(mut name: ObjName, at: Span) -> ObjName {
    name.span = at;
    name.name.span = at;
    if let Some(schema) = &mut name.schema {
        schema.span = at;
    }
    name
}

/// A statement of a procedure's body, its control flow (`IF ... THEN`, `END IF`, labels) taken off.
struct BodyStatement {
    span: Span,
    /// Under `IF`, `CASE` or a loop: it may not run.
    conditional: bool,
}

/// The statements of a procedure's body (between `BEGIN` and `END`), in order.
fn body_statements(src: &str, body: Span) -> Vec<BodyStatement> {
    let mut statements = Vec::new();
    let mut depth = 0usize;
    for piece in split::split_in(body.slice(src), Dialect::MySql) {
        if piece.kind != PieceKind::Statement {
            continue;
        }
        let span = piece.span.offset(body.start);
        let tokens = statement_tokens(src, span, Dialect::MySql);
        let rest = strip_control_flow(src, &tokens, &mut depth);
        if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
            statements.push(BodyStatement {
                span: Span {
                    start: first.span.start,
                    end: last.span.end,
                },
                conditional: depth > 0,
            });
        }
    }
    statements
}

/// The tokens of a body piece after the control flow that opens or closes blocks before it, keeping `depth`
/// (how many blocks that may not run are open).
fn strip_control_flow<'t>(src: &str, tokens: &'t [Token], depth: &mut usize) -> &'t [Token] {
    let mut rest = tokens;
    loop {
        let Some(first) = rest.first() else {
            return rest;
        };
        let is = |i: usize, w: &str| rest.get(i).is_some_and(|t| t.is_word(src, w));
        if is(0, "end") {
            let closes_block = ["if", "while", "loop", "repeat", "case"]
                .iter()
                .any(|w| is(1, w));
            if closes_block {
                *depth = depth.saturating_sub(1);
                rest = &rest[2..];
            } else {
                rest = &rest[1..];
            }
            // `END label`
            if rest.len() == 1 && rest[0].kind == TokenKind::Word {
                rest = &rest[1..];
            }
        } else if is(0, "if") || is(0, "elseif") || is(0, "while") || is(0, "case") || is(0, "when")
        {
            let opens = !(is(0, "elseif") || is(0, "when"));
            let Some(body) = rest
                .iter()
                .position(|t| t.is_word(src, "then") || t.is_word(src, "do"))
            else {
                return &[];
            };
            if opens {
                *depth += 1;
            }
            rest = &rest[body + 1..];
        } else if is(0, "else") || is(0, "begin") {
            rest = &rest[1..];
        } else if is(0, "loop") || is(0, "repeat") {
            *depth += 1;
            rest = &rest[1..];
        } else if first.kind == TokenKind::Word && rest.get(1).is_some_and(|t| t.is_punct(src, ':'))
        {
            // `label:`
            rest = &rest[2..];
        } else {
            return rest;
        }
    }
}

/// `DECLARE ... HANDLER FOR ...`: errors of the body are caught, so any statement of it may not take effect.
fn declares_handler(src: &str, span: Span) -> bool {
    let tokens = statement_tokens(src, span, Dialect::MySql);
    tokens.first().is_some_and(|t| t.is_word(src, "declare"))
        && tokens.iter().any(|t| t.is_word(src, "handler"))
}

#[cfg(test)]
mod tests {
    use crate::dialect::Dialect;
    use crate::events::EventKind;
    use crate::frontend::parse_sources;
    use crate::source::Source;

    /// The events of `sql` read as MySQL, with the text each statement is written as.
    fn events(sql: &str) -> Vec<(String, EventKind)> {
        let sources = [Source::new("m.sql", sql)];
        parse_sources(&sources, Dialect::MySql)
            .events
            .into_iter()
            .map(|e| (e.stmt.span.slice(sql).to_string(), e.kind))
            .collect()
    }

    fn dropped_constraints(events: &[(String, EventKind)]) -> Vec<String> {
        events
            .iter()
            .filter_map(|(_, kind)| match kind {
                EventKind::DropConstraint { name, .. } => Some(name.value.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_executed_literal_is_read_in_place() {
        let sql = "SET @v = 'ALTER TABLE t DROP FOREIGN KEY fk';\nPREPARE s FROM @v;\nEXECUTE s;";
        let events = events(sql);
        assert_eq!(dropped_constraints(&events), ["fk"]);
        assert!(events
            .iter()
            .all(|(text, _)| text == "ALTER TABLE t DROP FOREIGN KEY fk"));
    }

    #[test]
    fn nothing_runs_before_execute_nor_without_it() {
        let sql = "SET @v = 'ALTER TABLE t DROP FOREIGN KEY fk';\nPREPARE s FROM @v;\nDEALLOCATE PREPARE s;";
        assert!(dropped_constraints(&events(sql)).is_empty());
    }

    #[test]
    fn each_branch_of_an_existence_test_may_run() {
        let sql = "SET @v = IF((SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE \
                   CONSTRAINT_NAME = 'fk') > 0, 'ALTER TABLE t DROP FOREIGN KEY fk', 'SELECT 1');\n\
                   PREPARE s FROM @v; EXECUTE s;";
        let events = events(sql);
        assert_eq!(dropped_constraints(&events), ["fk"]);
        assert!(matches!(
            events.first(),
            Some((_, EventKind::BlockStatement { conditional: true }))
        ));
    }

    #[test]
    fn a_variable_holding_an_answer_of_information_schema_is_an_existence_test() {
        let sql = "SET @exist := (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE \
                   CONSTRAINT_NAME = 'fk');\nSET @s := IF(@exist > 0, 'ALTER TABLE t DROP FOREIGN KEY fk', \
                   'SELECT ''no such key''');\nPREPARE s FROM @s;\nEXECUTE s;";
        let events = events(sql);
        assert_eq!(dropped_constraints(&events), ["fk"]);
        assert!(matches!(
            events.first(),
            Some((_, EventKind::BlockStatement { conditional: true }))
        ));
    }

    #[test]
    fn an_existence_test_with_a_branch_not_known_is_not_known() {
        let sql = "SET @s = IF((SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS) > 0, \
                   CONCAT('ALTER TABLE t DROP FOREIGN KEY ', @fk), 'SELECT 1');\nPREPARE s FROM @s;\nEXECUTE s;";
        let events = events(sql);
        assert!(matches!(
            events.as_slice(),
            [(
                _,
                EventKind::UnknownSql {
                    drops_keys: true,
                    ..
                }
            )]
        ));
    }

    #[test]
    fn a_branch_on_anything_else_is_not_known() {
        let sql = "SET @v = IF(@x > 0, 'ALTER TABLE t DROP FOREIGN KEY fk', 'SELECT 1');\n\
                   PREPARE s FROM @v; EXECUTE s;";
        let events = events(sql);
        assert!(dropped_constraints(&events).is_empty());
        let Some((
            text,
            EventKind::UnknownSql {
                names,
                drops_keys: true,
            },
        )) = events.first()
        else {
            panic!("{events:?}");
        };
        assert_eq!(text, "EXECUTE s");
        assert_eq!(names[0].name.value, "t");
    }

    #[test]
    fn concatenated_text_makes_the_tables_it_names_uncertain() {
        let sql = "SET @v = CONCAT('ALTER TABLE `orders` DROP FOREIGN KEY ', @fk);\nPREPARE s FROM @v;\nEXECUTE s;";
        let events = events(sql);
        let Some((
            _,
            EventKind::UnknownSql {
                names,
                drops_keys: true,
            },
        )) = events.first()
        else {
            panic!("{events:?}");
        };
        assert_eq!(names[0].name.value, "orders");
    }

    #[test]
    fn a_called_procedure_runs_its_body_under_its_conditions() {
        let sql = "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  DECLARE n INT;\n  IF EXISTS (SELECT 1 FROM \
                   information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_NAME = 'fk') THEN\n    SET @s = 'ALTER \
                   TABLE t DROP FOREIGN KEY fk';\n    PREPARE st FROM @s;\n    EXECUTE st;\n  END IF;\n  ALTER \
                   TABLE u DROP FOREIGN KEY fk2;\nEND$$\nDELIMITER ;\nCALL p();";
        let events = events(sql);
        assert_eq!(dropped_constraints(&events), ["fk", "fk2"]);
        let conditional: Vec<bool> = events
            .iter()
            .filter_map(|(_, kind)| match kind {
                EventKind::BlockStatement { conditional } => Some(*conditional),
                _ => None,
            })
            .collect();
        assert_eq!(conditional, [true]);
    }

    #[test]
    fn text_put_together_from_known_values_drops_what_it_names() {
        let sql = "SET @t = 'orders';\nSET @fk = 'orders_fk';\nSET @v = (SELECT IF((SELECT COUNT(*) FROM \
                   INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_NAME = @t) > 0, CONCAT('ALTER TABLE ', @t, \
                   ' DROP FOREIGN KEY ', @fk), 'SELECT 1'));\nPREPARE s FROM @v;\nEXECUTE s;";
        let events = events(sql);
        assert_eq!(dropped_constraints(&events), ["orders_fk"]);
        assert!(events.iter().all(|(text, _)| text == "EXECUTE s"));
    }

    #[test]
    fn a_procedure_uses_the_literals_its_call_passes() {
        let sql = "DELIMITER $$\nCREATE PROCEDURE DropFK(IN tableName VARCHAR(64), IN fkName VARCHAR(64))\nBEGIN\n  \
                   SET @q = CONCAT('ALTER TABLE ', tableName, ' DROP FOREIGN KEY ', fkName);\n  PREPARE s FROM @q;\n  \
                   EXECUTE s;\nEND$$\nDELIMITER ;\nCALL DropFK('orders', 'orders_fk');\nCALL DropFK(@unknown, 'x_fk');";
        let events = events(sql);
        assert_eq!(dropped_constraints(&events), ["orders_fk"]);
        assert!(events.iter().any(|(_, kind)| matches!(
            kind,
            EventKind::UnknownSql {
                drops_keys: true,
                ..
            }
        )));
    }

    #[test]
    fn a_procedure_runs_only_when_called() {
        let sql =
            "DELIMITER //\nCREATE PROCEDURE p() BEGIN ALTER TABLE t DROP FOREIGN KEY fk; END //\n\
                   DELIMITER ;\nDROP PROCEDURE p;\nCALL p();";
        assert!(dropped_constraints(&events(sql)).is_empty());
    }

    #[test]
    fn a_procedure_that_calls_itself_ends() {
        let sql =
            "DELIMITER //\nCREATE PROCEDURE p() BEGIN CALL p(); END //\nDELIMITER ;\nCALL p();";
        let _ = events(sql);
    }

    #[test]
    fn a_variable_set_again_in_a_way_not_followed_is_not_known() {
        let sql = "SET @v = 'ALTER TABLE t DROP FOREIGN KEY fk';\nSET @w = 1, @v = @x;\nPREPARE s FROM @v;\n\
                   EXECUTE s;";
        assert!(dropped_constraints(&events(sql)).is_empty());
    }

    #[test]
    fn rows_written_by_dynamic_sql_are_not_known() {
        let sql = "SET @v = 'UPDATE accounts SET plan = 1';\nPREPARE s FROM @v;\nEXECUTE s;\n\
                   SET @w = CONCAT('INSERT INTO plans VALUES (', @id, ')');\nPREPARE s FROM @w;\nEXECUTE s;";
        let unknown: Vec<String> = events(sql)
            .into_iter()
            .filter_map(|(_, kind)| match kind {
                EventKind::Data(crate::events::DataEvent::Unknown { names }) => Some(names),
                EventKind::UnknownSql { names, .. } => Some(names),
                _ => None,
            })
            .flatten()
            .map(|n| n.name.value)
            .collect();
        assert_eq!(unknown, ["accounts", "plans"]);
    }

    #[test]
    fn a_text_that_executes_itself_ends() {
        let sql = "SET @v = 'EXECUTE s';\nPREPARE s FROM @v;\nEXECUTE s;";
        let _ = events(sql);
    }
}
