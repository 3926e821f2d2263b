//! Long-running property test over the whole pipeline (issue 5, item 5): cargo-fuzz needs a nightly toolchain,
//! so this is the fuzz target on stable. Structure-aware inputs (SQL token soup biased to DDL, DML and psql
//! forms; corpus, example and oracle statements mutated by splice, delete, duplicate, swap and insertion of
//! quotes, comments, dollar tags, backslashes, NUL, BOMs, surrogate-looking and other odd but valid UTF-8)
//! go through `split`, `check` (1–3 sources) and `schema`. Properties:
//!
//! - no panic (caught and counted as a crash; the input is written to `target/fuzz-crashes/`);
//! - every piece, finding, related location and fix edit lies inside its text and on char boundaries, with
//!   1-based lines and columns; an edit names a file that exists;
//! - bounded time per input: each input under 2 s (`SLOW_INPUT`), and a watchdog ends the process (writing
//!   the input out) if one runs for 60 s.
//!
//! CI runs a quick bounded run (20 s on every core). A long run, which prints executions and crashes found:
//!
//! ```sh
//! FKLINT_FUZZ_SECONDS=600 cargo test --release -p fklint-tests --test fuzz -- --nocapture
//! ```
//!
//! `FKLINT_FUZZ_SEED=<n>` changes the seed (default fixed); `FKLINT_FUZZ_THREADS=<n>` the threads.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fklint::split::{split, split_in};
use fklint::{Dialect, Options, Source};

const DEFAULT_SECONDS: u64 = 20;
const DEFAULT_SEED: u64 = 0xF022_2026;
/// An input that takes longer than this (debug build) is a failure.
const SLOW_INPUT: Duration = Duration::from_secs(2);
/// An input that runs this long is a hang: the watchdog writes it out and ends the process.
const HANG: Duration = Duration::from_secs(60);

/// Per fuzzing thread: since when its current input runs (`None` between inputs), and the input.
type Slot = Mutex<(Option<Instant>, Vec<String>)>;

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Tokens, biased to what the splitter and readers treat specially.
const TOKENS: &[&str] = &[
    "CREATE",
    "TABLE",
    "ALTER",
    "ADD",
    "DROP",
    "COLUMN",
    "CONSTRAINT",
    "FOREIGN KEY",
    "REFERENCES",
    "PRIMARY KEY",
    "UNIQUE",
    "INDEX",
    "ON",
    "ONLY",
    "IF NOT EXISTS",
    "IF EXISTS",
    "CASCADE",
    "RESTRICT",
    "SET NULL",
    "SET DEFAULT",
    "ON DELETE",
    "ON UPDATE",
    "DEFERRABLE",
    "INITIALLY DEFERRED",
    "NOT NULL",
    "NULL",
    "DEFAULT",
    "CHECK",
    "RENAME TO",
    "RENAME COLUMN",
    "TYPE",
    "USING",
    "SCHEMA",
    "SET search_path TO",
    "PARTITION BY RANGE",
    "PARTITION OF",
    "FOR VALUES FROM",
    "INHERITS",
    "LIKE",
    "INCLUDING ALL",
    "UNLOGGED",
    "TEMP",
    "AS SELECT",
    "VIEW",
    "DOMAIN",
    "TYPE x AS ENUM",
    "EXTENSION",
    "INSERT INTO",
    "VALUES",
    "SELECT",
    "FROM",
    "WHERE",
    "ON CONFLICT",
    "DO NOTHING",
    "DO UPDATE SET",
    "EXCLUDED",
    "RETURNING",
    "UPDATE",
    "DELETE FROM",
    "TRUNCATE",
    "TRUNCATE TABLE",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "DO",
    "LANGUAGE plpgsql",
    "BEGIN ATOMIC",
    "END",
    "FUNCTION",
    "TRIGGER",
    "EXECUTE",
    "RETURNS",
    "GRANT",
    "OWNER TO",
    "COPY t FROM stdin",
    "\\.",
    "\\c db",
    "\\copy t from 'x.csv'",
    "\\i f.sql",
    "\\set x 1",
    "\\restrict abc",
    "\\unrestrict abc",
    "DELIMITER //",
    "//",
    "users",
    "user",
    "\"Users\"",
    "\"user\"",
    "public.users",
    "auth.users",
    "\"a\"\"b\"",
    "tenants",
    "orders",
    "id",
    "tenant_id",
    "user_id",
    "integer",
    "int",
    "bigint",
    "serial",
    "uuid",
    "text",
    "varchar(255)",
    "character varying",
    "numeric(10,2)",
    "timestamptz",
    "int[]",
    "jsonb",
    "(",
    ")",
    "(",
    ")",
    ",",
    ",",
    ";",
    ";",
    ".",
    "::",
    "=",
    "*",
    "'",
    "''",
    "'x'",
    "E'\\''",
    "E'\\\\'",
    "U&'\\0041'",
    "B'101'",
    "$$",
    "$$",
    "$a$",
    "$a$",
    "$1",
    "--",
    "-- c\n",
    "/*",
    "*/",
    "/* /* */",
    "\n",
    "\n",
    "\t",
    " ",
    " ",
    "\r\n",
    "\\",
    "\0",
    "\u{feff}",
    "é",
    "𝄞",
    "\u{202e}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{10ffff}",
    "\u{200b}",
    "ǅ",
    "ß",
    "İ",
    "0",
    "1",
    "42",
    "-1",
    "1e309",
    "99999999999999999999",
    "0x1F",
    "gen_random_uuid()",
    "now()",
    "nextval('s')",
    "auth.uid()",
];

