//! fklint's full check against sqlparser's bare parse of the same statements.
//!
//!     cargo run --release -p fklint-tests --bin bench [-- --quick] [-- --json]
//!
//! Inputs: `postgres/musicbrainz-pgdump15`, and the whole PostgreSQL corpus (every item's sources, pre-steps
//! included, in one list, as one `check` call; variants such as `+ext` pairings are not counted twice). A row
//! "corpus (per item)" also times one `check` call per item, for information. The MySQL and SQLite items are
//! timed the same way in their dialects (baseline: their client's split and sqlparser's `MySqlDialect` /
//! `SQLiteDialect`).
//!
//! Baseline: split every source with `fklint::split::split`, then `sqlparser::parser::Parser::parse_sql` with
//! `PostgreSqlDialect` on each statement piece (errors ignored). Check: `fklint::check` on the same sources.
//! Both are timed alternately (baseline/check, then check/baseline) so machine noise hits both; after a
//! warm-up, the median of at least 7 runs, more until 2 s per input. `--quick`: no warm-up, 3 runs.
//!
//! Then the scale series (`scale.rs`): musicbrainz 1×, 10×, 100× and a 20,000-table chain, each 10× step's time
//! ratio (fastest of at least 5 runs, more until 2 s) and peak memory over input size, measured in child
//! processes (`--scale-child INPUT RUNS`), and squawk's time on the same text when `FKLINT_BENCH_SQUAWK` is set.
//!
//! Last, text output against JSON output (`render.rs`) on a 5 MB input with many findings, timing the `fklint`
//! binary built beside the bench (`cargo build --release -p fklint-cli`; skipped when it is not there).

mod render;
mod scale;

use std::hint::black_box;
use std::time::{Duration, Instant};

use fklint::split::PieceKind;
use fklint::{Dialect, Options, Source};
use fklint_tests::corpus;
use sqlparser::dialect::{
    Dialect as SqlparserDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect,
};
use sqlparser::parser::Parser;

const TARGET: f64 = 1.30;

struct Config {
    quick: bool,
    json: bool,
    /// `--scale-child INPUT RUNS`: this process is one input of the scale series.
    scale_child: Option<(String, usize)>,
}

struct Row {
    input: String,
    bytes: usize,
    statements: usize,
    runs: usize,
    baseline: Duration,
    check: Duration,
}

impl Row {
    fn ratio(&self) -> f64 {
        self.check.as_secs_f64() / self.baseline.as_secs_f64().max(1e-12)
    }

    fn check_mb_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.check.as_secs_f64().max(1e-12)
    }
}

/// Splits and parses every statement with sqlparser; returns the number of statement pieces.
fn baseline(sources: &[Source], ours: Dialect) -> usize {
    let dialect: Box<dyn SqlparserDialect> = match ours {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::MySql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
    };
    let dialect = dialect.as_ref();
    let mut statements = 0;
    for source in sources {
        for piece in fklint::split::split_in(&source.text, ours) {
            if piece.kind == PieceKind::Statement {
                statements += 1;
                let text = source
                    .text
                    .get(piece.span.start..piece.span.end)
                    .unwrap_or("");
                let _ = black_box(Parser::parse_sql(dialect, black_box(text)));
            }
        }
    }
    statements
}

fn check_all(groups: &[&[Source]], dialect: Dialect) {
    let options = Options {
        dialect,
        ..Options::default()
    };
    for sources in groups {
        black_box(fklint::check(black_box(sources), &options));
    }
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    }
}

/// Times baseline (all sources) against check (one call per group), interleaved.
fn measure(config: &Config, input: &str, groups: &[&[Source]], dialect: Dialect) -> Row {
    let all: Vec<Source> = groups.iter().flat_map(|g| g.iter().cloned()).collect();
    let baseline = |all: &[Source]| baseline(all, dialect);
    let check_all = |groups: &[&[Source]]| check_all(groups, dialect);
    let statements = baseline(&all);
    let bytes = all.iter().map(|s| s.text.len()).sum();
    let (min_runs, budget) = if config.quick {
        (3, Duration::ZERO)
    } else {
        (7, Duration::from_secs(2))
    };
    if !config.quick {
        time(|| baseline(&all));
        time(|| check_all(groups));
    }
    let mut base_times = Vec::new();
    let mut check_times = Vec::new();
    let started = Instant::now();
    while base_times.len() < min_runs || (started.elapsed() < budget && base_times.len() < 201) {
        if base_times.len() % 2 == 0 {
            base_times.push(time(|| baseline(&all)));
            check_times.push(time(|| check_all(groups)));
        } else {
            check_times.push(time(|| check_all(groups)));
            base_times.push(time(|| baseline(&all)));
        }
    }
    Row {
        input: input.to_string(),
        bytes,
        statements,
        runs: base_times.len(),
        baseline: median(base_times),
        check: median(check_times),
    }
}

