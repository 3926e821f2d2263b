//! `Column(...)` / `mapped_column(...)` / `ForeignKey(...)` / `ForeignKeyConstraint(...)` as SQLAlchemy reads
//! them, into pieces of the shared events. Used by the models reader and by Alembic's `op.create_table` /
//! `op.add_column`, which take the same `sa.Column` objects.

use super::expr::{keyword, positional, Arg, Expr, Part};
use super::lex;
use super::types;
use crate::events::{ColumnDef, RefAction, TypeRef};
use crate::ident::Ident;
use crate::source::Span;

/// An identifier as SQLAlchemy sends it: lower-case names unquoted, anything else quoted (SQLAlchemy quotes
/// names with capitals or that are not plain identifiers), so the catalog stores exactly the Python string.
pub fn ident(value: &str, span: Span) -> Ident {
    let plain = value
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !value.starts_with(|c: char| c.is_ascii_digit())
        && !value.is_empty();
    if plain {
        Ident::unquoted(value, span)
    } else {
        Ident::quoted(value, span)
    }
}

/// A string argument as an identifier; its span is the text between the quotes when that is exactly the value.
pub fn string_ident(src: &str, expr: &Expr) -> Option<Ident> {
    let Expr::Str { value, lit, span } = expr else {
        return None;
    };
    let span = match lit {
        Some(lit) if lex::exact_value(src, lit).is_some() => lit.body,
        _ => *span,
    };
    Some(ident(value, span))
}

/// Where a foreign key points, as written.
#[derive(Debug, Clone)]
pub enum RefTarget {
    /// `"table.col"` / `"schema.table.col"`, with spans inside the string.
    Named {
        schema: Option<Ident>,
        table: Ident,
        column: Ident,
    },
    /// `Model.col` / `Model.__table__.c.col`: resolved once every class is known.
    Class { class: String, column: Part },
}

/// A `ForeignKey(...)` on a column, or a `ForeignKeyConstraint(...)`.
#[derive(Debug, Clone)]
pub struct ModelFk {
    /// Empty for a column's own `ForeignKey` (the column is filled in when emitting).
    pub columns: Vec<Ident>,
    pub targets: Vec<RefTarget>,
    pub name: Option<Ident>,
    pub on_delete: RefAction,
    pub on_update: RefAction,
    pub deferrable: bool,
    pub initially_deferred: bool,
    /// `use_alter=True`: where the dialect can `ALTER TABLE` (not SQLite), SQLAlchemy's `CREATE TABLE` leaves it
    /// out, so Alembic's `op.create_table` never makes it, while `create_all()` adds it after every table.
    pub use_alter: bool,
    /// The `ForeignKey(...)` call.
    pub span: Span,
    /// The call with the comma before it: deleting it leaves valid Python.
    pub removal: Span,
}

/// A column as SQLAlchemy would create it.
#[derive(Debug, Clone)]
pub struct ModelColumn {
    pub name: Ident,
    pub ty: Option<TypeRef>,
    pub primary_key: bool,
    pub unique: bool,
    pub index: bool,
    pub not_null: bool,
    pub server_default: Option<String>,
    pub fks: Vec<ModelFk>,
    /// The `Column(...)` call.
    pub span: Span,
    /// Where the type would be written when none is (`Column(None, ForeignKey(...))` or `Column(ForeignKey(...))`):
    /// SQLAlchemy then takes the referenced column's type.
    pub type_slot: Span,
}

impl ModelColumn {
    pub fn def(&self) -> ColumnDef {
        ColumnDef {
            name: self.name.clone(),
            ty: self.ty.clone(),
            not_null: self.not_null || self.primary_key,
            // `nullable=False` is not SQL: a fix that deletes it as `NOT NULL` would break the Python.
            not_null_span: None,
            default: self.server_default.clone(),
            identity: false,
            generated: None,
            span: self.span,
        }
    }
}

const COLUMN_CALLS: &[&str] = &["Column", "mapped_column"];

