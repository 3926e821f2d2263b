//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! Our positions carry byte offsets, but SARIF's `charOffset`/`charLength` count characters (with
//! `columnKind: unicodeCodePoints`, Unicode code points), so they are recomputed from the source texts.

use serde_json::{json, Map, Value};

use fklint::diagnostic::{Edit, Fix, Position, Related};
use fklint::rules::RuleMeta;
use fklint::source::clamp_to_char_boundary;
use fklint::{Finding, Report, Severity, Source};

use super::texts::Texts;

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report, sources: &[Source]) -> String {
    let log = sarif_log(report, sources, fklint::rules::registry());
    // A tree of JSON values always serializes.
    let mut json = serde_json::to_string_pretty(&log).expect("a JSON value always serializes");
    json.push('\n');
    json
}

/// The whole SARIF log: one run of fklint with its rules and one result per finding.
pub fn sarif_log(report: &Report, sources: &[Source], registry: &[RuleMeta]) -> Value {
    let texts = Texts::new(sources);
    let rules = RuleTable::new(registry, &report.findings);
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| result(finding, rules.index_of(finding.code), &texts))
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver(rules.descriptors) },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": run_properties(&report.summary),
        }],
    })
}

/// The run's property bag: the dialect the sources were checked as and, when detected, why (as in the JSON
/// summary), so a code-scanning reader can tell a wrong guess from a wrong finding.
fn run_properties(summary: &fklint::Summary) -> Value {
    let mut properties = json!({ "dialect": summary.dialect });
    if let Some(detected) = &summary.detected {
        properties["dialectDetected"] = json!(detected);
    }
    if let Some(tool) = &summary.tool {
        properties["tool"] = json!(tool);
    }
    properties
}

fn driver(rules: Vec<Value>) -> Value {
    let mut driver = json!({
        "name": "fklint",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        driver["informationUri"] = json!(repository);
    }
    driver
}

/// `tool.driver.rules` and the index of each code in it (results point at their rule by `ruleIndex`).
struct RuleTable<'a> {
    codes: Vec<&'a str>,
    descriptors: Vec<Value>,
}

impl<'a> RuleTable<'a> {
    /// Every registered rule, then any code a finding uses that the registry does not list, so that every
    /// `ruleIndex` is valid.
    fn new(registry: &'a [RuleMeta], findings: &'a [Finding]) -> Self {
        let mut table = RuleTable {
            codes: Vec::new(),
            descriptors: Vec::new(),
        };
        for rule in registry {
            table.push(rule.code, rule_descriptor(rule));
        }
        for finding in findings {
            if !table.codes.contains(&finding.code) {
                table.push(finding.code, unregistered_rule_descriptor(finding));
            }
        }
        table
    }

    fn push(&mut self, code: &'a str, descriptor: Value) {
        self.codes.push(code);
        self.descriptors.push(descriptor);
    }

    fn index_of(&self, code: &str) -> usize {
        // `new` added every finding's code.
        self.codes
            .iter()
            .position(|&c| c == code)
            .expect("every finding's code is in the table")
    }
}

fn rule_descriptor(rule: &RuleMeta) -> Value {
    let summary = non_empty(rule.summary, rule.name);
    let docs = non_empty(rule.docs, summary);
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": docs, "markdown": docs },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": { "level": level(rule.severity) },
    })
}

fn unregistered_rule_descriptor(finding: &Finding) -> Value {
    json!({
        "id": finding.code,
        "name": finding.name,
        "shortDescription": { "text": finding.name },
        "defaultConfiguration": { "level": level(finding.severity) },
    })
}

fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(finding: &Finding, rule_index: usize, texts: &Texts) -> Value {
    let mut result = json!({
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": finding.message },
        "locations": [location(&finding.position, texts)],
    });
    if !finding.related.is_empty() {
        result["relatedLocations"] = related_locations(&finding.related, texts);
    }
    let mut properties = about_properties(&finding.about);
    if let Some(fix) = &finding.fix {
        if !fix.edits.is_empty() {
            result["fixes"] = json!([sarif_fix(fix, texts)]);
        }
        properties.extend(fix_properties(fix));
    }
    if !properties.is_empty() {
        result["properties"] = Value::Object(properties);
    }
    result
}

/// The tables and columns the finding is about (`subject`, `referenced`: the JSON's fields), for consumers that
/// group or draw results without reading their messages.
fn about_properties(about: &fklint::diagnostic::About) -> Map<String, Value> {
    let mut properties = Map::new();
    if let Some(subject) = &about.subject {
        properties.insert("subject".into(), json!(subject));
    }
    if let Some(referenced) = &about.referenced {
        properties.insert("referenced".into(), json!(referenced));
    }
    properties
}

fn related_locations(related: &[Related], texts: &Texts) -> Value {
    let locations = related.iter().enumerate().map(|(id, related)| {
        let mut location = location(&related.position, texts);
        location["id"] = json!(id);
        location["message"] = json!({ "text": related.message });
        location
    });
    Value::Array(locations.collect())
}

