//! `DO $$ ... $$` blocks run at migration time, statement by statement, as PL/pgSQL runs them. fklint reads the
//! `CREATE TABLE` / `ALTER TABLE` / `CREATE INDEX` statements of the body and tells the catalog where each one
//! starts ([`EventKind::BlockStatement`]), whether it may not run (under `IF`, a loop or a nested block), and
//! which conditions the outermost block's `EXCEPTION` clause catches ([`EventKind::ExceptionHandlers`]): the
//! catalog then judges the block as the server runs it (the first error ends it; a caught one undoes it).
//!
//! drizzle-kit wrote one `DO $$ BEGIN ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY ...; EXCEPTION WHEN
//! duplicate_object THEN null; END $$;` per foreign key for years: such a key is as certain as a plain `ALTER
//! TABLE`. A body whose structure fklint cannot follow (a condition name it does not know, dynamic `EXECUTE`)
//! falls back to reading its DDL with every name it touches uncertain.

use super::plpgsql_conditions::{condition, sqlstate};
use crate::events::{Caught, EventKind};
use crate::ident::ObjName;
use crate::lex::{self, Token, TokenKind};

/// The events of a DO block (`None` when it holds no DDL fklint reads): each DDL statement of its body read by
/// `read` (the statement's tokens and where it ends; `None` when it is not understood); `mentioned` finds the
/// names of a statement `read` does not understand, which become uncertain.
pub(super) fn read_do_block(
    src: &str,
    tokens: &[Token],
    read: impl Fn(&[Token], usize) -> Option<Vec<EventKind>>,
    mentioned: impl Fn(&[Token]) -> Vec<ObjName>,
) -> Option<Vec<EventKind>> {
    if !is_plpgsql(src, tokens) {
        return None;
    }
    let body = tokens.iter().find(|t| t.kind == TokenKind::DollarString)?;
    let inner = dollar_body_span(src, body)?;
    let mut body_tokens = lex::tokenize(inner.slice(src));
    for token in &mut body_tokens {
        token.span = token.span.offset(inner.start);
    }
    let pieces = split_pieces(src, &body_tokens);
    let events = match outline(src, &pieces) {
        Some(outline) => outlined_events(outline, inner.end, &read, &mentioned),
        None => uncertain_events(src, &pieces, inner.end, &read, &mentioned),
    };
    (!events.is_empty()).then_some(events)
}

/// `DO [LANGUAGE plpgsql] $$...$$`: another language's body is not PL/pgSQL.
fn is_plpgsql(src: &str, tokens: &[Token]) -> bool {
    match tokens.iter().position(|t| t.is_word(src, "language")) {
        Some(at) => tokens.get(at + 1).is_some_and(|t| {
            t.text(src)
                .trim_matches(|c| c == '\'' || c == '"')
                .eq_ignore_ascii_case("plpgsql")
        }),
        None => true,
    }
}

/// A DDL statement of the body, and where it sits.
struct BodyStatement<'t> {
    tokens: &'t [Token],
    /// Under `IF`, a loop or a nested block: it may not run.
    conditional: bool,
    /// In an exception handler: it runs only after an error the handler caught.
    in_handler: bool,
}

/// The body as fklint follows it: its DDL statements and what the outermost block's handlers catch.
struct Outline<'t> {
    statements: Vec<BodyStatement<'t>>,
    catches: Vec<Caught>,
}

/// The control structures open at a point of the body.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    Block { handlers: bool },
    If,
    Loop,
}

