//! A throwaway PostgreSQL server for tests, driven through the `psql` binary.
//!
//! `PgServer::start()` runs `initdb` into a fresh directory under `/tmp`, starts the server on a Unix
//! socket only (no TCP), and `Drop` stops it (`pg_ctl stop -m immediate`) and deletes the directory.
//! Binaries come from `$PG_BIN` or the highest `/usr/lib/postgresql/<major>/bin`. When the test process
//! runs as root, the server commands run as the `postgres` OS user (initdb refuses root); `psql` runs
//! as the current user and connects as the `postgres` database role with `trust` authentication.
//!
//! No Rust database client is used on purpose: compile time stays low, and `psql` is always installed
//! next to the server.

pub mod key_compat;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// An error reported by PostgreSQL (or by `psql` when it cannot connect: SQLSTATE `08006`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgError {
    /// The five-character SQLSTATE, e.g. `42P01`.
    pub sqlstate: String,
    /// The primary message, e.g. `relation "missing" does not exist` (without DETAIL/HINT lines).
    pub message: String,
}

impl std::fmt::Display for PgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.sqlstate, self.message)
    }
}

impl std::error::Error for PgError {}

/// A running throwaway PostgreSQL server. Dropping it stops the server and deletes its files.
pub struct PgServer {
    bin: PathBuf,
    base: PathBuf,
    data: PathBuf,
    port: u16,
    run_as_postgres: bool,
    version: String,
    next_db: AtomicU64,
}

use crate::availability::{self, StartError};

static SERVER_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Longest single `-c` argument passed to psql (Linux limits one argument to 128 KiB).
const MAX_ARG: usize = 100_000;
/// Longest total of `-c` arguments per psql process (Linux limits all arguments to ~2 MiB).
const MAX_BATCH: usize = 1_000_000;

impl PgServer {
    /// Starts a server; returns `Err(reason)` when PostgreSQL binaries are missing or it cannot start.
    /// Finds binaries under `$PG_BIN` or `/usr/lib/postgresql/*/bin` (highest version).
    pub fn start() -> Result<PgServer, String> {
        Self::start_inner().map_err(StartError::reason)
    }

    /// Like [`PgServer::start`], but when env `FKLINT_REQUIRE_PG=1` a missing PostgreSQL is a panic (CI
    /// must not silently skip); otherwise prints a skip note and returns `None`. An installed
    /// PostgreSQL that fails to start is always a panic.
    pub fn start_or_skip() -> Option<PgServer> {
        availability::or_skip(Self::start_inner(), "PostgreSQL", "FKLINT_REQUIRE_PG")
    }

    /// The server version, e.g. `15.14 (Debian 15.14-0+deb12u1)`.
    pub fn version(&self) -> String {
        self.version.clone()
    }

