//! How `psql` cuts a script: statements, meta-commands (`\\c db`), and COPY data after `COPY ... FROM STDIN`.
//!
//! The cuts mirror psql's own (`src/bin/psql/psqlscan.l`, `psqlscanslash.l`, `copy.c`), so a migration is cut
//! where `psql -f` would cut it.

use super::piece::{unterminated_problem, Piece, PieceKind, SplitProblem};
use crate::lex::{Lexer, Token, TokenKind};
use crate::source::Span;

/// Cuts `text` as `psql -f` would.
pub fn split(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    split_each(text, None, |piece, _| pieces.push(piece));
    pieces
}

/// [`split`], handing each piece to `on_piece` as soon as it is cut, in order. With a `tokens` buffer, a
/// statement comes with the tokens the splitter lexed it into (the tokens of [`crate::lex::Lexer`] on the
/// statement's text, with offsets in `text`), so that its reader need not lex it again; `None` for a statement
/// whose text holds a psql `\;` or `\:`, which the splitter reads differently from the lexer.
pub fn split_each(
    text: &str,
    tokens: Option<&mut Vec<Token>>,
    on_piece: impl FnMut(Piece, Option<&[Token]>),
) {
    let bytes = text.as_bytes();
    let mut out = Sink { tokens, on_piece };
    let mut current: Option<Statement> = None;
    // After `COPY ... FROM STDIN;` psql reads the data from the next line on, so lexing stops at the end of the
    // line that holds the `;` (`limit`), the data blocks are taken, and lexing resumes after them.
    let mut limit = text.len();
    let mut pending_copies = 0usize;
    let mut lexer = Lexer::new(text);
    loop {
        let Some(token) = lexer.next() else {
            out.finish(&mut current);
            if pending_copies == 0 {
                break;
            }
            let mut pos = (limit + 1).min(text.len());
            for _ in 0..pending_copies {
                pos = copy_data(text, pos, &mut out);
            }
            pending_copies = 0;
            limit = text.len();
            lexer = Lexer::at(text, pos);
            continue;
        };
        let start = token.span.start;
        match token.kind {
            TokenKind::Backslash if bytes.get(start + 1) == Some(&b';') => {
                // psql's `\;` puts a `;` in the query buffer without sending it; the server then runs the two
                // statements one after the other, so it separates statements like `;` does.
                match current.as_mut() {
                    Some(statement) if !statement.at_top_level() => {
                        statement.end = start + 2;
                        statement.tokens_exact = false;
                    }
                    _ => out.finish(&mut current),
                }
                lexer = Lexer::at(limited(text, limit), start + 2);
            }
            TokenKind::Backslash if bytes.get(start + 1) == Some(&b':') => {
                // `\:` is a literal `:` in psql (it escapes variable interpolation): part of the statement.
                let statement = out.statement(&mut current, start);
                statement.end = start + 2;
                statement.tokens_exact = false;
                lexer = Lexer::at(limited(text, limit), start + 2);
            }
            TokenKind::Backslash => {
                // psql sends (or keeps) the query buffer and runs the meta-command; the statement ends here.
                out.finish(&mut current);
                let meta = meta_command(text, start, limit);
                out.piece(Piece {
                    kind: PieceKind::MetaCommand,
                    span: meta.span,
                    problem: None,
                });
                if meta.copy_from_stdin {
                    limit = copy_limit(bytes, start, limit, pending_copies);
                    pending_copies += 1;
                }
                lexer = Lexer::at(limited(text, limit), meta.resume);
            }
            TokenKind::Punct if token.is_punct(text, ';') => match current.as_mut() {
                Some(statement) if !statement.at_top_level() => {
                    statement.end = token.span.end;
                    out.token(token);
                }
                Some(statement) => {
                    if statement.copy_from_stdin {
                        limit = copy_limit(bytes, token.span.end, limit, pending_copies);
                        pending_copies += 1;
                        lexer = Lexer::at(limited(text, limit), token.span.end);
                    }
                    out.finish(&mut current);
                }
                None => {}
            },
            _ => {
                out.statement(&mut current, start).feed(text, &token);
                out.token(token);
            }
        }
    }
}

/// Where the pieces go, and the tokens of the statement being read when they are kept.
struct Sink<'b, F> {
    tokens: Option<&'b mut Vec<Token>>,
    on_piece: F,
}

