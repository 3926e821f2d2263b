//! The settings of a run, as one model: what `fklint.toml`, the CLI flags and the wasm `options` say. Each front
//! door deserializes its text into a [`Value`] with serde and reads it here, so the same settings mean the
//! same thing and a bad one gets the same message everywhere.

use crate::dialect::Dialect;
use crate::options::{IdsFrom, Options};
use crate::rule_settings::{RuleLevel, RuleSettingError, RuleSettings};
use crate::rules;
use crate::server::ServerVersion;

use super::keys::{unknown_key_message, Key, Surface};
use super::value::Value;
use super::{ids_from_entry, parse_platform, parse_target, DialectChoice, ToolSetting};

/// Everything the settings say; `None` or empty where they say nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub dialect: Option<DialectChoice>,
    pub target: Option<ServerVersion>,
    pub tool: Option<ToolSetting>,
    pub foreign_key_checks: Option<bool>,
    pub platform: Option<String>,
    pub search_path: Option<Vec<String>>,
    pub rules: RuleSettings,
    pub databases: Vec<DatabaseSetting>,
    pub ids_from: Vec<IdsFrom>,
    /// Check the down migrations too (`fklint check --down`).
    pub down: Option<bool>,
    /// Path patterns of files not to read (`fklint.toml` only).
    pub exclude: Vec<String>,
    /// Path patterns whose files come first, in this order (`fklint.toml` only).
    pub order: Vec<String>,
}

/// A database declared by name with the files that build it: source names, or path patterns in `fklint.toml`
/// (each front door resolves them against what it reads).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatabaseSetting {
    pub name: String,
    pub files: Vec<String>,
}

impl Settings {
    /// Reads settings written at `surface`. Unknown keys are errors (a typo would otherwise silently do
    /// nothing); `null` is "not said".
    pub fn read(value: Value, surface: Surface) -> Result<Settings, String> {
        let Value::Table(entries) = value else {
            return Err(format!("settings must be an object, not {}", value.kind()));
        };
        let mut settings = Settings::default();
        for (name, value) in entries {
            let key =
                Key::find(&name, surface).ok_or_else(|| unknown_key_message(&name, surface))?;
            if !matches!(value, Value::Null) {
                settings.set(Field { key, surface }, value)?;
            }
        }
        Ok(settings)
    }

    fn set(&mut self, field: Field, value: Value) -> Result<(), String> {
        match field.key {
            Key::Dialect => self.dialect = Some(field.parse(value, DialectChoice::parse)?),
            Key::Target => self.target = Some(field.parse(value, parse_target)?),
            Key::Tool => self.tool = Some(field.parse(value, ToolSetting::parse)?),
            Key::ForeignKeyChecks => self.foreign_key_checks = Some(field.boolean(value)?),
            Key::Platform => self.platform = Some(field.parse(value, parse_platform)?),
            Key::SearchPath => self.search_path = Some(field.schema_names(value)?),
            Key::Rules => self.rules = field.rules(value)?,
            Key::Databases => self.databases = field.databases(value)?,
            Key::IdsFrom => self.ids_from = field.ids_from(value)?,
            Key::Down => self.down = Some(field.boolean(value)?),
            Key::Exclude => self.exclude = field.strings(value)?,
            Key::Order => self.order = field.strings(value)?,
        }
        Ok(())
    }

    /// These settings, with what they leave unsaid taken from `lower` (the command line's over the file's).
    /// Columns of `ids_from` add up, these first: the first declaration that matches a column wins.
    pub fn over(self, lower: Settings) -> Settings {
        Settings {
            dialect: self.dialect.or(lower.dialect),
            target: self.target.or(lower.target),
            tool: self.tool.or(lower.tool),
            foreign_key_checks: self.foreign_key_checks.or(lower.foreign_key_checks),
            platform: self.platform.or(lower.platform),
            search_path: self.search_path.or(lower.search_path),
            rules: if self.rules.is_empty() {
                lower.rules
            } else {
                self.rules
            },
            databases: either(self.databases, lower.databases),
            ids_from: self.ids_from.into_iter().chain(lower.ids_from).collect(),
            down: self.down.or(lower.down),
            exclude: either(self.exclude, lower.exclude),
            order: either(self.order, lower.order),
        }
    }

