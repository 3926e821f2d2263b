//! fklint in WebAssembly: the API of the npm package `fklint` (see `npm/README.md` and `npm/index.d.ts`).
//!
//! Every export takes and returns plain JavaScript values:
//!
//! - `check(sources, options?)` returns the CLI's JSON contract (`{ version, findings, summary }`, the summary
//!   with `dialect` and, when it was detected, `detected: { dialect, confident, evidence }`), plus
//!   `column_utf16` / `end_column_utf16` (1-based UTF-16 code units) on every finding and related location, and
//!   each finding's `subject` and `referenced` (the tables and columns it is about);
//! - `schema(sources, options?)` returns the schema JSON contract (`{ version, tables, foreign_keys }`);
//! - `layout(files, options?)` returns how a project's migration tool runs its files on "up" (the tool and why,
//!   the files in order, the skipped ones with the reason);
//! - `rules()` returns `[{ code, name, severity, summary, docs }]`;
//! - `version()` returns the crate version.
//!
//! `sources` is an array of `{ name, text }` (in migration order) or a string (one source named `input.sql`);
//! `options` is `undefined`, `null` or `{ dialect?: "auto" | "postgres" | "mysql" | "sqlite", target?:
//! "mysql-8.0", rules?: { FK404: "off", ... }, searchPath?: [...],
//! platform?: "supabase" | "none", databases?: [{ name, files: [source names] }], idsFrom?: { "table.column":
//! "main" }, tool?: "auto" | "goose" | "flyway" | ... }` (`tool`: `sources` are a whole project, every file with
//! its relative path, laid out as that tool runs them; `rules` as in `fklint.toml`: code or name → `"off"`, `"info"`, `"warning"`, `"error"`;
//! `databases` and `idsFrom` as `[databases]` and `[ids_from]`, with source names instead of path patterns).
//!
//! A bad call never throws: it returns `{ error: { message } }`. The core never panics (it is fuzzed), but if it
//! did, the panic hook installed here throws a JavaScript `Error("fklint panicked: ...")` instead of letting the
//! module trap silently; the npm wrappers catch that (and any `WebAssembly.RuntimeError`), return
//! `{ error: { message: "internal error: ..." } }` and instantiate a fresh module for the next call.

use fklint::{Dialect, Options, Report, Source};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The name given to a source passed as a plain string.
pub const DEFAULT_SOURCE_NAME: &str = "input.sql";

/// Checks the sources, in order: `{ version, findings, summary }` or `{ error: { message } }`.
#[wasm_bindgen]
pub fn check(sources: JsValue, options: JsValue) -> JsValue {
    respond(|| {
        let (sources, options, reverts) = read_call_with_downs(&sources, &options)?;
        let report = fklint::check_down(&sources, &reverts, &options);
        let value = to_js(&report)?;
        add_utf16_columns(&value, &report)?;
        Ok(value)
    })
}

/// Replays the sources and returns the schema: `{ version, tables, foreign_keys }` or `{ error: { message } }`.
#[wasm_bindgen]
pub fn schema(sources: JsValue, options: JsValue) -> JsValue {
    respond(|| {
        let (sources, options) = read_call(&sources, &options)?;
        to_js(&fklint::schema(&sources, &options))
    })
}

/// How a project's migration tool runs its files on "up": `{ tool: { tool, detected, evidence }, files: [{
/// name, transaction, note }], skipped: [{ name, reason }], missing: [names], dialect: { dialect, why } | null
/// }`, or `{ error: { message } }`. `files` is every file of the project (`{ name: relative path, text }`);
/// `options` as for `check` (`tool` and `dialect` decide the layout).
#[wasm_bindgen]
pub fn layout(files: JsValue, options: JsValue) -> JsValue {
    respond(|| {
        let files = read_sources(&files)?;
        let plan = fklint::layout::lay_out(&files, read_layout_options(&options)?);
        to_js(&PlanInfo::new(&plan, &files))
    })
}

