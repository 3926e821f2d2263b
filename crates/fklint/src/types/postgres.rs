//! PostgreSQL column types: normalizing what a migration writes (`character varying(255)`, `serial`, `INT`)
//! into PostgreSQL's internal names, printing them back the way PostgreSQL does, and deciding whether a foreign
//! key between two types can exist at all. That decision comes from PostgreSQL itself: `pg_key_compat.tsv` is
//! written by `cargo run -p fklint-tests --bin gen-key-compat`, which tries every pair on a real server.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::sql_type::{parse_compat_table, KeyCompat, Modifiers, SqlType, TypeRelation};
use crate::dialect::Dialect;
use crate::lex::{self, TokenKind};

/// Parses a PostgreSQL type as written in a column definition. Never fails: unknown names become user types.
pub fn parse_type(text: &str) -> SqlType {
    let tokens = lex::tokenize(text);
    let mut words: Vec<String> = Vec::new();
    let mut array = false;
    let mut quoted_char = false;
    let mut parenthesized = Modifiers::default();
    for token in &tokens {
        let piece = token.text(text);
        if parenthesized.take(token, piece) {
            continue;
        }
        match token.kind {
            TokenKind::Punct if piece == "[" => array = true,
            TokenKind::Word if piece.eq_ignore_ascii_case("array") => array = true,
            TokenKind::Word => words.push(piece.to_ascii_lowercase()),
            TokenKind::QuotedIdent => {
                let value = lex::ident_text(text, token);
                quoted_char |= value == "char";
                words.push(value);
            }
            TokenKind::Punct if piece == "." => words.push(".".into()),
            _ => {}
        }
    }
    let modifiers = parenthesized.first;
    let phrase = qualified_phrase(&words);
    let builtin = if quoted_char {
        Some("char")
    } else {
        builtin_name(&phrase, modifiers.as_deref())
    };
    let modifiers = default_modifiers(builtin, &phrase, modifiers);
    SqlType {
        base: builtin.map_or(phrase, str::to_string),
        modifiers: modifiers.filter(|_| builtin.is_none_or(type_keeps_modifiers)),
        array,
        builtin: builtin.is_some(),
        dialect: Dialect::Postgres,
        collation: None,
    }
}

/// Joins words into `with time zone` phrases and `schema.name`, dropping a `pg_catalog.` qualifier.
fn qualified_phrase(words: &[String]) -> String {
    let mut phrase = String::new();
    for (i, word) in words.iter().enumerate() {
        if word == "." || (i > 0 && words[i - 1] == ".") {
            phrase.push_str(word);
        } else {
            if !phrase.is_empty() {
                phrase.push(' ');
            }
            phrase.push_str(word);
        }
    }
    phrase
        .strip_prefix("pg_catalog.")
        .map(str::to_string)
        .unwrap_or(phrase)
}

/// PostgreSQL's internal name for a built-in type phrase.
fn builtin_name(phrase: &str, modifiers: Option<&str>) -> Option<&'static str> {
    let name = match phrase {
        "smallint" | "int2" | "smallserial" | "serial2" => "int2",
        "integer" | "int" | "int4" | "serial" | "serial4" => "int4",
        "bigint" | "int8" | "bigserial" | "serial8" => "int8",
        "numeric" | "decimal" | "dec" => "numeric",
        "real" | "float4" => "float4",
        "double precision" | "float8" => "float8",
        "float" => match modifiers.and_then(|m| m.parse::<u32>().ok()) {
            Some(p) if p <= 24 => "float4",
            _ => "float8",
        },
        "text" => "text",
        "varchar" | "character varying" | "char varying" | "national character varying" => {
            "varchar"
        }
        "character" | "char" | "bpchar" | "national character" | "nchar" => "bpchar",
        "boolean" | "bool" => "bool",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "timestamptz" | "timestamp with time zone" => "timestamptz",
        "time" | "time without time zone" => "time",
        "timetz" | "time with time zone" => "timetz",
        "bit varying" | "varbit" => "varbit",
        "uuid" | "date" | "bytea" | "json" | "jsonb" | "citext" | "inet" | "cidr" | "macaddr"
        | "macaddr8" | "money" | "oid" | "xml" | "name" | "interval" | "bit" | "tsvector"
        | "point" => return builtin_simple(phrase),
        _ if phrase.starts_with("interval ") => "interval",
        _ => return builtin_range(phrase),
    };
    Some(name)
}

fn builtin_simple(phrase: &str) -> Option<&'static str> {
    const SIMPLE: &[&str] = &[
        "uuid", "date", "bytea", "json", "jsonb", "citext", "inet", "cidr", "macaddr", "macaddr8",
        "money", "oid", "xml", "name", "interval", "bit", "tsvector", "point",
    ];
    SIMPLE.iter().copied().find(|name| *name == phrase)
}

/// The built-in range and multirange types (what `WITHOUT OVERLAPS` keys and `PERIOD` columns use).
const RANGES: &[&str] = &[
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "int4multirange",
    "int8multirange",
    "nummultirange",
    "tsmultirange",
    "tstzmultirange",
    "datemultirange",
];

fn builtin_range(phrase: &str) -> Option<&'static str> {
    RANGES.iter().copied().find(|name| *name == phrase)
}