impl<F: FnMut(Piece, Option<&[Token]>)> Sink<'_, F> {
    /// The statement being read, or a new one starting at `start`.
    fn statement<'s>(
        &mut self,
        current: &'s mut Option<Statement>,
        start: usize,
    ) -> &'s mut Statement {
        current.get_or_insert_with(|| {
            if let Some(tokens) = self.tokens.as_deref_mut() {
                tokens.clear();
            }
            Statement::new(start)
        })
    }

    /// Keeps a token of the statement being read.
    fn token(&mut self, token: Token) {
        if let Some(tokens) = self.tokens.as_deref_mut() {
            tokens.push(token);
        }
    }

    fn piece(&mut self, piece: Piece) {
        (self.on_piece)(piece, None);
    }

    /// Emits the statement in progress, if any.
    fn finish(&mut self, current: &mut Option<Statement>) {
        let Some(statement) = current.take() else {
            return;
        };
        let piece = Piece {
            kind: PieceKind::Statement,
            span: Span::new(statement.start, statement.end),
            problem: statement.problem,
        };
        let tokens = self
            .tokens
            .as_deref()
            .filter(|_| statement.tokens_exact)
            .map(Vec::as_slice);
        (self.on_piece)(piece, tokens);
    }
}

/// The statement being read, with psql's state for deciding whether a `;` ends it.
struct Statement {
    start: usize,
    end: usize,
    problem: Option<SplitProblem>,
    paren_depth: usize,
    /// psql's `begin_depth`: BEGIN/CASE ... END nesting, counted only in CREATE FUNCTION/PROCEDURE.
    begin_depth: usize,
    /// psql's `identifier_count` and `identifiers`: the first letters of the first four words when they are
    /// `create`, `or`, `replace`, `function` or `procedure` (0 for other words).
    words: usize,
    first_letters: [u8; 4],
    is_copy: bool,
    after_from: bool,
    copy_from_stdin: bool,
    /// Whether the lexer's tokens of the statement's text are the tokens the splitter read (no `\;` or `\:`).
    tokens_exact: bool,
}

impl Statement {
    fn new(start: usize) -> Self {
        Statement {
            start,
            end: start,
            problem: None,
            paren_depth: 0,
            begin_depth: 0,
            words: 0,
            first_letters: [0; 4],
            is_copy: false,
            after_from: false,
            copy_from_stdin: false,
            tokens_exact: true,
        }
    }

    /// Whether a `;` here ends the statement.
    fn at_top_level(&self) -> bool {
        self.paren_depth == 0 && self.begin_depth == 0
    }

    fn feed(&mut self, text: &str, token: &Token) {
        self.end = token.span.end;
        let after_from = std::mem::take(&mut self.after_from);
        if token.unterminated && self.problem.is_none() {
            self.problem = Some(unterminated_problem(text, token));
        }
        match token.kind {
            TokenKind::Punct if token.is_punct(text, '(') => self.paren_depth += 1,
            // psql never lets the depth go below zero.
            TokenKind::Punct if token.is_punct(text, ')') => {
                self.paren_depth = self.paren_depth.saturating_sub(1)
            }
            TokenKind::Word => self.word(token.text(text), after_from),
            _ => {}
        }
    }

    /// psql's heuristic for `BEGIN ATOMIC ... END` bodies, word for word.
    fn word(&mut self, word: &str, after_from: bool) {
        let index = self.words;
        self.words += 1;
        if let Some(slot) = self.first_letters.get_mut(index) {
            let tracked = ["create", "function", "procedure", "or", "replace"];
            if tracked
                .iter()
                .any(|keyword| word.eq_ignore_ascii_case(keyword))
            {
                *slot = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
            }
            if index == 0 && word.eq_ignore_ascii_case("copy") {
                self.is_copy = true;
            }
        }
        if self.paren_depth != 0 {
            return;
        }
        let [first, second, third, fourth] = self.first_letters;
        let defines_routine = first == b'c'
            && (second == b'f'
                || second == b'p'
                || (second == b'o' && third == b'r' && (fourth == b'f' || fourth == b'p')));
        if defines_routine {
            if word.eq_ignore_ascii_case("begin") {
                self.begin_depth += 1;
            } else if word.eq_ignore_ascii_case("case") {
                // CASE also ends with END; it only matters inside a BEGIN.
                if self.begin_depth >= 1 {
                    self.begin_depth += 1;
                }
            } else if word.eq_ignore_ascii_case("end") {
                self.begin_depth = self.begin_depth.saturating_sub(1);
            }
        }
        if self.is_copy {
            if after_from && word.eq_ignore_ascii_case("stdin") {
                self.copy_from_stdin = true;
            }
            self.after_from = word.eq_ignore_ascii_case("from");
        }
    }
}

/// `text` cut at `limit` (always a char boundary: the end or a `\n`).
fn limited(text: &str, limit: usize) -> &str {
    text.get(..limit).unwrap_or(text)
}

