//! PostgreSQL's identifier rules: case folding, quoting, truncation, qualified names, and the default names the
//! server gives constraints (so a fix can `DROP CONSTRAINT` the real name).

use std::fmt;

use crate::source::Span;

/// PostgreSQL truncates identifiers to `NAMEDATALEN - 1` bytes.
pub const MAX_IDENT_BYTES: usize = 63;

/// One identifier as written, with the value the database stores.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    /// What the database stores: unquoted names folded to lower case, quoted names kept, both truncated.
    pub value: String,
    pub quoted: bool,
    /// Where it is written (absolute offsets in its source).
    pub span: Span,
}

impl Ident {
    /// An unquoted word: folded to lower case (ASCII only, as PostgreSQL does for UTF-8 databases).
    pub fn unquoted(text: &str, span: Span) -> Ident {
        Ident {
            // ASCII folding keeps every byte's length and every char boundary: clipping first gives the same
            // name, with one allocation instead of two.
            value: clip(text, MAX_IDENT_BYTES).to_ascii_lowercase(),
            quoted: false,
            span,
        }
    }

    /// A quoted identifier's inner text (already unescaped).
    pub fn quoted(value: &str, span: Span) -> Ident {
        Ident {
            value: truncate(value),
            quoted: true,
            span,
        }
    }

    /// [`Ident::quoted`] of an owned text, truncated in place (no copy).
    pub fn quoted_owned(mut value: String, span: Span) -> Ident {
        let end = clip(&value, MAX_IDENT_BYTES).len();
        value.truncate(end);
        Ident {
            value,
            quoted: true,
            span,
        }
    }

    /// A name made up by fklint (no place in the text).
    pub fn synthetic(value: &str) -> Ident {
        Ident {
            value: value.to_string(),
            quoted: false,
            span: Span::default(),
        }
    }
}

/// A possibly schema-qualified object name as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObjName {
    pub schema: Option<Ident>,
    pub name: Ident,
    /// From the first to the last part, as written.
    pub span: Span,
}

impl ObjName {
    pub fn unqualified(name: Ident) -> ObjName {
        let span = name.span;
        ObjName {
            schema: None,
            name,
            span,
        }
    }
}

impl fmt::Display for ObjName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(schema) = &self.schema {
            write!(f, "{}.", quote_if_needed(&schema.value))?;
        }
        write!(f, "{}", quote_if_needed(&self.name.value))
    }
}

/// A resolved `schema.name` as the database stores it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QualName {
    pub schema: String,
    pub name: String,
}

impl QualName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> QualName {
        QualName {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// How to write it in SQL: qualified unless it is in `public`, which every default search path contains.
    pub fn sql(&self) -> String {
        self.to_string()
    }

    /// [`QualName::sql`] in `dialect`'s quoting (MySQL and SQLite tables live in the catalog's `public`).
    /// Whether the bare name means this table: `public` on the default path, and the session's temporary schema
    /// (`pg_temp`), which PostgreSQL searches first.
    fn shown_bare(&self) -> bool {
        self.schema == "public" || self.schema == "pg_temp"
    }

    pub fn sql_in(&self, dialect: crate::dialect::Dialect) -> String {
        if self.shown_bare() {
            return quote_in(dialect, &self.name);
        }
        format!(
            "{}.{}",
            quote_in(dialect, &self.schema),
            quote_in(dialect, &self.name)
        )
    }
}

/// A `schema.name` pair to look a [`QualName`] up by, without building one (two allocations per lookup on the
/// catalog's hottest path): maps keyed by `QualName` answer `get(&(schema, name) as &dyn QualKey)`.
pub trait QualKey {
    fn parts(&self) -> (&str, &str);
}

impl QualKey for QualName {
    fn parts(&self) -> (&str, &str) {
        (&self.schema, &self.name)
    }
}

impl QualKey for (&str, &str) {
    fn parts(&self) -> (&str, &str) {
        (self.0, self.1)
    }
}

impl<'a> std::borrow::Borrow<dyn QualKey + 'a> for QualName {
    fn borrow(&self) -> &(dyn QualKey + 'a) {
        self
    }
}

/// Hashes as the derived `Hash` of `QualName` does (its fields in order), as `Borrow` requires.
impl std::hash::Hash for dyn QualKey + '_ {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (schema, name) = self.parts();
        schema.hash(state);
        name.hash(state);
    }
}

