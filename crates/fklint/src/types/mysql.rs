//! MySQL/MariaDB column types: reading what a migration writes (`int(10) unsigned`, `INT UNSIGNED ZEROFILL`,
//! `varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`, `tinyint(1)`, `serial`) into what InnoDB
//! compares, and whether InnoDB can create a foreign key between two of them. That decision comes from MariaDB
//! itself: `mysql_key_compat.tsv` is written by the `mysql_key_compat` test (`FKLINT_REGEN_KEY_COMPAT=1`), which
//! tries every pair on a real server.
//!
//! What InnoDB compares, and so what a [`SqlType`] of this dialect keeps: the integer size and signedness (not
//! the display width `int(11)`; `ZEROFILL` implies `UNSIGNED`), DECIMAL precision and scale, string lengths, and
//! for string types the collation (its charset is the collation's prefix).
//!
//! Defaults: a string column without `CHARACTER SET`/`COLLATE` takes its table's default, and a table without
//! one the database's. The catalog does not know table or database defaults yet, so [`TableCharset::default`]
//! is the server default of MariaDB 10.11: `utf8mb4` with `utf8mb4_general_ci` (MySQL 8 would use
//! `utf8mb4_0900_ai_ci`). A charset alone means its default collation (`latin1` → `latin1_swedish_ci`), and
//! `utf8` is `utf8mb3`, as in MariaDB 10.6 and later.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::sql_type::{parse_compat_table, KeyCompat, Modifiers, SqlType, TypeRelation};
use crate::dialect::Dialect;
use crate::lex::{self, TokenKind};

/// The server default charset assumed when neither the column nor the table says (MariaDB 10.11).
pub const SERVER_CHARSET: &str = "utf8mb4";
/// The server default collation assumed (MariaDB 10.11's default for `utf8mb4`).
pub const SERVER_COLLATION: &str = "utf8mb4_general_ci";

/// A table's `DEFAULT CHARSET=` / `COLLATE=`, which its string columns inherit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCharset {
    pub charset: Option<String>,
    pub collation: Option<String>,
}

/// Integer types by size, smallest first.
const INTEGERS: &[&str] = &["tinyint", "smallint", "mediumint", "int", "bigint"];

/// Types that carry a charset and collation.
const STRING_TYPES: &[&str] = &[
    "char",
    "varchar",
    "tinytext",
    "text",
    "mediumtext",
    "longtext",
    "enum",
    "set",
];

/// The words of a type text, split into the name, the parenthesized modifiers and the attributes after them.
#[derive(Default)]
struct Written {
    name: Vec<String>,
    modifiers: Option<String>,
    attributes: Vec<String>,
}

fn read_words(text: &str) -> Written {
    let mut out = Written::default();
    let mut parenthesized = Modifiers::default();
    for token in lex::tokenize_in(text, Dialect::MySql) {
        let piece = token.text(text);
        if parenthesized.take(&token, piece) {
            // The attributes come after the modifiers: the name is complete once they are closed.
            out.modifiers.clone_from(&parenthesized.first);
            continue;
        }
        match token.kind {
            TokenKind::Word | TokenKind::QuotedIdent | TokenKind::String => {
                let word = match token.kind {
                    TokenKind::String => piece.trim_matches(['\'', '"']).to_ascii_lowercase(),
                    _ => lex::ident_text(text, &token).to_ascii_lowercase(),
                };
                let in_name = out.modifiers.is_none() && out.attributes.is_empty();
                if out.name.is_empty() || (in_name && !is_attribute(&word)) {
                    out.name.push(word);
                } else {
                    out.attributes.push(word);
                }
            }
            _ => {}
        }
    }
    out
}

/// Words that follow a type name rather than belong to it.
fn is_attribute(word: &str) -> bool {
    matches!(
        word,
        "unsigned"
            | "signed"
            | "zerofill"
            | "character"
            | "charset"
            | "collate"
            | "binary"
            | "ascii"
            | "unicode"
    )
}