/// Where lexing stops for a COPY FROM STDIN at `from`: the end of its line. With copies already pending, the
/// limit is that line's end already; not scanning again keeps many copies on one long line linear.
fn copy_limit(bytes: &[u8], from: usize, limit: usize, pending_copies: usize) -> usize {
    if pending_copies > 0 {
        limit
    } else {
        line_end(bytes, from, limit)
    }
}

/// The offset of the `\n` that ends the line holding `from`, or `limit`.
fn line_end(bytes: &[u8], from: usize, limit: usize) -> usize {
    bytes
        .get(from..limit)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(limit, |k| from + k)
}

struct Meta {
    span: Span,
    /// Where SQL lexing goes on.
    resume: usize,
    copy_from_stdin: bool,
}

/// The meta-command that starts with the `\` at `start`. As in psql, it runs to the end of the line, except that
/// an unquoted `\\` ends it and SQL goes on after it, and another unquoted `\` starts the next meta-command.
/// `\copy`, `\!` and the help and function-source commands take the whole line.
fn meta_command(text: &str, start: usize, limit: usize) -> Meta {
    let bytes = text.as_bytes();
    let at = |i: usize| {
        if i < limit {
            bytes.get(i).copied().unwrap_or(0)
        } else {
            0
        }
    };
    let mut i = start + 1;
    while i < limit && !at(i).is_ascii_whitespace() && at(i) != b'\\' {
        i += 1;
    }
    let name = text.get(start + 1..i).unwrap_or("");
    let whole_line = matches!(
        name,
        "copy" | "!" | "h" | "help" | "ef" | "ev" | "sf" | "sf+" | "sv" | "sv+"
    );
    let (end, resume) = if whole_line {
        let end = line_end(bytes, i, limit);
        (end, end)
    } else {
        loop {
            match at(i) {
                _ if i >= limit => break (limit, limit),
                b'\n' => break (i, i),
                b'\\' if at(i + 1) == b'\\' => break (i, i + 2),
                b'\\' => break (i, i),
                quote @ (b'\'' | b'"' | b'`') => {
                    i += 1;
                    while i < limit && at(i) != quote && at(i) != b'\n' {
                        // Inside '...' psql reads backslash escapes, so `\'` does not close it.
                        i += if quote == b'\'' && at(i) == b'\\' && at(i + 1) != b'\n' {
                            2
                        } else {
                            1
                        };
                    }
                    if at(i) == quote {
                        i += 1;
                    }
                }
                _ => i += 1,
            }
        }
    };
    let end = end.min(limit).max(start + 1);
    let trimmed = start
        + 1
        + text.get(start + 1..end).map_or(0, |rest| {
            rest.trim_end_matches(|c: char| c.is_ascii_whitespace())
                .len()
        });
    let copy_from_stdin = name == "copy" && {
        let args = text.get(..end).unwrap_or("");
        let mut after_from = false;
        let mut found = false;
        for token in Lexer::at(args, i) {
            found |= after_from && token.is_word(args, "stdin");
            after_from = token.is_word(args, "from");
        }
        found
    };
    Meta {
        span: Span::new(start, trimmed),
        resume: resume.max(start + 1),
        copy_from_stdin,
    }
}

/// Takes the COPY data that starts at `from`: every line up to and including a line that is exactly `\.`, or to
/// the end of the text. Returns where the text goes on.
fn copy_data<F: FnMut(Piece, Option<&[Token]>)>(
    text: &str,
    from: usize,
    out: &mut Sink<F>,
) -> usize {
    let bytes = text.as_bytes();
    let len = bytes.len();
    if from >= len {
        return len;
    }
    let mut pos = from;
    let (end, resume) = loop {
        let newline = bytes
            .get(pos..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map(|k| pos + k);
        let line_stop = newline.unwrap_or(len);
        let line = bytes.get(pos..line_stop).unwrap_or(b"");
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line == b"\\." {
            break (pos + 2, newline.map_or(len, |n| n + 1));
        }
        match newline {
            Some(n) if n + 1 < len => pos = n + 1,
            _ => {
                // No `\.`: the data runs to the end (its last line break excluded).
                let body = text.get(from..).unwrap_or("");
                let body = body.strip_suffix('\n').unwrap_or(body);
                let body = body.strip_suffix('\r').unwrap_or(body);
                break (from + body.len(), len);
            }
        }
    };
    if end > from {
        out.piece(Piece {
            kind: PieceKind::CopyData,
            span: Span::new(from, end),
            problem: None,
        });
    }
    resume
}
