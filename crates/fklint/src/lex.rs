//! A SQL lexer that slices the text and never re-renders it.
//!
//! It follows PostgreSQL's `scan.l` (and psql's `psqlscan.l`, which splits statements with the same rules). It
//! scans bytes: every byte at or above 0x80 belongs to a word, exactly as in PostgreSQL, and every other token
//! starts and ends at an ASCII byte, so spans always fall on char boundaries.
//!
//! MySQL and SQLite differ in a few lexical rules, applied when the lexer is made for them ([`Lexer::dialect`]):
//! both quote identifiers with backticks (SQLite also with `[...]`) and do not nest `/* */`; MySQL strings take
//! backslash escapes, `"..."` is a string there, `#` starts a line comment, and the text of a versioned comment
//! `/*!40101 ... */` is code (the server runs it), so it is lexed as tokens.

use crate::dialect::Dialect;
use crate::source::Span;

/// What a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Unquoted identifier or keyword.
    Word,
    /// `"..."` (with `""` escapes) or `U&"..."`; in MySQL and SQLite also `` `...` ``, and `[...]` in SQLite.
    QuotedIdent,
    /// `'...'`, `E'...'`, `N'...'`, `B'...'`, `X'...'`, `U&'...'`.
    String,
    /// `$tag$ ... $tag$` (the tag may be empty).
    DollarString,
    /// `42`, `3.14`, `.5`, `1e10`, `0x1F`, `1_000`.
    Number,
    /// `$1`.
    Param,
    /// One of `( ) [ ] , ; . :`.
    Punct,
    /// A run of operator characters, cut as PostgreSQL cuts it (`x=-1` is `=`, `-`); also `::` and `:=`.
    Operator,
    /// A `\` outside quotes: the start of a psql meta-command.
    Backslash,
    /// Any other single char; also an unterminated `/*` comment (with `unterminated` set).
    Unknown,
}

/// One token: its kind and where it is. The text is never copied: use [`Token::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// A string, quoted identifier, dollar string or comment that runs to the end of the text.
    pub unterminated: bool,
    /// The dialect whose lexical rules read it (how its value is decoded, how a name's case is stored).
    pub dialect: Dialect,
}

/// How a database stores the case of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Case {
    /// Folded to lower case: PostgreSQL's unquoted names; every name in SQLite, which compares them without case.
    #[default]
    Fold,
    /// Kept as written: PostgreSQL's quoted names; every name in MySQL (table names are case-sensitive on Linux).
    Keep,
}

impl Token {
    /// The exact slice of `src` under the token.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        self.span.slice(src)
    }

    /// A [`TokenKind::Word`] equal to `keyword`, ignoring ASCII case. Compared as bytes, lengths first (the
    /// readers ask this of nearly every token, often for several keywords): bytes equal to a keyword's, ASCII
    /// case aside, are whole chars of `src`, so this is [`Token::text`]'s comparison without its slicing.
    pub fn is_word(&self, src: &str, keyword: &str) -> bool {
        self.kind == TokenKind::Word
            && self.span.end.wrapping_sub(self.span.start) == keyword.len()
            && src
                .as_bytes()
                .get(self.span.start..self.span.end)
                .is_some_and(|text| text.eq_ignore_ascii_case(keyword.as_bytes()))
    }

    /// How the dialect stores the case of this name (a word or quoted identifier).
    pub fn case(&self) -> Case {
        match (self.dialect, self.kind) {
            (Dialect::MySql, _) | (Dialect::Postgres, TokenKind::QuotedIdent) => Case::Keep,
            _ => Case::Fold,
        }
    }

    /// A [`TokenKind::Punct`] that is `ch`. Punctuation is one ASCII byte: compared as a byte.
    pub fn is_punct(&self, src: &str, ch: char) -> bool {
        self.kind == TokenKind::Punct
            && if ch.is_ascii() {
                self.span.end.wrapping_sub(self.span.start) == 1
                    && src.as_bytes().get(self.span.start) == Some(&(ch as u8))
            } else {
                self.text(src).chars().eq(std::iter::once(ch))
            }
    }
}

/// `tokens` cut at each `separator` outside parentheses (the separators left out); the part after the last
/// separator is included even when empty.
pub fn split_outside_parens<'t>(
    src: &str,
    tokens: &'t [Token],
    separator: char,
) -> Vec<&'t [Token]> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_punct(src, '(') {
            depth += 1;
        } else if token.is_punct(src, ')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && token.is_punct(src, separator) {
            parts.push(&tokens[start..i]);
            start = i + 1;
        }
    }
    parts.push(&tokens[start..]);
    parts
}

/// Tokens of `text`, skipping whitespace and comments (`--` to end of line, nested `/* */`).
pub fn tokenize(text: &str) -> Vec<Token> {
    Lexer::new(text).collect()
}

/// [`tokenize`] with the lexical rules of `dialect`.
pub fn tokenize_in(text: &str, dialect: Dialect) -> Vec<Token> {
    Lexer::new(text).dialect(dialect).collect()
}

/// Every `--` comment of `text[from..to]` (from the `--` to the end of its line, the line break excluded), with
/// offsets in `text`. Found by the lexer, so a `--` inside a string, quoted identifier, dollar-quoted body or
/// block comment is not one.
pub fn line_comments(text: &str, from: usize, to: usize) -> Vec<Span> {
    line_comments_in(text, from, to, Dialect::Postgres)
}

