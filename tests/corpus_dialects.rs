//! The MySQL and SQLite corpus (`shared/corpus/{mysql,sqlite}/*`, files in `ORDER.txt` order), each item judged by
//! its server:
//! - [`mysql_corpus_matches_mariadb`]: `fklint::check --dialect mysql` reports no `error`, and `fklint::schema`'s
//!   foreign keys equal MariaDB's `information_schema` (KEY_COLUMN_USAGE + REFERENTIAL_CONSTRAINTS, names and
//!   actions included, `NO ACTION` = `RESTRICT`) after the item's files ran on a fresh database, in every
//!   database the item used (chinook and sakila `CREATE DATABASE` + `USE` their own). The files are fed
//!   verbatim, in order, to one `mariadb --force` client process, as `mysql db < file` would read each (their
//!   own `DELIMITER` lines and `/*!...*/` comments act as in the client; mysqldump files set
//!   `FOREIGN_KEY_CHECKS=0` themselves); after each file `DELIMITER ;` and `USE <fresh db>` restore what a new
//!   client would start with. Nothing else is done for any item; statements MariaDB rejects are printed (the
//!   truth is what MariaDB holds).
//! - [`sqlite_corpus_matches_truth`]: `--dialect sqlite` reports no `error`, and the foreign keys equal
//!   `truth/sqlite/<name>.fks.tsv` (`pragma_foreign_key_list` after `sqlite3` applied the item: one row per
//!   column; names compared case-insensitively, as SQLite does; constraint names are not stored there).
//!
//! Failures list, per item, the error findings, and the FKs MISSING in fklint and EXTRA in fklint. Missing corpus:
//! a skip, unless `FKLINT_REQUIRE_CORPUS=1`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fklint::{Dialect, Options, Report, Source};
use fklint_tests::corpus::{corpus_root_or_skip, read_order};
use fklint_tests::judge::mysql::{mysql_foreign_keys, MySqlJudge};
use fklint_tests::judge::{self, Fk, Judge};

/// sqlparser recurses; debug builds use big frames (as in `tests/corpus.rs`).
const STACK: usize = 256 * 1024 * 1024;

/// The items of `<root>/<dialect>/`, each with its files in apply order (named `<item>/<relative path>`).
fn items(root: &Path, dialect: &str) -> Vec<(String, Vec<Source>)> {
    let dir = root.join(dialect);
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    names
        .iter()
        .map(|item| {
            let name = item.file_name().unwrap_or_default().to_string_lossy();
            let order = read_order(item).unwrap_or_else(|e| panic!("{e}"));
            let sources = order
                .iter()
                .map(|rel| {
                    let path = item.join(rel);
                    let bytes =
                        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    Source::new(
                        format!("{name}/{rel}"),
                        String::from_utf8_lossy(&bytes).into_owned(),
                    )
                })
                .collect();
            (name.into_owned(), sources)
        })
        .collect()
}

/// `check` and the schema's foreign keys, on a thread with room for sqlparser.
fn analyse(sources: Vec<Source>, options: Options) -> (Report, Vec<Fk>) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            (
                fklint::check(&sources, &options),
                judge::fklint_foreign_keys(&sources, &options),
            )
        })
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("fklint panicked"))
}

/// The databases of the server.
fn databases(judge: &MySqlJudge) -> BTreeSet<String> {
    let rows = judge
        .server
        .query("", "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")
        .unwrap_or_else(|e| panic!("{e}"));
    rows.into_iter()
        .filter_map(|r| r.into_iter().next())
        .collect()
}

