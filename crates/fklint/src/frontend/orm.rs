//! What the ORM front ends (Drizzle, Prisma) share: a declared schema (tables with columns, keys, foreign keys
//! and indexes, each with the span of the code that declares it) and the events it stands for.
//!
//! Order: an ORM creates every table first and the foreign keys after (drizzle-kit and `prisma migrate` write
//! `CREATE TABLE`s, then `ALTER TABLE ... ADD CONSTRAINT`), so a table may reference one declared further down
//! or in another file. The events follow that order; SQLite has no `ADD CONSTRAINT`, so there the foreign keys
//! are part of `CREATE TABLE` (as the tools write them), which SQLite accepts whatever the order.

use crate::dialect::Dialect;
use crate::events::{
    ColumnDef, ConstraintDef, ConstraintKind, CreateTable, EventKind, ForeignKeyDef, IndexDef,
    RefAction, TypeRef,
};
use crate::ident::{Ident, ObjName};
use crate::source::{SourceId, Span};

/// A table as the ORM declares it.
#[derive(Debug, Clone)]
pub struct Table {
    pub source: SourceId,
    pub name: Ident,
    pub schema: Option<Ident>,
    pub columns: Vec<Column>,
    pub primary_key: Option<Key>,
    pub uniques: Vec<Key>,
    pub fks: Vec<Fk>,
    pub indexes: Vec<Index>,
    /// The whole declaration.
    pub span: Span,
}

