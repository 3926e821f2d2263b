//! Column types: normalizing what a migration writes (`character varying(255)`, `serial`, `INT`) into
//! PostgreSQL's internal names, printing them back the way PostgreSQL does, and deciding whether a foreign key
//! between two types can exist at all. That decision comes from PostgreSQL itself: `pg_key_compat.tsv` is
//! written by `cargo run -p fklint-tests --bin gen-key-compat`, which tries every pair on a real server.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::dialect::Dialect;
use crate::lex::{self, TokenKind};

pub mod mysql;
pub mod sqlite;

/// A column type as PostgreSQL stores it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SqlType {
    /// Internal name for built-in types (`int4`, `varchar`, `timestamptz`, ...), or the (lower-case, possibly
    /// `schema.`-qualified) name of a user type as written.
    pub base: String,
    /// Type modifiers as written inside the parentheses, spaces removed: `255`, `10,2`.
    pub modifiers: Option<String>,
    /// Array dimensions written (`int[]`, `integer ARRAY`).
    pub array: bool,
    /// True when `base` is a built-in type fklint knows; user types are resolved by the catalog.
    pub builtin: bool,
    /// Whose type this is: names, printing and key compatibility follow that server.
    pub dialect: Dialect,
    /// MySQL/MariaDB string types: the collation (its charset is the part before the first `_`). InnoDB
    /// compares it for foreign keys, so two `varchar(36)` of different collations are different types.
    pub collation: Option<String>,
}

impl SqlType {
    /// The type with the parts that matter for a foreign key, as PostgreSQL's `format_type` prints it.
    pub fn display(&self) -> String {
        match self.dialect {
            Dialect::MySql => return mysql::display(self),
            Dialect::Sqlite => return sqlite::display(self),
            Dialect::Postgres => {}
        }
        let mut out = display_base(&self.base, self.modifiers.as_deref());
        if self.array {
            out.push_str("[]");
        }
        out
    }

    /// Whether this is an integer type (the classic accidental `Integer` foreign key).
    pub fn is_integer(&self) -> bool {
        match self.dialect {
            Dialect::MySql => mysql::is_integer(self),
            Dialect::Sqlite => sqlite::affinity(self) == sqlite::Affinity::Integer,
            Dialect::Postgres => {
                !self.array && matches!(self.base.as_str(), "int2" | "int4" | "int8")
            }
        }
    }
}

impl fmt::Display for SqlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// Parses a type as written in a column definition of `dialect`, with the server's defaults for what the
/// column does not say (MySQL: the charset and collation; see [`mysql::parse_type`]).
pub fn parse_type_in(dialect: Dialect, text: &str) -> SqlType {
    match dialect {
        Dialect::Postgres => parse_type(text),
        Dialect::MySql => mysql::parse_type(text, &mysql::TableCharset::default()),
        Dialect::Sqlite => sqlite::parse_type(text),
    }
}

/// The text inside a type's first parentheses (`varchar(255)` → `255`, `numeric(10, 2)` → `10,2`), read token
/// by token alongside the type's words.
#[derive(Default)]
pub(crate) struct Modifiers {
    depth: usize,
    text: String,
    /// The first group's text, once it is closed.
    pub first: Option<String>,
}

impl Modifiers {
    /// Takes the token when it opens, belongs to or closes a parenthesized group; false for any other.
    pub fn take(&mut self, token: &lex::Token, piece: &str) -> bool {
        if self.depth == 0 {
            if token.kind == TokenKind::Punct && piece == "(" {
                self.depth = 1;
                return true;
            }
            return false;
        }
        match piece {
            "(" => self.depth += 1,
            ")" => self.depth -= 1,
            _ => {}
        }
        if self.depth > 0 {
            self.text.push_str(piece);
        } else if self.first.is_none() {
            self.first = Some(std::mem::take(&mut self.text));
        }
        true
    }
}

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
        _ => return None,
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

/// What PostgreSQL says about a foreign key from one base type to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCompat {
    /// `CREATE TABLE ... REFERENCES` succeeds.
    Accepted,
    /// PostgreSQL raises 42804 "foreign key constraint cannot be implemented".
    Rejected,
    /// The referenced type cannot be a primary key or unique key at all (no btree operator class).
    PkImpossible,
}