/// Snippets inserted inside statements by the mutator.
const INSERTS: &[&str] = &[
    "'",
    "\"",
    "$$",
    "$x$",
    "$",
    "--",
    "/*",
    "*/",
    "\\",
    "\\\\",
    "\0",
    ";",
    "(",
    ")",
    "\n",
    "\u{feff}",
    "é",
    "\u{fffd}",
    "𝄞",
    "E'",
    "U&\"",
    "\\.\n",
    "\n\\c x\n",
    "\nCOPY t FROM stdin;\n",
    "BEGIN ATOMIC ",
    " END",
    "REFERENCES ",
    "FOREIGN KEY (",
    "\u{0}\u{1}\u{7f}",
];

fn soup(rng: &mut Rng) -> String {
    let max = if rng.chance(10) { 2000 } else { 120 };
    let n = 1 + rng.below(max);
    let mut out = String::new();
    for _ in 0..n {
        out.push_str(TOKENS[rng.below(TOKENS.len())]);
        if rng.chance(80) {
            out.push(' ');
        }
    }
    out
}

/// Char boundaries of `s` (including its end).
fn boundary(rng: &mut Rng, s: &str) -> usize {
    let mut at = rng.below(s.len() + 1);
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn range(rng: &mut Rng, s: &str) -> (usize, usize) {
    let a = boundary(rng, s);
    let b = boundary(rng, s);
    (a.min(b), a.max(b))
}

fn mutate(rng: &mut Rng, base: &str, other: &str) -> String {
    let mut s = base.to_string();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 => {
                // splice: a prefix of this with a suffix of the other
                let a = boundary(rng, &s);
                let b = boundary(rng, other);
                s = format!("{}{}", &s[..a], &other[b..]);
            }
            1 => {
                let (a, b) = range(rng, &s);
                s.replace_range(a..b, "");
            }
            2 => {
                let (a, b) = range(rng, &s);
                let piece = s[a..b].to_string();
                s.insert_str(b, &piece);
            }
            3 => {
                // swap two ranges (the second after the first)
                let (a, b) = range(rng, &s);
                let tail = &s[b..];
                let (c, d) = range(rng, tail);
                let (c, d) = (b + c, b + d);
                let first = s[a..b].to_string();
                let second = s[c..d].to_string();
                s = format!("{}{}{}{}{}", &s[..a], second, &s[b..c], first, &s[d..]);
            }
            4 => {
                let at = boundary(rng, &s);
                s.insert_str(at, INSERTS[rng.below(INSERTS.len())]);
            }
            _ => {
                let at = boundary(rng, &s);
                s.insert_str(at, TOKENS[rng.below(TOKENS.len())]);
            }
        }
        if s.len() > 400_000 {
            s.truncate(boundary(rng, &s[..400_000]));
        }
    }
    s
}

/// Real statements and migrations to mutate: the corpus (when present), examples/, tests/oracle/.
fn seeds() -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("oracle"),
        root.join("seeds"),
        root.join("../examples"),
    ] {
        collect_sql(&dir, &mut files);
    }
    for item in fklint_tests::corpus::postgres_items() {
        for source in item.sources {
            if source.text.len() < 300_000 {
                texts.push(source.text);
            }
        }
    }
    // MySQL dumps (versioned comments, DELIMITER, backslash escapes) and SQLite schemas, when present.
    if let Some(root) = fklint_tests::corpus::corpus_root() {
        for dialect in ["mysql", "sqlite"] {
            collect_sql(&root.join(dialect), &mut files);
        }
    }
    for f in files {
        if let Ok(text) = std::fs::read_to_string(&f) {
            texts.push(text);
        }
    }
    // Whole texts and their single statements.
    let mut out = Vec::new();
    for text in &texts {
        for piece in split(text).into_iter().take(400) {
            out.push(text[piece.span.start..piece.span.end].to_string());
        }
        if text.len() < 100_000 {
            out.push(text.clone());
        }
    }
    out.push(
        "CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (t_id int REFERENCES t);".to_string(),
    );
    out
}