/// Reads `Column(...)` / `mapped_column(...)`. `attribute` names the column when no string argument does;
/// `annotation` is the `Mapped[...]` inner text and span (the type and nullability of a `mapped_column()`).
pub fn read_column(
    src: &str,
    expr: &Expr,
    attribute: Option<&Part>,
    annotation: Option<(&str, Span)>,
) -> Option<ModelColumn> {
    let args = expr.call_of(COLUMN_CALLS)?;
    let mut positional_args = positional(args).peekable();
    let written_name = positional_args
        .peek()
        .and_then(|e| string_ident(src, e))
        .or_else(|| keyword(args, "name").and_then(|e| string_ident(src, e)));
    if written_name.is_some() && positional_args.peek().is_some_and(|e| e.as_str().is_some()) {
        positional_args.next();
    }
    let name = written_name.or_else(|| attribute.map(|a| ident(&a.text, a.span)))?;
    let mut ty = None;
    let mut fks = Vec::new();
    let mut type_slot = Span::new(expr.span().end, expr.span().end);
    for arg in args.iter().filter(|a| a.keyword.is_none()) {
        if arg.value.is_none_literal() {
            type_slot = arg.value.span();
        }
        if let Some(fk) = read_foreign_key(src, &arg.value, args) {
            fks.push(fk);
        } else if ty.is_none() {
            ty = type_ref(&arg.value);
        }
    }
    if ty.is_none() {
        ty = keyword(args, "type_").and_then(type_ref);
    }
    if ty.is_none() {
        ty = annotation.and_then(|(text, span)| {
            types::annotation_type(text).map(|sql| TypeRef {
                text: sql.to_string(),
                span,
            })
        });
    }
    let flag = |name: &str| keyword(args, name).and_then(Expr::as_bool);
    let primary_key = flag("primary_key") == Some(true);
    let annotation_optional =
        annotation.is_some_and(|(text, _)| text.contains("Optional") || text.contains("None"));
    let not_null = match flag("nullable") {
        Some(nullable) => !nullable,
        // `mapped_column()` takes nullability from `Mapped[...]`: `Mapped[int]` is NOT NULL.
        None => annotation.is_some() && !annotation_optional,
    };
    Some(ModelColumn {
        name,
        ty,
        primary_key,
        unique: flag("unique") == Some(true),
        index: flag("index") == Some(true),
        not_null,
        server_default: keyword(args, "server_default").map(|e| e.span().slice(src).to_string()),
        fks,
        span: expr.span(),
        type_slot,
    })
}

fn type_ref(expr: &Expr) -> Option<TypeRef> {
    if !matches!(expr, Expr::Name(_) | Expr::Call { .. }) {
        return None;
    }
    types::sql_type(expr).map(|text| TypeRef {
        text,
        span: expr.span(),
    })
}

/// `ForeignKey("table.col", ondelete=...)`, an argument among `siblings` (for the removal span).
pub fn read_foreign_key(src: &str, expr: &Expr, siblings: &[Arg]) -> Option<ModelFk> {
    let args = expr.call_of(&["ForeignKey"])?;
    let target = positional(args)
        .next()
        .or_else(|| keyword(args, "column"))
        .and_then(|e| ref_target(src, e))?;
    Some(ModelFk {
        columns: Vec::new(),
        targets: vec![target],
        span: expr.span(),
        removal: removal(siblings, expr.span()),
        ..options(src, args)
    })
}

/// `ForeignKeyConstraint(["a"], ["t.id"], ...)`.
pub fn read_foreign_key_constraint(src: &str, expr: &Expr, siblings: &[Arg]) -> Option<ModelFk> {
    let args = expr.call_of(&["ForeignKeyConstraint"])?;
    let mut lists = positional(args);
    let columns = lists.next().or_else(|| keyword(args, "columns"))?;
    let refs = lists.next().or_else(|| keyword(args, "refcolumns"))?;
    let columns: Vec<Ident> = items(columns)
        .iter()
        .filter_map(|e| string_ident(src, e).or_else(|| attribute_ident(e)))
        .collect();
    let targets: Vec<RefTarget> = items(refs)
        .iter()
        .filter_map(|e| ref_target(src, e))
        .collect();
    if columns.is_empty() || targets.len() != items(refs).len() {
        return None;
    }
    Some(ModelFk {
        columns,
        targets,
        span: expr.span(),
        removal: removal(siblings, expr.span()),
        ..options(src, args)
    })
}