/// Whether `check(sources, options)` needs a front end this module was built without (Python, TypeScript,
/// Prisma, Ruby, PHP): the JavaScript wrappers then load the module built with every front end. Decided as the
/// core decides which front end reads a source (by name), on the sources `check` would read (laid out when
/// `options.tool` is given). A bad call answers `false`: this module reports the error itself.
#[wasm_bindgen(js_name = "needsFullModule")]
pub fn needs_full_module(sources: JsValue, options: JsValue) -> bool {
    install_panic_hook();
    if cfg!(all(
        feature = "python",
        feature = "typescript",
        feature = "prisma",
        feature = "ruby",
        feature = "php"
    )) {
        return false;
    }
    // By name first (no text copied): a layout only leaves files out, so when no file needs another front end,
    // none that `check` reads does.
    let named = source_names(&sources).is_ok_and(|names| {
        names
            .iter()
            .any(|name| fklint::frontend::needs_other_front_end(name))
    });
    if !named {
        return false;
    }
    if option_field(&options, "tool").is_none() {
        return true;
    }
    let Ok(files) = read_sources(&sources) else {
        return false;
    };
    let Ok(layout_options) = read_layout_options(&options) else {
        return false;
    };
    let plan = fklint::layout::lay_out(&files, layout_options);
    plan.steps.iter().any(|step| {
        files
            .get(step.file)
            .is_some_and(|file| fklint::frontend::needs_other_front_end(&file.name))
    })
}

/// The names of `sources` (an array of `{ name, text }`, or one string of SQL), without copying their texts.
fn source_names(value: &JsValue) -> Result<Vec<String>, CallError> {
    if value.is_string() {
        return Ok(vec![DEFAULT_SOURCE_NAME.to_string()]);
    }
    if !Array::is_array(value) {
        return Err(CallError::new("`sources` is not an array"));
    }
    let array: &Array = value.unchecked_ref();
    array
        .iter()
        .map(|item| {
            Reflect::get(&item, &"name".into())
                .ok()
                .and_then(|name| name.as_string())
                .ok_or_else(|| CallError::new("a source has no name"))
        })
        .collect()
}

