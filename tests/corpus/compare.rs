//! Comparing the FKs `fklint schema` reports with the truth.

use std::fmt;

use fklint::report::schema::ForeignKeyReport;

use super::truth::{Action, QualName, TruthFk};
use super::TruthGap;

/// Everything two FKs must agree on: table, constraint name, columns, referenced table and columns, actions,
/// deferrability.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FkKey {
    pub table: QualName,
    pub name: String,
    pub columns: Vec<String>,
    pub ref_table: QualName,
    pub ref_columns: Vec<String>,
    pub on_delete: Action,
    pub on_update: Action,
    pub deferrable: bool,
}

impl FkKey {
    pub fn from_truth(fk: &TruthFk) -> Self {
        FkKey {
            table: fk.table.clone(),
            name: fk.constraint.clone(),
            columns: fk.columns.clone(),
            ref_table: fk.ref_table.clone(),
            ref_columns: fk.ref_columns.clone(),
            on_delete: fk.on_delete.clone(),
            on_update: fk.on_update.clone(),
            deferrable: fk.deferrable,
        }
    }

    /// Takes the report as is, except that actions are normalized (keyword case, spacing, quotes in a column
    /// list); an action that does not parse is kept verbatim, so it shows up as a difference.
    pub fn from_report(fk: &ForeignKeyReport) -> Self {
        let action = |text: &str| {
            Action::parse(text).unwrap_or(Action {
                kind: format!("{text:?}"),
                columns: vec![],
            })
        };
        FkKey {
            table: QualName::new(&fk.schema, &fk.table),
            name: fk.name.clone(),
            columns: fk.columns.clone(),
            ref_table: QualName::new(&fk.ref_schema, &fk.ref_table),
            ref_columns: fk.ref_columns.clone(),
            on_delete: action(&fk.on_delete),
            on_update: action(&fk.on_update),
            deferrable: fk.deferrable,
        }
    }

    /// The fields in which `self` and `other` differ, by name.
    pub fn differences(&self, other: &FkKey) -> Vec<&'static str> {
        let mut d = Vec::new();
        if self.table != other.table {
            d.push("table");
        }
        if self.name != other.name {
            d.push("name");
        }
        if self.columns != other.columns {
            d.push("columns");
        }
        if self.ref_table != other.ref_table {
            d.push("ref_table");
        }
        if self.ref_columns != other.ref_columns {
            d.push("ref_columns");
        }
        if self.on_delete != other.on_delete {
            d.push("on_delete");
        }
        if self.on_update != other.on_update {
            d.push("on_update");
        }
        if self.deferrable != other.deferrable {
            d.push("deferrable");
        }
        d
    }
}

impl fmt::Display for FkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |cols: &[String]| {
            cols.iter()
                .map(|c| super::truth::quote_if_needed(c))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(
            f,
            "{} {}: ({}) -> {}({})",
            self.table,
            super::truth::quote_if_needed(&self.name),
            list(&self.columns),
            self.ref_table,
            list(&self.ref_columns),
        )?;
        // NO ACTION, the default, is left out to keep lines short.
        if self.on_update != Action::no_action() {
            write!(f, " ON UPDATE {}", self.on_update)?;
        }
        if self.on_delete != Action::no_action() {
            write!(f, " ON DELETE {}", self.on_delete)?;
        }
        if self.deferrable {
            f.write_str(" DEFERRABLE")?;
        }
        Ok(())
    }
}

/// The difference between the truth and a report.
#[derive(Debug, Default)]
pub struct FkDiff {
    pub matched: usize,
    /// In the truth, not in the report: key and `truth file line N`.
    pub missing: Vec<(FkKey, String)>,
    /// In the report, not in the truth: key and `file:line`.
    pub extra: Vec<(FkKey, String)>,
}

impl FkDiff {
    /// Moves the extras that are known truth gaps out of `extra`. Returns them with their reason, and the
    /// gaps that matched no extra (stale: fklint no longer reports that FK).
    pub fn take_truth_gaps(
        &mut self,
        gaps: &[TruthGap],
    ) -> (Vec<(FkKey, String, &'static str)>, Vec<TruthGap>) {
        let mut taken = Vec::new();
        let mut stale = Vec::new();
        for gap in gaps {
            let found = self.extra.iter().position(|(key, _)| {
                format!("{}.{}", key.table.schema, key.table.name) == gap.table
                    && key.name == gap.constraint
            });
            match found {
                Some(i) => {
                    let (key, origin) = self.extra.remove(i);
                    taken.push((key, origin, gap.why));
                }
                None => stale.push(*gap),
            }
        }
        (taken, stale)
    }

    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }

