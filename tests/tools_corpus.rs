//! The tools corpus (`shared/corpus/tools/<dialect>/<item>/`): real migration folders copied as they are in
//! their repositories (down files, sections, journals, plans, READMEs kept). Each item is given to the layout
//! stage exactly as it is, without its `ORDER.txt`, and must come out as its tool runs it:
//! - the plan's files equal `ORDER.txt` (the tool detected from the files, never named here);
//! - the dialect detected from what runs is the item's (`mysql/hawkbit-flyway` holds the migrations of three
//!   servers side by side: a user says which with `--dialect`, and so does this test; every other item is
//!   detected);
//! - `fklint::check` reports no `error` (the server applied every Up part);
//! - the foreign keys of `fklint::schema` equal the truth's (`truth/<server>/<item>.fks.tsv`).
//!
//! Missing corpus: a skip, unless `FKLINT_REQUIRE_CORPUS=1`.

use std::path::Path;

use fklint::layout::{self, LayoutOptions, Plan};
use fklint::{Dialect, Options, Source};
use fklint_tests::corpus::{corpus_root_or_skip, parse_fk_definition, read_order, read_project};
use fklint_tests::judge::{self, Fk};

/// sqlparser recurses; debug builds use big frames (as in `tests/corpus.rs`).
const STACK: usize = 256 * 1024 * 1024;

/// Items whose folder holds several servers' migrations: the dialect a user must give.
const NEEDS_DIALECT: &[&str] = &["mysql/hawkbit-flyway"];

fn server_of(dialect: &str) -> Dialect {
    Dialect::parse(dialect).unwrap_or_else(|| panic!("unknown dialect folder {dialect}"))
}

