//! goose: files `<version>_<name>.sql` sorted by the integer version; only the part between `-- +goose Up` and
//! `-- +goose Down` runs; `-- +goose StatementBegin/End` only mark statement bounds; each file runs in a
//! transaction unless it says `-- +goose NO TRANSACTION`. `.go` migrations are compiled code, not SQL. The
//! `-- +goose Down` section reverts the file (`goose down`), in the same transaction mode.

use super::mask::{comment_words, down_sections, keep_only, up_sections, Marker};
use super::names::{compare_numbers, ends_with_ignore_case, file_name, leading_digits};
use super::{Context, Laid, Step};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let count = files.iter().filter(|f| has_up_marker(&f.text)).count();
    (count > 0).then(|| format!("{count} files with `-- +goose Up`"))
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<(usize, &str)> = Vec::new();
    for (index, file) in context.indexed() {
        let name = file_name(&file.name);
        let version = leading_digits(name);
        let named = !version.is_empty() && name[version.len()..].starts_with('_');
        if ends_with_ignore_case(name, ".go") {
            laid.skip(
                index,
                "Go migration or embedding code: goose runs it compiled, it is not SQL",
            );
        } else if !named || !ends_with_ignore_case(name, ".sql") {
            laid.skip(index, "not named `<version>_<name>.sql`");
        } else if !has_up_marker(&file.text) {
            laid.skip(
                index,
                "no `-- +goose Up` annotation: goose refuses to run it",
            );
        } else {
            run.push((index, version));
        }
    }
    crate::sort::sort_by(&mut run, |a, b| {
        compare_numbers(a.1.as_bytes(), b.1.as_bytes())
    });
    for (index, _) in run {
        let text = &context.files[index].text;
        let transaction = !text.lines().any(is_no_transaction);
        laid.steps.push(Step {
            file: index,
            text: keep_only(text, &up_sections(text, marker)),
            transaction,
            note: Some(
                if transaction {
                    "-- +goose Up section"
                } else {
                    "-- +goose Up section, NO TRANSACTION"
                }
                .to_string(),
            ),
        });
        laid.revert(
            index,
            index,
            keep_only(text, &down_sections(text, marker)),
            transaction,
        );
    }
    laid
}

fn has_up_marker(text: &str) -> bool {
    text.contains("+goose") && text.lines().any(|line| marker(line) == Some(Marker::Up))
}

fn marker(line: &str) -> Option<Marker> {
    let words = comment_words(line)?;
    match words.as_slice() {
        [goose, section, ..] if goose == "+goose" && section == "up" => Some(Marker::Up),
        [goose, section, ..] if goose == "+goose" && section == "down" => Some(Marker::Down),
        _ => None,
    }
}

fn is_no_transaction(line: &str) -> bool {
    comment_words(line).is_some_and(|words| {
        matches!(words.as_slice(), [goose, no, transaction, ..]
            if goose == "+goose" && no == "no" && transaction == "transaction")
    })
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    #[test]
    fn runs_up_sections_by_version_and_skips_go_files() {
        let files = [
            Source::new(
                "m/10_b.sql",
                "-- +goose Up\nCREATE TABLE b (id int);\n-- +goose Down\nDROP TABLE b;\n",
            ),
            Source::new(
                "m/9_a.sql",
                "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (id int);\n",
            ),
            Source::new("m/11_c.go", "package m"),
            Source::new("m/migrations.go", "package m"),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Goose);
        let order: Vec<&str> = plan
            .steps
            .iter()
            .map(|s| files[s.file].name.as_str())
            .collect();
        assert_eq!(order, ["m/9_a.sql", "m/10_b.sql"]);
        assert!(!plan.steps[0].transaction);
        assert!(!plan.steps[1].text.contains("DROP"));
        assert_eq!(plan.steps[1].text.len(), files[0].text.len());
        assert_eq!(plan.skipped.len(), 2);
        let downs: Vec<(usize, &str)> = plan.downs.iter().map(|d| (d.up, d.text.trim())).collect();
        assert_eq!(downs, [(1, ""), (0, "DROP TABLE b;")]);
    }
}
