//! The scale series: musicbrainz-pgdump15 repeated 1×, 10× and 100× under renamed schemas (every copy's foreign
//! keys point into its own schema, so they stay valid), and a chain of tables each with a foreign key to the
//! previous one (2,000 and 20,000). Each input is checked in a child process of its own, so that its peak memory
//! (`VmHWM`, Linux) is its own; the figures that count are the ratios: each 10× step's time, and peak memory
//! over input size.
//!
//! Times: each input is checked again until at least `MIN_RUNS` runs and `BUDGET` of checking (at most
//! `MAX_RUNS`); the time that counts is the fastest run (min of N: the run least disturbed by whatever else the
//! machine does; a 12 ms check on a shared machine varies by more than the 10× step's margin), the median is
//! reported beside it. Peak memory is the child's, over all its runs.
//!
//! With `FKLINT_BENCH_SQUAWK=<squawk binary>`, squawk lints the same text, written to a file, once per input,
//! with its JSON reporter, and fklint's time is reported as a fraction of squawk's. The JSON reporter, because
//! squawk's default terminal reporter is what takes its time on big files (2.70.0 on musicbrainz-pgdump15: 35 s
//! with it, 0.35 s with JSON; at ×10 it ran for over an hour), and fklint's timed check renders nothing either.
//! A run is stopped after `FKLINT_BENCH_SQUAWK_TIMEOUT` seconds (default 600): its time is then a lower bound
//! (`>`), and fklint's fraction an upper bound (`<`).

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fklint::{Dialect, Options, Source};

/// The inputs of the series, by name: `musicbrainz×N` and `chain N`.
pub const INPUTS: &[&str] = &[
    "musicbrainz×1",
    "musicbrainz×10",
    "musicbrainz×100",
    "chain 2000",
    "chain 20000",
];

/// Targets the issue sets: a 10× step costs at most this much more time, peak memory at most this × input.
pub const STEP_TARGET: f64 = 11.0;
pub const MEMORY_TARGET: f64 = 8.0;

/// Runs per input: at least `MIN_RUNS` (`--quick`: one), more until `BUDGET` of checking, at most `MAX_RUNS`.
const MIN_RUNS: usize = 5;
const MAX_RUNS: usize = 200;
const BUDGET: Duration = Duration::from_secs(2);

/// What one child measured.
pub struct Measured {
    pub input: String,
    pub bytes: usize,
    pub runs: usize,
    /// The fastest run: the time that counts.
    pub check: Duration,
    pub median: Duration,
    pub peak_bytes: Option<u64>,
    pub squawk: Option<Squawk>,
}

/// squawk's time on an input, or how long it ran before it was stopped.
#[derive(Clone, Copy)]
pub struct Squawk {
    pub time: Duration,
    /// Stopped at the timeout: `time` is a lower bound.
    pub stopped: bool,
}

impl Measured {
    pub fn peak_ratio(&self) -> Option<f64> {
        Some(self.peak_bytes? as f64 / self.bytes.max(1) as f64)
    }

    /// fklint's time over squawk's on the same text (an upper bound when squawk was stopped).
    pub fn squawk_ratio(&self) -> Option<f64> {
        Some(self.check.as_secs_f64() / self.squawk?.time.as_secs_f64().max(1e-12))
    }
}

/// The text of one input of the series.
pub fn generate(root: &Path, input: &str) -> Option<String> {
    if let Some(n) = input.strip_prefix("musicbrainz×") {
        let copies: usize = n.parse().ok()?;
        let path = root.join("postgres/musicbrainz-pgdump15/musicbrainz.schema.sql");
        let dump = std::fs::read_to_string(path).ok()?;
        return Some(repeated(&dump, copies));
    }
    let tables: usize = input.strip_prefix("chain ")?.parse().ok()?;
    Some(chain(tables))
}

/// `copies` copies of a dump, copy k > 0 with its schema `musicbrainz` (and the one function it creates in
/// `public`) renamed `…_k`, so that every copy creates its own objects and references only them.
fn repeated(dump: &str, copies: usize) -> String {
    let copy = |k: usize| {
        let copy = renamed_word(dump, "musicbrainz", &format!("musicbrainz_{k}"));
        renamed_word(
            &copy,
            "immutable_unaccent",
            &format!("immutable_unaccent_{k}"),
        )
    };
    // Sized exactly (copy k is longer by its suffix at each renamed word), so that the input's own buffer is
    // its size in the peak memory measured, not a doubled capacity.
    let renamed = if copies > 1 {
        copy(1).len() - dump.len()
    } else {
        0
    };
    let suffixes: usize = (1..copies)
        .map(|k| renamed / 2 * (k.to_string().len() + 1))
        .sum();
    let newlines = copies.saturating_sub(1);
    let mut out = String::with_capacity(dump.len() * copies + newlines + suffixes);
    out.push_str(dump);
    for k in 1..copies {
        out.push('\n');
        out.push_str(&copy(k));
    }
    out
}