fn collect_sql(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_sql(&path, out);
        } else if path.extension().is_some_and(|x| x == "sql") {
            out.push(path);
        }
    }
}

fn generate(rng: &mut Rng, seeds: &[String]) -> Vec<String> {
    let one = |rng: &mut Rng| -> String {
        match rng.below(10) {
            0..=2 => soup(rng),
            3 => {
                // deep or unbalanced nesting
                let depth = 1 + rng.below(20_000);
                let open = if rng.chance(50) { "(" } else { "/*" };
                format!("CREATE TABLE t (a int REFERENCES {} x", open.repeat(depth))
            }
            _ => {
                let a = &seeds[rng.below(seeds.len())];
                let b = &seeds[rng.below(seeds.len())];
                mutate(rng, a, b)
            }
        }
    };
    let n = if rng.chance(25) { 2 + rng.below(2) } else { 1 };
    (0..n).map(|_| one(rng)).collect()
}

/// The dialect an input is read in: each input in turn as PostgreSQL, MySQL, SQLite and detected (every lexer,
/// client splitter and reader meets every kind of text).
fn dialect_for(texts: &[String]) -> Option<Dialect> {
    let n: usize = texts.iter().map(String::len).sum();
    match n % 4 {
        0 => Some(Dialect::Postgres),
        1 => Some(Dialect::MySql),
        2 => Some(Dialect::Sqlite),
        _ => None,
    }
}

/// Checks the properties; returns what is wrong.
fn run_one(texts: &[String]) -> Result<(), String> {
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Source::new(format!("{i:03}.sql"), t.as_str()))
        .collect();
    let text_of = |file: &str| {
        sources
            .iter()
            .find(|s| s.name == file)
            .map(|s| s.text.as_str())
    };
    let in_text = |what: &str, file: &str, start: usize, end: usize| -> Result<(), String> {
        let text = text_of(file).ok_or_else(|| format!("{what}: unknown file {file:?}"))?;
        if start > end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return Err(format!(
                "{what}: span {start}..{end} of {file} (len {}) is out of bounds or splits a char",
                text.len()
            ));
        }
        Ok(())
    };
    let mut options = Options::default();
    fklint::driver::choose_dialect(&mut options, &sources, dialect_for(texts), None);
    for source in &sources {
        for piece in split_in(&source.text, options.dialect) {
            in_text(
                "split piece",
                &source.name,
                piece.span.start,
                piece.span.end,
            )?;
            if let Some(p) = &piece.problem {
                in_text("split problem", &source.name, p.span.start, p.span.end)?;
            }
        }
    }
    let report = fklint::check(&sources, &options);
    for f in &report.findings {
        let p = &f.position;
        in_text(f.code, &p.file, p.start, p.end)?;
        if p.line == 0 || p.column == 0 || p.end_line < p.line {
            return Err(format!(
                "{}: bad line/column {}:{}-{}:{}",
                f.code, p.line, p.column, p.end_line, p.end_column
            ));
        }
        for r in &f.related {
            in_text(
                &format!("{} related", f.code),
                &r.position.file,
                r.position.start,
                r.position.end,
            )?;
        }
        if let Some(fix) = &f.fix {
            for e in &fix.edits {
                in_text(&format!("{} fix edit", f.code), &e.file, e.start, e.end)?;
            }
        }
    }
    let _ =
        serde_json::to_string(&report).map_err(|e| format!("report does not serialize: {e}"))?;
    let schema = fklint::schema(&sources, &options);
    let _ =
        serde_json::to_string(&schema).map_err(|e| format!("schema does not serialize: {e}"))?;
    Ok(())
}

fn crash_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-crashes")
}