/// Reads a MySQL/MariaDB column type as written, with the table's defaults for its charset. Never fails:
/// unknown names are kept (lower-case) and marked not built-in, so nothing is concluded about them.
pub fn parse_type(text: &str, table: &TableCharset) -> SqlType {
    let written = read_words(text);
    let phrase = written.name.join(" ");
    let attrs = &written.attributes;
    let has = |word: &str| attrs.iter().any(|a| a == word);
    let (base, mut modifiers, implied_charset) = base_name(&phrase, written.modifiers);
    let Some(mut base) = base else {
        return SqlType {
            base: phrase,
            modifiers,
            array: false,
            builtin: false,
            dialect: Dialect::MySql,
            collation: None,
        };
    };
    if INTEGERS.contains(&base.as_str()) {
        modifiers = None; // display width: InnoDB ignores it
        if has("unsigned") || has("zerofill") || phrase == "serial" {
            base.push_str(" unsigned");
        }
    }
    let mut collation = None;
    if STRING_TYPES.contains(&base.as_str()) {
        let coll = string_collation(attrs, implied_charset, table);
        if coll == "binary" {
            base = binary_equivalent(&base).to_string();
        } else {
            collation = Some(coll);
        }
    }
    SqlType {
        base,
        modifiers,
        array: false,
        builtin: true,
        dialect: Dialect::MySql,
        collation,
    }
}

/// The canonical base name (with default modifiers filled in) and a charset the name implies (`nchar`).
fn base_name(
    phrase: &str,
    modifiers: Option<String>,
) -> (Option<String>, Option<String>, Option<&'static str>) {
    let mods = modifiers.map(|m| m.replace(' ', ""));
    let with_default = |default: &str| Some(mods.clone().unwrap_or_else(|| default.to_string()));
    let (name, mods, charset) = match phrase {
        "tinyint" | "int1" | "bool" | "boolean" => ("tinyint", None, None),
        "smallint" | "int2" => ("smallint", None, None),
        "mediumint" | "int3" | "middleint" => ("mediumint", None, None),
        "int" | "integer" | "int4" => ("int", None, None),
        "bigint" | "int8" | "serial" => ("bigint", None, None),
        "decimal" | "dec" | "numeric" | "fixed" => ("decimal", decimal_modifiers(mods), None),
        "float" => match mods.as_deref().and_then(|m| m.parse::<u32>().ok()) {
            Some(p) if p > 24 => ("double", None, None),
            _ => ("float", None, None),
        },
        "double" | "double precision" | "real" | "float8" => ("double", None, None),
        "float4" => ("float", None, None),
        "bit" => ("bit", with_default("1"), None),
        "char" | "character" => ("char", with_default("1"), None),
        "nchar" | "national char" | "national character" => {
            ("char", with_default("1"), Some("utf8mb3"))
        }
        "varchar" | "character varying" | "char varying" => ("varchar", mods, None),
        "nvarchar" | "national varchar" | "national character varying" | "nchar varchar" => {
            ("varchar", mods, Some("utf8mb3"))
        }
        "tinytext" => ("tinytext", None, None),
        "text" => (text_by_length(mods.as_deref()), None, None),
        "mediumtext" | "long" | "long varchar" => ("mediumtext", None, None),
        "longtext" => ("longtext", None, None),
        "binary" => ("binary", with_default("1"), None),
        "varbinary" | "char byte" => ("varbinary", mods, None),
        "tinyblob" => ("tinyblob", None, None),
        "blob" => (blob_by_length(mods.as_deref()), None, None),
        "mediumblob" | "long varbinary" => ("mediumblob", None, None),
        "longblob" => ("longblob", None, None),
        "date" | "year" => (phrase_static(phrase), None, None),
        "time" | "datetime" | "timestamp" => (phrase_static(phrase), fsp(mods), None),
        "enum" | "set" => (phrase_static(phrase), mods, None),
        // MariaDB's JSON is LONGTEXT with a JSON_VALID check, in utf8mb4_bin.
        "json" => ("longtext", None, Some("utf8mb4_bin")),
        "uuid" | "inet4" | "inet6" => (phrase_static(phrase), None, None),
        _ => return (None, mods, None),
    };
    (Some(name.to_string()), mods, charset)
}

fn phrase_static(phrase: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "date",
        "year",
        "time",
        "datetime",
        "timestamp",
        "enum",
        "set",
        "uuid",
        "inet4",
        "inet6",
    ];
    NAMES.iter().copied().find(|n| *n == phrase).unwrap_or("")
}

/// `decimal` is `decimal(10,0)`, `decimal(8)` is `decimal(8,0)`.
fn decimal_modifiers(mods: Option<String>) -> Option<String> {
    match mods {
        None => Some("10,0".into()),
        Some(m) if !m.contains(',') => Some(format!("{m},0")),
        Some(m) => Some(m),
    }
}

/// Fractional seconds: `datetime` and `datetime(0)` are the same type.
fn fsp(mods: Option<String>) -> Option<String> {
    mods.filter(|m| m != "0")
}

