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
//! `options` is `undefined`, `null` or an object of `fklint.toml`'s settings with the keys in camelCase (`{
//! dialect?, target?, tool?, foreignKeyChecks?, platform?, searchPath?, rules?, databases?, idsFrom? }`, declared
//! in npm/index.d.ts, which is generated from the core's settings model): it is read by the core
//! (`fklint::settings::Settings`) as `fklint.toml` is, with the same messages. `tool`: `sources` are a whole
//! project, every file with its relative path, laid out as that tool runs them; `databases` name sources.
//!
//! A bad call never throws: it returns `{ error: { message } }`. The core never panics (it is fuzzed), but if it
//! did, the panic hook installed here throws a JavaScript `Error("fklint panicked: ...")` instead of letting the
//! module trap silently; the npm wrappers catch that (and any `WebAssembly.RuntimeError`), return
//! `{ error: { message: "internal error: ..." } }` and instantiate a fresh module for the next call.

use fklint::settings::{DatabaseSetting, Settings, Surface, ToolSetting, Value};
use fklint::{Dialect, Options, Report, Source};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The name given to a source passed as a plain string.
pub const DEFAULT_SOURCE_NAME: &str = "input.sql";

/// Checks the sources, in order: `{ version, findings, summary }` or `{ error: { message } }`.
///
/// The module built without the other front ends and sqlparser (SQL only) answers `{ error: { message },
/// needsFullModule: true }` instead when its report would not be the full build's: a source needs another front
/// end, or a statement only sqlparser judges. The npm wrappers, the page and the widget then ask the module
/// built with everything.
#[wasm_bindgen]
pub fn check(sources: JsValue, options: JsValue) -> JsValue {
    respond(|| {
        if let Some(name) = needs_other_front_end(&sources, &options) {
            return Ok(needs_full_answer(&other_front_end_message(&name)));
        }
        let (sources, options, reverts) = read_call_with_downs(&sources, &options)?;
        let report = fklint::check_down(&sources, &reverts, &options);
        if let Some(at) = report.summary.needs_full_build {
            return Ok(needs_full_answer(&sqlparser_message(&sources, at)));
        }
        let value = to_js(&report)?;
        add_utf16_columns(&value, &report)?;
        Ok(value)
    })
}

/// Replays the sources and returns the schema: `{ version, tables, foreign_keys }` or `{ error: { message } }`
/// (and `needsFullModule: true`, as for [`check`]).
#[wasm_bindgen]
pub fn schema(sources: JsValue, options: JsValue) -> JsValue {
    respond(|| {
        if let Some(name) = needs_other_front_end(&sources, &options) {
            return Ok(needs_full_answer(&other_front_end_message(&name)));
        }
        let (sources, options) = read_call(&sources, &options)?;
        let schema = fklint::schema(&sources, &options);
        if let Some(at) = schema.needs_full_build {
            return Ok(needs_full_answer(&sqlparser_message(&sources, at)));
        }
        to_js(&schema)
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
        let settings = read_settings(&options)?;
        let dialect = settings.given_dialect().map_err(CallError::new)?;
        let tool = settings.tool.unwrap_or(ToolSetting::Auto);
        let plan = fklint::layout::lay_out(&files, layout_options(tool, dialect));
        to_js(&PlanInfo::new(&plan, &files))
    })
}

/// Whether `check(sources, options)` needs the module built with every front end and sqlparser: a source is in
/// a language this module was built without (Python, TypeScript, Prisma, Ruby, PHP), or, in a module built
/// without sqlparser, a statement only sqlparser judges (found by reading the sources, as `check` would, without
/// replaying them). The JavaScript wrappers' `prepare()` asks it, to load that module before a synchronous
/// `check`; `check` and `schema` say it themselves (`needsFullModule: true`). A bad call answers `false`: this
/// module reports the error itself.
#[wasm_bindgen(js_name = "needsFullModule")]
pub fn needs_full_module(sources: JsValue, options: JsValue) -> bool {
    install_panic_hook();
    if needs_other_front_end(&sources, &options).is_some() {
        return true;
    }
    if cfg!(feature = "sqlparser") {
        return false;
    }
    // The down parts too (`options.down`): check() reads them.
    read_call_with_downs(&sources, &options)
        .is_ok_and(|(sources, options, _)| fklint::needs_full_build(&sources, &options).is_some())
}

/// The first source that `check(sources, options)` reads and this module has no front end for (by name, as the
/// core decides which front end reads a source; laid out first when `options.tool` is given).
fn needs_other_front_end(sources: &JsValue, options: &JsValue) -> Option<String> {
    if cfg!(all(
        feature = "python",
        feature = "typescript",
        feature = "prisma",
        feature = "ruby",
        feature = "php"
    )) {
        return None;
    }
    // By name first (no text copied): a layout only leaves files out, so when no file needs another front end,
    // none that `check` reads does.
    let named = source_names(sources)
        .ok()?
        .into_iter()
        .find(|name| fklint::frontend::needs_other_front_end(name))?;
    let settings = read_settings(options).ok()?;
    let Some(tool) = settings.tool else {
        return Some(named);
    };
    let files = read_sources(sources).ok()?;
    let dialect = settings.given_dialect().ok().flatten();
    let plan = fklint::layout::lay_out(&files, layout_options(tool, dialect));
    plan.steps.iter().find_map(|step| {
        files
            .get(step.file)
            .filter(|file| fklint::frontend::needs_other_front_end(&file.name))
            .map(|file| file.name.clone())
    })
}

fn other_front_end_message(name: &str) -> String {
    format!(
        "`{name}` needs the fklint module with every front end (Python, TypeScript, Prisma, Ruby, PHP), not \
         this SQL-only one; the npm package, the page and the widget load it when a check needs it"
    )
}

