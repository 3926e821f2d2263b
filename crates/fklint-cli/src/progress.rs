//! A progress line for a person waiting at a terminal: when a check takes longer than a second, stderr says what
//! is being checked and for how long, updated every second and erased when the check ends. Never in machine
//! formats and never when stdout or stderr is piped (a CI log gets only the report).

use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a check runs before the line appears, and how often it is updated.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Overrides how long the line waits before it first appears, in milliseconds (the tests set it to 0 so that a
/// short check under a pseudo-terminal shows the line; a user has no reason to).
const QUIET_FOR_VARIABLE: &str = "FKLINT_PROGRESS_AFTER_MS";

/// The wait before the line first appears: one second unless [`QUIET_FOR_VARIABLE`] says otherwise.
fn first_wait() -> Duration {
    std::env::var(QUIET_FOR_VARIABLE)
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(QUIET_FOR, Duration::from_millis)
}

/// The running progress line; `finish` (or dropping it) stops and erases it.
pub struct Progress {
    done: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the line's timer when a person is watching: text output, stdout and stderr both terminals.
    pub fn start(text_output: bool, files: usize, bytes: usize) -> Progress {
        let done = Arc::new((Mutex::new(false), Condvar::new()));
        let watched = text_output && io::stdout().is_terminal() && io::stderr().is_terminal();
        let thread = watched
            .then(|| {
                let done = Arc::clone(&done);
                let what = what(files, bytes);
                let first = first_wait();
                // No threads (WASI): no progress line, the check itself is unaffected.
                std::thread::Builder::new()
                    .name("progress".into())
                    .spawn(move || show_until_done(&done, &what, first))
                    .ok()
            })
            .flatten();
        Progress { done, thread }
    }

    pub fn finish(self) {}
}

impl Drop for Progress {
    fn drop(&mut self) {
        let (lock, wake) = &*self.done;
        if let Ok(mut done) = lock.lock() {
            *done = true;
            wake.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `3 files, 88.5 MB`.
fn what(files: usize, bytes: usize) -> String {
    let noun = if files == 1 { "file" } else { "files" };
    format!("{files} {noun}, {:.1} MB", bytes as f64 / 1e6)
}

fn show_until_done(done: &(Mutex<bool>, Condvar), what: &str, first: Duration) {
    let (lock, wake) = done;
    let started = Instant::now();
    let mut shown = false;
    let Ok(mut finished) = lock.lock() else {
        return;
    };
    while !*finished {
        let wait = if shown { QUIET_FOR } else { first };
        // `_while`: a spurious wake-up does not print the line early.
        let Ok((guard, _)) = wake.wait_timeout_while(finished, wait, |done| !*done) else {
            return;
        };
        finished = guard;
        if *finished {
            break;
        }
        let line = format!(
            "\r\x1b[2Kfklint: checking {what} ({} s)",
            started.elapsed().as_secs()
        );
        let _ = io::stderr().write_all(line.as_bytes());
        shown = true;
    }
    if shown {
        let _ = io::stderr().write_all(b"\r\x1b[2K");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_files_and_size() {
        assert_eq!(what(1, 889_554), "1 file, 0.9 MB");
        assert_eq!(what(3, 88_500_000), "3 files, 88.5 MB");
    }

    #[test]
    fn not_shown_when_output_is_not_text() {
        let progress = Progress::start(false, 1, 1);
        assert!(progress.thread.is_none());
        progress.finish();
    }
}
