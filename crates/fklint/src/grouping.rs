//! One root cause, one finding: the findings of a rule that share a [`Group`] (the same key referenced by
//! sixteen columns of the same wrong type) become one finding, located at the first, naming the others in its
//! message and as related locations, with one fix that changes all of them. Runs after suppressions, so a
//! `fklint-ignore` on one member hides that member only.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, FixPlan, GroupFix, RelatedLocation};

/// How many members the message names before it says "and N more".
const NAMED_IN_MESSAGE: usize = 5;

/// Merges every group of findings into one; findings without a group are unchanged. The findings without a
/// group come first, in their order, then one per group, in the order of the groups' first members.
pub fn merge(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let group_of = group_indexes(&diagnostics);
    // Grouped findings by group, each group's members in their order: positions, not copies of the findings.
    let mut grouped: Vec<(usize, usize)> = group_of
        .iter()
        .enumerate()
        .filter_map(|(at, group)| Some(((*group)?, at)))
        .collect();
    if grouped.is_empty() {
        // Nothing to merge: the findings stay in their list, not moved into a second one.
        return diagnostics;
    }
    grouped.sort_unstable();
    let mut slots: Vec<Option<Diagnostic>> = diagnostics.into_iter().map(Some).collect();
    let groups = grouped.last().map_or(0, |&(group, _)| group + 1);
    let mut out: Vec<Diagnostic> = Vec::with_capacity(slots.len() - grouped.len() + groups);
    out.extend(
        slots
            .iter_mut()
            .zip(&group_of)
            .filter(|(_, group)| group.is_none())
            .filter_map(|(slot, _)| slot.take()),
    );
    for members in grouped.chunk_by(|a, b| a.0 == b.0) {
        let mut members: Vec<Diagnostic> = members
            .iter()
            .filter_map(|&(_, at)| slots[at].take())
            .collect();
        crate::sort::sort_by(&mut members, crate::diagnostic::by_location_and_code);
        let mut members = members.into_iter();
        if let Some(first) = members.next() {
            out.push(merge_group(first, members.collect()));
        }
    }
    out
}

/// Per finding, its group's number (groups numbered in the order of their first members), if it has one; a
/// group is its rule's code and its key.
fn group_indexes(diagnostics: &[Diagnostic]) -> Vec<Option<usize>> {
    let mut numbers: HashMap<(&'static str, &str), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|diagnostic| {
            let group = diagnostic.group.as_ref()?;
            let next = numbers.len();
            Some(
                *numbers
                    .entry((diagnostic.code, group.key.as_str()))
                    .or_insert(next),
            )
        })
        .collect()
}

/// One finding for the members of one group: the first in source order, with the others added.
fn merge_group(mut first: Diagnostic, others: Vec<Diagnostic>) -> Diagnostic {
    if others.is_empty() {
        return first;
    }
    let Some(group) = first.group.clone() else {
        return first;
    };
    first.message = format!(
        "{}; {} more {} the same cause: {}",
        first.message,
        others.len(),
        counted(others.len(), group.plural),
        named(&others)
    );
    for other in &others {
        first.related.push(RelatedLocation {
            location: other.location,
            message: format!("{}: the same cause", label(other)),
        });
        for related in &other.related {
            if !first.related.iter().any(|r| r.location == related.location) {
                first.related.push(related.clone());
            }
        }
    }
    if group.fix == GroupFix::Each {
        first.fix = fix_of_all(first.fix.take(), &others, group.plural);
    }
    first
}

/// "1 more column has", "2 more columns have".
fn counted(n: usize, plural: &str) -> String {
    if n == 1 {
        format!("{} has", plural.strip_suffix('s').unwrap_or(plural))
    } else {
        format!("{plural} have")
    }
}

fn label(diagnostic: &Diagnostic) -> &str {
    diagnostic.group.as_ref().map_or("", |g| g.label.as_str())
}

