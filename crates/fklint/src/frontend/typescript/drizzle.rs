//! Drizzle schema modules: `pgTable` / `mysqlTable` / `sqliteTable` and `pgSchema(...).table`, their column
//! builders and chains (`.primaryKey()`, `.notNull()`, `.unique()`, `.references(() => t.col, {...})`), the
//! extra config (`primaryKey`, `foreignKey`, `unique`, `index`, `uniqueIndex`), tables spread over modules that
//! import each other, and the names drizzle-kit gives constraints (`<table>_<cols>_<ref>_<refcols>_fk`,
//! `<table>_<col>_unique`, `<table>_<cols>_pk`; PostgreSQL then truncates them to 63 bytes, as the catalog does).
//!
//! A module is parsed once; the tables are built when every module is known, since a table's foreign keys
//! name variables of other modules.

use std::collections::{HashMap, HashSet};

use super::expr::{chain, Expr, Reader};
use super::lex::{Kind, Token};
use super::types::builder_type;
use crate::dialect::Dialect;
use crate::events::TypeRef;
use crate::frontend::orm::{action, ident, made_up_name, Column, Fk, Index, Key, Table};
use crate::ident::{Ident, ObjName};
use crate::source::{SourceId, Span};

/// One module: its top-level `const`s and what it imports.
pub struct Module {
    pub source: SourceId,
    /// `const name = value`, in order.
    consts: Vec<(String, Expr)>,
    /// Imported names: local name → (exported name, module specifier).
    imports: HashMap<String, String>,
    /// `casing: ...` in a config: `Some(true)` for snake_case.
    casing: Option<bool>,
}