impl PartialEq for dyn QualKey + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for dyn QualKey + '_ {}

/// For messages: `users` for `public.users`, `auth.users` otherwise (what `\d` shows with the default path).
impl fmt::Display for QualName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.shown_bare() {
            return write!(f, "{}", quote_if_needed(&self.name));
        }
        write!(
            f,
            "{}.{}",
            quote_if_needed(&self.schema),
            quote_if_needed(&self.name)
        )
    }
}

/// Truncates to 63 bytes on a char boundary, as PostgreSQL does (with a NOTICE).
pub fn truncate(value: &str) -> String {
    if value.len() <= MAX_IDENT_BYTES {
        return value.to_string();
    }
    clip(value, MAX_IDENT_BYTES).to_string()
}

/// The longest prefix of at most `max_bytes` bytes that ends on a char boundary (PostgreSQL's `pg_mbcliplen`).
fn clip(value: &str, max_bytes: usize) -> &str {
    let mut end = max_bytes.min(value.len());
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

/// Words that must be quoted to be used as identifiers (reserved in PostgreSQL), sorted: looked up by binary
/// search (fix and message texts quote every name they write).
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "current_catalog",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "grant",
    "group",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "lateral",
    "leading",
    "limit",
    "localtime",
    "localtimestamp",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "placing",
    "primary",
    "references",
    "returning",
    "select",
    "session_user",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
];

/// Quotes an identifier when writing it bare would change its meaning.
/// A name for SQL in `dialect`: PostgreSQL's and SQLite's double quotes ([`quote_if_needed`]), MySQL's backticks
/// (there `"..."` is a string, and names keep their case, so only odd characters and reserved words need them).
pub fn quote_in(dialect: crate::dialect::Dialect, value: &str) -> String {
    if dialect != crate::dialect::Dialect::MySql {
        return quote_if_needed(value);
    }
    let plain = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !is_reserved(&value.to_ascii_lowercase())
        && !MYSQL_RESERVED.contains(&value.to_ascii_lowercase().as_str());
    if plain {
        value.to_string()
    } else {
        format!("`{}`", value.replace('`', "``"))
    }
}

/// MySQL reserved words that PostgreSQL does not reserve (the ones likely as column names).
const MYSQL_RESERVED: &[&str] = &[
    "key",
    "keys",
    "index",
    "range",
    "interval",
    "usage",
    "condition",
    "change",
    "convert",
    "database",
    "delayed",
    "div",
    "explain",
    "force",
    "fulltext",
    "ignore",
    "infile",
    "kill",
    "linear",
    "lines",
    "load",
    "lock",
    "long",
    "match",
    "mod",
    "modifies",
    "natural",
    "option",
    "optionally",
    "outer",
    "precision",
    "procedure",
    "purge",
    "read",
    "reads",
    "release",
    "rename",
    "repeat",
    "replace",
    "require",
    "return",
    "revoke",
    "rlike",
    "schema",
    "schemas",
    "separator",
    "signal",
    "spatial",
    "sql",
    "ssl",
    "starting",
    "status",
    "terminated",
    "trigger",
    "undo",
    "unlock",
    "unsigned",
    "update",
    "use",
    "using",
    "values",
    "while",
    "write",
    "xor",
    "zerofill",
    "delete",
    "insert",
    "int",
    "integer",
    "year_month",
    "rows",
    "row",
    "rank",
    "groups",
    "function",
    "system",
    "window",
    "virtual",
    "generated",
    "stored",
    "optimize",
    "dual",
    "exists",
    "escaped",
    "enclosed",
    "high_priority",
    "low_priority",
    "sensitive",
    "accessible",
    "add",
    "alter",
    "before",
    "between",
    "by",
    "call",
    "cascade",
    "char",
    "character",
    "continue",
    "cursor",
    "dec",
    "decimal",
    "declare",
    "describe",
    "double",
    "drop",
    "each",
    "elseif",
    "exit",
    "float",
    "get",
    "if",
    "inout",
    "is",
    "iterate",
    "join",
    "leave",
    "left",
    "like",
    "limit",
    "loop",
    "out",
    "partition",
    "real",
    "restrict",
    "right",
    "set",
    "show",
    "smallint",
    "bigint",
    "tinyint",
    "blob",
    "text",
    "varchar",
];

