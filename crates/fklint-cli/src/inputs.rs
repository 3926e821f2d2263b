//! Reads the paths given on the command line into [`Source`]s, in migration order.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use fklint::Source;

use crate::buffers::{self, Buffers};
use crate::config::Config;

/// The name a source read from standard input gets.
pub const STDIN_NAME: &str = "<stdin>";

/// The sources, plus warnings to show the user (non-UTF-8 files, empty directories) that do not stop the run.
#[derive(Debug, Default)]
pub struct Inputs {
    pub sources: Vec<Source>,
    /// Where each source came from, index for index.
    pub origins: Vec<Origin>,
    pub warnings: Vec<String>,
}

/// Where a source came from: `fklint fix --write` writes back only files read exactly as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file as named on the command line or found in a directory; None for standard input.
    pub path: Option<PathBuf>,
    /// Not valid UTF-8: the text has U+FFFD where the file has other bytes.
    pub lossy: bool,
}

/// Reads every path in order: a file as it is, a directory as its `*.sql` and `*.py` files (SQLAlchemy models,
/// Alembic migrations; the core orders Alembic revisions by their chain) (recursively, in natural
/// order of their path relative to it, without the ones the configuration excludes), `-` as standard input. A
/// file named twice (e.g. explicitly and through its directory) is read once, because replaying the same
/// migration twice would report false errors. Files the configuration's `order` names come first, in its order.
/// A file with a buffer is read from it instead of the disk.
pub fn read_inputs(
    paths: &[PathBuf],
    stdin: &mut dyn Read,
    config: &Config,
    buffers: &Buffers,
) -> Result<Inputs> {
    let mut inputs = Inputs::default();
    let mut seen = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let bytes = read_stdin(stdin)?;
            inputs.push(STDIN_NAME.to_string(), None, bytes);
        } else if path.is_dir() {
            let files = sql_files_in(path)?;
            if files.is_empty() {
                let name = display_name(path);
                inputs
                    .warnings
                    .push(format!("no .sql or .py files in directory `{name}`"));
            }
            for file in files.iter().filter(|f| !config.is_excluded(f)) {
                inputs.push_file_once(file, &mut seen, buffers)?;
            }
        } else {
            inputs.push_file_once(path, &mut seen, buffers)?;
        }
    }
    inputs.apply_order(config);
    Ok(inputs)
}

impl Inputs {
    fn push_file_once(
        &mut self,
        path: &Path,
        seen: &mut HashSet<buffers::Identity>,
        buffers: &Buffers,
    ) -> Result<()> {
        let (bytes, identity) = buffers
            .read_with_identity(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        if seen.insert(identity) {
            self.push(display_name(path), Some(path.to_path_buf()), bytes);
        }
        Ok(())
    }

    /// Puts the files that `order` patterns match first, by the first pattern that matches each; files of one
    /// pattern, and all the others after them, keep the order they were read in (a stable sort).
    fn apply_order(&mut self, config: &Config) {
        if config.order.is_empty() {
            return;
        }
        let mut entries: Vec<(Source, Origin)> =
            self.sources.drain(..).zip(self.origins.drain(..)).collect();
        entries.sort_by_key(|(_, origin)| {
            origin
                .path
                .as_deref()
                .and_then(|p| config.order_rank(p))
                .unwrap_or(usize::MAX)
        });
        (self.sources, self.origins) = entries.into_iter().unzip();
    }

    /// Adds a source; text that is not UTF-8 is decoded lossily (with a warning) so one odd byte in a comment
    /// does not stop the whole check.
    fn push(&mut self, name: String, path: Option<PathBuf>, bytes: Vec<u8>) {
        let (text, lossy) = match String::from_utf8(bytes) {
            Ok(text) => (text, false),
            Err(error) => {
                self.warnings.push(format!(
                    "`{name}` is not valid UTF-8; invalid bytes were replaced with U+FFFD"
                ));
                (String::from_utf8_lossy(error.as_bytes()).into_owned(), true)
            }
        };
        self.sources.push(Source::new(name, text));
        self.origins.push(Origin { path, lossy });
    }
}

fn read_stdin(stdin: &mut dyn Read) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    Ok(bytes)
}

/// Every `*.sql` and `*.py` file under `dir`, sorted by natural order of the path relative to `dir`.
fn sql_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut relative = Vec::new();
    collect_sql_files(dir, Path::new(""), &mut relative)?;
    relative.sort_by(|a, b| compare_paths(a, b));
    Ok(relative.into_iter().map(|rel| dir.join(rel)).collect())
}

fn collect_sql_files(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let dir = root.join(rel);
    let entries =
        fs::read_dir(&dir).with_context(|| format!("cannot read directory `{}`", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read directory `{}`", dir.display()))?;
        let file_type = entry
            .file_type()
            .with_context(|| format!("cannot read `{}`", entry.path().display()))?;
        let child = rel.join(entry.file_name());
        // Symbolic links to directories are not followed: a link cycle would never end.
        if file_type.is_dir() {
            collect_sql_files(root, &child, out)?;
        } else if is_sql_file(&entry.path()) {
            out.push(child);
        }
    }
    Ok(())
}

fn is_sql_file(path: &Path) -> bool {
    let has_source_extension = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("sql") || ext.eq_ignore_ascii_case("py"));
    has_source_extension && path.is_file()
}