/// `text` with every whole-word `word` (not part of a longer identifier) replaced.
fn renamed_word(text: &str, word: &str, replacement: &str) -> String {
    let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut rest = 0;
    for (at, _) in text.match_indices(word) {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if at < rest || is_ident(before) || is_ident(after) {
            continue;
        }
        out.push_str(&text[rest..at]);
        out.push_str(replacement);
        rest = at + word.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// `tables` tables, each but the first with a foreign key to the previous one.
fn chain(tables: usize) -> String {
    let mut out = String::from("CREATE TABLE t0 (id bigint PRIMARY KEY);\n");
    for i in 1..tables {
        out.push_str(&format!(
            "CREATE TABLE t{i} (id bigint PRIMARY KEY, prev_id bigint REFERENCES t{} (id));\n",
            i - 1
        ));
    }
    out
}

/// Runs in the child: generates the input, checks it at least `min_runs` times (more for a small input, see
/// [`BUDGET`]), prints `bytes runs fastest_ns median_ns peak_bytes`.
pub fn child(root: &Path, input: &str, min_runs: usize) {
    let Some(text) = generate(root, input) else {
        eprintln!("bench: cannot generate {input:?}");
        std::process::exit(1);
    };
    let bytes = text.len();
    let sources = vec![Source::new("input.sql", text)];
    let options = Options {
        dialect: Dialect::Postgres,
        ..Options::default()
    };
    let budget = if min_runs > 1 { BUDGET } else { Duration::ZERO };
    let mut times: Vec<Duration> = Vec::new();
    let mut spent = Duration::ZERO;
    while times.len() < min_runs.max(1) || (spent < budget && times.len() < MAX_RUNS) {
        let start = Instant::now();
        black_box(fklint::check(black_box(&sources), &options));
        let took = start.elapsed();
        spent += took;
        times.push(took);
    }
    times.sort();
    let (fastest, median) = (times[0], times[times.len() / 2]);
    let peak = peak_bytes().map_or_else(|| "-".to_string(), |p| p.to_string());
    println!(
        "{bytes} {} {} {} {peak}",
        times.len(),
        fastest.as_nanos(),
        median.as_nanos()
    );
}

/// The process's peak resident memory (Linux `VmHWM`).
fn peak_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Runs the series, one child process per input.
pub fn run(root: &Path, quick: bool) -> Vec<Measured> {
    let exe = std::env::current_exe().expect("the bench binary's path");
    let squawk = std::env::var_os("FKLINT_BENCH_SQUAWK");
    let timeout = std::env::var("FKLINT_BENCH_SQUAWK_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(600), Duration::from_secs);
    let mut rows: Vec<Measured> = Vec::new();
    for input in INPUTS {
        let runs = if quick { 1 } else { MIN_RUNS };
        let output = Command::new(&exe)
            .arg("--scale-child")
            .arg(input)
            .arg(runs.to_string())
            .output()
            .expect("run the bench child");
        let text = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<&str> = text.split_whitespace().collect();
        let [bytes, runs, fastest, median, peak] = fields.as_slice() else {
            panic!(
                "bench child for {input}: {text}{}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let squawk_time = squawk
            .as_ref()
            .and_then(|squawk| time_squawk(root, input, squawk, timeout));
        let nanos = |field: &str| Duration::from_nanos(field.parse().unwrap_or(0));
        rows.push(Measured {
            input: input.to_string(),
            bytes: bytes.parse().unwrap_or(0),
            runs: runs.parse().unwrap_or(0),
            check: nanos(fastest),
            median: nanos(median),
            peak_bytes: peak.parse().ok(),
            squawk: squawk_time,
        });
    }
    rows
}

/// squawk on the same text, written to a temporary file; stopped after `timeout`.
fn time_squawk(
    root: &Path,
    input: &str,
    squawk: &std::ffi::OsStr,
    timeout: Duration,
) -> Option<Squawk> {
    let text = generate(root, input)?;
    let path = std::env::temp_dir().join(format!("fklint-bench-{}.sql", std::process::id()));
    std::fs::write(&path, text).ok()?;
    let start = Instant::now();
    let child = Command::new(squawk)
        .args(["--reporter", "json"])
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let measured = child.ok().and_then(|mut child| {
        let stopped = loop {
            match child.try_wait() {
                Ok(Some(_)) => break false,
                Ok(None) if start.elapsed() >= timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break true;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => return None,
            }
        };
        Some(Squawk {
            time: start.elapsed(),
            stopped,
        })
    });
    let _ = std::fs::remove_file(&path);
    measured
}

/// Whether two inputs are of one series (`musicbrainz×1` and `musicbrainz×10`).
fn same_series(a: &str, b: &str) -> bool {
    let series = |name: &str| name.split(['×', ' ']).next().unwrap_or("").to_string();
    series(a) == series(b)
}

/// The time of an input over the previous input of the same series (its 10× step), if there is one.
pub fn step_ratio(rows: &[Measured], index: usize) -> Option<f64> {
    let row = rows.get(index)?;
    let previous = rows.get(index.checked_sub(1)?)?;
    same_series(&row.input, &previous.input)
        .then(|| row.check.as_secs_f64() / previous.check.as_secs_f64().max(1e-12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_whole_words_only() {
        let text = "CREATE SCHEMA musicbrainz; musicbrainz.artist musicbrainz_x xmusicbrainz 'musicbrainz'";
        assert_eq!(
            renamed_word(text, "musicbrainz", "mb_1"),
            "CREATE SCHEMA mb_1; mb_1.artist musicbrainz_x xmusicbrainz 'mb_1'"
        );
    }

    #[test]
    fn the_repeated_input_is_sized_exactly() {
        let dump = "CREATE SCHEMA musicbrainz;\nCREATE FUNCTION immutable_unaccent() ...;\nmusicbrainz.t\n";
        let text = repeated(dump, 12);
        assert_eq!(text.capacity(), text.len());
        assert!(text.ends_with("musicbrainz_11.t\n"));
    }

    #[test]
    fn a_chain_references_the_previous_table() {
        let text = chain(3);
        assert_eq!(text.lines().count(), 3);
        assert!(text.ends_with(
            "CREATE TABLE t2 (id bigint PRIMARY KEY, prev_id bigint REFERENCES t1 (id));\n"
        ));
    }
}
