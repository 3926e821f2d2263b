//! Hostile inputs through the `fklint` binary (issue 5, item 5): a 50 MB migration, binary garbage with NUL
//! bytes, invalid UTF-8, and 1 MB of nesting each give a clear result (exit 0, 1 or 2 with a report or an
//! error message, never a panic) within bounded time and memory.
//!
//! Time and peak memory (VmHWM of the child, sampled from `/proc/<pid>/status` while it runs) are printed;
//! `cargo test -p fklint-cli --test robustness -- --nocapture` shows them. The bounds are for a debug build
//! on a slow CI machine; release builds are several times faster.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The 50 MB input: wall time and peak resident memory it must stay under. The time bound catches a hang or
/// a blow-up, not a slowdown (the benchmark measures speed): it is the debug build, on a machine that may be
/// busy with other builds, so it is generous.
const BIG_TIME: Duration = Duration::from_secs(300);
const BIG_MEMORY_BYTES: u64 = 1_500_000_000;
/// Every other hostile input.
const SMALL_TIME: Duration = Duration::from_secs(30);
const SMALL_MEMORY_BYTES: u64 = 500_000_000;

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("fklint-robust-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }

    fn write(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, contents).expect("write input");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// Peak resident set size in bytes (0 where /proc is not available).
    peak_rss: u64,
}

fn vm_hwm(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `fklint args...` with output to files (a large report must not block on a pipe), sampling memory.
fn run(dir: &TempDir, args: &[&str], limit: Duration) -> Run {
    let out_path = dir.0.join("stdout.txt");
    let err_path = dir.0.join("stderr.txt");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fklint"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("stdout file"))
        .stderr(fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("run fklint");
    let mut peak = 0;
    let status = loop {
        if let Some(hwm) = vm_hwm(child.id()) {
            peak = peak.max(hwm);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit * 2 {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "fklint {args:?} still running after {:?}",
                started.elapsed()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&fs::read(&out_path).unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_path).unwrap_or_default()).into_owned(),
        elapsed,
        peak_rss: peak,
    }
}

fn assert_clear(what: &str, run: &Run, time: Duration, memory: u64) {
    println!(
        "{what}: exit {}, {:.2?}, peak RSS {:.1} MB, {} bytes of output, stderr {:?}",
        run.code,
        run.elapsed,
        run.peak_rss as f64 / 1e6,
        run.stdout.len(),
        run.stderr.chars().take(300).collect::<String>()
    );
    assert!(
        matches!(run.code, 0..=2),
        "{what}: exit code {} (stderr: {})",
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{what}: fklint panicked:\n{}",
        run.stderr
    );
    assert!(
        run.code != 2 || !run.stderr.trim().is_empty(),
        "{what}: exit 2 without an error message"
    );
    assert!(
        run.elapsed < time,
        "{what}: took {:?} (bound {time:?})",
        run.elapsed
    );
    assert!(
        run.peak_rss < memory,
        "{what}: peak RSS {} MB (bound {} MB)",
        run.peak_rss / 1_000_000,
        memory / 1_000_000
    );
}

/// Findings of a JSON report by code.
fn codes(stdout: &str) -> Vec<String> {
    let report: serde_json::Value =
        serde_json::from_str(stdout).expect("fklint printed valid JSON");
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_string))
        .collect()
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// ~50 MB of a realistic migration: 2 000 tables in FK chains (every 250th references a misspelled table),
/// then multi-row seed INSERTs, comments and a dollar-quoted function body.
fn fifty_megabytes() -> Vec<u8> {
    let mut s = String::with_capacity(52_000_000);
    s.push_str("CREATE TABLE tenants (id bigint PRIMARY KEY, name text NOT NULL);\n");
    for i in 0..2000 {
        let parent = if i == 0 {
            "tenants".to_string()
        } else {
            format!("t{}", i - 1)
        };
        let parent = if i % 250 == 249 {
            format!("{parent}s")
        } else {
            parent
        };
        s.push_str(&format!(
            "-- migration {i}\nCREATE TABLE t{i} (\n    id bigint PRIMARY KEY,\n    parent_id bigint NOT NULL REFERENCES {parent} (id) ON DELETE CASCADE,\n    note text DEFAULT 'it''s ; not -- a comment',\n    body jsonb\n);\nCREATE INDEX t{i}_parent_idx ON t{i} (parent_id);\n"
        ));
    }
    s.push_str("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN RETURN NEW; END $body$;\n");
    let mut row = 0u64;
    while s.len() < 50_000_000 {
        s.push_str("INSERT INTO tenants (id, name) VALUES\n");
        for k in 0..500 {
            row += 1;
            s.push_str(&format!(
                "    ({row}, 'tenant {row} /* not a comment */ é'){}\n",
                if k == 499 { ";" } else { "," }
            ));
        }
    }
    s.into_bytes()
}

#[test]
fn fifty_megabytes_of_sql_give_a_report_in_bounded_time_and_memory() {
    let dir = TempDir::new();
    let path = dir.write("0001_big.sql", &fifty_megabytes());
    let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let path = path.to_string_lossy().into_owned();
    let run = run(&dir, &["check", "--format", "json", &path], BIG_TIME);
    assert_clear(
        &format!("{:.1} MB migration", size as f64 / 1e6),
        &run,
        BIG_TIME,
        BIG_MEMORY_BYTES,
    );
    assert_eq!(run.code, 1, "the broken references are errors");
    // Each misspelled reference is a root; the tables after it in its chain fail because of it (their
    // CREATE references a table whose CREATE was rejected) and name that root.
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let fk101: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "FK101")
        .collect();
    let roots = fk101.iter().filter(|f| f["caused_by"].is_null()).count();
    assert_eq!(roots, 8, "one FK101 per misspelled table");
    let mut caused_by: Vec<u64> = fk101
        .iter()
        .filter_map(|f| f["caused_by"]["line"].as_u64())
        .collect();
    caused_by.dedup();
    // The last misspelled table (t1999) has nothing after it: 7 roots have consequences.
    assert_eq!(
        caused_by.len(),
        7,
        "every consequence names its chain's root"
    );
}

