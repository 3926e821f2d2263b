//! Writing to the terminal: colors only for a person, and a closed pipe is no error.

use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result};

/// Colors only for a person at a terminal, and never when NO_COLOR is set to something (no-color.org).
pub fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    io::stdout().is_terminal() && !no_color
}

/// Writes the output; a closed pipe (`fklint check ... | head`) is not an error worth reporting.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}
