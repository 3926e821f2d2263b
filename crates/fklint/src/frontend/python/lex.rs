//! A Python tokenizer, span-exact and total: every input (bytes that are not Python included) becomes a list of
//! tokens without panicking, so the SQLAlchemy and Alembic readers can look for the few shapes they know and
//! ignore the rest.
//!
//! It follows CPython's `tokenize` where it matters to those readers: string literals of every prefix and
//! quoting, comments, implicit line joining inside brackets, backslash continuations, and `Newline` /
//! `Indent` / `Dedent` tokens for logical lines and blocks. f-strings are read as plain strings (the pre-3.12
//! rule: the same quote cannot appear inside a replacement field), which is enough to skip them.

use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Name,
    Number,
    /// A string literal with its prefix; see [`StrLit`].
    Str(StrLit),
    /// Operators and delimiters (`(`, `=`, `**=`, `->`, ...), and any character Python does not know.
    Op,
    /// The end of a logical line (not emitted inside brackets or for blank lines).
    Newline,
    Indent,
    Dedent,
}

/// What a string literal's prefix said and where its content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrLit {
    pub raw: bool,
    pub bytes: bool,
    pub formatted: bool,
    /// Between the quotes.
    pub body: Span,
    /// The closing quote was found.
    pub terminated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Span,
}

impl Token {
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        self.span.slice(src)
    }

    pub fn is_op(&self, src: &str, op: &str) -> bool {
        self.kind == Kind::Op && self.text(src) == op
    }

    pub fn is_name(&self, src: &str, name: &str) -> bool {
        self.kind == Kind::Name && self.text(src) == name
    }
}

/// Operators longest first, so `**=` wins over `**` and `*`.
const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
];

/// Tokens of a whole Python file; offsets are bytes into `src`.
pub fn tokenize(src: &str) -> Vec<Token> {
    tokenize_with_comments(src).0
}

/// Tokens and the `#` comments (from the `#` to the end of the line, the line break excluded).
pub fn tokenize_with_comments(src: &str) -> (Vec<Token>, Vec<Span>) {
    let mut lexer = Lexer {
        src,
        pos: 0,
        depth: 0,
        indents: vec![0],
        tokens: Vec::new(),
        comments: Vec::new(),
        line_has_tokens: false,
    };
    lexer.run();
    (lexer.tokens, lexer.comments)
}