/// Whether a lower-case word is reserved in PostgreSQL.
fn is_reserved(word: &str) -> bool {
    RESERVED.binary_search(&word).is_ok()
}

pub fn quote_if_needed(value: &str) -> String {
    let plain = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$')
        && !is_reserved(value);
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('"', "\"\""))
    }
}

/// PostgreSQL's `makeObjectName`: `name1_name2_label`, shortening the longer of name1/name2 one byte at a time
/// until the whole fits in 63 bytes.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let mut overhead = label.len() + 1;
    if name2.is_some() {
        overhead += 1;
    }
    let available = MAX_IDENT_BYTES.saturating_sub(overhead);
    let mut name1_len = name1.len();
    let mut name2_len = name2.map_or(0, str::len);
    while name1_len + name2_len > available {
        if name1_len > name2_len {
            name1_len -= 1;
        } else {
            name2_len -= 1;
        }
    }
    let mut result = clip(name1, name1_len).to_string();
    if let Some(name2) = name2 {
        result.push('_');
        result.push_str(clip(name2, name2_len));
    }
    result.push('_');
    result.push_str(label);
    result
}

/// PostgreSQL's `ChooseForeignKeyConstraintNameAddition` (and the index variant): column names joined by `_`,
/// stopping once 63 bytes are reached.
pub fn column_name_addition(columns: &[String]) -> String {
    let mut buf = String::new();
    for column in columns {
        if !buf.is_empty() {
            buf.push('_');
        }
        buf.push_str(clip(column, MAX_IDENT_BYTES));
        if buf.len() > MAX_IDENT_BYTES {
            break;
        }
    }
    buf
}

/// PostgreSQL's `ChooseConstraintName`: the default name, with `1`, `2`, ... appended to the label while the
/// name is taken.
pub fn choose_constraint_name(
    table: &str,
    addition: Option<&str>,
    label: &str,
    is_taken: impl Fn(&str) -> bool,
) -> String {
    let mut candidate = make_object_name(table, addition, label);
    let mut pass = 0;
    while is_taken(&candidate) && pass < 10_000 {
        pass += 1;
        candidate = make_object_name(table, addition, &format!("{label}{pass}"));
    }
    candidate
}

/// Names for a column list in SQL (`a, "B"`), each quoted as `dialect` needs.
pub fn join_idents_in(dialect: crate::dialect::Dialect, names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote_in(dialect, n))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reserved_words_are_sorted_for_binary_search() {
        assert!(RESERVED.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(RESERVED.iter().all(|word| is_reserved(word)));
        assert!(is_reserved("references") && !is_reserved("users") && !is_reserved("REFERENCES"));
    }

    #[test]
    fn folds_unquoted_and_keeps_quoted() {
        assert_eq!(Ident::unquoted("Users", Span::default()).value, "users");
        assert_eq!(Ident::quoted("Users", Span::default()).value, "Users");
    }

    #[test]
    fn default_fk_name_matches_postgres() {
        let addition = column_name_addition(&["tenant_id".into()]);
        assert_eq!(
            make_object_name("orders", Some(&addition), "fkey"),
            "orders_tenant_id_fkey"
        );
        let two = column_name_addition(&["a".into(), "b".into()]);
        assert_eq!(make_object_name("t", Some(&two), "fkey"), "t_a_b_fkey");
    }

    #[test]
    fn long_names_are_shortened_like_postgres() {
        // Checked on PostgreSQL 15: the longer part loses bytes first.
        let table = "a".repeat(40);
        let column = "b".repeat(40);
        let name = make_object_name(&table, Some(&column), "fkey");
        assert_eq!(name.len(), 63);
        assert_eq!(name, format!("{}_{}_fkey", "a".repeat(29), "b".repeat(28)));
    }

    #[test]
    fn clashes_get_a_number() {
        let name = choose_constraint_name("t", Some("a"), "fkey", |n| n == "t_a_fkey");
        assert_eq!(name, "t_a_fkey1");
    }

    #[test]
    fn quoting() {
        assert_eq!(quote_if_needed("users"), "users");
        assert_eq!(quote_if_needed("user"), "\"user\"");
        assert_eq!(quote_if_needed("Users"), "\"Users\"");
    }
}