    /// The dialect given (`None`: detect it). A target says which server runs the migrations, so with `auto`
    /// it decides the dialect; with another dialect it is a contradiction worth stopping for.
    pub fn given_dialect(&self) -> Result<Option<Dialect>, String> {
        let given = self.dialect.and_then(DialectChoice::given);
        match (given, self.target) {
            (None, Some(target)) => Ok(Some(target.dialect())),
            (Some(dialect), Some(target)) if dialect != target.dialect() => Err(format!(
                "target `{target}` is a {} server, but the dialect is {}",
                target.dialect().server(),
                dialect.name()
            )),
            (given, _) => Ok(given),
        }
    }

    /// The core's options these settings make. What needs the sources is left for the caller: the dialect
    /// ([`crate::driver::choose_dialect`]), the databases' sources and the tool's layout.
    pub fn into_options(self) -> Options {
        Options {
            target: self.target,
            rules: self.rules,
            search_path: self.search_path,
            platform: self.platform,
            foreign_key_checks: self.foreign_key_checks,
            ids_from: self.ids_from,
            ..Options::default()
        }
    }
}

/// `upper` unless it is empty.
fn either<T>(upper: Vec<T>, lower: Vec<T>) -> Vec<T> {
    if upper.is_empty() {
        lower
    } else {
        upper
    }
}

/// The key being read, for its messages.
#[derive(Clone, Copy)]
struct Field {
    key: Key,
    surface: Surface,
}

impl Field {
    fn name(self) -> &'static str {
        self.key.spelled(self.surface)
    }

    /// "`key` must be ..., not a number".
    fn wrong_kind(self, value: &Value) -> String {
        format!(
            "`{}` must be {}, not {}",
            self.name(),
            self.key.expects(),
            value.kind()
        )
    }

    /// "`key`: problem".
    fn problem(self, problem: impl std::fmt::Display) -> String {
        format!("`{}`: {problem}", self.name())
    }

    fn string(self, value: Value) -> Result<String, String> {
        match value {
            Value::String(text) => Ok(text),
            other => Err(self.wrong_kind(&other)),
        }
    }

    fn parse<T>(self, value: Value, parse: fn(&str) -> Result<T, String>) -> Result<T, String> {
        parse(&self.string(value)?).map_err(|problem| self.problem(problem))
    }

    fn boolean(self, value: Value) -> Result<bool, String> {
        match value {
            Value::Bool(on) => Ok(on),
            other => Err(self.wrong_kind(&other)),
        }
    }

    fn strings(self, value: Value) -> Result<Vec<String>, String> {
        let Value::List(items) = value else {
            return Err(self.wrong_kind(&value));
        };
        string_items(items).map_err(|kind| {
            format!(
                "`{}` must be {}, not an array holding {kind}",
                self.name(),
                self.key.expects()
            )
        })
    }

    fn schema_names(self, value: Value) -> Result<Vec<String>, String> {
        let names = self.strings(value)?;
        if names.iter().any(|name| name.trim().is_empty()) {
            return Err(self.problem("schema names cannot be empty"));
        }
        Ok(names)
    }

    fn table(self, value: Value) -> Result<Vec<(String, Value)>, String> {
        match value {
            Value::Table(entries) => Ok(sorted_by_key(entries)),
            other => Err(self.wrong_kind(&other)),
        }
    }

    fn rules(self, value: Value) -> Result<RuleSettings, String> {
        let mut settings = RuleSettings::default();
        for (rule, level) in self.table(value)? {
            let Value::String(level) = level else {
                return Err(self.problem(format!(
                    "rule `{rule}`: the level must be \"off\", \"info\", \"warning\" or \"error\", not {}",
                    level.kind()
                )));
            };
            settings
                .set_text(&rule, &level)
                .map_err(|error| self.problem(error))?;
        }
        Ok(settings)
    }

    fn ids_from(self, value: Value) -> Result<Vec<IdsFrom>, String> {
        let mut declared = Vec::new();
        for (column, database) in self.table(value)? {
            let Value::String(database) = database else {
                return Err(self.problem(format!(
                    "`{column}` must map to a database's name, not {}",
                    database.kind()
                )));
            };
            declared.push(ids_from_entry(&column, &database).map_err(|p| self.problem(p))?);
        }
        Ok(declared)
    }

    /// `{ name: [files] }` (sorted by name) or `[{ name, files }]` (in order).
    fn databases(self, value: Value) -> Result<Vec<DatabaseSetting>, String> {
        let mut databases = Vec::new();
        if let Value::List(items) = value {
            for (index, item) in items.into_iter().enumerate() {
                databases.push(self.database_item(index, item)?);
            }
            return Ok(databases);
        }
        for (name, files) in self.table(value)? {
            let place = format!("{}.{name}", self.name());
            let files = database_files(&place, files)?;
            databases.push(DatabaseSetting { name, files });
        }
        Ok(databases)
    }

    fn database_item(self, index: usize, item: Value) -> Result<DatabaseSetting, String> {
        let place = format!("{}[{index}]", self.name());
        let Value::Table(fields) = item else {
            return Err(format!(
                "`{place}` must be an object {{ name, files }}, not {}",
                item.kind()
            ));
        };
        let (mut name, mut files) = (None, None);
        for (field, value) in fields {
            match field.as_str() {
                "name" => name = Some(value),
                "files" => files = Some(value),
                other => {
                    return Err(format!(
                        "`{place}` has `{other}`: each database is {{ name, files }}"
                    ))
                }
            }
        }
        let name = match name.unwrap_or(Value::Null) {
            Value::String(name) if !name.trim().is_empty() => name,
            other => {
                return Err(format!(
                    "`{place}.name` must be a database's name, not {}",
                    describe_name(&other)
                ))
            }
        };
        let files = database_files(&format!("{place}.files"), files.unwrap_or(Value::Null))?;
        Ok(DatabaseSetting { name, files })
    }
}

