//! The Ruby of `db/schema.rb`, a line at a time: a call (`create_table "x", id: :uuid do |t|`,
//! `t.string "name", null: false`, `add_foreign_key "a", "b", column: "c"`) with its positional and keyword
//! arguments. Hand-written and forgiving: a line it cannot read is a line with no call.

use crate::source::Span;

/// A value of an argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string's value and the span of its body.
    Str(String, Span),
    /// `:cascade`.
    Symbol(String, Span),
    Number(String, Span),
    /// `true`, `false`, `nil`, or another bare name.
    Name(String, Span),
    Array(Vec<Value>, Span),
    /// A hash, a lambda (`-> { ... }`) or anything else that is kept only as text.
    Other(Span),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s, _) | Value::Symbol(s, _) => Some(s),
            _ => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Value::Str(_, span)
            | Value::Symbol(_, span)
            | Value::Number(_, span)
            | Value::Name(_, span)
            | Value::Array(_, span)
            | Value::Other(span) => *span,
        }
    }
}

/// `receiver.method args` on one line.
#[derive(Debug, Clone)]
pub struct Call {
    /// `t` of `t.string`, when there is one.
    pub receiver: Option<String>,
    pub method: String,
    pub positional: Vec<Value>,
    pub keywords: Vec<(String, Value)>,
    /// Ends with `do |t|`.
    pub opens_block: bool,
    /// The whole line, trimmed.
    pub span: Span,
}

impl Call {
    pub fn keyword(&self, key: &str) -> Option<&Value> {
        self.keywords.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// Every line of `src` with its span (without the line break) and the `#` comments.
pub fn lines(src: &str) -> (Vec<Span>, Vec<Span>) {
    let mut lines = Vec::new();
    let mut comments = Vec::new();
    let mut start = 0;
    for line in src.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let span = Span::new(start, start + text.len());
        if let Some(hash) = comment_start(text) {
            comments.push(Span::new(start + hash, span.end));
        }
        lines.push(span);
        start += line.len();
    }
    (lines, comments)
}

/// Where a `#` comment starts on a line, outside strings.
pub fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return Some(i),
            None => {}
        }
    }
    None
}

/// Reads the call on the line at `span`, if it is one.
pub fn call(src: &str, span: Span) -> Option<Call> {
    let text = span.slice(src);
    let code_end = comment_start(text).unwrap_or(text.len());
    let mut reader = Reader {
        src,
        pos: span.start,
        end: span.start + code_end,
    };
    reader.space();
    let start = reader.pos;
    let first = reader.name()?;
    let (receiver, method) = if reader.eat(".") {
        (Some(first), reader.name()?)
    } else {
        (None, first)
    };
    let mut call = Call {
        receiver,
        method,
        positional: Vec::new(),
        keywords: Vec::new(),
        opens_block: false,
        span: Span::new(start, start),
    };
    reader.space();
    let parenthesized = reader.eat("(");
    loop {
        reader.space();
        if reader.at_end() || (parenthesized && reader.eat(")")) {
            break;
        }
        if reader.rest().starts_with("do") && reader.rest()[2..].trim_start().starts_with('|') {
            call.opens_block = true;
            break;
        }
        let before = reader.pos;
        if let Some(key) = reader.keyword_key() {
            reader.space();
            let value = reader.value(0);
            call.keywords.push((key, value));
        } else {
            let value = reader.value(0);
            reader.space();
            // `:unique => true`, the older spelling of `unique: true`.
            match value {
                Value::Symbol(key, _) if reader.eat("=>") => {
                    reader.space();
                    let value = reader.value(0);
                    call.keywords.push((key, value));
                }
                value => call.positional.push(value),
            }
        }
        reader.space();
        reader.eat(",");
        if reader.pos == before {
            break;
        }
    }
    call.span = Span::new(start, reader.end);
    Some(call)
}