/// [`line_comments`] with the lexical rules of `dialect` (a MySQL `'it\'s'` does not swallow what follows).
pub fn line_comments_in(text: &str, from: usize, to: usize, dialect: Dialect) -> Vec<Span> {
    let limited = text.get(..to).unwrap_or(text);
    let mut lexer = Lexer::at(limited, from).dialect(dialect);
    let mut comments = Vec::new();
    loop {
        // An unterminated `/*` runs to the end: nothing after it is a comment of its own.
        if lexer.skip_trivia_with(|span| comments.push(span)).is_some() || lexer.next().is_none() {
            return comments;
        }
    }
}

/// A lazy tokenizer: the same tokens as [`tokenize`], without allocating.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Inside a run of `+`/`-` that is known to lex as one-char operators up to here. Remembered so that a long
    /// run such as `+-+-+-…` is scanned once, not once per token (which would be quadratic).
    plus_minus_until: usize,
    dialect: Dialect,
    /// Inside a MySQL versioned comment `/*!NNNNN ... */`, whose `*/` is then trivia.
    in_versioned_comment: bool,
    /// Where the versioned comment the lexer is in (or was last in) opened, and where its `*/` ended.
    versioned_opened_at: usize,
    versioned_closed_at: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Lexer::at(text, 0)
    }

    /// A lexer that starts at byte `offset` (moved forward to a char boundary, clamped to the end).
    pub fn at(text: &'a str, offset: usize) -> Self {
        let mut pos = offset.min(text.len());
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        Lexer {
            text,
            bytes: text.as_bytes(),
            pos,
            plus_minus_until: 0,
            dialect: Dialect::Postgres,
            in_versioned_comment: false,
            versioned_opened_at: 0,
            versioned_closed_at: 0,
        }
    }

    /// The same lexer, reading `dialect`'s lexical rules.
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    pub fn current_dialect(&self) -> Dialect {
        self.dialect
    }

    /// Where the MySQL versioned comment the next token is in opened (`/*!50003 CREATE*/`), if it is in one:
    /// a statement starting there starts at the `/*!`, so its text runs on a server as written.
    pub fn open_versioned_comment(&self) -> Option<usize> {
        self.in_versioned_comment
            .then_some(self.versioned_opened_at)
    }

    /// The end of the last `*/` that closed a versioned comment (0 if none did).
    pub fn last_versioned_close(&self) -> usize {
        self.versioned_closed_at
    }

    /// The byte offset where the next token (or the whitespace before it) starts.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// The byte at `i`, or 0 past the end (0 never matches anything the lexer looks for).
    fn byte(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    /// The first index at or after `from` whose byte does not satisfy `keep`, or the end of the text.
    fn scan_while(&self, from: usize, keep: impl Fn(u8) -> bool) -> usize {
        match self.bytes.get(from..) {
            Some(rest) => rest
                .iter()
                .position(|&b| !keep(b))
                .map_or(self.bytes.len(), |k| from + k),
            None => self.bytes.len(),
        }
    }

    /// Skips whitespace and comments. Returns an unterminated-comment token if a `/*` never closes.
    fn skip_trivia(&mut self) -> Option<Token> {
        self.skip_trivia_with(|_| {})
    }

    /// [`Self::skip_trivia`], telling `on_line_comment` the span of every `--` comment it skips.
    fn skip_trivia_with(&mut self, mut on_line_comment: impl FnMut(Span)) -> Option<Token> {
        loop {
            match self.byte(self.pos) {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'-' if self.byte(self.pos + 1) == b'-' && self.starts_line_comment() => {
                    // PostgreSQL ends a `--` comment at either \n or \r.
                    let start = self.pos;
                    self.pos = self.scan_while(self.pos + 2, |b| b != b'\n' && b != b'\r');
                    on_line_comment(Span::new(start, self.pos));
                }
                b'#' if self.dialect == Dialect::MySql => {
                    self.pos = self.scan_while(self.pos + 1, |b| b != b'\n' && b != b'\r');
                }
                b'/' if self.byte(self.pos + 1) == b'*'
                    && self.versioned_comment_start() == Some(true) =>
                {
                    self.in_versioned_comment = true;
                    self.versioned_opened_at = self.pos;
                    let digits = self.pos
                        + if self.byte(self.pos + 2) == b'!' {
                            3
                        } else {
                            4
                        };
                    self.pos = self.scan_while(digits, |b| b.is_ascii_digit());
                }
                b'*' if self.in_versioned_comment && self.byte(self.pos + 1) == b'/' => {
                    self.in_versioned_comment = false;
                    self.pos += 2;
                    self.versioned_closed_at = self.pos;
                }
                b'/' if self.byte(self.pos + 1) == b'*' => {
                    let start = self.pos;
                    if !self.skip_block_comment() {
                        return Some(Token {
                            kind: TokenKind::Unknown,
                            span: Span::new(start, self.bytes.len()),
                            unterminated: true,
                            dialect: self.dialect,
                        });
                    }
                }
                _ => return None,
            }
        }
    }

    /// `--` at `pos` starts a comment; in MySQL only when a space or control character (or the end) follows,
    /// so `1--1` is an expression there.
    fn starts_line_comment(&self) -> bool {
        self.dialect != Dialect::MySql || {
            let after = self.byte(self.pos + 2);
            after == 0 || after <= b' '
        }
    }

    /// Where MySQL and SQLite end a run of operator characters that PostgreSQL would continue: at a backtick
    /// (a quoted name), at MySQL's `#` comment, and at the `*/` that closes a versioned comment.
    fn ends_operator_outside_postgres(&self, i: usize) -> bool {
        match self.byte(i) {
            b'`' => true,
            b'#' => self.dialect == Dialect::MySql,
            b'*' => self.in_versioned_comment && self.byte(i + 1) == b'/',
            _ => false,
        }
    }

    /// `/*!` or `/*M!` (MariaDB's) at `pos` in MySQL: `Some(true)` when the server runs the comment's text,
    /// `Some(false)` for a version no server has (`/*M!999999\- enable the sandbox mode */` is for the
    /// client), `None` when it is no versioned comment.
    fn versioned_comment_start(&self) -> Option<bool> {
        let bang = match (self.byte(self.pos + 2), self.byte(self.pos + 3)) {
            (b'!', _) => self.pos + 3,
            (b'M', b'!') => self.pos + 4,
            _ => return None,
        };
        if self.dialect != Dialect::MySql || self.in_versioned_comment {
            return None;
        }
        let digits = self.scan_while(bang, |b| b.is_ascii_digit());
        // `/*! ... */` without a version always runs; one too long for u64 is one no server has.
        let written = self.text.get(bang..digits)?;
        let version: u64 = if written.is_empty() {
            0
        } else {
            written.parse().unwrap_or(u64::MAX)
        };
        Some(version < 999_999)
    }

    /// Skips a `/* */` comment at `pos`, nested as in PostgreSQL (not in MySQL or SQLite). False when it never
    /// closes.
    fn skip_block_comment(&mut self) -> bool {
        let nests = self.dialect == Dialect::Postgres;
        let len = self.bytes.len();
        let mut depth = 1usize;
        let mut i = self.pos + 2;
        loop {
            i = self.scan_while(i, |b| b != b'*' && b != b'/');
            if i >= len {
                self.pos = len;
                return false;
            }
            match (self.byte(i), self.byte(i + 1)) {
                (b'/', b'*') if nests => {
                    depth += 1;
                    i += 2;
                }
                (b'*', b'/') => {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        self.pos = i;
                        return true;
                    }
                }
                _ => i += 1,
            }
        }
    }

    /// End of a quoted token whose body starts at `from`: `(end, unterminated)`. A doubled quote is part of the
    /// body; with `backslash`, `\` escapes the next byte (E'' strings).
    fn quoted(&self, from: usize, quote: u8, backslash: bool) -> (usize, bool) {
        let len = self.bytes.len();
        let mut i = from;
        loop {
            i = self.scan_while(i, |b| b != quote && !(backslash && b == b'\\'));
            if i >= len {
                return (len, true);
            }
            // A backslash escape, or a doubled quote, is two bytes of the body.
            if self.byte(i) == b'\\' || self.byte(i + 1) == quote {
                i += 2;
            } else {
                return (i + 1, false);
            }
        }
    }

    /// End of the digits (with single `_` separators) starting at `from`.
    fn digits(&self, from: usize) -> usize {
        let mut i = from;
        loop {
            i = self.scan_while(i, |b| b.is_ascii_digit());
            if i > from && self.byte(i) == b'_' && self.byte(i + 1).is_ascii_digit() {
                i += 1;
            } else {
                return i;
            }
        }
    }

    fn number(&self, start: usize) -> usize {
        if self.byte(start) == b'0'
            && matches!(
                self.byte(start + 1),
                b'x' | b'X' | b'o' | b'O' | b'b' | b'B'
            )
            && (self.byte(start + 2).is_ascii_alphanumeric() || self.byte(start + 2) == b'_')
        {
            return self.scan_while(start + 2, |b| b.is_ascii_alphanumeric() || b == b'_');
        }
        let mut i = self.digits(start);
        // `1..10` (PL/pgSQL ranges) is an integer followed by `..`, as in PostgreSQL.
        if self.byte(i) == b'.' && self.byte(i + 1) != b'.' {
            i = self.digits(i + 1);
        }
        if matches!(self.byte(i), b'e' | b'E') {
            let mut j = i + 1;
            if matches!(self.byte(j), b'+' | b'-') {
                j += 1;
            }
            if self.byte(j).is_ascii_digit() {
                i = self.digits(j);
            }
        }
        i
    }

    /// `$1`, `$tag$...$tag$`, or a lone `$`.
    fn dollar(&self, start: usize) -> (TokenKind, usize, bool) {
        if self.byte(start + 1).is_ascii_digit() {
            return (
                TokenKind::Param,
                self.scan_while(start + 1, |b| b.is_ascii_digit()),
                false,
            );
        }
        let mut j = start + 1;
        if is_ident_start(self.byte(j)) {
            j = self.scan_while(j, |b| is_ident_start(b) || b.is_ascii_digit());
        }
        if self.byte(j) != b'$' {
            // PostgreSQL's `dolqfailed`: only the `$` is consumed.
            return (TokenKind::Unknown, start + 1, false);
        }
        let body = j + 1;
        let delimiter = self.text.get(start..body).unwrap_or("$$");
        match self.text.get(body..).and_then(|rest| rest.find(delimiter)) {
            Some(k) => (TokenKind::DollarString, body + k + delimiter.len(), false),
            None => (TokenKind::DollarString, self.bytes.len(), true),
        }
    }

    /// A run of operator characters, cut where a comment starts, and with PostgreSQL's rule that a multi-char
    /// operator cannot end in `+` or `-` unless it holds one of `~!@#^&|?%` or a backquote (so `=-1` is `=`,
    /// `-`, `1`: SQL compatibility).
    fn operator(&mut self, start: usize) -> usize {
        if start < self.plus_minus_until {
            return start + 1;
        }
        let mut i = start;
        let mut qualifying = false;
        let mut trailing_plus_minus = start;
        while is_op_char(self.byte(i)) {
            let b = self.byte(i);
            if i > start && matches!((b, self.byte(i + 1)), (b'/', b'*') | (b'-', b'-')) {
                break;
            }
            if self.dialect != Dialect::Postgres && self.ends_operator_outside_postgres(i) {
                break;
            }
            if matches!(
                b,
                b'~' | b'!' | b'@' | b'#' | b'^' | b'&' | b'|' | b'`' | b'?' | b'%'
            ) {
                qualifying = true;
            }
            i += 1;
            if b != b'+' && b != b'-' {
                trailing_plus_minus = i;
            }
        }
        if i - start > 1 && trailing_plus_minus < i && !qualifying {
            self.plus_minus_until = i;
            return trailing_plus_minus.max(start + 1);
        }
        i
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some(comment) = self.skip_trivia() {
            return Some(comment);
        }
        let start = self.pos;
        let b = *self.bytes.get(start)?;
        let next = self.byte(start + 1);
        let mysql = self.dialect == Dialect::MySql;
        let (kind, end, unterminated) = match b {
            b'\'' => {
                let (end, open) = self.quoted(start + 1, b'\'', mysql);
                (TokenKind::String, end, open)
            }
            b'"' if mysql => {
                let (end, open) = self.quoted(start + 1, b'"', true);
                (TokenKind::String, end, open)
            }
            b'`' if self.dialect != Dialect::Postgres => {
                let (end, open) = self.quoted(start + 1, b'`', false);
                (TokenKind::QuotedIdent, end, open)
            }
            b'[' if self.dialect == Dialect::Sqlite => {
                let end = self.scan_while(start + 1, |c| c != b']');
                let open = end >= self.bytes.len();
                (TokenKind::QuotedIdent, end + usize::from(!open), open)
            }
            b'$' | b'\\' if self.dialect != Dialect::Postgres => {
                (TokenKind::Unknown, start + 1, false)
            }
            b'"' => {
                let (end, open) = self.quoted(start + 1, b'"', false);
                (TokenKind::QuotedIdent, end, open)
            }
            b'e' | b'E' if next == b'\'' => {
                let (end, open) = self.quoted(start + 2, b'\'', true);
                (TokenKind::String, end, open)
            }
            b'n' | b'N' | b'b' | b'B' | b'x' | b'X' if next == b'\'' => {
                // MySQL's national strings take backslash escapes like its other strings.
                let escapes = mysql && matches!(b, b'n' | b'N');
                let (end, open) = self.quoted(start + 2, b'\'', escapes);
                (TokenKind::String, end, open)
            }
            b'u' | b'U' if next == b'&' && matches!(self.byte(start + 2), b'\'' | b'"') => {
                let quote = self.byte(start + 2);
                let (end, open) = self.quoted(start + 3, quote, false);
                let kind = if quote == b'"' {
                    TokenKind::QuotedIdent
                } else {
                    TokenKind::String
                };
                (kind, end, open)
            }
            _ if is_ident_start(b) => (
                TokenKind::Word,
                self.scan_while(start + 1, |c| {
                    is_ident_start(c) || c.is_ascii_digit() || c == b'$'
                }),
                false,
            ),
            b'0'..=b'9' => (TokenKind::Number, self.number(start), false),
            // After a `.`, this is the second half of PostgreSQL's `..` token, not a number like `.5`.
            b'.' if next.is_ascii_digit() && (start == 0 || self.byte(start - 1) != b'.') => {
                (TokenKind::Number, self.number(start), false)
            }
            b'$' => self.dollar(start),
            b'(' | b')' | b'[' | b']' | b',' | b';' | b'.' => (TokenKind::Punct, start + 1, false),
            b':' if next == b':' || next == b'=' => (TokenKind::Operator, start + 2, false),
            b':' => (TokenKind::Punct, start + 1, false),
            b'\\' => (TokenKind::Backslash, start + 1, false),
            _ if is_op_char(b) => (TokenKind::Operator, self.operator(start), false),
            // Every byte >= 0x80 starts a word, so this is a single ASCII byte.
            _ => (TokenKind::Unknown, start + 1, false),
        };
        let end = end.min(self.bytes.len());
        self.pos = end;
        Some(Token {
            kind,
            span: Span::new(start, end),
            unterminated,
            dialect: self.dialect,
        })
    }
}

