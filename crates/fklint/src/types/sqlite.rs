//! SQLite column types. SQLite never rejects a foreign key for its types: a declared type only gives the
//! column an *affinity* (<https://www.sqlite.org/datatype3.html>, section 3.1), which converts values when
//! they are stored, and a foreign key check applies the parent column's affinity to the child's value before
//! comparing. So what matters between a foreign key and its key is their affinities, not their spelling:
//! `CHAR(36)` and `TEXT` are both TEXT, `INT` and `BIGINT` both INTEGER.

use super::sql_type::{SqlType, TypeRelation};
use crate::dialect::Dialect;

/// The five affinities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

impl Affinity {
    pub fn name(self) -> &'static str {
        match self {
            Affinity::Integer => "INTEGER",
            Affinity::Text => "TEXT",
            Affinity::Blob => "BLOB",
            Affinity::Real => "REAL",
            Affinity::Numeric => "NUMERIC",
        }
    }

    /// INTEGER, REAL and NUMERIC columns store numbers whenever the text looks like one.
    fn is_numeric(self) -> bool {
        matches!(self, Affinity::Integer | Affinity::Real | Affinity::Numeric)
    }
}

/// Keeps the declared type as written (upper-case, spaces collapsed): SQLite stores nothing else.
pub fn parse_type(text: &str) -> SqlType {
    let declared = text.split_whitespace().collect::<Vec<_>>().join(" ");
    SqlType {
        base: declared.to_ascii_uppercase(),
        modifiers: None,
        array: false,
        builtin: true,
        dialect: Dialect::Sqlite,
        collation: None,
    }
}

pub fn display(ty: &SqlType) -> String {
    if ty.base.is_empty() {
        "no declared type".into()
    } else {
        ty.base.clone()
    }
}

/// The affinity of a declared type, by the rules of section 3.1, in their order.
pub fn affinity(ty: &SqlType) -> Affinity {
    affinity_of(&ty.base)
}

pub fn affinity_of(declared: &str) -> Affinity {
    let upper = declared.to_ascii_uppercase();
    if upper.contains("INT") {
        Affinity::Integer
    } else if ["CHAR", "CLOB", "TEXT"].iter().any(|w| upper.contains(w)) {
        Affinity::Text
    } else if upper.contains("BLOB") || upper.trim().is_empty() {
        Affinity::Blob
    } else if ["REAL", "FLOA", "DOUB"].iter().any(|w| upper.contains(w)) {
        Affinity::Real
    } else {
        Affinity::Numeric
    }
}

/// Same affinity: no difference that matters. INTEGER or REAL on one side and TEXT on the other (the seeds'
/// integer column pointing at a uuid or varchar key): the foreign key is accepted (SQLite accepts any), but
/// the column is declared to hold numbers the key never has, and keys that look like numbers (`'007'`,
/// `'1.0'`) stop matching: drift. NUMERIC affinity against TEXT is left alone: it is what type names SQLite
/// does not know get (`UUID`, `DATETIME`, `BOOLEAN`), and text that does not look like a number stays text
/// there, so `UUID` → `TEXT` keys match (Ory Kratos declares them so).
pub fn relate(fk: &SqlType, key: &SqlType) -> TypeRelation {
    let (a, b) = (affinity(fk), affinity(key));
    let number = |x: Affinity| matches!(x, Affinity::Integer | Affinity::Real);
    if a == b || (a.is_numeric() && b.is_numeric()) {
        TypeRelation::Same
    } else if (number(a) && b == Affinity::Text) || (a == Affinity::Text && number(b)) {
        TypeRelation::Drift
    } else {
        TypeRelation::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: &str, b: &str) -> TypeRelation {
        relate(&parse_type(a), &parse_type(b))
    }

    #[test]
    fn affinity_rules_in_order() {
        assert_eq!(affinity_of("INTEGER"), Affinity::Integer);
        assert_eq!(affinity_of("BIGINT"), Affinity::Integer);
        assert_eq!(affinity_of("CHARINT"), Affinity::Integer); // rule 1 wins
        assert_eq!(affinity_of("VARCHAR(255)"), Affinity::Text);
        assert_eq!(affinity_of("CLOB"), Affinity::Text);
        assert_eq!(affinity_of("BLOB"), Affinity::Blob);
        assert_eq!(affinity_of(""), Affinity::Blob);
        assert_eq!(affinity_of("DOUBLE PRECISION"), Affinity::Real);
        assert_eq!(affinity_of("FLOATING POINT"), Affinity::Integer); // "POINT" has INT
        assert_eq!(affinity_of("DECIMAL(10,5)"), Affinity::Numeric);
        assert_eq!(affinity_of("UUID"), Affinity::Numeric);
        assert_eq!(affinity_of("TIMESTAMP"), Affinity::Numeric);
    }

    #[test]
    fn only_text_against_numbers_drifts() {
        assert_eq!(rel("CHAR(36)", "TEXT"), TypeRelation::Same);
        assert_eq!(rel("INT", "INTEGER"), TypeRelation::Same);
        assert_eq!(rel("BIGINT", "INTEGER"), TypeRelation::Same);
        assert_eq!(rel("INTEGER", "VARCHAR(36)"), TypeRelation::Drift);
        assert_eq!(rel("TEXT", "INTEGER"), TypeRelation::Drift);
        assert_eq!(rel("UUID", "CHAR(36)"), TypeRelation::Unknown);
        assert_eq!(rel("BLOB", "TEXT"), TypeRelation::Unknown);
    }
}