/// Follows the block structure of the body (`BEGIN ... EXCEPTION WHEN ... THEN ... END`, `IF`, loops), `None`
/// when it is not the shape fklint knows (no outer block, `CASE`, an unknown condition, unbalanced ends) or
/// it runs statements fklint cannot read (`EXECUTE` of dynamic SQL, `CALL`).
fn outline<'t>(src: &str, pieces: &[&'t [Token]]) -> Option<Outline<'t>> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut declaring = false;
    let mut outer_done = false;
    let mut maybe_left = false;
    let mut outline = Outline {
        statements: Vec::new(),
        catches: Vec::new(),
    };
    for piece in pieces {
        let mut rest: &[Token] = piece;
        loop {
            let word = |n: usize| rest.get(n).filter(|t| t.kind == TokenKind::Word);
            let Some(first) = word(0) else { break };
            let first = first.text(src).to_ascii_lowercase();
            match first.as_str() {
                "declare" => {
                    declaring = true;
                    rest = &[];
                }
                "begin" => {
                    if outer_done {
                        return None;
                    }
                    declaring = false;
                    stack.push(Frame::Block { handlers: false });
                    rest = &rest[1..];
                }
                "exception" => {
                    match stack.last_mut() {
                        Some(Frame::Block { handlers }) => *handlers = true,
                        _ => return None,
                    }
                    rest = &rest[1..];
                }
                "when" if matches!(stack.last(), Some(Frame::Block { handlers: true })) => {
                    let then = position_of(src, rest, "then")?;
                    let caught = conditions(src, &rest[1..then])?;
                    if stack.len() == 1 {
                        outline.catches.extend(caught);
                    }
                    rest = &rest[then + 1..];
                }
                "if" | "elsif" => {
                    let then = position_of(src, rest, "then")?;
                    if first == "if" {
                        stack.push(Frame::If);
                    }
                    rest = &rest[then + 1..];
                }
                "else" => rest = &rest[1..],
                "loop" => {
                    stack.push(Frame::Loop);
                    rest = &rest[1..];
                }
                "for" | "foreach" | "while" => {
                    let at = position_of(src, rest, "loop")?;
                    stack.push(Frame::Loop);
                    rest = &rest[at + 1..];
                }
                "case" => return None,
                "end" => {
                    let closes = match word(1).map(|t| t.text(src).to_ascii_lowercase()) {
                        Some(w) if w == "if" => Frame::If,
                        Some(w) if w == "loop" => Frame::Loop,
                        Some(w) if w == "case" => return None,
                        _ => Frame::Block { handlers: false },
                    };
                    let open = stack.pop()?;
                    let matches = match (open, closes) {
                        (Frame::Block { .. }, Frame::Block { .. }) => true,
                        (open, closes) => open == closes,
                    };
                    if !matches {
                        return None;
                    }
                    outer_done = stack.is_empty();
                    rest = &[];
                }
                _ => break,
            }
        }
        if declaring || rest.is_empty() {
            continue;
        }
        // Dynamic SQL and procedures change what fklint cannot see: the block's DDL is not sure either.
        if rest[0].is_word(src, "execute") || rest[0].is_word(src, "call") {
            return None;
        }
        // After a RETURN or a RAISE (that may run), what follows may not run.
        if rest[0].is_word(src, "return") || rest[0].is_word(src, "raise") && !is_notice(src, rest)
        {
            maybe_left = true;
            continue;
        }
        if !starts_ddl(src, rest) {
            continue;
        }
        if stack.is_empty() {
            return None;
        }
        let in_handler = stack
            .iter()
            .any(|f| matches!(f, Frame::Block { handlers: true }));
        outline.statements.push(BodyStatement {
            tokens: rest,
            conditional: stack.len() > 1 || maybe_left,
            in_handler,
        });
    }
    (outer_done && stack.is_empty()).then_some(outline)
}

/// `RAISE NOTICE` (and the other levels below `EXCEPTION`): a message, the block goes on.
fn is_notice(src: &str, raise: &[Token]) -> bool {
    raise.get(1).is_some_and(|level| {
        ["debug", "log", "info", "notice", "warning"]
            .iter()
            .any(|w| level.is_word(src, w))
    })
}

/// `duplicate_object OR SQLSTATE '42P07'`, `None` when a name is not known.
fn conditions(src: &str, tokens: &[Token]) -> Option<Vec<Caught>> {
    let mut caught = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if token.is_word(src, "or") {
            i += 1;
        } else if token.is_word(src, "sqlstate") {
            caught.push(sqlstate(tokens.get(i + 1)?.text(src))?);
            i += 2;
        } else if token.kind == TokenKind::Word {
            caught.push(condition(token.text(src))?);
            i += 1;
        } else {
            return None;
        }
    }
    (!caught.is_empty()).then_some(caught)
}

/// The position of a keyword outside parentheses.
fn position_of(src: &str, tokens: &[Token], keyword: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_punct(src, '(') {
            depth += 1;
        } else if token.is_punct(src, ')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && token.is_word(src, keyword) {
            return Some(i);
        }
    }
    None
}