impl Table {
    pub fn new(source: SourceId, name: Ident, span: Span) -> Table {
        Table {
            source,
            name,
            schema: None,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            fks: Vec::new(),
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

/// A column: its SQL type with the span of the ORM code that chooses it (a fix rewrites that code).
#[derive(Debug, Clone)]
pub struct Column {
    pub name: Ident,
    pub ty: Option<TypeRef>,
    pub not_null: bool,
    pub default: Option<String>,
    /// Filled in by the database (serial, autoincrement).
    pub identity: bool,
    pub span: Span,
}

/// A primary key or unique constraint.
#[derive(Debug, Clone)]
pub struct Key {
    pub name: Option<Ident>,
    pub columns: Vec<Ident>,
    pub span: Span,
}

/// A foreign key.
#[derive(Debug, Clone)]
pub struct Fk {
    pub name: Option<Ident>,
    pub columns: Vec<Ident>,
    /// The referenced table; its span is where the ORM code names it.
    pub ref_table: ObjName,
    pub ref_columns: Vec<Ident>,
    pub on_delete: RefAction,
    pub on_update: RefAction,
    /// The code that declares it.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub name: Option<Ident>,
    pub columns: Vec<Option<Ident>>,
    pub unique: bool,
    pub partial: bool,
}

/// An identifier the ORM sends quoted: the database stores it exactly as written (PostgreSQL truncated to 63
/// bytes, as the catalog does for SQL).
pub fn ident(value: &str, span: Span) -> Ident {
    Ident::quoted(value, span)
}

/// A name the ORM makes up (a constraint name): PostgreSQL truncates it; MySQL and SQLite store it whole
/// (MySQL rejects one longer than 64 characters rather than truncate it).
pub fn made_up_name(dialect: Dialect, value: &str) -> Ident {
    match dialect {
        Dialect::Postgres => Ident::quoted(value, Span::default()),
        _ => Ident {
            value: value.to_string(),
            quoted: true,
            span: Span::default(),
        },
    }
}

/// The events for the tables: every table, then every foreign key, then every index (see the module docs),
/// each with its source and the span of the code it comes from.
pub fn events(tables: &[Table], dialect: Dialect) -> Vec<(SourceId, Span, EventKind)> {
    let inline_fks = dialect == Dialect::Sqlite;
    let mut events: Vec<(SourceId, Span, EventKind)> = tables
        .iter()
        .map(|t| {
            let create = create_table(t, inline_fks);
            (t.source, t.span, EventKind::CreateTable(create))
        })
        .collect();
    if !inline_fks {
        for table in tables {
            for fk in &table.fks {
                events.push((
                    table.source,
                    fk.span,
                    EventKind::AddConstraint {
                        table: table.obj_name(),
                        constraint: fk_constraint(fk),
                        only: false,
                    },
                ));
            }
        }
    }
    for table in tables {
        for index in &table.indexes {
            let def = IndexDef {
                name: index.name.clone(),
                table: table.obj_name(),
                columns: index.columns.clone(),
                unique: index.unique,
                partial: index.partial,
                if_not_exists: false,
                only: false,
            };
            events.push((table.source, table.span, EventKind::CreateIndex(def)));
        }
    }
    events
}

fn create_table(table: &Table, inline_fks: bool) -> CreateTable {
    let mut constraints = Vec::new();
    if let Some(pk) = &table.primary_key {
        constraints.push(key(ConstraintKind::PrimaryKey(pk.columns.clone()), pk));
    }
    for unique in &table.uniques {
        constraints.push(key(ConstraintKind::Unique(unique.columns.clone()), unique));
    }
    if inline_fks {
        constraints.extend(table.fks.iter().map(fk_constraint));
    }
    plain_create_table(
        table.obj_name(),
        table.columns.iter().map(column_def).collect(),
        constraints,
    )
}

/// `CREATE TABLE name (columns, constraints)` with nothing else (what every ORM creates).
pub fn plain_create_table(
    name: ObjName,
    columns: Vec<ColumnDef>,
    constraints: Vec<ConstraintDef>,
) -> CreateTable {
    CreateTable {
        name,
        if_not_exists: false,
        columns,
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
        elements_end: None,
        needs_postgres: None,
    }
}

/// A foreign key the ORM declares, as a constraint (actions spelled in the ORM's language: no SQL spans).
pub fn foreign_key_constraint(
    name: Option<Ident>,
    columns: Vec<Ident>,
    ref_table: ObjName,
    ref_columns: Vec<Ident>,
    actions: (RefAction, RefAction),
    span: Span,
) -> ConstraintDef {
    let (on_delete, on_update) = actions;
    let def = ForeignKeyDef {
        columns,
        ref_table,
        ref_columns: Some(ref_columns),
        on_delete,
        on_update,
        on_delete_span: None,
        on_update_span: None,
        actions_at: None,
        deferrable: false,
        initially_deferred: false,
        match_full: false,
        not_valid: false,
        not_enforced: false,
        inline: false,
        period: false,
        ref_period: false,
    };
    ConstraintDef {
        name,
        kind: ConstraintKind::ForeignKey(def),
        span,
        removal: span,
        deferrable: false,
    }
}

fn column_def(column: &Column) -> ColumnDef {
    ColumnDef {
        name: column.name.clone(),
        ty: column.ty.clone(),
        not_null: column.not_null,
        // `.notNull()` / a missing `?` are not SQL: a fix that deletes them as `NOT NULL` would break the code.
        not_null_span: None,
        default: column.default.clone(),
        identity: column.identity,
        generated: None,
        span: column.span,
    }
}

fn key(kind: ConstraintKind, key: &Key) -> ConstraintDef {
    ConstraintDef {
        name: key.name.clone(),
        kind,
        span: key.span,
        removal: key.span,
        deferrable: false,
    }
}

fn fk_constraint(fk: &Fk) -> ConstraintDef {
    foreign_key_constraint(
        fk.name.clone(),
        fk.columns.clone(),
        fk.ref_table.clone(),
        fk.ref_columns.clone(),
        (fk.on_delete.clone(), fk.on_update.clone()),
        fk.span,
    )
}

/// `cascade`, `set null`, `SetNull`, `no action`, `Restrict`, ... as an action.
pub fn action(text: &str) -> RefAction {
    let key: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    match key.as_str() {
        "cascade" => RefAction::Cascade,
        "restrict" => RefAction::Restrict,
        "setnull" => RefAction::SetNull(Vec::new()),
        "setdefault" => RefAction::SetDefault(Vec::new()),
        _ => RefAction::NoAction,
    }
}

/// Appends the tables' events to what the front ends produced, each its own statement.
pub fn push_events(tables: &[Table], parsed: &mut super::Parsed) {
    for (source, span, kind) in events(tables, parsed.dialect) {
        push(parsed, source, span, kind);
    }
}

/// Appends one event as a statement of its own.
pub fn push(parsed: &mut super::Parsed, source: SourceId, span: Span, kind: EventKind) {
    let stmt = crate::events::StmtRef {
        index: parsed.statements,
        source,
        span,
    };
    parsed.statements += 1;
    parsed.events.push(crate::events::Event { stmt, kind });
}