struct Lexer<'s> {
    src: &'s str,
    pos: usize,
    /// Open brackets: inside them line breaks and indentation do not count.
    depth: usize,
    /// Indentation widths of the open blocks (the first is the module's, 0).
    indents: Vec<usize>,
    tokens: Vec<Token>,
    comments: Vec<Span>,
    /// The current logical line has produced a token (so its end is a `Newline`).
    line_has_tokens: bool,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn push(&mut self, kind: Kind, start: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(start, self.pos),
        });
        if !matches!(kind, Kind::Newline | Kind::Indent | Kind::Dedent) {
            self.line_has_tokens = true;
        }
    }

    fn run(&mut self) {
        self.indentation();
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                '\n' | '\r' => self.line_break(),
                ' ' | '\t' | '\x0c' => self.pos += 1,
                '#' => self.comment(),
                '\\' if self.continues_line() => {}
                '0'..='9' => self.number(start),
                '.' if self
                    .rest()
                    .as_bytes()
                    .get(1)
                    .is_some_and(u8::is_ascii_digit) =>
                {
                    self.number(start)
                }
                '\'' | '"' => self.string(start, start),
                c if is_name_start(c) => self.name_or_prefixed_string(start),
                _ => self.operator(start, c),
            }
        }
        self.finish_line();
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Kind::Dedent, self.pos);
        }
    }

    /// A backslash right before a line break joins the lines.
    fn continues_line(&mut self) -> bool {
        let after = self.rest().get(1..).unwrap_or("");
        let skip = if after.starts_with("\r\n") {
            3
        } else if after.starts_with('\n') || after.starts_with('\r') {
            2
        } else {
            return false;
        };
        self.pos += skip;
        true
    }

    fn skip_to_line_end(&mut self) {
        let rest = self.rest();
        let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        self.pos += len;
    }

    fn comment(&mut self) {
        let start = self.pos;
        self.skip_to_line_end();
        self.comments.push(Span::new(start, self.pos));
    }

    fn line_break(&mut self) {
        let start = self.pos;
        self.pos += if self.rest().starts_with("\r\n") {
            2
        } else {
            1
        };
        if self.depth > 0 {
            return;
        }
        if self.line_has_tokens {
            self.tokens.push(Token {
                kind: Kind::Newline,
                span: Span::new(start, self.pos),
            });
            self.line_has_tokens = false;
        }
        self.indentation();
    }

    /// At the start of a line outside brackets: blank and comment-only lines do not count; otherwise the width
    /// decides on `Indent` / `Dedent` (a tab advances to the next multiple of 8, as CPython does).
    fn indentation(&mut self) {
        loop {
            let mut width = 0usize;
            let mut len = 0usize;
            for c in self.rest().chars() {
                match c {
                    ' ' => width += 1,
                    '\t' => width = (width / 8 + 1) * 8,
                    '\x0c' => width = 0,
                    _ => break,
                }
                len += 1;
            }
            self.pos += len;
            match self.peek() {
                None => return,
                Some('#') => self.comment(),
                Some('\n' | '\r') => {}
                Some('\\') if self.continues_line() => continue,
                Some(_) => {
                    self.set_indent(width);
                    return;
                }
            }
            match self.peek() {
                Some('\n' | '\r') => {
                    self.pos += if self.rest().starts_with("\r\n") {
                        2
                    } else {
                        1
                    };
                }
                _ => return,
            }
        }
    }

    fn set_indent(&mut self, width: usize) {
        let current = self.indents.last().copied().unwrap_or(0);
        if width > current {
            self.indents.push(width);
            self.push(Kind::Indent, self.pos);
            self.line_has_tokens = false;
            return;
        }
        // An inconsistent dedent (to a width no block has) closes blocks down to the next smaller one.
        while self.indents.len() > 1 && self.indents.last().is_some_and(|&w| w > width) {
            self.indents.pop();
            self.push(Kind::Dedent, self.pos);
            self.line_has_tokens = false;
        }
    }

    fn finish_line(&mut self) {
        if self.line_has_tokens {
            self.push(Kind::Newline, self.pos);
            self.line_has_tokens = false;
        }
    }

    fn number(&mut self, start: usize) {
        // `1e+5` but not `0x1e+5`: hex digits have no exponent.
        let hex = self
            .rest()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("0x"));
        let mut prev = '\0';
        let mut len = 0;
        for c in self.rest().chars() {
            let exponent_sign = (c == '+' || c == '-') && matches!(prev, 'e' | 'E') && !hex;
            if !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || exponent_sign) {
                break;
            }
            len += c.len_utf8();
            prev = c;
        }
        self.pos += len;
        self.push(Kind::Number, start);
    }

    fn name_or_prefixed_string(&mut self, start: usize) {
        let len: usize = self
            .rest()
            .chars()
            .take_while(|&c| is_name_continue(c))
            .map(char::len_utf8)
            .sum();
        let word = self.rest().get(..len).unwrap_or("");
        let quote_follows = self
            .rest()
            .get(len..)
            .is_some_and(|r| r.starts_with(['\'', '"']));
        if quote_follows && is_string_prefix(word) {
            self.pos += len;
            self.string(start, self.pos);
        } else {
            self.pos += len;
            self.push(Kind::Name, start);
        }
    }

    /// A string literal whose prefix starts at `start` and whose opening quote is at `quote_at`.
    fn string(&mut self, start: usize, quote_at: usize) {
        let prefix = self
            .src
            .get(start..quote_at)
            .unwrap_or("")
            .to_ascii_lowercase();
        let rest = self.src.get(quote_at..).unwrap_or("");
        let quote = if rest.starts_with("'''") {
            "'''"
        } else if rest.starts_with("\"\"\"") {
            "\"\"\""
        } else if rest.starts_with('\'') {
            "'"
        } else {
            "\""
        };
        let body_start = quote_at + quote.len();
        let (body_end, end, terminated) = scan_string(self.src, body_start, quote);
        self.pos = end;
        let literal = StrLit {
            raw: prefix.contains('r'),
            bytes: prefix.contains('b'),
            formatted: prefix.contains('f'),
            body: Span::new(body_start, body_end),
            terminated,
        };
        self.push(Kind::Str(literal), start);
    }

    fn operator(&mut self, start: usize, c: char) {
        let op_len = OPERATORS
            .iter()
            .find(|op| self.rest().starts_with(**op))
            .map_or(c.len_utf8(), |op| op.len());
        match c {
            '(' | '[' | '{' => self.depth += 1,
            ')' | ']' | '}' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.pos += op_len;
        self.push(Kind::Op, start);
    }
}