/// `text(n)` becomes the smallest text type that holds n characters (bytes, in the worst case).
fn text_by_length(mods: Option<&str>) -> &'static str {
    match mods.and_then(|m| m.parse::<u64>().ok()) {
        Some(n) if n < 256 => "tinytext",
        Some(n) if n >= 16_777_216 => "longtext",
        Some(n) if n >= 65_536 => "mediumtext",
        _ => "text",
    }
}

fn blob_by_length(mods: Option<&str>) -> &'static str {
    match mods.and_then(|m| m.parse::<u64>().ok()) {
        Some(n) if n < 256 => "tinyblob",
        Some(n) if n >= 16_777_216 => "longblob",
        Some(n) if n >= 65_536 => "mediumblob",
        _ => "blob",
    }
}

/// `CHARACTER SET binary` turns a string type into its binary twin.
fn binary_equivalent(base: &str) -> &str {
    match base {
        "char" => "binary",
        "varchar" => "varbinary",
        "tinytext" => "tinyblob",
        "text" => "blob",
        "mediumtext" => "mediumblob",
        "longtext" => "longblob",
        other => other,
    }
}

/// The collation a string column gets: its own `COLLATE`, else its charset's default (with `BINARY` meaning
/// the charset's `_bin` collation), else the table's, else the server's.
fn string_collation(attrs: &[String], implied: Option<&str>, table: &TableCharset) -> String {
    let after = |word: &str| {
        attrs
            .iter()
            .position(|a| a == word)
            .and_then(|i| attrs.get(i + 1))
            .map(String::as_str)
    };
    let charset = after("set")
        .filter(|_| attrs.iter().any(|a| a == "character"))
        .or_else(|| after("charset"))
        .or_else(|| attrs.iter().any(|a| a == "ascii").then_some("latin1"))
        .or_else(|| attrs.iter().any(|a| a == "unicode").then_some("ucs2"))
        .map(normalize_charset);
    if let Some(collation) = after("collate") {
        return normalize_collation(collation);
    }
    // `varchar(10) BINARY`: the binary collation of the column's charset (not `CHARACTER SET binary`).
    let binary_flag = attrs.iter().enumerate().any(|(i, a)| {
        a == "binary" && (i == 0 || !matches!(attrs[i - 1].as_str(), "set" | "charset"))
    });
    let implied_collation = implied.filter(|c| c.contains('_'));
    let charset = charset.or_else(|| implied.filter(|c| !c.contains('_')).map(normalize_charset));
    let collation = match (charset, implied_collation) {
        (Some(cs), _) => default_collation(&cs),
        (None, Some(collation)) => collation.to_string(),
        (None, None) => table_collation(table),
    };
    if binary_flag && collation != "binary" {
        return format!("{}_bin", charset_of(&collation));
    }
    collation
}

fn table_collation(table: &TableCharset) -> String {
    match (&table.collation, &table.charset) {
        (Some(collation), _) => normalize_collation(collation),
        (None, Some(charset)) => default_collation(&normalize_charset(charset)),
        (None, None) => SERVER_COLLATION.to_string(),
    }
}

/// `utf8` is `utf8mb3` (MariaDB 10.6+ with the default `old_mode`).
fn normalize_charset(charset: &str) -> String {
    let lower = charset.to_ascii_lowercase();
    if lower == "utf8" {
        "utf8mb3".into()
    } else {
        lower
    }
}

fn normalize_collation(collation: &str) -> String {
    let lower = collation.to_ascii_lowercase();
    match lower.strip_prefix("utf8_") {
        Some(rest) => format!("utf8mb3_{rest}"),
        None => lower,
    }
}

/// The charset of a collation: the part before the first `_` (`binary` is its own).
pub fn charset_of(collation: &str) -> &str {
    collation.split('_').next().unwrap_or(collation)
}

/// A charset's default collation on MariaDB 10.11 (`SHOW CHARACTER SET`; the key_compat test checks these).
pub fn default_collation(charset: &str) -> String {
    let suffix = match charset {
        "binary" => return "binary".into(),
        "latin1" | "dec8" | "swe7" => "swedish_ci",
        "big5" | "gbk" | "gb2312" => "chinese_ci",
        "sjis" | "ujis" | "cp932" | "eucjpms" => "japanese_ci",
        "euckr" => "korean_ci",
        "latin5" => "turkish_ci",
        "tis620" => "thai_ci",
        "hp8" => "english_ci",
        _ => "general_ci",
    };
    format!("{charset}_{suffix}")
}