/// A layout plan as [`layout`] returns it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanInfo {
    pub tool: fklint::layout::ToolChoice,
    pub files: Vec<PlannedFile>,
    pub skipped: Vec<SkippedFile>,
    pub missing: Vec<String>,
    pub dialect: Option<DeclaredDialect>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlannedFile {
    pub name: String,
    pub transaction: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub name: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeclaredDialect {
    pub dialect: Dialect,
    pub why: &'static str,
}

impl PlanInfo {
    pub fn new(plan: &fklint::layout::Plan, files: &[Source]) -> PlanInfo {
        let name = |index: usize| files.get(index).map(|f| f.name.clone()).unwrap_or_default();
        PlanInfo {
            tool: plan.choice.clone(),
            files: plan
                .steps
                .iter()
                .map(|step| PlannedFile {
                    name: name(step.file),
                    transaction: step.transaction,
                    note: step.note.clone(),
                })
                .collect(),
            skipped: plan
                .skipped
                .iter()
                .map(|skipped| SkippedFile {
                    name: name(skipped.file),
                    reason: skipped.reason.clone(),
                })
                .collect(),
            missing: plan.missing.clone(),
            dialect: plan
                .dialect
                .map(|(dialect, why)| DeclaredDialect { dialect, why }),
        }
    }
}

/// The sources and options of a `check` or `schema` call. With `options.tool` (a tool's name or `"auto"`),
/// `sources` are a whole project (every file, named by its relative path) and only what its migration tool
/// runs on "up" is checked, in the tool's order (the parts that do not run are blanked, offsets kept); without
/// it, `sources` are migrations in order, as given.
pub fn read_call(
    sources: &JsValue,
    options: &JsValue,
) -> Result<(Vec<Source>, Options), CallError> {
    read_call_with_downs(sources, options).map(|(sources, options, _)| (sources, options))
}

/// [`read_call`] for `check`: with `options.down` (and `options.tool`), the down parts of the project follow
/// its steps among the sources, and which step each reverts is returned (`fklint check --down`).
pub fn read_call_with_downs(
    sources: &JsValue,
    options: &JsValue,
) -> Result<(Vec<Source>, Options, Vec<fklint::Reverts>), CallError> {
    let files = read_sources(sources)?;
    let Some(tool) = option_field(options, "tool") else {
        let options = read_options(options, &files)?;
        return Ok((files, options, Vec::new()));
    };
    read_tool(&tool)?;
    let plan = fklint::layout::lay_out(&files, read_layout_options(options)?);
    let down = match option_field(options, "down") {
        Some(value) => read_down(&value)?,
        None => false,
    };
    let (sources, reverts) = if down {
        plan.sources_with_downs(&files)
    } else {
        (plan.sources(&files), Vec::new())
    };
    if sources.is_empty() {
        return Err(CallError::new(format!(
            "no migration among the {} files (laid out as {}: {}): looked for .sql and .py files and the \
             migrations of goose, dbmate, golang-migrate/sqlx, diesel, Flyway, sqitch, Liquibase, drizzle-kit, \
             Prisma, Supabase, TypeORM, knex and Sequelize",
            files.len(),
            plan.choice.tool.name(),
            plan.choice.evidence
        )));
    }
    let steps = &sources[..plan.steps.len().min(sources.len())];
    let mut options = read_options(options, steps)?;
    options.tool = Some(plan.choice.clone());
    if options.detected.is_some() {
        options.choose_dialect_declared(steps, None, plan.dialect);
    }
    options.take_declared_target(plan.target);
    Ok((sources, options, reverts))
}

/// `options.down`: `true` checks the project's down migrations too (with `options.tool`).
fn read_down(value: &JsValue) -> Result<bool, CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    value.as_bool().ok_or_else(|| {
        CallError::new(format!(
            "`options.down` must be a boolean, not {}",
            describe(value)
        ))
    })
}

/// `options.tool` and `options.dialect` as the layout needs them.
fn read_layout_options(options: &JsValue) -> Result<fklint::layout::LayoutOptions, CallError> {
    let tool = match option_field(options, "tool") {
        Some(value) => read_tool(&value)?,
        None => None,
    };
    let dialect = match option_field(options, "dialect") {
        Some(value) => read_dialect(&value)?,
        None => None,
    };
    Ok(fklint::layout::LayoutOptions { tool, dialect })
}

/// A field of `options` when it is an object that has it (not undefined).
fn option_field(options: &JsValue, key: &str) -> Option<JsValue> {
    if !is_plain_object(options) {
        return None;
    }
    Reflect::get(options, &key.into())
        .ok()
        .filter(|value| !value.is_undefined())
}

/// `options.tool`: `"auto"` (also `null`) → detected, or a tool's name.
fn read_tool(value: &JsValue) -> Result<Option<fklint::layout::Tool>, CallError> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    let name = value.as_string().ok_or_else(|| {
        CallError::new(format!(
            "`options.tool` must be a string ({}), not {}",
            fklint::layout::Tool::names(),
            describe(value)
        ))
    })?;
    fklint::settings::ToolSetting::parse(&name)
        .map(fklint::settings::ToolSetting::given)
        .map_err(|error| CallError::new(format!("`options.tool`: {error}")))
}

/// One rule as `rules()` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: fklint::Severity,
    pub summary: &'static str,
    /// Markdown: what the rule does, why it is bad, an example, what to use instead.
    pub docs: &'static str,
}

/// Every rule: `[{ code, name, severity, summary, docs }]`, in registry order.
#[wasm_bindgen]
pub fn rules() -> JsValue {
    respond(|| to_js(&rule_infos()))
}

