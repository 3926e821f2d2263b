//! Expressions over one row, in an UPDATE's `SET` and in the `WHERE` of an UPDATE or DELETE (`id + 1`,
//! `base1 > 2 OR b IS NULL`, `f BETWEEN 1 AND 3`), read from tokens for the catalog to evaluate on known rows.
//! Only columns, literals (with a one-word cast), `+ - *`, comparisons, `IS [NOT] NULL`, `[NOT] IN (...)`,
//! `[NOT] BETWEEN`, `AND`/`OR`/`NOT` and brackets are read: anything else (a call, a subquery, another operator)
//! makes the reader give up, and the statement keeps its literal reading or its rows become unknown.

use super::values::token_value;
use crate::events::{ArithOp, CompareOp, DataValue, Predicate, RowExpr, Value};
use crate::ident::ObjName;
use crate::lex::{Token, TokenKind};

/// The whole of `tokens` as a condition on rows of `target`.
pub(super) fn predicate(src: &str, tokens: &[Token], target: &ObjName) -> Option<Predicate> {
    let mut reader = Reader::new(src, tokens, target);
    let read = reader.or()?;
    reader.at_end().then_some(read)
}

/// The whole of `tokens` as a value computed from a row of `target`.
pub(super) fn expression(src: &str, tokens: &[Token], target: &ObjName) -> Option<RowExpr> {
    let mut reader = Reader::new(src, tokens, target);
    let read = reader.sum()?;
    reader.at_end().then_some(read)
}

/// Whether an expression reads a column of the row (a literal alone is read by the literal reader).
pub(super) fn reads_row(expr: &RowExpr) -> bool {
    match expr {
        RowExpr::Value(_) => false,
        RowExpr::Column(_) => true,
        RowExpr::Arith(_, left, right) => reads_row(left) || reads_row(right),
        RowExpr::Negate(operand) => reads_row(operand),
    }
}

/// How deep a condition or value may nest before the reader gives up.
const MAX_DEPTH: usize = 32;

/// Words that end an operand: they belong to the condition around it.
const CLAUSE_WORDS: &[&str] = &[
    "and", "or", "not", "is", "in", "between", "null", "true", "false", "default", "select",
];

struct Reader<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    target: &'a ObjName,
    /// How deep brackets, `NOT`s and signs nest where the reader is: past [`MAX_DEPTH`] it gives up (no deep
    /// recursion, and a bracket's two readings stay cheap).
    depth: usize,
}

impl<'a> Reader<'a> {
    fn new(src: &'a str, tokens: &'a [Token], target: &'a ObjName) -> Self {
        Reader {
            src,
            tokens,
            pos: 0,
            target,
            depth: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is_word(self.src, word));
        self.pos += usize::from(found);
        found
    }

    fn eat_kind(&mut self, kind: TokenKind, text: &str) -> bool {
        let found = self
            .peek()
            .is_some_and(|t| t.kind == kind && t.text(self.src) == text);
        self.pos += usize::from(found);
        found
    }

    fn eat_punct(&mut self, punct: &str) -> bool {
        self.eat_kind(TokenKind::Punct, punct)
    }

    fn eat_operator(&mut self, op: &str) -> bool {
        self.eat_kind(TokenKind::Operator, op)
    }

    fn or(&mut self) -> Option<Predicate> {
        self.joined("or", Self::and, Predicate::Or)
    }

    fn and(&mut self) -> Option<Predicate> {
        self.joined("and", Self::not, Predicate::And)
    }

    /// Terms read by `term` and joined by `word`: the term alone, or `join` of them all.
    fn joined(
        &mut self,
        word: &str,
        term: fn(&mut Self) -> Option<Predicate>,
        join: fn(Vec<Predicate>) -> Predicate,
    ) -> Option<Predicate> {
        let mut terms = vec![term(self)?];
        while self.eat_word(word) {
            terms.push(term(self)?);
        }
        Some(if terms.len() == 1 {
            terms.pop()?
        } else {
            join(terms)
        })
    }

    /// `read` one level deeper, unless that is too deep.
    fn nested<T>(&mut self, read: fn(&mut Self) -> Option<T>) -> Option<T> {
        let entry = self.depth;
        let read = self.deeper().and_then(|()| read(self));
        self.depth = entry;
        read
    }

    fn not(&mut self) -> Option<Predicate> {
        self.nested(Self::negation)
    }