    /// A readable account: counts, then the first `limit` missing and extra FKs, each missing one with the
    /// report's FK of the same table and name when there is one, and in which fields they differ.
    pub fn render(&self, limit: usize) -> String {
        use fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "  matched {}, missing {} (in truth, not reported), extra {} (reported, not in truth)",
            self.matched,
            self.missing.len(),
            self.extra.len()
        );
        if !self.missing.is_empty() {
            let _ = writeln!(
                out,
                "  missing (first {} of {}):",
                limit.min(self.missing.len()),
                self.missing.len()
            );
            for (key, origin) in self.missing.iter().take(limit) {
                let _ = writeln!(out, "    - {key}   [{origin}]");
                if let Some((near, at)) = self
                    .extra
                    .iter()
                    .find(|(e, _)| e.table == key.table && e.name == key.name)
                    .or_else(|| {
                        self.extra.iter().find(|(e, _)| {
                            e.table == key.table
                                && e.columns == key.columns
                                && e.ref_table == key.ref_table
                        })
                    })
                {
                    let _ = writeln!(
                        out,
                        "        reported instead: {near}   [{at}]  (differs in: {})",
                        key.differences(near).join(", ")
                    );
                }
            }
        }
        if !self.extra.is_empty() {
            let _ = writeln!(
                out,
                "  extra (first {} of {}):",
                limit.min(self.extra.len()),
                self.extra.len()
            );
            for (key, origin) in self.extra.iter().take(limit) {
                let _ = writeln!(out, "    + {key}   [{origin}]");
            }
        }
        out
    }
}

/// Compares as multisets: a FK reported twice where the truth has it once is one extra.
pub fn diff_foreign_keys(truth: &[&TruthFk], reported: &[ForeignKeyReport]) -> FkDiff {
    let mut want: Vec<(FkKey, String)> = truth
        .iter()
        .map(|fk| (FkKey::from_truth(fk), format!("truth line {}", fk.line)))
        .collect();
    let mut have: Vec<(FkKey, String)> = reported
        .iter()
        .map(|fk| (FkKey::from_report(fk), format!("{}:{}", fk.file, fk.line)))
        .collect();
    want.sort();
    have.sort();
    let mut diff = FkDiff::default();
    let (mut i, mut j) = (0, 0);
    while i < want.len() && j < have.len() {
        match want[i].0.cmp(&have[j].0) {
            std::cmp::Ordering::Equal => {
                diff.matched += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                diff.missing.push(want[i].clone());
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                diff.extra.push(have[j].clone());
                j += 1;
            }
        }
    }
    diff.missing.extend(want[i..].iter().cloned());
    diff.extra.extend(have[j..].iter().cloned());
    diff
}

#[cfg(test)]
mod tests {
    use super::super::truth::parse_truth_row;
    use super::*;

    fn report(on_delete: &str) -> ForeignKeyReport {
        ForeignKeyReport {
            database: None,
            schema: "public".into(),
            table: "album".into(),
            name: "album_artist_id_fkey".into(),
            columns: vec!["artist_id".into()],
            ref_schema: "public".into(),
            ref_table: "artist".into(),
            ref_columns: vec!["artist_id".into()],
            on_delete: on_delete.into(),
            on_update: "NO ACTION".into(),
            deferrable: false,
            file: "chinook/x.sql".into(),
            line: 7,
        }
    }

    #[test]
    fn matches_and_differences() {
        let t = parse_truth_row(
            "album|album_artist_id_fkey|artist|FOREIGN KEY (artist_id) REFERENCES artist(artist_id) ON DELETE SET NULL|f",
            2,
        )
        .unwrap();
        let d = diff_foreign_keys(&[&t], &[report("set null")]);
        assert!(d.is_empty(), "{}", d.render(20));
        assert_eq!(d.matched, 1);
        let d = diff_foreign_keys(&[&t], &[report("CASCADE"), report("SET NULL")]);
        assert_eq!((d.matched, d.missing.len(), d.extra.len()), (1, 0, 1));
        let d = diff_foreign_keys(&[&t], &[report("")]);
        assert_eq!((d.matched, d.missing.len(), d.extra.len()), (0, 1, 1));
        assert!(
            d.render(20).contains("differs in: on_delete"),
            "{}",
            d.render(20)
        );
    }
}