/// The rules as [`rules`] returns them (usable without JavaScript).
pub fn rule_infos() -> Vec<RuleInfo> {
    fklint::rules::registry()
        .iter()
        .map(|meta| RuleInfo {
            code: meta.code,
            name: meta.name,
            severity: meta.severity,
            summary: meta.summary,
            docs: meta.docs,
        })
        .collect()
}

/// fklint's version (the workspace version, e.g. `0.1.0`).
#[wasm_bindgen]
pub fn version() -> String {
    install_panic_hook();
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose, for the tests of the JavaScript wrappers' recovery (a fresh instance after a panic).
/// Not part of the API: it is left out of the TypeScript types.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__fklint_panic_for_tests", skip_typescript)]
pub fn panic_for_tests() -> JsValue {
    install_panic_hook();
    panic!("deliberate panic for the tests of panic recovery");
}

/// A call that cannot be answered; it becomes `{ error: { message } }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError(pub String);

impl CallError {
    fn new(message: impl Into<String>) -> Self {
        CallError(message.into())
    }
}

fn respond(answer: impl FnOnce() -> Result<JsValue, CallError>) -> JsValue {
    install_panic_hook();
    answer().unwrap_or_else(|error| error_object(&error.0))
}

/// `{ error: { message } }`.
fn error_object(message: &str) -> JsValue {
    let error = Object::new();
    let inner = Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&inner, &"message".into(), &message.into());
    let _ = Reflect::set(&error, &"error".into(), &inner);
    error.into()
}

/// Makes a panic (which the core is designed never to have) reach JavaScript as an `Error` with its message,
/// rather than as an opaque `RuntimeError: unreachable`. The instance is unusable afterwards either way: the
/// npm wrappers replace it.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            wasm_bindgen::throw_str(&format!("fklint panicked: {info}"));
        }));
    });
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, CallError> {
    // json_compatible: maps and structs become plain objects, `None` becomes `null`, as in the CLI's JSON.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| {
            CallError::new(format!(
                "internal error: cannot convert the result: {error}"
            ))
        })
}

/// Reads `sources`: an array of `{ name, text }`, or one string of SQL (named `input.sql`).
pub fn read_sources(value: &JsValue) -> Result<Vec<Source>, CallError> {
    if let Some(text) = value.as_string() {
        return Ok(vec![Source::new(DEFAULT_SOURCE_NAME, text)]);
    }
    if !Array::is_array(value) {
        return Err(CallError::new(format!(
            "`sources` must be an array of {{ name, text }} objects or a string of SQL, not {}",
            describe(value)
        )));
    }
    let array: &Array = value.unchecked_ref();
    let mut sources = Vec::with_capacity(array.length() as usize);
    for (index, item) in array.iter().enumerate() {
        if !is_plain_object(&item) {
            return Err(CallError::new(format!(
                "`sources[{index}]` must be an object {{ name, text }}, not {}",
                describe(&item)
            )));
        }
        let name = string_field(&item, "name", index)?;
        let text = string_field(&item, "text", index)?;
        sources.push(Source::new(name, text));
    }
    Ok(sources)
}

fn string_field(item: &JsValue, field: &str, index: usize) -> Result<String, CallError> {
    let value = Reflect::get(item, &field.into())
        .map_err(|_| CallError::new(format!("`sources[{index}].{field}` cannot be read")))?;
    if value.is_undefined() {
        return Err(CallError::new(format!(
            "`sources[{index}]` has no `{field}`: each source is {{ name: string, text: string }}"
        )));
    }
    value.as_string().ok_or_else(|| {
        CallError::new(format!(
            "`sources[{index}].{field}` must be a string, not {}",
            describe(&value)
        ))
    })
}