impl std::iter::FusedIterator for Lexer<'_> {}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_op_char(b: u8) -> bool {
    matches!(
        b,
        b'~' | b'!'
            | b'@'
            | b'#'
            | b'^'
            | b'&'
            | b'|'
            | b'`'
            | b'?'
            | b'+'
            | b'-'
            | b'*'
            | b'/'
            | b'%'
            | b'<'
            | b'>'
            | b'='
    )
}

/// The name a quoted identifier stands for (quotes removed, `""` unescaped, `U&` escapes decoded); for any
/// other token, its text. No case folding.
pub fn ident_text(src: &str, token: &Token) -> String {
    let text = token.text(src);
    if token.kind != TokenKind::QuotedIdent {
        return text.to_string();
    }
    if let Some(close) = match text.as_bytes().first() {
        Some(b'`') => Some('`'),
        Some(b'[') => Some(']'),
        _ => None,
    } {
        let body = text.get(1..).unwrap_or("");
        let body = if token.unterminated {
            body
        } else {
            body.strip_suffix(close).unwrap_or(body)
        };
        return body.replace("``", "`");
    }
    let unicode = text.starts_with("U&") || text.starts_with("u&");
    let body = text.get(if unicode { 3 } else { 1 }..).unwrap_or("");
    let body = if token.unterminated {
        body
    } else {
        body.strip_suffix('"').unwrap_or(body)
    };
    let name = body.replace("\"\"", "\"");
    if unicode {
        decode_unicode_escapes(&name)
    } else {
        name
    }
}

