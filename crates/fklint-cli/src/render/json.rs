//! `--format json`: the report exactly as the JSON contract of DESIGN.md describes it.

use fklint::Report;

pub fn render(report: &Report) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    let mut json = serde_json::to_string_pretty(report).expect("a report always serializes");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_report;

    #[test]
    fn is_the_serialized_report() {
        let (report, _) = sample_report();
        let rendered = render(&report);
        assert_eq!(
            rendered.trim_end(),
            serde_json::to_string_pretty(&report).unwrap()
        );
        let value: serde_json::Value = serde_json::from_str(&rendered).unwrap();
        assert_eq!(value["version"], 1);
        let first = &value["findings"][0];
        for key in [
            "code", "name", "severity", "message", "file", "line", "column", "end_line",
        ] {
            assert!(!first[key].is_null(), "missing {key}");
        }
        for key in [
            "end_column",
            "start",
            "end",
            "related",
            "fix",
            "subject",
            "referenced",
        ] {
            assert!(first.get(key).is_some(), "missing {key}");
        }
        assert_eq!(first["severity"], "error");
        assert_eq!(
            value["findings"][0]["fix"]["edits"][0]["replacement"],
            "tenants"
        );
        assert_eq!(value["summary"]["files"], 2);
        assert_eq!(first["subject"]["schema"], "public");
        assert_eq!(first["referenced"]["exists"], false);
        assert!(value["findings"][2]["subject"].is_null());
    }
}