/// The type as `SHOW CREATE TABLE` would print it, with the charset and collation when they are not the
/// assumed server default.
pub fn display(ty: &SqlType) -> String {
    let mut out = match &ty.modifiers {
        Some(m) => match ty.base.strip_suffix(" unsigned") {
            Some(int) => format!("{int}({m}) unsigned"),
            None => format!("{}({m})", ty.base),
        },
        None => ty.base.clone(),
    };
    if let Some(collation) = ty.collation.as_deref().filter(|c| *c != SERVER_COLLATION) {
        let charset = charset_of(collation);
        if default_collation(charset) == collation {
            out.push_str(&format!(" CHARACTER SET {charset}"));
        } else {
            out.push_str(&format!(" CHARACTER SET {charset} COLLATE {collation}"));
        }
    }
    out
}

pub fn is_integer(ty: &SqlType) -> bool {
    INTEGERS.contains(&ty.base.trim_end_matches(" unsigned"))
}

/// Types whose modifier is a length: a difference in it is named `(shorter)`/`(longer)`.
fn length_typed(base: &str) -> bool {
    matches!(base, "char" | "varchar" | "binary" | "varbinary" | "bit")
}

/// The names a pair of types has in the compatibility table. The table names what InnoDB may care about and
/// abstracts what it cannot (lengths, which collation): `varchar(shorter)`/`varchar(longer)`,
/// `decimal(M,D)`/`decimal(other M,D)`, `datetime(fsp)`/`datetime(other fsp)`, `enum`/`enum(other values)`,
/// and ` (other collation)` / ` (other charset)` on the key's side when two string types' collations differ.
/// `None` when either type is unknown.
pub fn compat_names(fk: &SqlType, key: &SqlType) -> Option<(String, String)> {
    if !fk.builtin || !key.builtin {
        return None;
    }
    let (mut fk_name, mut key_name) = (fk.base.clone(), key.base.clone());
    if fk.base == key.base && fk.modifiers != key.modifiers {
        let (a, b) = modifier_names(&fk.base, fk.modifiers.as_deref(), key.modifiers.as_deref());
        fk_name = a;
        key_name = b;
    }
    if let (Some(a), Some(b)) = (&fk.collation, &key.collation) {
        if a != b {
            key_name.push_str(if charset_of(a) == charset_of(b) {
                " (other collation)"
            } else {
                " (other charset)"
            });
        }
    }
    Some((fk_name, key_name))
}

fn modifier_names(base: &str, fk: Option<&str>, key: Option<&str>) -> (String, String) {
    let number = |m: Option<&str>| m.and_then(|m| m.parse::<u64>().ok()).unwrap_or(0);
    match base {
        _ if length_typed(base) => {
            if number(fk) < number(key) {
                (format!("{base}(shorter)"), format!("{base}(longer)"))
            } else {
                (format!("{base}(longer)"), format!("{base}(shorter)"))
            }
        }
        "decimal" => ("decimal(M,D)".into(), "decimal(other M,D)".into()),
        "time" | "datetime" | "timestamp" => (format!("{base}(fsp)"), format!("{base}(other fsp)")),
        _ => (base.to_string(), format!("{base}(other values)")),
    }
}

/// The table generated from MariaDB, keyed by (fk name, key name).
fn compat_table() -> &'static HashMap<(String, String), KeyCompat> {
    static TABLE: OnceLock<HashMap<(String, String), KeyCompat>> = OnceLock::new();
    TABLE.get_or_init(|| parse_compat_table(include_str!("mysql_key_compat.tsv")))
}

/// MariaDB's verdict on a pair of table names.
pub fn builtin_compat(fk: &str, key: &str) -> Option<KeyCompat> {
    compat_table()
        .get(&(fk.to_string(), key.to_string()))
        .copied()
}

/// Compares two MySQL types with the table MariaDB produced.
pub fn relate(fk: &SqlType, key: &SqlType) -> TypeRelation {
    if fk == key {
        return TypeRelation::Same;
    }
    let Some((fk_name, key_name)) = compat_names(fk, key) else {
        return TypeRelation::Unknown;
    };
    match builtin_compat(&fk_name, &key_name) {
        Some(KeyCompat::Accepted) => TypeRelation::Drift,
        Some(KeyCompat::Rejected) => TypeRelation::Incompatible,
        Some(KeyCompat::PkImpossible) | None => TypeRelation::Unknown,
    }
}