/// The elements of a list or tuple (a lone expression is a list of one).
pub fn items(expr: &Expr) -> &[Expr] {
    match expr {
        Expr::Seq(items, _) => items,
        other => std::slice::from_ref(other),
    }
}

/// `id` of `Model.id` in a constraint's column list.
fn attribute_ident(expr: &Expr) -> Option<Ident> {
    match expr {
        Expr::Name(parts) => parts.last().map(|p| ident(&p.text, p.span)),
        _ => None,
    }
}

/// Name, actions and deferrability of a foreign key (spans are left to the caller).
fn options(src: &str, args: &[Arg]) -> ModelFk {
    let action = |name: &str| {
        keyword(args, name)
            .and_then(Expr::as_str)
            .map_or(RefAction::NoAction, ref_action)
    };
    ModelFk {
        columns: Vec::new(),
        targets: Vec::new(),
        name: keyword(args, "name").and_then(|e| string_ident(src, e)),
        on_delete: action("ondelete"),
        on_update: action("onupdate"),
        deferrable: keyword(args, "deferrable").and_then(Expr::as_bool) == Some(true),
        initially_deferred: keyword(args, "initially")
            .and_then(Expr::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("deferred")),
        use_alter: keyword(args, "use_alter").and_then(Expr::as_bool) == Some(true),
        span: Span::default(),
        removal: Span::default(),
    }
}

pub fn ref_action(text: &str) -> RefAction {
    match text.trim().to_ascii_uppercase().as_str() {
        "CASCADE" => RefAction::Cascade,
        "RESTRICT" => RefAction::Restrict,
        "SET NULL" => RefAction::SetNull(Vec::new()),
        "SET DEFAULT" => RefAction::SetDefault(Vec::new()),
        _ => RefAction::NoAction,
    }
}

/// `"table.col"`, `"schema.table.col"`, `Model.col`, `Model.__table__.c.col`, `table.c.col`.
fn ref_target(src: &str, expr: &Expr) -> Option<RefTarget> {
    match expr {
        Expr::Str { value, lit, .. } => {
            let exact = lit
                .as_ref()
                .and_then(|l| lex::exact_value(src, l).map(|_| l.body));
            named_target(value, exact)
        }
        Expr::Name(parts) => {
            let class = parts.first()?;
            let column = parts.last()?;
            (parts.len() >= 2).then(|| RefTarget::Class {
                class: class.text.clone(),
                column: column.clone(),
            })
        }
        _ => None,
    }
}

/// Splits `schema.table.col`; with the literal's body span, each part gets its own span (a fix then replaces
/// only the table part of the string).
fn named_target(value: &str, body: Option<Span>) -> Option<RefTarget> {
    let mut parts = Vec::new();
    let mut offset = 0;
    for part in value.split('.') {
        let span = match body {
            Some(body) => Span::new(body.start + offset, body.start + offset + part.len()),
            None => Span::default(),
        };
        parts.push(ident(part, span));
        offset += part.len() + 1;
    }
    let column = parts.pop()?;
    let table = parts.pop()?;
    let schema = parts.pop();
    if !parts.is_empty() || table.value.is_empty() || column.value.is_empty() {
        return None;
    }
    Some(RefTarget::Named {
        schema,
        table,
        column,
    })
}

/// The argument's span widened to take the comma before it (or after it, for the first argument).
fn removal(siblings: &[Arg], span: Span) -> Span {
    let Some(at) = siblings
        .iter()
        .position(|a| a.span == span || a.value.span() == span)
    else {
        return span;
    };
    match (
        at.checked_sub(1).and_then(|i| siblings.get(i)),
        siblings.get(at + 1),
    ) {
        (Some(previous), _) => Span::new(previous.span.end, span.end),
        (None, Some(next)) => Span::new(span.start, next.span.start),
        (None, None) => span,
    }
}
