//! Column types: what a migration writes, read per dialect ([`postgres`], [`mysql`], [`sqlite`]) into one
//! vocabulary ([`sql_type`]), printed back the way the server does, and how two types relate for a foreign key,
//! as each server decides it.

use std::fmt;

use crate::dialect::Dialect;

pub mod mysql;
pub mod postgres;
pub mod sql_type;
pub mod sqlite;

pub use postgres::{builtin_compat, parse_type};
pub use sql_type::{KeyCompat, SqlType, TypeRelation};

impl SqlType {
    /// The type with the parts that matter for a foreign key, as its server prints it (PostgreSQL's
    /// `format_type`).
    pub fn display(&self) -> String {
        match self.dialect {
            Dialect::MySql => mysql::display(self),
            Dialect::Sqlite => sqlite::display(self),
            Dialect::Postgres => postgres::display(self),
        }
    }

    /// Whether this is an integer type (the classic accidental `Integer` foreign key).
    pub fn is_integer(&self) -> bool {
        match self.dialect {
            Dialect::MySql => mysql::is_integer(self),
            Dialect::Sqlite => sqlite::affinity(self) == sqlite::Affinity::Integer,
            Dialect::Postgres => postgres::is_integer(self),
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

/// Whether a PostgreSQL type takes a collation (`COLLATE` on any other is rejected, 42804): the string types.
/// A type fklint does not know (a user type) is assumed to, so nothing is judged on a guess.
pub fn has_collation(ty: &SqlType) -> bool {
    !ty.builtin
        || matches!(
            ty.base.as_str(),
            "text" | "varchar" | "bpchar" | "name" | "citext"
        )
}

/// Compares two resolved types using what their server decides: the table PostgreSQL or MariaDB produced, or
/// SQLite's affinities.
pub fn relate(fk: &SqlType, key: &SqlType) -> TypeRelation {
    if fk == key {
        return TypeRelation::Same;
    }
    match (fk.dialect, key.dialect) {
        (Dialect::MySql, Dialect::MySql) => mysql::relate(fk, key),
        (Dialect::Sqlite, Dialect::Sqlite) => sqlite::relate(fk, key),
        (Dialect::Postgres, Dialect::Postgres) => postgres::relate(fk, key),
        _ => TypeRelation::Unknown,
    }
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
    fn an_array_never_references_a_plain_type() {
        // Arrays coerce element by element; a user type may have any cast; int2vector casts to int2[].
        let cases = [
            ("inet[]", "inet", TypeRelation::Incompatible),
            ("inet", "inet[]", TypeRelation::Incompatible),
            ("int[]", "bigint", TypeRelation::Incompatible),
            ("int[]", "bigint[]", TypeRelation::Unknown),
            ("public.mood[]", "int", TypeRelation::Unknown),
            ("int2vector", "smallint[]", TypeRelation::Unknown),
        ];
        for (fk, key, relation) in cases {
            assert_eq!(
                relate(&parse_type(fk), &parse_type(key)),
                relation,
                "{fk} -> {key}"
            );
        }
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