/// Reads `options`: `undefined`, `null` or `{ dialect?: "auto", target?: "mysql-8.0", ... }`. Unknown keys are errors (a typo would
/// otherwise be silently ignored). `sources` are what `databases` names files of.
pub fn read_options(value: &JsValue, sources: &[Source]) -> Result<Options, CallError> {
    let mut options = Options::default();
    // Auto unless given: detected from the sources once every option is read (a target can decide it).
    let mut dialect = None;
    if value.is_undefined() || value.is_null() {
        options.choose_dialect(sources, dialect);
        return Ok(options);
    }
    if !is_plain_object(value) {
        return Err(CallError::new(format!(
            "`options` must be an object such as {{ dialect: \"postgres\" }}, not {}",
            describe(value)
        )));
    }
    let object = Object::from(value.clone());
    for key in Object::keys(&object).iter() {
        let key = key.as_string().unwrap_or_default();
        let field = Reflect::get(value, &key.as_str().into())
            .map_err(|_| CallError::new(format!("`options.{key}` cannot be read")))?;
        match key.as_str() {
            "dialect" => dialect = read_dialect(&field)?,
            "target" => read_target(&field, &mut options)?,
            "rules" => read_rules(&field, &mut options)?,
            "searchPath" => read_search_path(&field, &mut options)?,
            "platform" => read_platform(&field, &mut options)?,
            "databases" => options.databases = read_databases(&field, sources)?,
            "idsFrom" => options.ids_from = read_ids_from(&field)?,
            "foreignKeyChecks" => options.foreign_key_checks = read_foreign_key_checks(&field)?,
            // Read by `read_call`: they decide which sources there are.
            "tool" => {
                read_tool(&field)?;
            }
            "down" => {
                read_down(&field)?;
            }
            _ => {
                return Err(CallError::new(format!(
                    "unknown option `{key}`: the options are `dialect`, `target`, `rules`, `searchPath`, \
                     `platform`, `databases`, `idsFrom`, `tool`, `down` and `foreignKeyChecks`"
                )))
            }
        }
    }
    options.choose_dialect(sources, dialect_for_target(dialect, options.target)?);
    Ok(options)
}

/// `options.dialect`: `"auto"` (also `undefined` or `null`) → `None`, detected from the sources.
fn read_dialect(value: &JsValue) -> Result<Option<Dialect>, CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let accepted = "\"auto\", \"postgres\", \"mysql\" or \"sqlite\" (also \"postgresql\", \"pg\", \"mariadb\", \
                    \"sqlite3\")";
    let Some(name) = value.as_string() else {
        return Err(CallError::new(format!(
            "`options.dialect` must be {accepted}, not {}",
            describe(value)
        )));
    };
    if name.eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    Dialect::parse(&name)
        .map(Some)
        .ok_or_else(|| CallError::new(format!("unknown dialect `{name}`: use {accepted}")))
}

/// `options.foreignKeyChecks`: `false` when the migration runner turns foreign key checks off before each
/// migration (`undefined` or `null`: the migrations' own statements decide).
fn read_foreign_key_checks(value: &JsValue) -> Result<Option<bool>, CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_bool().map(Some).ok_or_else(|| {
        CallError::new(format!(
            "`options.foreignKeyChecks` must be a boolean, not {}",
            describe(value)
        ))
    })
}

/// `options.target`: the server the migrations run on, e.g. `"mysql-8.0"`, `"mariadb-10.11"`, `"postgres-15"`.
fn read_target(value: &JsValue, options: &mut Options) -> Result<(), CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    let accepted = "\"mysql-MAJOR.MINOR\", \"mariadb-MAJOR.MINOR\" or \"postgres-MAJOR\" such as \"mysql-8.0\", \"mariadb-10.11\" or \"postgres-15\" (13 to 18)";
    let target = value
        .as_string()
        .ok_or_else(|| {
            CallError::new(format!(
                "`options.target` must be {accepted}, not {}",
                describe(value)
            ))
        })
        .and_then(|text| {
            fklint::server::ServerVersion::parse(&text)
                .ok_or_else(|| CallError::new(format!("unknown target `{text}`: use {accepted}")))
        })?;
    options.target = Some(target);
    Ok(())
}