fn run(config: Config) {
    let Some(root) = corpus::corpus_root_or_skip("the benchmark") else {
        std::process::exit(if corpus::corpus_required() { 1 } else { 0 });
    };
    if let Some((input, runs)) = &config.scale_child {
        scale::child(&root, input, *runs);
        return;
    }
    let items: Vec<corpus::CorpusItem> = corpus::POSTGRES_ITEMS
        .iter()
        .filter(|spec| !spec.is_variant())
        .map(|spec| {
            corpus::load_item(&root, spec)
                .unwrap_or_else(|e| panic!("corpus item {}: {e}", spec.name))
        })
        .collect();
    let mb = items
        .iter()
        .find(|i| i.name == "musicbrainz-pgdump15")
        .expect("musicbrainz-pgdump15 in the corpus");
    let concatenated: Vec<Source> = items
        .iter()
        .flat_map(|i| i.sources.iter().cloned())
        .collect();
    let per_item: Vec<&[Source]> = items.iter().map(|i| i.sources.as_slice()).collect();

    let mysql = dialect_items(&root, "mysql");
    let sqlite = dialect_items(&root, "sqlite");
    let rows = vec![
        measure(
            &config,
            "musicbrainz-pgdump15",
            &[mb.sources.as_slice()],
            Dialect::Postgres,
        ),
        measure(
            &config,
            &format!("corpus ({} items)", items.len()),
            &[concatenated.as_slice()],
            Dialect::Postgres,
        ),
        measure(&config, "corpus (per item)", &per_item, Dialect::Postgres),
        measure(
            &config,
            "mysql corpus (per item)",
            &mysql.iter().map(Vec::as_slice).collect::<Vec<_>>(),
            Dialect::MySql,
        ),
        measure(
            &config,
            "sqlite corpus (per item)",
            &sqlite.iter().map(Vec::as_slice).collect::<Vec<_>>(),
            Dialect::Sqlite,
        ),
    ];
    let (ratio_mb, ratio_corpus) = (rows[0].ratio(), rows[1].ratio());
    let scaled = scale::run(&root, config.quick);
    let rendered = render::measure(if config.quick { 1 } else { 3 });

    if config.json {
        let inputs: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "input": r.input,
                    "bytes": r.bytes,
                    "statements": r.statements,
                    "runs": r.runs,
                    "baseline_ms": r.baseline.as_secs_f64() * 1e3,
                    "check_ms": r.check.as_secs_f64() * 1e3,
                    "ratio": r.ratio(),
                    "check_mb_s": r.check_mb_s(),
                })
            })
            .collect();
        let out = serde_json::json!({
            "version": 1,
            "quick": config.quick,
            "inputs": inputs,
            "ratio_musicbrainz_pgdump15": ratio_mb,
            "ratio_corpus": ratio_corpus,
            "target": TARGET,
            "scale": scale_json(&scaled),
            "render": rendered.as_ref().map(|r| serde_json::json!({
                "bytes": r.bytes,
                "findings": r.findings,
                "text_ms": r.text.as_secs_f64() * 1e3,
                "json_ms": r.json.as_secs_f64() * 1e3,
                "text_over_json": r.ratio(),
                "target": render::TARGET,
            })),
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap());
        return;
    }

    if cfg!(debug_assertions) {
        println!("note: debug build; numbers mean little (use --release)");
    }
    println!(
        "{:<24} {:>10} {:>10} {:>12} {:>10} {:>8} {:>10} {:>5}",
        "input", "bytes", "statements", "baseline ms", "check ms", "ratio", "check MB/s", "runs"
    );
    for r in &rows {
        println!(
            "{:<24} {:>10} {:>10} {:>12.2} {:>10.2} {:>8.2} {:>10.1} {:>5}",
            r.input,
            r.bytes,
            r.statements,
            r.baseline.as_secs_f64() * 1e3,
            r.check.as_secs_f64() * 1e3,
            r.ratio(),
            r.check_mb_s(),
            r.runs
        );
    }
    println!("ratio musicbrainz-pgdump15: {ratio_mb:.2}  ratio corpus: {ratio_corpus:.2} (target <= {TARGET:.2})");
    print_scale(&scaled);
    print_render(rendered.as_ref());
}