/// The value of a string literal or dollar-quoted string; `None` for any other token.
pub fn string_value(src: &str, token: &Token) -> Option<String> {
    let text = token.text(src);
    match token.kind {
        TokenKind::String if token.dialect == Dialect::MySql => {
            let body = text.get(1..).unwrap_or("");
            let quote = text.get(..1).unwrap_or("'");
            let body = if token.unterminated {
                body
            } else {
                body.strip_suffix(quote).unwrap_or(body)
            };
            Some(decode_backslash_escapes(
                &body.replace(&quote.repeat(2), quote),
            ))
        }
        TokenKind::String => {
            let (prefix, style) = match text.as_bytes().first() {
                Some(b'e' | b'E') => (1, Escapes::Backslash),
                Some(b'u' | b'U') => (2, Escapes::Unicode),
                Some(b'\'') => (0, Escapes::None),
                _ => (1, Escapes::None),
            };
            let body = text.get(prefix + 1..).unwrap_or("");
            let body = if token.unterminated {
                body
            } else {
                body.strip_suffix('\'').unwrap_or(body)
            };
            Some(match style {
                Escapes::None => body.replace("''", "'"),
                Escapes::Unicode => decode_unicode_escapes(&body.replace("''", "'")),
                Escapes::Backslash => decode_backslash_escapes(body),
            })
        }
        TokenKind::DollarString => {
            let tag_len = text
                .get(1..)
                .and_then(|rest| rest.find('$'))
                .map_or(text.len(), |k| k + 2);
            let body = text.get(tag_len..).unwrap_or("");
            let body = if token.unterminated {
                body
            } else {
                body.get(..body.len().saturating_sub(tag_len)).unwrap_or("")
            };
            Some(body.to_string())
        }
        _ => None,
    }
}

