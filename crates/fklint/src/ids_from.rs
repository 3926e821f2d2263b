//! Where a column's values come from when that is another database (FK303): `[ids_from]` in `fklint.toml`
//! (`"tripwire_users.granted_by" = "main"`), or the inline directive `-- fklint: ids-from main` on the column's
//! line or the foreign key's line. The inline form exists because the page and the wasm API have no
//! configuration file; both forms mean the same.
//!
//! The directives are read from the comments the front end found while reading each source (as suppressions
//! are), so text inside strings and dollar-quoted bodies never counts.

use crate::ident::QualName;
use crate::options::IdsFrom;
use crate::source::{Location, Outline, Source, SourceId, Span};

/// What every inline directive starts with, after `--`.
const MARKER: &str = "fklint:";
const KEYWORD: &str = "ids-from";

/// Whether the configured key names `column` of `table` in `database` (the database being checked, `None`
/// when no database is declared or the sources are in none).
fn matches(configured: &IdsFrom, database: Option<&str>, table: &QualName, column: &str) -> bool {
    let Some(key) = Key::parse(&configured.column) else {
        return false;
    };
    same(key.table, &table.name)
        && same(key.column, column)
        && key.schema.is_none_or(|s| same(s, &table.schema))
        && key.database.is_none_or(|d| database == Some(d))
}

/// The parts of an `[ids_from]` key.
struct Key<'a> {
    database: Option<&'a str>,
    schema: Option<&'a str>,
    table: &'a str,
    column: &'a str,
}

impl<'a> Key<'a> {
    fn parse(key: &'a str) -> Option<Key<'a>> {
        let parts: Vec<&str> = key.split('.').map(str::trim).collect();
        if parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        let (database, schema, table, column) = match parts.as_slice() {
            [d, s, t, c] => (Some(*d), Some(*s), *t, *c),
            [s, t, c] => (None, Some(*s), *t, *c),
            [t, c] => (None, None, *t, *c),
            _ => return None,
        };
        Some(Key {
            database,
            schema,
            table,
            column,
        })
    }
}

/// Checks the form of an `[ids_from]` key (for the CLI, which reports a bad one as a configuration error).
pub fn validate_key(key: &str) -> Result<(), String> {
    match Key::parse(key) {
        Some(_) => Ok(()),
        None => Err(format!(
            "`{key}` is not `table.column`, `schema.table.column` or `database.schema.table.column`"
        )),
    }
}

/// Keys are written without quotes: they name the stored name, or what PostgreSQL folds an unquoted one to.
fn same(written: &str, stored: &str) -> bool {
    written == stored || written.to_ascii_lowercase() == stored
}

/// An inline `-- fklint: ids-from NAME` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub comment: Location,
    /// The whole line the comment is on: it declares the column (or foreign key) written on that line.
    line: Span,
    pub database: String,
}

/// A declaration that applies to a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declared<'a> {
    pub database: &'a str,
    /// The inline comment that declares it; `None` when the configuration does.
    pub comment: Option<Location>,
}

/// Every declaration of a run: the configured ones and the inline directives of all sources.
#[derive(Debug, Clone, Default)]
pub struct Declarations {
    configured: Vec<IdsFrom>,
    inline: Vec<Directive>,
}

impl Declarations {
    /// The configured declarations and the directives in the comments of `sources` (`outlines`, per source id,
    /// are what the front end found in them).
    pub fn read(sources: &[Source], outlines: &[Outline], configured: &[IdsFrom]) -> Declarations {
        let inline = sources
            .iter()
            .zip(outlines)
            .enumerate()
            .filter(|(_, (source, _))| source.text.contains(MARKER))
            .flat_map(|(id, (source, outline))| directives(id, &source.text, &outline.comments))
            .collect();
        Declarations {
            configured: configured.to_vec(),
            inline,
        }
    }