fn sqlparser_message(sources: &[Source], at: fklint::source::Location) -> String {
    let place = sources.get(at.source).map_or_else(String::new, |source| {
        let before = source.text.get(..at.span.start).unwrap_or("");
        format!(
            "`{}` line {}: ",
            source.name,
            before.matches('\n').count() + 1
        )
    });
    format!(
        "{place}only the fklint module with every front end judges this statement (it has sqlparser), not this \
         SQL-only one; the npm package, the page and the widget load it when a check needs it"
    )
}

/// `{ error: { message }, needsFullModule: true }`: this module cannot give the full build's answer.
fn needs_full_answer(message: &str) -> JsValue {
    let answer = error_object(message);
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&answer, &"needsFullModule".into(), &JsValue::TRUE);
    answer
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
    let settings = read_settings(options)?;
    let dialect = settings.given_dialect().map_err(CallError::new)?;
    let down = settings.down.unwrap_or(false);
    let Some(tool) = settings.tool else {
        let options = core_options(settings, &files, dialect)?;
        return Ok((files, options, Vec::new()));
    };
    let plan = fklint::layout::lay_out(&files, layout_options(tool, dialect));
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
    // The steps only (the down parts follow them): what the databases name and the dialect is detected from.
    let steps = &sources[..plan.steps.len().min(sources.len())];
    let mut options = core_options(settings, steps, dialect)?;
    options.tool = Some(plan.choice.clone());
    fklint::driver::choose_dialect(&mut options, steps, dialect, plan.dialect);
    options.take_declared_target(plan.target);
    Ok((sources, options, reverts))
}

/// What the layout needs of the settings: the tool (`"auto"`: detected) and the dialect given.
fn layout_options(tool: ToolSetting, dialect: Option<Dialect>) -> fklint::layout::LayoutOptions {
    fklint::layout::LayoutOptions {
        tool: tool.given(),
        dialect,
    }
}

/// Reads `options` (`undefined`, `null` or an object) into the core's settings model, as the CLI reads
/// `fklint.toml`: serde (`serde-wasm-bindgen`) turns the object into the core's `Value`, and the core judges it,
/// with the messages the CLI gives.
pub fn read_settings(value: &JsValue) -> Result<Settings, CallError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Settings::default());
    }
    if !is_plain_object(value) {
        return Err(CallError::new(format!(
            "`options` must be an object such as {{ dialect: \"postgres\" }}, not {}",
            describe(value)
        )));
    }
    let value = settings_value(value, 0)
        .map_err(|problem| CallError::new(format!("`options` cannot be read: {problem}")))?;
    Settings::read(value, Surface::Options).map_err(CallError::new)
}

/// How deep `options` may nest (the deepest setting, `databases: [{ files: [...] }]`, is three): a cycle
/// (`options.self = options`) must end in an error, not in a stack overflow.
const MAX_DEPTH: usize = 8;

/// A JavaScript value as the core's settings value, the tree `fklint.toml` is read into too. Converted here
/// rather than with `serde-wasm-bindgen`'s deserializer, which made the module 18 KB (2.3%) larger in gzip.
fn settings_value(value: &JsValue, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err("it nests too deeply".into());
    }
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    if let Some(on) = value.as_bool() {
        return Ok(Value::Bool(on));
    }
    if let Some(number) = value.as_f64() {
        return Ok(Value::Number(number));
    }
    if let Some(text) = value.as_string() {
        return Ok(Value::String(text));
    }
    if Array::is_array(value) {
        let mut items = Vec::new();
        for item in value.unchecked_ref::<Array>().iter() {
            items.push(settings_value(&item, depth + 1)?);
        }
        return Ok(Value::List(items));
    }
    if !is_plain_object(value) {
        return Err(format!(
            "it holds {}, which no setting takes",
            describe(value)
        ));
    }
    let mut entries = Vec::new();
    for entry in Object::entries(value.unchecked_ref()).iter() {
        let entry: &Array = entry.unchecked_ref();
        let key = entry.get(0).as_string().unwrap_or_default();
        entries.push((key, settings_value(&entry.get(1), depth + 1)?));
    }
    Ok(Value::Table(entries))
}

/// The core's options for `sources`: the settings', with the databases' files found among the sources and the
/// dialect chosen (detected unless given).
fn core_options(
    mut settings: Settings,
    sources: &[Source],
    dialect: Option<Dialect>,
) -> Result<Options, CallError> {
    let databases = std::mem::take(&mut settings.databases);
    let mut options = settings.into_options();
    for (index, database) in databases.iter().enumerate() {
        options
            .databases
            .push(find_database(index, database, sources)?);
    }
    fklint::driver::choose_dialect(&mut options, sources, dialect, None);
    Ok(options)
}

/// A database with the indexes of the sources its files name. A name no source has is an error: it would
/// silently check another split.
fn find_database(
    index: usize,
    database: &DatabaseSetting,
    sources: &[Source],
) -> Result<fklint::Database, CallError> {
    let mut indexes = Vec::new();
    for file in &database.files {
        let before = indexes.len();
        indexes.extend(
            sources
                .iter()
                .enumerate()
                .filter(|(_, source)| &source.name == file)
                .map(|(i, _)| i),
        );
        if indexes.len() == before {
            return Err(CallError::new(format!(
                "`databases[{index}]` (`{}`) names `{file}`, which is none of the sources",
                database.name
            )));
        }
    }
    indexes.sort_unstable();
    indexes.dedup();
    Ok(fklint::Database {
        name: database.name.clone(),
        sources: indexes,
    })
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
