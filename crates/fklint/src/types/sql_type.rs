//! The vocabulary every dialect's types share: a column type as its server stores it, the modifiers written in
//! its parentheses, and how two types relate for a foreign key.

use std::collections::HashMap;

use crate::dialect::Dialect;
use crate::lex::{self, TokenKind};

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

pub(crate) fn parse_compat_table(text: &str) -> HashMap<(String, String), KeyCompat> {
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