impl RuleSettings {
    /// Sets a rule's level; `rule` is a code (any case) or a kebab-case name.
    pub fn set(&mut self, rule: &str, level: RuleLevel) -> Result<(), RuleSettingError> {
        let meta =
            rules::find(rule).ok_or_else(|| RuleSettingError::UnknownRule(rule.to_string()))?;
        self.insert(meta.code, level);
        Ok(())
    }

    /// Sets a rule's level from its text (`"off"`, `"warning"`, ...).
    pub fn set_text(&mut self, rule: &str, level: &str) -> Result<(), RuleSettingError> {
        let parsed = RuleLevel::parse(level).ok_or_else(|| RuleSettingError::UnknownLevel {
            rule: rule.to_string(),
            level: level.to_string(),
        })?;
        self.set(rule, parsed)
    }
}

/// The entries sorted by key, so that the order is the same whatever order they were written in. By insertion:
/// tables of settings are short, and a general sort's code would grow the wasm module by kilobytes.
fn sorted_by_key(entries: Vec<(String, Value)>) -> Vec<(String, Value)> {
    let mut sorted: Vec<(String, Value)> = Vec::with_capacity(entries.len());
    for entry in entries {
        let at = sorted.partition_point(|(key, _)| *key <= entry.0);
        sorted.insert(at, entry);
    }
    sorted
}

/// "an empty string" for an empty name, else the value's kind.
fn describe_name(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "an empty string",
        other => other.kind(),
    }
}

/// The files of the database at `place` (`databases.main`): a non-empty array of strings.
fn database_files(place: &str, files: Value) -> Result<Vec<String>, String> {
    let wrong = |kind: &str| format!("`{place}` must be an array of files, not {kind}");
    let Value::List(items) = files else {
        return Err(wrong(files.kind()));
    };
    if items.is_empty() {
        return Err(format!("`{place}` lists no files"));
    }
    string_items(items).map_err(|kind| wrong(&format!("an array holding {kind}")))
}

