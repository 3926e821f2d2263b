//! The ORM front ends on real projects (`../shared/corpus/frontends`): each item is read from its ORM sources
//! only (never the SQL its tool generated), must give no error finding, and its foreign keys (columns,
//! referenced table and columns, actions, and the names where the ORM names them) must equal the truth a real
//! server holds after applying the tool's SQL (`truth/<server>/<item>.fks.tsv`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fklint::server::ServerVersion;
use fklint::{check, schema, Dialect, Options, Severity, Source};
use fklint_tests::corpus::corpus_root_or_skip;
use fklint_tests::corpus::truth::{parse_fk_definition, QualName};

/// The files under `dir` whose relative path passes `wanted`, sorted bytewise, named `<item>/<path>`.
fn files(dir: &Path, item: &str, wanted: &dyn Fn(&str) -> bool) -> Vec<Source> {
    let mut paths = Vec::new();
    collect(dir, dir, &mut paths);
    paths.sort();
    paths
        .iter()
        .filter(|rel| wanted(rel))
        .map(|rel| {
            let text = std::fs::read_to_string(dir.join(rel))
                .unwrap_or_else(|e| panic!("{item}/{rel}: {e}"));
            Source::new(format!("{item}/{rel}"), text)
        })
        .collect()
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// One foreign key as `table(cols) -> ref(cols) ON DELETE x ON UPDATE y [name]`, `NO ACTION` for `RESTRICT`
/// in MySQL (InnoDB's default, reported either way), names folded as the server compares them.
struct Line<'a> {
    table: &'a str,
    columns: &'a [String],
    ref_table: &'a str,
    ref_columns: &'a [String],
    on_delete: &'a str,
    on_update: &'a str,
    name: Option<&'a str>,
}

