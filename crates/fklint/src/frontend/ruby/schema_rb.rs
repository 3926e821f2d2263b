//! `db/schema.rb`, the schema Rails dumps: `create_table` blocks (`id:` type or `id: false`, `primary_key:`),
//! their `t.<type>` columns (`null:`, `limit:`, `precision:`, `scale:`, `array:`, `default:`), `t.index` and
//! `t.unique_constraint`, `create_enum`, and `add_foreign_key` (`column:`, `primary_key:`, `on_delete:`,
//! `on_update:`, `name:`, else `fk_rails_<hash>` as Rails computes it). The default key is `bigint` (Rails 5.1
//! and later; every dump with `ActiveRecord::Schema[x.y]` is 7.0 or later).

use super::lex::{call, Call, Value};
use super::sha256::rails_foreign_key_name;
use crate::dialect::Dialect;
use crate::events::{RefAction, TypeRef};
use crate::frontend::orm::{ident, made_up_name, Column, Fk, Index, Key, Table};
use crate::ident::{Ident, ObjName};
use crate::source::{SourceId, Span};

/// Whether a Ruby source is a schema dump (it defines `ActiveRecord::Schema`).
pub fn is_schema(src: &str) -> bool {
    src.contains("ActiveRecord::Schema")
}

/// The tables of a schema dump, foreign keys included.
pub fn read(src: &str, lines: &[Span], source: SourceId, dialect: Dialect) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut open: Option<Table> = None;
    for &line in lines {
        let Some(call) = call(src, line) else {
            continue;
        };
        match (&mut open, call.receiver.as_deref(), call.method.as_str()) {
            (None, None, "create_table") => open = create_table(&call, source, dialect),
            (Some(table), None, "end") => {
                table.span = table.span.join(line);
                tables.extend(open.take());
            }
            (Some(table), Some(_), "index") => index(&call, table),
            (Some(table), Some(_), "unique_constraint") => unique_constraint(&call, table, dialect),
            (Some(table), Some(_), "timestamps") => {
                for name in ["created_at", "updated_at"] {
                    table.columns.push(Column {
                        name: ident(name, call.span),
                        ty: Some(TypeRef {
                            text: "timestamp(6)".into(),
                            span: call.span,
                        }),
                        not_null: true,
                        default: None,
                        identity: false,
                        span: call.span,
                    });
                }
            }
            (Some(table), Some(_), method) => column(src, &call, method, table, dialect),
            (None, None, "add_foreign_key") => foreign_key(&call, &mut tables, dialect),
            _ => {}
        }
    }
    tables.extend(open);
    tables
}

/// `create_table "name", id: :uuid, primary_key: "code", force: :cascade do |t|`.
fn create_table(call: &Call, source: SourceId, dialect: Dialect) -> Option<Table> {
    let Some(Value::Str(name, body)) = call.positional.first() else {
        return None;
    };
    let mut table = Table::new(source, ident(name, *body), call.span);
    let id = call.keyword("id");
    if matches!(id, Some(Value::Name(n, _)) if n == "false") {
        if let Some(Value::Array(columns, span)) = call.keyword("primary_key") {
            let columns = columns
                .iter()
                .filter_map(|c| c.as_str().map(|n| ident(n, c.span())))
                .collect();
            table.primary_key = Some(Key {
                name: None,
                columns,
                span: *span,
            });
        }
        return Some(table);
    }
    let key_type = id.and_then(Value::as_str).unwrap_or("bigint");
    let key_name = call
        .keyword("primary_key")
        .and_then(Value::as_str)
        .unwrap_or("id");
    let (text, identity) = match (dialect, key_type) {
        (Dialect::Postgres, "bigint") => ("bigint", true),
        (Dialect::Postgres, "serial" | "integer") => ("integer", key_type == "serial"),
        (Dialect::MySql, "bigint") => ("bigint", true),
        (Dialect::MySql, "integer" | "serial") => ("int", true),
        (Dialect::Sqlite, "bigint" | "integer" | "serial") => ("integer", true),
        (_, other) => (
            rails_type(dialect, other, None, None, None).unwrap_or("bigint"),
            false,
        ),
    };
    let text = text.to_string();
    let span = id.map_or(call.span, Value::span);
    let name = ident(key_name, span);
    table.columns.push(Column {
        name: name.clone(),
        ty: Some(TypeRef { text, span }),
        not_null: true,
        default: None,
        identity,
        span,
    });
    table.primary_key = Some(Key {
        name: None,
        columns: vec![name],
        span,
    });
    Some(table)
}

fn number(value: Option<&Value>) -> Option<&str> {
    match value {
        Some(Value::Number(n, _)) => Some(n),
        _ => None,
    }
}

