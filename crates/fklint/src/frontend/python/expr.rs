//! Logical lines and a small expression reader over the Python tokens: enough to see calls, names, string
//! literals, tuples, lists and dicts, which is all SQLAlchemy models and Alembic operations are made of.
//! Anything else (operators, lambdas, comprehensions) becomes [`Expr::Other`] with its span, skipped whole.

use super::lex::{self, Kind, StrLit, Token};
use crate::source::Span;

/// One logical line: its block depth and its tokens (without the `Newline`).
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub depth: usize,
    pub start: usize,
    pub end: usize,
}

/// Logical lines, with the depth `Indent` / `Dedent` tokens give them.
pub fn logical_lines(tokens: &[Token]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Indent => depth += 1,
            Kind::Dedent => depth = depth.saturating_sub(1),
            Kind::Newline => {
                if let Some(s) = start.take() {
                    lines.push(Line {
                        depth,
                        start: s,
                        end: i,
                    });
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        lines.push(Line {
            depth,
            start: s,
            end: tokens.len(),
        });
    }
    lines
}

/// The lines of the block a line opens (deeper lines right after it).
pub fn block_of(lines: &[Line], at: usize) -> &[Line] {
    let Some(head) = lines.get(at) else {
        return &[];
    };
    let rest = lines.get(at + 1..).unwrap_or(&[]);
    let len = rest.iter().take_while(|l| l.depth > head.depth).count();
    rest.get(..len).unwrap_or(&[])
}

/// One part of a dotted name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// `a`, `sa.Integer`, `Model.id`.
    Name(Vec<Part>),
    /// One or more adjacent literals; `lit` is kept when there is exactly one (spans inside it are exact).
    Str {
        value: String,
        lit: Option<StrLit>,
        span: Span,
    },
    Number(String, Span),
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
        span: Span,
    },
    /// `(a, b)`, `[a, b]`, `{a, b}`; a parenthesised single expression is that expression.
    Seq(Vec<Expr>, Span),
    Dict(Vec<(Expr, Expr)>, Span),
    /// `value[...]`: the subscript's text is kept for annotations like `Mapped[Optional[int]]`.
    Subscript {
        value: Box<Expr>,
        inner: Span,
        span: Span,
    },
    Other(Span),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub keyword: Option<Part>,
    pub value: Expr,
    /// The whole argument, keyword included.
    pub span: Span,
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Name(parts) => match (parts.first(), parts.last()) {
                (Some(a), Some(b)) => a.span.join(b.span),
                _ => Span::default(),
            },
            Expr::Str { span, .. }
            | Expr::Number(_, span)
            | Expr::Call { span, .. }
            | Expr::Seq(_, span)
            | Expr::Dict(_, span)
            | Expr::Subscript { span, .. }
            | Expr::Other(span) => *span,
        }
    }

    /// The last part of a name or of a called name: `Column` for `db.Column(...)`, `Integer` for `sa.Integer`.
    pub fn last_name(&self) -> Option<&str> {
        match self {
            Expr::Name(parts) => parts.last().map(|p| p.text.as_str()),
            Expr::Call { func, .. } => func.last_name(),
            _ => None,
        }
    }

    /// The dotted text of a name: `op.create_table`.
    pub fn dotted(&self) -> Option<String> {
        match self {
            Expr::Name(parts) => Some(
                parts
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("."),
            ),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::Str { value, .. } => Some(value),
            _ => None,
        }
    }

    /// `True` / `False`; other values are `None`.
    pub fn as_bool(&self) -> Option<bool> {
        match self.dotted().as_deref() {
            Some("True") => Some(true),
            Some("False") => Some(false),
            _ => None,
        }
    }

    pub fn is_none_literal(&self) -> bool {
        self.dotted().as_deref() == Some("None")
    }

    /// A call's arguments, when this is a call of a name ending in one of `names`.
    pub fn call_of(&self, names: &[&str]) -> Option<&[Arg]> {
        match self {
            Expr::Call { func, args, .. }
                if func.last_name().is_some_and(|n| names.contains(&n)) =>
            {
                Some(args)
            }
            _ => None,
        }
    }
}

/// The keyword argument `name`, if given.
pub fn keyword<'a>(args: &'a [Arg], name: &str) -> Option<&'a Expr> {
    args.iter()
        .find(|a| a.keyword.as_ref().is_some_and(|k| k.text == name))
        .map(|a| &a.value)
}

/// Positional arguments in order.
pub fn positional(args: &[Arg]) -> impl Iterator<Item = &Expr> {
    args.iter()
        .filter(|a| a.keyword.is_none())
        .map(|a| &a.value)
}

/// Reads expressions from a token slice.
pub struct Reader<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    end: usize,
}

impl<'a> Reader<'a> {
    pub fn new(src: &'a str, tokens: &'a [Token], start: usize, end: usize) -> Self {
        Reader {
            src,
            tokens,
            pos: start,
            end: end.min(tokens.len()),
        }
    }

