//! golang-migrate and sqlx: files `<version>_<name>.up.<ext>` sorted by the numeric version, each run whole;
//! `.down.` files run only when migrating down: the one of the same version in the same folder reverts the up. Vendor folders (`postgres/`, `sqlite/`) hold one server's set.

use super::names::{compare_numbers, file_name, folder, leading_digits};
use super::vendor;
use super::{Context, Laid};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let count = files
        .iter()
        .filter(|f| direction(file_name(&f.name)) == Some(Direction::Up))
        .count();
    (count > 0).then(|| format!("{count} files named `<version>_<name>.up.sql`"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// `20240101_x.up.sql` → Up; `1_x.down.sql` → Down; anything else → None.
fn direction(name: &str) -> Option<Direction> {
    let version = leading_digits(name);
    if version.is_empty() || !name[version.len()..].starts_with('_') {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let mut parts = lower.rsplit('.');
    let _extension = parts.next()?;
    match parts.next()? {
        "up" => Some(Direction::Up),
        "down" => Some(Direction::Down),
        _ => None,
    }
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let ups: Vec<&str> = context
        .files
        .iter()
        .filter(|f| direction(file_name(&f.name)) == Some(Direction::Up))
        .map(|f| f.name.as_str())
        .collect();
    let chosen = vendor::choose(&ups, context.dialect);
    let mut run: Vec<(usize, &str)> = Vec::new();
    for (index, file) in context.indexed() {
        let name = file_name(&file.name);
        match direction(name) {
            Some(Direction::Down) => {
                laid.skip(index, "down migration (runs only when migrating down)")
            }
            None => laid.skip(index, "not named `<version>_<name>.up.<ext>`"),
            Some(Direction::Up) => match vendor::runs_for(&file.name, chosen) {
                Ok(()) => run.push((index, leading_digits(name))),
                Err(reason) => laid.skip(index, reason),
            },
        }
    }
    crate::sort::sort_by(&mut run, |a, b| {
        compare_numbers(a.1.as_bytes(), b.1.as_bytes())
    });
    for (index, version) in run {
        laid.run_whole(index, &context.files[index].text);
        if let Some(down) = down_of(context, index, version) {
            laid.revert(index, down, context.files[down].text.clone(), true);
        }
    }
    laid
}

/// The `.down.` file of the same version beside the up file at `up`.
fn down_of(context: &Context, up: usize, version: &str) -> Option<usize> {
    let here = folder(&context.files[up].name);
    context.indexed().find_map(|(index, file)| {
        let name = file_name(&file.name);
        let same = folder(&file.name) == here
            && direction(name) == Some(Direction::Down)
            && compare_numbers(leading_digits(name).as_bytes(), version.as_bytes()).is_eq();
        same.then_some(index)
    })
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::dialect::Dialect;
    use crate::source::Source;

    #[test]
    fn ups_by_numeric_version_in_the_dialect_folder() {
        let files = [
            Source::new("m/sqlite/2_b.up.sql", ""),
            Source::new("m/postgres/10_c.up.sql", ""),
            Source::new("m/postgres/2_b..up.sql", ""),
            Source::new("m/postgres/2_b.down.sql", ""),
            Source::new("m/postgres/README.md", ""),
        ];
        let plan = lay_out(
            &files,
            LayoutOptions {
                tool: None,
                dialect: Some(Dialect::Postgres),
            },
        );
        assert_eq!(plan.choice.tool, Tool::GolangMigrate);
        let order: Vec<usize> = plan.steps.iter().map(|s| s.file).collect();
        assert_eq!(order, [2, 1]);
        assert_eq!(plan.skipped.len(), 3);
        let downs: Vec<(usize, usize)> = plan.downs.iter().map(|d| (d.up, d.file)).collect();
        assert_eq!(downs, [(2, 3)]);
    }
}
