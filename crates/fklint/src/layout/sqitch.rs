//! sqitch: each `sqitch.plan` lists its project's changes in deploy order; a change runs
//! `deploy/<name>.sql` next to the plan (`revert/` and `verify/` never run on deploy). A change reworked later
//! in the plan runs, at its earlier place, the copy sqitch made when reworking it: `deploy/<name>@<tag>.sql`,
//! named after a tag between the two places. A project whose changes depend on another project's
//! (`[other:change]`) deploys after it. Deploy scripts carry their own `BEGIN`/`COMMIT`. A change's
//! `revert/` script of the same name (`name@tag` included) reverts it (`sqitch revert`).

use super::names::{file_name, folder, join, natural_path_cmp};
use super::{Context, Laid, Step};
use crate::source::Source;

pub(crate) fn detect(files: &[Source]) -> Option<String> {
    let plans: Vec<&str> = files
        .iter()
        .filter(|f| file_name(&f.name) == "sqitch.plan")
        .map(|f| f.name.as_str())
        .collect();
    (!plans.is_empty()).then(|| plans.join(", "))
}

/// One line of a plan that matters for the order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry<'a> {
    Change {
        name: &'a str,
        requires: Vec<&'a str>,
    },
    Tag(&'a str),
}

/// One plan file read.
#[derive(Debug)]
struct Plan<'a> {
    index: usize,
    project: Option<&'a str>,
    entries: Vec<Entry<'a>>,
}

fn read_plan(index: usize, text: &str) -> Plan<'_> {
    let mut project = None;
    let mut entries = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(pragma) = line.strip_prefix('%') {
            if let Some(("project", value)) =
                pragma.split_once('=').map(|(k, v)| (k.trim(), v.trim()))
            {
                project = Some(value);
            }
        } else if let Some(tag) = line.strip_prefix('@') {
            if let Some(tag) = tag.split_whitespace().next() {
                entries.push(Entry::Tag(tag));
            }
        } else if let Some(entry) = change(line) {
            entries.push(entry);
        }
    }
    Plan {
        index,
        project,
        entries,
    }
}

/// `name [deps] timestamp planner <email> # note` (an old `+name` is a deploy too; `-name` reverts).
fn change(line: &str) -> Option<Entry<'_>> {
    if line.is_empty() || line.starts_with('#') || line.starts_with('-') {
        return None;
    }
    let line = line.strip_prefix('+').unwrap_or(line).trim_start();
    let name = line.split_whitespace().next()?;
    let rest = &line[name.len()..];
    let requires = rest
        .trim_start()
        .strip_prefix('[')
        .and_then(|deps| deps.split_once(']'))
        .map(|(deps, _)| {
            deps.split_whitespace()
                .filter(|d| !d.starts_with('!'))
                .collect()
        })
        .unwrap_or_default();
    Some(Entry::Change { name, requires })
}

impl Plan<'_> {
    /// The other projects this plan's changes require (`other:change`).
    fn requires_projects(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Change { requires, .. } => Some(requires),
                Entry::Tag(_) => None,
            })
            .flatten()
            .filter_map(|dep| dep.split_once(':').map(|(project, _)| project))
            .filter(|project| !project.is_empty() && Some(*project) != self.project)
            .collect()
    }
}

/// Plans in deploy order: one that requires another project's changes after it; otherwise by path.
fn deploy_order<'a>(mut plans: Vec<Plan<'a>>, names: &[Source]) -> Vec<Plan<'a>> {
    crate::sort::sort_by(&mut plans, |a, b| {
        natural_path_cmp(&names[a.index].name, &names[b.index].name)
    });
    let mut ordered: Vec<Plan> = Vec::new();
    while !plans.is_empty() {
        let deployed: Vec<&str> = ordered.iter().filter_map(|p| p.project).collect();
        let ready = plans
            .iter()
            .position(|plan| {
                plan.requires_projects().iter().all(|needed| {
                    deployed.contains(needed) || !plans.iter().any(|p| p.project == Some(*needed))
                })
            })
            .unwrap_or(0);
        ordered.push(plans.remove(ready));
    }
    ordered
}