/// The fix's title, and its forward SQL, which SARIF has no place for (its fixes are text edits only).
fn fix_properties(fix: &Fix) -> Map<String, Value> {
    let mut properties = Map::new();
    properties.insert("fixTitle".into(), json!(fix.title));
    if let Some(sql) = &fix.sql {
        properties.insert("forwardFixSql".into(), json!(sql));
    }
    properties
}

fn location(position: &Position, texts: &Texts) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": artifact_uri(&position.file) },
            "region": region(position, texts.get(&position.file)),
        }
    })
}

fn region(position: &Position, text: Option<&str>) -> Value {
    let mut region = offsets(position.start, position.end, text);
    region.insert("startLine".into(), json!(position.line));
    region.insert("startColumn".into(), json!(position.column));
    region.insert("endLine".into(), json!(position.end_line));
    region.insert("endColumn".into(), json!(position.end_column));
    Value::Object(region)
}

/// `charOffset`/`charLength` in characters when the text is at hand; otherwise SARIF's `byteOffset`/
/// `byteLength`, which say the same thing exactly and need no text.
fn offsets(start: usize, end: usize, text: Option<&str>) -> Map<String, Value> {
    let mut offsets = Map::new();
    match text {
        Some(text) => {
            let start = clamp_to_char_boundary(text, start);
            let end = clamp_to_char_boundary(text, end.max(start));
            offsets.insert("charOffset".into(), json!(text[..start].chars().count()));
            offsets.insert("charLength".into(), json!(text[start..end].chars().count()));
        }
        None => {
            offsets.insert("byteOffset".into(), json!(start));
            offsets.insert("byteLength".into(), json!(end.saturating_sub(start)));
        }
    }
    offsets
}

fn sarif_fix(fix: &Fix, texts: &Texts) -> Value {
    let changes = edits_by_file(&fix.edits).into_iter().map(|(file, edits)| {
        let replacements: Vec<Value> = edits
            .into_iter()
            .map(|edit| replacement(edit, texts.get(file)))
            .collect();
        json!({
            "artifactLocation": { "uri": artifact_uri(file) },
            "replacements": replacements,
        })
    });
    json!({
        "description": { "text": fix.title },
        "artifactChanges": changes.collect::<Vec<_>>(),
    })
}

/// Edits grouped by file, files in order of first appearance (SARIF has one artifactChange per file).
fn edits_by_file(edits: &[Edit]) -> Vec<(&str, Vec<&Edit>)> {
    let mut groups: Vec<(&str, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        match groups.iter_mut().find(|(file, _)| *file == edit.file) {
            Some((_, group)) => group.push(edit),
            None => groups.push((&edit.file, vec![edit])),
        }
    }
    groups
}

fn replacement(edit: &Edit, text: Option<&str>) -> Value {
    json!({
        "deletedRegion": offsets(edit.start, edit.end, text),
        "insertedContent": { "text": edit.replacement },
    })
}

/// A file name as a URI reference: forward slashes, absolute paths as `file://` URIs, and every character
/// that may not appear in a URI percent-encoded (`<stdin>` → `%3Cstdin%3E`). `:` is encoded too, because in
/// a relative reference it would read as a scheme separator.
pub fn artifact_uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    let is_windows_drive = path.as_bytes().get(1) == Some(&b':')
        && path.starts_with(|c: char| c.is_ascii_alphabetic());
    if is_windows_drive {
        format!("file:///{}{}", &path[..2], percent_encode(&path[2..]))
    } else if path.starts_with('/') {
        format!("file://{}", percent_encode(&path))
    } else {
        percent_encode(&path)
    }
}

