//! A Prisma schema read into blocks (`datasource`, `model`, `enum`, ...) of lines: fields with their type and
//! attributes, and block attributes (`@@id`, `@@unique`, `@@map`, ...). Hand-written and forgiving: a line it
//! cannot read is skipped, never a panic.

use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Str,
    Number,
    Punct,
    Newline,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    span: Span,
}

/// Tokens and `//` comments; newlines are tokens (a field is one line).
fn tokenize(src: &str) -> (Vec<Token>, Vec<Span>) {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut comments = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let kind = if b == b'\n' {
            i += 1;
            Kind::Newline
        } else if b.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(src.len(), |n| i + n);
            comments.push(Span::new(start, i));
            continue;
        } else if b == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                i += if bytes[i] == b'\\' && i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                    2
                } else {
                    1
                };
            }
            if i < bytes.len() && bytes[i] == b'"' {
                i += 1;
            }
            Kind::Str
        } else if b.is_ascii_digit()
            || (b == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                i += 1;
            }
            Kind::Number
        } else if b.is_ascii_alphabetic() || b == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            Kind::Name
        } else {
            i += src[i..].chars().next().map_or(1, char::len_utf8);
            Kind::Punct
        };
        tokens.push(Token {
            kind,
            span: Span::new(start, i),
        });
    }
    (tokens, comments)
}

/// A value in an attribute's arguments.
#[derive(Debug, Clone)]
pub enum Value {
    Str(String, Span),
    Number(String, Span),
    /// A name (`Cascade`, `id`), possibly dotted.
    Name(String, Span),
    Array(Vec<Value>, Span),
    /// `now()`, `autoincrement()`, `dbgenerated("...")`, `a(sort: Desc)`.
    Call(String, Vec<Arg>, Span),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s, _) => Some(s),
            _ => None,
        }
    }

    /// A name, or the name of a call (`a(sort: Desc)` in an index's field list is `a`).
    pub fn as_name(&self) -> Option<(&str, Span)> {
        match self {
            Value::Name(n, span) | Value::Call(n, _, span) => Some((n, *span)),
            _ => None,
        }
    }

    pub fn elements(&self) -> &[Value] {
        match self {
            Value::Array(items, _) => items,
            other => std::slice::from_ref(other),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Arg {
    pub name: Option<String>,
    pub value: Value,
}

/// `@name(args)` / `@@name(args)` / `@db.VarChar(255)`.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: String,
    pub args: Vec<Arg>,
    pub span: Span,
}

impl Attribute {
    /// The argument called `name`, or else the positional one at `position`.
    pub fn arg(&self, name: &str, position: Option<usize>) -> Option<&Value> {
        self.args
            .iter()
            .find(|a| a.name.as_deref() == Some(name))
            .or_else(|| position.and_then(|p| self.args.iter().filter(|a| a.name.is_none()).nth(p)))
            .map(|a| &a.value)
    }
}

/// `name Type? @attr ...` in a model, or `KEY = value` in a datasource, or `VALUE` in an enum.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub name_span: Span,
    pub ty: String,
    /// The type and its `?` / `[]`.
    pub ty_span: Span,
    pub optional: bool,
    pub list: bool,
    pub attributes: Vec<Attribute>,
    /// `= value` (datasource and generator settings).
    pub assigned: Option<Value>,
    pub span: Span,
}

impl Field {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

#[derive(Debug, Clone)]
pub struct Block {
    /// `model`, `enum`, `datasource`, `generator`, `view`, `type`.
    pub keyword: String,
    pub name: String,
    pub name_span: Span,
    pub fields: Vec<Field>,
    /// `@@...` lines.
    pub attributes: Vec<Attribute>,
    pub span: Span,
}

impl Block {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn setting(&self, key: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|f| f.name == key)
            .and_then(|f| f.assigned.as_ref())
    }
}

/// The parsed schema: its blocks, its comments, and the lines (for directives).
pub struct Schema {
    pub blocks: Vec<Block>,
    pub comments: Vec<Span>,
    pub lines: Vec<Span>,
}

pub fn parse(src: &str) -> Schema {
    let (tokens, comments) = tokenize(src);
    let mut reader = Reader {
        src,
        tokens: &tokens,
        pos: 0,
    };
    let mut blocks = Vec::new();
    while !reader.at_end() {
        if let Some(block) = reader.block() {
            blocks.push(block);
        }
    }
    let lines = tokens
        .split(|t| t.kind == Kind::Newline)
        .filter_map(|line| Some(line.first()?.span.join(line.last()?.span)))
        .collect();
    Schema {
        blocks,
        comments,
        lines,
    }
}

