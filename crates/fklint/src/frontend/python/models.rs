//! SQLAlchemy models: declarative classes (`class X(Base): __tablename__ = ...`), mixins and bases whose class
//! attributes are columns, single-table inheritance, and `Table("name", metadata, Column(...), ...)`.
//!
//! Order: `metadata.create_all()` creates tables in dependency order (and adds the foreign keys of a cycle
//! with `ALTER TABLE`), so a model may reference a class defined further down. fklint mirrors that by emitting
//! every table first (columns, primary key, unique constraints), then every foreign key as `AddConstraint`,
//! then the indexes: the replay sees what PostgreSQL would, without needing a topological sort.

use std::collections::HashMap;

use super::column::{
    ident, items, read_column, read_foreign_key_constraint, string_ident, ModelColumn, ModelFk,
    RefTarget,
};
use super::expr::{block_of, keyword, positional, Arg, Expr, Line, Reader};
use super::lex::Token;
use crate::events::{
    ConstraintDef, ConstraintKind, CreateTable, EventKind, ForeignKeyDef, IndexDef,
};
use crate::ident::{Ident, ObjName};
use crate::source::Span;

/// A table as the models define it.
#[derive(Debug, Clone)]
pub struct ModelTable {
    pub name: Ident,
    pub schema: Option<Ident>,
    pub columns: Vec<ModelColumn>,
    /// `ForeignKeyConstraint`s of `__table_args__` / `Table(...)`.
    pub fks: Vec<ModelFk>,
    /// `UniqueConstraint` / `PrimaryKeyConstraint` columns (`true`: primary key), with name and span.
    pub keys: Vec<(bool, Vec<Ident>, Option<Ident>, Span)>,
    pub indexes: Vec<IndexDef>,
    /// The class statement or the `Table(...)` call.
    pub span: Span,
}

impl ModelTable {
    /// A table with nothing read into it yet.
    pub fn new(name: Ident, span: Span) -> ModelTable {
        ModelTable {
            name,
            schema: None,
            columns: Vec::new(),
            fks: Vec::new(),
            keys: Vec::new(),
            indexes: Vec::new(),
            span,
        }
    }

    pub fn obj_name(&self) -> ObjName {
        ObjName {
            schema: self.schema.clone(),
            name: self.name.clone(),
            span: self.name.span,
        }
    }
}

/// A class of the module, before inheritance is resolved.
#[derive(Debug, Clone)]
struct Class {
    bases: Vec<String>,
    tablename: Option<Ident>,
    table_args: Option<Expr>,
    /// Attribute name and column.
    columns: Vec<(String, ModelColumn)>,
    span: Span,
}

/// Every table the module's models define, in the order they are written.
/// `known` maps the classes of the other model files of the run to their tables (they share one `MetaData`, so
/// `ForeignKey(User.id)` may name a class another module declares); this module's own classes come first.
pub fn read_models(
    src: &str,
    tokens: &[Token],
    lines: &[Line],
    known: &HashMap<String, Ident>,
) -> Vec<ModelTable> {
    let mut classes: Vec<(String, Class)> = Vec::new();
    let mut tables = Vec::new();
    for (at, line) in lines.iter().enumerate().filter(|(_, l)| l.depth == 0) {
        if let Some((name, class)) = read_class(src, tokens, lines, at) {
            classes.push((name, class));
        } else if let Some(table) = read_table_call(src, tokens, line) {
            tables.push(table);
        }
    }
    let by_name: HashMap<&str, &Class> = classes.iter().map(|(n, c)| (n.as_str(), c)).collect();
    let mut class_tables: Vec<ModelTable> = classes
        .iter()
        .filter_map(|(_, class)| class_table(src, class, &by_name))
        .collect();
    add_single_table_columns(&classes, &by_name, &mut class_tables);
    class_tables.extend(tables);
    class_tables.sort_by_key(|t| t.span.start);
    let mut table_of_class: HashMap<&str, Ident> =
        known.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    table_of_class.extend(
        classes
            .iter()
            .filter_map(|(n, c)| table_of(c, &by_name, 0).map(|t| (n.as_str(), t))),
    );
    resolve_class_targets(&mut class_tables, &table_of_class);
    infer_foreign_key_types(&mut class_tables);
    class_tables
}

