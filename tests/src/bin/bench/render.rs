//! Text output against JSON output on one large input with many findings (issue 16: text within 2× JSON). The
//! renderers live in the CLI, so this times the `fklint` binary built beside the bench (`cargo build --release
//! -p fklint-cli`), as a user meets it: one process per run, output discarded. Input: about 5 MB of tables each
//! referencing the previous one, every 40th a missing table (so every table after it is a rejected
//! consequence), as the page's 5 MB test builds it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Text may take at most this many times the JSON output's time.
pub const TARGET: f64 = 2.0;

pub struct Measured {
    pub bytes: usize,
    pub findings: usize,
    pub text: Duration,
    pub json: Duration,
}

impl Measured {
    pub fn ratio(&self) -> f64 {
        self.text.as_secs_f64() / self.json.as_secs_f64().max(1e-12)
    }
}

/// About `size` bytes of chained tables, every 40th referencing a table that does not exist.
pub fn chain_with_gaps(size: usize) -> String {
    let mut out = String::with_capacity(size + 256);
    let mut i = 0usize;
    while out.len() < size {
        let reference = match i {
            0 => String::new(),
            _ if i % 40 == 39 => format!(" REFERENCES missing_{i} (id)"),
            _ => format!(" REFERENCES t{} (id)", i - 1),
        };
        out.push_str(&format!(
            "-- table {i}: {}\nCREATE TABLE t{i} (\n  id bigint PRIMARY KEY,\n  parent_id bigint UNIQUE{reference},\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n",
            "padding ".repeat(6)
        ));
        i += 1;
    }
    out
}

/// The `fklint` binary beside this one, if it was built.
fn cli() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let cli = exe.with_file_name(format!("fklint{}", std::env::consts::EXE_SUFFIX));
    cli.is_file().then_some(cli)
}

fn run(cli: &Path, file: &Path, format: &str) -> Option<(Duration, Vec<u8>)> {
    let start = Instant::now();
    let output = Command::new(cli)
        .args([
            "check",
            "--no-config",
            "--dialect",
            "postgres",
            "--format",
            format,
        ])
        .arg(file)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    Some((start.elapsed(), output.stdout))
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Times both formats (alternately, `runs` times each); `None` when the CLI is not built.
pub fn measure(runs: usize) -> Option<Measured> {
    let cli = cli()?;
    let text = chain_with_gaps(5 * 1024 * 1024);
    let file = std::env::temp_dir().join(format!("fklint-bench-render-{}.sql", std::process::id()));
    std::fs::write(&file, &text).ok()?;
    let mut text_times = Vec::new();
    let mut json_times = Vec::new();
    let mut findings = 0;
    for _ in 0..runs.max(1) {
        let (json_time, json) = run(&cli, &file, "json")?;
        let (text_time, _) = run(&cli, &file, "text")?;
        json_times.push(json_time);
        text_times.push(text_time);
        findings = serde_json::from_slice::<serde_json::Value>(&json)
            .ok()
            .and_then(|v| v["findings"].as_array().map(Vec::len))
            .unwrap_or(0);
    }
    let _ = std::fs::remove_file(&file);
    Some(Measured {
        bytes: text.len(),
        findings,
        text: median(text_times),
        json: median(json_times),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fortieth_table_references_a_missing_one() {
        let text = chain_with_gaps(20_000);
        assert!(text.len() >= 20_000);
        assert!(text.contains("parent_id bigint UNIQUE REFERENCES missing_39 (id),"));
        assert!(text.contains("parent_id bigint UNIQUE REFERENCES t37 (id),"));
        // t38 is referenced by no one: the table after it references a missing one.
        assert!(!text.contains("REFERENCES t38 "));
        assert!(!text.contains("REFERENCES missing_38"));
    }
}
