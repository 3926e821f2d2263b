//! SQLAlchemy column types, both ways: the SQL type a type expression creates on PostgreSQL (for the catalog),
//! and the SQLAlchemy spelling of a SQL type (for fixes that edit a `.py` file).

use super::expr::{keyword, positional, Expr};
use crate::types::SqlType;

/// The PostgreSQL type `Integer`, `sa.String(255)`, `postgresql.UUID(as_uuid=True)`, ... creates; `None` for
/// types fklint does not know (custom `TypeDecorator`s, variants), which rules then leave alone.
pub fn sql_type(expr: &Expr) -> Option<String> {
    let name = expr.last_name()?;
    let args = match expr {
        Expr::Call { args, .. } => args.as_slice(),
        _ => &[],
    };
    let first_number = || {
        positional(args)
            .next()
            .or_else(|| keyword(args, "length"))
            .and_then(number)
    };
    let with_length = |base: &str| match first_number() {
        Some(n) => format!("{base}({n})"),
        None => base.to_string(),
    };
    let timezone = keyword(args, "timezone").and_then(Expr::as_bool) == Some(true);
    let ty = match name {
        "Integer" | "INTEGER" | "INT" => "integer".to_string(),
        "BigInteger" | "BIGINT" => "bigint".to_string(),
        "SmallInteger" | "SMALLINT" => "smallint".to_string(),
        "String" | "VARCHAR" | "Unicode" | "NVARCHAR" => with_length("varchar"),
        "CHAR" | "NCHAR" => with_length("char"),
        "Text" | "TEXT" | "UnicodeText" | "CLOB" => "text".to_string(),
        "UUID" | "Uuid" => "uuid".to_string(),
        "Boolean" | "BOOLEAN" => "boolean".to_string(),
        "DateTime" | "DATETIME" | "TIMESTAMP" if timezone => "timestamptz".to_string(),
        "DateTime" | "DATETIME" | "TIMESTAMP" => "timestamp".to_string(),
        "Date" | "DATE" => "date".to_string(),
        "Time" | "TIME" => "time".to_string(),
        "Interval" | "INTERVAL" => "interval".to_string(),
        "Numeric" | "NUMERIC" | "DECIMAL" => numeric(args),
        "Float" | "FLOAT" | "Double" | "DOUBLE" | "DOUBLE_PRECISION" => {
            "double precision".to_string()
        }
        "REAL" => "real".to_string(),
        "JSON" => "json".to_string(),
        "JSONB" => "jsonb".to_string(),
        "LargeBinary" | "BLOB" | "BYTEA" | "BINARY" | "VARBINARY" => "bytea".to_string(),
        "INET" => "inet".to_string(),
        "CIDR" => "cidr".to_string(),
        "MACADDR" => "macaddr".to_string(),
        // PostgreSQL creates an enum type for it; its name (or a placeholder) is a user type fklint does not
        // compare, so no key-type rule judges enum columns.
        "Enum" => format!(
            "enum_{}",
            keyword(args, "name")
                .and_then(Expr::as_str)
                .unwrap_or("type")
        ),
        "ARRAY" => format!("{}[]", positional(args).next().and_then(sql_type)?),
        _ => return None,
    };
    Some(ty)
}

/// The SQL type a `Mapped[...]` annotation gives `mapped_column()` when no type is passed.
pub fn annotation_type(inner: &str) -> Option<&'static str> {
    let inner = inner
        .trim()
        .trim_start_matches("Optional[")
        .trim_end_matches(']');
    let inner = inner.split('|').next().unwrap_or(inner).trim();
    Some(match inner {
        "int" => "integer",
        "str" => "varchar",
        "bool" => "boolean",
        "float" => "double precision",
        "uuid.UUID" | "UUID" => "uuid",
        "datetime.datetime" | "datetime" => "timestamp",
        "datetime.date" | "date" => "date",
        "bytes" => "bytea",
        "decimal.Decimal" | "Decimal" => "numeric",
        _ => return None,
    })
}

fn number(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Number(text, _) => Some(text.replace('_', "")),
        _ => None,
    }
}

fn numeric(args: &[super::expr::Arg]) -> String {
    let mut numbers = positional(args).filter_map(number);
    let precision = numbers
        .next()
        .or_else(|| keyword(args, "precision").and_then(number));
    let scale = numbers
        .next()
        .or_else(|| keyword(args, "scale").and_then(number));
    match (precision, scale) {
        (Some(p), Some(s)) => format!("numeric({p},{s})"),
        (Some(p), None) => format!("numeric({p})"),
        _ => "numeric".to_string(),
    }
}