struct Reader<'a> {
    src: &'a str,
    pos: usize,
    end: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..self.end).unwrap_or("")
    }

    fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    fn space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, text: &str) -> bool {
        if self.rest().starts_with(text) {
            self.pos += text.len();
            true
        } else {
            false
        }
    }

    fn name(&mut self) -> Option<String> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '?' || c == '!'))
            .unwrap_or(rest.len());
        if len == 0 || rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let name = rest[..len].to_string();
        self.pos += len;
        Some(name)
    }

    /// `key:` (not `::`) before a keyword argument's value.
    fn keyword_key(&mut self) -> Option<String> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let after = &rest[len..];
        if len == 0 || !after.starts_with(':') || after.starts_with("::") {
            return None;
        }
        let key = rest[..len].to_string();
        self.pos += len + 1;
        Some(key)
    }

    fn value(&mut self, depth: usize) -> Value {
        let start = self.pos;
        let rest = self.rest();
        let Some(first) = rest.chars().next() else {
            return Value::Other(Span::new(start, start));
        };
        match first {
            '"' | '\'' => {
                let (value, body, end) = string(rest, first);
                self.pos += end;
                Value::Str(value, body.offset(start))
            }
            ':' if rest[1..].starts_with(|c: char| c.is_alphabetic() || c == '_') => {
                self.pos += 1;
                let name = self.name().unwrap_or_default();
                Value::Symbol(name, Span::new(start, self.pos))
            }
            '[' if depth < 32 => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.space();
                    if self.at_end() || self.eat("]") {
                        break;
                    }
                    let before = self.pos;
                    items.push(self.value(depth + 1));
                    self.space();
                    self.eat(",");
                    if self.pos == before {
                        break;
                    }
                }
                Value::Array(items, Span::new(start, self.pos))
            }
            '{' | '-' => {
                if first == '-' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
                    return self.number(start);
                }
                self.skip_balanced();
                Value::Other(Span::new(start, self.pos))
            }
            c if c.is_ascii_digit() => self.number(start),
            c if c.is_alphabetic() || c == '_' => {
                let mut name = self.name().unwrap_or_default();
                while self.rest().starts_with("::") {
                    self.pos += 2;
                    name.push_str("::");
                    name.push_str(&self.name().unwrap_or_default());
                }
                Value::Name(name, Span::new(start, self.pos))
            }
            _ => {
                self.pos += first.len_utf8();
                Value::Other(Span::new(start, self.pos))
            }
        }
    }

    fn number(&mut self, start: usize) -> Value {
        self.pos += 1;
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(rest.len());
        self.pos += len;
        Value::Number(
            self.src[start..self.pos].replace('_', ""),
            Span::new(start, self.pos),
        )
    }

    /// A lambda or hash: up to the `}` closing its first `{` (strings skipped), or to a `,` before any brace.
    fn skip_balanced(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.rest().chars().next() {
            match c {
                '"' | '\'' => {
                    let (_, _, end) = string(self.rest(), c);
                    self.pos += end;
                    continue;
                }
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                ',' if depth == 0 => return,
                _ => {}
            }
            self.pos += c.len_utf8();
        }
    }
}

/// The value, body span (relative to `text`) and length of the string literal that opens `text`.
fn string(text: &str, quote: char) -> (String, Span, usize) {
    let mut value = String::new();
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        if escaped {
            value.push(match c {
                'n' if quote == '"' => '\n',
                't' if quote == '"' => '\t',
                other => other,
            });
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return (value, Span::new(1, i), i + 1);
        } else {
            value.push(c);
        }
    }
    (value, Span::new(1.min(text.len()), text.len()), text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Call {
        call(line, Span::new(0, line.len())).expect("a call")
    }

    #[test]
    fn schema_lines() {
        let c = read(
            r#"  create_table "accounts", id: :uuid, default: -> { "gen_random_uuid()" }, force: :cascade do |t|"#,
        );
        assert_eq!(c.method, "create_table");
        assert_eq!(c.positional[0].as_str(), Some("accounts"));
        assert_eq!(c.keyword("id").and_then(Value::as_str), Some("uuid"));
        assert_eq!(c.keyword("force").and_then(Value::as_str), Some("cascade"));
        assert!(c.opens_block);
        let c = read(r#"    t.decimal "balance", precision: 19, scale: 4 # money"#);
        assert_eq!(
            (c.receiver.as_deref(), c.method.as_str()),
            (Some("t"), "decimal")
        );
        assert_eq!(
            c.keyword("scale"),
            Some(&Value::Number("4".into(), Span::new(47, 48)))
        );
        let c = read(r#"    add_index :t, :a, :unique => true"#);
        assert_eq!(c.positional.len(), 2);
        assert_eq!(
            c.keyword("unique"),
            Some(&Value::Name("true".into(), Span::new(33, 37)))
        );
        let c = read(r#"    t.index ["a", "b"], name: "ix", unique: true"#);
        assert!(matches!(&c.positional[0], Value::Array(items, _) if items.len() == 2));
    }

    #[test]
    fn broken_lines_terminate() {
        for line in [
            "t.string \"é",
            "create_table(\"x\", [[[",
            "x -> {",
            "add_foreign_key :",
            "a.",
            "\"",
            "[é",
        ] {
            let _ = call(line, Span::new(0, line.len()));
        }
    }
}
