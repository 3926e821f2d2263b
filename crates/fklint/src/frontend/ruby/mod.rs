//! Ruby front end: Rails' `db/schema.rb`, read a line at a time by a hand-written reader into the same schema
//! events the SQL front end emits ([`schema_rb`]). Spans point into the `.rb` text: a column's type is the
//! method of `t.integer "user_id"`, a referenced table the second string of `add_foreign_key`, so every rule
//! works unchanged and fixes are respelled as Rails code ([`rails_spelling`]). Migrations (`db/migrate/*.rb`)
//! are read in version order into the same events ([`migrate`]).

pub mod lex;
pub mod migrate;
pub mod schema_rb;
pub mod sha256;

use super::parsed::Parsed;
use crate::dialect::Dialect;
use crate::source::{Outline, Source, SourceId};
use crate::types::SqlType;

/// Whether a source is Ruby (by its name: `db/schema.rb`, `db/migrate/20240101000000_create_users.rb`).
pub fn is_ruby(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".rb")
}

/// The dialect a schema dump shows (`enable_extension` is PostgreSQL's, `ENGINE=` MySQL's).
pub fn declared_dialect(text: &str) -> Option<(Dialect, &'static str)> {
    if !schema_rb::is_schema(text) {
        return None;
    }
    if text.contains("enable_extension") {
        Some((Dialect::Postgres, "enable_extension"))
    } else if text.contains("ENGINE=") {
        Some((Dialect::MySql, "options: \"ENGINE="))
    } else {
        None
    }
}

/// The Ruby front end: each schema dump is read when its turn comes (it is one whole schema).
#[derive(Default)]
pub struct Ruby {
    /// The tables each migration class created (for `revert ClassName` in a later one).
    created_by: migrate::CreatedBy,
}

impl super::front_end::FrontEnd for Ruby {
    fn name(&self) -> &'static str {
        "ruby"
    }

    fn reads(&self, source_name: &str) -> bool {
        is_ruby(source_name)
    }

    fn read(&mut self, source: &Source, id: SourceId, parsed: &mut Parsed) {
        let (lines, comments) = lex::lines(&source.text);
        if source.text.contains(Outline::DIRECTIVE_MARKER) {
            parsed.outlines[id] = Outline {
                statements: lines.clone(),
                comments,
            };
        }
        if !schema_rb::is_schema(&source.text) {
            if migrate::is_migration(&source.text) {
                migrate::read(&source.text, &lines, id, parsed, &mut self.created_by);
            }
            return;
        }
        let tables = schema_rb::read(&source.text, &lines, id, parsed.dialect);
        super::orm::push_events(&tables, parsed);
    }
}

/// How a fix writes `ty` in place of the column method `written` (`integer` of `t.integer "user_id"`): the
/// Rails type that makes it. `None` when it takes options (a `limit:`), which the edit cannot add.
pub fn rails_spelling(ty: &SqlType, written: &str) -> Option<String> {
    // `t.column :user_id, :integer` and `add_column :t, :c, :integer` write the type as a symbol.
    let sigil = if written.starts_with(':') { ":" } else { "" };
    let method = match (ty.dialect, ty.base.as_str(), ty.modifiers.as_deref()) {
        (_, _, _) if ty.array => return None,
        (Dialect::Postgres, "int4", _) | (Dialect::MySql, "int", _) => "integer",
        (Dialect::Postgres, "int8", _) | (Dialect::MySql, "bigint", _) => "bigint",
        (Dialect::Postgres, "uuid", _) => "uuid",
        (_, "text", _) => "text",
        (Dialect::Postgres, "varchar", None) | (Dialect::MySql, "varchar", Some("255")) => "string",
        (Dialect::Sqlite, _, _) => match ty.display().to_ascii_lowercase().as_str() {
            "integer" => "integer",
            "bigint" => "bigint",
            "text" => "text",
            _ => return None,
        },
        _ => return None,
    };
    Some(format!("{sigil}{method}"))
}
