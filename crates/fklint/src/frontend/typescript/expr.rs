//! A forgiving reader of the TypeScript expressions schema modules are made of: names, member chains, calls,
//! object and array literals, arrow functions, strings and numbers. Type annotations, generic arguments
//! (`$type<T>()`), `as` / `satisfies` / `!` are read past. Anything else becomes [`Expr::Other`] and the reader
//! moves on: it never fails and always advances.

use super::lex::{string_value, Kind, Token};
use crate::source::Span;

#[derive(Debug, Clone)]
pub enum Expr {
    Name(String, Span),
    /// A string value and the span of its body (between the quotes), `exact` when that text is the value.
    Str {
        value: String,
        body: Span,
        exact: bool,
    },
    Number(String, Span),
    Member {
        object: Box<Expr>,
        name: String,
        name_span: Span,
        span: Span,
    },
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
        span: Span,
    },
    Object(Vec<Prop>, Span),
    Array(Vec<Expr>, Span),
    Arrow {
        params: Vec<String>,
        body: Box<Expr>,
        span: Span,
    },
    Other(Span),
}

/// `key: value` in an object literal (`{ key }` is `key: key`; spreads are kept as key `...`).
#[derive(Debug, Clone)]
pub struct Prop {
    pub key: String,
    pub key_span: Span,
    pub value: Expr,
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Name(_, span)
            | Expr::Number(_, span)
            | Expr::Other(span)
            | Expr::Object(_, span)
            | Expr::Array(_, span) => *span,
            Expr::Str { body, .. } => Span::new(body.start.saturating_sub(1), body.end + 1),
            Expr::Member { span, .. } | Expr::Call { span, .. } | Expr::Arrow { span, .. } => *span,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::Str { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&str> {
        match self {
            Expr::Name(name, _) => Some(name),
            _ => None,
        }
    }

    /// The property `key` of an object literal.
    pub fn prop(&self, key: &str) -> Option<&Expr> {
        match self {
            Expr::Object(props, _) => props.iter().find(|p| p.key == key).map(|p| &p.value),
            _ => None,
        }
    }

    /// The elements of an array literal (anything else: itself alone).
    pub fn elements(&self) -> &[Expr] {
        match self {
            Expr::Array(items, _) => items,
            other => std::slice::from_ref(other),
        }
    }

    /// `a.b.c` as `["a", "b", "c"]` with the spans of the parts.
    pub fn path(&self) -> Option<Vec<(&str, Span)>> {
        match self {
            Expr::Name(name, span) => Some(vec![(name.as_str(), *span)]),
            Expr::Member {
                object,
                name,
                name_span,
                ..
            } => {
                let mut path = object.path()?;
                path.push((name.as_str(), *name_span));
                Some(path)
            }
            _ => None,
        }
    }

    /// The function an arrow returns, or the expression itself.
    pub fn returned(&self) -> &Expr {
        match self {
            Expr::Arrow { body, .. } => body,
            other => other,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.as_name()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

/// A method-call chain unrolled, innermost first: `integer("x").notNull().references(f)` is the head call
/// `integer("x")` followed by `notNull()` and `references(f)`.
pub struct Chain<'e> {
    /// The innermost call or name.
    pub head: &'e Expr,
    /// `(method, args, span of this call from the method's name)`, in call order.
    pub calls: Vec<(&'e str, &'e [Expr], Span)>,
}

/// Unrolls `expr` into its chain of method calls (a member without a call is part of the head).
pub fn chain(expr: &Expr) -> Chain<'_> {
    let mut calls = Vec::new();
    let mut at = expr;
    while let Expr::Call { callee, args, span } = at {
        let Expr::Member {
            object,
            name,
            name_span,
            ..
        } = callee.as_ref()
        else {
            break;
        };
        if !matches!(object.as_ref(), Expr::Call { .. }) {
            break;
        }
        let call = Span::new(name_span.start, span.end);
        calls.push((name.as_str(), args.as_slice(), call));
        at = object;
    }
    calls.reverse();
    Chain { head: at, calls }
}

/// Reads expressions from a token slice.
pub struct Reader<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pub pos: usize,
    /// Nesting of the expression being read, so hostile input cannot exhaust the stack.
    depth: usize,
}

const MAX_DEPTH: usize = 200;

impl<'a> Reader<'a> {
    pub fn new(src: &'a str, tokens: &'a [Token]) -> Reader<'a> {
        Reader {
            src,
            tokens,
            pos: 0,
            depth: 0,
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    pub fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.pos).map(|t| t.text(self.src))
    }