/// Each class of the module with the table it maps to (its `__tablename__`, or one it inherits).
pub fn class_tables(src: &str, tokens: &[Token], lines: &[Line]) -> Vec<(String, Ident)> {
    let classes: Vec<(String, Class)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.depth == 0)
        .filter_map(|(at, _)| read_class(src, tokens, lines, at))
        .collect();
    let by_name: HashMap<&str, &Class> = classes.iter().map(|(n, c)| (n.as_str(), c)).collect();
    classes
        .iter()
        .filter_map(|(n, c)| table_of(c, &by_name, 0).map(|t| (n.clone(), t)))
        .collect()
}

/// A column declared without a type but with a foreign key takes the referenced column's type (SQLAlchemy
/// does this when the tables are bound), when that column is defined in the same module.
fn infer_foreign_key_types(tables: &mut [ModelTable]) {
    let mut inferred = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for (c, column) in table.columns.iter().enumerate() {
            if column.ty.is_some() {
                continue;
            }
            let target = column.fks.iter().flat_map(|fk| fk.targets.first()).next();
            let Some(RefTarget::Named {
                table: ref_table,
                column: ref_column,
                ..
            }) = target
            else {
                continue;
            };
            let ty = tables
                .iter()
                .filter(|other| other.name.value == ref_table.value)
                .flat_map(|other| other.columns.iter())
                .find(|other| other.name.value == ref_column.value)
                .and_then(|other| other.ty.as_ref());
            if let Some(ty) = ty {
                inferred.push((t, c, ty.text.clone(), column.type_slot));
            }
        }
    }
    for (t, c, text, span) in inferred {
        if let Some(column) = tables.get_mut(t).and_then(|t| t.columns.get_mut(c)) {
            column.ty = Some(crate::events::TypeRef { text, span });
        }
    }
}

/// `class Name(bases):` with its body's assignments.
fn read_class(src: &str, tokens: &[Token], lines: &[Line], at: usize) -> Option<(String, Class)> {
    let line = lines.get(at)?;
    let mut reader = Reader::line(src, tokens, line);
    if !reader.eat_name("class") {
        return None;
    }
    let head = reader.expr();
    let (name, bases) = match &head {
        Expr::Call { func, args, .. } => (
            func.dotted()?,
            positional(args)
                .filter_map(|b| b.last_name().map(str::to_string))
                .collect(),
        ),
        Expr::Name(_) => (head.dotted()?, Vec::new()),
        _ => return None,
    };
    let body = block_of(lines, at);
    let start = tokens.get(line.start).map_or(0, |t| t.span.start);
    let end = body
        .last()
        .unwrap_or(line)
        .end
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .map_or(start, |t| t.span.end);
    let mut class = Class {
        bases,
        tablename: None,
        table_args: None,
        columns: Vec::new(),
        span: Span::new(start, end),
    };
    for member in body.iter().filter(|l| l.depth == line.depth + 1) {
        read_member(src, tokens, member, &mut class);
    }
    Some((name, class))
}

/// `name = value` or `name: Annotation = value` in a class body.
fn read_member(src: &str, tokens: &[Token], line: &Line, class: &mut Class) {
    let mut reader = Reader::line(src, tokens, line);
    let Expr::Name(target) = reader.expr() else {
        return;
    };
    let [attribute] = target.as_slice() else {
        return;
    };
    let annotation = if reader.eat_op(":") {
        match reader.expr() {
            Expr::Subscript { inner, .. } => Some((inner.slice(src), inner)),
            _ => None,
        }
    } else {
        None
    };
    if !reader.eat_op("=") {
        return;
    }
    let mut value = reader.expr();
    // `column_property(Column(...), ...)` / `deferred(Column(...))` map a column all the same.
    if let Some(inner) = value
        .call_of(&["column_property", "deferred"])
        .and_then(|args| positional(args).next())
    {
        value = inner.clone();
    }
    match attribute.text.as_str() {
        "__tablename__" => class.tablename = string_ident(src, &value),
        "__table_args__" => class.table_args = Some(value),
        _ => {
            if let Some(column) = read_column(src, &value, Some(attribute), annotation) {
                class.columns.push((attribute.text.clone(), column));
            }
        }
    }
}

