//! The values a setting can take, read from text the same way wherever they are written (`fklint.toml`, the
//! CLI flags, the wasm `options`), with the same messages for bad values; and the one model of all the settings
//! ([`Settings`]) that `fklint.toml` and the wasm `options` deserialize into ([`Value`], with serde) and the CLI
//! flags are laid over.

mod keys;
mod model;
mod value;

pub use keys::{unknown_key_message, Key, Surface};
pub use model::{DatabaseSetting, Settings};
pub use value::Value;

use crate::dialect::Dialect;
use crate::options::IdsFrom;
use crate::server::ServerVersion;

/// `dialect`: a dialect, or `auto` to detect it from the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialectChoice {
    Auto,
    Given(Dialect),
}

impl DialectChoice {
    pub fn parse(name: &str) -> Result<DialectChoice, String> {
        if name.eq_ignore_ascii_case("auto") {
            return Ok(DialectChoice::Auto);
        }
        Dialect::parse(name).map(DialectChoice::Given).ok_or_else(|| {
            format!(
                "unknown dialect `{name}` (accepted: auto, postgres, mysql, sqlite; also postgresql, pg, \
                 mariadb, sqlite3)"
            )
        })
    }

    /// The dialect given, `None` for auto.
    pub fn given(self) -> Option<Dialect> {
        match self {
            DialectChoice::Auto => None,
            DialectChoice::Given(dialect) => Some(dialect),
        }
    }
}

/// `tool`: a migration tool (which files run on "up", in which order), or `auto` to detect it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolSetting {
    Auto,
    Given(crate::tool::Tool),
}

impl ToolSetting {
    pub fn parse(name: &str) -> Result<ToolSetting, String> {
        if name.trim().eq_ignore_ascii_case("auto") {
            return Ok(ToolSetting::Auto);
        }
        crate::tool::Tool::parse(name)
            .map(ToolSetting::Given)
            .ok_or_else(|| {
                format!(
                    "unknown tool `{name}` (accepted: {})",
                    crate::tool::Tool::names()
                )
            })
    }

    /// The tool given, `None` for auto.
    pub fn given(self) -> Option<crate::tool::Tool> {
        match self {
            ToolSetting::Auto => None,
            ToolSetting::Given(tool) => Some(tool),
        }
    }
}

/// `foreign_key_checks`: `off`/`false`/`0` when the migration runner turns foreign key checks off for each
/// migration, `on`/`true`/`1` when it leaves them on.
pub fn parse_foreign_key_checks(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "off" | "false" | "0" => Ok(false),
        "on" | "true" | "1" => Ok(true),
        _ => Err(format!(
            "unknown foreign_key_checks `{text}` (accepted: off, on; also false, true, 0, 1)"
        )),
    }
}

/// `target`: a MySQL, MariaDB or PostgreSQL server version, or SQLite / libSQL.
pub fn parse_target(text: &str) -> Result<ServerVersion, String> {
    ServerVersion::parse(text).ok_or_else(|| {
        format!(
            "unknown target `{text}` (accepted: mysql-MAJOR.MINOR, mariadb-MAJOR.MINOR or postgres-MAJOR, e.g. \
             mysql-8.0, mysql-8.4, mariadb-10.11, postgres-13 to postgres-18; `:` or a space may replace `-`; \
             or sqlite, libsql)"
        )
    })
}

/// `platform`: a platform preset's name, or `none`.
pub fn parse_platform(name: &str) -> Result<String, String> {
    if name.eq_ignore_ascii_case("none") || crate::platform::preset(name).is_some() {
        Ok(name.to_ascii_lowercase())
    } else {
        Err(format!(
            "unknown platform `{name}` (known: {}, or none)",
            crate::platform::names().join(", ")
        ))
    }
}

/// One `ids_from` declaration: `table.column` (or `schema.table.column`, `database.schema.table.column`) → the
/// database its values come from.
pub fn ids_from_entry(column: &str, database: &str) -> Result<IdsFrom, String> {
    crate::ids_from::validate_key(column)?;
    if database.trim().is_empty() {
        return Err(format!("`{column}`: the database name is empty"));
    }
    Ok(IdsFrom {
        column: column.trim().to_string(),
        database: database.trim().to_string(),
    })
}