/// The SQL type of `t.<method>` in `dialect`, with `limit:` / `precision:` / `scale:`; `None` for types fklint
/// does not know.
pub fn rails_type(
    dialect: Dialect,
    method: &str,
    limit: Option<&str>,
    precision: Option<&str>,
    scale: Option<&str>,
) -> Option<&'static str> {
    let _ = (precision, scale);
    Some(match (dialect, method, limit) {
        (_, "integer", Some("2")) => "smallint",
        (_, "integer", Some("8")) | (_, "bigint", _) => "bigint",
        (Dialect::MySql, "integer", _) => "int",
        (_, "integer", _) => "integer",
        (Dialect::Postgres, "string", None) => "varchar",
        (Dialect::MySql, "string", None) => "varchar(255)",
        (Dialect::Sqlite, "string", None) => "varchar",
        (_, "text", _) => "text",
        (_, "uuid", _) if dialect == Dialect::Postgres => "uuid",
        (Dialect::Postgres, "datetime" | "timestamp", _) => "timestamp",
        (Dialect::MySql, "datetime", _) => "datetime(6)",
        (_, "datetime" | "timestamp", _) => "datetime",
        (_, "date", _) => "date",
        (_, "boolean", _) if dialect == Dialect::MySql => "tinyint(1)",
        (_, "boolean", _) => "boolean",
        (_, "float", _) if dialect == Dialect::Postgres => "double precision",
        (_, "float", _) => "float",
        (_, "json", _) => "json",
        (_, "jsonb", _) => "jsonb",
        (Dialect::Postgres, "binary", _) => "bytea",
        (_, "binary", _) => "blob",
        (_, "inet", _) => "inet",
        (_, "citext", _) => "citext",
        (_, "serial", _) => "serial",
        (_, "bigserial", _) => "bigserial",
        _ => return None,
    })
}

/// `t.<type> "name", null: false, limit: 64, ...`.
fn column(src: &str, call: &Call, method: &str, table: &mut Table, dialect: Dialect) {
    let Some(Value::Str(name, body)) = call.positional.first() else {
        return;
    };
    let type_method = match method {
        "virtual" => call.keyword("type").and_then(Value::as_str).unwrap_or(""),
        other => other,
    };
    let limit = number(call.keyword("limit"));
    let precision = number(call.keyword("precision"));
    let scale = number(call.keyword("scale"));
    let sql = match (type_method, limit, precision) {
        ("string", Some(n), _) => Some(format!("varchar({n})")),
        ("decimal", _, Some(p)) => Some(match scale {
            Some(s) => format!("numeric({p},{s})"),
            None => format!("numeric({p})"),
        }),
        ("decimal", _, None) => Some("numeric".to_string()),
        ("enum", _, _) => call
            .keyword("enum_type")
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => rails_type(dialect, type_method, limit, precision, scale).map(str::to_string),
    };
    let array = matches!(call.keyword("array"), Some(Value::Name(n, _)) if n == "true");
    let sql = sql.map(|s| if array { format!("{s}[]") } else { s });
    let not_null = matches!(call.keyword("null"), Some(Value::Name(n, _)) if n == "false");
    table.columns.push(Column {
        name: ident(name, *body),
        ty: sql.map(|text| TypeRef {
            text,
            span: method_span(src, call, method),
        }),
        not_null,
        default: call
            .keyword("default")
            .map(|v| v.span().slice(src).to_string()),
        identity: false,
        span: call.span,
    });
}

/// Where `.method` is written in `t.method "x"` (a fix changes the method).
pub(super) fn method_span(src: &str, call: &Call, method: &str) -> Span {
    let text = call.span.slice(src);
    match text.find(&format!(".{method}")) {
        Some(at) => Span::new(
            call.span.start + at + 1,
            call.span.start + at + 1 + method.len(),
        ),
        None => call.span,
    }
}

/// `t.index ["a", "b"], name: "x", unique: true, where: "..."`; an expression index has no column.
fn index(call: &Call, table: &mut Table) {
    let columns = match call.positional.first() {
        Some(Value::Array(items, _)) => items
            .iter()
            .map(|c| c.as_str().map(|n| ident(n, c.span())))
            .collect(),
        Some(Value::Str(..)) => vec![None],
        _ => return,
    };
    table.indexes.push(Index {
        name: call
            .keyword("name")
            .and_then(Value::as_str)
            .map(|n| ident(n, call.span)),
        columns,
        unique: matches!(call.keyword("unique"), Some(Value::Name(n, _)) if n == "true"),
        partial: call.keyword("where").is_some(),
    });
}

/// `t.unique_constraint ["a", "b"], name: "x"` (Rails 7.1).
fn unique_constraint(call: &Call, table: &mut Table, dialect: Dialect) {
    let Some(Value::Array(items, _)) = call.positional.first() else {
        return;
    };
    table.uniques.push(Key {
        name: call
            .keyword("name")
            .and_then(Value::as_str)
            .map(|n| made_up_name(dialect, n)),
        columns: items
            .iter()
            .filter_map(|c| c.as_str().map(|n| ident(n, c.span())))
            .collect(),
        span: call.span,
    });
}