fn line(dialect: Dialect, fk: Line) -> String {
    let Line {
        table,
        columns,
        ref_table,
        ref_columns,
        on_delete,
        on_update,
        name,
    } = fk;
    let action = |a: &str| {
        let a = a.to_ascii_uppercase();
        if dialect != Dialect::Postgres && a == "RESTRICT" {
            "NO ACTION".to_string()
        } else {
            a
        }
    };
    let fold = |s: &str| {
        if dialect == Dialect::Sqlite {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    let name = name.map_or(String::new(), |n| format!(" [{n}]"));
    format!(
        "{}({}) -> {}({}) ON DELETE {} ON UPDATE {}{name}",
        fold(table),
        fold(&columns.join(",")),
        fold(ref_table),
        fold(&ref_columns.join(",")),
        action(on_delete),
        action(on_update)
    )
}

fn table_name(q: &QualName) -> String {
    if q.schema == "public" {
        q.name.clone()
    } else {
        format!("{}.{}", q.schema, q.name)
    }
}

/// The truth of an item, as lines; `names` keeps the constraint names.
fn truth(root: &Path, server: &str, item: &str, names: bool) -> BTreeSet<String> {
    let path = root
        .join("frontends/truth")
        .join(server)
        .join(format!("{item}.fks.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows = text.lines().skip(1).filter(|l| !l.trim().is_empty());
    match server {
        "pg15" => rows
            .map(|row| {
                let f: Vec<&str> = row.split('\t').collect();
                let table = QualName::parse_regclass(f[0]).expect("table");
                let def = parse_fk_definition(f[3]).expect("definition");
                line(
                    Dialect::Postgres,
                    Line {
                        table: &table_name(&table),
                        columns: &def.columns,
                        ref_table: &table_name(&def.ref_table),
                        ref_columns: &def.ref_columns,
                        on_delete: &def.on_delete.to_string(),
                        on_update: &def.on_update.to_string(),
                        name: names.then_some(f[1]),
                    },
                )
            })
            .collect(),
        "mysql" => rows
            .map(|row| {
                let f: Vec<&str> = row.split('\t').collect();
                let list = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
                line(
                    Dialect::MySql,
                    Line {
                        table: f[0],
                        columns: &list(f[2]),
                        ref_table: f[3],
                        ref_columns: &list(f[4]),
                        on_delete: f[6],
                        on_update: f[5],
                        name: names.then_some(f[1]),
                    },
                )
            })
            .collect(),
        "schema_rb" => rows
            .map(|row| {
                // table, constraint, columns, referenced_table, referenced_columns, on_update, on_delete, line.
                let f: Vec<&str> = row.split('\t').collect();
                let list = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
                let action = |a: &str| match a {
                    "cascade" => "CASCADE",
                    "nullify" => "SET NULL",
                    "restrict" => "RESTRICT",
                    _ => "NO ACTION",
                };
                let name = (!f[1].starts_with("(default")).then_some(f[1]);
                line(
                    Dialect::Postgres,
                    Line {
                        table: f[0],
                        columns: &list(f[2]),
                        ref_table: f[3],
                        ref_columns: &list(f[4]),
                        on_delete: action(f[6]),
                        on_update: action(f[5]),
                        name: if names { name } else { None },
                    },
                )
            })
            .collect(),
        "sqlite" => {
            // One row per column: table, id, seq, referenced_table, from, to, on_update, on_delete, match.
            let mut keys: BTreeMap<(String, String), Vec<Vec<String>>> = BTreeMap::new();
            for row in rows {
                let f: Vec<String> = row.split('\t').map(str::to_string).collect();
                keys.entry((f[0].clone(), f[1].clone()))
                    .or_default()
                    .push(f);
            }
            keys.values()
                .map(|rows| {
                    let mut rows = rows.clone();
                    rows.sort_by_key(|r| r[2].parse::<usize>().unwrap_or(0));
                    let from: Vec<String> = rows.iter().map(|r| r[4].clone()).collect();
                    let to: Vec<String> = rows.iter().map(|r| r[5].clone()).collect();
                    let r = &rows[0];
                    line(
                        Dialect::Sqlite,
                        Line {
                            table: &r[0],
                            columns: &from,
                            ref_table: &r[3],
                            ref_columns: &to,
                            on_delete: &r[7],
                            on_update: &r[6],
                            name: None,
                        },
                    )
                })
                .collect()
        }
        other => panic!("unknown server {other}"),
    }
}

/// The foreign keys fklint reads from the sources, as lines.
fn reported(
    sources: &[Source],
    dialect: Dialect,
    target: Option<ServerVersion>,
    names: bool,
) -> BTreeSet<String> {
    let options = Options {
        dialect,
        target,
        ..Options::default()
    };
    schema(sources, &options)
        .foreign_keys
        .iter()
        .map(|fk| {
            let qualified = |s: &str, t: &str| {
                if s == "public" || s.is_empty() || dialect != Dialect::Postgres {
                    t.to_string()
                } else {
                    format!("{s}.{t}")
                }
            };
            line(
                dialect,
                Line {
                    table: &qualified(&fk.schema, &fk.table),
                    columns: &fk.columns,
                    ref_table: &qualified(&fk.ref_schema, &fk.ref_table),
                    ref_columns: &fk.ref_columns,
                    on_delete: &fk.on_delete,
                    on_update: &fk.on_update,
                    name: names.then_some(fk.name.as_str()),
                },
            )
        })
        .collect()
}

/// The error findings, judged as `target` when the layout read one from the tool's files (drizzle's `turso`).
fn errors(sources: &[Source], dialect: Dialect, target: Option<ServerVersion>) -> Vec<String> {
    let options = Options {
        dialect,
        target,
        ..Options::default()
    };
    check(sources, &options)
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            format!(
                "{} {}:{} {}",
                f.code, f.position.file, f.position.line, f.message
            )
        })
        .collect()
}

/// A known difference between what the ORM sources declare and what the server holds, with its reason: the
/// truth line fklint cannot read from the sources (`missing`) and the one it reads instead (`extra`).
struct Gap {
    missing: Option<&'static str>,
    extra: Option<&'static str>,
}

/// Checks one item: no error finding, and the foreign keys equal the truth but for the known gaps (each of
/// which must still be there: a gap that closes fails the test until it is removed).
// The item, its truth, what to read, and the two lists of known exceptions: named arguments would only repeat them.
#[allow(clippy::too_many_arguments)]
fn assert_item(
    root: &Path,
    dir: &str,
    server: &str,
    dialect: Dialect,
    names: bool,
    wanted: &dyn Fn(&str) -> bool,
    gaps: &[Gap],
    expected: &[&str],
) {
    let item = dir.rsplit('/').next().unwrap_or(dir);
    let sources = files(&root.join("frontends").join(dir), item, wanted);
    let errors = errors(&sources, dialect, None);
    assert_errors(dir, &errors, expected);
    assert_foreign_keys(root, dir, server, (dialect, None), names, &sources, gaps);
}

/// The errors are exactly the `expected` ones (each the start of one error: code, file and line).
fn assert_errors(dir: &str, errors: &[String], expected: &[&str]) {
    let unexpected: Vec<&String> = errors
        .iter()
        .filter(|e| !expected.iter().any(|x| e.starts_with(x)))
        .collect();
    assert!(
        unexpected.is_empty() && errors.len() == expected.len(),
        "{dir}: errors (expected {expected:?}):\n{}",
        errors.join("\n")
    );
}

/// The foreign keys read from `sources` equal the truth but for the known gaps.
fn assert_foreign_keys(
    root: &Path,
    dir: &str,
    server: &str,
    (dialect, target): (Dialect, Option<ServerVersion>),
    names: bool,
    sources: &[Source],
    gaps: &[Gap],
) {
    let item = dir.rsplit('/').next().unwrap_or(dir);
    assert!(!sources.is_empty(), "{dir}: no sources");
    let mut truth = truth(root, server, item, names);
    let mut ours = reported(sources, dialect, target, names);
    for gap in gaps {
        if let Some(missing) = gap.missing {
            assert!(
                truth.remove(missing),
                "{dir}: stale gap, not in the truth: {missing}"
            );
        }
        if let Some(extra) = gap.extra {
            assert!(ours.remove(extra), "{dir}: stale gap, not read: {extra}");
        }
    }
    let missing: Vec<&String> = truth.difference(&ours).collect();
    let extra: Vec<&String> = ours.difference(&truth).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{dir}: {} FKs in the truth, {} read\nMISSING in fklint:\n{}\nEXTRA in fklint:\n{}",
        truth.len(),
        ours.len(),
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        extra
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// Drizzle's schema modules and config, never the SQL drizzle-kit wrote.
fn drizzle_sources(rel: &str) -> bool {
    rel.ends_with(".ts") && !rel.contains("/migrations/") && !rel.contains("/drizzle/")
}

#[test]
fn drizzle_homarr_postgresql_matches_postgresql() {
    let Some(root) = corpus_root_or_skip("the Drizzle corpus") else {
        return;
    };
    assert_item(
        &root,
        "drizzle/homarr-postgresql",
        "pg15",
        Dialect::Postgres,
        true,
        &drizzle_sources,
        &[],
        &[],
    );
}

#[test]
fn drizzle_homarr_mysql_matches_mariadb() {
    let Some(root) = corpus_root_or_skip("the Drizzle corpus") else {
        return;
    };
    assert_item(
        &root,
        "drizzle/homarr-mysql",
        "mysql",
        Dialect::MySql,
        true,
        &drizzle_sources,
        // drizzle-kit names this key `custom_widget_secret_definition_id_custom_widget_definition_id_fk`, 65
        // characters, which MySQL rejects; homarr shortened it by hand in the generated SQL (0040), and the
        // schema module does not say so.
        &[Gap {
            missing: Some("custom_widget_secret(definition_id) -> custom_widget_definition(id) ON DELETE CASCADE ON UPDATE NO ACTION [cw_secret_definition_id_cw_definition_id_fk]"),
            extra: Some("custom_widget_secret(definition_id) -> custom_widget_definition(id) ON DELETE CASCADE ON UPDATE NO ACTION [custom_widget_secret_definition_id_custom_widget_definition_id_fk]"),
        }],
        // The same key read from the schema: drizzle-kit's name is 65 characters, which MySQL rejects (FK611);
        // homarr's hand-shortened name in 0040 is the evidence.
        &["FK611 homarr-mysql/packages/db/schema/mysql.ts"],
    );
}

#[test]
fn drizzle_openstatus_sqlite_matches_sqlite() {
    let Some(root) = corpus_root_or_skip("the Drizzle corpus") else {
        return;
    };
    assert_item(
        &root,
        "drizzle/openstatus-sqlite",
        "sqlite",
        Dialect::Sqlite,
        false,
        &drizzle_sources,
        // `status_reports_to_pages` is still in the database (migrations 0011, 0017, 0034 use it) but the schema
        // modules no longer declare it, and no migration drops it.
        &[
            Gap {
                missing: Some("status_reports_to_pages(page_id) -> page(id) ON DELETE CASCADE ON UPDATE NO ACTION"),
                extra: None,
            },
            Gap {
                missing: Some("status_reports_to_pages(status_report_id) -> status_report(id) ON DELETE CASCADE ON UPDATE NO ACTION"),
                extra: None,
            },
        ],
        &[],
    );
}

/// The Prisma schema, never the migrations `prisma migrate` wrote.
fn prisma_sources(rel: &str) -> bool {
    rel.ends_with(".prisma")
}

#[test]
fn prisma_ghostfolio_matches_postgresql() {
    let Some(root) = corpus_root_or_skip("the Prisma corpus") else {
        return;
    };
    assert_item(
        &root,
        "prisma/ghostfolio",
        "pg15",
        Dialect::Postgres,
        true,
        &prisma_sources,
        &[],
        &[],
    );
}

#[test]
fn prisma_spacedrive_matches_sqlite() {
    let Some(root) = corpus_root_or_skip("the Prisma corpus") else {
        return;
    };
    assert_item(
        &root,
        "prisma/spacedrive-sqlite",
        "sqlite",
        Dialect::Sqlite,
        false,
        &prisma_sources,
        &[],
        &[],
    );
}

/// Rails' schema dump, never the migrations or structure.sql.
fn schema_rb(rel: &str) -> bool {
    rel == "db/schema.rb"
}

/// The truth is weaker here (no database: the `add_foreign_key` lines of schema.rb listed by an independent
/// script); every key there is unnamed, so Rails names it `fk_rails_<hash>`, which the truth does not list.
#[test]
fn rails_maybe_schema_rb_matches_its_foreign_keys() {
    let Some(root) = corpus_root_or_skip("the Rails corpus") else {
        return;
    };
    assert_item(
        &root,
        "rails/maybe",
        "schema_rb",
        Dialect::Postgres,
        false,
        &schema_rb,
        &[],
        &[],
    );
}

/// Laravel's migrations, never the schema dump.
fn laravel_migrations(rel: &str) -> bool {
    rel.starts_with("database/migrations/") && rel.ends_with(".php")
}

#[test]
fn laravel_pterodactyl_matches_mariadb() {
    let Some(root) = corpus_root_or_skip("the Laravel corpus") else {
        return;
    };
    assert_item(
        &root,
        "laravel/pterodactyl",
        "mysql",
        Dialect::MySql,
        true,
        &laravel_migrations,
        &[],
        &[],
    );
}

#[test]
fn laravel_laravelio_matches_mariadb() {
    let Some(root) = corpus_root_or_skip("the Laravel corpus") else {
        return;
    };
    assert_item(
        &root,
        "laravel/laravelio",
        "mysql",
        Dialect::MySql,
        true,
        &laravel_migrations,
        &[],
        &[],
    );
}

/// Rails' migrations in version order (349 files, 4.2 to 8.1, 270 `execute`s), never structure.sql; every
/// foreign key name is Rails' `fk_rails_<hash>` and is compared.
fn rails_migrations(rel: &str) -> bool {
    rel.starts_with("db/migrate/") && rel.ends_with(".rb")
}

#[test]
fn rails_danbooru_migrations_match_postgresql() {
    let Some(root) = corpus_root_or_skip("the Rails corpus") else {
        return;
    };
    assert_item(
        &root,
        "rails/danbooru",
        "pg15",
        Dialect::Postgres,
        true,
        &rails_migrations,
        &[],
        &[],
    );
}

/// The item pointed at as a folder, as `fklint check <folder>` reads it: the layout picks what the project's
/// own tool builds a fresh database from (the SQL drizzle-kit and Prisma generated, the schema file Rails or
/// the dump Laravel loads and the migrations after it), never the same schema twice. No error but the
/// `expected` ones (codes and files), and the foreign keys of the truth, names included.
fn assert_folder(
    root: &Path,
    dir: &str,
    server: &str,
    dialect: Dialect,
    names: bool,
    expected: &[&str],
) {
    let item = dir.rsplit('/').next().unwrap_or(dir);
    let files = files(&root.join("frontends").join(dir), item, &|_| true);
    let plan = fklint::layout::lay_out(&files, fklint::layout::LayoutOptions::default());
    let sources = plan.sources(&files);
    let target = plan.target.map(|(target, _)| target);
    let errors = errors(&sources, dialect, target);
    assert_errors(
        &format!("{dir} as a folder ({:?})", plan.choice),
        &errors,
        expected,
    );
    assert_foreign_keys(root, dir, server, (dialect, target), names, &sources, &[]);
}

#[test]
fn every_item_pointed_at_as_a_folder_matches_its_truth() {
    let Some(root) = corpus_root_or_skip("the front-end corpus") else {
        return;
    };
    let pg = Dialect::Postgres;
    let mysql = Dialect::MySql;
    let sqlite = Dialect::Sqlite;
    assert_folder(&root, "drizzle/homarr-postgresql", "pg15", pg, true, &[]);
    assert_folder(&root, "drizzle/homarr-mysql", "mysql", mysql, true, &[]);
    // openstatus's drizzle.config says `dialect: "turso"`: the migrations run on libSQL, which accepts its two
    // `ALTER TABLE ... ALTER COLUMN ... TO` (stock sqlite3, the truth's judge, rejects them; the corpus README
    // says so). Neither statement touches a foreign key, so the replayed FK set stays sqlite3's.
    assert_folder(
        &root,
        "drizzle/openstatus-sqlite",
        "sqlite",
        sqlite,
        false,
        &[],
    );
    assert_folder(&root, "prisma/ghostfolio", "pg15", pg, true, &[]);
    assert_folder(
        &root,
        "prisma/spacedrive-sqlite",
        "sqlite",
        sqlite,
        false,
        &[],
    );
    assert_folder(&root, "rails/danbooru", "pg15", pg, true, &[]);
    assert_folder(&root, "rails/maybe", "schema_rb", pg, false, &[]);
    assert_folder(&root, "laravel/pterodactyl", "mysql", mysql, true, &[]);
    assert_folder(&root, "laravel/laravelio", "mysql", mysql, true, &[]);
}

/// The same folder judged as stock SQLite (`--target sqlite`): its two libSQL-only `ALTER COLUMN ... TO` fail
/// there, and FK702 says so; the layout's libSQL is what makes them pass.
#[test]
fn openstatus_judged_as_stock_sqlite_rejects_the_libsql_alter_column() {
    let Some(root) = corpus_root_or_skip("the Drizzle corpus") else {
        return;
    };
    let files = files(
        &root.join("frontends/drizzle/openstatus-sqlite"),
        "openstatus-sqlite",
        &|_| true,
    );
    let plan = fklint::layout::lay_out(&files, fklint::layout::LayoutOptions::default());
    assert_eq!(
        plan.target
            .map(|(target, why)| format!("{target}: {why}"))
            .as_deref(),
        Some("libsql: `turso` in drizzle.config")
    );
    let stock = ServerVersion::parse("sqlite");
    let errors = errors(&plan.sources(&files), Dialect::Sqlite, stock);
    assert_errors(
        "openstatus-sqlite as stock SQLite",
        &errors,
        &[
            "FK702 openstatus-sqlite/packages/db/drizzle/0041_nasty_jigsaw.sql:20",
            "FK702 openstatus-sqlite/packages/db/drizzle/0064_dusty_sunfire.sql:17",
        ],
    );
}
