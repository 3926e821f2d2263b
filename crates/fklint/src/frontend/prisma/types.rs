//! Prisma's scalar types and `@db.*` native types, both ways: the SQL type a field gets in the datasource's
//! dialect (as `prisma migrate` writes it), and the Prisma spelling of a SQL type (for fixes).

use crate::dialect::Dialect;
use crate::types::SqlType;

/// The SQL type of a scalar field: its `@db.*` native type when it has one (`native` is `VarChar` and its
/// arguments), otherwise Prisma's default for the scalar in `dialect`. `None` for types fklint does not know.
pub fn sql_type(
    dialect: Dialect,
    scalar: &str,
    native: Option<(&str, &[String])>,
) -> Option<String> {
    if let Some((name, args)) = native {
        return native_type(dialect, name, args);
    }
    let ty = match (dialect, scalar) {
        (Dialect::Postgres, "String") => "text",
        (Dialect::Postgres, "Int") => "integer",
        (Dialect::Postgres, "BigInt") => "bigint",
        (Dialect::Postgres, "Float") => "double precision",
        (Dialect::Postgres, "Decimal") => "decimal(65,30)",
        (Dialect::Postgres, "Boolean") => "boolean",
        (Dialect::Postgres, "DateTime") => "timestamp(3)",
        (Dialect::Postgres, "Json") => "jsonb",
        (Dialect::Postgres, "Bytes") => "bytea",
        (Dialect::MySql, "String") => "varchar(191)",
        (Dialect::MySql, "Int") => "int",
        (Dialect::MySql, "BigInt") => "bigint",
        (Dialect::MySql, "Float") => "double",
        (Dialect::MySql, "Decimal") => "decimal(65,30)",
        (Dialect::MySql, "Boolean") => "tinyint(1)",
        (Dialect::MySql, "DateTime") => "datetime(3)",
        (Dialect::MySql, "Json") => "json",
        (Dialect::MySql, "Bytes") => "longblob",
        (Dialect::Sqlite, "String") => "text",
        (Dialect::Sqlite, "Int") => "integer",
        (Dialect::Sqlite, "BigInt") => "bigint",
        (Dialect::Sqlite, "Float") => "real",
        (Dialect::Sqlite, "Decimal") => "decimal",
        (Dialect::Sqlite, "Boolean") => "boolean",
        (Dialect::Sqlite, "DateTime") => "datetime",
        (Dialect::Sqlite, "Json") => "jsonb",
        (Dialect::Sqlite, "Bytes") => "blob",
        _ => return None,
    };
    Some(ty.to_string())
}

/// `@db.VarChar(255)` → `varchar(255)`, `@db.UnsignedInt` → `int unsigned`, `@db.Uuid` → `uuid`.
fn native_type(dialect: Dialect, name: &str, args: &[String]) -> Option<String> {
    let with_args = |base: &str| {
        if args.is_empty() {
            base.to_string()
        } else {
            format!("{base}({})", args.join(","))
        }
    };
    let lower = name.to_ascii_lowercase();
    let ty = match (dialect, lower.as_str()) {
        (Dialect::Postgres, "doubleprecision") => "double precision".to_string(),
        (Dialect::Postgres, "timestamptz") => with_args("timestamptz"),
        (Dialect::Postgres, "timetz") => with_args("timetz"),
        (Dialect::Postgres, "bytea") => "bytea".to_string(),
        (
            _,
            "varchar" | "char" | "decimal" | "timestamp" | "time" | "bit" | "varbit" | "binary"
            | "varbinary" | "datetime" | "float",
        ) => with_args(&lower),
        (Dialect::MySql, other) if other.starts_with("unsigned") => {
            format!("{} unsigned", other.trim_start_matches("unsigned"))
        }
        (_, other) => other.to_string(),
    };
    Some(ty)
}

