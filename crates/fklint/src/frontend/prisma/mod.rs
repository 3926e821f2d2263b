//! Prisma front end: `schema.prisma` (and the files of a schema folder) read by a hand-written parser into the
//! same schema events the SQL front end emits, as `prisma migrate` would create them: the datasource's
//! provider is the dialect; models (`@@map`, `@map`, `@@schema`) are tables with Prisma's default or `@db.*`
//! native types; `@id` / `@@id` primary keys (`<table>_pkey`); `@unique` / `@@unique` unique indexes
//! (`<table>_<cols>_key`); `@@index`; `@relation(fields, references, onDelete, onUpdate, map)` foreign keys
//! (`<table>_<cols>_fkey`, `ON DELETE SET NULL` for an optional relation and `RESTRICT` for a required one,
//! `ON UPDATE CASCADE`); implicit many-to-many relations as their `_AToB` join table (columns `A`, `B`).
//! With `relationMode = "prisma"` the database has no foreign keys: the relations are still checked, as the
//! integrity the application keeps (FK610 says so).

pub mod parse;
pub mod types;

use std::collections::{HashMap, HashSet};

use super::orm::{self, ident, made_up_name, Column, Fk, Index, Key, Table};
use super::parsed::Parsed;
use crate::dialect::Dialect;
use crate::events::{RefAction, TypeRef};
use crate::ident::ObjName;
use crate::source::{Outline, Source, SourceId, Span};
use parse::{Block, Field, Value};

/// Whether a source is a Prisma schema (by its name: `schema.prisma`, `prisma/schema/user.prisma`).
pub fn is_prisma(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".prisma")
}

/// The dialect a datasource `provider` names.
pub fn provider_dialect(provider: &str) -> Option<Dialect> {
    match provider {
        "postgresql" | "postgres" | "cockroachdb" => Some(Dialect::Postgres),
        "mysql" => Some(Dialect::MySql),
        "sqlite" => Some(Dialect::Sqlite),
        _ => None,
    }
}

/// The dialect a schema's datasource declares, for `--dialect auto`.
pub fn declared_dialect(text: &str) -> Option<(Dialect, &'static str)> {
    let schema = parse::parse(text);
    let dialect = datasource(&schema.blocks)
        .and_then(|d| d.setting("provider"))
        .and_then(Value::as_str)
        .and_then(provider_dialect)?;
    let marker = match dialect {
        Dialect::Postgres => "provider = \"postgresql\"",
        Dialect::MySql => "provider = \"mysql\"",
        Dialect::Sqlite => "provider = \"sqlite\"",
    };
    Some((dialect, marker))
}

fn datasource(blocks: &[Block]) -> Option<&Block> {
    blocks.iter().find(|b| b.keyword == "datasource")
}

/// A schema file parsed, with its source.
struct File {
    source: SourceId,
    blocks: Vec<Block>,
}

/// The Prisma front end: every `.prisma` file is parsed when read; the tables are built once all are known
/// (a schema folder spreads models over files).
#[derive(Default)]
pub struct Prisma {
    files: Vec<File>,
}

impl super::front_end::FrontEnd for Prisma {
    fn name(&self) -> &'static str {
        "prisma"
    }

    fn reads(&self, source_name: &str) -> bool {
        is_prisma(source_name)
    }

    fn read(&mut self, source: &Source, id: SourceId, parsed: &mut Parsed) {
        let schema = parse::parse(&source.text);
        if source.text.contains(Outline::DIRECTIVE_MARKER) {
            parsed.outlines[id] = Outline {
                statements: schema.lines,
                comments: schema.comments,
            };
        }
        self.files.push(File {
            source: id,
            blocks: schema.blocks,
        });
    }

    fn finish(&mut self, _sources: &[Source], parsed: &mut Parsed) {
        if self.files.is_empty() {
            return;
        }
        let files = std::mem::take(&mut self.files);
        let all: Vec<(SourceId, &Block)> = files
            .iter()
            .flat_map(|f| f.blocks.iter().map(move |b| (f.source, b)))
            .collect();
        let blocks: Vec<Block> = all.iter().map(|(_, b)| (*b).clone()).collect();
        let dialect = datasource(&blocks)
            .and_then(|d| d.setting("provider"))
            .and_then(Value::as_str)
            .and_then(provider_dialect)
            .unwrap_or(parsed.dialect);
        for (source, block) in all.iter().filter(|(_, b)| b.keyword == "datasource") {
            let mode = block.fields.iter().find(|f| f.name == "relationMode");
            if let Some(field) =
                mode.filter(|f| f.assigned.as_ref().and_then(Value::as_str) == Some("prisma"))
            {
                parsed.emulated_relations.push(crate::source::Location {
                    source: *source,
                    span: field.span,
                });
            }
        }
        let schema = Models::new(&all, dialect);
        let tables = schema.tables();
        orm::push_events(&tables, parsed);
        parsed.orm_names.extend(
            schema
                .models
                .values()
                .map(|m| (m.table.clone(), m.block.name.clone())),
        );
    }
}