enum Escapes {
    None,
    Backslash,
    Unicode,
}

/// The value of up to `max` digits read from `chars`; with `exact`, only if all `max` are there.
fn read_digits(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    radix: u32,
    max: usize,
    exact: bool,
) -> Option<u32> {
    // Read from a copy so that a short escape consumes nothing and is kept as written.
    let mut probe = chars.clone();
    let mut value = 0u32;
    let mut count = 0;
    while count < max {
        match probe.peek().and_then(|c| c.to_digit(radix)) {
            Some(d) => {
                value = value.saturating_mul(radix).saturating_add(d);
                probe.next();
                count += 1;
            }
            None => break,
        }
    }
    if count == 0 || (exact && count < max) {
        return None;
    }
    *chars = probe;
    Some(value)
}

/// A code point, joining a UTF-16 surrogate pair written as two escapes; U+FFFD when it is not a char.
fn push_code_point(out: &mut String, pending_high: &mut Option<u32>, value: u32) {
    if let Some(high) = pending_high.take() {
        if (0xDC00..=0xDFFF).contains(&value) {
            let joined = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00);
            out.push(char::from_u32(joined).unwrap_or('\u{FFFD}'));
            return;
        }
        out.push('\u{FFFD}');
    }
    if (0xD800..=0xDBFF).contains(&value) {
        *pending_high = Some(value);
    } else {
        out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
    }
}

/// `E''` escapes: `\b \f \n \r \t`, octal `\o..\ooo`, hex `\xh..\xhh`, `\uXXXX`, `\UXXXXXXXX`, `\` + any char,
/// and `''`.
fn decode_backslash_escapes(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    let mut high = None;
    while let Some(c) = chars.next() {
        let value = match c {
            '\'' => {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                }
                u32::from('\'')
            }
            '\\' => match chars.next() {
                None => u32::from('\\'),
                Some('b') => 0x08,
                Some('f') => 0x0c,
                Some('n') => u32::from('\n'),
                Some('r') => u32::from('\r'),
                Some('t') => u32::from('\t'),
                Some(d @ '0'..='7') => {
                    let mut value = d.to_digit(8).unwrap_or(0);
                    for _ in 0..2 {
                        match chars.peek().and_then(|c| c.to_digit(8)) {
                            Some(digit) => {
                                value = value * 8 + digit;
                                chars.next();
                            }
                            None => break,
                        }
                    }
                    value
                }
                Some('x') => read_digits(&mut chars, 16, 2, false).unwrap_or(u32::from('x')),
                Some('u') => read_digits(&mut chars, 16, 4, true).unwrap_or(u32::from('u')),
                Some('U') => read_digits(&mut chars, 16, 8, true).unwrap_or(u32::from('U')),
                Some(other) => u32::from(other),
            },
            other => u32::from(other),
        };
        push_code_point(&mut out, &mut high, value);
    }
    if high.is_some() {
        out.push('\u{FFFD}');
    }
    out
}

