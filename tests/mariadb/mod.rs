//! A throwaway MariaDB (or MySQL) server for tests, driven through the `mariadb`/`mysql` CLI client.
//!
//! `MariaDbServer::start()` runs `mariadb-install-db` into a fresh directory under `/tmp`, starts
//! `mariadbd` on a Unix socket only (`--skip-networking`), waits until it answers, and `Drop` shuts it
//! down (`mariadb-admin shutdown`, then kill) and deletes the directory. Binaries come from
//! `$FKLINT_MARIADB_BIN` (one directory holding server, client and install-db) or `$PATH` plus
//! `/usr/sbin`, `/usr/bin`. Installs nothing: tests skip when the server is absent (see
//! [`MariaDbServer::start_or_skip`]; `FKLINT_REQUIRE_MARIADB=1` makes absence a failure). When the
//! test process runs as root, install-db and the server get `--user=mysql` (mariadbd refuses to run
//! as root otherwise); the client connects as the `root` database user over the socket.

pub mod key_compat;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// An error reported by the server, or by the client when it cannot connect (code 2002 and up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MysqlError {
    /// The server error number, e.g. `1005` (`Can't create table ... errno: 150`).
    pub code: u32,
    /// The SQLSTATE, e.g. `HY000`.
    pub sqlstate: String,
    /// The message, e.g. `Can't create table `db`.`t` (errno: 150 "Foreign key constraint is ...")`.
    pub message: String,
}

impl std::fmt::Display for MysqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ERROR {} ({}): {}",
            self.code, self.sqlstate, self.message
        )
    }
}

impl std::error::Error for MysqlError {}

/// The binaries of one installation.
struct Bins {
    server: PathBuf,
    client: PathBuf,
    install_db: PathBuf,
    admin: Option<PathBuf>,
}

/// A running throwaway MariaDB server. Dropping it stops the server and deletes its files.
pub struct MariaDbServer {
    bins: Bins,
    base: PathBuf,
    child: Option<Child>,
    version: String,
    next_db: AtomicU64,
}

use crate::availability::{self, StartError};

static SERVER_COUNTER: AtomicU64 = AtomicU64::new(0);