/// How a fix should write `ty` in place of `written` (the type expression or annotation now in the file):
/// SQLAlchemy's spelling with the same module prefix (`db.`, `sa.`), or a Python annotation when `written` is
/// one (`Mapped[int]`). `None` when there is no plain spelling (the fix then has no edit).
pub fn python_spelling(ty: &SqlType, written: &str) -> Option<String> {
    let written = written.trim();
    if is_annotation(written) {
        return annotation_spelling(ty).map(str::to_string);
    }
    let prefix = module_prefix(written);
    let modifiers = ty.modifiers.as_deref();
    let name = match (ty.base.as_str(), modifiers) {
        _ if ty.array => return None,
        ("int4", _) => "Integer".to_string(),
        ("int8", _) => "BigInteger".to_string(),
        ("int2", _) => "SmallInteger".to_string(),
        ("varchar", Some(n)) => format!("String({n})"),
        ("varchar", None) => "String".to_string(),
        ("bpchar", Some(n)) => format!("CHAR({n})"),
        ("text", _) => "Text".to_string(),
        ("uuid", _) => "UUID(as_uuid=True)".to_string(),
        ("bool", _) => "Boolean".to_string(),
        ("timestamp", _) => "DateTime".to_string(),
        ("timestamptz", _) => "DateTime(timezone=True)".to_string(),
        ("date", _) => "Date".to_string(),
        ("numeric", Some(m)) => format!("Numeric({})", m.replace(',', ", ")),
        ("numeric", None) => "Numeric".to_string(),
        ("float8", _) => "Float".to_string(),
        ("json", _) => "JSON".to_string(),
        ("jsonb", _) => "JSONB".to_string(),
        ("bytea", _) => "LargeBinary".to_string(),
        _ => return None,
    };
    Some(format!("{prefix}{name}"))
}

/// `db.` of `db.Integer`, `sa.` of `sa.String(80)`; nothing for a bare name.
fn module_prefix(written: &str) -> &str {
    let head = written.split('(').next().unwrap_or("");
    match head.rfind('.') {
        Some(dot) => written.get(..=dot).unwrap_or(""),
        None => "",
    }
}

/// An annotation (`int`, `str`, `uuid.UUID`, `Optional[int]`) rather than a SQLAlchemy type expression.
fn is_annotation(written: &str) -> bool {
    let head = written.split(['[', '(']).next().unwrap_or("");
    matches!(
        head,
        "int" | "str" | "bool" | "float" | "bytes" | "Optional" | "uuid.UUID" | "datetime.datetime"
    )
}

fn annotation_spelling(ty: &SqlType) -> Option<&'static str> {
    Some(match ty.base.as_str() {
        "int2" | "int4" | "int8" => "int",
        "varchar" | "text" | "bpchar" => "str",
        "uuid" => "uuid.UUID",
        "bool" => "bool",
        "float8" => "float",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::expr::{logical_lines, Reader};
    use super::super::lex;
    use super::*;
    use crate::types::parse_type;

    fn sql(src: &str) -> Option<String> {
        let tokens = lex::tokenize(src);
        let lines = logical_lines(&tokens);
        sql_type(&Reader::line(src, &tokens, &lines[0]).expr())
    }

    #[test]
    fn sqlalchemy_types_become_postgresql_types() {
        let cases = [
            ("Integer", "integer"),
            ("db.BigInteger()", "bigint"),
            ("String(255)", "varchar(255)"),
            ("sa.String(length=36)", "varchar(36)"),
            ("String", "varchar"),
            ("postgresql.UUID(as_uuid=True)", "uuid"),
            ("Uuid", "uuid"),
            ("DateTime(timezone=True)", "timestamptz"),
            ("db.DateTime", "timestamp"),
            ("Numeric(10, 2)", "numeric(10,2)"),
            ("Float", "double precision"),
            ("JSONB", "jsonb"),
            ("LargeBinary", "bytea"),
            ("Enum(Status, name=\"status\")", "enum_status"),
        ];
        for (python, expected) in cases {
            assert_eq!(sql(python).as_deref(), Some(expected), "{python}");
        }
        assert_eq!(sql("MyType()"), None);
    }

    #[test]
    fn fixes_keep_the_module_prefix_and_spell_types_as_sqlalchemy_does() {
        let spell = |sql: &str, written: &str| python_spelling(&parse_type(sql), written);
        assert_eq!(
            spell("varchar(255)", "Integer").as_deref(),
            Some("String(255)")
        );
        assert_eq!(
            spell("uuid", "db.Integer").as_deref(),
            Some("db.UUID(as_uuid=True)")
        );
        assert_eq!(
            spell("bigint", "sa.Integer()").as_deref(),
            Some("sa.BigInteger")
        );
        assert_eq!(spell("uuid", "int").as_deref(), Some("uuid.UUID"));
        assert_eq!(
            spell("numeric(10,2)", "Float").as_deref(),
            Some("Numeric(10, 2)")
        );
    }
}