fn save(kind: &str, texts: &[String]) -> PathBuf {
    let dir = crash_dir();
    let _ = std::fs::create_dir_all(&dir);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in texts {
        for b in t.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    let path = dir.join(format!("{kind}-{h:016x}.sql"));
    let _ = std::fs::write(&path, texts.join("\n-- ===== next source =====\n"));
    path
}

#[test]
fn whole_pipeline_survives_generated_and_mutated_sql() {
    let seconds: u64 = std::env::var("FKLINT_FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SECONDS);
    let seed: u64 = std::env::var("FKLINT_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let threads: usize = std::env::var("FKLINT_FUZZ_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        });
    let seeds = Arc::new(seeds());
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let executions = Arc::new(AtomicUsize::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let slowest = Arc::new(AtomicU64::new(0));
    let failures: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
    let done = Arc::new(AtomicBool::new(false));

    // Panics are caught and counted; keep their messages out of the output except in the failure list.
    let panic_message: Arc<Mutex<String>> = Arc::new(Mutex::new(String::new()));
    let previous_hook = std::panic::take_hook();
    {
        let panic_message = panic_message.clone();
        std::panic::set_hook(Box::new(move |info| {
            *panic_message.lock().unwrap_or_else(|e| e.into_inner()) = info.to_string();
        }));
    }

    let started = Instant::now();
    let mut handles = Vec::new();
    // Per thread: the input running now and since when, for the watchdog.
    let current: Arc<Vec<Slot>> = Arc::new(
        (0..threads)
            .map(|_| Mutex::new((None, Vec::new())))
            .collect(),
    );
    for t in 0..threads {
        let (seeds, executions, bytes, slowest, failures, panic_message, current) = (
            seeds.clone(),
            executions.clone(),
            bytes.clone(),
            slowest.clone(),
            failures.clone(),
            panic_message.clone(),
            current.clone(),
        );
        handles.push(std::thread::spawn(move || {
            let mut rng = Rng::new(seed.wrapping_add(t as u64 * 0x1000_0001));
            while Instant::now() < deadline {
                let texts = generate(&mut rng, &seeds);
                *current[t].lock().unwrap_or_else(|e| e.into_inner()) =
                    (Some(Instant::now()), texts.clone());
                let t0 = Instant::now();
                let outcome = catch_unwind(AssertUnwindSafe(|| run_one(&texts)));
                let took = t0.elapsed();
                current[t].lock().unwrap_or_else(|e| e.into_inner()).0 = None;
                executions.fetch_add(1, Ordering::Relaxed);
                bytes.fetch_add(
                    texts.iter().map(|s| s.len() as u64).sum(),
                    Ordering::Relaxed,
                );
                slowest.fetch_max(took.as_micros() as u64, Ordering::Relaxed);
                let problem = match outcome {
                    Err(_) => Some((
                        "crash",
                        format!(
                            "panic: {}",
                            panic_message.lock().unwrap_or_else(|e| e.into_inner())
                        ),
                    )),
                    Ok(Err(e)) => Some(("property", e)),
                    Ok(Ok(())) if took > SLOW_INPUT => Some(("slow", format!("took {took:.2?}"))),
                    Ok(Ok(())) => None,
                };
                if let Some((kind, message)) = problem {
                    let path = save(kind, &texts);
                    failures
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(format!("{kind}: {message} ({})", path.display()));
                }
            }
        }));
    }
    {
        // Watchdog: an input that never finishes is written out and ends the run.
        let (current, done) = (current.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                for slot in current.iter() {
                    let guard = slot.lock().unwrap_or_else(|e| e.into_inner());
                    if let (Some(since), texts) = (&guard.0, &guard.1) {
                        if since.elapsed() > HANG {
                            let path = save("hang", texts);
                            eprintln!("fuzz: an input ran for over {HANG:?}: {}", path.display());
                            std::process::exit(101);
                        }
                    }
                }
            }
        });
    }
    for h in handles {
        let _ = h.join();
    }
    done.store(true, Ordering::Relaxed);
    std::panic::set_hook(previous_hook);

    let failures = failures.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let crashes = failures.iter().filter(|f| f.starts_with("crash")).count();
    println!(
        "fuzz: seed {seed:#x}, {threads} threads, {:.1?}: {} executions, {:.1} MB of input, {} seeds, slowest input {:.1} ms; \
         crashes {crashes}, property violations {}, slow inputs {}",
        started.elapsed(),
        executions.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed) as f64 / 1e6,
        seeds.len(),
        slowest.load(Ordering::Relaxed) as f64 / 1000.0,
        failures.iter().filter(|f| f.starts_with("property")).count(),
        failures.iter().filter(|f| f.starts_with("slow")).count(),
    );
    assert!(
        failures.is_empty(),
        "{} failing input(s) (saved under target/fuzz-crashes/):\n  {}",
        failures.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}