/// Whether a type is a built-in range or multirange type.
pub fn is_range(ty: &SqlType) -> bool {
    !ty.array && ty.builtin && RANGES.contains(&ty.base.as_str())
}

/// `char` alone means `char(1)`; `float(p)`'s precision only chooses the type.
fn default_modifiers(
    builtin: Option<&str>,
    phrase: &str,
    modifiers: Option<String>,
) -> Option<String> {
    match builtin {
        Some("bpchar") if modifiers.is_none() && phrase != "bpchar" => Some("1".into()),
        Some("float4" | "float8") => None,
        _ => modifiers,
    }
}

fn type_keeps_modifiers(base: &str) -> bool {
    matches!(
        base,
        "varchar"
            | "bpchar"
            | "numeric"
            | "bit"
            | "varbit"
            | "timestamp"
            | "timestamptz"
            | "time"
            | "timetz"
            | "interval"
    )
}

fn display_base(base: &str, modifiers: Option<&str>) -> String {
    let with_mods = |name: &str| match modifiers {
        Some(m) => format!("{name}({m})"),
        None => name.to_string(),
    };
    match base {
        "int2" => "smallint".into(),
        "int4" => "integer".into(),
        "int8" => "bigint".into(),
        "float4" => "real".into(),
        "float8" => "double precision".into(),
        "bool" => "boolean".into(),
        "varchar" => with_mods("character varying"),
        "bpchar" => with_mods("character"),
        "timestamp" => format!("{} without time zone", with_mods("timestamp")),
        "timestamptz" => format!("{} with time zone", with_mods("timestamp")),
        "time" => format!("{} without time zone", with_mods("time")),
        "timetz" => format!("{} with time zone", with_mods("time")),
        "char" => "\"char\"".into(),
        enum_type if enum_type.starts_with("enum:") => {
            enum_type.trim_start_matches("enum:").to_string()
        }
        other => with_mods(other),
    }
}

/// The table generated from PostgreSQL, keyed by (fk base, pk base).
fn compat_table() -> &'static HashMap<(String, String), KeyCompat> {
    static TABLE: OnceLock<HashMap<(String, String), KeyCompat>> = OnceLock::new();
    TABLE.get_or_init(|| parse_compat_table(include_str!("pg_key_compat.tsv")))
}

/// PostgreSQL's verdict on a foreign key between two built-in base types, when the table knows the pair.
pub fn builtin_compat(fk_base: &str, pk_base: &str) -> Option<KeyCompat> {
    compat_table()
        .get(&(fk_base.to_string(), pk_base.to_string()))
        .copied()
}

/// The name a type has in the compatibility table, given what it is compared with.
fn compat_name(ty: &SqlType, other: &SqlType) -> Option<String> {
    let is_enum = |t: &SqlType| t.base.starts_with("enum:");
    match (is_enum(ty), is_enum(other)) {
        (true, true) => Some("enum_other".to_string()).filter(|_| ty.base != other.base),
        (true, false) => Some("enum".to_string()),
        (false, _) if ty.builtin => Some(ty.base.clone()),
        _ => None,
    }
}

/// A PostgreSQL type as `format_type` prints it.
pub fn display(ty: &SqlType) -> String {
    let mut out = display_base(&ty.base, ty.modifiers.as_deref());
    if ty.array {
        out.push_str("[]");
    }
    out
}

/// An array against a plain built-in type (its own element type included): the key's operator family has no
/// equality between them and no implicit cast joins them (an array coerces only to another array), so
/// PostgreSQL cannot implement the key (42804). Two arrays may coerce element by element, and `int2vector` /
/// `oidvector` cast to arrays: not judged.
fn array_relation(fk: &SqlType, key: &SqlType) -> TypeRelation {
    let vector = |ty: &SqlType| matches!(ty.base.as_str(), "int2vector" | "oidvector");
    if fk.array != key.array && fk.builtin && key.builtin && !vector(fk) && !vector(key) {
        TypeRelation::Incompatible
    } else {
        TypeRelation::Unknown
    }
}

/// `smallint`, `integer`, `bigint`.
pub fn is_integer(ty: &SqlType) -> bool {
    !ty.array && matches!(ty.base.as_str(), "int2" | "int4" | "int8")
}

/// PostgreSQL's verdict on two different types, from the table it produced.
pub fn relate(fk: &SqlType, key: &SqlType) -> TypeRelation {
    if fk.array || key.array {
        return array_relation(fk, key);
    }
    // A range type compares only with itself (its btree and GiST operators take one range type): PostgreSQL
    // cannot implement a key between two different ones, or between a range and anything else (42804).
    if (is_range(fk) && key.builtin) || (is_range(key) && fk.builtin) {
        return TypeRelation::Incompatible;
    }
    let fk_name = compat_name(fk, key);
    let key_name = compat_name(key, fk);
    let (Some(fk_name), Some(key_name)) = (fk_name, key_name) else {
        return TypeRelation::Unknown;
    };
    match builtin_compat(&fk_name, &key_name) {
        Some(KeyCompat::Accepted) => TypeRelation::Drift,
        Some(KeyCompat::Rejected) => TypeRelation::Incompatible,
        Some(KeyCompat::PkImpossible) | None => TypeRelation::Unknown,
    }
}