/// The table a class maps to: its own `__tablename__`, or (single-table inheritance) its parent's.
fn table_of(class: &Class, by_name: &HashMap<&str, &Class>, depth: usize) -> Option<Ident> {
    if let Some(name) = &class.tablename {
        return Some(name.clone());
    }
    if depth > 32 {
        return None; // a cycle of bases: not valid Python, nothing to map
    }
    class
        .bases
        .iter()
        .filter_map(|b| by_name.get(b.as_str()))
        .find_map(|base| table_of(base, by_name, depth + 1))
}

/// Columns a class gets from mixins and abstract bases (bases that have no table), nearest first.
fn inherited_columns(
    class: &Class,
    by_name: &HashMap<&str, &Class>,
    depth: usize,
    out: &mut Vec<(String, ModelColumn)>,
) {
    if depth > 32 {
        return;
    }
    for base in class.bases.iter().filter_map(|b| by_name.get(b.as_str())) {
        if table_of(base, by_name, 0).is_some() {
            continue; // joined or single-table inheritance: the parent's columns live in the parent's table
        }
        for (attribute, column) in &base.columns {
            if !out.iter().any(|(a, _)| a == attribute) {
                out.push((attribute.clone(), column.clone()));
            }
        }
        inherited_columns(base, by_name, depth + 1, out);
    }
}

fn class_table(src: &str, class: &Class, by_name: &HashMap<&str, &Class>) -> Option<ModelTable> {
    let name = class.tablename.clone()?;
    let mut columns: Vec<(String, ModelColumn)> = Vec::new();
    inherited_columns(class, by_name, 0, &mut columns);
    for (attribute, column) in &class.columns {
        columns.retain(|(a, _)| a != attribute);
        columns.push((attribute.clone(), column.clone()));
    }
    let mut table = ModelTable::new(name, class.span);
    table.columns = columns.into_iter().map(|(_, c)| c).collect();
    if let Some(args) = &class.table_args {
        read_table_items(src, items(args), &[], &mut table);
    }
    Some(table)
}

/// Columns of a subclass without `__tablename__` go into the table of the class it inherits from.
fn add_single_table_columns(
    classes: &[(String, Class)],
    by_name: &HashMap<&str, &Class>,
    tables: &mut [ModelTable],
) {
    for (_, class) in classes.iter().filter(|(_, c)| c.tablename.is_none()) {
        let Some(parent) = table_of(class, by_name, 0) else {
            continue;
        };
        let Some(table) = tables.iter_mut().find(|t| t.name.value == parent.value) else {
            continue;
        };
        for (_, column) in &class.columns {
            if !table
                .columns
                .iter()
                .any(|c| c.name.value == column.name.value)
            {
                table.columns.push(column.clone());
            }
        }
    }
}

/// `Table("name", metadata, Column(...), ..., schema="s")`, assigned or not.
fn read_table_call(src: &str, tokens: &[Token], line: &Line) -> Option<ModelTable> {
    let mut reader = Reader::line(src, tokens, line);
    let mut value = reader.expr();
    if reader.eat_op("=") {
        value = reader.expr();
    }
    let args = value.call_of(&["Table"])?;
    let name = positional(args).next().and_then(|e| string_ident(src, e))?;
    let mut table = ModelTable::new(name, value.span());
    let elements: Vec<Expr> = positional(args).skip(1).cloned().collect();
    read_table_items(src, &elements, args, &mut table);
    if let Some(schema) = keyword(args, "schema").and_then(|e| string_ident(src, e)) {
        table.schema = Some(schema);
    }
    Some(table)
}