/// The table generated from PostgreSQL, keyed by (fk base, pk base).
fn compat_table() -> &'static HashMap<(String, String), KeyCompat> {
    static TABLE: OnceLock<HashMap<(String, String), KeyCompat>> = OnceLock::new();
    TABLE.get_or_init(|| parse_compat_table(include_str!("pg_key_compat.tsv")))
}

fn parse_compat_table(text: &str) -> HashMap<(String, String), KeyCompat> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (fk, pk, verdict) = (fields.next()?, fields.next()?, fields.next()?);
            let verdict = match verdict.trim() {
                "accepted" => KeyCompat::Accepted,
                "rejected" => KeyCompat::Rejected,
                "pk-impossible" => KeyCompat::PkImpossible,
                _ => return None,
            };
            Some(((fk.to_string(), pk.to_string()), verdict))
        })
        .collect()
}

/// PostgreSQL's verdict on a foreign key between two built-in base types, when the table knows the pair.
pub fn builtin_compat(fk_base: &str, pk_base: &str) -> Option<KeyCompat> {
    compat_table()
        .get(&(fk_base.to_string(), pk_base.to_string()))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> String {
        parse_type(text).display()
    }

    #[test]
    fn normalizes_common_spellings() {
        assert_eq!(parse_type("INTEGER").base, "int4");
        assert_eq!(parse_type("serial").base, "int4");
        assert_eq!(parse_type("bigserial").base, "int8");
        assert_eq!(t("character varying(255)"), "character varying(255)");
        assert_eq!(t("VARCHAR( 36 )"), "character varying(36)");
        assert_eq!(t("char"), "character(1)");
        assert_eq!(
            t("timestamp(3) with time zone"),
            "timestamp(3) with time zone"
        );
        assert_eq!(t("double precision"), "double precision");
        assert_eq!(t("float(10)"), "real");
        assert_eq!(t("pg_catalog.int4"), "integer");
        assert_eq!(t("int[]"), "integer[]");
        assert_eq!(t("\"char\""), "\"char\"");
        assert_eq!(t("numeric(10, 2)"), "numeric(10,2)");
    }

    #[test]
    fn user_types_keep_their_name() {
        let ty = parse_type("public.mood");
        assert!(!ty.builtin);
        assert_eq!(ty.base, "public.mood");
        assert_eq!(parse_type("\"Mood\"").base, "Mood");
    }

    #[test]
    fn compat_table_knows_the_seed_cases() {
        assert_eq!(builtin_compat("int4", "varchar"), Some(KeyCompat::Rejected));
        assert_eq!(builtin_compat("uuid", "varchar"), Some(KeyCompat::Rejected));
        assert_eq!(builtin_compat("int4", "int8"), Some(KeyCompat::Accepted));
        assert_eq!(
            builtin_compat("varchar", "varchar"),
            Some(KeyCompat::Accepted)
        );
    }
}

/// How a referencing column's type relates to the referenced key's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeRelation {
    Same,
    /// PostgreSQL accepts the foreign key, but the types differ (`int4` → `int8`, `varchar(36)` → `varchar(255)`).
    Drift,
    /// PostgreSQL cannot implement the foreign key (42804).
    Incompatible,
    /// fklint does not know (unknown or extension types, arrays of different kinds).
    Unknown,
}

/// Compares two resolved types using what their server decides: the table PostgreSQL or MariaDB produced, or
/// SQLite's affinities.
pub fn relate(fk: &SqlType, key: &SqlType) -> TypeRelation {
    if fk == key {
        return TypeRelation::Same;
    }
    match (fk.dialect, key.dialect) {
        (Dialect::MySql, Dialect::MySql) => return mysql::relate(fk, key),
        (Dialect::Sqlite, Dialect::Sqlite) => return sqlite::relate(fk, key),
        (Dialect::Postgres, Dialect::Postgres) => {}
        _ => return TypeRelation::Unknown,
    }
    if fk.array || key.array {
        return TypeRelation::Unknown;
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