pub(crate) fn lay_out(context: &Context) -> Laid {
    let mut laid = Laid::default();
    let plans: Vec<Plan> = context
        .indexed()
        .filter(|(_, f)| file_name(&f.name) == "sqitch.plan")
        .map(|(index, f)| read_plan(index, &f.text))
        .collect();
    for plan in &plans {
        laid.skip(plan.index, "the plan: it orders the deploy scripts");
    }
    let mut ran = vec![false; context.files.len()];
    for plan in deploy_order(plans, context.files) {
        let top = folder(&context.files[plan.index].name);
        for (position, entry) in plan.entries.iter().enumerate() {
            let Entry::Change { name, .. } = entry else {
                continue;
            };
            let script = script_for(context, top, name, &plan.entries[position + 1..]);
            match find(context, &script) {
                Some(index) => {
                    ran[index] = true;
                    laid.steps.push(Step {
                        file: index,
                        text: context.files[index].text.clone(),
                        transaction: false,
                        note: None,
                    });
                    if let Some(revert) = find(context, &revert_for(&script, top)) {
                        laid.revert(index, revert, context.files[revert].text.clone(), false);
                    }
                }
                None => laid.missing.push(script),
            }
        }
    }
    for (index, file) in context.indexed() {
        if ran[index] {
            continue;
        }
        let within = |dir: &str| file.name.split('/').rev().skip(1).any(|part| part == dir);
        if within("revert") {
            laid.skip(index, "revert script (runs only on `sqitch revert`)");
        } else if within("verify") {
            laid.skip(index, "verify script (checks a deploy, changes nothing)");
        } else if within("deploy") {
            laid.skip(index, "deploy script that no sqitch.plan lists");
        }
    }
    laid
}

/// The deploy script of the change at this place: reworked later in the plan, the `name@tag` copy named after
/// a tag between here and the rework (the first such tag whose script exists, else the last one).
fn script_for(context: &Context, top: &str, name: &str, after: &[Entry]) -> String {
    let plain = join(top, &format!("deploy/{name}.sql"));
    let rework = after
        .iter()
        .position(|e| matches!(e, Entry::Change { name: later, .. } if later == &name));
    let Some(rework) = rework else {
        return plain;
    };
    let tags: Vec<String> = after[..rework]
        .iter()
        .filter_map(|e| match e {
            Entry::Tag(tag) => Some(join(top, &format!("deploy/{name}@{tag}.sql"))),
            Entry::Change { .. } => None,
        })
        .collect();
    tags.iter()
        .find(|path| find(context, path).is_some())
        .or(tags.last())
        .cloned()
        .unwrap_or(plain)
}

/// `deploy/x@t.sql` under the plan's folder → `revert/x@t.sql` there.
fn revert_for(script: &str, top: &str) -> String {
    let under = if top.is_empty() {
        script
    } else {
        script
            .strip_prefix(top)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(script)
    };
    let name = under.strip_prefix("deploy/").unwrap_or(under);
    join(top, &format!("revert/{name}"))
}

fn find(context: &Context, path: &str) -> Option<usize> {
    context.files.iter().position(|f| f.name == path)
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    #[test]
    fn plan_order_reworked_changes_and_projects() {
        let base = "%project=base\n\nusers 2020-01-01T00:00:00Z A <a@b> # x\n@1.0 2020-01-01T00:00:00Z A <a@b>\n";
        let top = "%project=app\n\nkeys [base:users] 2020-01-01T00:00:00Z A <a@b>\nauth 2020-01-01T00:00:00Z A <a@b>\n@v1 2020-01-02T00:00:00Z A <a@b>\n@v2 2020-01-02T00:00:00Z A <a@b>\nkeys [keys@v1] 2020-01-03T00:00:00Z A <a@b>\n";
        let files = [
            Source::new("sqitch.plan", top),
            Source::new("deploy/keys.sql", ""),
            Source::new("deploy/keys@v1.sql", ""),
            Source::new("deploy/auth.sql", ""),
            Source::new("revert/keys.sql", ""),
            Source::new("base/sqitch.plan", base),
            Source::new("base/deploy/users.sql", ""),
            Source::new("verify/keys.sql", ""),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Sqitch);
        let order: Vec<&str> = plan
            .steps
            .iter()
            .map(|s| files[s.file].name.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "base/deploy/users.sql",
                "deploy/keys@v1.sql",
                "deploy/auth.sql",
                "deploy/keys.sql"
            ]
        );
        assert!(plan.missing.is_empty());
        assert_eq!(plan.skipped.len(), 4);
        let downs: Vec<(usize, usize)> = plan.downs.iter().map(|d| (d.up, d.file)).collect();
        assert_eq!(downs, [(1, 4)]);
    }
}