/// Columns and constraints of a `Table(...)` or a `__table_args__` tuple (whose last item may be a dict of
/// options such as `{"schema": "app"}`).
pub fn read_table_items(src: &str, elements: &[Expr], siblings: &[Arg], table: &mut ModelTable) {
    for element in elements {
        if let Some(column) = read_column(src, element, None, None) {
            table.columns.push(column);
        } else if let Some(fk) = read_foreign_key_constraint(src, element, siblings) {
            table.fks.push(fk);
        } else if let Some(args) = element.call_of(&["UniqueConstraint", "PrimaryKeyConstraint"]) {
            let primary = element.last_name() == Some("PrimaryKeyConstraint");
            let columns = positional(args)
                .filter_map(|e| string_ident(src, e))
                .collect();
            let name = keyword(args, "name").and_then(|e| string_ident(src, e));
            table.keys.push((primary, columns, name, element.span()));
        } else if let Some(args) = element.call_of(&["Index"]) {
            table
                .indexes
                .extend(index_call(src, args, &table.obj_name()));
        } else if let Expr::Dict(pairs, _) = element {
            let schema = pairs
                .iter()
                .find(|(k, _)| k.as_str() == Some("schema"))
                .and_then(|(_, v)| string_ident(src, v));
            if schema.is_some() {
                table.schema = schema;
            }
        }
    }
    // The indexes were named before the schema was known: give them the table's final name.
    let name = table.obj_name();
    for index in &mut table.indexes {
        index.table = name.clone();
    }
}

/// `Index("ix_name", "col", ..., unique=True)`.
fn index_call(src: &str, args: &[Arg], table: &ObjName) -> Option<IndexDef> {
    let mut positional_args = positional(args);
    let name = positional_args.next().and_then(|e| string_ident(src, e));
    let columns = positional_args
        .map(|e| {
            string_ident(src, e).or_else(|| match e {
                Expr::Name(parts) => parts.last().map(|p| ident(&p.text, p.span)),
                _ => None,
            })
        })
        .collect();
    Some(IndexDef {
        name,
        table: table.clone(),
        columns,
        unique: keyword(args, "unique").and_then(Expr::as_bool) == Some(true),
        partial: keyword(args, "postgresql_where").is_some(),
        if_not_exists: false,
        only: false,
    })
}

/// `ForeignKey(Model.col)`: the class's table, the attribute as the column.
fn resolve_class_targets(tables: &mut [ModelTable], table_of_class: &HashMap<&str, Ident>) {
    let resolve = |target: &mut RefTarget| {
        if let RefTarget::Class { class, column } = target {
            if let Some(table) = table_of_class.get(class.as_str()) {
                *target = RefTarget::Named {
                    schema: None,
                    table: Ident {
                        span: column.span,
                        ..table.clone()
                    },
                    column: ident(&column.text, column.span),
                };
            }
        }
    };
    for table in tables.iter_mut() {
        for fk in table
            .fks
            .iter_mut()
            .chain(table.columns.iter_mut().flat_map(|c| c.fks.iter_mut()))
        {
            fk.targets.iter_mut().for_each(resolve);
        }
    }
}

/// Events for the tables: every table, then every foreign key, then every index (see the module docs); each
/// with the span of the statement-like piece it comes from.
/// `use_alter` says whether the `use_alter=True` keys are made (by `create_all()`, and inline on SQLite), or
/// left out (Alembic's `op.create_table` where the dialect can `ALTER TABLE`).
pub fn events(tables: &[ModelTable], use_alter: bool) -> Vec<(Span, EventKind)> {
    let mut events: Vec<(Span, EventKind)> = tables
        .iter()
        .map(|t| (t.span, EventKind::CreateTable(create_table(t))))
        .collect();
    for table in tables {
        for (fk, columns) in foreign_keys(table) {
            if fk.use_alter && !use_alter {
                continue;
            }
            if let Some(constraint) = fk_constraint(fk, columns) {
                events.push((
                    fk.span,
                    EventKind::AddConstraint {
                        table: table.obj_name(),
                        constraint,
                        only: false,
                    },
                ));
            }
        }
    }
    for table in tables {
        events.extend(
            indexes(table)
                .into_iter()
                .map(|i| (table.span, EventKind::CreateIndex(i))),
        );
    }
    events
}

/// A column's own foreign keys (on that column) and the table's constraints.
pub fn foreign_keys(table: &ModelTable) -> Vec<(&ModelFk, Vec<Ident>)> {
    let own = table
        .columns
        .iter()
        .flat_map(|c| c.fks.iter().map(move |fk| (fk, vec![c.name.clone()])));
    let constraints = table.fks.iter().map(|fk| (fk, fk.columns.clone()));
    own.chain(constraints).collect()
}

