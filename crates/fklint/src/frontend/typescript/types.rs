//! Drizzle's column builders, both ways: the SQL type a builder creates in its dialect (for the catalog), and
//! the builder that creates a SQL type (for fixes that edit a schema module).

use super::expr::Expr;
use crate::dialect::Dialect;
use crate::types::SqlType;

/// What a builder call makes: the SQL type and whether the database fills it in (serial, autoincrement).
pub struct Built {
    pub sql: String,
    pub identity: bool,
}

/// The SQL type of `builder(name?, config?)` in `dialect`; `None` for builders fklint does not know.
pub fn builder_type(dialect: Dialect, builder: &str, config: Option<&Expr>) -> Option<Built> {
    let number = |key: &str| match config.and_then(|c| c.prop(key)) {
        Some(Expr::Number(n, _)) => Some(n.clone()),
        _ => None,
    };
    let flag = |key: &str| config.and_then(|c| c.prop(key)).and_then(Expr::as_bool) == Some(true);
    let sized = |base: &str| match number("length") {
        Some(n) => format!("{base}({n})"),
        None => base.to_string(),
    };
    let numeric = |base: &str| match (number("precision"), number("scale")) {
        (Some(p), Some(s)) => format!("{base}({p},{s})"),
        (Some(p), None) => format!("{base}({p})"),
        _ => base.to_string(),
    };
    let plain = |sql: &str| {
        Some(Built {
            sql: sql.to_string(),
            identity: false,
        })
    };
    let serial = |sql: &str| {
        Some(Built {
            sql: sql.to_string(),
            identity: true,
        })
    };
    match dialect {
        Dialect::Postgres => match builder {
            "integer" => plain("integer"),
            "smallint" => plain("smallint"),
            "bigint" => plain("bigint"),
            "serial" => serial("serial"),
            "smallserial" => serial("smallserial"),
            "bigserial" => serial("bigserial"),
            "uuid" => plain("uuid"),
            "text" => plain("text"),
            "varchar" => plain(&sized("varchar")),
            "char" => plain(&sized("char")),
            "boolean" => plain("boolean"),
            "timestamp" if flag("withTimezone") => plain("timestamptz"),
            "timestamp" => plain("timestamp"),
            "time" => plain("time"),
            "date" => plain("date"),
            "interval" => plain("interval"),
            "json" => plain("json"),
            "jsonb" => plain("jsonb"),
            "numeric" | "decimal" => plain(&numeric("numeric")),
            "real" => plain("real"),
            "doublePrecision" => plain("double precision"),
            "inet" => plain("inet"),
            "cidr" => plain("cidr"),
            "macaddr" => plain("macaddr"),
            "bytea" => plain("bytea"),
            _ => None,
        },
        Dialect::MySql => {
            let unsigned = if flag("unsigned") { " unsigned" } else { "" };
            match builder {
                "int" | "tinyint" | "smallint" | "mediumint" | "bigint" => {
                    plain(&format!("{builder}{unsigned}"))
                }
                "serial" => serial("bigint unsigned"),
                "varchar" => plain(&sized("varchar")),
                "char" => plain(&sized("char")),
                "binary" => plain(&sized("binary")),
                "varbinary" => plain(&sized("varbinary")),
                "text" | "tinytext" | "mediumtext" | "longtext" | "json" | "date" | "time"
                | "year" | "float" | "double" | "real" => plain(builder),
                "boolean" => plain("tinyint(1)"),
                "timestamp" | "datetime" => match number("fsp") {
                    Some(n) => plain(&format!("{builder}({n})")),
                    None => plain(builder),
                },
                "decimal" => plain(&numeric("decimal")),
                _ => None,
            }
        }
        Dialect::Sqlite => match builder {
            "integer" | "int" => plain("integer"),
            "text" => plain("text"),
            "real" => plain("real"),
            "blob" => plain("blob"),
            "numeric" => plain("numeric"),
            _ => None,
        },
    }
}