/// Why InnoDB refuses a foreign key between the two types, in its own terms.
pub fn rejection_reason(fk: &SqlType, key: &SqlType) -> String {
    let pair = format!("`{}` vs `{}`", display(fk), display(key));
    let both = |f: fn(&SqlType) -> bool| f(fk) && f(key);
    let reason = if both(is_integer) {
        "InnoDB requires the same integer size and signedness (the display width does not matter)"
    } else if fk.base == "decimal" && key.base == "decimal" {
        "InnoDB requires DECIMAL columns of the same precision and scale"
    } else if let (Some(a), Some(b)) = (&fk.collation, &key.collation) {
        if charset_of(a) != charset_of(b) {
            "InnoDB requires string columns of the same character set"
        } else if a != b {
            "InnoDB requires string columns of the same collation"
        } else {
            "InnoDB cannot compare these string types"
        }
    } else {
        "InnoDB requires columns of the same kind of type"
    };
    format!("{pair}: {reason}")
}

/// A column type's text without its `CHARACTER SET`/`CHARSET`/`COLLATE` clause (what `CONVERT TO CHARACTER SET`
/// replaces): `varchar(10) CHARACTER SET latin1` → `varchar(10)`.
pub fn without_charset(text: &str) -> &str {
    // After the last `)`: an ENUM's quoted values may hold the words.
    let tail = text.rfind(')').map_or(0, |i| i + 1);
    let lower = text.get(tail..).unwrap_or("").to_ascii_lowercase();
    let cut = [" character set", " charset", " collate"]
        .iter()
        .filter_map(|word| lower.find(word).map(|i| tail + i))
        .min()
        .unwrap_or(text.len());
    text.get(..cut).unwrap_or(text).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_charset_keeps_enum_values() {
        assert_eq!(
            without_charset("varchar(10) CHARACTER SET latin1"),
            "varchar(10)"
        );
        assert_eq!(
            without_charset("enum('a collate b','c') COLLATE utf8mb4_bin"),
            "enum('a collate b','c')"
        );
        assert_eq!(without_charset("text charset utf8"), "text");
        assert_eq!(without_charset("int"), "int");
    }

    fn t(text: &str) -> String {
        parse_type(text, &TableCharset::default()).display()
    }

    #[test]
    fn normalizes_what_innodb_ignores() {
        assert_eq!(t("int(11)"), "int");
        assert_eq!(t("INT(10) UNSIGNED"), "int unsigned");
        assert_eq!(t("int unsigned zerofill"), "int unsigned");
        assert_eq!(t("bigint(20) unsigned"), "bigint unsigned");
        assert_eq!(t("serial"), "bigint unsigned");
        assert_eq!(t("bool"), "tinyint");
        assert_eq!(t("tinyint(1)"), "tinyint");
        assert_eq!(t("decimal"), "decimal(10,0)");
        assert_eq!(t("numeric(8, 2)"), "decimal(8,2)");
        assert_eq!(t("char"), "char(1)");
        assert_eq!(t("datetime(0)"), "datetime");
        assert_eq!(t("double precision"), "double");
        assert_eq!(
            t("json"),
            "longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
        );
        assert_eq!(t("enum('a','b')"), "enum('a','b')");
    }

    #[test]
    fn charsets_and_collations() {
        let c = |text: &str| parse_type(text, &TableCharset::default()).collation;
        assert_eq!(c("varchar(255)").as_deref(), Some("utf8mb4_general_ci"));
        assert_eq!(
            c("varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").as_deref(),
            Some("utf8mb4_unicode_ci")
        );
        assert_eq!(
            c("varchar(5) charset latin1").as_deref(),
            Some("latin1_swedish_ci")
        );
        assert_eq!(
            c("char(3) CHARACTER SET utf8").as_deref(),
            Some("utf8mb3_general_ci")
        );
        assert_eq!(
            c("char(3) COLLATE utf8_bin").as_deref(),
            Some("utf8mb3_bin")
        );
        assert_eq!(c("varchar(3) BINARY").as_deref(), Some("utf8mb4_bin"));
        assert_eq!(t("varchar(16) CHARACTER SET binary"), "varbinary(16)");
        let latin1 = TableCharset {
            charset: Some("latin1".into()),
            collation: None,
        };
        assert_eq!(
            parse_type("varchar(9)", &latin1).collation.as_deref(),
            Some("latin1_swedish_ci")
        );
        assert_eq!(parse_type("int", &latin1).collation, None);
    }

    #[test]
    fn unknown_types_are_not_judged() {
        let fk = parse_type("geometry", &TableCharset::default());
        let key = parse_type("int", &TableCharset::default());
        assert!(!fk.builtin);
        assert_eq!(relate(&fk, &key), TypeRelation::Unknown);
    }
}