struct Reader<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
}

impl Reader<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.pos).copied()
    }

    fn text(&self, token: Token) -> &str {
        token.span.slice(self.src)
    }

    fn peek_text(&self) -> &str {
        self.peek().map_or("", |t| t.span.slice(self.src))
    }

    fn eat(&mut self, text: &str) -> bool {
        if self.peek_text() == text && self.peek().is_some_and(|t| t.kind != Kind::Str) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_newlines(&mut self) {
        while self.peek().is_some_and(|t| t.kind == Kind::Newline) {
            self.pos += 1;
        }
    }

    fn skip_line(&mut self) {
        while let Some(t) = self.peek() {
            self.pos += 1;
            if t.kind == Kind::Newline {
                return;
            }
        }
    }

    /// `keyword Name {` ... `}`; anything else is skipped a line at a time.
    fn block(&mut self) -> Option<Block> {
        self.skip_newlines();
        let keyword = self.peek()?;
        if keyword.kind != Kind::Name {
            self.skip_line();
            return None;
        }
        self.pos += 1;
        let name = self.peek().filter(|t| t.kind == Kind::Name);
        let Some(name) = name else {
            self.skip_line();
            return None;
        };
        self.pos += 1;
        if !self.eat("{") {
            self.skip_line();
            return None;
        }
        let mut block = Block {
            keyword: self.text(keyword).to_string(),
            name: self.text(name).to_string(),
            name_span: name.span,
            fields: Vec::new(),
            attributes: Vec::new(),
            span: keyword.span,
        };
        loop {
            self.skip_newlines();
            let Some(token) = self.peek() else { break };
            if self.eat("}") {
                block.span = block.span.join(token.span);
                break;
            }
            if self.peek_text() == "@"
                && self
                    .tokens
                    .get(self.pos + 1)
                    .is_some_and(|t| t.span.slice(self.src) == "@")
            {
                self.pos += 2;
                if let Some(attribute) = self.attribute(token.span.start) {
                    block.attributes.push(attribute);
                }
                self.skip_line();
                continue;
            }
            if let Some(field) = self.field() {
                block.fields.push(field);
            }
            self.skip_line();
        }
        Some(block)
    }

    /// `name Type[?|[]] @attr...` or `KEY = value` or a bare enum value.
    fn field(&mut self) -> Option<Field> {
        let name = self.peek().filter(|t| t.kind == Kind::Name)?;
        self.pos += 1;
        let mut field = Field {
            name: self.text(name).to_string(),
            name_span: name.span,
            ty: String::new(),
            ty_span: name.span,
            optional: false,
            list: false,
            attributes: Vec::new(),
            assigned: None,
            span: name.span,
        };
        if self.eat("=") {
            field.assigned = self.value(0);
            field.span = Span::new(name.span.start, self.last_end());
            return Some(field);
        }
        if let Some(ty) = self.peek().filter(|t| t.kind == Kind::Name) {
            self.pos += 1;
            field.ty = self.text(ty).to_string();
            field.ty_span = ty.span;
            if self.peek_text() == "(" {
                // `Unsupported("...")`.
                self.pos += 1;
                let _ = self.args();
            }
            if self.eat("?") {
                field.optional = true;
            } else if self.peek_text() == "["
                && self
                    .tokens
                    .get(self.pos + 1)
                    .is_some_and(|t| t.span.slice(self.src) == "]")
            {
                self.pos += 2;
                field.list = true;
            }
            field.ty_span = Span::new(ty.span.start, self.last_end());
        }
        while let Some(token) = self.peek() {
            if token.kind == Kind::Newline || self.peek_text() == "}" {
                break;
            }
            if self.eat("@") {
                if let Some(attribute) = self.attribute(token.span.start) {
                    field.attributes.push(attribute);
                }
            } else {
                self.pos += 1;
            }
        }
        field.span = Span::new(name.span.start, self.last_end());
        Some(field)
    }

    fn last_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.span.end)
    }

    /// After `@` / `@@`: `name[.name](args)`.
    fn attribute(&mut self, start: usize) -> Option<Attribute> {
        let first = self.peek().filter(|t| t.kind == Kind::Name)?;
        self.pos += 1;
        let mut name = self.text(first).to_string();
        while self.peek_text() == "." {
            self.pos += 1;
            let part = self.peek().filter(|t| t.kind == Kind::Name)?;
            self.pos += 1;
            name.push('.');
            name.push_str(self.text(part));
        }
        let args = if self.peek_text() == "(" {
            self.pos += 1;
            self.args()
        } else {
            Vec::new()
        };
        Some(Attribute {
            name,
            args,
            span: Span::new(start, self.last_end()),
        })
    }

    /// Arguments after `(` up to `)` (consumed); stops at the end of the line.
    fn args(&mut self) -> Vec<Arg> {
        let mut args = Vec::new();
        while let Some(token) = self.peek() {
            if token.kind == Kind::Newline {
                break;
            }
            if self.eat(")") {
                break;
            }
            if self.eat(",") {
                continue;
            }
            let named = token.kind == Kind::Name
                && self
                    .tokens
                    .get(self.pos + 1)
                    .is_some_and(|t| t.span.slice(self.src) == ":");
            let name = if named {
                self.pos += 2;
                Some(self.text(token).to_string())
            } else {
                None
            };
            match self.value(0) {
                Some(value) => args.push(Arg { name, value }),
                None => self.pos += 1,
            }
        }
        args
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        let token = self.peek()?;
        if depth > 64 {
            return None;
        }
        let text = self.text(token).to_string();
        match token.kind {
            Kind::Str => {
                self.pos += 1;
                let inner = text
                    .strip_prefix('"')
                    .map(|t| t.strip_suffix('"').unwrap_or(t))
                    .unwrap_or(&text)
                    .to_string();
                Some(Value::Str(inner, token.span))
            }
            Kind::Number => {
                self.pos += 1;
                Some(Value::Number(text, token.span))
            }
            Kind::Name => {
                self.pos += 1;
                let mut name = text;
                while self.peek_text() == "." {
                    self.pos += 1;
                    match self.peek().filter(|t| t.kind == Kind::Name) {
                        Some(part) => {
                            self.pos += 1;
                            name.push('.');
                            name.push_str(self.text(part));
                        }
                        None => break,
                    }
                }
                if self.peek_text() == "(" {
                    self.pos += 1;
                    let args = self.args();
                    return Some(Value::Call(name, args, token.span));
                }
                Some(Value::Name(name, token.span))
            }
            Kind::Punct if text == "[" => {
                self.pos += 1;
                let mut items = Vec::new();
                while let Some(t) = self.peek() {
                    if t.kind == Kind::Newline {
                        break;
                    }
                    if self.eat("]") {
                        break;
                    }
                    if self.eat(",") {
                        continue;
                    }
                    match self.value(depth + 1) {
                        Some(item) => items.push(item),
                        None => self.pos += 1,
                    }
                }
                Some(Value::Array(
                    items,
                    Span::new(token.span.start, self.last_end()),
                ))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_fields_attributes() {
        let src = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel Post {\n  id Int @id @default(autoincrement())\n  author User? @relation(\"a\", fields: [authorId], references: [id], onDelete: Cascade)\n  authorId Int? @db.Integer\n  tags Tag[]\n  @@unique([authorId, id(sort: Desc)], map: \"x\")\n  @@map(\"posts\")\n}\n";
        let schema = parse(src);
        assert_eq!(schema.blocks.len(), 2);
        assert_eq!(
            schema.blocks[0].setting("provider").and_then(Value::as_str),
            Some("postgresql")
        );
        let post = &schema.blocks[1];
        assert_eq!(post.fields.len(), 4);
        let author = &post.fields[1];
        assert!(author.optional);
        let relation = author.attribute("relation").expect("relation");
        assert_eq!(
            relation.arg("name", Some(0)).and_then(Value::as_str),
            Some("a")
        );
        assert_eq!(
            relation.arg("fields", None).map(|v| v.elements().len()),
            Some(1)
        );
        assert_eq!(
            post.fields[2].attribute("db.Integer").map(|a| a.args.len()),
            Some(0)
        );
        assert!(post.fields[3].list);
        assert_eq!(
            post.attribute("unique")
                .and_then(|a| a.arg("fields", Some(0)))
                .map(|v| v.elements().len()),
            Some(2)
        );
        assert_eq!(
            post.attribute("map")
                .and_then(|a| a.arg("name", Some(0)))
                .and_then(Value::as_str),
            Some("posts")
        );
    }

    #[test]
    fn broken_input_terminates() {
        for src in [
            "model {",
            "model A { a B @relation(fields: [",
            "@@@",
            "model A {\n x \"é",
            "enum",
        ] {
            let _ = parse(src);
        }
    }
}