/// `` `a.x`, `b.x` `` or `` `a.x`, ..., `e.x` and 11 more ``.
fn named(others: &[Diagnostic]) -> String {
    let shown: Vec<&str> = others.iter().take(NAMED_IN_MESSAGE).map(label).collect();
    let mut text = shown.join(", ");
    if others.len() > NAMED_IN_MESSAGE {
        text.push_str(&format!(" and {} more", others.len() - NAMED_IN_MESSAGE));
    }
    text
}

/// Every member's edits (each once) and forward SQL (each statement once), in source order.
fn fix_of_all(first: Option<FixPlan>, others: &[Diagnostic], plural: &str) -> Option<FixPlan> {
    let mut fixes = first
        .into_iter()
        .chain(others.iter().filter_map(|o| o.fix.clone()));
    let mut all = fixes.next()?;
    let mut changes = 1;
    for fix in fixes {
        changes += 1;
        for edit in fix.edits {
            if !all.edits.contains(&edit) {
                all.edits.push(edit);
            }
        }
        if let Some(sql) = fix.sql {
            match &mut all.sql {
                Some(existing) if existing.contains(&sql) => {}
                Some(existing) => {
                    existing.push('\n');
                    existing.push_str(&sql);
                }
                None => all.sql = Some(sql),
            }
        }
    }
    if changes > 1 {
        let n = changes - 1;
        let noun = if n == 1 {
            plural.strip_suffix('s').unwrap_or(plural)
        } else {
            plural
        };
        all.title = format!("{} (and {n} more {noun})", all.title);
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use crate::{check, Options, Source};

    const KEY: &str = "CREATE TABLE users (id varchar(40) PRIMARY KEY);\n";

    fn findings(sql: &str) -> Vec<crate::diagnostic::Finding> {
        check(&[Source::new("m.sql", sql)], &Options::default()).findings
    }

    #[test]
    fn one_key_three_columns_is_one_finding_with_one_fix_for_all() {
        let sql = format!(
            "{KEY}CREATE TABLE a (user_id char(36) REFERENCES users (id));\n\
             CREATE TABLE b (user_id char(36) REFERENCES users (id));\n\
             CREATE TABLE c (user_id char(36) REFERENCES users (id));\n"
        );
        let found: Vec<_> = findings(&sql)
            .into_iter()
            .filter(|f| f.code == "FK202")
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].position.line, 2);
        let same: Vec<usize> = found[0]
            .related
            .iter()
            .filter(|r| r.message.ends_with("the same cause"))
            .map(|r| r.position.line)
            .collect();
        assert_eq!(same, [3, 4]);
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.edits.len(), 3);
        assert_eq!(fix.sql.as_deref().map(|s| s.lines().count()), Some(3));
    }

    #[test]
    fn a_suppressed_member_leaves_the_others_grouped() {
        let sql = format!(
            "{KEY}CREATE TABLE a (user_id char(36) REFERENCES users (id));\n\
             -- fklint-ignore FK202: legacy table, dropped next release\n\
             CREATE TABLE b (user_id char(36) REFERENCES users (id));\n\
             CREATE TABLE c (user_id char(36) REFERENCES users (id));\n"
        );
        let all = findings(&sql);
        // The suppression is used (no FK003), and hides `b` only.
        assert!(!all.iter().any(|f| f.code == "FK003"), "{all:?}");
        let found: Vec<_> = all.into_iter().filter(|f| f.code == "FK202").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .message
            .contains("1 more column has the same cause: `c.user_id`"));
    }

    #[test]
    fn another_type_is_another_cause() {
        let sql = format!(
            "{KEY}CREATE TABLE a (user_id char(36) REFERENCES users (id));\n\
             CREATE TABLE b (user_id varchar(36) REFERENCES users (id));\n"
        );
        assert_eq!(
            findings(&sql).iter().filter(|f| f.code == "FK202").count(),
            2
        );
    }
}