/// One server is set up at a time per test process, and a failed setup is tried again: `mariadb-install-db`
/// has been seen to fail when two ran at once on a loaded two-core machine.
static STARTING: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl MariaDbServer {
    /// Starts a server; `Err(reason)` when the binaries are missing or it cannot start.
    pub fn start() -> Result<MariaDbServer, String> {
        Self::start_serialized().map_err(StartError::reason)
    }

    /// Like [`MariaDbServer::start`], but a missing server is a skip (`None`, with a note) unless
    /// `FKLINT_REQUIRE_MARIADB=1`, which makes it a panic. An installed server that fails to start is
    /// always a panic.
    pub fn start_or_skip() -> Option<MariaDbServer> {
        availability::or_skip(
            Self::start_serialized(),
            "MariaDB",
            "FKLINT_REQUIRE_MARIADB",
        )
    }

    fn start_serialized() -> Result<MariaDbServer, StartError> {
        let _one_at_a_time = STARTING.lock().unwrap_or_else(|e| e.into_inner());
        let mut attempt = 1;
        loop {
            match Self::start_inner() {
                Err(StartError::Failed(reason)) if attempt < 3 => {
                    eprintln!(
                        "note: MariaDB failed to start (attempt {attempt}), trying again: {reason}"
                    );
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// The server version, e.g. `10.11.19-MariaDB-0+deb12u1`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// True for MariaDB, false for Oracle MySQL.
    pub fn is_mariadb(&self) -> bool {
        self.version.contains("MariaDB")
    }

    /// The Unix socket the server listens on.
    pub fn socket(&self) -> PathBuf {
        self.base.join("sock")
    }

    /// Creates a fresh empty database (utf8mb4) and returns its name.
    pub fn create_database(&self) -> String {
        let n = self.next_db.fetch_add(1, Ordering::SeqCst);
        let name = format!("fklint_test_{n}");
        let sql = format!("CREATE DATABASE {name} CHARACTER SET utf8mb4");
        if let Some(Err(e)) = self.exec_each("", &[&sql]).pop() {
            panic!("CREATE DATABASE {name} failed: {e}");
        }
        name
    }

    /// Runs statements one at a time (autocommit) in `db` (empty: no default database), returning for
    /// each `Ok` or its error. One client process serves the whole batch: the statements are sent
    /// verbatim, each terminated by a unique `DELIMITER` (so `;` inside triggers and procedures is
    /// fine), with `--force` to go on after errors and `--binary-mode` so that no `\` client command
    /// is interpreted. Each error is attributed by the script line it reports.
    pub fn exec_each(&self, db: &str, statements: &[&str]) -> Vec<Result<(), MysqlError>> {
        if statements.is_empty() {
            return Vec::new();
        }
        // The client keeps at most 15 bytes of a delimiter: `@@` + 12 hex digits of a nonce.
        let nonce = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
            ^ (u128::from(std::process::id()) << 40);
        let delimiter = format!("@@{:012x}", (nonce & 0xffff_ffff_ffff) as u64);
        let mut script = format!("DELIMITER {delimiter}\n");
        // First and last script line (1-based) of each statement.
        let mut ranges = Vec::with_capacity(statements.len());
        let mut line = 2usize;
        for stmt in statements {
            let body = stmt.trim_end().trim_end_matches(';').trim_end();
            let lines = body.lines().count().max(1);
            ranges.push((line, line + lines - 1));
            script.push_str(body);
            script.push('\n');
            script.push_str(&delimiter);
            script.push('\n');
            line += lines + 1;
        }
        let mut cmd = self.client(db);
        cmd.args(["--force", "--binary-mode"]);
        let out = run_with_stdin(cmd, &script);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut results: Vec<Result<(), MysqlError>> = vec![Ok(()); statements.len()];
        for l in stderr.lines() {
            let Some((err, at)) = parse_error_line(l) else {
                continue;
            };
            match at {
                Some(at) => {
                    if let Some(i) = ranges.iter().position(|&(a, b)| a <= at && at <= b) {
                        if results[i].is_ok() {
                            results[i] = Err(err);
                        }
                    }
                }
                // No line: the client could not connect at all.
                None => return vec![Err(err); statements.len()],
            }
        }
        if !out.status.success() && results.iter().all(Result::is_ok) {
            let err = client_error(&stderr);
            return vec![Err(err); statements.len()];
        }
        results
    }

    /// Runs a script verbatim, as `mysql db < file` would (its own `DELIMITER` lines, `/*!...*/` comments and
    /// all), going on after errors (`--force`); returns every error with the script line it reports.
    pub fn exec_script(&self, db: &str, script: &str) -> Vec<(usize, MysqlError)> {
        let mut cmd = self.client(db);
        cmd.args(["--force", "--binary-mode"]);
        let out = run_with_stdin(cmd, script);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let errors: Vec<(usize, MysqlError)> = stderr
            .lines()
            .filter_map(parse_error_line)
            .map(|(e, at)| (at.unwrap_or(0), e))
            .collect();
        if errors.is_empty() && !out.status.success() {
            return vec![(0, client_error(&stderr))];
        }
        errors
    }

    /// Runs one query in `db` and returns its rows (tab-separated batch output, unescaped; SQL NULL
    /// comes back as the string `NULL`).
    pub fn query(&self, db: &str, sql: &str) -> Result<Vec<Vec<String>>, MysqlError> {
        let mut cmd = self.client(db);
        cmd.args(["--skip-column-names", "-e", sql]);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.bins.client.display()));
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some((err, _)) = stderr.lines().find_map(parse_error_line) {
            return Err(err);
        }
        if !out.status.success() {
            return Err(client_error(&stderr));
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        Ok(stdout
            .lines()
            .map(|row| row.split('\t').map(unescape).collect())
            .collect())
    }

    fn client(&self, db: &str) -> Command {
        let mut cmd = Command::new(&self.bins.client);
        cmd.arg("--no-defaults")
            .arg(format!("--socket={}", self.socket().display()))
            .args(["--user=root", "--batch", "--default-character-set=utf8mb4"]);
        if !db.is_empty() {
            cmd.arg(format!("--database={db}"));
        }
        for var in [
            "MYSQL_HOST",
            "MYSQL_TCP_PORT",
            "MYSQL_UNIX_PORT",
            "MYSQL_PWD",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("LC_ALL", "C");
        cmd
    }

    fn start_inner() -> Result<MariaDbServer, StartError> {
        let bins = find_bins().map_err(StartError::Missing)?;
        let base = make_base_dir().map_err(StartError::Failed)?;
        let mut server = MariaDbServer {
            bins,
            base,
            child: None,
            version: String::new(),
            next_db: AtomicU64::new(0),
        };
        let as_root = is_root();
        if as_root {
            let out = Command::new("chown")
                .arg("mysql:")
                .arg(&server.base)
                .output()
                .map_err(|e| StartError::Failed(format!("chown: {e}")))?;
            if !out.status.success() {
                return Err(StartError::Failed(format!(
                    "running as root, but cannot hand {} to the mysql OS user: {}",
                    server.base.display(),
                    output_text(&out)
                )));
            }
        }
        let data = server.base.join("data");
        let mut install = Command::new(&server.bins.install_db);
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"]);
        if as_root {
            install.arg("--user=mysql");
        }
        // install-db looks for the server next to itself or in its compiled-in paths.
        install
            .current_dir(&server.base)
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        let out = install.output().map_err(|e| {
            StartError::Failed(format!(
                "cannot run {}: {e}",
                server.bins.install_db.display()
            ))
        })?;
        if !out.status.success() {
            return Err(StartError::Failed(format!(
                "mariadb-install-db failed: {}",
                output_text(&out)
            )));
        }
        let log = server.base.join("server.log");
        let mut cmd = Command::new(&server.bins.server);
        cmd.arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", server.socket().display()))
            .arg(format!("--pid-file={}", server.base.join("pid").display()))
            .arg(format!("--log-error={}", log.display()))
            .args([
                "--skip-networking",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=16M",
                "--innodb-flush-log-at-trx-commit=0",
                "--max-connections=20",
                "--character-set-server=utf8mb4",
            ]);
        if as_root {
            cmd.arg("--user=mysql");
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = cmd.spawn().map_err(|e| {
            StartError::Failed(format!("cannot run {}: {e}", server.bins.server.display()))
        })?;
        server.child = Some(child);
        // Wait for the socket to answer (60 s: a loaded CI machine).
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(child) = server.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    server.child = None;
                    return Err(StartError::Failed(format!(
                        "mariadbd exited with {status}:\n{}",
                        std::fs::read_to_string(&log).unwrap_or_default()
                    )));
                }
            }
            if server.socket().exists() {
                if let Ok(rows) = server.query("", "SELECT VERSION()") {
                    server.version = rows
                        .first()
                        .and_then(|r| r.first())
                        .cloned()
                        .unwrap_or_default();
                    return Ok(server);
                }
            }
            if Instant::now() > deadline {
                return Err(StartError::Failed(format!(
                    "mariadbd did not answer within 60 s:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for MariaDbServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            if let Some(admin) = &self.bins.admin {
                let _ = Command::new(admin)
                    .arg("--no-defaults")
                    .arg(format!("--socket={}", self.socket().display()))
                    .args(["--user=root", "shutdown"])
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status();
            }
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                match child.try_wait() {
                    Ok(Some(_)) | Err(_) => break,
                    Ok(None) if Instant::now() > deadline => {
                        let _ = child.kill();
                        let _ = child.wait();
                        break;
                    }
                    Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        }
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

/// `ERROR 1005 (HY000) at line 3: message` (or without `at line N` when the client cannot connect).
fn parse_error_line(line: &str) -> Option<(MysqlError, Option<usize>)> {
    let rest = line.strip_prefix("ERROR ")?;
    let (code, rest) = rest.split_once(' ')?;
    let code: u32 = code.parse().ok()?;
    let rest = rest.strip_prefix('(')?;
    let (sqlstate, rest) = rest.split_once(')')?;
    let (at, message) = match rest.strip_prefix(" at line ") {
        Some(r) => {
            let (n, msg) = r.split_once(": ")?;
            (n.parse().ok(), msg)
        }
        None => (None, rest.strip_prefix(": ").unwrap_or(rest)),
    };
    Some((
        MysqlError {
            code,
            sqlstate: sqlstate.to_string(),
            message: message.to_string(),
        },
        at,
    ))
}

fn client_error(stderr: &str) -> MysqlError {
    let message = stderr.trim();
    MysqlError {
        code: 2002,
        sqlstate: "HY000".to_string(),
        message: if message.is_empty() {
            "the client exited without output".to_string()
        } else {
            message.to_string()
        },
    }
}

/// Undoes the batch-mode escapes `\t`, `\n`, `\0`, `\\`.
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('0') => out.push('\0'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn run_with_stdin(mut cmd: Command, input: &str) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run the mariadb client: {e}"));
    let stdin = child.stdin.take();
    let input = input.as_bytes().to_vec();
    // Write from a thread: the client may fill its stderr pipe before it has read all of stdin.
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(&input);
        }
    });
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("mariadb client failed: {e}"));
    let _ = writer.join();
    out
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

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// The first of `names` found in `dirs`.
fn find_in(dirs: &[PathBuf], names: &[&str]) -> Option<PathBuf> {
    names
        .iter()
        .flat_map(|n| dirs.iter().map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

fn find_bins() -> Result<Bins, String> {
    let dirs: Vec<PathBuf> = match std::env::var_os("FKLINT_MARIADB_BIN") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => {
            let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
                .map(|p| std::env::split_paths(&p).collect())
                .unwrap_or_default();
            dirs.extend(
                ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"].map(PathBuf::from),
            );
            dirs
        }
    };
    let server = find_in(&dirs, &["mariadbd", "mysqld"]);
    let client = find_in(&dirs, &["mariadb", "mysql"]);
    let install_db = find_in(&dirs, &["mariadb-install-db", "mysql_install_db"]);
    let admin = find_in(&dirs, &["mariadb-admin", "mysqladmin"]);
    match (server, client, install_db) {
        (Some(server), Some(client), Some(install_db)) => Ok(Bins {
            server,
            client,
            install_db,
            admin,
        }),
        (server, client, install_db) => {
            let missing: Vec<&str> = [
                (server.is_none(), "mariadbd"),
                (client.is_none(), "mariadb (client)"),
                (install_db.is_none(), "mariadb-install-db"),
            ]
            .iter()
            .filter(|(m, _)| *m)
            .map(|(_, n)| *n)
            .collect();
            Err(format!(
                "no MariaDB found: {} missing (apt-get install mariadb-server, or set $FKLINT_MARIADB_BIN)",
                missing.join(", ")
            ))
        }
    }
}

fn make_base_dir() -> Result<PathBuf, String> {
    // Not $TMPDIR: the mysql OS user must reach it, and the socket path must stay short.
    let root = std::env::var_os("FKLINT_PG_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    loop {
        let n = SERVER_COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = root.join(format!("fklint-my-{}-{n}-{nanos:x}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("cannot create {}: {e}", dir.display())),
        }
    }
}

/// True when the server, client and install-db binaries are all found.
pub fn installed() -> bool {
    find_bins().is_ok()
}