/// Events of a body fklint followed: each statement of the outer block as it runs; a handler's DDL (run only
/// after a caught error) only makes its names uncertain.
fn outlined_events(
    outline: Outline,
    body_end: usize,
    read: &impl Fn(&[Token], usize) -> Option<Vec<EventKind>>,
    mentioned: &impl Fn(&[Token]) -> Vec<ObjName>,
) -> Vec<EventKind> {
    let mut events = Vec::new();
    if !outline.catches.is_empty() {
        events.push(EventKind::ExceptionHandlers {
            catches: outline.catches,
        });
    }
    for statement in &outline.statements {
        let end = statement.tokens.last().map_or(body_end, |t| t.span.end);
        let read = read(statement.tokens, end);
        if statement.in_handler {
            let names = match &read {
                Some(kinds) => kinds.iter().flat_map(names_touched).collect(),
                None => mentioned(statement.tokens),
            };
            events.push(EventKind::Uncertain { names });
            continue;
        }
        events.push(EventKind::BlockStatement {
            conditional: statement.conditional,
        });
        match read {
            Some(kinds) => events.extend(kinds),
            None => events.push(EventKind::Uncertain {
                names: mentioned(statement.tokens),
            }),
        }
    }
    events
}

/// Events of a body fklint could not follow: its DDL read, and every name it touches uncertain (whether each
/// statement ran is unknown).
fn uncertain_events(
    src: &str,
    pieces: &[&[Token]],
    body_end: usize,
    read: &impl Fn(&[Token], usize) -> Option<Vec<EventKind>>,
    mentioned: &impl Fn(&[Token]) -> Vec<ObjName>,
) -> Vec<EventKind> {
    let mut events = Vec::new();
    for statement in pieces.iter().filter_map(|piece| ddl_part(src, piece)) {
        let end = statement.last().map_or(body_end, |t| t.span.end);
        match read(statement, end) {
            Some(kinds) => {
                let names = kinds.iter().flat_map(names_touched).collect();
                events.extend(kinds);
                events.push(EventKind::Uncertain { names });
            }
            None => events.push(EventKind::Uncertain {
                names: mentioned(statement),
            }),
        }
    }
    events
}

/// `$tag$body$tag$` → the span of `body`.
fn dollar_body_span(src: &str, token: &Token) -> Option<crate::source::Span> {
    let text = token.text(src);
    let tag_len = text.get(1..)?.find('$')? + 2;
    if token.unterminated || text.len() < 2 * tag_len {
        return None;
    }
    Some(crate::source::Span::new(
        token.span.start + tag_len,
        token.span.end - tag_len,
    ))
}

/// The body cut at each `;` outside parentheses.
fn split_pieces<'t>(src: &str, tokens: &'t [Token]) -> Vec<&'t [Token]> {
    let mut pieces = lex::split_outside_parens(src, tokens, ';');
    if pieces.last().is_some_and(|last| last.is_empty()) {
        pieces.pop();
    }
    pieces
}

/// The DDL statement a piece ends with (after `BEGIN`, `THEN` or the like), if it holds one.
fn ddl_part<'t>(src: &str, piece: &'t [Token]) -> Option<&'t [Token]> {
    (0..piece.len())
        .find(|&i| starts_ddl(src, &piece[i..]))
        .map(|i| &piece[i..])
}

fn starts_ddl(src: &str, tokens: &[Token]) -> bool {
    let word = |n: usize, w: &str| tokens.get(n).is_some_and(|t| t.is_word(src, w));
    (word(0, "create")
        && (word(1, "table") || word(1, "index") || (word(1, "unique") && word(2, "index"))))
        || (word(0, "alter") && word(1, "table"))
}

/// The tables an event creates or changes.
fn names_touched(kind: &EventKind) -> Vec<ObjName> {
    match kind {
        EventKind::CreateTable(table) => {
            let mut names = vec![table.name.clone()];
            names.extend(table.constraints.iter().filter_map(|c| match &c.kind {
                crate::events::ConstraintKind::ForeignKey(fk) => Some(fk.ref_table.clone()),
                _ => None,
            }));
            names
        }
        EventKind::AddConstraint {
            table, constraint, ..
        } => {
            let mut names = vec![table.clone()];
            if let crate::events::ConstraintKind::ForeignKey(fk) = &constraint.kind {
                names.push(fk.ref_table.clone());
            }
            names
        }
        EventKind::CreateIndex(index) => vec![index.table.clone()],
        other => other.altered_table().into_iter().cloned().collect(),
    }
}