fn print_render(rendered: Option<&render::Measured>) {
    let Some(r) = rendered else {
        println!("\ntext vs json: skipped (build the CLI: cargo build --release -p fklint-cli)");
        return;
    };
    println!(
        "\ntext vs json: {} bytes, {} findings: text {:.1} ms, json {:.1} ms, text/json {:.2} (target <= {:.0})",
        r.bytes,
        r.findings,
        r.text.as_secs_f64() * 1e3,
        r.json.as_secs_f64() * 1e3,
        r.ratio(),
        render::TARGET
    );
}

fn scale_json(rows: &[scale::Measured]) -> Vec<serde_json::Value> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            serde_json::json!({
                "input": r.input,
                "bytes": r.bytes,
                "runs": r.runs,
                "check_ms": r.check.as_secs_f64() * 1e3,
                "median_ms": r.median.as_secs_f64() * 1e3,
                "step_ratio": scale::step_ratio(rows, i),
                "peak_bytes": r.peak_bytes,
                "peak_over_input": r.peak_ratio(),
                "squawk_ms": r.squawk.map(|s| s.time.as_secs_f64() * 1e3),
                "squawk_stopped": r.squawk.map(|s| s.stopped),
                "over_squawk": r.squawk_ratio(),
            })
        })
        .collect()
}

fn print_scale(rows: &[scale::Measured]) {
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    println!(
        "\n{:<18} {:>10} {:>10} {:>10} {:>9} {:>9} {:>10} {:>11} {:>8} {:>5}",
        "scale",
        "bytes",
        "check ms",
        "median ms",
        "10x step",
        "peak MiB",
        "peak/input",
        "squawk ms",
        "/squawk",
        "runs"
    );
    for (i, r) in rows.iter().enumerate() {
        println!(
            "{:<18} {:>10} {:>10.1} {:>10.1} {:>9} {:>9} {:>10} {:>11} {:>8} {:>5}",
            r.input,
            r.bytes,
            r.check.as_secs_f64() * 1e3,
            r.median.as_secs_f64() * 1e3,
            or_dash(scale::step_ratio(rows, i).map(|x| format!("{x:.2}"))),
            or_dash(r.peak_bytes.map(|p| format!("{:.1}", p as f64 / 1048576.0))),
            or_dash(r.peak_ratio().map(|x| format!("{x:.2}"))),
            or_dash(r.squawk.map(|s| {
                let bound = if s.stopped { ">" } else { "" };
                format!("{bound}{:.1}", s.time.as_secs_f64() * 1e3)
            })),
            or_dash(r.squawk_ratio().map(|x| {
                let bound = if r.squawk.is_some_and(|s| s.stopped) {
                    "<"
                } else {
                    ""
                };
                format!("{bound}{x:.3}")
            })),
            r.runs
        );
    }
    println!(
        "check ms: the fastest of the runs (at least 5, more until 2 s; the step is its ratio), median beside it"
    );
    println!(
        "targets: each 10x step <= {:.0}x the time, peak memory <= {:.0}x the input, x100 under half of squawk's time",
        scale::STEP_TARGET,
        scale::MEMORY_TARGET
    );
}

/// The sources of every item of `corpus/<dialect>/`, in their `ORDER.txt` order.
fn dialect_items(root: &std::path::Path, dialect: &str) -> Vec<Vec<Source>> {
    let Ok(entries) = std::fs::read_dir(root.join(dialect)) else {
        return Vec::new();
    };
    let mut dirs: Vec<std::path::PathBuf> = entries.flatten().map(|e| e.path()).collect();
    dirs.sort();
    dirs.iter()
        .filter_map(|dir| {
            let order = corpus::read_order(dir).ok()?;
            Some(
                order
                    .iter()
                    .filter_map(|file| {
                        let text = std::fs::read_to_string(dir.join(file)).ok()?;
                        Some(Source::new(file.clone(), text))
                    })
                    .collect(),
            )
        })
        .collect()
}

fn main() {
    let mut config = Config {
        quick: false,
        json: false,
        scale_child: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scale-child" => {
                let input = args.next().unwrap_or_default();
                let runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
                config.scale_child = Some((input, runs));
            }
            "--quick" => config.quick = true,
            "--json" => config.json = true,
            "-h" | "--help" => {
                println!("usage: bench [--quick] [--json]");
                return;
            }
            other => {
                eprintln!("bench: unknown argument {other:?} (usage: bench [--quick] [--json])");
                std::process::exit(2);
            }
        }
    }
    // sqlparser recurses: give it room, as the tests do.
    std::thread::Builder::new()
        .name("bench".into())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || run(config))
        .expect("spawn the bench thread")
        .join()
        .unwrap_or_else(|_| std::process::exit(101));
}
