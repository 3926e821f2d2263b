//! The table of good and bad settings (tests/settings/cases.json) through the CLI: each case written as
//! `fklint.toml`, and as command-line flags where the case has them, must give the table's result (the dialect
//! checked and the findings) or its message. npm/test/settings.test.mjs runs the same table through the wasm
//! `options`, so both front doors of the one settings model agree.
//!
//! `FKLINT_BLESS=1` writes the CLI's results of the good cases into the table (review the diff: the wasm test
//! holds the table against the wasm).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value};

fn table_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/settings/cases.json")
}

/// A fresh directory holding the case's sources.
fn project(sources: &[Value], name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fklint-settings-{}-{}",
        std::process::id(),
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    ));
    let _ = fs::remove_dir_all(&dir);
    for source in sources {
        let path = dir.join(source["name"].as_str().unwrap());
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, source["text"].as_str().unwrap()).unwrap();
    }
    dir
}

/// A JSON value as an inline TOML value (every key quoted).
fn toml(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(key, value)| format!("{} = {}", Value::from(key.as_str()), toml(value)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Null => panic!("TOML has no null"),
        other => other.to_string(),
    }
}

fn toml_document(settings: &Map<String, Value>) -> String {
    settings
        .iter()
        .map(|(key, value)| format!("{key} = {}\n", toml(value)))
        .collect()
}

/// What a run gave: `{ dialect, findings }`, or `{ error }` with the whole standard error.
fn outcome(dir: &Path, args: &[String]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_fklint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    match output.status.code() {
        Some(0 | 1) => {
            let report: Value = serde_json::from_slice(&output.stdout).unwrap();
            let findings: Vec<Value> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    Value::from(format!(
                        "{} {} {}:{}",
                        f["code"].as_str().unwrap(),
                        f["severity"].as_str().unwrap(),
                        f["file"].as_str().unwrap(),
                        f["line"]
                    ))
                })
                .collect();
            serde_json::json!({ "dialect": report["summary"]["dialect"], "findings": findings })
        }
        code => {
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            serde_json::json!({ "error": stderr })
        }
    }
}

/// The paths to check: the sources in order, or the whole folder when a tool lays it out or the settings
/// choose files in it (`exclude` and `order` apply to the files of a folder).
fn paths(case: &Value, sources: &[Value]) -> Vec<String> {
    if ["tool", "exclude", "order"]
        .iter()
        .any(|key| case["settings"].get(key).is_some())
    {
        return vec![".".into()];
    }
    sources
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

/// A flag's message is clap's `invalid value 'X' for '--flag'` and then the settings' message without the
/// key it names (the flag names it).
fn without_key(message: &str) -> &str {
    message
        .strip_prefix('`')
        .and_then(|rest| rest.split_once("`: "))
        .filter(|(key, _)| !key.contains(' '))
        .map_or(message, |(_, rest)| rest)
}

fn check(case: &Value, got: &Value, how: &str, strip_key: bool) -> Option<String> {
    let name = case["name"].as_str().unwrap();
    match case.get("error").and_then(Value::as_str) {
        Some(expected) => {
            let expected = if strip_key {
                without_key(expected)
            } else {
                expected
            };
            let stderr = got["error"].as_str().unwrap_or_default();
            (!stderr.contains(expected)).then(|| {
                format!("{name} ({how}): expected the message\n  {expected}\ngot\n  {got}")
            })
        }
        None => (got != &case["result"])
            .then(|| format!("{name} ({how}): expected {}\ngot {got}", case["result"])),
    }
}

#[test]
fn every_case_through_fklint_toml_and_the_flags() {
    let mut table: Value =
        serde_json::from_str(&fs::read_to_string(table_path()).unwrap()).unwrap();
    let default_sources = table["sources"].as_array().unwrap().clone();
    let bless = std::env::var_os("FKLINT_BLESS").is_some();
    let mut failures = Vec::new();
    for case in table["cases"].as_array_mut().unwrap() {
        let sources = case
            .get("sources")
            .and_then(Value::as_array)
            .unwrap_or(&default_sources)
            .clone();
        let dir = project(&sources, case["name"].as_str().unwrap());
        let settings = case["settings"].as_object().unwrap();
        fs::write(dir.join("fklint.toml"), toml_document(settings)).unwrap();
        let mut args: Vec<String> = vec!["check".into(), "--format".into(), "json".into()];
        args.extend(paths(case, &sources));
        let from_file = outcome(&dir, &args);
        if bless && case.get("error").is_none() {
            case["result"] = from_file.clone();
        }
        failures.extend(check(case, &from_file, "fklint.toml", false));
        if let Some(flags) = case.get("flags").and_then(Value::as_array) {
            let mut args = args.clone();
            args.insert(1, "--no-config".into());
            args.splice(2..2, flags.iter().map(|f| f.as_str().unwrap().to_string()));
            failures.extend(check(case, &outcome(&dir, &args), "flags", true));
        }
        let _ = fs::remove_dir_all(&dir);
    }
    if bless {
        let text = serde_json::to_string_pretty(&table).unwrap() + "\n";
        fs::write(table_path(), text).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_table_has_good_and_bad_cases_of_every_key() {
    let table: Value = serde_json::from_str(&fs::read_to_string(table_path()).unwrap()).unwrap();
    let cases = table["cases"].as_array().unwrap();
    for key in fklint::settings::Key::ALL {
        let with_key = |bad: bool| {
            cases.iter().any(|case| {
                case["settings"].get(key.name()).is_some() && case.get("error").is_some() == bad
            })
        };
        assert!(with_key(false), "no good case sets `{}`", key.name());
        let files_only = !key.taken_by(fklint::settings::Surface::Options);
        assert!(
            with_key(true) || files_only,
            "no bad case sets `{}`",
            key.name()
        );
    }
}