/// A target says which server runs the migrations: with `auto` it decides the dialect, and it contradicts
/// another one (as in the CLI).
fn dialect_for_target(
    dialect: Option<Dialect>,
    target: Option<fklint::server::ServerVersion>,
) -> Result<Option<Dialect>, CallError> {
    match (dialect, target) {
        (None, Some(target)) => Ok(Some(target.dialect())),
        (Some(given), Some(target)) if given != target.dialect() => Err(CallError::new(format!(
            "`options.target` `{target}` is a {} server, but `options.dialect` is \"{}\"",
            target.dialect().server(),
            given.name()
        ))),
        (given, _) => Ok(given),
    }
}

/// `options.rules`: `{ FK404: "off", "key-type-drift": "error" }` (`undefined` or `null`: none).
fn read_rules(value: &JsValue, options: &mut Options) -> Result<(), CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    if !is_plain_object(value) {
        return Err(CallError::new(format!(
            "`options.rules` must be an object such as {{ FK404: \"off\" }}, not {}",
            describe(value)
        )));
    }
    let object = Object::from(value.clone());
    for key in Object::keys(&object).iter() {
        let key = key.as_string().unwrap_or_default();
        let level = Reflect::get(value, &key.as_str().into())
            .ok()
            .and_then(|level| level.as_string())
            .ok_or_else(|| {
                CallError::new(format!(
                    "`options.rules.{key}` must be \"off\", \"info\", \"warning\" or \"error\""
                ))
            })?;
        options
            .rules
            .set_text(&key, &level)
            .map_err(|error| CallError::new(format!("`options.rules`: {error}")))?;
    }
    Ok(())
}

/// `options.searchPath`: an array of schema names (`undefined` or `null`: PostgreSQL's default).
fn read_search_path(value: &JsValue, options: &mut Options) -> Result<(), CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    let bad = || {
        CallError::new(format!(
            "`options.searchPath` must be an array of schema names such as [\"app\", \"public\"], not {}",
            describe(value)
        ))
    };
    if !Array::is_array(value) {
        return Err(bad());
    }
    let array: &Array = value.unchecked_ref();
    let schemas: Option<Vec<String>> = array.iter().map(|item| item.as_string()).collect();
    options.search_path = Some(schemas.ok_or_else(bad)?);
    Ok(())
}

/// `options.platform`: a preset name such as `"supabase"`, or `"none"` to turn detection off (`undefined` or
/// `null`: detected from the sources).
fn read_platform(value: &JsValue, options: &mut Options) -> Result<(), CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    let names = fklint::platform::names().join("\", \"");
    let name = value
        .as_string()
        .filter(|n| n.eq_ignore_ascii_case("none") || fklint::platform::preset(n).is_some())
        .ok_or_else(|| {
            CallError::new(format!(
                "`options.platform` must be \"{names}\" or \"none\", not {}",
                describe(value)
            ))
        })?;
    options.platform = Some(name);
    Ok(())
}

/// `options.databases`: `[{ name: "main", files: ["001_users.sql"] }]`, each file a source's name (`undefined`
/// or `null`: one database). A name no source has is an error: it would silently check another split.
fn read_databases(value: &JsValue, sources: &[Source]) -> Result<Vec<fklint::Database>, CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(value) {
        return Err(CallError::new(format!(
            "`options.databases` must be an array of {{ name, files }} objects, not {}",
            describe(value)
        )));
    }
    let array: &Array = value.unchecked_ref();
    array
        .iter()
        .enumerate()
        .map(|(index, item)| read_database(&item, index, sources))
        .collect()
}

