//! Everything fklint asks sqlparser (only in a build with the `sqlparser` feature; [`super::judge`] is the one
//! caller): whether a statement no reader claims parses at all, and the rows of an INSERT beyond fklint's own
//! reader, read from sqlparser's AST. No fix edits a value, so byte-exact spans matter less here than a full
//! expression grammar.

use sqlparser::ast::{
    self, AssignmentTarget, ConflictTarget, Expr, OnConflictAction, OnInsert, SetExpr, SetOperator,
    SetQuantifier, Statement, UnaryOperator,
};
use sqlparser::dialect::{
    Dialect as SqlparserDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect,
};
use sqlparser::parser::Parser;

use crate::dialect::Dialect;
use crate::events::{DataRow, DataValue, InsertRows, OnConflict, Value};
use crate::ident::{Ident, ObjName};
use crate::source::Span;

/// Whether sqlparser parses `text` in the dialect; its error when it does not.
pub(super) fn parses(text: &str, dialect: Dialect) -> Result<(), String> {
    Parser::parse_sql(sqlparser_dialect(dialect).as_ref(), text)
        .map(|_| ())
        .map_err(|error| error.to_string())
}

/// The rows of `INSERT` statement `text` (at `base` in its source) into `target`, from sqlparser's AST; `None`
/// when sqlparser rejects it or its rows are not literal.
pub(super) fn insert_rows(
    text: &str,
    base: usize,
    dialect: Dialect,
    target: &ObjName,
) -> Option<InsertRows> {
    let statements = Parser::parse_sql(sqlparser_dialect(dialect).as_ref(), text).ok()?;
    let [Statement::Insert(insert)] = statements.as_slice() else {
        return None;
    };
    let mut positions = Positions::new(text, base);
    read_insert(insert, target, text, &mut positions)
}

fn read_insert(
    insert: &ast::Insert,
    target: &ObjName,
    text: &str,
    positions: &mut Positions,
) -> Option<InsertRows> {
    if !insert.assignments.is_empty()
        || insert.on.is_some() && !matches!(insert.on, Some(OnInsert::OnConflict(_)))
    {
        return None;
    }
    let columns = if insert.columns.is_empty() {
        None
    } else {
        Some(
            insert
                .columns
                .iter()
                .map(|c| c.0.last().and_then(|p| p.as_ident()).map(ident))
                .collect::<Option<Vec<Ident>>>()?,
        )
    };
    let rows = match &insert.source {
        // INSERT ... DEFAULT VALUES
        None => {
            if columns.is_some() {
                return None;
            }
            return Some(InsertRows {
                table: target.clone(),
                columns: Some(Vec::new()),
                rows: vec![DataRow {
                    values: Vec::new(),
                    span: target.span,
                }],
                on_conflict: on_conflict(insert, text, positions)?,
            });
        }
        Some(query) => {
            if query.with.is_some()
                || query.order_by.is_some()
                || query.limit_clause.is_some()
                || query.fetch.is_some()
            {
                return None;
            }
            let mut rows = Vec::new();
            collect_rows(&query.body, positions, &mut rows)?;
            rows
        }
    };
    Some(InsertRows {
        table: target.clone(),
        columns,
        rows,
        on_conflict: on_conflict(insert, text, positions)?,
    })
}

/// `VALUES (...), ...`, `SELECT literals`, and `UNION ALL` of those.
fn collect_rows(body: &SetExpr, positions: &mut Positions, rows: &mut Vec<DataRow>) -> Option<()> {
    match body {
        SetExpr::Values(values) => {
            for row in &values.rows {
                rows.push(data_row(row.content.iter(), positions));
            }
            Some(())
        }
        SetExpr::Select(select) => {
            let plain = select.from.is_empty()
                && select.selection.is_none()
                && select.having.is_none()
                && select.distinct.is_none()
                && select.into.is_none()
                && matches!(&select.group_by, ast::GroupByExpr::Expressions(e, m) if e.is_empty() && m.is_empty());
            if !plain {
                return None;
            }
            let exprs: Option<Vec<&Expr>> = select
                .projection
                .iter()
                .map(|item| match item {
                    ast::SelectItem::UnnamedExpr(e)
                    | ast::SelectItem::ExprWithAlias { expr: e, .. } => Some(e),
                    _ => None,
                })
                .collect();
            rows.push(data_row(exprs?.into_iter(), positions));
            Some(())
        }
        SetExpr::SetOperation {
            left,
            op: SetOperator::Union,
            set_quantifier: SetQuantifier::All,
            right,
        } => {
            collect_rows(left, positions, rows)?;
            collect_rows(right, positions, rows)
        }
        _ => None,
    }
}

fn data_row<'e>(exprs: impl Iterator<Item = &'e Expr>, positions: &mut Positions) -> DataRow {
    let values: Vec<DataValue> = exprs
        .map(|e| DataValue {
            value: value(e),
            span: positions.span(literal_span(e)),
        })
        .collect();
    let span = match (values.first(), values.last()) {
        (Some(a), Some(b)) => a.span.join(b.span),
        _ => Span::default(),
    };
    DataRow { values, span }
}

