//! Cuts a source into statements, psql meta-commands and COPY data, with byte spans (DESIGN.md, data flow step 2).
//!
//! The cuts mirror psql's own (`src/bin/psql/psqlscan.l`, `psqlscanslash.l`, `copy.c`), so a migration is cut
//! where `psql -f` would cut it. Pieces are slices of the text, never re-rendered.

pub mod client;

use crate::lex::{Lexer, Token, TokenKind};
use crate::source::Span;

/// What a [`Piece`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// One SQL statement, without its terminating `;`.
    Statement,
    /// A psql meta-command line such as `\c db` or `\set ON_ERROR_STOP on`.
    MetaCommand,
    /// The data lines after `COPY ... FROM STDIN;` (or `\copy ... from stdin`), through the `\.` line.
    CopyData,
}

/// Something wrong with a piece's text that the lexer alone can see (an unterminated quote or comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitProblem {
    pub message: String,
    pub span: Span,
}

/// One piece of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub span: Span,
    pub problem: Option<SplitProblem>,
}

/// Cuts `text` into pieces, in order. A statement spans its first token to its last (whitespace, comments and
/// the terminating `;` excluded); pieces with nothing but whitespace and comments are dropped.
pub fn split(text: &str) -> Vec<Piece> {
    split_psql(text)
}

/// Cuts `text` as the command-line client of `dialect` would (psql, `mysql`, `sqlite3`).
pub fn split_in(text: &str, dialect: crate::dialect::Dialect) -> Vec<Piece> {
    match dialect {
        crate::dialect::Dialect::Postgres => split_psql(text),
        other => client::split(text, other),
    }
}