    pub fn line(src: &'a str, tokens: &'a [Token], line: &Line) -> Self {
        Reader::new(src, tokens, line.start, line.end)
    }

    pub fn peek(&self) -> Option<&'a Token> {
        (self.pos < self.end)
            .then(|| self.tokens.get(self.pos))
            .flatten()
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&'a Token> {
        let at = self.pos + ahead;
        (at < self.end).then(|| self.tokens.get(at)).flatten()
    }

    pub fn at_end(&self) -> bool {
        self.peek().is_none()
    }

    pub fn bump(&mut self) -> Option<&'a Token> {
        let token = self.peek();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    pub fn eat_op(&mut self, op: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is_op(self.src, op));
        if found {
            self.pos += 1;
        }
        found
    }

    pub fn eat_name(&mut self, name: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is_name(self.src, name));
        if found {
            self.pos += 1;
        }
        found
    }

    fn last_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |t| t.span.end)
    }

    fn at_delimiter(&self) -> bool {
        match self.peek() {
            None => true,
            // `with f() as x:` and `except E as e:` end an expression at `as`.
            Some(t) if t.kind == Kind::Name => t.text(self.src) == "as",
            Some(t) => {
                t.kind == Kind::Op
                    && matches!(t.text(self.src), "," | ")" | "]" | "}" | ":" | "=" | "->")
            }
        }
    }

    /// One expression; whatever follows a recognised start up to the next delimiter makes it `Other`.
    pub fn expr(&mut self) -> Expr {
        let Some(first) = self.peek() else {
            return Expr::Other(Span::default());
        };
        let start = first.span.start;
        let expr = self.postfix();
        if self.at_delimiter() {
            return expr;
        }
        while !self.at_delimiter() {
            self.skip_one();
        }
        Expr::Other(Span::new(start, self.last_end()))
    }

    /// One token, or a whole bracketed group.
    fn skip_one(&mut self) {
        let Some(token) = self.bump() else { return };
        let close = match token.text(self.src) {
            "(" => ")",
            "[" => "]",
            "{" => "}",
            _ => return,
        };
        if token.kind != Kind::Op {
            return;
        }
        while let Some(next) = self.peek() {
            if next.is_op(self.src, close) {
                self.pos += 1;
                return;
            }
            self.skip_one();
        }
    }

    fn postfix(&mut self) -> Expr {
        let mut expr = self.primary();
        loop {
            if self.peek().is_some_and(|t| t.is_op(self.src, ".")) {
                let Some(name) = self.peek_at(1).filter(|t| t.kind == Kind::Name) else {
                    break;
                };
                self.pos += 2;
                let part = Part {
                    text: name.text(self.src).to_string(),
                    span: name.span,
                };
                expr = match expr {
                    Expr::Name(mut parts) => {
                        parts.push(part);
                        Expr::Name(parts)
                    }
                    other => Expr::Other(other.span().join(name.span)),
                };
            } else if self.eat_op("(") {
                let args = self.call_args();
                let span = Span::new(expr.span().start, self.last_end());
                expr = Expr::Call {
                    func: Box::new(expr),
                    args,
                    span,
                };
            } else if self.peek().is_some_and(|t| t.is_op(self.src, "[")) {
                let open = self.pos;
                self.skip_one();
                let inner_start = self.tokens.get(open).map_or(0, |t| t.span.end);
                let end = self.last_end();
                expr = Expr::Subscript {
                    span: Span::new(expr.span().start, end),
                    value: Box::new(expr),
                    inner: Span::new(inner_start, end.saturating_sub(1).max(inner_start)),
                };
            } else {
                break;
            }
        }
        expr
    }

    fn primary(&mut self) -> Expr {
        let Some(token) = self.bump() else {
            return Expr::Other(Span::default());
        };
        match token.kind {
            Kind::Name => Expr::Name(vec![Part {
                text: token.text(self.src).to_string(),
                span: token.span,
            }]),
            Kind::Number => Expr::Number(token.text(self.src).to_string(), token.span),
            Kind::Str(lit) => self.strings(token, lit),
            Kind::Op => match token.text(self.src) {
                "(" => self.sequence(token.span.start, ")"),
                "[" => self.sequence(token.span.start, "]"),
                "{" => self.braces(token.span.start),
                "-" if self.peek().is_some_and(|t| t.kind == Kind::Number) => {
                    let number = self.bump().map_or(token.span, |t| t.span);
                    let span = token.span.join(number);
                    Expr::Number(span.slice(self.src).to_string(), span)
                }
                _ => Expr::Other(token.span),
            },
            Kind::Newline | Kind::Indent | Kind::Dedent => Expr::Other(token.span),
        }
    }

    /// Adjacent literals concatenate (`"a" "b"`).
    fn strings(&mut self, first: &Token, lit: StrLit) -> Expr {
        let mut value = lex::value(self.src, &lit);
        let mut span = first.span;
        let mut count = 1;
        while let Some(Kind::Str(next)) = self.peek().map(|t| t.kind) {
            value.push_str(&lex::value(self.src, &next));
            span = span.join(self.bump().map_or(span, |t| t.span));
            count += 1;
        }
        Expr::Str {
            value,
            lit: (count == 1).then_some(lit),
            span,
        }
    }

    /// `(...)` or `[...]` after its opening bracket.
    fn sequence(&mut self, start: usize, close: &str) -> Expr {
        let mut items = Vec::new();
        let mut trailing_comma = false;
        while !self.at_end() && !self.eat_op(close) {
            items.push(self.expr());
            trailing_comma = self.eat_op(",");
            if !trailing_comma {
                self.skip_to(close);
            }
        }
        let span = Span::new(start, self.last_end());
        if close == ")" && items.len() == 1 && !trailing_comma {
            return items.pop().unwrap_or(Expr::Other(span));
        }
        Expr::Seq(items, span)
    }

    /// Skips what is left of an element up to `,` or the closing bracket (not eaten).
    fn skip_to(&mut self, close: &str) {
        while let Some(t) = self.peek() {
            if t.is_op(self.src, ",") || t.is_op(self.src, close) {
                return;
            }
            self.skip_one();
        }
    }

    /// `{k: v, ...}` or `{a, b}` after the `{`.
    fn braces(&mut self, start: usize) -> Expr {
        let mut pairs = Vec::new();
        let mut items = Vec::new();
        while !self.at_end() && !self.eat_op("}") {
            if self.eat_op("**") {
                self.expr();
            } else {
                let key = self.expr();
                if self.eat_op(":") {
                    pairs.push((key, self.expr()));
                } else {
                    items.push(key);
                }
            }
            if !self.eat_op(",") {
                self.skip_to("}");
                self.eat_op(",");
            }
        }
        let span = Span::new(start, self.last_end());
        if items.is_empty() {
            Expr::Dict(pairs, span)
        } else {
            Expr::Seq(items, span)
        }
    }

    /// Arguments after `(` up to and including `)`.
    fn call_args(&mut self) -> Vec<Arg> {
        let mut args = Vec::new();
        while !self.at_end() && !self.eat_op(")") {
            let start = self.peek().map_or(0, |t| t.span.start);
            let keyword = match (self.peek(), self.peek_at(1)) {
                (Some(name), Some(eq)) if name.kind == Kind::Name && eq.is_op(self.src, "=") => {
                    self.pos += 2;
                    Some(Part {
                        text: name.text(self.src).to_string(),
                        span: name.span,
                    })
                }
                _ => None,
            };
            let value = if keyword.is_none() && (self.eat_op("*") || self.eat_op("**")) {
                let inner = self.expr();
                Expr::Other(inner.span())
            } else {
                self.expr()
            };
            args.push(Arg {
                keyword,
                value,
                span: Span::new(start, self.last_end()),
            });
            if !self.eat_op(",") {
                self.skip_to(")");
                self.eat_op(",");
            }
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Expr {
        let tokens = lex::tokenize(src);
        let lines = logical_lines(&tokens);
        let line = lines[0];
        Reader::line(src, &tokens, &line).expr()
    }

    #[test]
    fn calls_with_keywords_strings_and_nested_calls() {
        let src = r#"db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)"#;
        let expr = read(src);
        let args = expr.call_of(&["Column"]).expect("a Column call");
        assert_eq!(args.len(), 3);
        assert_eq!(args[0].value.dotted().as_deref(), Some("db.Integer"));
        let fk = args[1].value.call_of(&["ForeignKey"]).expect("ForeignKey");
        assert_eq!(fk[0].value.as_str(), Some("users.id"));
        assert_eq!(
            keyword(fk, "ondelete").and_then(Expr::as_str),
            Some("CASCADE")
        );
        assert_eq!(
            keyword(args, "nullable").and_then(Expr::as_bool),
            Some(false)
        );
        assert_eq!(expr.span(), Span::new(0, src.len()));
    }

    #[test]
    fn tuples_dicts_and_unknown_expressions() {
        let src =
            r#"(UniqueConstraint("a", "b"), {"schema": "app"}, lambda x: x + 1, a if b else c,)"#;
        let Expr::Seq(items, _) = read(src) else {
            panic!("a tuple")
        };
        assert_eq!(items.len(), 4);
        assert!(items[0].call_of(&["UniqueConstraint"]).is_some());
        assert!(matches!(&items[1], Expr::Dict(pairs, _) if pairs[0].1.as_str() == Some("app")));
    }

    #[test]
    fn blocks_are_the_deeper_lines_after_a_header() {
        let src = "class A(Base):\n    x = 1\n    def f(self):\n        return 2\ny = 3\n";
        let tokens = lex::tokenize(src);
        let lines = logical_lines(&tokens);
        assert_eq!(lines.len(), 5);
        assert_eq!(block_of(&lines, 0).len(), 3);
        assert_eq!(block_of(&lines, 2).len(), 1);
    }
}