/// The builder call that makes `ty`, for a fix that replaces the call `written` (`integer("owner_id")`,
/// `integer()`): same column name argument, the builder and config of the new type. `None` when Drizzle has
/// no plain builder for it.
pub fn drizzle_spelling(ty: &SqlType, written: &str) -> Option<String> {
    let modifiers = ty.modifiers.as_deref();
    let (builder, config) = match (ty.dialect, ty.base.as_str(), modifiers) {
        _ if ty.array => return None,
        (Dialect::Postgres, "int4", _) => ("integer", None),
        (Dialect::Postgres, "int8", _) => ("bigint", Some("mode: \"number\"".to_string())),
        (Dialect::Postgres, "int2", _) => ("smallint", None),
        (Dialect::Postgres, "uuid", _) => ("uuid", None),
        (Dialect::Postgres, "text", _) => ("text", None),
        (Dialect::Postgres, "varchar", Some(n)) => ("varchar", Some(format!("length: {n}"))),
        (Dialect::Postgres, "varchar", None) => ("varchar", None),
        (Dialect::Postgres, "bpchar", Some(n)) => ("char", Some(format!("length: {n}"))),
        (Dialect::Postgres, "timestamp", _) => ("timestamp", None),
        (Dialect::Postgres, "timestamptz", _) => ("timestamp", Some("withTimezone: true".into())),
        (Dialect::Postgres, "bool", _) => ("boolean", None),
        (Dialect::MySql, base, modifiers) => return mysql_spelling(base, modifiers, written),
        (Dialect::Sqlite, _, _) => {
            let display = ty.display().to_ascii_lowercase();
            match display.as_str() {
                "integer" | "int" => ("integer", None),
                "text" => ("text", None),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(call(builder, config, written))
}

fn mysql_spelling(base: &str, modifiers: Option<&str>, written: &str) -> Option<String> {
    let unsigned = base.ends_with(" unsigned");
    let base = base.trim_end_matches(" unsigned");
    let mut config = Vec::new();
    let builder = match base {
        "int" | "tinyint" | "smallint" | "mediumint" => base,
        "bigint" => {
            config.push("mode: \"number\"".to_string());
            "bigint"
        }
        "varchar" | "char" | "binary" | "varbinary" => {
            config.push(format!("length: {}", modifiers?));
            base
        }
        "text" | "datetime" | "timestamp" | "date" => base,
        _ => return None,
    };
    if unsigned {
        config.push("unsigned: true".into());
    }
    let config = (!config.is_empty()).then(|| config.join(", "));
    Some(call(builder, config, written))
}

/// `builder("name", { config })` keeping the name argument of `written` when it has one.
fn call(builder: &str, config: Option<String>, written: &str) -> String {
    let inside = written
        .split_once('(')
        .map_or("", |(_, rest)| rest.trim_start());
    let name = match inside.chars().next() {
        Some(quote @ ('"' | '\'' | '`')) => inside[1..].find(quote).map(|end| &inside[..end + 2]),
        _ => None,
    };
    let config = config.map(|c| format!("{{ {c} }}"));
    let args: Vec<&str> = name.into_iter().chain(config.as_deref()).collect();
    format!("{builder}({})", args.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::parse_type_in;

    #[test]
    fn fixes_keep_the_column_name_and_spell_the_builder() {
        let spell = |dialect, sql: &str, written: &str| {
            drizzle_spelling(&parse_type_in(dialect, sql), written)
        };
        assert_eq!(
            spell(Dialect::Postgres, "uuid", "integer(\"owner_id\")").as_deref(),
            Some("uuid(\"owner_id\")")
        );
        assert_eq!(
            spell(Dialect::Postgres, "varchar(64)", "integer()").as_deref(),
            Some("varchar({ length: 64 })")
        );
        assert_eq!(
            spell(
                Dialect::MySql,
                "bigint unsigned",
                "int('user_id', { unsigned: true })"
            )
            .as_deref(),
            Some("bigint('user_id', { mode: \"number\", unsigned: true })")
        );
        assert_eq!(
            spell(
                Dialect::Sqlite,
                "text",
                "integer(\"x\", { mode: \"number\" })"
            )
            .as_deref(),
            Some("text(\"x\")")
        );
    }
}