fn read_database(
    item: &JsValue,
    index: usize,
    sources: &[Source],
) -> Result<fklint::Database, CallError> {
    let bad = |what: &str| {
        CallError::new(format!(
            "`options.databases[{index}]` {what}: each database is {{ name: string, files: string[] }}"
        ))
    };
    if !is_plain_object(item) {
        return Err(bad("is not an object"));
    }
    let name = Reflect::get(item, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| bad("has no `name` string"))?;
    let files = Reflect::get(item, &"files".into())
        .ok()
        .filter(Array::is_array)
        .ok_or_else(|| bad("has no `files` array"))?;
    let files: &Array = files.unchecked_ref();
    let mut indexes = Vec::new();
    for file in files.iter() {
        let file = file
            .as_string()
            .ok_or_else(|| bad("has a file that is not a string"))?;
        let found: Vec<usize> = sources
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name == file)
            .map(|(i, _)| i)
            .collect();
        if found.is_empty() {
            return Err(CallError::new(format!(
                "`options.databases[{index}]` (`{name}`) names `{file}`, which is none of the sources"
            )));
        }
        indexes.extend(found);
    }
    indexes.sort_unstable();
    indexes.dedup();
    Ok(fklint::Database {
        name,
        sources: indexes,
    })
}

/// `options.idsFrom`: `{ "tripwire_users.granted_by": "main" }`, as `[ids_from]` in `fklint.toml`.
fn read_ids_from(value: &JsValue) -> Result<Vec<fklint::IdsFrom>, CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !is_plain_object(value) {
        return Err(CallError::new(format!(
            "`options.idsFrom` must be an object such as {{ \"users.manager_id\": \"main\" }}, not {}",
            describe(value)
        )));
    }
    let object = Object::from(value.clone());
    Object::keys(&object)
        .iter()
        .map(|key| {
            let column = key.as_string().unwrap_or_default();
            let database = Reflect::get(value, &key)
                .ok()
                .and_then(|d| d.as_string())
                .filter(|d| !d.trim().is_empty())
                .ok_or_else(|| {
                    CallError::new(format!(
                        "`options.idsFrom` must map `{column}` to a database name"
                    ))
                })?;
            fklint::ids_from::validate_key(&column)
                .map_err(|problem| CallError::new(format!("`options.idsFrom`: {problem}")))?;
            Ok(fklint::IdsFrom { column, database })
        })
        .collect()
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value) && !value.is_function()
}

/// A short description of a JavaScript value's type, for error messages.
fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        match kind.as_str() {
            "object" => "an object".into(),
            "number" | "string" | "boolean" | "bigint" | "symbol" | "function" => {
                format!("a {kind}")
            }
            _ => kind,
        }
    }
}

/// Adds `column_utf16` and `end_column_utf16` (skipped by the CLI's JSON) to every finding, related location and
/// `caused_by` of the converted report; `value` is `report` converted by [`to_js`], so the indexes match.
fn add_utf16_columns(value: &JsValue, report: &Report) -> Result<(), CallError> {
    let broken = || CallError::new("internal error: the converted report has an unexpected shape");
    let findings: Array = Reflect::get(value, &"findings".into())
        .ok()
        .and_then(|findings| findings.dyn_into().ok())
        .ok_or_else(broken)?;
    for (index, finding) in report.findings.iter().enumerate() {
        let object = findings.get(index as u32);
        set_columns(&object, &finding.position).ok_or_else(broken)?;
        let related: Array = Reflect::get(&object, &"related".into())
            .ok()
            .and_then(|related| related.dyn_into().ok())
            .ok_or_else(broken)?;
        for (index, location) in finding.related.iter().enumerate() {
            set_columns(&related.get(index as u32), &location.position).ok_or_else(broken)?;
        }
        if let Some(root) = &finding.caused_by {
            let caused_by = Reflect::get(&object, &"caused_by".into()).map_err(|_| broken())?;
            set_columns(&caused_by, root).ok_or_else(broken)?;
        }
    }
    Ok(())
}

fn set_columns(object: &JsValue, position: &fklint::diagnostic::Position) -> Option<()> {
    if !object.is_object() {
        return None;
    }
    let set = |key: &str, number: usize| Reflect::set(object, &key.into(), &(number as f64).into());
    set("column_utf16", position.column_utf16).ok()?;
    set("end_column_utf16", position.end_column_utf16).ok()?;
    Some(())
}