/// Finds the closing `quote` from `from`: returns the end of the body, the end of the literal, and whether it
/// was closed. A backslash always escapes the next character (in raw strings too, for finding the end). A
/// one-quote string stops, unterminated, at the end of its line.
fn scan_string(src: &str, from: usize, quote: &str) -> (usize, usize, bool) {
    let rest = src.get(from..).unwrap_or("");
    let single_line = quote.len() == 1;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '\n' | '\r' if single_line => return (from + i, from + i, false),
            _ if rest.get(i..).is_some_and(|r| r.starts_with(quote)) => {
                return (from + i, from + i + quote.len(), true);
            }
            _ => {}
        }
    }
    (src.len(), src.len(), false)
}

fn is_string_prefix(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
    )
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_alphabetic() || (!c.is_ascii() && !c.is_whitespace())
}

fn is_name_continue(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || (!c.is_ascii() && c.is_alphanumeric())
}

/// A string literal's value: escapes decoded (unless raw), or `None` when some escape makes the value differ
/// from the text between the quotes (callers that need exact spans inside the string then give up on them).
pub fn exact_value<'s>(src: &'s str, lit: &StrLit) -> Option<&'s str> {
    let body = lit.body.slice(src);
    (lit.raw || !body.contains('\\')).then_some(body)
}

