//! What the server harnesses (`pg`, `mariadb`, `sqlite`) share: a server that is not installed is a skip,
//! unless the environment requires it (CI sets `FKLINT_REQUIRE_*=1`), and one that is installed but does not
//! start is always a failure.

/// Why a server could not be started.
pub enum StartError {
    /// Not installed: tests may skip.
    Missing(String),
    /// Installed but failed to start: a real problem.
    Failed(String),
}

impl StartError {
    pub fn reason(self) -> String {
        match self {
            StartError::Missing(reason) | StartError::Failed(reason) => reason,
        }
    }
}

/// The server, or `None` with a note when it is missing and `require_var` is not `1`; panics otherwise.
pub fn or_skip<T>(started: Result<T, StartError>, server: &str, require_var: &str) -> Option<T> {
    match started {
        Ok(server) => Some(server),
        Err(StartError::Missing(reason)) => {
            if std::env::var(require_var).as_deref() == Ok("1") {
                panic!("{require_var}=1 but {server} is not available: {reason}");
            }
            eprintln!(
                "note: skipping {server} test: {reason} (set {require_var}=1 to fail instead)"
            );
            None
        }
        Err(StartError::Failed(reason)) => {
            panic!("{server} is installed but failed to start: {reason}")
        }
    }
}
