//! A cursor over one statement's tokens with the small vocabulary the readers share.

use crate::ident::{Ident, ObjName};
use crate::lex::{self, Token, TokenKind};
use crate::source::Span;

/// Why a reader gave up on a statement, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    pub span: Span,
    /// PostgreSQL's grammar rejects the statement for what was read (not merely text fklint does not follow):
    /// it has no effect, so the names it mentions stay certain.
    pub rejected: bool,
}

pub type ReadResult<T> = Result<T, ReadError>;

pub struct Cursor<'a> {
    pub src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// Where the statement ends, for errors "at the end".
    end_offset: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str, tokens: &'a [Token], end_offset: usize) -> Self {
        Cursor {
            src,
            tokens,
            pos: 0,
            end_offset,
        }
    }

    /// The dialect the statement's tokens were lexed in.
    pub fn dialect(&self) -> crate::dialect::Dialect {
        self.tokens
            .first()
            .map_or_else(Default::default, |t| t.dialect)
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    pub fn peek_nth(&self, n: usize) -> Option<&'a Token> {
        self.tokens.get(self.pos + n)
    }

    pub fn bump(&mut self) -> Option<&'a Token> {
        let token = self.tokens.get(self.pos)?;
        self.pos += 1;
        Some(token)
    }

    /// The span of the token just consumed (or an empty span at the start).
    pub fn previous_span(&self) -> Span {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(Span::new(self.end_offset, self.end_offset), |t| t.span)
    }

    /// Where the next token starts (or the statement's end).
    pub fn next_start(&self) -> usize {
        self.peek().map_or(self.end_offset, |t| t.span.start)
    }

    pub fn is_word(&self, keyword: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(self.src, keyword))
    }

    pub fn is_word_at(&self, n: usize, keyword: &str) -> bool {
        self.peek_nth(n)
            .is_some_and(|t| t.is_word(self.src, keyword))
    }

    pub fn is_any_word(&self, keywords: &[&str]) -> bool {
        keywords.iter().any(|k| self.is_word(k))
    }

    pub fn eat_word(&mut self, keyword: &str) -> bool {
        let found = self.is_word(keyword);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Eats the whole sequence or nothing.
    pub fn eat_words(&mut self, keywords: &[&str]) -> bool {
        let all = keywords
            .iter()
            .enumerate()
            .all(|(i, k)| self.is_word_at(i, k));
        if all {
            self.pos += keywords.len();
        }
        all
    }

    pub fn expect_word(&mut self, keyword: &str) -> ReadResult<Span> {
        if self.eat_word(keyword) {
            Ok(self.previous_span())
        } else {
            Err(self.error(&format!("expected {keyword}")))
        }
    }

    pub fn is_punct(&self, ch: char) -> bool {
        self.peek().is_some_and(|t| t.is_punct(self.src, ch))
    }

    pub fn is_punct_at(&self, n: usize, ch: char) -> bool {
        self.peek_nth(n).is_some_and(|t| t.is_punct(self.src, ch))
    }

    pub fn eat_punct(&mut self, ch: char) -> bool {
        let found = self.is_punct(ch);
        if found {
            self.pos += 1;
        }
        found
    }

    pub fn expect_punct(&mut self, ch: char) -> ReadResult<Span> {
        if self.eat_punct(ch) {
            Ok(self.previous_span())
        } else {
            Err(self.error(&format!("expected `{ch}`")))
        }
    }

    /// Eats an operator token such as `=` or `*`.
    pub fn eat_operator(&mut self, op: &str) -> bool {
        let found = self
            .peek()
            .is_some_and(|t| t.kind == TokenKind::Operator && t.text(self.src) == op);
        if found {
            self.pos += 1;
        }
        found
    }

    /// An error at the next token (or at the end of the statement).
    pub fn error(&self, message: &str) -> ReadError {
        let (found, span) = match self.peek() {
            Some(token) => (
                format!(", found `{}`", shorten(token.text(self.src))),
                token.span,
            ),
            None => (
                ", found the end of the statement".to_string(),
                Span::new(self.end_offset, self.end_offset),
            ),
        };
        ReadError {
            message: format!("{message}{found}"),
            span,
            rejected: false,
        }
    }

    /// An identifier: a word or a quoted identifier, with its case as the dialect stores it.
    pub fn ident(&mut self) -> ReadResult<Ident> {
        match self.peek() {
            Some(token) if matches!(token.kind, TokenKind::Word | TokenKind::QuotedIdent) => {
                self.pos += 1;
                Ok(ident_of(self.src, token))
            }
            _ => Err(self.error("expected a name")),
        }
    }

    pub fn is_ident(&self) -> bool {
        self.peek()
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::QuotedIdent))
    }

    /// `name`, `schema.name` or `database.schema.name` (the database part is dropped).
    pub fn obj_name(&mut self) -> ReadResult<ObjName> {
        let mut parts = vec![self.ident()?];
        while self.is_punct('.')
            && self
                .peek_nth(1)
                .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::QuotedIdent))
        {
            self.pos += 1;
            parts.push(self.ident()?);
        }
        let span = parts[0].span.join(parts[parts.len() - 1].span);
        let name = parts.pop().ok_or_else(|| self.error("expected a name"))?;
        let schema = parts.pop();
        Ok(ObjName { schema, name, span })
    }

    /// `( a, b, c )`.
    pub fn ident_list(&mut self) -> ReadResult<Vec<Ident>> {
        self.expect_punct('(')?;
        let mut names = Vec::new();
        if self.eat_punct(')') {
            return Ok(names);
        }
        loop {
            names.push(self.ident()?);
            if self.eat_punct(',') {
                continue;
            }
            self.expect_punct(')')?;
            return Ok(names);
        }
    }

    /// Skips one token, or a whole parenthesized group when at `(`.
    pub fn skip_one(&mut self) {
        if !self.is_punct('(') && !self.is_punct('[') {
            self.pos += 1;
            return;
        }
        let mut depth = 0usize;
        while let Some(token) = self.bump() {
            if token.is_punct(self.src, '(') || token.is_punct(self.src, '[') {
                depth += 1;
            } else if token.is_punct(self.src, ')') || token.is_punct(self.src, ']') {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
        }
    }

    /// Skips tokens (whole parenthesized groups at a time) until `stop` holds for the next token at this level,
    /// or a `,`/`)` that closes the enclosing list. Returns the span skipped, if any.
    pub fn skip_until(&mut self, stop: impl Fn(&Self) -> bool) -> Option<Span> {
        let start = self.pos;
        while !self.at_end() && !self.is_punct(',') && !self.is_punct(')') && !stop(self) {
            self.skip_one();
        }
        self.span_since(start)
    }

    /// The span from token `start` to the last consumed token.
    pub fn span_since(&self, start: usize) -> Option<Span> {
        if self.pos <= start {
            return None;
        }
        let first = self.tokens.get(start)?.span;
        let last = self.tokens.get(self.pos - 1)?.span;
        Some(first.join(last))
    }

    /// The tokens consumed from token `start` on.
    pub fn consumed_since(&self, start: usize) -> &'a [Token] {
        self.tokens.get(start..self.pos).unwrap_or(&[])
    }

    /// The tokens not yet consumed.
    pub fn rest(&self) -> &'a [Token] {
        self.tokens.get(self.pos..).unwrap_or(&[])
    }
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// The identifier a word or quoted-identifier token stands for.
pub fn ident_of(src: &str, token: &Token) -> Ident {
    let quoted = token.kind == TokenKind::QuotedIdent;
    let mut ident = match (token.case(), token.dialect) {
        // MySQL keeps names up to 64 characters and rejects longer ones; it never truncates.
        (_, crate::dialect::Dialect::MySql) => Ident {
            value: lex::ident_text(src, token),
            quoted,
            span: token.span,
        },
        // A word is its own text: folded straight from the source, without an intermediate copy.
        (lex::Case::Fold, _) if !quoted => Ident::unquoted(token.text(src), token.span),
        (lex::Case::Fold, _) => Ident::unquoted(&lex::ident_text(src, token), token.span),
        (lex::Case::Keep, _) => Ident::quoted_owned(lex::ident_text(src, token), token.span),
    };
    // Whether it was quoted matters for how fix SQL writes it back, not for what it is.
    ident.quoted = quoted;
    ident
}
