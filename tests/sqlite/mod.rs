//! A throwaway SQLite database for tests, driven through the `sqlite3` CLI.
//!
//! `SqliteDb::create()` makes an empty database file in a fresh directory under `/tmp` (deleted on
//! drop). Every `sqlite3` invocation is a new connection, so each starts with
//! `PRAGMA foreign_keys=ON` (SQLite's default is OFF, per connection). The binary is `$SQLITE3` or
//! `sqlite3` on `$PATH`; tests skip when it is absent ([`SqliteDb::create_or_skip`];
//! `FKLINT_REQUIRE_SQLITE=1` makes absence a failure).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// An error printed by `sqlite3`, e.g. `no such table: main.missing`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteError {
    /// The message without the CLI's `Error: in prepare, ` / `stepping, ` prefixes.
    pub message: String,
    /// The result code when the CLI prints one (`... (19)` for constraint failures).
    pub code: Option<i32>,
}

impl std::fmt::Display for SqliteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.code {
            Some(code) => write!(f, "{} ({code})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SqliteError {}

/// One database file; dropping it deletes the file and its directory.
pub struct SqliteDb {
    bin: PathBuf,
    dir: PathBuf,
    file: PathBuf,
    version: String,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl SqliteDb {
    /// Creates an empty database; `Err(reason)` when `sqlite3` is missing.
    pub fn create() -> Result<SqliteDb, String> {
        let bin = std::env::var_os("SQLITE3")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("PATH").and_then(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join("sqlite3"))
                        .find(|p| p.is_file())
                })
            })
            .ok_or_else(|| {
                "no sqlite3 on $PATH (apt-get install sqlite3, or set $SQLITE3)".to_string()
            })?;
        let out = Command::new(&bin)
            .arg("-version")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let version = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let dir = make_dir()?;
        let file = dir.join("test.db");
        Ok(SqliteDb {
            bin,
            dir,
            file,
            version,
        })
    }

    /// Like [`SqliteDb::create`], but a missing `sqlite3` is a skip (`None`, with a note) unless
    /// `FKLINT_REQUIRE_SQLITE=1`.
    pub fn create_or_skip() -> Option<SqliteDb> {
        let created = Self::create().map_err(crate::availability::StartError::Missing);
        crate::availability::or_skip(created, "SQLite (sqlite3)", "FKLINT_REQUIRE_SQLITE")
    }

    /// The library version the CLI reports, e.g. `3.40.1`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Runs statements one at a time, each in its own `sqlite3 -bail` process (a new connection with
    /// `PRAGMA foreign_keys=ON`), returning for each `Ok` or the first error it printed.
    pub fn exec_each(&self, statements: &[&str]) -> Vec<Result<(), SqliteError>> {
        statements.iter().map(|s| self.exec(s)).collect()
    }

    /// Runs a script (which may hold several statements), stopping at the first error.
    pub fn exec(&self, sql: &str) -> Result<(), SqliteError> {
        let out = self
            .command()
            .arg(as_argument(sql))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.bin.display()));
        let stderr = String::from_utf8_lossy(&out.stderr);
        match first_error(&stderr) {
            Some(e) => Err(e),
            None if out.status.success() => Ok(()),
            None => Err(SqliteError {
                message: format!("sqlite3 failed: {}", stderr.trim()),
                code: None,
            }),
        }
    }

    /// Runs one query and returns its rows (SQL NULL becomes the empty string).
    pub fn query(&self, sql: &str) -> Result<Vec<Vec<String>>, SqliteError> {
        let out = self
            .command()
            .args(["-ascii", "-noheader"])
            .arg(as_argument(sql))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.bin.display()));
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(e) = first_error(&stderr) {
            return Err(e);
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        Ok(stdout
            .split_terminator('\u{1e}')
            .map(|row| row.split('\u{1f}').map(str::to_string).collect())
            .collect())
    }

    /// Every foreign key of every table, from `pragma_foreign_key_list`: rows of (table, id, seq,
    /// referenced table, from column, to column, on_update, on_delete), ordered by table, id, seq.
    /// `to` is empty when the FK names no columns (it then means the referenced primary key).
    pub fn foreign_keys(&self) -> Result<Vec<Vec<String>>, SqliteError> {
        self.query(
            "SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", coalesce(f.\"to\", ''), f.on_update, f.on_delete \
             FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f \
             WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
        )
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.args(["-batch", "-bail", "-cmd", "PRAGMA foreign_keys=ON"])
            .arg(&self.file)
            .stdin(Stdio::null())
            .env("LC_ALL", "C");
        cmd
    }
}

/// SQL as a command-line argument: one starting with `-` (a `--` comment) would be taken for an option.
fn as_argument(sql: &str) -> String {
    format!(" {sql}")
}

impl Drop for SqliteDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The first `Error: ...` / `Parse error ...` / `Runtime error ...` of the CLI's stderr.
fn first_error(stderr: &str) -> Option<SqliteError> {
    for line in stderr.lines() {
        let rest = if let Some(r) = line.strip_prefix("Error: ") {
            r
        } else if let Some((_, r)) = line
            .strip_prefix("Parse error")
            .or_else(|| line.strip_prefix("Runtime error"))
            .and_then(|r| r.split_once(": "))
        {
            r
        } else {
            continue;
        };
        let rest = rest.trim_start_matches("near line ");
        let rest = match rest.split_once(": ") {
            Some((n, r)) if n.bytes().all(|b| b.is_ascii_digit()) => r,
            _ => rest,
        };
        let rest = rest
            .strip_prefix("in prepare, ")
            .or_else(|| rest.strip_prefix("stepping, "))
            .unwrap_or(rest);
        let (message, code) = match rest.rsplit_once(" (") {
            Some((m, c)) => match c.strip_suffix(')').and_then(|c| c.parse().ok()) {
                Some(code) => (m, Some(code)),
                None => (rest, None),
            },
            None => (rest, None),
        };
        return Some(SqliteError {
            message: message.to_string(),
            code,
        });
    }
    None
}

fn make_dir() -> Result<PathBuf, String> {
    let root = std::env::temp_dir();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = root.join(format!(
            "fklint-sqlite-{}-{n}-{nanos:x}",
            std::process::id()
        ));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("cannot create {}: {e}", dir.display())),
        }
    }
}