/// How a fix writes `ty` in place of `written` (a field's type with its `?`/`[]`, and, when the field has a
/// native type, everything up to and including that `@db.*` attribute): the scalar that makes it, with a
/// native type attribute when the default is not it. `None` when Prisma has no plain spelling.
pub fn prisma_spelling(ty: &SqlType, written: &str) -> Option<String> {
    let (scalar, native) = spelling(ty)?;
    let written = written.trim();
    let head_end = written
        .find(|c: char| c.is_whitespace())
        .unwrap_or(written.len());
    let (head, rest) = written.split_at(head_end);
    let marker = if head.ends_with('?') {
        "?"
    } else if head.ends_with("[]") {
        "[]"
    } else {
        ""
    };
    // The attributes between the type and its native type stay; the old native type goes.
    let kept: Vec<&str> = rest
        .split_whitespace()
        .filter(|part| !part.starts_with("@db."))
        .collect();
    let mut out = format!("{scalar}{marker}");
    for part in kept {
        out.push(' ');
        out.push_str(part);
    }
    if let Some(native) = native {
        out.push_str(&format!(" @db.{native}"));
    }
    Some(out)
}

/// The scalar and native type (if the scalar's default is not the type) of a SQL type.
fn spelling(ty: &SqlType) -> Option<(&'static str, Option<String>)> {
    if ty.array {
        return None;
    }
    let modifiers = ty.modifiers.clone();
    let base = ty.base.as_str();
    Some(match ty.dialect {
        Dialect::Postgres => match (base, modifiers) {
            ("int4", _) => ("Int", None),
            ("int8", _) => ("BigInt", None),
            ("int2", _) => ("Int", Some("SmallInt".into())),
            ("text", _) => ("String", None),
            ("varchar", Some(n)) => ("String", Some(format!("VarChar({n})"))),
            ("varchar", None) => ("String", Some("VarChar".into())),
            ("bpchar", Some(n)) => ("String", Some(format!("Char({n})"))),
            ("uuid", _) => ("String", Some("Uuid".into())),
            ("bool", _) => ("Boolean", None),
            ("float8", _) => ("Float", None),
            _ => return None,
        },
        Dialect::MySql => match (base, modifiers) {
            ("int", _) => ("Int", None),
            ("bigint", _) => ("BigInt", None),
            ("int unsigned", _) => ("Int", Some("UnsignedInt".into())),
            ("bigint unsigned", _) => ("BigInt", Some("UnsignedBigInt".into())),
            ("varchar", Some(n)) if n == "191" => ("String", None),
            ("varchar", Some(n)) => ("String", Some(format!("VarChar({n})"))),
            ("char", Some(n)) => ("String", Some(format!("Char({n})"))),
            _ => return None,
        },
        Dialect::Sqlite => match ty.display().to_ascii_lowercase().as_str() {
            "integer" | "int" => ("Int", None),
            "text" => ("String", None),
            "bigint" => ("BigInt", None),
            _ => return None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::parse_type_in;

    #[test]
    fn defaults_and_native_types() {
        assert_eq!(
            sql_type(Dialect::Postgres, "String", None).as_deref(),
            Some("text")
        );
        let args = ["36".to_string()];
        assert_eq!(
            sql_type(Dialect::MySql, "String", Some(("Char", &args))).as_deref(),
            Some("char(36)")
        );
        assert_eq!(
            sql_type(Dialect::MySql, "Int", Some(("UnsignedInt", &[]))).as_deref(),
            Some("int unsigned")
        );
    }

    #[test]
    fn fixes_spell_the_scalar_and_native_type() {
        let spell = |dialect, sql: &str, written: &str| {
            prisma_spelling(&parse_type_in(dialect, sql), written)
        };
        assert_eq!(
            spell(Dialect::Postgres, "text", "Int?").as_deref(),
            Some("String?")
        );
        assert_eq!(
            spell(Dialect::Postgres, "uuid", "Int @unique @db.Integer").as_deref(),
            Some("String @unique @db.Uuid")
        );
        assert_eq!(
            spell(Dialect::MySql, "bigint unsigned", "Int").as_deref(),
            Some("BigInt @db.UnsignedBigInt")
        );
    }
}