    /// The major version, e.g. `15`.
    pub fn major_version(&self) -> u32 {
        self.version
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    /// The server's data directory (inside the temporary directory removed on drop).
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// Directory of the PostgreSQL binaries in use.
    pub fn bin_dir(&self) -> &Path {
        &self.bin
    }

    /// Creates a fresh empty database and returns its name.
    pub fn create_database(&self) -> String {
        let n = self.next_db.fetch_add(1, Ordering::SeqCst);
        let name = format!("fklint_test_{n}");
        if let Err(e) = self.exec("postgres", &format!("CREATE DATABASE {name}")) {
            panic!("CREATE DATABASE {name} failed: {e}");
        }
        name
    }

    /// Runs statements one at a time in autocommit mode in `db`, returning for each the error
    /// (SQLSTATE + message) or `Ok`. Each statement is sent to the server verbatim as one query (as a
    /// driver would: no psql splitting or variable interpolation; several `;`-separated statements in one
    /// string run as one implicit transaction). One psql process serves a whole batch.
    pub fn exec_each(&self, db: &str, statements: &[&str]) -> Vec<Result<(), PgError>> {
        let mut results = Vec::with_capacity(statements.len());
        let mut start = 0;
        while start < statements.len() {
            if statements[start].len() > MAX_ARG {
                // Too long for a command-line argument: send it alone through stdin.
                results.push(self.exec(db, statements[start]));
                start += 1;
                continue;
            }
            let mut end = start;
            let mut size = 0;
            while end < statements.len()
                && statements[end].len() <= MAX_ARG
                && size + statements[end].len() <= MAX_BATCH
            {
                size += statements[end].len() + 64;
                end += 1;
            }
            results.extend(self.exec_batch(db, &statements[start..end]));
            start = end;
        }
        results
    }

    fn exec_batch(&self, db: &str, statements: &[&str]) -> Vec<Result<(), PgError>> {
        let nonce = format!(
            "{}-{}",
            std::process::id(),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        );
        let marker = |i: usize| format!("@@fklint-pg-end-{nonce}-{i}@@");
        let mut cmd = self.psql(db);
        cmd.args(["-v", "ON_ERROR_STOP=0"]);
        for (i, stmt) in statements.iter().enumerate() {
            cmd.arg("-c").arg(stmt);
            cmd.arg("-c").arg(format!("\\warn {}", marker(i)));
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run psql: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);

        let mut results = Vec::with_capacity(statements.len());
        let mut segment: Vec<&str> = Vec::new();
        let mut lines = stderr.lines();
        for i in 0..statements.len() {
            let m = marker(i);
            let mut found = false;
            segment.clear();
            for line in lines.by_ref() {
                if line == m {
                    found = true;
                    break;
                }
                segment.push(line);
            }
            if !found {
                // psql stopped early (connection failure or server crash).
                let err =
                    first_error(&segment.join("\n")).unwrap_or_else(|| connection_error(&stderr));
                results.push(Err(err.clone()));
                results.extend((i + 1..statements.len()).map(|_| Err(err.clone())));
                return results;
            }
            results.push(match first_error(&segment.join("\n")) {
                Some(e) => Err(e),
                None => Ok(()),
            });
        }
        results
    }

    /// Runs a script (psql splits it into statements, autocommit, stopping at the first error) and
    /// returns `Ok` or the first error.
    pub fn exec(&self, db: &str, sql: &str) -> Result<(), PgError> {
        let mut cmd = self.psql(db);
        cmd.args(["-v", "ON_ERROR_STOP=1"]);
        let out = run_with_stdin(cmd, sql);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(e) = first_error(&stderr) {
            return Err(e);
        }
        if out.status.success() {
            Ok(())
        } else {
            Err(connection_error(&stderr))
        }
    }

    /// Runs a script (psql splits it, stopping at the first error) and returns the rows its queries print, one
    /// line per row (unaligned, no headers), or the first error.
    pub fn script_rows(&self, db: &str, sql: &str) -> Result<Vec<String>, PgError> {
        let mut cmd = self.psql(db);
        cmd.args(["-v", "ON_ERROR_STOP=1", "-A", "-t"]);
        let out = run_script(cmd, sql, Stdio::piped());
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(e) = first_error(&stderr) {
            return Err(e);
        }
        if !out.status.success() {
            return Err(connection_error(&stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// Runs one query and returns its rows (SQL NULL becomes the empty string).
    pub fn query(&self, db: &str, sql: &str) -> Result<Vec<Vec<String>>, PgError> {
        let mut cmd = self.psql(db);
        cmd.args([
            "-v",
            "ON_ERROR_STOP=1",
            "-A",
            "-t",
            "-0",
            "-F",
            "\u{1f}",
            "-c",
            sql,
        ]);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run psql: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(e) = first_error(&stderr) {
            return Err(e);
        }
        if !out.status.success() {
            return Err(connection_error(&stderr));
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        Ok(stdout
            .split_terminator('\0')
            .map(|record| record.split('\u{1f}').map(str::to_string).collect())
            .collect())
    }

    /// Runs `sql` as a script file (`psql -f`, `ON_ERROR_STOP=0`), as a migration runner hands a file to psql,
    /// with the psql binary `client` (how a script is read is the client's business: see [`script_client`]).
    /// Returns every server error with the line psql reports it at (the line of the statement's `;`).
    pub fn script_errors(&self, client: &Path, db: &str, sql: &str) -> Vec<(usize, PgError)> {
        let n = SERVER_COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = self
            .base
            .join(format!("script-{}-{n}.sql", std::process::id()));
        std::fs::write(&path, sql).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut cmd = self.psql_with(client, db);
        cmd.args(["-v", "ON_ERROR_STOP=0", "-f"]).arg(&path);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", client.display()));
        let _ = std::fs::remove_file(&path);
        let prefix = format!("psql:{}:", path.display());
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter_map(|line| {
                let (number, rest) = line.strip_prefix(&prefix)?.split_once(": ")?;
                let rest = rest.strip_prefix("ERROR:  ")?;
                Some((number.parse().ok()?, parse_verbose(rest)))
            })
            .collect()
    }

    fn psql(&self, db: &str) -> Command {
        self.psql_with(&self.bin.join("psql"), db)
    }

    fn psql_with(&self, client: &Path, db: &str) -> Command {
        let mut cmd = Command::new(client);
        cmd.args(["-X", "-q", "-v", "VERBOSITY=verbose", "-h"])
            .arg(&self.base)
            .arg("-p")
            .arg(self.port.to_string())
            .args(["-U", "postgres", "-d", db]);
        for var in [
            "PGHOST",
            "PGPORT",
            "PGUSER",
            "PGDATABASE",
            "PGSERVICE",
            "PGSERVICEFILE",
            "PGPASSFILE",
            "PGSSLMODE",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("PGCLIENTENCODING", "UTF8")
            .env("PGOPTIONS", "-c client_min_messages=warning")
            .env("LC_ALL", "C");
        cmd
    }

    fn start_inner() -> Result<PgServer, StartError> {
        let bin = find_bin_dir().map_err(StartError::Missing)?;
        let run_as_postgres = is_root();
        let base = make_base_dir().map_err(StartError::Failed)?;
        let data = base.join("data");
        let port = 5432;
        // From here on, Drop cleans up (stopping a server that never started is harmless).
        let mut server = PgServer {
            bin,
            base,
            data,
            port,
            run_as_postgres,
            version: String::new(),
            next_db: AtomicU64::new(0),
        };
        if run_as_postgres {
            let out = Command::new("chown")
                .arg("postgres:")
                .arg(&server.base)
                .output()
                .map_err(|e| StartError::Failed(format!("chown: {e}")))?;
            if !out.status.success() {
                return Err(StartError::Failed(format!(
                    "running as root, but cannot hand {} to the postgres OS user: {}",
                    server.base.display(),
                    String::from_utf8_lossy(&out.stderr).trim()
                )));
            }
        }
        let data = server.data.to_string_lossy().into_owned();
        let out = server.server_command(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
        )?;
        if !out.status.success() {
            return Err(StartError::Failed(format!(
                "initdb failed: {}",
                output_text(&out)
            )));
        }
        let log = server
            .base
            .join("server.log")
            .to_string_lossy()
            .into_owned();
        let options = format!(
            "-c listen_addresses='' -k '{}' -p {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
             -c max_connections=20 -c shared_buffers=16MB",
            server.base.display(),
            port
        );
        let out = server.server_command(
            "pg_ctl",
            &[
                "start", "-w", "-t", "60", "-D", &data, "-l", &log, "-o", &options,
            ],
        )?;
        if !out.status.success() {
            let log_text = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(StartError::Failed(format!(
                "pg_ctl start failed: {}\n{log_text}",
                output_text(&out)
            )));
        }
        let rows = server
            .query("postgres", "SHOW server_version")
            .map_err(|e| StartError::Failed(format!("cannot query the new server: {e}")))?;
        server.version = rows
            .first()
            .and_then(|r| r.first())
            .cloned()
            .unwrap_or_default();
        Ok(server)
    }

    /// Runs a server binary (initdb, pg_ctl) as the postgres OS user when we are root.
    fn server_command(&self, program: &str, args: &[&str]) -> Result<Output, StartError> {
        let path = self.bin.join(program);
        let mut cmd = if self.run_as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        cmd.args(args).env("LC_ALL", "C").stdin(Stdio::null());
        cmd.output()
            .map_err(|e| StartError::Failed(format!("cannot run {}: {e}", path.display())))
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        if self.data.join("postmaster.pid").exists() {
            let data = self.data.to_string_lossy().into_owned();
            let _ = self.server_command("pg_ctl", &["stop", "-m", "immediate", "-w", "-D", &data]);
        }
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
    .trim()
    .to_string()
}

fn run_with_stdin(cmd: Command, input: &str) -> Output {
    run_script(cmd, input, Stdio::null())
}

/// Runs psql with `input` on its standard input; its standard output goes to `stdout`.
/// The psql that reads scripts the way fklint models: after a `COPY ... FROM STDIN` the server rejects, it
/// runs the lines that follow as script. psql 15.18 does (the client `shared/corpus/postgres-regress` was run
/// with, against both servers); clients with the fix for CVE-2026-6464 (18.6) skip them up to `\.` instead.
/// `$FKLINT_SCRIPT_PSQL`, else Debian's highest installed psql, else the server's own.
pub fn script_client(server: &PgServer) -> PathBuf {
    if let Some(path) = std::env::var_os("FKLINT_SCRIPT_PSQL") {
        return PathBuf::from(path);
    }
    let mut installed: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_str()?.parse().ok()?;
            let psql = entry.path().join("bin/psql");
            psql.is_file().then_some((major, psql))
        })
        .collect();
    installed.sort();
    installed
        .pop()
        .map_or_else(|| server.bin_dir().join("psql"), |(_, path)| path)
}

fn run_script(mut cmd: Command, input: &str, stdout: Stdio) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run psql: {e}"));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.as_bytes().to_vec();
    // Write from a thread: psql may fill its stderr pipe before it has read all of stdin.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
        let _ = stdin.write_all(b"\n");
    });
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("psql failed: {e}"));
    let _ = writer.join();
    out
}

/// The first `ERROR:` (or `FATAL:`/`PANIC:`) in psql's verbose stderr output.
fn first_error(stderr: &str) -> Option<PgError> {
    for line in stderr.lines() {
        // Script input may prefix errors with `psql:<file>:<line>: `.
        let line = match line.strip_prefix("psql:") {
            Some(rest) => rest.split_once(": ").map(|(_, r)| r).unwrap_or(rest),
            None => line,
        };
        for level in ["ERROR:  ", "FATAL:  ", "PANIC:  "] {
            if let Some(rest) = line.strip_prefix(level) {
                return Some(parse_verbose(rest));
            }
        }
    }
    None
}

/// Splits `42P01: relation "x" does not exist` into SQLSTATE and message.
fn parse_verbose(rest: &str) -> PgError {
    if let Some((code, message)) = rest.split_once(": ") {
        if code.len() == 5
            && code
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        {
            return PgError {
                sqlstate: code.to_string(),
                message: message.to_string(),
            };
        }
    }
    PgError {
        sqlstate: "XX000".to_string(),
        message: rest.to_string(),
    }
}

fn connection_error(stderr: &str) -> PgError {
    let message = stderr.trim();
    PgError {
        sqlstate: "08006".to_string(),
        message: if message.is_empty() {
            "psql exited without output".to_string()
        } else {
            message.to_string()
        },
    }
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

fn find_bin_dir() -> Result<PathBuf, String> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres", "psql"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    if let Some(dir) = std::env::var_os("PG_BIN") {
        let dir = PathBuf::from(dir);
        return if has_all(&dir) {
            Ok(dir)
        } else {
            Err(format!(
                "$PG_BIN={} lacks initdb/pg_ctl/postgres/psql",
                dir.display()
            ))
        };
    }
    let root = Path::new("/usr/lib/postgresql");
    let mut best: Option<(Vec<u32>, PathBuf)> = None;
    if let Ok(entries) = std::fs::read_dir(root) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(key) = name
                .split('.')
                .map(str::parse::<u32>)
                .collect::<Result<Vec<u32>, _>>()
            else {
                continue;
            };
            let bin = entry.path().join("bin");
            if has_all(&bin) && !matches!(&best, Some((k, _)) if *k >= key) {
                best = Some((key, bin));
            }
        }
    }
    best.map(|(_, bin)| bin).ok_or_else(|| {
        "no PostgreSQL found under /usr/lib/postgresql/*/bin (or set $PG_BIN)".to_string()
    })
}

fn make_base_dir() -> Result<PathBuf, String> {
    // Not $TMPDIR: the postgres OS user must be able to reach the directory, and the socket path must
    // stay under ~100 bytes.
    let root = std::env::var_os("FKLINT_PG_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    loop {
        let n = SERVER_COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = root.join(format!("fklint-pg-{}-{n}-{nanos:x}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("cannot create {}: {e}", dir.display())),
        }
    }
}