#[test]
fn binary_garbage_gives_a_clear_result() {
    let dir = TempDir::new();
    for (n, seed) in [1u64, 2, 3].into_iter().enumerate() {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut bytes: Vec<u8> = (0..1_000_000).map(|_| (rng.next() >> 56) as u8).collect();
        // Some runs of NUL and of SQL-looking bytes.
        bytes[1000..1100].fill(0);
        bytes[2000..2030].copy_from_slice(b"CREATE TABLE x (a int REFERENC");
        let name = format!("garbage{n}.sql");
        let path = dir.write(&name, &bytes).to_string_lossy().into_owned();
        let run = run(&dir, &["check", &path], SMALL_TIME);
        assert_clear(
            &format!("1 MB of random bytes #{n}"),
            &run,
            SMALL_TIME,
            SMALL_MEMORY_BYTES,
        );
        assert!(
            run.stderr.contains(&name),
            "a warning names {name}: {}",
            run.stderr
        );
    }
    // Valid UTF-8 but full of NUL and control characters.
    let mut rng = Rng(0xDEAD_BEEF);
    let text: String = (0..500_000)
        .map(|_| char::from_u32((rng.next() % 0x80) as u32).unwrap_or('\0'))
        .collect();
    let path = dir
        .write("controls.sql", text.as_bytes())
        .to_string_lossy()
        .into_owned();
    let run = run(&dir, &["check", "--format", "json", &path], SMALL_TIME);
    assert_clear(
        "500 KB of ASCII control characters and NUL",
        &run,
        SMALL_TIME,
        SMALL_MEMORY_BYTES,
    );
    let _ = codes(&run.stdout);
}

#[test]
fn invalid_utf8_is_a_warning_naming_the_file_and_the_sql_is_still_checked() {
    let dir = TempDir::new();
    let mut bytes = b"-- caf\xe9 in Latin-1\nCREATE TABLE users (id int PRIMARY KEY);\n".to_vec();
    bytes.extend_from_slice(b"CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES user (id), note text DEFAULT '\xff\xfe');\n");
    let path = dir
        .write("0002_latin1.sql", &bytes)
        .to_string_lossy()
        .into_owned();
    let run = run(&dir, &["check", "--format", "json", &path], SMALL_TIME);
    assert_clear("invalid UTF-8", &run, SMALL_TIME, SMALL_MEMORY_BYTES);
    assert!(
        run.stderr.contains("0002_latin1.sql") && run.stderr.to_lowercase().contains("utf-8"),
        "a warning names the file and says UTF-8: {}",
        run.stderr
    );
    assert_eq!(run.code, 1);
    assert!(
        codes(&run.stdout).contains(&"FK101".to_string()),
        "{}",
        run.stdout
    );
}

#[test]
fn deep_nesting_finishes_quickly() {
    let dir = TempDir::new();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("1 MB of `(`", "(".repeat(1 << 20).into_bytes()),
        (
            "an FK followed by 1 MB of `(`",
            format!("CREATE TABLE t (a int REFERENCES {}", "(".repeat(1 << 20)).into_bytes(),
        ),
        ("1 MB of nested `/*`", "/*".repeat(1 << 19).into_bytes()),
        (
            "500 000 balanced parentheses in a CREATE TABLE",
            format!(
                "CREATE TABLE t (a int CHECK ({}1{}));\nCREATE TABLE u (t_a int REFERENCES tt (a));\n",
                "(".repeat(250_000),
                ")".repeat(250_000)
            )
            .into_bytes(),
        ),
        ("1 MB of `)`", ")".repeat(1 << 20).into_bytes()),
        ("1 MB of `$a$`", "$a$".repeat(350_000).into_bytes()),
    ];
    for (i, (what, bytes)) in cases.into_iter().enumerate() {
        let path = dir
            .write(&format!("nest{i}.sql"), &bytes)
            .to_string_lossy()
            .into_owned();
        let run = run(&dir, &["check", "--format", "json", &path], SMALL_TIME);
        assert_clear(what, &run, SMALL_TIME, SMALL_MEMORY_BYTES);
        if run.code != 2 {
            let _ = codes(&run.stdout);
        }
    }
}

#[test]
fn garbage_on_standard_input_gives_a_clear_result() {
    let dir = TempDir::new();
    let mut rng = Rng(77);
    let bytes: Vec<u8> = (0..200_000).map(|_| (rng.next() >> 56) as u8).collect();
    let path = dir.write("stdin.bin", &bytes);
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_fklint"))
        .args(["check", "-"])
        .stdin(fs::File::open(&path).expect("open"))
        .output()
        .expect("run fklint");
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!(
        "200 KB of random bytes on stdin: {:?}, {:.2?}",
        out.status.code(),
        started.elapsed()
    );
    assert!(matches!(out.status.code(), Some(0..=2)), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(started.elapsed() < SMALL_TIME);
}