    fn negation(&mut self) -> Option<Predicate> {
        if self.eat_word("not") {
            return Some(Predicate::Not(Box::new(self.not()?)));
        }
        self.test()
    }

    /// A bracketed condition, or one test of a value.
    fn test(&mut self) -> Option<Predicate> {
        let start = self.pos;
        if self.eat_punct("(") {
            if let Some(inner) = self.or() {
                if self.eat_punct(")") {
                    return Some(inner);
                }
            }
            // A bracketed value (`(a + 1) > 2`): read again as one.
            self.pos = start;
        }
        let expr = self.sum()?;
        if self.eat_word("is") {
            let negated = self.eat_word("not");
            return self
                .eat_word("null")
                .then_some(Predicate::IsNull { expr, negated });
        }
        let negated = self.eat_word("not");
        if self.eat_word("in") {
            return Some(Predicate::In {
                expr,
                list: self.list()?,
                negated,
            });
        }
        if self.eat_word("between") {
            let low = self.sum()?;
            if !self.eat_word("and") {
                return None;
            }
            let high = self.sum()?;
            return Some(Predicate::Between {
                expr,
                low,
                high,
                negated,
            });
        }
        if negated {
            return None;
        }
        let op = self.compare_op()?;
        Some(Predicate::Compare(op, expr, self.sum()?))
    }

    fn list(&mut self) -> Option<Vec<RowExpr>> {
        if !self.eat_punct("(") {
            return None;
        }
        let mut list = vec![self.sum()?];
        while self.eat_punct(",") {
            list.push(self.sum()?);
        }
        self.eat_punct(")").then_some(list)
    }

    fn compare_op(&mut self) -> Option<CompareOp> {
        let token = self.peek().filter(|t| t.kind == TokenKind::Operator)?;
        let op = match token.text(self.src) {
            "=" => CompareOp::Equal,
            "<>" | "!=" => CompareOp::NotEqual,
            "<" => CompareOp::Less,
            "<=" => CompareOp::LessOrEqual,
            ">" => CompareOp::Greater,
            ">=" => CompareOp::GreaterOrEqual,
            _ => return None,
        };
        self.pos += 1;
        Some(op)
    }

    /// Terms joined by `+` and `-`: each operator nests the tree one level deeper (left-deep), which counts
    /// towards [`MAX_DEPTH`] while the terms after it are read.
    fn sum(&mut self) -> Option<RowExpr> {
        let entry = self.depth;
        let read = self.terms();
        self.depth = entry;
        read
    }