/// `U&` escapes with the default escape char: `\XXXX`, `\+XXXXXX`, `\\`.
fn decode_unicode_escapes(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    let mut high = None;
    while let Some(c) = chars.next() {
        let value = if c != '\\' {
            u32::from(c)
        } else if chars.peek() == Some(&'\\') {
            chars.next();
            u32::from('\\')
        } else if chars.peek() == Some(&'+') {
            chars.next();
            read_digits(&mut chars, 16, 6, true).unwrap_or(0xFFFD)
        } else {
            read_digits(&mut chars, 16, 4, true).unwrap_or(0xFFFD)
        };
        push_code_point(&mut out, &mut high, value);
    }
    if high.is_some() {
        out.push('\u{FFFD}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation_compare_as_their_text_does() {
        let src = "CREATE tAbLe é.\"x\" (a int, b ::text); -- é\nSELECT $1, créate, :=, [1] é;";
        let keywords = [
            "create", "table", "é", "x", "a", "créate", "select", "", "CREATE",
        ];
        let chars = ['(', ')', ',', ';', '.', ':', '[', ']', 'é', 'x'];
        for token in tokenize(src) {
            for keyword in keywords {
                let slow =
                    token.kind == TokenKind::Word && token.text(src).eq_ignore_ascii_case(keyword);
                assert_eq!(token.is_word(src, keyword), slow, "{token:?} {keyword:?}");
            }
            for ch in chars {
                let slow = token.kind == TokenKind::Punct
                    && token.text(src).chars().eq(std::iter::once(ch));
                assert_eq!(token.is_punct(src, ch), slow, "{token:?} {ch:?}");
            }
        }
    }
    use TokenKind::*;

    fn lex(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .iter()
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    fn only(text: &str) -> Token {
        let tokens = tokenize(text);
        assert_eq!(tokens.len(), 1, "{text:?} -> {tokens:?}");
        tokens[0]
    }

    #[test]
    fn line_comments_skip_quotes_bodies_and_block_comments() {
        let text = "select '-- no' as \"--no\", $$ -- no $$; -- yes 1\r\n/* -- no */ x -- yes 2\n";
        let found: Vec<&str> = line_comments(text, 0, text.len())
            .iter()
            .map(|span| span.slice(text))
            .collect();
        assert_eq!(found, ["-- yes 1", "-- yes 2"]);
        let limited = line_comments(text, 0, text.find("/*").unwrap_or(0));
        assert_eq!(limited.len(), 1);
        assert!(line_comments("/* open -- no", 0, 13).is_empty());
    }

    #[test]
    fn words() {
        assert_eq!(
            lex("select foo_Bar _x a1$b foo$bar Ünïcode naïve"),
            vec![
                (Word, "select"),
                (Word, "foo_Bar"),
                (Word, "_x"),
                (Word, "a1$b"),
                (Word, "foo$bar"),
                (Word, "Ünïcode"),
                (Word, "naïve")
            ]
        );
        // A prefix letter only makes a string at the start of a token.
        assert_eq!(lex("then'x'"), vec![(Word, "then"), (String, "'x'")]);
        assert_eq!(lex("Name"), vec![(Word, "Name")]);
    }

    #[test]
    fn quoted_identifiers() {
        let text = r#""a""b" U&"d\0061t" u&"x" """#;
        assert_eq!(
            lex(text),
            vec![
                (QuotedIdent, r#""a""b""#),
                (QuotedIdent, r#"U&"d\0061t""#),
                (QuotedIdent, r#"u&"x""#),
                (QuotedIdent, r#""""#)
            ]
        );
        let names: Vec<_> = tokenize(text).iter().map(|t| ident_text(text, t)).collect();
        assert_eq!(names, vec![r#"a"b"#, "dat", "x", ""]);
        let word = "MixedCase";
        assert_eq!(ident_text(word, &only(word)), "MixedCase");
    }

    #[test]
    fn strings_and_their_values() {
        let text = r"'it''s' E'a\'b' e'\\' N'n' B'101' X'1F' U&'\0041' 'C:\' x";
        assert_eq!(
            lex(text),
            vec![
                (String, "'it''s'"),
                (String, r"E'a\'b'"),
                (String, r"e'\\'"),
                (String, "N'n'"),
                (String, "B'101'"),
                (String, "X'1F'"),
                (String, r"U&'\0041'"),
                (String, r"'C:\'"),
                (Word, "x")
            ]
        );
        let values: Vec<_> = tokenize(text)
            .iter()
            .map(|t| string_value(text, t))
            .collect();
        assert_eq!(
            values,
            vec![
                Some("it's".into()),
                Some("a'b".into()),
                Some("\\".into()),
                Some("n".into()),
                Some("101".into()),
                Some("1F".into()),
                Some("A".into()),
                Some("C:\\".into()),
                None
            ]
        );
    }

    #[test]
    fn e_string_escapes() {
        let text = r"E'\n\t\r\b\f\101\x41\u00e9\U0001F600\q''x\7'";
        let value = string_value(text, &only(text));
        assert_eq!(value.as_deref(), Some("\n\t\r\u{8}\u{c}AAé😀q'x\u{7}"));
        let pair = r"E'\uD83D\uDE00'";
        assert_eq!(string_value(pair, &only(pair)).as_deref(), Some("😀"));
        let short = r"E'\u12'";
        assert_eq!(string_value(short, &only(short)).as_deref(), Some("u12"));
    }

    #[test]
    fn dollar_quotes_params_and_lone_dollars() {
        let text = "$$a;'b$$ $fn$ x $$ y; $fn$ $1 $23 $tag$x$tag$";
        assert_eq!(
            lex(text),
            vec![
                (DollarString, "$$a;'b$$"),
                (DollarString, "$fn$ x $$ y; $fn$"),
                (Param, "$1"),
                (Param, "$23"),
                (DollarString, "$tag$x$tag$")
            ]
        );
        let values: Vec<_> = tokenize(text)
            .iter()
            .filter_map(|t| string_value(text, t))
            .collect();
        assert_eq!(values, vec!["a;'b", " x $$ y; ", "x"]);
        // Tags are case-sensitive, and a closing candidate with a longer tag does not close.
        assert_eq!(
            lex("$a$ $A$ $ab$ $a$"),
            vec![(DollarString, "$a$ $A$ $ab$ $a$")]
        );
        // Not a dollar quote: `$` inside a word, a failed delimiter, a tag starting with a digit.
        assert_eq!(lex("foo$bar$"), vec![(Word, "foo$bar$")]);
        assert_eq!(
            lex("$abc x"),
            vec![(Unknown, "$"), (Word, "abc"), (Word, "x")]
        );
        assert_eq!(lex("$"), vec![(Unknown, "$")]);
        assert_eq!(lex("$é$body$é$"), vec![(DollarString, "$é$body$é$")]);
    }

    fn lex_in(text: &str, dialect: Dialect) -> Vec<(TokenKind, &str)> {
        Lexer::new(text)
            .dialect(dialect)
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn mysql_lexical_rules() {
        use TokenKind::*;
        assert_eq!(
            lex_in("a=`b c`# comment\n'it\\'s' \"x\\\"y\" /*!40101 SET x=1*/ /*M!999999\\- sandbox */ z", Dialect::MySql),
            [
                (Word, "a"),
                (Operator, "="),
                (QuotedIdent, "`b c`"),
                (String, "'it\\'s'"),
                (String, "\"x\\\"y\""),
                (Word, "SET"),
                (Word, "x"),
                (Operator, "="),
                (Number, "1"),
                (Word, "z"),
            ]
        );
        let tokens = tokenize_in("'it\\'s'", Dialect::MySql);
        assert_eq!(
            string_value("'it\\'s'", &tokens[0]).as_deref(),
            Some("it's")
        );
        // `--` needs a space after it in MySQL; `N'...'` takes backslash escapes; `/*!` alone runs.
        assert_eq!(
            lex_in(
                "1--1 N'a\\'b' /*! x */ /*!99999999999999999999 y */",
                Dialect::MySql
            ),
            [
                (Number, "1"),
                (Operator, "-"),
                (Operator, "-"),
                (Number, "1"),
                (String, "N'a\\'b'"),
                (Word, "x"),
            ]
        );
        // Block comments do not nest outside PostgreSQL.
        assert_eq!(lex_in("/* /* */ x", Dialect::MySql), [(Word, "x")]);
    }

    #[test]
    fn sqlite_lexical_rules() {
        use TokenKind::*;
        let text = "[Album Id] `b` \"C\" $x";
        assert_eq!(
            lex_in(text, Dialect::Sqlite),
            [
                (QuotedIdent, "[Album Id]"),
                (QuotedIdent, "`b`"),
                (QuotedIdent, "\"C\""),
                (Unknown, "$"),
                (Word, "x"),
            ]
        );
        let tokens = tokenize_in(text, Dialect::Sqlite);
        assert_eq!(ident_text(text, &tokens[0]), "Album Id");
        assert_eq!(tokens[2].case(), Case::Fold);
        assert_eq!(tokenize_in("Album", Dialect::MySql)[0].case(), Case::Keep);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            lex("42 3.14 .5 1e10 1.5E-3 0x1F 1_000 5. 0b101 0o17"),
            vec![
                (Number, "42"),
                (Number, "3.14"),
                (Number, ".5"),
                (Number, "1e10"),
                (Number, "1.5E-3"),
                (Number, "0x1F"),
                (Number, "1_000"),
                (Number, "5."),
                (Number, "0b101"),
                (Number, "0o17")
            ]
        );
        assert_eq!(
            lex("1..10"),
            vec![(Number, "1"), (Punct, "."), (Punct, "."), (Number, "10")]
        );
        assert_eq!(lex("1e"), vec![(Number, "1"), (Word, "e")]);
        assert_eq!(lex("t.a"), vec![(Word, "t"), (Punct, "."), (Word, "a")]);
        assert_eq!(lex("1_"), vec![(Number, "1"), (Word, "_")]);
    }

    #[test]
    fn punctuation_and_operators() {
        assert_eq!(
            lex("a::int ( ) [ ] , ; . : := => <> >= ||"),
            vec![
                (Word, "a"),
                (Operator, "::"),
                (Word, "int"),
                (Punct, "("),
                (Punct, ")"),
                (Punct, "["),
                (Punct, "]"),
                (Punct, ","),
                (Punct, ";"),
                (Punct, "."),
                (Punct, ":"),
                (Operator, ":="),
                (Operator, "=>"),
                (Operator, "<>"),
                (Operator, ">="),
                (Operator, "||")
            ]
        );
        // PostgreSQL: a multi-char operator ends in + or - only if it holds one of ~!@#^&|`?%.
        assert_eq!(
            lex("x=-1"),
            vec![(Word, "x"), (Operator, "="), (Operator, "-"), (Number, "1")]
        );
        assert_eq!(
            lex("x@-1"),
            vec![(Word, "x"), (Operator, "@-"), (Number, "1")]
        );
        assert_eq!(
            lex("+-+"),
            vec![(Operator, "+"), (Operator, "-"), (Operator, "+")]
        );
        assert_eq!(
            lex("<=+-"),
            vec![(Operator, "<="), (Operator, "+"), (Operator, "-")]
        );
        // A comment start cuts an operator.
        assert_eq!(
            lex("a+/*c*/b"),
            vec![(Word, "a"), (Operator, "+"), (Word, "b")]
        );
        assert_eq!(
            lex("a*--c\nb"),
            vec![(Word, "a"), (Operator, "*"), (Word, "b")]
        );
        assert_eq!(
            lex("\\ { } \0"),
            vec![
                (Backslash, "\\"),
                (Unknown, "{"),
                (Unknown, "}"),
                (Unknown, "\0")
            ]
        );
    }

    #[test]
    fn comments_are_skipped_and_nest() {
        assert_eq!(lex("a -- x; 'y\nb"), vec![(Word, "a"), (Word, "b")]);
        assert_eq!(lex("a --x\rb"), vec![(Word, "a"), (Word, "b")]);
        assert_eq!(
            lex("a /* x /* y; */ 'z */ b"),
            vec![(Word, "a"), (Word, "b")]
        );
        assert_eq!(
            lex("/*/ x */ c /**/ d /***/ e"),
            vec![(Word, "c"), (Word, "d"), (Word, "e")]
        );
        assert_eq!(lex("a\t\u{b}\u{c}\r\n b"), vec![(Word, "a"), (Word, "b")]);
    }

    #[test]
    fn unterminated_tokens_run_to_the_end() {
        for (text, kind, start) in [
            ("x 'abc", String, 2),
            ("x E'abc\\'", String, 2),
            ("x \"abc", QuotedIdent, 2),
            ("x $q$ abc $Q$", DollarString, 2),
            ("x /* a /* b */", Unknown, 2),
            ("x 'it''", String, 2),
        ] {
            let tokens = tokenize(text);
            let last = tokens.last().copied().unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(
                (last.kind, last.span, last.unterminated),
                (kind, Span::new(start, text.len()), true),
                "{text:?}"
            );
            assert!(tokens[..tokens.len() - 1].iter().all(|t| !t.unterminated));
        }
        let text = "'abc";
        assert_eq!(string_value(text, &only(text)).as_deref(), Some("abc"));
        let text = "\"ab";
        assert_eq!(ident_text(text, &only(text)), "ab");
        let text = "$x$ab";
        assert_eq!(string_value(text, &only(text)).as_deref(), Some("ab"));
    }

    #[test]
    fn helpers() {
        let text = "SELECT ( ;";
        let tokens = tokenize(text);
        assert!(tokens[0].is_word(text, "select"));
        assert!(!tokens[0].is_word(text, "selec"));
        assert!(tokens[1].is_punct(text, '('));
        assert!(!tokens[1].is_punct(text, ')'));
        assert!(tokens[2].is_punct(text, ';'));
        let cast = "a::b";
        assert!(!tokenize(cast)[1].is_punct(cast, ':'));
        assert_eq!(string_value(text, &tokens[0]), None);
    }

    #[test]
    fn lexer_at_offset_and_lazy_iteration_match_tokenize() {
        let text = "é SELECT 'a' -- c\n b";
        assert_eq!(Lexer::new(text).collect::<Vec<_>>(), tokenize(text));
        let from_middle: Vec<_> = Lexer::at(text, 1).map(|t| t.text(text)).collect();
        assert_eq!(from_middle, vec!["SELECT", "'a'", "b"]);
        assert_eq!(Lexer::at(text, 999).next(), None);
        assert_eq!(Lexer::at(text, 5).offset(), 5);
    }

    /// Inputs built to make a careless lexer rescan: each must lex in linear time, so this finishes quickly.
    #[test]
    fn hostile_inputs_are_linear() {
        let n = 200_000;
        for unit in [
            "+-", "/*", "*/", "$a", "$a$", "''", "E'\\", "--\n", "1.", "é", "=-", "\\", "U&\"",
            "((", "-+-",
        ] {
            let text = unit.repeat(n);
            let tokens = tokenize(&text);
            let mut last = 0;
            for token in &tokens {
                assert!(
                    token.span.start >= last
                        && token.span.start < token.span.end
                        && token.span.end <= text.len()
                );
                assert!(
                    text.is_char_boundary(token.span.start)
                        && text.is_char_boundary(token.span.end)
                );
                last = token.span.end;
            }
        }
    }
}