/// The truth's foreign keys, normalised as `judge` compares them.
fn truth(root: &Path, dialect: Dialect, name: &str) -> Vec<Fk> {
    let folder = match dialect {
        Dialect::Postgres => "pg15",
        Dialect::MySql => "mysql",
        Dialect::Sqlite => "sqlite",
    };
    let path = root
        .join("tools/truth")
        .join(folder)
        .join(format!("{name}.fks.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut fks: Vec<Fk> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| truth_row(dialect, &line.split('\t').collect::<Vec<_>>()))
        .collect();
    fks.sort();
    fks
}

fn truth_row(dialect: Dialect, f: &[&str]) -> Fk {
    let fk = match dialect {
        Dialect::Postgres => {
            let definition = parse_fk_definition(f[3]).unwrap_or_else(|e| panic!("{}: {e}", f[3]));
            Fk {
                table: f[0].into(),
                columns: definition.columns,
                ref_table: definition.ref_table.name,
                ref_columns: definition.ref_columns,
                on_delete: definition.on_delete.to_string(),
                on_update: definition.on_update.to_string(),
                name: f[1].into(),
            }
        }
        Dialect::MySql => Fk {
            table: f[0].into(),
            columns: f[2].split(',').map(str::to_string).collect(),
            ref_table: f[3].into(),
            ref_columns: f[4].split(',').map(str::to_string).collect(),
            on_update: f[5].into(),
            on_delete: f[6].into(),
            name: f[1].into(),
        },
        // One row per column (a composite key repeats its id): compared per column, without names.
        Dialect::Sqlite => Fk {
            table: f[0].into(),
            columns: vec![f[4].into()],
            ref_table: f[3].into(),
            ref_columns: vec![f[5].into()],
            on_update: f[6].into(),
            on_delete: f[7].into(),
            name: String::new(),
        },
    };
    fk.normalized(dialect)
}

/// fklint's foreign keys in the truth's shape: unqualified tables; SQLite per column, without names.
fn ours(sources: &[Source], options: &Options) -> Vec<Fk> {
    let mut fks: Vec<Fk> = judge::fklint_foreign_keys(sources, options)
        .into_iter()
        .flat_map(|fk| {
            let fk = Fk {
                table: unqualified(&fk.table),
                ref_table: unqualified(&fk.ref_table),
                ..fk
            };
            if options.dialect != Dialect::Sqlite {
                return vec![fk];
            }
            fk.columns
                .iter()
                .zip(&fk.ref_columns)
                .map(|(c, r)| Fk {
                    columns: vec![c.clone()],
                    ref_columns: vec![r.clone()],
                    name: String::new(),
                    ..fk.clone()
                })
                .collect()
        })
        .collect();
    fks.sort();
    fks
}

/// SQLite stores `REFERENCES users` (no column list: the primary key) with no target column, which the truth
/// shows as `None`; fklint names the key it resolved. Those targets are compared as the truth has them.
fn implicit_targets_as_in_truth(ours: Vec<Fk>, truth: &[Fk]) -> Vec<Fk> {
    let implicit = |fk: &Fk| {
        truth.iter().any(|t| {
            t.ref_columns == ["none"]
                && t.table == fk.table
                && t.columns == fk.columns
                && t.ref_table == fk.ref_table
        })
    };
    let mut out: Vec<Fk> = ours
        .into_iter()
        .map(|fk| {
            if implicit(&fk) {
                Fk {
                    ref_columns: vec!["none".to_string()],
                    ..fk
                }
            } else {
                fk
            }
        })
        .collect();
    out.sort();
    out
}

fn unqualified(table: &str) -> String {
    table.strip_prefix("public.").unwrap_or(table).to_string()
}

/// The differences between the plan's files and ORDER.txt, one line each.
fn order_problems(item: &str, plan: &Plan, files: &[Source], order: &[String]) -> Vec<String> {
    let planned: Vec<&str> = plan
        .steps
        .iter()
        .map(|s| files[s.file].name.as_str())
        .collect();
    if planned == order {
        return Vec::new();
    }
    let first = planned
        .iter()
        .zip(order)
        .position(|(a, b)| a != b)
        .unwrap_or(planned.len().min(order.len()));
    vec![format!(
        "{item}: plan ({} files, tool {}) differs from ORDER.txt ({} files) at position {first}: plan {:?}, \
         ORDER.txt {:?}; missing scripts {:?}",
        planned.len(),
        plan.choice.tool.name(),
        order.len(),
        planned.get(first),
        order.get(first),
        plan.missing
    )]
}

fn run_item(root: &Path, dialect_dir: &str, name: &str) -> Vec<String> {
    let item = format!("{dialect_dir}/{name}");
    let dir = root.join("tools").join(dialect_dir).join(name);
    let server = server_of(dialect_dir);
    let files = read_project(&dir);
    let order = read_order(&dir).unwrap_or_else(|e| panic!("{e}"));
    let given = NEEDS_DIALECT.contains(&item.as_str()).then_some(server);
    let plan = layout::lay_out(
        &files,
        LayoutOptions {
            tool: None,
            dialect: given,
        },
    );
    let mut problems = order_problems(&item, &plan, &files, &order);
    let sources = plan.sources(&files);
    let mut options = Options::default();
    fklint::driver::choose_dialect(&mut options, &sources, given, plan.dialect);
    if options.dialect != server {
        problems.push(format!(
            "{item}: dialect detected as {} ({:?}), not {}",
            options.dialect.name(),
            options.detected,
            server.name()
        ));
        options.dialect = server;
    }
    let truth = truth(root, server, name);
    let (report, ours) = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || (fklint::check(&sources, &options), ours(&sources, &options)))
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("{item}: fklint panicked"));
    problems.extend(judge::error_lines(&item, &report));
    let ours = implicit_targets_as_in_truth(ours, &truth);
    let with_names = server != Dialect::Sqlite;
    problems.extend(judge::graph_problems(
        &item,
        "the truth",
        &ours,
        &truth,
        with_names,
    ));
    println!(
        "== tools/{item}: tool {} ({}), {} files run, {} skipped, {} FKs in truth, {} in fklint, {} findings, {} problems",
        plan.choice.tool.name(),
        plan.choice.evidence,
        plan.steps.len(),
        plan.skipped.len(),
        truth.len(),
        ours.len(),
        report.findings.len(),
        problems.len()
    );
    problems
}

#[test]
fn every_tools_item_is_laid_out_checked_and_graphed_as_its_tool_runs_it() {
    let Some(root) = corpus_root_or_skip("the tools corpus") else {
        return;
    };
    let mut problems = Vec::new();
    for dialect_dir in ["postgres", "mysql", "sqlite"] {
        let mut names: Vec<String> = std::fs::read_dir(root.join("tools").join(dialect_dir))
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            problems.extend(run_item(&root, dialect_dir, &name));
        }
    }
    judge::finish(&[("tools corpus problem(s)", problems)]);
}