/// The strings of a list, or the kind of its first item that is not one.
fn string_items(items: Vec<Value>) -> Result<Vec<String>, &'static str> {
    let mut strings = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Value::String(text) => strings.push(text),
            other => return Err(other.kind()),
        }
    }
    Ok(strings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::settings::Key;

    #[test]
    fn rule_keys_are_codes_or_names() {
        let mut settings = RuleSettings::default();
        settings.set_text("fk404", "off").unwrap();
        settings.set_text("key-type-drift", "error").unwrap();
        assert!(settings.is_off("FK404"));
        assert_eq!(
            settings.level("FK202"),
            Some(RuleLevel::Severity(Severity::Error))
        );
        assert_eq!(settings.level("FK101"), None);
    }

    #[test]
    fn unknown_rules_and_levels_are_errors() {
        let mut settings = RuleSettings::default();
        assert_eq!(
            settings.set_text("FK999", "off"),
            Err(RuleSettingError::UnknownRule("FK999".into()))
        );
        let error = settings.set_text("FK404", "loud").unwrap_err();
        assert!(error.to_string().contains("loud"), "{error}");
        assert!(settings.is_empty());
    }

    fn table(entries: &[(&str, Value)]) -> Value {
        Value::Table(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    fn text(s: &str) -> Value {
        Value::String(s.into())
    }

    #[test]
    fn each_surface_spells_the_keys_its_own_way() {
        let file = table(&[("search_path", Value::List(vec![text("app")]))]);
        let options = table(&[("searchPath", Value::List(vec![text("app")]))]);
        let from_file = Settings::read(file.clone(), Surface::File).unwrap();
        assert_eq!(
            from_file,
            Settings::read(options.clone(), Surface::Options).unwrap()
        );
        assert_eq!(from_file.search_path, Some(vec!["app".to_string()]));
        let error = Settings::read(file, Surface::Options).unwrap_err();
        assert!(
            error.starts_with(
                "unknown key `search_path` (accepted: dialect, target, tool, foreignKeyChecks"
            ),
            "{error}"
        );
        let error = Settings::read(options, Surface::File).unwrap_err();
        assert!(error.contains("foreign_key_checks"), "{error}");
    }

    #[test]
    fn keys_that_choose_files_are_the_files_only() {
        let exclude = table(&[("exclude", Value::List(vec![text("legacy")]))]);
        assert_eq!(
            Settings::read(exclude.clone(), Surface::File)
                .unwrap()
                .exclude,
            ["legacy"]
        );
        let error = Settings::read(exclude, Surface::Options).unwrap_err();
        assert!(
            error.ends_with("in fklint.toml also exclude, order)"),
            "{error}"
        );
        assert!(Key::ALL.iter().all(|key| key.taken_by(Surface::File)));
    }

    #[test]
    fn null_is_not_said() {
        let settings =
            Settings::read(table(&[("dialect", Value::Null)]), Surface::Options).unwrap();
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn databases_by_name_or_as_a_list_are_the_same() {
        let files = |name: &str| Value::List(vec![text(name)]);
        let by_name = table(&[(
            "databases",
            table(&[("b", files("2.sql")), ("a", files("1.sql"))]),
        )]);
        let listed = table(&[(
            "databases",
            Value::List(vec![
                table(&[("name", text("a")), ("files", files("1.sql"))]),
                table(&[("name", text("b")), ("files", files("2.sql"))]),
            ]),
        )]);
        let by_name = Settings::read(by_name, Surface::File).unwrap();
        assert_eq!(by_name, Settings::read(listed, Surface::File).unwrap());
        assert_eq!(by_name.databases[0].name, "a", "sorted by name");
    }

    #[test]
    fn the_command_line_goes_over_the_file() {
        let file = Settings::read(
            table(&[("dialect", text("mysql")), ("platform", text("none"))]),
            Surface::File,
        )
        .unwrap();
        let flags = Settings {
            dialect: Some(DialectChoice::Auto),
            ..Settings::default()
        };
        let merged = flags.over(file);
        assert_eq!(merged.dialect, Some(DialectChoice::Auto));
        assert_eq!(merged.platform.as_deref(), Some("none"));
    }

    #[test]
    fn a_target_decides_or_contradicts_the_dialect() {
        let read =
            |entries: &[(&str, Value)]| Settings::read(table(entries), Surface::File).unwrap();
        assert_eq!(
            read(&[("target", text("mariadb-10.11"))]).given_dialect(),
            Ok(Some(Dialect::MySql))
        );
        let error = read(&[("dialect", text("sqlite")), ("target", text("postgres-15"))])
            .given_dialect()
            .unwrap_err();
        assert_eq!(
            error,
            "target `postgres-15` is a PostgreSQL server, but the dialect is sqlite"
        );
        assert_eq!(read(&[("dialect", text("auto"))]).given_dialect(), Ok(None));
    }
}