fn split_psql(text: &str) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut current: Option<Statement> = None;
    // After `COPY ... FROM STDIN;` psql reads the data from the next line on, so lexing stops at the end of the
    // line that holds the `;` (`limit`), the data blocks are taken, and lexing resumes after them.
    let mut limit = text.len();
    let mut pending_copies = 0usize;
    let mut lexer = Lexer::new(text);
    loop {
        let Some(token) = lexer.next() else {
            finish(&mut current, &mut pieces);
            if pending_copies == 0 {
                break;
            }
            let mut pos = (limit + 1).min(text.len());
            for _ in 0..pending_copies {
                pos = copy_data(text, pos, &mut pieces);
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
                    Some(statement) if !statement.at_top_level() => statement.end = start + 2,
                    _ => finish(&mut current, &mut pieces),
                }
                lexer = Lexer::at(limited(text, limit), start + 2);
            }
            TokenKind::Backslash if bytes.get(start + 1) == Some(&b':') => {
                // `\:` is a literal `:` in psql (it escapes variable interpolation): part of the statement.
                current.get_or_insert_with(|| Statement::new(start)).end = start + 2;
                lexer = Lexer::at(limited(text, limit), start + 2);
            }
            TokenKind::Backslash => {
                // psql sends (or keeps) the query buffer and runs the meta-command; the statement ends here.
                finish(&mut current, &mut pieces);
                let meta = meta_command(text, start, limit);
                pieces.push(Piece {
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
                Some(statement) if !statement.at_top_level() => statement.end = token.span.end,
                Some(statement) => {
                    if statement.copy_from_stdin {
                        limit = copy_limit(bytes, token.span.end, limit, pending_copies);
                        pending_copies += 1;
                        lexer = Lexer::at(limited(text, limit), token.span.end);
                    }
                    finish(&mut current, &mut pieces);
                }
                None => {}
            },
            _ => current
                .get_or_insert_with(|| Statement::new(start))
                .feed(text, &token),
        }
    }
    pieces
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

/// Emits the statement in progress, if any.
fn finish(current: &mut Option<Statement>, pieces: &mut Vec<Piece>) {
    if let Some(statement) = current.take() {
        pieces.push(Piece {
            kind: PieceKind::Statement,
            span: Span::new(statement.start, statement.end),
            problem: statement.problem,
        });
    }
}

pub(crate) fn unterminated_problem(text: &str, token: &Token) -> SplitProblem {
    let message = match token.kind {
        TokenKind::String => "unterminated quoted string".to_string(),
        TokenKind::QuotedIdent => "unterminated quoted identifier".to_string(),
        TokenKind::DollarString => {
            let opening = token.text(text);
            let tag = opening
                .get(1..)
                .and_then(|rest| rest.find('$'))
                .and_then(|k| opening.get(..k + 2));
            format!("unterminated dollar-quoted string {}", tag.unwrap_or("$$"))
        }
        _ => "unterminated /* comment".to_string(),
    };
    SplitProblem {
        message,
        span: token.span,
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
fn copy_data(text: &str, from: usize, pieces: &mut Vec<Piece>) -> usize {
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
        pieces.push(Piece {
            kind: PieceKind::CopyData,
            span: Span::new(from, end),
            problem: None,
        });
    }
    resume
}

/// The `--` comments of a source, outside psql meta-commands and COPY data (which the lexer must not read as
/// SQL: a `'` in a data row would swallow the comments after it).
pub fn line_comments(text: &str, pieces: &[Piece], dialect: crate::dialect::Dialect) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    for piece in pieces.iter().filter(|p| p.kind != PieceKind::Statement) {
        out.extend(crate::lex::line_comments_in(
            text,
            from,
            piece.span.start,
            dialect,
        ));
        from = from.max(piece.span.end);
    }
    out.extend(crate::lex::line_comments_in(
        text,
        from,
        text.len(),
        dialect,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use PieceKind::*;

    fn pieces(text: &str) -> Vec<(PieceKind, &str)> {
        let pieces = split(text);
        assert_valid(text, &pieces);
        pieces
            .iter()
            .map(|p| (p.kind, p.span.slice(text)))
            .collect()
    }

    fn statements(text: &str) -> Vec<&str> {
        pieces(text)
            .into_iter()
            .map(|(kind, s)| {
                if kind == Statement {
                    s
                } else {
                    panic!("{kind:?} {s:?}")
                }
            })
            .collect()
    }

    /// Spans in bounds, on char boundaries, ordered and not overlapping; statements trimmed and non-empty.
    fn assert_valid(text: &str, pieces: &[Piece]) {
        let mut last_end = 0;
        for piece in pieces {
            let Span { start, end } = piece.span;
            assert!(
                last_end <= start && start < end && end <= text.len(),
                "{piece:?} in {text:?}"
            );
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{piece:?} in {text:?}"
            );
            let body = piece.span.slice(text);
            if piece.kind == Statement {
                assert!(
                    !body.starts_with(|c: char| c.is_whitespace()),
                    "{piece:?} in {text:?}"
                );
                // An unterminated token runs to the end of the text, whitespace included.
                assert!(
                    piece.problem.is_some() || !body.ends_with(|c: char| c.is_ascii_whitespace()),
                    "{piece:?} in {text:?}"
                );
            }
            if let Some(problem) = &piece.problem {
                assert!(
                    problem.span.start >= start && problem.span.end <= end,
                    "{piece:?}"
                );
            }
            last_end = end;
        }
    }

    #[test]
    fn statements_exclude_whitespace_comments_and_semicolons() {
        assert_eq!(
            statements("SELECT 1; SELECT 2"),
            vec!["SELECT 1", "SELECT 2"]
        );
        assert_eq!(
            statements("-- c\n  SELECT 1 /* t */ ;\n\n/* x */ SELECT 2 -- y\n;"),
            vec!["SELECT 1", "SELECT 2"]
        );
        assert!(statements(";; ;\n-- only a comment\n/* and another */ ;").is_empty());
        assert!(split("").is_empty());
        assert!(split("   \n\t").is_empty());
    }

    #[test]
    fn quotes_and_comments_hide_semicolons() {
        assert_eq!(
            statements(
                "SELECT 'a;b', \"c;d\", E'\\';', $$;$$ -- ;\n, 1 /* ; /* ; */ ; */; SELECT 2;"
            ),
            vec![
                "SELECT 'a;b', \"c;d\", E'\\';', $$;$$ -- ;\n, 1",
                "SELECT 2"
            ]
        );
    }

    #[test]
    fn dollar_quoted_bodies() {
        let text = "CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  PERFORM $$x;$$;\n  RETURN $1;\nEND;\n$fn$ LANGUAGE plpgsql;\nSELECT foo$bar; SELECT $1;";
        assert_eq!(
            statements(text),
            vec![
                "CREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  PERFORM $$x;$$;\n  RETURN $1;\nEND;\n$fn$ LANGUAGE plpgsql",
                "SELECT foo$bar",
                "SELECT $1"
            ]
        );
        assert_eq!(
            statements(
                "CREATE FUNCTION one() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT one();"
            ),
            vec![
                "CREATE FUNCTION one() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                "SELECT one()"
            ]
        );
        assert_eq!(
            statements("DO $$ BEGIN PERFORM 1; END $$;\nDO LANGUAGE plpgsql $do$ BEGIN END; $do$;"),
            vec![
                "DO $$ BEGIN PERFORM 1; END $$",
                "DO LANGUAGE plpgsql $do$ BEGIN END; $do$"
            ]
        );
    }

    #[test]
    fn parentheses_hide_semicolons_and_are_clamped() {
        let rule = "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
        assert_eq!(
            statements(&format!("{rule}; SELECT 1;")),
            vec![rule, "SELECT 1"]
        );
        // An unbalanced `)` does not make the depth negative (a later `(` would otherwise be ignored).
        assert_eq!(
            statements("SELECT 1); SELECT (2; 3); SELECT 4;"),
            vec!["SELECT 1)", "SELECT (2; 3)", "SELECT 4"]
        );
        // A `(` that never closes: the statement runs to the end, as in psql.
        assert_eq!(
            statements("SELECT (1; SELECT 2;\n"),
            vec!["SELECT (1; SELECT 2;"]
        );
    }

    #[test]
    fn begin_atomic_bodies() {
        let function = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END;\nEND";
        assert_eq!(
            statements(&format!("{function};\nSELECT 3;")),
            vec![function, "SELECT 3"]
        );
        let procedure =
            "create or replace procedure p() begin atomic insert into t values (1); end";
        assert_eq!(
            statements(&format!("{procedure}; select 2;")),
            vec![procedure, "select 2"]
        );
        let or_replace_function =
            "CREATE OR REPLACE FUNCTION g() RETURNS int BEGIN ATOMIC SELECT 1; END";
        assert_eq!(
            statements(&format!("{or_replace_function}; SELECT 2;")),
            vec![or_replace_function, "SELECT 2"]
        );
        // Outside CREATE FUNCTION/PROCEDURE, BEGIN and END are ordinary words (transactions).
        assert_eq!(
            statements("BEGIN; CREATE TABLE t (id int); END; COMMIT;"),
            vec!["BEGIN", "CREATE TABLE t (id int)", "END", "COMMIT"]
        );
        assert_eq!(
            statements("CREATE TRIGGER tr BEGIN; SELECT 1;"),
            vec!["CREATE TRIGGER tr BEGIN", "SELECT 1"]
        );
        // CASE outside a BEGIN is not counted, so its END cannot close anything.
        let case = "CREATE FUNCTION h() RETURNS int RETURN CASE WHEN true THEN 1 END";
        assert_eq!(
            statements(&format!("{case}; SELECT 2;")),
            vec![case, "SELECT 2"]
        );
        // Parenthesised words are not counted.
        let quoted = "CREATE FUNCTION k(begin int) RETURNS int RETURN 1";
        assert_eq!(
            statements(&format!("{quoted}; SELECT 2;")),
            vec![quoted, "SELECT 2"]
        );
    }

    #[test]
    fn meta_commands_at_the_start_of_a_line() {
        let text = "\\c chinook\n\\set ON_ERROR_STOP on  \r\nCREATE TABLE a (id int);\n\\i other.sql\n\\pset tuples_only on";
        assert_eq!(
            pieces(text),
            vec![
                (MetaCommand, "\\c chinook"),
                (MetaCommand, "\\set ON_ERROR_STOP on"),
                (Statement, "CREATE TABLE a (id int)"),
                (MetaCommand, "\\i other.sql"),
                (MetaCommand, "\\pset tuples_only on")
            ]
        );
    }

    #[test]
    fn meta_command_mid_statement_ends_the_statement() {
        assert_eq!(
            pieces("SELECT 1 AS x \\gset\nSELECT 2;\nSELECT (3, \\g\n4);"),
            vec![
                (Statement, "SELECT 1 AS x"),
                (MetaCommand, "\\gset"),
                (Statement, "SELECT 2"),
                (Statement, "SELECT (3,"),
                (MetaCommand, "\\g"),
                (Statement, "4)")
            ]
        );
        assert_eq!(
            pieces("SELECT 1; \\echo done"),
            vec![(Statement, "SELECT 1"), (MetaCommand, "\\echo done")]
        );
    }

    #[test]
    fn meta_command_arguments_backslashes_and_quotes() {
        // `\\` ends the meta-command and SQL goes on; another `\` starts the next meta-command.
        assert_eq!(
            pieces("\\echo hi \\\\ SELECT 1;"),
            vec![(MetaCommand, "\\echo hi"), (Statement, "SELECT 1")]
        );
        assert_eq!(
            pieces("\\set a 1 \\set b 2\n"),
            vec![(MetaCommand, "\\set a 1"), (MetaCommand, "\\set b 2")]
        );
        // Quoted backslashes belong to the argument.
        assert_eq!(
            pieces("\\echo 'a\\\\b \\' c' \"d\\e\" x\nSELECT 1"),
            vec![
                (MetaCommand, "\\echo 'a\\\\b \\' c' \"d\\e\" x"),
                (Statement, "SELECT 1")
            ]
        );
        // `\copy` takes the whole line.
        let copy = "\\copy t FROM 'x.csv' DELIMITER E'\\t' CSV \\\\ x";
        assert_eq!(
            pieces(&format!("{copy}\nSELECT 1;")),
            vec![(MetaCommand, copy), (Statement, "SELECT 1")]
        );
        assert_eq!(pieces("\\"), vec![(MetaCommand, "\\")]);
        assert_eq!(
            pieces("\\\n\\"),
            vec![(MetaCommand, "\\"), (MetaCommand, "\\")]
        );
    }

    #[test]
    fn backslash_semicolon_separates_statements() {
        assert_eq!(
            statements("SELECT 1 \\; SELECT 2;"),
            vec!["SELECT 1", "SELECT 2"]
        );
        assert_eq!(
            statements("SELECT (1 \\; 2); SELECT 3"),
            vec!["SELECT (1 \\; 2)", "SELECT 3"]
        );
        assert_eq!(statements("SELECT a\\:b;"), vec!["SELECT a\\:b"]);
    }

    #[test]
    fn copy_from_stdin_data() {
        let text = "COPY public.t (a, b) FROM stdin;\n1\tit's; \"x\n2\t$$\n\\.\nSELECT 1;\n";
        assert_eq!(
            pieces(text),
            vec![
                (Statement, "COPY public.t (a, b) FROM stdin"),
                (CopyData, "1\tit's; \"x\n2\t$$\n\\."),
                (Statement, "SELECT 1")
            ]
        );
        let crlf = "copy t from STDIN with (format csv);\r\na,b\r\n\\.\r\nSELECT 1;\r\n";
        assert_eq!(
            pieces(crlf),
            vec![
                (Statement, "copy t from STDIN with (format csv)"),
                (CopyData, "a,b\r\n\\."),
                (Statement, "SELECT 1")
            ]
        );
        // No data lines, and data that runs to the end of the text.
        assert_eq!(
            pieces("COPY t FROM stdin;\n\\.\nSELECT 1"),
            vec![
                (Statement, "COPY t FROM stdin"),
                (CopyData, "\\."),
                (Statement, "SELECT 1")
            ]
        );
        assert_eq!(
            pieces("COPY t FROM stdin;\n1\n2\n"),
            vec![(Statement, "COPY t FROM stdin"), (CopyData, "1\n2")]
        );
        assert_eq!(
            pieces("COPY t FROM stdin;"),
            vec![(Statement, "COPY t FROM stdin")]
        );
        // `\.` must be the whole line.
        assert_eq!(
            pieces("COPY t FROM stdin;\n\\.x\n \\.\n\\.\n"),
            vec![
                (Statement, "COPY t FROM stdin"),
                (CopyData, "\\.x\n \\.\n\\.")
            ]
        );
        // Not from stdin: no data.
        assert_eq!(
            statements("COPY t FROM '/tmp/x';\nSELECT 1;\nCOPY t TO stdout;\nSELECT 2;"),
            vec![
                "COPY t FROM '/tmp/x'",
                "SELECT 1",
                "COPY t TO stdout",
                "SELECT 2"
            ]
        );
        assert_eq!(
            statements("SELECT * FROM stdin;\n1\n"),
            vec!["SELECT * FROM stdin", "1"]
        );
    }

    #[test]
    fn copy_data_starts_on_the_next_line() {
        // psql goes on with the rest of the `;` line first, then reads the data blocks in order.
        let text = "COPY a FROM stdin; COPY b FROM stdin; -- c\n1\n\\.\n2\n\\.\nSELECT 3;";
        assert_eq!(
            pieces(text),
            vec![
                (Statement, "COPY a FROM stdin"),
                (Statement, "COPY b FROM stdin"),
                (CopyData, "1\n\\."),
                (CopyData, "2\n\\."),
                (Statement, "SELECT 3")
            ]
        );
        let meta = "\\copy t from stdin with csv\n1,2\n\\.\nSELECT 1;";
        assert_eq!(
            pieces(meta),
            vec![
                (MetaCommand, "\\copy t from stdin with csv"),
                (CopyData, "1,2\n\\."),
                (Statement, "SELECT 1")
            ]
        );
        let file = "\\copy t from 'stdin.csv'\nSELECT 1;";
        assert_eq!(
            pieces(file),
            vec![
                (MetaCommand, "\\copy t from 'stdin.csv'"),
                (Statement, "SELECT 1")
            ]
        );
    }

    fn assert_problem(text: &str, expected: &[&str], message: &str, at: &str) {
        let pieces = split(text);
        assert_valid(text, &pieces);
        let texts: Vec<_> = pieces.iter().map(|p| p.span.slice(text)).collect();
        assert_eq!(texts, expected, "{text:?}");
        let last = pieces.last().and_then(|p| p.problem.as_ref());
        let last = last.unwrap_or_else(|| panic!("no problem in {text:?}"));
        assert_eq!(
            (last.message.as_str(), last.span.slice(text)),
            (message, at),
            "{text:?}"
        );
        assert!(
            pieces.iter().rev().skip(1).all(|p| p.problem.is_none()),
            "{text:?}"
        );
    }

    #[test]
    fn unterminated_quotes_and_comments() {
        let string = "unterminated quoted string";
        assert_problem(
            "SELECT 1; SELECT 'abc;\nx",
            &["SELECT 1", "SELECT 'abc;\nx"],
            string,
            "'abc;\nx",
        );
        assert_problem("SELECT E'a\\';", &["SELECT E'a\\';"], string, "E'a\\';");
        let ident = "unterminated quoted identifier";
        assert_problem("SELECT \"abc; ", &["SELECT \"abc; "], ident, "\"abc; ");
        let dollar = "unterminated dollar-quoted string $fn$";
        assert_problem(
            "DO $fn$ BEGIN END; $$;",
            &["DO $fn$ BEGIN END; $$;"],
            dollar,
            "$fn$ BEGIN END; $$;",
        );
        assert_problem(
            "SELECT $$",
            &["SELECT $$"],
            "unterminated dollar-quoted string $$",
            "$$",
        );
        let comment = "unterminated /* comment";
        assert_problem(
            "SELECT 1 /* a /* b */ c;",
            &["SELECT 1 /* a /* b */ c;"],
            comment,
            "/* a /* b */ c;",
        );
        // With no statement in progress, the comment alone is the piece that carries the problem.
        assert_problem(
            "SELECT 1;\n/* never closed",
            &["SELECT 1", "/* never closed"],
            comment,
            "/* never closed",
        );
    }

    #[test]
    fn crlf_line_endings() {
        let text = "SELECT 1;\r\n-- comment\r\nCREATE TABLE t (\r\n  id int\r\n);\r\n\\c db\r\n";
        assert_eq!(
            pieces(text),
            vec![
                (Statement, "SELECT 1"),
                (Statement, "CREATE TABLE t (\r\n  id int\r\n)"),
                (MetaCommand, "\\c db")
            ]
        );
    }

    #[test]
    fn pg_dump_snippet() {
        let text = "--\n-- PostgreSQL database dump\n--\n\n\\restrict X9abc\n\n-- Dumped from database version 17.6\n\nSET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSELECT pg_catalog.set_config('search_path', '', false);\n\nSET default_tablespace = '';\n\n--\n-- Name: album; Type: TABLE; Schema: public; Owner: -\n--\n\nCREATE TABLE public.album (\n    album_id integer NOT NULL,\n    title character varying(160) NOT NULL,\n    artist_id integer NOT NULL\n);\n\n\nALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_pkey PRIMARY KEY (album_id);\n\nALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES public.artist(artist_id);\n\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict X9abc\n\n";
        assert_eq!(
            pieces(text),
            vec![
                (MetaCommand, "\\restrict X9abc"),
                (Statement, "SET statement_timeout = 0"),
                (Statement, "SET client_encoding = 'UTF8'"),
                (Statement, "SELECT pg_catalog.set_config('search_path', '', false)"),
                (Statement, "SET default_tablespace = ''"),
                (Statement, "CREATE TABLE public.album (\n    album_id integer NOT NULL,\n    title character varying(160) NOT NULL,\n    artist_id integer NOT NULL\n)"),
                (Statement, "ALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_pkey PRIMARY KEY (album_id)"),
                (Statement, "ALTER TABLE ONLY public.album\n    ADD CONSTRAINT album_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES public.artist(artist_id)"),
                (MetaCommand, "\\unrestrict X9abc")
            ]
        );
    }

    #[test]
    fn corpus_splits_cleanly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/postgres");
        if !root.is_dir() {
            println!("note: {} is missing; corpus test skipped", root.display());
            return;
        }
        let mut directories = vec![root];
        let (mut files, mut statements, mut metas, mut problems) = (0, 0, 0, 0);
        while let Some(directory) = directories.pop() {
            let Ok(entries) = std::fs::read_dir(&directory) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    directories.push(path);
                } else if path.extension().is_some_and(|e| e == "sql") {
                    let Ok(bytes) = std::fs::read(&path) else {
                        continue;
                    };
                    let text = String::from_utf8_lossy(&bytes);
                    let pieces = split(&text);
                    assert_valid(&text, &pieces);
                    files += 1;
                    statements += pieces.iter().filter(|p| p.kind == Statement).count();
                    metas += pieces.iter().filter(|p| p.kind == MetaCommand).count();
                    for piece in pieces.iter().filter(|p| p.problem.is_some()) {
                        problems += 1;
                        println!("{}: {:?}", path.display(), piece.problem);
                    }
                }
            }
        }
        println!("corpus: {files} files, {statements} statements, {metas} meta-commands, {problems} problems");
        assert!(files > 0);
    }

    /// Pseudo-random garbage from the characters that matter to the splitter: nothing panics, spans stay valid.
    #[test]
    fn garbage_never_panics() {
        let alphabet: Vec<char> = "'\";$()\\/*-\n\rab1 eE_:&U.x+=\u{e9}\u{1F600}stdin"
            .chars()
            .collect();
        let words = [
            "COPY ",
            " FROM ",
            "stdin",
            "CREATE ",
            "FUNCTION ",
            "BEGIN ",
            "END",
            "CASE ",
            "$a$",
            "\\.",
            "\\copy ",
            "\\\\",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2000 {
            let length = (next() % 120) as usize;
            let mut text = String::new();
            for _ in 0..length {
                let r = next();
                if r % 8 == 0 {
                    text.push_str(words[(r / 8 % words.len() as u64) as usize]);
                } else {
                    text.push(alphabet[(r / 8 % alphabet.len() as u64) as usize]);
                }
            }
            let pieces = split(&text);
            assert_valid(&text, &pieces);
            let mut last = 0;
            for token in tokenize_all(&text) {
                assert!(
                    last <= token.span.start
                        && token.span.start < token.span.end
                        && token.span.end <= text.len()
                );
                last = token.span.end;
            }
        }
    }

    fn tokenize_all(text: &str) -> Vec<Token> {
        crate::lex::tokenize(text)
    }

    #[test]
    fn large_inputs_are_linear() {
        let statement = "CREATE TABLE t (id int REFERENCES u (id)); -- c\n";
        let text = statement.repeat(100_000);
        assert_eq!(split(&text).len(), 100_000);
        for unit in [
            "(",
            ")",
            "\\",
            "\\\\",
            "\\ '",
            "COPY t FROM stdin;",
            "COPY t FROM stdin; x\n",
            "\\copy t from stdin\n",
            "CREATE FUNCTION BEGIN ",
        ] {
            let text = unit.repeat(100_000);
            assert_valid(&text, &split(&text));
        }
    }
}
