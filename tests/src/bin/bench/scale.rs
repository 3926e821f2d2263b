//! The scale series: musicbrainz-pgdump15 repeated 1×, 10× and 100× under renamed schemas (every copy's foreign
//! keys point into its own schema, so they stay valid), and a chain of tables each with a foreign key to the
//! previous one (2,000 and 20,000). Each input is checked in a child process of its own, so that its peak memory
//! (`VmHWM`, Linux) is its own; the figures that count are the ratios: each 10× step's time, and peak memory
//! over input size. With `FKLINT_BENCH_SQUAWK=<squawk binary>`, squawk lints the same text too (skipped where
//! its previous step in the series took more than 6 s).

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

/// What one child measured.
pub struct Measured {
    pub input: String,
    pub bytes: usize,
    pub runs: usize,
    pub check: Duration,
    pub peak_bytes: Option<u64>,
    pub squawk: Option<Duration>,
}

impl Measured {
    pub fn peak_ratio(&self) -> Option<f64> {
        Some(self.peak_bytes? as f64 / self.bytes.max(1) as f64)
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
    let mut out = String::with_capacity((dump.len() + 16) * copies);
    out.push_str(dump);
    for k in 1..copies {
        out.push('\n');
        let copy = renamed_word(dump, "musicbrainz", &format!("musicbrainz_{k}"));
        out.push_str(&renamed_word(
            &copy,
            "immutable_unaccent",
            &format!("immutable_unaccent_{k}"),
        ));
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

/// Runs in the child: generates the input, checks it `runs` times, prints `bytes runs check_ns peak_bytes`.
pub fn child(root: &Path, input: &str, runs: usize) {
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
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(fklint::check(black_box(&sources), &options));
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let peak = peak_bytes().map_or_else(|| "-".to_string(), |p| p.to_string());
    println!("{bytes} {} {} {peak}", times.len(), median.as_nanos());
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
    let mut rows: Vec<Measured> = Vec::new();
    for input in INPUTS {
        let runs = match (quick, input.ends_with("×100")) {
            (true, _) | (false, true) => 1,
            (false, false) => 3,
        };
        let output = Command::new(&exe)
            .arg("--scale-child")
            .arg(input)
            .arg(runs.to_string())
            .output()
            .expect("run the bench child");
        let text = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<&str> = text.split_whitespace().collect();
        let [bytes, runs, nanos, peak] = fields.as_slice() else {
            panic!(
                "bench child for {input}: {text}{}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        // squawk is timed while its previous step in the series took at most 6 s (the next one would take a
        // minute or more); once skipped, the rest of the series is skipped too.
        let series_start = !rows.last().is_some_and(|r| same_series(&r.input, input));
        let previous_squawk = rows.last().and_then(|r: &Measured| r.squawk);
        let affordable =
            series_start || previous_squawk.is_some_and(|d| d <= Duration::from_secs(6));
        let squawk_time = squawk
            .as_ref()
            .filter(|_| affordable)
            .and_then(|squawk| time_squawk(root, input, squawk));
        rows.push(Measured {
            input: input.to_string(),
            bytes: bytes.parse().unwrap_or(0),
            runs: runs.parse().unwrap_or(0),
            check: Duration::from_nanos(nanos.parse().unwrap_or(0)),
            peak_bytes: peak.parse().ok(),
            squawk: squawk_time,
        });
    }
    rows
}

/// squawk on the same text, written to a temporary file.
fn time_squawk(root: &Path, input: &str, squawk: &std::ffi::OsStr) -> Option<Duration> {
    let text = generate(root, input)?;
    let path = std::env::temp_dir().join(format!("fklint-bench-{}.sql", std::process::id()));
    std::fs::write(&path, text).ok()?;
    let start = Instant::now();
    let status = Command::new(squawk)
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    let elapsed = start.elapsed();
    let _ = std::fs::remove_file(&path);
    status.ok().map(|_| elapsed)
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
    fn a_chain_references_the_previous_table() {
        let text = chain(3);
        assert_eq!(text.lines().count(), 3);
        assert!(text.ends_with(
            "CREATE TABLE t2 (id bigint PRIMARY KEY, prev_id bigint REFERENCES t1 (id));\n"
        ));
    }
}