/// A string literal's value with the common escapes decoded.
pub fn value(src: &str, lit: &StrLit) -> String {
    let body = lit.body.slice(src);
    if lit.raw || !body.contains('\\') {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('\n') | None => {}
            Some(other @ ('\\' | '\'' | '"')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        tokenize(src)
            .iter()
            .map(|t| match t.kind {
                Kind::Name => format!("N:{}", t.text(src)),
                Kind::Number => format!("#:{}", t.text(src)),
                Kind::Str(lit) => format!("S:{}", lit.body.slice(src)),
                Kind::Op => format!("O:{}", t.text(src)),
                Kind::Newline => "NL".into(),
                Kind::Indent => "IN".into(),
                Kind::Dedent => "DE".into(),
            })
            .collect()
    }

    #[test]
    fn strings_of_every_prefix_and_quoting() {
        let src = r#"a = (r'x\'y', b"z", Rb'''q''', F"""m
n""", u'é', fr"{x}", rf'w', BR"v")"#;
        let strs: Vec<String> = kinds(src)
            .into_iter()
            .filter(|k| k.starts_with("S:"))
            .collect();
        assert_eq!(
            strs,
            ["S:x\\'y", "S:z", "S:q", "S:m\nn", "S:é", "S:{x}", "S:w", "S:v"]
        );
        let prefixed = tokenize(src)
            .iter()
            .filter_map(|t| match t.kind {
                Kind::Str(l) => Some((l.raw, l.bytes, l.formatted)),
                _ => None,
            })
            .collect::<Vec<_>>();
        assert_eq!(prefixed[0], (true, false, false));
        assert_eq!(prefixed[2], (true, true, false));
        assert_eq!(prefixed[3], (false, false, true));
    }

    #[test]
    fn blocks_brackets_comments_and_continuations() {
        let src = "class A(B):  # c\n    x = Column(\n        Integer,  # why\n    )\n\n    # only a comment\n    y = 1 + \\\n  2\nz = 0x1F + 1e-3\n";
        assert_eq!(
            kinds(src).join(" "),
            "N:class N:A O:( N:B O:) O:: NL IN N:x O:= N:Column O:( N:Integer O:, O:) NL \
             N:y O:= #:1 O:+ #:2 NL DE N:z O:= #:0x1F O:+ #:1e-3 NL"
        );
    }

    #[test]
    fn operators_longest_first() {
        assert_eq!(
            kinds("a **= b -> c := d ... e").join(" "),
            "N:a O:**= N:b O:-> N:c O::= N:d O:... N:e NL"
        );
    }

    #[test]
    fn nested_blocks_dedent_to_the_module() {
        let src = "def f():\n    if x:\n        pass\ny\n";
        assert_eq!(
            kinds(src).join(" "),
            "N:def N:f O:( O:) O:: NL IN N:if N:x O:: NL IN N:pass NL DE DE N:y NL"
        );
    }

    #[test]
    fn unterminated_strings_stop_at_the_line_or_the_end() {
        let src = "a = 'abc\nb = \"\"\"never";
        let tokens = tokenize(src);
        let unterminated = tokens
            .iter()
            .filter(|t| matches!(t.kind, Kind::Str(l) if !l.terminated))
            .count();
        assert_eq!(unterminated, 2);
    }

    #[test]
    fn escapes_decode_and_exact_values_refuse_them() {
        let src = r#"'a\'b' 'users.id'"#;
        let tokens = tokenize(src);
        let lits: Vec<StrLit> = tokens
            .iter()
            .filter_map(|t| match t.kind {
                Kind::Str(l) => Some(l),
                _ => None,
            })
            .collect();
        assert_eq!(value(src, &lits[0]), "a'b");
        assert_eq!(exact_value(src, &lits[0]), None);
        assert_eq!(exact_value(src, &lits[1]), Some("users.id"));
    }

    /// A small deterministic generator (no dependency): snippets of Python-ish pieces and random bytes.
    fn pseudo_random_inputs() -> Vec<String> {
        const PIECES: &[&str] = &[
            "'",
            "\"",
            "'''",
            "\"\"\"",
            "r",
            "b",
            "f",
            "rb",
            "\\",
            "\n",
            "\r\n",
            "\t",
            "    ",
            "#",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ":",
            "=",
            "**=",
            "1e",
            "+",
            "0x",
            ".",
            "é",
            "class A(B):",
            "Column(",
            "\x0c",
            "\u{200b}",
            "ℌ",
            "\0",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut inputs = Vec::new();
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(next() % 24) {
                let r = next();
                if r % 5 == 0 {
                    let bytes: Vec<u8> = (0..(r % 7)).map(|_| (next() % 256) as u8).collect();
                    text.push_str(&String::from_utf8_lossy(&bytes));
                } else {
                    text.push_str(PIECES[(r as usize / 7) % PIECES.len()]);
                }
            }
            inputs.push(text);
        }
        inputs
    }

    #[test]
    fn never_panics_and_spans_fit_the_text() {
        for input in pseudo_random_inputs() {
            let tokens = tokenize(&input);
            let mut last_end = 0;
            for token in &tokens {
                assert!(token.span.start <= token.span.end, "{input:?}");
                assert!(token.span.end <= input.len(), "{input:?}");
                assert!(input.is_char_boundary(token.span.start), "{input:?}");
                assert!(input.is_char_boundary(token.span.end), "{input:?}");
                assert!(token.span.start >= last_end, "tokens overlap in {input:?}");
                last_end = token.span.end;
                if let Kind::Str(lit) = token.kind {
                    let _ = value(&input, &lit);
                    assert!(
                        input.is_char_boundary(lit.body.start)
                            && input.is_char_boundary(lit.body.end)
                    );
                }
            }
            let indents = tokens.iter().filter(|t| t.kind == Kind::Indent).count();
            let dedents = tokens.iter().filter(|t| t.kind == Kind::Dedent).count();
            assert_eq!(indents, dedents, "{input:?}");
        }
    }
}
