//! Flyway: versioned `V<version>__<description>.sql` files in version order, versions compared part by part
//! as numbers (`1_2` < `1_10`, `1.0` = `1`); then repeatable `R__<description>.sql` files by description.
//! `U` undo files run only on `flyway undo`: the one of a versioned file's version reverts it. On an empty database the highest baseline `B<version>__` runs
//! instead of every versioned file up to its version. Folders and suffixes naming a server (`MYSQL/`,
//! `_POSTGRESQL.sql`) hold one server's migrations: only the dialect's run.

use std::cmp::Ordering;

use super::names::{compare_numbers, file_name, natural_cmp};
use super::vendor;
use super::{Context, Laid, Step};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let count = files
        .iter()
        .filter(|f| {
            matches!(
                parse(file_name(&f.name)),
                Some(Name {
                    kind: Kind::Versioned,
                    ..
                })
            )
        })
        .count();
    (count > 0).then(|| format!("{count} files named `V<version>__<description>.sql`"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Versioned,
    Undo,
    Baseline,
    Repeatable,
}

#[derive(Debug, Clone)]
struct Name<'a> {
    kind: Kind,
    /// The version's numeric parts (empty for a repeatable migration).
    version: Vec<&'a str>,
    description: &'a str,
}

/// `V1_2__x.sql` → versioned 1.2 `x`; `R__x.sql` → repeatable `x`; anything else → None.
fn parse(name: &str) -> Option<Name<'_>> {
    let stem = name
        .strip_suffix(".sql")
        .or_else(|| name.strip_suffix(".SQL"))?;
    let kind = match stem.as_bytes().first()? {
        b'V' => Kind::Versioned,
        b'U' => Kind::Undo,
        b'B' => Kind::Baseline,
        b'R' => Kind::Repeatable,
        _ => return None,
    };
    let (version, description) = stem[1..].split_once("__")?;
    let parts: Vec<&str> = if version.is_empty() {
        Vec::new()
    } else {
        version.split(['.', '_']).collect()
    };
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let well_formed = match kind {
        Kind::Repeatable => parts.is_empty(),
        _ => !parts.is_empty() && numeric,
    };
    well_formed.then_some(Name {
        kind,
        version: parts,
        description,
    })
}