fn percent_encode(path: &str) -> String {
    let keep = |b: u8| b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
    path.bytes()
        .map(|b| {
            if keep(b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{clean_report, sample_report, B_SQL};

    const SCHEMA_PATH: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    );

    const RULES: &[RuleMeta] = &[RuleMeta {
        code: "FK101",
        name: "missing-referenced-table",
        severity: Severity::Error,
        summary: "REFERENCES a table that does not exist at that point.",
        docs: "## What it does\n\nFinds foreign keys to tables that do not exist.\n",
    }];

    /// Validates `instance` against the official SARIF 2.1.0 schema, with format assertions on.
    fn validate(instance: &Value) -> Result<(), String> {
        let text = std::fs::read_to_string(SCHEMA_PATH).expect("the schema is committed");
        let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        let url = "file:///sarif-schema-2.1.0.json";
        compiler
            .add_resource(url, schema)
            .map_err(|e| e.to_string())?;
        let mut schemas = boon::Schemas::new();
        let index = compiler
            .compile(url, &mut schemas)
            .map_err(|e| e.to_string())?;
        schemas
            .validate(instance, index)
            .map_err(|e| format!("{e:#}"))
    }

    fn sample_log() -> Value {
        let (report, sources) = sample_report();
        sarif_log(&report, &sources, RULES)
    }

    #[test]
    fn output_is_valid_against_the_official_schema() {
        validate(&sample_log()).unwrap();
        let (report, sources) = sample_report();
        let rendered: Value = serde_json::from_str(&render(&report, &sources)).unwrap();
        validate(&rendered).unwrap();
        validate(&sarif_log(&clean_report(0, 0), &[], RULES)).unwrap();
    }

    #[test]
    fn the_validator_rejects_invalid_logs() {
        let mut log = sample_log();
        log["runs"][0]["results"][0]["level"] = json!("fatal");
        assert!(validate(&log).is_err());
        let mut log = sample_log();
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            json!(0);
        assert!(validate(&log).is_err());
    }

    #[test]
    fn run_describes_the_tool_and_its_rules() {
        let log = sample_log();
        assert_eq!(log["$schema"], SCHEMA_URI);
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "fklint");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        let rules = driver["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        // The registered rule first, then codes only findings mention.
        assert_eq!(ids, ["FK101", "FK202", "FK404"]);
        assert_eq!(rules[0]["name"], "missing-referenced-table");
        assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
        assert_eq!(rules[0]["help"]["markdown"], RULES[0].docs);
        assert_eq!(rules[2]["defaultConfiguration"]["level"], "note");
    }

    #[test]
    fn results_point_at_their_rules_and_locations() {
        let log = sample_log();
        let results = log["runs"][0]["results"].as_array().unwrap();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        for result in results {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["error", "warning", "note"]);
        let location = &results[0]["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "a.sql");
        let region = &location["region"];
        assert_eq!(
            (region["startLine"].as_u64(), region["startColumn"].as_u64()),
            (Some(3), Some(28))
        );
        assert_eq!(
            (region["endLine"].as_u64(), region["endColumn"].as_u64()),
            (Some(3), Some(34))
        );
        let related = &results[0]["relatedLocations"][0];
        assert_eq!(related["id"], 0);
        assert_eq!(related["message"]["text"], "`tenants` is created here");
        let other_file = &results[1]["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(other_file["uri"], "a.sql");
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let log = sample_log();
        let region = &log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
        let byte_start = B_SQL.find("bigint").unwrap();
        // "café ☕" holds 1 + 2 extra bytes.
        assert_eq!(
            region["charOffset"].as_u64().unwrap() as usize,
            byte_start - 3
        );
        assert_eq!(region["charLength"], 6);
        assert!(region.get("byteOffset").is_none());
    }

    #[test]
    fn edits_become_fixes_and_forward_sql_a_property() {
        let log = sample_log();
        let results = &log["runs"][0]["results"];
        let fix = &results[0]["fixes"][0];
        assert_eq!(fix["description"]["text"], "Reference `tenants`");
        let change = &fix["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "a.sql");
        let replacement = &change["replacements"][0];
        let deleted = &replacement["deletedRegion"];
        let start = crate::test_support::A_SQL.find("tenant(").unwrap();
        assert_eq!(deleted["charOffset"].as_u64().unwrap() as usize, start);
        assert_eq!(deleted["charLength"], 6);
        assert_eq!(replacement["insertedContent"]["text"], "tenants");
        let sql = results[0]["properties"]["forwardFixSql"].as_str().unwrap();
        assert!(sql.starts_with("ALTER TABLE users"));
        // A forward-only fix has no SARIF fix, but keeps its SQL.
        assert!(results[1].get("fixes").is_none());
        assert!(results[1]["properties"]["forwardFixSql"].is_string());
        assert!(results[2].get("properties").is_none());
    }

    #[test]
    fn subject_and_referenced_are_properties() {
        let log = sample_log();
        let results = &log["runs"][0]["results"];
        let properties = &results[0]["properties"];
        assert_eq!(properties["subject"]["table"], "users");
        assert_eq!(properties["subject"]["columns"], json!(["tenant_id"]));
        assert_eq!(properties["referenced"]["table"], "tenant");
        assert_eq!(properties["referenced"]["exists"], false);
        assert_eq!(results[1]["properties"]["referenced"]["exists"], true);
        assert_eq!(properties["fixTitle"], "Reference `tenants`");
    }

    #[test]
    fn unknown_texts_fall_back_to_byte_offsets() {
        let offsets = offsets(4, 9, None);
        assert_eq!(offsets["byteOffset"], 4);
        assert_eq!(offsets["byteLength"], 5);
    }

    #[test]
    fn uris_use_forward_slashes_and_percent_encoding() {
        assert_eq!(
            artifact_uri("migrations\\0001 init.sql"),
            "migrations/0001%20init.sql"
        );
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(artifact_uri("/srv/db/a:b.sql"), "file:///srv/db/a%3Ab.sql");
        assert_eq!(artifact_uri("C:\\db\\x.sql"), "file:///C:/db/x.sql");
        assert_eq!(artifact_uri("café.sql"), "caf%C3%A9.sql");
    }

    #[test]
    fn empty_docs_fall_back_to_the_summary() {
        let rule = RuleMeta {
            docs: "",
            ..RULES[0]
        };
        let descriptor = rule_descriptor(&rule);
        assert_eq!(descriptor["fullDescription"]["text"], RULES[0].summary);
    }
}