/// A model: its block, table name and the column name of each field.
struct Model<'b> {
    source: SourceId,
    block: &'b Block,
    table: String,
    schema: Option<String>,
    columns: HashMap<&'b str, String>,
}

struct Models<'b> {
    dialect: Dialect,
    models: HashMap<&'b str, Model<'b>>,
    /// Model names in the order written.
    order: Vec<&'b str>,
    /// Enum name → the type name in the database.
    enums: HashMap<&'b str, String>,
}

/// `@@map("name")` / `@map("name")`: the first argument.
fn mapped(attribute: Option<&parse::Attribute>) -> Option<String> {
    attribute
        .and_then(|a| a.arg("name", Some(0)))
        .and_then(Value::as_str)
        .map(str::to_string)
}

impl<'b> Models<'b> {
    fn new(blocks: &[(SourceId, &'b Block)], dialect: Dialect) -> Models<'b> {
        let mut models = HashMap::new();
        let mut order = Vec::new();
        let mut enums = HashMap::new();
        for (source, block) in blocks {
            match block.keyword.as_str() {
                "model" => {
                    let table =
                        mapped(block.attribute("map")).unwrap_or_else(|| block.name.clone());
                    let schema = mapped(block.attribute("schema"));
                    let columns = block
                        .fields
                        .iter()
                        .map(|f| {
                            let column =
                                mapped(f.attribute("map")).unwrap_or_else(|| f.name.clone());
                            (f.name.as_str(), column)
                        })
                        .collect();
                    order.push(block.name.as_str());
                    models.insert(
                        block.name.as_str(),
                        Model {
                            source: *source,
                            block,
                            table,
                            schema,
                            columns,
                        },
                    );
                }
                "enum" => {
                    let name = mapped(block.attribute("map")).unwrap_or_else(|| block.name.clone());
                    enums.insert(block.name.as_str(), name);
                }
                _ => {}
            }
        }
        Models {
            dialect,
            models,
            order,
            enums,
        }
    }

    fn tables(&self) -> Vec<Table> {
        let mut tables: Vec<Table> = self
            .order
            .iter()
            .filter_map(|name| self.models.get(name))
            .map(|model| self.table(model))
            .collect();
        tables.extend(self.join_tables());
        tables
    }

    fn obj_name(&self, model: &Model, span: Span) -> ObjName {
        ObjName {
            schema: model.schema.as_ref().map(|s| ident(s, span)),
            name: ident(&model.table, span),
            span,
        }
    }

    fn table(&self, model: &Model) -> Table {
        let block = model.block;
        let mut table = Table::new(
            model.source,
            ident(&model.table, block.name_span),
            block.span,
        );
        table.schema = model.schema.as_ref().map(|s| ident(s, block.name_span));
        let column_of = |field: &str| {
            model
                .columns
                .get(field)
                .cloned()
                .unwrap_or_else(|| field.to_string())
        };
        for field in &block.fields {
            if self.is_relation(field) {
                continue;
            }
            let name = ident(&column_of(&field.name), field.name_span);
            table.columns.push(self.column(field, name.clone()));
            if let Some(id) = field.attribute("id") {
                let key_name =
                    mapped_arg(id, "map").unwrap_or_else(|| format!("{}_pkey", model.table));
                table.primary_key = Some(Key {
                    name: Some(made_up_name(self.dialect, &key_name)),
                    columns: vec![name.clone()],
                    span: field.span,
                });
            }
            if let Some(unique) = field.attribute("unique") {
                let index_name = mapped_arg(unique, "map")
                    .unwrap_or_else(|| format!("{}_{}_key", model.table, name.value));
                table.indexes.push(Index {
                    name: Some(made_up_name(self.dialect, &index_name)),
                    columns: vec![Some(name)],
                    unique: true,
                    partial: false,
                });
            }
        }
        for attribute in &block.attributes {
            let fields = attribute
                .arg("fields", Some(0))
                .map(|v| {
                    v.elements()
                        .iter()
                        .filter_map(Value::as_name)
                        .map(|(f, span)| ident(&column_of(f), span))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let joined = fields
                .iter()
                .map(|c| c.value.as_str())
                .collect::<Vec<_>>()
                .join("_");
            match attribute.name.as_str() {
                "id" => {
                    let key_name = mapped_arg(attribute, "map")
                        .unwrap_or_else(|| format!("{}_pkey", model.table));
                    for column in &mut table.columns {
                        if fields.iter().any(|f| f.value == column.name.value) {
                            column.not_null = true;
                        }
                    }
                    table.primary_key = Some(Key {
                        name: Some(made_up_name(self.dialect, &key_name)),
                        columns: fields,
                        span: attribute.span,
                    });
                }
                "unique" | "index" => {
                    let unique = attribute.name == "unique";
                    let suffix = if unique { "key" } else { "idx" };
                    let index_name = mapped_arg(attribute, "map")
                        .unwrap_or_else(|| format!("{}_{joined}_{suffix}", model.table));
                    table.indexes.push(Index {
                        name: Some(made_up_name(self.dialect, &index_name)),
                        columns: fields.into_iter().map(Some).collect(),
                        unique,
                        partial: false,
                    });
                }
                _ => {}
            }
        }
        for field in &block.fields {
            if let Some(fk) = self.foreign_key(model, field) {
                table.fks.push(fk);
            }
        }
        table
    }

    /// A relation field (its type is a model, or it has `@relation`): no column of its own.
    fn is_relation(&self, field: &Field) -> bool {
        field.ty.is_empty()
            || self.models.contains_key(field.ty.as_str())
            || field.attribute("relation").is_some()
    }

    fn column(&self, field: &Field, name: crate::ident::Ident) -> Column {
        let native = field.attributes.iter().find(|a| a.name.starts_with("db."));
        let native_args: Vec<String> = native
            .map(|a| {
                a.args
                    .iter()
                    .filter_map(|arg| match &arg.value {
                        Value::Number(n, _) => Some(n.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let sql = match self.enums.get(field.ty.as_str()) {
            Some(enum_name) => match self.dialect {
                Dialect::Postgres => Some(enum_name.clone()),
                Dialect::MySql => Some("varchar(191)".to_string()),
                Dialect::Sqlite => Some("text".to_string()),
            },
            None => types::sql_type(
                self.dialect,
                &field.ty,
                native.map(|a| (a.name.trim_start_matches("db."), native_args.as_slice())),
            ),
        };
        let sql = sql.map(|s| if field.list { format!("{s}[]") } else { s });
        // The span a fix rewrites: the type and its `?`, through the native type attribute when there is one.
        let span = native.map_or(field.ty_span, |a| field.ty_span.join(a.span));
        let identity = field
            .attribute("default")
            .and_then(|d| d.arg("value", Some(0)))
            .and_then(Value::as_name)
            .is_some_and(|(f, _)| f == "autoincrement");
        Column {
            name,
            ty: sql.map(|text| TypeRef { text, span }),
            not_null: !field.optional && !field.list,
            default: field.attribute("default").map(|_| "default".to_string()),
            identity,
            span: field.span,
        }
    }

    /// A relation field with `fields:` and `references:`.
    /// A relation to a model no file defines becomes a key to a table of that name, which does not exist
    /// (Prisma refuses the schema; the finding says which table was meant).
    fn foreign_key(&self, model: &Model, field: &Field) -> Option<Fk> {
        let target = self.models.get(field.ty.as_str());
        let relation = field.attribute("relation")?;
        let own = |m: Option<&Model>, v: &Value| -> Vec<crate::ident::Ident> {
            v.elements()
                .iter()
                .filter_map(Value::as_name)
                .map(|(f, span)| {
                    let column = m.and_then(|m| m.columns.get(f)).map_or(f, String::as_str);
                    ident(column, span)
                })
                .collect()
        };
        let columns = own(Some(model), relation.arg("fields", None)?);
        let ref_columns = own(target, relation.arg("references", None)?);
        let joined = columns
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>()
            .join("_");
        let name =
            mapped_arg(relation, "map").unwrap_or_else(|| format!("{}_{joined}_fkey", model.table));
        let action = |key: &str, default: RefAction| {
            relation
                .arg(key, None)
                .and_then(Value::as_name)
                .map_or(default, |(a, _)| orm::action(a))
        };
        let default_delete = if field.optional {
            RefAction::SetNull(Vec::new())
        } else {
            RefAction::Restrict
        };
        let type_span = Span::new(field.ty_span.start, field.ty_span.start + field.ty.len());
        Some(Fk {
            name: Some(made_up_name(self.dialect, &name)),
            columns,
            ref_table: match target {
                Some(target) => self.obj_name(target, type_span),
                None => ObjName::unqualified(ident(&field.ty, type_span)),
            },
            ref_columns,
            on_delete: action("onDelete", default_delete),
            on_update: action("onUpdate", RefAction::Cascade),
            span: field.span,
        })
    }

    /// Implicit many-to-many relations: a list field on both sides and `fields:` on neither. Prisma creates
    /// `_<relation name>` (or `_<A>To<B>`, the models in alphabetical order) with columns `A` and `B`.
    fn join_tables(&self) -> Vec<Table> {
        let mut seen = HashSet::new();
        let mut tables = Vec::new();
        for name in &self.order {
            let Some(model) = self.models.get(name) else {
                continue;
            };
            for field in model.block.fields.iter().filter(|f| f.list) {
                let Some(other) = self.models.get(field.ty.as_str()) else {
                    continue;
                };
                let name_of_relation = relation_name(field);
                let opposite = other.block.fields.iter().find(|f| {
                    f.ty == model.block.name
                        && relation_name(f) == name_of_relation
                        && !(std::ptr::eq(*f, field))
                });
                if !opposite.is_some_and(|o| o.list) || has_fields(field) {
                    continue;
                }
                let (a, b) = if model.block.name <= other.block.name {
                    (model, other)
                } else {
                    (other, model)
                };
                let table_name = match &name_of_relation {
                    Some(r) => format!("_{r}"),
                    None => format!("_{}To{}", a.block.name, b.block.name),
                };
                if !seen.insert(table_name.clone()) {
                    continue;
                }
                tables.extend(self.join_table(model.source, field, &table_name, a, b));
            }
        }
        tables
    }

    fn join_table(
        &self,
        source: SourceId,
        field: &Field,
        name: &str,
        a: &Model,
        b: &Model,
    ) -> Option<Table> {
        let span = field.span;
        let mut table = Table::new(source, ident(name, span), span);
        table.schema = a.schema.as_ref().map(|s| ident(s, span));
        for (column, model) in [("A", a), ("B", b)] {
            let id = model
                .block
                .fields
                .iter()
                .find(|f| f.attribute("id").is_some())?;
            let id_type = self
                .column(id, ident(column, span))
                .ty
                .map(|t| TypeRef { text: t.text, span });
            let id_column = model
                .columns
                .get(id.name.as_str())
                .cloned()
                .unwrap_or_else(|| id.name.clone());
            table.columns.push(Column {
                name: ident(column, span),
                ty: id_type,
                not_null: true,
                default: None,
                identity: false,
                span,
            });
            table.fks.push(Fk {
                name: Some(made_up_name(self.dialect, &format!("{name}_{column}_fkey"))),
                columns: vec![ident(column, span)],
                ref_table: self.obj_name(model, span),
                ref_columns: vec![ident(&id_column, span)],
                on_delete: RefAction::Cascade,
                on_update: RefAction::Cascade,
                span,
            });
        }
        table.indexes.push(Index {
            name: Some(made_up_name(self.dialect, &format!("{name}_AB_unique"))),
            columns: vec![Some(ident("A", span)), Some(ident("B", span))],
            unique: true,
            partial: false,
        });
        table.indexes.push(Index {
            name: Some(made_up_name(self.dialect, &format!("{name}_B_index"))),
            columns: vec![Some(ident("B", span))],
            unique: false,
            partial: false,
        });
        Some(table)
    }
}

fn mapped_arg(attribute: &parse::Attribute, key: &str) -> Option<String> {
    attribute
        .arg(key, None)
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// `@relation("Name")` / `@relation(name: "Name")`.
fn relation_name(field: &Field) -> Option<String> {
    field
        .attribute("relation")
        .and_then(|r| r.arg("name", Some(0)))
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn has_fields(field: &Field) -> bool {
    field
        .attribute("relation")
        .is_some_and(|r| r.arg("fields", None).is_some())
}
