//! Every rule's documented SQL examples are tests: an `expect_diagnostic` block must produce exactly one finding
//! of that rule, a `valid` block none.

use super::registry;
use crate::{check, Options, Source};

/// The ```sql blocks of a rule's docs with their marker.
fn examples(docs: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut lines = docs.lines();
    while let Some(line) = lines.next() {
        let Some(marker) = line.trim().strip_prefix("```sql") else {
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        out.push((marker.trim(), body.join("\n")));
    }
    out
}

#[test]
fn every_rule_has_a_failing_and_a_passing_example() {
    for rule in registry() {
        let kinds: Vec<&str> = examples(rule.docs).iter().map(|(kind, _)| *kind).collect();
        assert!(
            kinds.contains(&"expect_diagnostic"),
            "{} has no expect_diagnostic example",
            rule.code
        );
        assert!(
            kinds.contains(&"valid"),
            "{} has no valid example",
            rule.code
        );
    }
}

#[test]
fn rule_examples_produce_exactly_what_they_say() {
    let mut failures = Vec::new();
    for rule in registry() {
        for (kind, sql) in examples(rule.docs) {
            let report = check(
                &[Source::new("example.sql", sql.clone())],
                &Options::default(),
            );
            let count = report
                .findings
                .iter()
                .filter(|f| f.code == rule.code)
                .count();
            let expected = usize::from(kind == "expect_diagnostic");
            if count != expected {
                let found: Vec<String> = report
                    .findings
                    .iter()
                    .map(|f| format!("{} {}", f.code, f.message))
                    .collect();
                failures.push(format!(
                    "{} {kind}: expected {expected} finding(s), got {count}\n{sql}\n{found:#?}",
                    rule.code
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
