//! dbmate: `*.sql` files whose name starts with the version, sorted by file name; only the part between
//! `-- migrate:up` and `-- migrate:down` runs, in a transaction unless the marker says `transaction:false`.
//! The `-- migrate:down` section reverts it (`dbmate rollback`).

use super::mask::{down_sections, keep_only, up_sections, Marker};
use super::names::{ends_with_ignore_case, file_name, leading_digits};
use super::{Context, Laid, Step};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let count = files.iter().filter(|f| has_up_marker(&f.text)).count();
    (count > 0).then(|| format!("{count} files with `-- migrate:up`"))
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<usize> = Vec::new();
    for (index, file) in context.indexed() {
        let name = file_name(&file.name);
        if !ends_with_ignore_case(name, ".sql") || leading_digits(name).is_empty() {
            laid.skip(index, "not named `<version>_<name>.sql`");
        } else if !has_up_marker(&file.text) {
            laid.skip(
                index,
                "no `-- migrate:up` section: dbmate refuses to run it",
            );
        } else {
            run.push(index);
        }
    }
    crate::sort::sort_by(&mut run, |&a, &b| {
        file_name(&context.files[a].name).cmp(file_name(&context.files[b].name))
    });
    for index in run {
        let text = &context.files[index].text;
        let transaction = |section: Marker| {
            !text
                .lines()
                .any(|line| marker(line) == Some(section) && line.contains("transaction:false"))
        };
        laid.steps.push(Step {
            file: index,
            text: keep_only(text, &up_sections(text, marker)),
            transaction: transaction(Marker::Up),
            note: Some("-- migrate:up section".to_string()),
        });
        laid.revert(
            index,
            index,
            keep_only(text, &down_sections(text, marker)),
            transaction(Marker::Down),
        );
    }
    laid
}

fn has_up_marker(text: &str) -> bool {
    text.contains("migrate:") && text.lines().any(|line| marker(line) == Some(Marker::Up))
}

fn marker(line: &str) -> Option<Marker> {
    let rest = line.trim_start().strip_prefix("--")?.trim_start();
    let word = rest.split_whitespace().next()?.to_ascii_lowercase();
    match word.as_str() {
        "migrate:up" => Some(Marker::Up),
        "migrate:down" => Some(Marker::Down),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    #[test]
    fn runs_the_up_section_even_without_a_final_semicolon() {
        let text = "-- migrate:up\nCREATE TABLE a (id int)\n\n-- migrate:down\nDROP TABLE a\n";
        let files = [
            Source::new("db/migrations/2_a.sql", text),
            Source::new("db/schema.sql", ""),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Dbmate);
        assert_eq!(plan.steps.len(), 1);
        assert!(plan.steps[0].text.contains("CREATE TABLE a (id int)"));
        assert!(!plan.steps[0].text.contains("DROP"));
        assert_eq!(plan.skipped.len(), 1);
        assert_eq!(plan.downs.len(), 1);
        assert_eq!(plan.downs[0].text.trim(), "DROP TABLE a");
    }
}