    /// Where `column`'s values are declared to come from: an inline directive on a line of one of `places` (the
    /// column's definition, the foreign key), else the configuration.
    pub fn for_column(
        &self,
        database: Option<&str>,
        table: &QualName,
        column: &str,
        places: &[Location],
    ) -> Option<Declared<'_>> {
        let inline = self.inline.iter().find(|d| {
            places.iter().any(|p| {
                p.source == d.comment.source
                    && p.span.start <= d.line.end
                    && d.line.start <= p.span.end
            })
        });
        if let Some(directive) = inline {
            return Some(Declared {
                database: &directive.database,
                comment: Some(directive.comment),
            });
        }
        self.configured
            .iter()
            .find(|c| matches(c, database, table, column))
            .map(|c| Declared {
                database: &c.database,
                comment: None,
            })
    }
}

/// The directives of one source.
fn directives(id: SourceId, text: &str, comments: &[Span]) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|&comment| {
            let database = parse(comment.slice(text))?;
            Some(Directive {
                comment: Location {
                    source: id,
                    span: comment,
                },
                line: line_of(text, comment),
                database,
            })
        })
        .collect()
}

/// `-- fklint: ids-from main (anything after the name is prose)` → `main`.
fn parse(comment: &str) -> Option<String> {
    let rest = comment
        .strip_prefix("--")?
        .trim_start()
        .strip_prefix(MARKER)?
        .trim_start()
        .strip_prefix(KEYWORD)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let name: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The line around a span, without its line break.
fn line_of(text: &str, span: Span) -> Span {
    let before = text.get(..span.start).unwrap_or("");
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let after = text.get(span.end..).unwrap_or("");
    let end = span.end + after.find('\n').unwrap_or(after.len());
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Location {
        let start = text.find(needle).unwrap_or(0);
        Location {
            source: 0,
            span: Span::new(start, start + needle.len()),
        }
    }

    #[test]
    fn inline_directives_declare_the_column_on_their_line() {
        let text = "CREATE TABLE t (\n  a uuid, -- fklint: ids-from main (managers)\n  b uuid, -- fklint: ids-fromage x\n  c text DEFAULT '-- fklint: ids-from nope'\n);\n";
        let dialect = crate::dialect::Dialect::Postgres;
        let outline = Outline {
            statements: Vec::new(),
            comments: crate::split::line_comments(
                text,
                &crate::split::split_in(text, dialect),
                dialect,
            ),
        };
        let declarations = Declarations::read(&[Source::new("m.sql", text)], &[outline], &[]);
        let table = QualName::new("public", "t");
        let a = declarations.for_column(None, &table, "a", &[at(text, "a uuid")]);
        assert_eq!(a.map(|d| d.database), Some("main"));
        assert!(a.and_then(|d| d.comment).is_some());
        for column in ["b", "c"] {
            let place = at(text, &format!("{column} "));
            assert_eq!(
                declarations.for_column(None, &table, column, &[place]),
                None
            );
        }
    }

    #[test]
    fn configured_keys_match_by_table_schema_and_database() {
        let configured = |key: &str| IdsFrom {
            column: key.into(),
            database: "main".into(),
        };
        let table = QualName::new("public", "tripwire_users");
        for (key, database, expected) in [
            ("tripwire_users.granted_by", None, true),
            ("Tripwire_Users.granted_by", None, true),
            ("public.tripwire_users.granted_by", None, true),
            ("auth.tripwire_users.granted_by", None, false),
            (
                "tripwire.public.tripwire_users.granted_by",
                Some("tripwire"),
                true,
            ),
            ("tripwire.public.tripwire_users.granted_by", None, false),
            ("tripwire_users.user_id", None, false),
            ("granted_by", None, false),
        ] {
            let declarations = Declarations::read(&[], &[], &[configured(key)]);
            let found = declarations.for_column(database, &table, "granted_by", &[]);
            assert_eq!(found.is_some(), expected, "{key}");
        }
        assert!(validate_key("a.b").is_ok());
        assert!(validate_key("a").is_err());
        assert!(validate_key("a..b").is_err());
        assert!(validate_key("a.b.c.d.e").is_err());
    }
}