/// Applies an item's files to a fresh database, all in one client process (each file's `DELIMITER` state reset
/// after it, as a new client would start), and returns MariaDB's foreign keys in every database the item used
/// (dumps create and `USE` their own), and how many statements MariaDB rejected. Drops those databases after.
fn apply_item(judge: &MySqlJudge, name: &str, sources: &[Source]) -> (Vec<Fk>, usize) {
    let existing = databases(judge);
    let db = judge.server.create_database();
    let mut script = String::new();
    // (first script line, file) per file.
    let mut starts = Vec::new();
    for source in sources {
        starts.push((script.lines().count() + 1, source.name.as_str()));
        script.push_str(&source.text);
        script.push_str(&format!("\nDELIMITER ;\nUSE {db};\n"));
    }
    let errors = judge.server.exec_script(&db, &script);
    for (line, e) in &errors {
        let (start, file) = starts
            .iter()
            .rev()
            .find(|(start, _)| start <= line)
            .copied()
            .unwrap_or((1, "?"));
        println!(
            "  note: {name}: MariaDB rejects {file} line {}: {e}",
            line + 1 - start
        );
    }
    let used: Vec<String> = databases(judge).difference(&existing).cloned().collect();
    let fks = mysql_foreign_keys(&judge.server, &used);
    for d in &used {
        let _ = judge
            .server
            .query("", &format!("DROP DATABASE `{}`", d.replace('`', "``")));
    }
    (fks, errors.len())
}

#[test]
fn mysql_corpus_matches_mariadb() {
    let Some(root) = corpus_root_or_skip("the MySQL corpus") else {
        return;
    };
    let Some(judge) = MySqlJudge::start_or_skip() else {
        return;
    };
    let mut problems = Vec::new();
    for (name, sources) in items(&root, "mysql") {
        let started = std::time::Instant::now();
        let (theirs, rejected) = apply_item(&judge, &name, &sources);
        let (report, ours) = analyse(sources.clone(), judge.options());
        let before = problems.len();
        problems.extend(judge::error_lines(&name, &report));
        problems.extend(judge::graph_problems(
            &name, "MariaDB", &ours, &theirs, true,
        ));
        println!(
            "== mysql/{name}: {} files, MariaDB rejected {rejected} statements, {} FKs in MariaDB, {} in fklint, \
             {} problems, {:.1?}",
            sources.len(),
            theirs.len(),
            ours.len(),
            problems.len() - before,
            started.elapsed()
        );
    }
    judge::finish(&[("MySQL corpus problem(s)", problems)]);
}

/// `truth/sqlite/<name>.fks.tsv`: table, referenced_table, from, to, on_update, on_delete; one row per column.
fn sqlite_truth(root: &Path, name: &str) -> Vec<Fk> {
    let path = root.join("truth/sqlite").join(format!("{name}.fks.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<Fk> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 6, "{}: {line}", path.display());
            Fk {
                table: f[0].into(),
                columns: vec![f[2].into()],
                ref_table: f[1].into(),
                ref_columns: vec![f[3].into()],
                on_delete: f[5].into(),
                on_update: f[4].into(),
                name: String::new(),
            }
            .normalized(Dialect::Sqlite)
        })
        .collect();
    out.sort();
    out
}

/// A foreign key as the truth lists it: one row per column pair.
fn per_column(fks: &[Fk]) -> Vec<Fk> {
    let mut out: Vec<Fk> = fks
        .iter()
        .flat_map(|fk| {
            fk.columns.iter().zip(&fk.ref_columns).map(|(c, r)| Fk {
                columns: vec![c.clone()],
                ref_columns: vec![r.clone()],
                name: String::new(),
                ..fk.clone()
            })
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sqlite_corpus_matches_truth() {
    let Some(root) = corpus_root_or_skip("the SQLite corpus") else {
        return;
    };
    let options = Options {
        dialect: Dialect::Sqlite,
        ..Options::default()
    };
    let mut problems = Vec::new();
    for (name, sources) in items(&root, "sqlite") {
        let started = std::time::Instant::now();
        let truth = sqlite_truth(&root, &name);
        let (report, ours) = analyse(sources.clone(), options.clone());
        let ours = per_column(&ours);
        let before = problems.len();
        problems.extend(judge::error_lines(&name, &report));
        problems.extend(judge::graph_problems(
            &name,
            "the truth",
            &ours,
            &truth,
            false,
        ));
        println!(
            "== sqlite/{name}: {} files, truth {} FK columns, fklint {}, {} problems, {:.1?}",
            sources.len(),
            truth.len(),
            ours.len(),
            problems.len() - before,
            started.elapsed()
        );
    }
    judge::finish(&[("SQLite corpus problem(s)", problems)]);
}