/// Reads a module's top-level declarations and imports.
pub fn read_module(src: &str, tokens: &[Token], source: SourceId) -> Module {
    let mut module = Module {
        source,
        consts: Vec::new(),
        imports: HashMap::new(),
        casing: None,
    };
    let text = |i: usize| tokens.get(i).map_or("", |t| t.text(src));
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        match text(i) {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => depth = depth.saturating_sub(1),
            "import" if depth == 0 => {
                i = read_import(src, tokens, i + 1, &mut module.imports);
                continue;
            }
            "casing" if text(i + 1) == ":" => {
                module.casing = Some(!matches!(
                    tokens.get(i + 2).map(|t| (t.kind, t.text(src))),
                    Some((Kind::Str { .. }, "\"camelCase\"" | "'camelCase'"))
                ));
            }
            "const" | "let" | "var" if depth == 0 => {
                if let Some((name, end)) = read_const(src, tokens, i + 1, &mut module.consts) {
                    let _ = name;
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    module
}

/// `name [: Type] = expr` after `const`; the position after the expression.
fn read_const(
    src: &str,
    tokens: &[Token],
    at: usize,
    consts: &mut Vec<(String, Expr)>,
) -> Option<(String, usize)> {
    let name_token = tokens.get(at).filter(|t| t.kind == Kind::Name)?;
    let name = name_token.text(src).to_string();
    let mut reader = Reader::new(src, tokens);
    reader.pos = at + 1;
    if reader.eat(":") {
        reader.skip_type();
    }
    if !reader.eat("=") {
        return None;
    }
    let expr = reader.expr();
    consts.push((name.clone(), expr));
    Some((name, reader.pos.max(at + 1)))
}

/// `import { a, b as c } from "m"`, `import * as ns from "m"`, `import type ...` (skipped); the position after.
fn read_import(
    src: &str,
    tokens: &[Token],
    mut i: usize,
    imports: &mut HashMap<String, String>,
) -> usize {
    let text = |i: usize| tokens.get(i).map_or("", |t| t.text(src));
    let mut names: Vec<(String, String)> = Vec::new();
    let mut in_braces = false;
    while i < tokens.len() {
        match text(i) {
            "{" => in_braces = true,
            "}" => in_braces = false,
            "from" | ";" => break,
            "type" if !in_braces => {}
            word if tokens[i].kind == Kind::Name && word != "as" => {
                if text(i + 1) == "as" {
                    let local = text(i + 2).to_string();
                    names.push((local, word.to_string()));
                    i += 3;
                    continue;
                }
                names.push((word.to_string(), word.to_string()));
            }
            _ => {}
        }
        i += 1;
    }
    for (local, exported) in names {
        imports.insert(local, exported);
    }
    i + 1
}

/// The dialect a table function creates tables in.
fn table_function(name: &str) -> Option<Dialect> {
    match name {
        "pgTable" => Some(Dialect::Postgres),
        "mysqlTable" => Some(Dialect::MySql),
        "sqliteTable" => Some(Dialect::Sqlite),
        _ => None,
    }
}

fn schema_function(name: &str) -> Option<Dialect> {
    match name {
        "pgSchema" => Some(Dialect::Postgres),
        "mysqlSchema" => Some(Dialect::MySql),
        _ => None,
    }
}

/// The dialect a module's tables are declared for (`pgTable` → PostgreSQL), for `--dialect auto`.
pub fn declared_dialect(src: &str, tokens: &[Token]) -> Option<Dialect> {
    tokens.windows(2).find_map(|pair| {
        (pair[1].text(src) == "(")
            .then(|| table_function(pair[0].text(src)))
            .flatten()
    })
}

/// A foreign key before its target variable is resolved.
struct PendingFk {
    columns: Vec<Ident>,
    /// `users.id` of `() => users.id`: the variable (with a namespace before it, dropped) and the property.
    targets: Vec<(String, Span, String)>,
    name: Option<String>,
    on_delete: String,
    on_update: String,
    span: Span,
}

/// A table being built: its columns by property name (the name code uses) and its unresolved keys.
struct Building {
    var: String,
    table: Table,
    dialect: Dialect,
    /// Property name → column name.
    properties: HashMap<String, String>,
    fks: Vec<PendingFk>,
    /// A key or column could not be read: the table is judged as uncertain.
    uncertain: bool,
}

/// What the modules declare besides tables.
#[derive(Default)]
struct Names<'m> {
    /// `pgSchema("s")` variables: schema name and dialect.
    schemas: HashMap<&'m str, (String, Span, Dialect)>,
    /// `pgEnum("name", [...])` variables: the type name.
    enums: HashMap<&'m str, String>,
    /// `customType({ dataType() { return "bytea" } })` variables: the SQL type.
    custom: HashMap<&'m str, String>,
    /// Every other top-level `const`, for spreads of shared columns.
    values: HashMap<&'m str, &'m Expr>,
}

/// What the modules of a run declare: every table (resolved), the variable of each, and the names of tables
/// whose foreign keys point at variables no module defines (imported from elsewhere).
pub struct Schema {
    pub tables: Vec<Table>,
    /// SQL table name → variable (a fix names a table as the code does).
    pub variables: Vec<(String, String)>,
    pub uncertain: Vec<(SourceId, Span, ObjName)>,
}

/// Builds the tables of every module.
pub fn schema(modules: &[(Module, &str)]) -> Schema {
    let snake_case = modules.iter().find_map(|(m, _)| m.casing).unwrap_or(false);
    let mut names = Names::default();
    for (module, _) in modules {
        for (var, value) in &module.consts {
            read_name(var, value, &mut names);
        }
    }
    let mut building: Vec<Building> = Vec::new();
    for (module, src) in modules {
        for (var, value) in &module.consts {
            let context = Context {
                src,
                names: &names,
                snake_case,
            };
            if let Some(table) = context.table(module.source, var, value) {
                building.push(table);
            }
        }
    }
    resolve(modules, building)
}

fn read_name<'m>(var: &'m str, value: &'m Expr, names: &mut Names<'m>) {
    names.values.insert(var, value);
    let Expr::Call { callee, args, .. } = value else {
        return;
    };
    let Some(function) = callee.path().and_then(|p| p.last().map(|(n, _)| *n)) else {
        return;
    };
    let first = args.first();
    if let Some(dialect) = schema_function(function) {
        if let Some(Expr::Str { value, body, .. }) = first {
            names.schemas.insert(var, (value.clone(), *body, dialect));
        }
    } else if function == "pgEnum" {
        if let Some(name) = first.and_then(Expr::as_str) {
            names.enums.insert(var, name.to_string());
        }
    } else if function == "customType" {
        let data_type = first
            .and_then(|c| c.prop("dataType"))
            .map(Expr::returned)
            .and_then(Expr::as_str);
        if let Some(sql) = data_type {
            names.custom.insert(var, sql.to_string());
        }
    }
}

struct Context<'a, 'm> {
    src: &'a str,
    names: &'a Names<'m>,
    snake_case: bool,
}

impl Context<'_, '_> {
    /// `pgTable("name", { columns }, (t) => [config])` and `schema.table(...)`, possibly chained
    /// (`.enableRLS()`).
    fn table(&self, source: SourceId, var: &str, value: &Expr) -> Option<Building> {
        let head = chain(value).head;
        let Expr::Call { callee, args, span } = head else {
            return None;
        };
        let (dialect, schema) = match callee.as_ref() {
            Expr::Name(function, _) => (table_function(function)?, None),
            Expr::Member { object, name, .. } if name == "table" => {
                let schema_var = object.as_name()?;
                let (schema, span, dialect) = self.names.schemas.get(schema_var)?;
                (*dialect, Some(ident(schema, *span)))
            }
            _ => return None,
        };
        let Some(Expr::Str {
            value: name, body, ..
        }) = args.first()
        else {
            return None;
        };
        let mut table = Table::new(source, ident(name, *body), *span);
        table.schema = schema;
        let mut building = Building {
            var: var.to_string(),
            table,
            dialect,
            properties: HashMap::new(),
            fks: Vec::new(),
            uncertain: false,
        };
        if let Some(columns) = args.get(1) {
            self.columns(columns.returned(), &mut building, 0);
        }
        if let Some(config) = args.get(2) {
            let items: Vec<&Expr> = match config.returned() {
                Expr::Object(props, _) => props.iter().map(|p| &p.value).collect(),
                Expr::Array(items, _) => items.iter().collect(),
                _ => Vec::new(),
            };
            for item in items {
                self.config_item(item, &mut building);
            }
        }
        Some(building)
    }

    /// The properties of a columns object; a spread of a shared object adds its columns.
    fn columns(&self, object: &Expr, building: &mut Building, depth: usize) {
        let Expr::Object(props, _) = object else {
            building.uncertain = true;
            return;
        };
        for prop in props {
            if prop.key == "..." {
                let shared = prop
                    .value
                    .as_name()
                    .and_then(|n| self.names.values.get(n))
                    .filter(|_| depth < 8);
                match shared {
                    Some(shared) => self.columns(shared.returned(), building, depth + 1),
                    None => building.uncertain = true,
                }
                continue;
            }
            if !self.column(&prop.key, &prop.value, building) {
                building.uncertain = true;
            }
        }
    }

    /// One column property; false when its builder is not a call.
    fn column(&self, property: &str, value: &Expr, building: &mut Building) -> bool {
        let chain = chain(value);
        let Expr::Call { callee, args, span } = chain.head else {
            return false;
        };
        let Some(builder) = callee.path().and_then(|p| p.last().map(|(n, _)| *n)) else {
            return false;
        };
        let written_name = args.first().and_then(Expr::as_str);
        let config = args.iter().find(|a| matches!(a, Expr::Object(..)));
        let name = match written_name {
            Some(name) => name.to_string(),
            None if self.snake_case => to_snake_case(property),
            None => property.to_string(),
        };
        let name_span = match args.first() {
            Some(Expr::Str { body, .. }) => *body,
            _ => *span,
        };
        let column_name = ident(&name, name_span);
        let (ty, identity) = if let Some(enum_name) = self.names.enums.get(builder) {
            (Some(enum_name.clone()), false)
        } else if let Some(custom) = self.names.custom.get(builder) {
            (Some(custom.clone()), false)
        } else if builder.ends_with("Enum") && building.dialect == Dialect::MySql {
            (Some("varchar(255)".to_string()), false)
        } else {
            match builder_type(building.dialect, builder, config) {
                Some(built) => (Some(built.sql), built.identity),
                None => (None, false),
            }
        };
        building.table.columns.push(Column {
            name: column_name,
            ty: ty.map(|text| TypeRef { text, span: *span }),
            not_null: false,
            default: None,
            identity,
            span: value.span(),
        });
        let index = building.table.columns.len() - 1;
        building
            .properties
            .insert(property.to_string(), name.clone());
        for (method, method_args, method_span) in &chain.calls {
            self.column_method(building, index, method, method_args, *method_span);
        }
        true
    }

    fn column_method(
        &self,
        building: &mut Building,
        index: usize,
        method: &str,
        args: &[Expr],
        span: Span,
    ) {
        let Some(column) = building.table.columns.get_mut(index) else {
            return;
        };
        let name = column.name.clone();
        match method {
            "notNull" => column.not_null = true,
            "primaryKey" => {
                column.not_null = true;
                if args
                    .first()
                    .and_then(|c| c.prop("autoIncrement"))
                    .and_then(Expr::as_bool)
                    == Some(true)
                {
                    column.identity = true;
                }
                building.table.primary_key = Some(Key {
                    name: None,
                    columns: vec![name],
                    span,
                });
            }
            "autoincrement" | "generatedAlwaysAsIdentity" | "generatedByDefaultAsIdentity" => {
                column.identity = true
            }
            "default" | "defaultNow" | "defaultRandom" => {
                column.default = Some(args.first().map_or("default".to_string(), |a| {
                    a.span().slice(self.src).to_string()
                }))
            }
            "unique" => {
                let table = building.table.name.value.clone();
                let written = args.first().and_then(Expr::as_str);
                let key_name = written
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{table}_{}_unique", name.value));
                building.table.uniques.push(Key {
                    name: Some(made_up_name(building.dialect, &key_name)),
                    columns: vec![name],
                    span,
                });
            }
            "references" => {
                let target = args.first().map(|f| f.returned()).and_then(target_of);
                let options = args.get(1);
                let action = |key: &str| {
                    options
                        .and_then(|o| o.prop(key))
                        .and_then(Expr::as_str)
                        .unwrap_or("no action")
                        .to_string()
                };
                match target {
                    Some(target) => building.fks.push(PendingFk {
                        columns: vec![name],
                        targets: vec![target],
                        name: None,
                        on_delete: action("onDelete"),
                        on_update: action("onUpdate"),
                        span,
                    }),
                    None => building.uncertain = true,
                }
            }
            _ => {}
        }
    }

    /// One entry of the extra config: `primaryKey`, `foreignKey`, `unique`, `index`, `uniqueIndex`.
    fn config_item(&self, item: &Expr, building: &mut Building) {
        let chain = chain(item);
        let Expr::Call { callee, args, .. } = chain.head else {
            return;
        };
        let Some(function) = callee.as_name() else {
            return;
        };
        let span = item.span();
        let method_args = |method: &str| {
            chain
                .calls
                .iter()
                .find(|(m, _, _)| *m == method)
                .map(|(_, args, _)| *args)
        };
        let written_name = args.first().and_then(Expr::as_str).map(str::to_string);
        let table_name = building.table.name.value.clone();
        let dialect = building.dialect;
        match function {
            "primaryKey" => {
                let config = args.first().filter(|a| matches!(a, Expr::Object(..)));
                let columns = match config {
                    Some(config) => config.prop("columns").map_or(&[][..], Expr::elements),
                    None => args,
                };
                let columns = self.own_columns(columns, building);
                let name = config
                    .and_then(|c| c.prop("name"))
                    .and_then(Expr::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{table_name}_{}_pk", join(&columns)));
                for column in &mut building.table.columns {
                    if columns.iter().any(|c| c.value == column.name.value) {
                        column.not_null = true;
                    }
                }
                building.table.primary_key = Some(Key {
                    name: Some(made_up_name(building.dialect, &name)),
                    columns,
                    span,
                });
            }
            "foreignKey" => {
                let Some(config) = args.first() else { return };
                let columns = config.prop("columns").map_or(&[][..], Expr::elements);
                let columns = self.own_columns(columns, building);
                let targets: Option<Vec<_>> = config
                    .prop("foreignColumns")
                    .map_or(&[][..], Expr::elements)
                    .iter()
                    .map(target_of)
                    .collect();
                let action = |method: &str| {
                    method_args(method)
                        .and_then(|a| a.first())
                        .and_then(Expr::as_str)
                        .unwrap_or("no action")
                        .to_string()
                };
                match targets {
                    Some(targets) if !targets.is_empty() && targets.len() == columns.len() => {
                        building.fks.push(PendingFk {
                            columns,
                            targets,
                            name: config
                                .prop("name")
                                .and_then(Expr::as_str)
                                .map(str::to_string),
                            on_delete: action("onDelete"),
                            on_update: action("onUpdate"),
                            span,
                        })
                    }
                    _ => building.uncertain = true,
                }
            }
            "unique" => {
                let columns = self.own_columns(method_args("on").unwrap_or(&[]), building);
                let name = written_name
                    .unwrap_or_else(|| format!("{table_name}_{}_unique", join(&columns)));
                building.table.uniques.push(Key {
                    name: Some(made_up_name(building.dialect, &name)),
                    columns,
                    span,
                });
            }
            "index" | "uniqueIndex" => {
                let columns = self
                    .own_columns(method_args("on").unwrap_or(&[]), building)
                    .into_iter()
                    .map(Some)
                    .collect();
                building.table.indexes.push(Index {
                    name: written_name.map(|n| made_up_name(dialect, &n)),
                    columns,
                    unique: function == "uniqueIndex",
                    partial: method_args("where").is_some(),
                });
            }
            _ => {}
        }
    }

    /// `t.userId` (the config's parameter, or the table's own variable) → the column's name.
    fn own_columns(&self, items: &[Expr], building: &Building) -> Vec<Ident> {
        items
            .iter()
            .filter_map(|item| {
                let path = item.path()?;
                let (property, span) = path.last()?;
                let name = building.properties.get(*property)?;
                Some(ident(name, *span))
            })
            .collect()
    }
}

/// `users.id` / `schema.users.id` → (`users`, its span, `id`).
fn target_of(expr: &Expr) -> Option<(String, Span, String)> {
    let path = expr.path()?;
    let [.., (var, var_span), (property, _)] = path.as_slice() else {
        return None;
    };
    Some((var.to_string(), *var_span, property.to_string()))
}

fn join(columns: &[Ident]) -> String {
    columns
        .iter()
        .map(|c| c.value.as_str())
        .collect::<Vec<_>>()
        .join("_")
}

/// Resolves every foreign key's target variable to its table, then names the keys as drizzle-kit does.
fn resolve(modules: &[(Module, &str)], building: Vec<Building>) -> Schema {
    let mut by_var: HashMap<(SourceId, &str), usize> = HashMap::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (i, b) in building.iter().enumerate() {
        by_var.insert((b.table.source, b.var.as_str()), i);
        by_name.entry(b.var.as_str()).or_insert(i);
    }
    let imports: HashMap<SourceId, &HashMap<String, String>> = modules
        .iter()
        .map(|(m, _)| (m.source, &m.imports))
        .collect();
    let imported: HashSet<(SourceId, &str)> = modules
        .iter()
        .flat_map(|(m, _)| m.imports.keys().map(move |k| (m.source, k.as_str())))
        .collect();
    let find = |source: SourceId, var: &str| -> Option<usize> {
        if let Some(&i) = by_var.get(&(source, var)) {
            return Some(i);
        }
        let exported = imports
            .get(&source)
            .and_then(|m| m.get(var))
            .map_or(var, String::as_str);
        by_name.get(exported).copied()
    };
    let mut tables = Vec::new();
    let mut uncertain = Vec::new();
    for b in &building {
        let mut table = b.table.clone();
        for fk in &b.fks {
            let Some((var, var_span, _)) = fk.targets.first() else {
                continue;
            };
            let target = find(b.table.source, var);
            let resolved_columns: Option<Vec<Ident>> = target.and_then(|t| {
                let target = &building[t];
                fk.targets
                    .iter()
                    .map(|(_, span, property)| {
                        let column = target.properties.get(property.as_str())?;
                        Some(ident(column, *span))
                    })
                    .collect()
            });
            let (ref_table, ref_columns) = match (target, resolved_columns) {
                (Some(t), Some(columns)) => {
                    let target = &building[t].table;
                    (
                        ObjName {
                            schema: target.schema.clone(),
                            name: Ident {
                                span: *var_span,
                                ..target.name.clone()
                            },
                            span: *var_span,
                        },
                        columns,
                    )
                }
                (None, _) if !imported.contains(&(b.table.source, var.as_str())) => {
                    // No module defines or imports it: the table the key needs does not exist.
                    let missing = ident(var, *var_span);
                    let columns = fk
                        .targets
                        .iter()
                        .map(|(_, span, property)| ident(property, *span))
                        .collect();
                    (ObjName::unqualified(missing), columns)
                }
                _ => {
                    // Imported from a module that was not read: nothing can be said about it.
                    uncertain.push((b.table.source, fk.span, b.table.obj_name()));
                    continue;
                }
            };
            let name = fk.name.clone().unwrap_or_else(|| {
                let columns: Vec<Ident> = fk.columns.clone();
                format!(
                    "{}_{}_{}_{}_fk",
                    table.name.value,
                    join(&columns),
                    ref_table.name.value,
                    join(&ref_columns)
                )
            });
            table.fks.push(Fk {
                name: Some(made_up_name(b.dialect, &name)),
                columns: fk.columns.clone(),
                ref_table,
                ref_columns,
                on_delete: action(&fk.on_delete),
                on_update: action(&fk.on_update),
                span: fk.span,
            });
        }
        if b.uncertain {
            uncertain.push((b.table.source, b.table.span, b.table.obj_name()));
        }
        tables.push(table);
    }
    let variables = building
        .iter()
        .map(|b| (b.table.name.value.clone(), b.var.clone()))
        .collect();
    Schema {
        tables,
        variables,
        uncertain,
    }
}

/// Drizzle's `toSnakeCase`: the words of `[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+`, lower-cased, joined by `_`.
pub fn to_snake_case(input: &str) -> String {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| *c != '\'' && *c != '\u{2019}')
        .collect();
    let lower = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if lower(c) {
            let start = i;
            while i < chars.len() && lower(chars[i]) {
                i += 1;
            }
            words.push(chars[start..i].iter().collect());
        } else if c.is_ascii_uppercase() {
            let start = i;
            let mut end = i;
            while end < chars.len() && chars[end].is_ascii_uppercase() {
                end += 1;
            }
            // `[A-Z]+(?![a-z])`, backing off one capital at a time.
            let mut upper_end = end;
            while upper_end > start && chars.get(upper_end).is_some_and(|c| c.is_ascii_lowercase())
            {
                upper_end -= 1;
            }
            if upper_end > start {
                words.push(chars[start..upper_end].iter().collect());
                i = upper_end;
            } else {
                // `[A-Z][\da-z]+`.
                let mut j = start + 1;
                while j < chars.len() && lower(chars[j]) {
                    j += 1;
                }
                words.push(chars[start..j].iter().collect());
                i = j;
            }
        } else {
            i += 1;
        }
    }
    words
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// Line spans of the module's tokens (a directive comment covers the line it ends or the line below it).
pub fn token_lines(src: &str, tokens: &[Token]) -> Vec<Span> {
    let mut lines: Vec<Span> = Vec::new();
    let mut last_line_end = None;
    for token in tokens {
        let line_end = src
            .get(token.span.start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(src.len(), |n| token.span.start + n);
        match lines.last_mut() {
            Some(line) if last_line_end == Some(line_end) => line.end = token.span.end,
            _ => lines.push(token.span),
        }
        last_line_end = Some(line_end);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_as_drizzle_writes_it() {
        assert_eq!(to_snake_case("userId"), "user_id");
        assert_eq!(to_snake_case("homeBoardId"), "home_board_id");
        assert_eq!(to_snake_case("HTTPServer"), "http_server");
        assert_eq!(to_snake_case("refresh_token"), "refresh_token");
        assert_eq!(to_snake_case("id2Fa"), "id2_fa");
    }
}