pub fn create_table(table: &ModelTable) -> CreateTable {
    let mut constraints = Vec::new();
    let primary: Vec<Ident> = table
        .columns
        .iter()
        .filter(|c| c.primary_key)
        .map(|c| c.name.clone())
        .collect();
    if !primary.is_empty() {
        constraints.push(key(ConstraintKind::PrimaryKey(primary), None, table.span));
    }
    for column in table.columns.iter().filter(|c| c.unique) {
        let kind = ConstraintKind::Unique(vec![column.name.clone()]);
        constraints.push(key(kind, None, column.span));
    }
    for (primary, columns, name, span) in &table.keys {
        let kind = if *primary {
            ConstraintKind::PrimaryKey(columns.clone())
        } else {
            ConstraintKind::Unique(columns.clone())
        };
        constraints.push(key(kind, name.clone(), *span));
    }
    CreateTable {
        name: table.obj_name(),
        if_not_exists: false,
        columns: table.columns.iter().map(ModelColumn::def).collect(),
        constraints,
        partition_of: None,
        inherits: Vec::new(),
        columns_incomplete: false,
        partitioned: false,
        partition_key: None,
        partition_bound: None,
        persistence: Default::default(),
        foreign: false,
        on_commit: Default::default(),
        default_charset: Default::default(),
        engine: None,
        // A model class has no SQL column list to add a constraint to.
        elements_end: None,
        needs_postgres: None,
    }
}

fn key(kind: ConstraintKind, name: Option<Ident>, span: Span) -> ConstraintDef {
    ConstraintDef {
        name,
        kind,
        span,
        removal: span,
        deferrable: false,
    }
}

/// A foreign key as the constraint `ALTER TABLE ... ADD` would create; `None` while its target is a class
/// the module does not define.
pub fn fk_constraint(fk: &ModelFk, columns: Vec<Ident>) -> Option<ConstraintDef> {
    let mut ref_columns = Vec::new();
    let mut ref_table = None;
    for target in &fk.targets {
        let RefTarget::Named {
            schema,
            table,
            column,
        } = target
        else {
            return None;
        };
        ref_columns.push(column.clone());
        ref_table.get_or_insert_with(|| ObjName {
            span: schema
                .as_ref()
                .map_or(table.span, |s| s.span.join(table.span)),
            schema: schema.clone(),
            name: table.clone(),
        });
    }
    let def = ForeignKeyDef {
        inline: fk.columns.is_empty(),
        columns,
        ref_table: ref_table?,
        ref_columns: Some(ref_columns),
        on_delete: fk.on_delete.clone(),
        on_update: fk.on_update.clone(),
        // `ondelete="SET NULL"` is Python: SQL-shaped action fixes must not edit it.
        on_delete_span: None,
        on_update_span: None,
        actions_at: None,
        deferrable: fk.deferrable,
        initially_deferred: fk.initially_deferred,
        match_full: false,
        not_valid: false,
        not_enforced: false,
        period: false,
        ref_period: false,
    };
    Some(ConstraintDef {
        name: fk.name.clone(),
        kind: ConstraintKind::ForeignKey(def),
        span: fk.span,
        removal: fk.removal,
        deferrable: false,
    })
}

/// `index=True` columns (named as SQLAlchemy's default convention does, `ix_<table>_<column>`), and
/// `Index(...)` items.
pub fn indexes(table: &ModelTable) -> Vec<IndexDef> {
    let mut indexes: Vec<IndexDef> = table
        .columns
        .iter()
        .filter(|c| c.index)
        .map(|c| IndexDef {
            name: Some(Ident::synthetic(&format!(
                "ix_{}_{}",
                table.name.value, c.name.value
            ))),
            table: table.obj_name(),
            columns: vec![Some(c.name.clone())],
            unique: c.unique,
            partial: false,
            if_not_exists: false,
            only: false,
        })
        .collect();
    indexes.extend(table.indexes.iter().cloned());
    indexes
}