/// Part by part, a missing part counting as 0 (Flyway's `MigrationVersion`).
fn compare_versions(a: &[&str], b: &[&str]) -> Ordering {
    let zero = "0";
    (0..a.len().max(b.len()))
        .map(|i| {
            let x = a.get(i).copied().unwrap_or(zero);
            let y = b.get(i).copied().unwrap_or(zero);
            compare_numbers(x.as_bytes(), y.as_bytes())
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let named: Vec<&str> = context
        .files
        .iter()
        .filter(|f| parse(file_name(&f.name)).is_some())
        .map(|f| f.name.as_str())
        .collect();
    let chosen = vendor::choose(&named, context.dialect);
    let mut candidates: Vec<(usize, Name)> = Vec::new();
    let mut undos: Vec<(usize, Vec<&str>)> = Vec::new();
    for (index, file) in context.indexed() {
        let Some(name) = parse(file_name(&file.name)) else {
            laid.skip(
                index,
                "not named `V<version>__<description>.sql` (nor U, B, R)",
            );
            continue;
        };
        if let Err(reason) = vendor::runs_for(&file.name, chosen) {
            laid.skip(index, reason);
        } else if name.kind == Kind::Undo {
            laid.skip(index, "undo migration (runs only on `flyway undo`)");
            undos.push((index, name.version));
        } else {
            candidates.push((index, name));
        }
    }
    let baseline = candidates
        .iter()
        .filter(|(_, n)| n.kind == Kind::Baseline)
        .max_by(|a, b| compare_versions(&a.1.version, &b.1.version))
        .map(|(index, name)| (*index, name.version.clone()));
    let mut versioned: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut repeatable: Vec<(usize, &str)> = Vec::new();
    for (index, name) in &candidates {
        match (&baseline, name.kind) {
            (_, Kind::Repeatable) => repeatable.push((*index, name.description)),
            (Some((chosen, _)), Kind::Baseline) if chosen == index => {
                versioned.push((*index, name.version.clone()))
            }
            (Some(_), Kind::Baseline) => {
                laid.skip(*index, "an older baseline (the latest one runs)")
            }
            (Some((_, at)), Kind::Versioned) if compare_versions(&name.version, at).is_le() => laid
                .skip(
                    *index,
                    "covered by the baseline (an empty database starts from it)",
                ),
            _ => versioned.push((*index, name.version.clone())),
        }
    }
    crate::sort::sort_by(&mut versioned, |a, b| compare_versions(&a.1, &b.1));
    crate::sort::sort_by(&mut repeatable, |a, b| natural_cmp(a.1, b.1));
    let baseline_index = baseline.map(|(index, _)| index);
    for (index, version) in versioned {
        laid.steps.push(Step {
            file: index,
            text: context.files[index].text.clone(),
            transaction: true,
            note: (Some(index) == baseline_index).then(|| "baseline".to_string()),
        });
        let undo = undos
            .iter()
            .find(|(_, undone)| compare_versions(undone, &version).is_eq());
        if let (Some((undo, _)), false) = (undo, Some(index) == baseline_index) {
            laid.revert(index, *undo, context.files[*undo].text.clone(), true);
        }
    }
    for (index, _) in repeatable {
        laid.steps.push(Step {
            file: index,
            text: context.files[index].text.clone(),
            transaction: true,
            note: Some("repeatable, after every versioned migration".to_string()),
        });
    }
    laid
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::dialect::Dialect;
    use crate::source::Source;

    fn order(files: &[Source], dialect: Option<Dialect>) -> Vec<&str> {
        let plan = lay_out(
            files,
            LayoutOptions {
                tool: None,
                dialect,
            },
        );
        assert_eq!(plan.choice.tool, Tool::Flyway);
        plan.steps
            .iter()
            .map(|s| files[s.file].name.as_str())
            .collect()
    }

    #[test]
    fn versions_compare_part_by_part_and_repeatables_come_last() {
        let files = [
            Source::new("R__views.sql", ""),
            Source::new("V1_10__c.sql", ""),
            Source::new("V1_2__b.sql", ""),
            Source::new("V1__a.sql", ""),
            Source::new("U1_2__b.sql", ""),
        ];
        assert_eq!(
            order(&files, None),
            ["V1__a.sql", "V1_2__b.sql", "V1_10__c.sql", "R__views.sql"]
        );
        let plan = lay_out(&files, LayoutOptions::default());
        let downs: Vec<(usize, usize)> = plan.downs.iter().map(|d| (d.up, d.file)).collect();
        assert_eq!(downs, [(2, 4)]);
    }

    #[test]
    fn the_latest_baseline_replaces_the_versions_it_covers() {
        let files = [
            Source::new("V1__a.sql", ""),
            Source::new("B2__base.sql", ""),
            Source::new("V2__b.sql", ""),
            Source::new("V2_1__c.sql", ""),
            Source::new("B1__old.sql", ""),
        ];
        assert_eq!(order(&files, None), ["B2__base.sql", "V2_1__c.sql"]);
    }

    #[test]
    fn only_the_dialects_vendor_folder_runs() {
        let files = [
            Source::new("H2/V1__init___H2.sql", ""),
            Source::new("MYSQL/V1__init___MYSQL.sql", ""),
            Source::new("POSTGRESQL/V1__init___POSTGRESQL.sql", ""),
            Source::new("V2__common.sql", ""),
        ];
        assert_eq!(
            order(&files, Some(Dialect::MySql)),
            ["MYSQL/V1__init___MYSQL.sql", "V2__common.sql"]
        );
        assert_eq!(
            order(&files, None)[0],
            "POSTGRESQL/V1__init___POSTGRESQL.sql"
        );
    }
}