/// Compares paths component by component, each in natural order, so that the files of one directory stay
/// together.
pub fn compare_paths(a: &Path, b: &Path) -> Ordering {
    let (mut a, mut b) = (a.iter(), b.iter());
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => {
                let ordering = natural_cmp(&x.to_string_lossy(), &y.to_string_lossy());
                if ordering != Ordering::Equal {
                    return ordering;
                }
            }
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
        }
    }
}

/// Natural (numeric-aware) order, as migration tools sort files: runs of ASCII digits compare by numeric
/// value, then by length (`2` < `02`); everything else compares byte by byte. So `2_x.sql` < `10_x.sql` and
/// `0002-a.sql` < `00010-b.sql`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let ordering = if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let (run_a, run_b) = (digit_run(&a[i..]), digit_run(&b[j..]));
            i += run_a.len();
            j += run_b.len();
            compare_numbers(run_a, run_b)
        } else {
            i += 1;
            j += 1;
            a[i - 1].cmp(&b[j - 1])
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

fn digit_run(bytes: &[u8]) -> &[u8] {
    let len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    &bytes[..len]
}

/// Compares two digit runs by value without parsing (they may be longer than any integer type), then by length.
fn compare_numbers(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |run: &[u8]| -> usize { run.iter().take_while(|&&d| d == b'0').count() };
    let (value_a, value_b) = (&a[strip(a)..], &b[strip(b)..]);
    value_a
        .len()
        .cmp(&value_b.len())
        .then_with(|| value_a.cmp(value_b))
        .then_with(|| a.len().cmp(&b.len()))
}

/// The name findings show for a path: as given, without `./` segments (`./m/1.sql` → `m/1.sql`).
fn display_name(path: &Path) -> String {
    let parts: PathBuf = path
        .components()
        .filter(|part| !matches!(part, Component::CurDir))
        .collect();
    if parts.as_os_str().is_empty() {
        ".".to_string()
    } else {
        parts.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|name| name.to_string()).collect();
        names.sort_by(|a, b| natural_cmp(a, b));
        names
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(
            sorted(&["10_x.sql", "2_x.sql", "1_x.sql"]),
            ["1_x.sql", "2_x.sql", "10_x.sql"]
        );
        assert_eq!(
            sorted(&["00010-b.sql", "0002-a.sql"]),
            ["0002-a.sql", "00010-b.sql"]
        );
    }

    #[test]
    fn equal_values_compare_by_length_then_rest() {
        assert_eq!(natural_cmp("2", "02"), Ordering::Less);
        assert_eq!(natural_cmp("v1_a", "v1_b"), Ordering::Less);
        assert_eq!(natural_cmp("a", "a1"), Ordering::Less);
        assert_eq!(natural_cmp("x.sql", "x.sql"), Ordering::Equal);
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let big = "123456789012345678901234567890_a.sql";
        let bigger = "923456789012345678901234567890_a.sql";
        assert_eq!(natural_cmp(big, bigger), Ordering::Less);
        assert_eq!(natural_cmp("99999999999999999999999", big), Ordering::Less);
    }

    #[test]
    fn non_digits_compare_by_byte() {
        assert_eq!(natural_cmp("B", "a"), Ordering::Less);
        assert_eq!(natural_cmp("a", "1"), Ordering::Greater);
    }

    #[test]
    fn paths_compare_per_component() {
        let order = compare_paths(Path::new("2/z.sql"), Path::new("10/a.sql"));
        assert_eq!(order, Ordering::Less);
        let order = compare_paths(Path::new("a/9.sql"), Path::new("a/10.sql"));
        assert_eq!(order, Ordering::Less);
    }

    #[test]
    fn display_names_drop_current_dir() {
        assert_eq!(display_name(Path::new("./m/./1.sql")), "m/1.sql");
        assert_eq!(display_name(Path::new(".")), ".");
    }

    #[test]
    fn stdin_is_named_and_decoded_lossily() {
        let mut stdin: &[u8] = b"select 1; -- caf\xe9\n";
        let inputs = read_inputs(
            &[PathBuf::from("-")],
            &mut stdin,
            &Config::default(),
            &Buffers::default(),
        )
        .unwrap();
        assert_eq!(inputs.sources[0].name, STDIN_NAME);
        assert!(inputs.sources[0].text.contains('\u{FFFD}'));
        assert_eq!(inputs.warnings.len(), 1);
        assert!(inputs.warnings[0].contains(STDIN_NAME));
    }

    #[test]
    fn missing_file_is_an_error() {
        let error = read_inputs(
            &[PathBuf::from("/nonexistent/x.sql")],
            &mut std::io::empty(),
            &Config::default(),
            &Buffers::default(),
        );
        assert!(format!("{:#}", error.unwrap_err()).contains("/nonexistent/x.sql"));
    }
}
