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
use crate::source::{Outline, Source, SourceId, Span};
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

/// In a migration, the code that makes the integer column at `at` a reference to `target`: the span to replace
/// (from the call to the column's type) and its text. `t.integer :user_id` and `t.column :user_id, :integer`
/// become `t.references :user, type: :integer, foreign_key: true`, `add_column :posts, :user_id, :integer`
/// becomes `add_reference :posts, :user, ...` (`foreign_key: { to_table: :x }` when the table is not the
/// plural of the name; `type:` unless it is the migration's default, bigint since Rails 5.1; `index: false`
/// since Rails 5.0, as the column had none). `None` for a schema dump or a column not named `<name>_id`.
pub fn reference_edit(src: &str, at: usize, target: &str) -> Option<(Span, String)> {
    if !migrate::is_migration(src) || schema_rb::is_schema(src) {
        return None;
    }
    let start = src.get(..at)?.rfind('\n').map_or(0, |n| n + 1);
    let end = src.get(at..)?.find('\n').map_or(src.len(), |n| at + n);
    let call = lex::call(src, Span::new(start, end))?;
    let p = &call.positional;
    let (head, name, ty) = match (call.receiver.as_deref(), call.method.as_str()) {
        (Some(var), "column") => (format!("{var}.references"), p.first()?, p.get(1)?),
        (Some(var), method) => {
            let ty = lex::Value::Symbol(method.to_string(), call.span);
            let name = p.first()?;
            return finish(
                src,
                &call,
                format!("{var}.references"),
                name,
                &ty,
                name,
                target,
            );
        }
        (None, "add_column") => {
            let table = p.first()?.span().slice(src);
            let table = match p.first()? {
                lex::Value::Str(..) => format!("\"{table}\""),
                _ => table.to_string(),
            };
            (format!("add_reference {table},"), p.get(1)?, p.get(2)?)
        }
        _ => return None,
    };
    finish(src, &call, head, name, ty, ty, target)
}

/// The edit of [`reference_edit`]: from the call's start to the end of `last`.
fn finish(
    src: &str,
    call: &lex::Call,
    head: String,
    name: &lex::Value,
    ty: &lex::Value,
    last: &lex::Value,
    target: &str,
) -> Option<(Span, String)> {
    let stem = name.as_str()?.strip_suffix("_id")?;
    let plain = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if stem.is_empty() || !plain(stem) || !plain(target) {
        return None;
    }
    let ty = ty.as_str()?;
    let mut code = format!("{head} :{stem}");
    let default_key = migrate::default_key(migrate::version(src));
    if ty != default_key {
        code.push_str(&format!(", type: :{ty}"));
    }
    if migrate::plural(stem) == target {
        code.push_str(", foreign_key: true");
    } else {
        code.push_str(&format!(", foreign_key: {{ to_table: :{target} }}"));
    }
    if migrate::version(src) >= (5, 0) {
        // A reference is indexed by default since Rails 5.0; the column was not, and an `add_index` of it may
        // follow (which would then fail on the existing index name).
        code.push_str(", index: false");
    }
    // A string's span is its body: the closing quote goes too.
    let end = match last {
        lex::Value::Str(_, span) => span.end + 1,
        other => other.span().end,
    };
    Some((Span::new(call.span.start, end.min(call.span.end)), code))
}