    fn terms(&mut self) -> Option<RowExpr> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat_operator("+") {
                ArithOp::Add
            } else if self.eat_operator("-") {
                ArithOp::Subtract
            } else {
                return Some(left);
            };
            self.deeper()?;
            left = RowExpr::Arith(op, Box::new(left), Box::new(self.product()?));
        }
    }

    /// Factors joined by `*` (see [`Reader::sum`]).
    fn product(&mut self) -> Option<RowExpr> {
        let entry = self.depth;
        let read = self.factors();
        self.depth = entry;
        read
    }

    fn factors(&mut self) -> Option<RowExpr> {
        let mut left = self.factor()?;
        while self.eat_operator("*") {
            self.deeper()?;
            left = RowExpr::Arith(ArithOp::Multiply, Box::new(left), Box::new(self.factor()?));
        }
        Some(left)
    }

    /// One level deeper, unless that is too deep.
    fn deeper(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth < MAX_DEPTH).then_some(())
    }

    fn factor(&mut self) -> Option<RowExpr> {
        self.nested(Self::operand)
    }

    /// A signed or bracketed value, a literal or a column.
    fn operand(&mut self) -> Option<RowExpr> {
        if self.eat_operator("-") {
            return Some(match self.factor()? {
                RowExpr::Value(DataValue {
                    value: Value::Number(n),
                    span,
                }) if !n.starts_with('-') => RowExpr::Value(DataValue {
                    value: Value::Number(format!("-{n}")),
                    span,
                }),
                operand => RowExpr::Negate(Box::new(operand)),
            });
        }
        if self.eat_operator("+") {
            return self.factor();
        }
        if self.eat_punct("(") {
            let inner = self.sum()?;
            return self.eat_punct(")").then_some(inner);
        }
        let token = self.peek()?;
        match token.kind {
            TokenKind::String | TokenKind::DollarString | TokenKind::Number => self.literal(),
            TokenKind::Word
                if ["null", "true", "false"]
                    .iter()
                    .any(|w| token.is_word(self.src, w)) =>
            {
                self.literal()
            }
            TokenKind::Word | TokenKind::QuotedIdent => self.column(),
            _ => None,
        }
    }

    /// A literal token, with an optional one-word cast (`'5'::int`).
    fn literal(&mut self) -> Option<RowExpr> {
        let start = self.pos;
        self.pos += 1;
        if self.eat_operator("::") {
            let ty = self.peek().filter(|t| t.kind == TokenKind::Word)?;
            if CLAUSE_WORDS.iter().any(|w| ty.is_word(self.src, w)) {
                return None;
            }
            self.pos += 1;
        }
        let tokens = &self.tokens[start..self.pos];
        let value = token_value(self.src, tokens);
        if value == Value::Unknown {
            return None;
        }
        let span = tokens.first()?.span.join(tokens.last()?.span);
        Some(RowExpr::Value(DataValue { value, span }))
    }

    /// `column` or `table.column` (the table being the statement's own).
    fn column(&mut self) -> Option<RowExpr> {
        let first = self.peek()?;
        if first.kind == TokenKind::Word && CLAUSE_WORDS.iter().any(|w| first.is_word(self.src, w))
        {
            return None;
        }
        self.pos += 1;
        let mut name = super::cursor::ident_of(self.src, first);
        if self.eat_punct(".") {
            let column = self
                .peek()
                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::QuotedIdent))?;
            if name.value != self.target.name.value {
                return None;
            }
            self.pos += 1;
            name = super::cursor::ident_of(self.src, column);
        }
        // A call (`now()`), a cast of a column or an array subscript: not read.
        let next_is = |kind: TokenKind, text: &str| {
            self.peek()
                .is_some_and(|t| t.kind == kind && t.text(self.src) == text)
        };
        if next_is(TokenKind::Punct, "(")
            || next_is(TokenKind::Operator, "::")
            || next_is(TokenKind::Punct, "[")
        {
            return None;
        }
        Some(RowExpr::Column(name))
    }
}

#[cfg(test)]
mod tests {
    use super::{expression, predicate};
    use crate::events::{ArithOp, CompareOp, Predicate, RowExpr};
    use crate::ident::{Ident, ObjName};
    use crate::lex::Lexer;
    use crate::source::Span;

    fn target() -> ObjName {
        ObjName::unqualified(Ident::unquoted("t", Span::new(0, 0)))
    }

    fn tokens(src: &str) -> Vec<crate::lex::Token> {
        Lexer::new(src).collect()
    }

    #[test]
    fn reads_arithmetic_with_precedence() {
        let src = "a + b * -2";
        let Some(RowExpr::Arith(ArithOp::Add, left, right)) =
            expression(src, &tokens(src), &target())
        else {
            panic!("not a sum");
        };
        assert!(matches!(*left, RowExpr::Column(ref c) if c.value == "a"));
        assert!(matches!(*right, RowExpr::Arith(ArithOp::Multiply, _, _)));
    }

    #[test]
    fn reads_conditions_with_and_binding_tighter_than_or() {
        let src = "a > 2 OR t.b IS NOT NULL AND c NOT IN (1, 2)";
        let Some(Predicate::Or(terms)) = predicate(src, &tokens(src), &target()) else {
            panic!("not an OR");
        };
        assert!(matches!(
            terms[0],
            Predicate::Compare(CompareOp::Greater, _, _)
        ));
        assert!(matches!(&terms[1], Predicate::And(inner) if inner.len() == 2));
        let src = "(a + 1) BETWEEN 1 AND 3 AND NOT (b <> 'x')";
        assert!(matches!(
            predicate(src, &tokens(src), &target()),
            Some(Predicate::And(_))
        ));
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        for src in [
            "now() > a",
            "a = (SELECT 1)",
            "a::text = 'x'",
            "other.a = 1",
            "a / 2 = 1",
            "a LIKE 'x%'",
            "a =",
            &format!("{}a{} = 1", "(".repeat(40), ")".repeat(40)),
            &format!("{}a = 1", "NOT ".repeat(40)),
            &format!("a{} = 1", " + 1".repeat(40)),
            &format!("a{} = 1", " * 1".repeat(40)),
        ] {
            assert_eq!(predicate(src, &tokens(src), &target()), None, "{src}");
        }
    }
}