/// `add_foreign_key "from", "to", column: "c", primary_key: "id", on_delete: :cascade, name: "x"`.
fn foreign_key(call: &Call, tables: &mut [Table], dialect: Dialect) {
    let (Some(Value::Str(from, _)), Some(Value::Str(to, to_body))) =
        (call.positional.first(), call.positional.get(1))
    else {
        return;
    };
    let parts = foreign_key_parts(call, from, to, *to_body);
    let Some(table) = tables.iter_mut().rev().find(|t| t.name.value == *from) else {
        return;
    };
    table.fks.push(Fk {
        name: Some(made_up_name(dialect, &parts.name)),
        columns: parts.columns,
        ref_table: ObjName::unqualified(ident(to, *to_body)),
        ref_columns: parts.ref_columns,
        on_delete: parts.on_delete,
        on_update: parts.on_update,
        span: call.span,
    });
}

/// What `add_foreign_key from, to, ...` (or a reference's `foreign_key:` options) means, as Rails reads it.
pub(super) struct FkParts {
    pub columns: Vec<Ident>,
    pub ref_columns: Vec<Ident>,
    pub on_delete: RefAction,
    pub on_update: RefAction,
    pub name: String,
}

/// `column:` (default: the singular of `to` + `_id`), `primary_key:` (default `id`), `on_delete:` /
/// `on_update:` (`:cascade`, `:nullify`, `:restrict`), `name:` (default `fk_rails_<hash>`).
pub(super) fn foreign_key_parts(call: &Call, from: &str, to: &str, to_span: Span) -> FkParts {
    let names = |value: Option<&Value>, default: String, span: Span| match value {
        Some(Value::Array(items, _)) => items
            .iter()
            .filter_map(|c| c.as_str().map(|n| ident(n, c.span())))
            .collect(),
        Some(v) => v
            .as_str()
            .map(|n| vec![ident(n, v.span())])
            .unwrap_or_default(),
        None => vec![ident(&default, span)],
    };
    let columns: Vec<Ident> = names(
        call.keyword("column"),
        format!("{}_id", singular(to)),
        call.span,
    );
    let ref_columns = names(call.keyword("primary_key"), "id".to_string(), to_span);
    let action = |key: &str| match call.keyword(key).and_then(Value::as_str) {
        Some("cascade") => RefAction::Cascade,
        Some("nullify") => RefAction::SetNull(Vec::new()),
        Some("restrict") => RefAction::Restrict,
        _ => RefAction::NoAction,
    };
    let name = call
        .keyword("name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            let column: Vec<&str> = columns.iter().map(|c| c.value.as_str()).collect();
            rails_foreign_key_name(from, &column.join("_"))
        });
    FkParts {
        columns,
        ref_columns,
        on_delete: action("on_delete"),
        on_update: action("on_update"),
        name,
    }
}

/// Rails' singular of a table name, for the default column of `add_foreign_key` (the common English rules of
/// `ActiveSupport::Inflector`; irregular words beyond these are not known).
pub fn singular(plural: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("people", "person"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
        ("data", "datum"),
        ("news", "news"),
    ];
    let (head, last) = match plural.rfind('_') {
        Some(at) => plural.split_at(at + 1),
        None => ("", plural),
    };
    if let Some((_, one)) = IRREGULAR.iter().find(|(many, _)| *many == last) {
        return format!("{head}{one}");
    }
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = [
        "sses", "shes", "ches", "xes", "statuses", "aliases", "buses",
    ]
    .iter()
    .find_map(|s| last.strip_suffix(s).map(|stem| (stem, s)))
    .map(|(stem, s)| format!("{stem}{}", &s[..s.len() - 2]))
    {
        stem
    } else if let Some(stem) = last.strip_suffix("ss") {
        format!("{stem}ss")
    } else if let Some(stem) = last.strip_suffix('s') {
        stem.to_string()
    } else {
        last.to_string()
    };
    format!("{head}{one}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_as_rails_inflects() {
        for (many, one) in [
            ("families", "family"),
            ("plaid_accounts", "plaid_account"),
            ("addresses", "address"),
            ("statuses", "status"),
            ("matches", "match"),
            ("boxes", "box"),
            ("people", "person"),
            ("access", "access"),
            ("houses", "house"),
        ] {
            assert_eq!(singular(many), one, "{many}");
        }
    }

    #[test]
    fn foreign_key_names_as_rails_makes_them() {
        assert_eq!(
            rails_foreign_key_name("articles", "author_id"),
            "fk_rails_e74ce85cbc"
        );
    }
}