    fn peek_at(&self, offset: usize) -> Option<&'a str> {
        self.tokens.get(self.pos + offset).map(|t| t.text(self.src))
    }

    pub fn token(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    pub fn eat(&mut self, text: &str) -> bool {
        if self.peek() == Some(text) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn last_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.span.end)
    }

    fn start(&self) -> usize {
        self.token().map_or(self.src.len(), |t| t.span.start)
    }

    /// Skips to after the bracket that closes the one just passed (`open` at `pos - 1`).
    fn skip_balanced(&mut self) {
        let mut depth = 1usize;
        while let Some(text) = self.peek() {
            self.pos += 1;
            match text {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Skips a type: up to a `,`, `)`, `=`, `;`, `=>` or `}` at bracket depth zero (angle brackets count).
    pub fn skip_type(&mut self) {
        let mut angle = 0usize;
        while let Some(text) = self.peek() {
            match text {
                "(" | "[" | "{" => {
                    self.pos += 1;
                    self.skip_balanced();
                    continue;
                }
                "<" => angle += 1,
                ">" if angle > 0 => angle -= 1,
                "," | ")" | "]" | "}" | ";" | "=" | "=>" if angle == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// One expression (no comma operator); always consumes at least one token when not at the end.
    pub fn expr(&mut self) -> Expr {
        let start_pos = self.pos;
        if self.depth > MAX_DEPTH {
            let start = self.start();
            self.pos += 1;
            return Expr::Other(Span::new(start, self.last_end().max(start)));
        }
        self.depth += 1;
        let mut expr = self.conditional();
        self.depth -= 1;
        if self.pos == start_pos && !self.at_end() {
            self.pos += 1;
            expr = Expr::Other(self.tokens[start_pos].span);
        }
        expr
    }

    /// A postfix expression followed by any binary operators (read past: their value is not a schema's).
    fn conditional(&mut self) -> Expr {
        let first = self.postfix();
        let mut expr = first;
        loop {
            match self.peek() {
                Some("as") | Some("satisfies") => {
                    self.pos += 1;
                    self.skip_type();
                }
                Some(
                    "+" | "-" | "*" | "/" | "%" | "||" | "&&" | "??" | "==" | "===" | "!=" | "!=="
                    | "<" | ">" | "<=" | ">=" | "|" | "&" | "instanceof" | "in",
                ) => {
                    self.pos += 1;
                    let right = self.postfix();
                    expr = Expr::Other(expr.span().join(right.span()));
                }
                Some("?") => {
                    self.pos += 1;
                    let yes = self.expr();
                    self.eat(":");
                    let no = self.expr();
                    expr = Expr::Other(expr.span().join(yes.span()).join(no.span()));
                }
                _ => return expr,
            }
        }
    }

    fn postfix(&mut self) -> Expr {
        let start = self.start();
        let mut expr = self.primary();
        loop {
            match self.peek() {
                // `->`, `?->` and `::`: PHP's member and static access.
                Some("." | "?." | "->" | "?->" | "::") => {
                    self.pos += 1;
                    let Some(token) = self.token().filter(|t| t.kind == Kind::Name) else {
                        break;
                    };
                    self.pos += 1;
                    expr = Expr::Member {
                        object: Box::new(expr),
                        name: token.text(self.src).to_string(),
                        name_span: token.span,
                        span: Span::new(start, token.span.end),
                    };
                }
                Some("(") => {
                    self.pos += 1;
                    let args = self.list(")");
                    expr = Expr::Call {
                        callee: Box::new(expr),
                        args,
                        span: Span::new(start, self.last_end()),
                    };
                }
                Some("<") if self.generic_call_follows() => {
                    self.pos += 1;
                    self.skip_angle();
                }
                Some("!") => self.pos += 1,
                Some("[") => {
                    self.pos += 1;
                    self.skip_balanced();
                    expr = Expr::Other(Span::new(start, self.last_end()));
                }
                Some(text) if text.starts_with('`') => {
                    // A tagged template: sql`...`.
                    self.pos += 1;
                    expr = Expr::Other(Span::new(start, self.last_end()));
                }
                _ => break,
            }
        }
        expr
    }

    /// `<` opens type arguments when its matching `>` is followed by `(` (`$type<T>()`, `customType<{...}>(`).
    fn generic_call_follows(&self) -> bool {
        let mut depth = 0usize;
        for (offset, token) in self.tokens.iter().skip(self.pos).enumerate().take(200) {
            match token.text(self.src) {
                "<" => depth += 1,
                ">" => {
                    depth -= 1;
                    if depth == 0 {
                        return self.peek_at(offset + 1) == Some("(");
                    }
                }
                ";" | "=>" => return false,
                _ => {}
            }
        }
        false
    }

    fn skip_angle(&mut self) {
        let mut depth = 1usize;
        while let Some(text) = self.peek() {
            self.pos += 1;
            match text {
                "<" => depth += 1,
                ">" => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Expressions separated by commas up to `close` (consumed).
    fn list(&mut self, close: &str) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() {
            if self.eat(close) {
                return items;
            }
            if self.eat(",") {
                continue;
            }
            if self.eat("...") {
                let _ = self.expr();
                continue;
            }
            let item = self.expr();
            items.push(item);
            if !matches!(self.peek(), Some(",")) && self.peek() != Some(close) {
                // Something the reader does not know: move to the next item.
                self.skip_to_separator(close);
            }
        }
        items
    }

    fn skip_to_separator(&mut self, close: &str) {
        while let Some(text) = self.peek() {
            if text == "," || text == close {
                return;
            }
            self.pos += 1;
            if matches!(text, "(" | "[" | "{") {
                self.skip_balanced();
            }
        }
    }

    fn primary(&mut self) -> Expr {
        if self.depth > MAX_DEPTH {
            let start = self.start();
            self.pos += 1;
            return Expr::Other(Span::new(start, self.last_end().max(start)));
        }
        self.depth += 1;
        let expr = self.primary_inner();
        self.depth -= 1;
        expr
    }

    fn primary_inner(&mut self) -> Expr {
        let Some(token) = self.token() else {
            return Expr::Other(Span::new(self.src.len(), self.src.len()));
        };
        let text = token.text(self.src);
        match token.kind {
            Kind::Str { body, plain } => {
                self.pos += 1;
                Expr::Str {
                    value: string_value(self.src, body, plain),
                    body,
                    exact: plain,
                }
            }
            Kind::Number => {
                self.pos += 1;
                Expr::Number(text.replace('_', ""), token.span)
            }
            Kind::Template => {
                self.pos += 1;
                Expr::Other(token.span)
            }
            Kind::Name if text == "new" || text == "await" || text == "typeof" => {
                self.pos += 1;
                let inner = self.postfix();
                Expr::Other(token.span.join(inner.span()))
            }
            Kind::Name if self.peek_at(1) == Some("=>") => {
                self.pos += 2;
                self.arrow_body(vec![text.to_string()], token.span.start)
            }
            Kind::Name if text == "function" => {
                self.pos += 1;
                self.function(token.span.start)
            }
            Kind::Name => {
                self.pos += 1;
                Expr::Name(text.to_string(), token.span)
            }
            Kind::Punct => match text {
                "(" => self.paren_or_arrow(),
                "{" => {
                    self.pos += 1;
                    self.object(token.span.start)
                }
                "[" => {
                    self.pos += 1;
                    let items = self.list("]");
                    Expr::Array(items, Span::new(token.span.start, self.last_end()))
                }
                "-" | "!" | "+" | "~" => {
                    self.pos += 1;
                    let inner = self.postfix();
                    match inner {
                        Expr::Number(n, span) if text == "-" => {
                            Expr::Number(format!("-{n}"), token.span.join(span))
                        }
                        other => Expr::Other(token.span.join(other.span())),
                    }
                }
                _ => Expr::Other(token.span),
            },
        }
    }

    /// `(` starts an arrow function's parameters when its matching `)` is followed by `=>` or `:` (a return
    /// type); otherwise a parenthesized expression.
    fn paren_or_arrow(&mut self) -> Expr {
        let start = self.start();
        let open = self.pos;
        self.pos += 1;
        self.skip_balanced();
        let arrow = matches!(self.peek(), Some("=>") | Some(":"));
        if arrow {
            let params = self.params(open + 1, self.pos - 1);
            if self.eat(":") {
                self.skip_type();
            }
            if self.eat("=>") {
                return self.arrow_body(params, start);
            }
            return Expr::Other(Span::new(start, self.last_end()));
        }
        self.pos = open + 1;
        let inner = self.expr();
        self.skip_to_separator(")");
        self.eat(")");
        inner
    }

    /// The parameter names between two token positions: names at depth 0 not after a `:` (types) or `=`.
    fn params(&self, from: usize, to: usize) -> Vec<String> {
        let mut names = Vec::new();
        let mut depth = 0usize;
        let mut in_type = false;
        for token in self.tokens.get(from..to).unwrap_or(&[]) {
            let text = token.text(self.src);
            match text {
                "(" | "[" | "{" | "<" => depth += 1,
                ")" | "]" | "}" | ">" => depth = depth.saturating_sub(1),
                "," if depth == 0 => in_type = false,
                ":" | "=" if depth == 0 => in_type = true,
                _ if depth == 0 && !in_type && token.kind == Kind::Name => {
                    names.push(text.to_string())
                }
                _ => {}
            }
        }
        names
    }

    fn arrow_body(&mut self, params: Vec<String>, start: usize) -> Expr {
        let body = if self.peek() == Some("{") {
            self.pos += 1;
            self.block_return()
        } else {
            self.expr()
        };
        Expr::Arrow {
            params,
            body: Box::new(body),
            span: Span::new(start, self.last_end()),
        }
    }

    /// `function name(params) { ... return x; }`.
    fn function(&mut self, start: usize) -> Expr {
        if self.token().is_some_and(|t| t.kind == Kind::Name) {
            self.pos += 1;
        }
        let mut params = Vec::new();
        if self.eat("(") {
            let open = self.pos;
            self.skip_balanced();
            params = self.params(open, self.pos.saturating_sub(1));
        }
        if self.eat(":") {
            self.skip_type();
        }
        if !self.eat("{") {
            return Expr::Other(Span::new(start, self.last_end()));
        }
        let body = self.block_return();
        Expr::Arrow {
            params,
            body: Box::new(body),
            span: Span::new(start, self.last_end()),
        }
    }

    /// A block after its `{`: the expression of its first top-level `return`, the block skipped to its `}`.
    fn block_return(&mut self) -> Expr {
        let open = self.pos;
        let mut depth = 1usize;
        let mut returned = None;
        while let Some(text) = self.peek() {
            match text {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        break;
                    }
                }
                "return" if depth == 1 && returned.is_none() => {
                    self.pos += 1;
                    returned = Some(self.expr());
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
        let span = self.tokens.get(open).map_or(Span::default(), |t| {
            Span::new(t.span.start, self.last_end())
        });
        returned.unwrap_or(Expr::Other(span))
    }

    /// An object literal after its `{`.
    fn object(&mut self, start: usize) -> Expr {
        let mut props = Vec::new();
        while let Some(token) = self.token() {
            let text = token.text(self.src);
            if text == "}" {
                self.pos += 1;
                break;
            }
            if text == "," {
                self.pos += 1;
                continue;
            }
            if text == "..." {
                self.pos += 1;
                let value = self.expr();
                props.push(Prop {
                    key: "...".into(),
                    key_span: token.span,
                    value,
                });
                continue;
            }
            let key = match token.kind {
                Kind::Name | Kind::Number => Some(text.to_string()),
                Kind::Str { body, plain } => Some(string_value(self.src, body, plain)),
                _ => None,
            };
            let Some(key) = key else {
                // `[computed]: value` or something else: skip the property.
                self.pos += 1;
                if text == "[" {
                    self.skip_balanced();
                }
                self.skip_to_separator("}");
                continue;
            };
            self.pos += 1;
            let value = if self.eat(":") {
                self.expr()
            } else if self.peek() == Some("(") {
                // A method: `name() { ... }`.
                let start = token.span.start;
                self.function_rest(start)
            } else {
                Expr::Name(key.clone(), token.span)
            };
            props.push(Prop {
                key,
                key_span: token.span,
                value,
            });
            if !matches!(self.peek(), Some(",") | Some("}")) {
                self.skip_to_separator("}");
            }
        }
        Expr::Object(props, Span::new(start, self.last_end()))
    }

    fn function_rest(&mut self, start: usize) -> Expr {
        self.function(start)
    }
}

#[cfg(test)]
mod tests {
    use super::super::lex::tokenize;
    use super::*;

    fn read(src: &str) -> Expr {
        let (tokens, _) = tokenize(src);
        Reader::new(src, &tokens).expr()
    }

    #[test]
    fn chains_objects_arrows_and_generics() {
        let src = r#"pgTable("user", { id: varchar({ length: 64 }).$type<Foo>().notNull().references((): AnyPgColumn => users.id, { onDelete: "cascade" }) }, (t) => ({ pk: primaryKey({ columns: [t.a, t.b] }) }))"#;
        let expr = read(src);
        let Expr::Call { args, .. } = &expr else {
            panic!("{expr:?}");
        };
        assert_eq!(args.len(), 3);
        let id = args[1].prop("id").expect("id");
        let c = chain(id);
        let methods: Vec<&str> = c.calls.iter().map(|(m, _, _)| *m).collect();
        assert_eq!(methods, ["$type", "notNull", "references"]);
        let target = c.calls[2].1[0].returned();
        assert_eq!(
            target
                .path()
                .map(|p| p.iter().map(|(n, _)| *n).collect::<Vec<_>>()),
            Some(vec!["users", "id"])
        );
        let Expr::Arrow { params, body, .. } = &args[2] else {
            panic!()
        };
        assert_eq!(params, &["t"]);
        assert!(body.prop("pk").is_some());
    }

    #[test]
    fn hostile_input_terminates() {
        for src in [
            "((((",
            "{{{{[[[",
            "a<b<c<(",
            "=>=>",
            "x ? : y",
            &"(".repeat(5000),
        ] {
            let (tokens, _) = tokenize(src);
            let mut reader = Reader::new(src, &tokens);
            while !reader.at_end() {
                let _ = reader.expr();
            }
        }
    }
}
