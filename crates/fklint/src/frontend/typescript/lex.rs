//! A TypeScript tokenizer good enough for schema modules: names, strings, template literals, numbers,
//! punctuation; `//` and `/* */` comments are kept apart (directives live there). Regular expression literals
//! are not told apart from division: schema code has none that matter, and a stray `/` only ends a token.

use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Name,
    /// `'...'` / `"..."` / a template literal without `${}`: `body` is the text between the quotes.
    Str {
        body: Span,
        /// The body has no escapes: its text is the value.
        plain: bool,
    },
    /// A template literal with substitutions.
    Template,
    Number,
    Punct,
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
}

/// Multi-character punctuation, longest first.
/// (`->`, `?->` and `::` are PHP's member and static access: the PHP front end reads with this tokenizer too.)
const PUNCTS: &[&str] = &[
    "...", "===", "!==", "?->", "=>", "->", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "::",
];

/// Tokens and comments of `src`; never fails (an unterminated string or comment runs to the end).
pub fn tokenize(src: &str) -> (Vec<Token>, Vec<Span>) {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut comments = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_whitespace() {
            i += 1;
        } else if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(src.len(), |n| i + n);
            comments.push(Span::new(start, i));
        } else if src[i..].starts_with("/*") {
            i = src[i + 2..].find("*/").map_or(src.len(), |n| i + 2 + n + 2);
            comments.push(Span::new(start, i));
        } else if b == b'"' || b == b'\'' || b == b'`' {
            let (end, kind) = string(src, i);
            i = end;
            tokens.push(Token {
                kind,
                span: Span::new(start, i),
            });
        } else if b.is_ascii_digit() {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.' || bytes[i] == b'_')
            {
                i += 1;
            }
            tokens.push(Token {
                kind: Kind::Number,
                span: Span::new(start, i),
            });
        } else if is_name_start(src, i) {
            while i < bytes.len() && is_name_char(src, i) {
                i += char_len(src, i);
            }
            tokens.push(Token {
                kind: Kind::Name,
                span: Span::new(start, i),
            });
        } else {
            let len = PUNCTS
                .iter()
                .find(|p| src[i..].starts_with(**p))
                .map_or_else(|| char_len(src, i), |p| p.len());
            i += len;
            tokens.push(Token {
                kind: Kind::Punct,
                span: Span::new(start, i),
            });
        }
    }
    (tokens, comments)
}

fn char_len(src: &str, i: usize) -> usize {
    src[i..].chars().next().map_or(1, char::len_utf8)
}

fn is_name_start(src: &str, i: usize) -> bool {
    src[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
}

fn is_name_char(src: &str, i: usize) -> bool {
    src[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// The end of the string or template literal opening at `open`, and its kind.
fn string(src: &str, open: usize) -> (usize, Kind) {
    let bytes = src.as_bytes();
    let quote = bytes[open];
    let mut i = open + 1;
    let mut plain = true;
    let mut substitution = false;
    let mut depth = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if depth > 0 {
            // Inside `${ ... }`: count braces, skip nested strings.
            match b {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                b'"' | b'\'' | b'`' => {
                    i = string(src, i).0;
                    continue;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'\\' {
            plain = false;
            i += 1;
            if i < bytes.len() {
                i += char_len(src, i);
            }
            continue;
        }
        if b == quote {
            let body = Span::new(open + 1, i);
            let kind = if substitution {
                Kind::Template
            } else {
                Kind::Str { body, plain }
            };
            return (i + 1, kind);
        }
        if quote == b'`' && b == b'$' && bytes.get(i + 1) == Some(&b'{') {
            substitution = true;
            depth = 1;
            i += 2;
            continue;
        }
        if b == b'\n' && quote != b'`' {
            break; // an unterminated string ends at the line
        }
        i += 1;
    }
    let end = i.min(src.len());
    let end = (end..=src.len())
        .find(|e| src.is_char_boundary(*e))
        .unwrap_or(src.len());
    let body = Span::new((open + 1).min(end), end);
    (end, Kind::Str { body, plain: false })
}

/// The value of a string token: its body, with the common escapes read.
pub fn string_value(src: &str, body: Span, plain: bool) -> String {
    let text = body.slice(src);
    if plain {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_templates_comments_and_punctuation() {
        let src = "const a = pgTable('x\\'y', { b: `t${c}` }) // hi\n/* c */ => ...";
        let (tokens, comments) = tokenize(src);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text(src)).collect();
        assert_eq!(
            texts,
            [
                "const", "a", "=", "pgTable", "(", "'x\\'y'", ",", "{", "b", ":", "`t${c}`", "}",
                ")", "=>", "..."
            ]
        );
        assert_eq!(comments.len(), 2);
        let Kind::Str { body, plain } = tokens[5].kind else {
            panic!("not a string");
        };
        assert_eq!(string_value(src, body, plain), "x'y");
        assert_eq!(tokens[10].kind, Kind::Template);
    }

    #[test]
    fn unterminated_input_stays_on_char_boundaries() {
        for src in ["'abc", "`é${", "/* é", "\"é\\"] {
            let (tokens, _) = tokenize(src);
            for t in tokens {
                assert!(src.is_char_boundary(t.span.start) && src.is_char_boundary(t.span.end));
            }
        }
    }
}
