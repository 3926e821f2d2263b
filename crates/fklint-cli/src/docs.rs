//! The rule docs pages (`docs/rules/FK101.md`, ... and `docs/rules/README.md`), generated from each rule's
//! `RuleMeta` by `fklint rules --markdown docs/rules`. A test fails when the committed pages are stale.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use fklint::rules::RuleMeta;

/// How to regenerate the pages; written into each page and into the staleness test's message.
pub const REGENERATE: &str = "cargo run -p fklint-cli -- rules --markdown docs/rules";

/// Every page: file name and contents, the index first.
pub fn pages(registry: &[RuleMeta]) -> Vec<(String, String)> {
    std::iter::once(("README.md".to_string(), index(registry)))
        .chain(
            registry
                .iter()
                .map(|rule| (format!("{}.md", rule.code), page(rule))),
        )
        .collect()
}

/// Writes every page into `dir` (created if needed); returns how many.
pub fn write_pages(dir: &Path, registry: &[RuleMeta]) -> Result<usize> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let pages = pages(registry);
    for (name, text) in &pages {
        let path = dir.join(name);
        fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(pages.len())
}

fn generated_note() -> String {
    format!("<!-- Generated from crates/fklint/src/rules/ by `{REGENERATE}`; do not edit. -->")
}

fn index(registry: &[RuleMeta]) -> String {
    let mut out = format!(
        "# fklint rules\n\n{}\n\nEvery rule with its stable code, name and default severity. Turn a rule off or change its \
         severity in `fklint.toml` (`[rules]`), or suppress one finding with `-- fklint-ignore CODE: reason`.\n\n\
         | code | name | severity | what |\n|---|---|---|---|\n",
        generated_note()
    );
    for rule in registry {
        out.push_str(&format!(
            "| [{code}]({code}.md) | {name} | {severity} | {summary} |\n",
            code = rule.code,
            name = rule.name,
            severity = rule.severity.as_str(),
            summary = rule.summary.replace('|', "\\|"),
        ));
    }
    out
}

fn page(rule: &RuleMeta) -> String {
    let suppress = if fklint::suppress::is_suppressible(rule.code) {
        format!(
            "Or suppress one finding, on the statement's line or the line above it:\n\n```sql\n\
             -- fklint-ignore {}: why this finding is acceptable here\n```\n\n",
            rule.code
        )
    } else {
        String::new()
    };
    format!(
        "# {code} {name}\n\n{note}\n\n**Default severity:** {severity}. {summary}\n\n{docs}\n\n## Configure or suppress\n\n\
         ```toml\n# fklint.toml\n[rules]\n{code} = \"off\"  # or \"info\", \"warning\", \"error\"\n```\n\n\
         {suppress}[All rules](README.md)\n",
        code = rule.code,
        name = rule.name,
        note = generated_note(),
        severity = rule.severity.as_str(),
        summary = rule.summary,
        docs = plain_fences(rule.docs.trim()),
    )
}

/// ```` ```sql expect_diagnostic ```` → ```` ```sql ```` (and ```` ```python ````): the markers drive the doc tests,
/// not the reader.
pub fn plain_fences(docs: &str) -> String {
    docs.lines()
        .map(|line| {
            if line.trim_start().starts_with("```sql") {
                "```sql"
            } else if line.trim_start().starts_with("```python") {
                "```python"
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_rule_pages_are_up_to_date() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
        let expected = pages(fklint::rules::registry());
        let mut stale = Vec::new();
        for (name, text) in &expected {
            if fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        let names: Vec<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !names.contains(&name.as_str()) {
                    stale.push(format!("{name} (no such rule: delete it)"));
                }
            }
        }
        assert!(
            stale.is_empty(),
            "docs/rules is stale: {}\nregenerate with `{REGENERATE}`",
            stale.join(", ")
        );
    }

    #[test]
    fn pages_drop_test_markers_and_link_the_index() {
        let rule = RuleMeta {
            code: "FK999",
            name: "example-rule",
            severity: fklint::Severity::Info,
            summary: "An example | with a pipe.",
            docs: "## Example\n```sql expect_diagnostic\nSELECT 1;\n```\n",
        };
        let text = page(&rule);
        assert!(text.starts_with("# FK999 example-rule\n"));
        assert!(text.contains("```sql\nSELECT 1;\n```"));
        assert!(!text.contains("expect_diagnostic"));
        assert!(index(&[rule])
            .contains("| [FK999](FK999.md) | example-rule | info | An example \\| with a pipe. |"));
    }
}