/// Where a literal is written. Only literals (and casts of them) are located: findings point at known values
/// only, and `Spanned::span()` would walk whole expressions. Other expressions get an empty span.
fn literal_span(expr: &Expr) -> sqlparser::tokenizer::Span {
    match expr {
        Expr::Value(v) => v.span,
        Expr::Cast { expr, .. } | Expr::Nested(expr) => literal_span(expr),
        _ => sqlparser::tokenizer::Span::empty(),
    }
}

fn value(expr: &Expr) -> Value {
    match expr {
        Expr::Value(v) => match &v.value {
            ast::Value::Number(n, _) => Value::Number(n.to_string()),
            ast::Value::SingleQuotedString(s) | ast::Value::EscapedStringLiteral(s) => {
                Value::Str(s.clone())
            }
            ast::Value::DollarQuotedString(d) => Value::Str(d.value.clone()),
            ast::Value::Boolean(b) => Value::Bool(*b),
            ast::Value::Null => Value::Null,
            _ => Value::Unknown,
        },
        Expr::UnaryOp {
            op: op @ (UnaryOperator::Minus | UnaryOperator::Plus),
            expr,
        } => match value(expr) {
            Value::Number(n) if *op == UnaryOperator::Minus && !n.starts_with('-') => {
                Value::Number(format!("-{n}"))
            }
            Value::Number(n) if *op == UnaryOperator::Plus => Value::Number(n),
            _ => Value::Unknown,
        },
        Expr::Cast { expr, .. } => match value(expr) {
            v @ (Value::Str(_) | Value::Number(_) | Value::Null) => v,
            _ => Value::Unknown,
        },
        Expr::Nested(inner) => value(inner),
        Expr::Identifier(id)
            if id.quote_style.is_none() && id.value.eq_ignore_ascii_case("default") =>
        {
            Value::Default
        }
        _ => Value::Unknown,
    }
}

fn on_conflict(
    insert: &ast::Insert,
    text: &str,
    positions: &Positions,
) -> Option<Option<OnConflict>> {
    let Some(OnInsert::OnConflict(conflict)) = &insert.on else {
        return Some(None);
    };
    let target = match &conflict.conflict_target {
        Some(ConflictTarget::Columns(columns)) => Some(columns.iter().map(ident).collect()),
        _ => None,
    };
    let update = match &conflict.action {
        OnConflictAction::DoNothing => None,
        OnConflictAction::DoUpdate(update) => {
            let mut columns = Vec::new();
            for assignment in &update.assignments {
                match &assignment.target {
                    AssignmentTarget::ColumnName(name) => {
                        columns.push(ident(name.0.last()?.as_ident()?));
                    }
                    AssignmentTarget::Tuple(names) => {
                        for name in names {
                            columns.push(ident(name.0.last()?.as_ident()?));
                        }
                    }
                }
            }
            Some(columns)
        }
    };
    // sqlparser keeps no span for the clause: from `ON CONFLICT` to the end of the statement.
    let lower = text.to_ascii_lowercase();
    let start = lower.rfind("on conflict").unwrap_or(0);
    let span = Span {
        start: positions.base + start,
        end: positions.base + text.trim_end().len(),
    };
    Some(Some(OnConflict {
        target,
        update,
        span,
    }))
}

fn ident(id: &ast::Ident) -> Ident {
    match id.quote_style {
        Some(_) => Ident::quoted(&id.value, Span::default()),
        None => Ident::unquoted(&id.value, Span::default()),
    }
}

/// sqlparser's 1-based line/column (in chars) to byte offsets in the source, moving forward through the text.
struct Positions<'t> {
    text: &'t str,
    base: usize,
    line: u64,
    column: u64,
    offset: usize,
}

impl<'t> Positions<'t> {
    fn new(text: &'t str, base: usize) -> Self {
        Positions {
            text,
            base,
            line: 1,
            column: 1,
            offset: 0,
        }
    }

    fn offset(&mut self, location: sqlparser::tokenizer::Location) -> usize {
        if location.line == 0 {
            return self.base;
        }
        if (location.line, location.column) < (self.line, self.column) {
            self.line = 1;
            self.column = 1;
            self.offset = 0;
        }
        while self.line < location.line {
            match self.text[self.offset..].find('\n') {
                Some(i) => {
                    self.offset += i + 1;
                    self.line += 1;
                    self.column = 1;
                }
                None => break,
            }
        }
        while self.column < location.column {
            match self.text[self.offset..].chars().next() {
                Some(c) if c != '\n' => {
                    self.offset += c.len_utf8();
                    self.column += 1;
                }
                _ => break,
            }
        }
        self.base + self.offset
    }

    fn span(&mut self, span: sqlparser::tokenizer::Span) -> Span {
        let start = self.offset(span.start);
        let end = self.offset(span.end);
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// sqlparser's dialect for ours.
fn sqlparser_dialect(dialect: Dialect) -> Box<dyn SqlparserDialect> {
    match dialect {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::MySql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
    }
}
