//! Reads the paths given on the command line into [`Source`]s, in migration order.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use fklint::layout::LayoutOptions;
use fklint::Source;

use crate::buffers::{self, Buffers};
use crate::config::Config;

/// The name a source read from standard input gets.
pub const STDIN_NAME: &str = "<stdin>";

/// The sources, plus warnings to show the user (non-UTF-8 files, unmatched patterns) that do not stop the run.
#[derive(Debug, Default)]
pub struct Inputs {
    pub sources: Vec<Source>,
    /// Where each source came from, index for index.
    pub origins: Vec<Origin>,
    pub warnings: Vec<String>,
    /// How each directory was laid out (its tool, the files that do not run and why), in argument order.
    pub layouts: Vec<FolderLayout>,
    /// What reverts the steps (down sections and files), for `check --down`; not among `sources`.
    pub downs: Vec<DownInput>,
}

/// One down part: the source it is (named as its file, only what runs on "down" kept) and the step it reverts.
#[derive(Debug, Clone)]
pub struct DownInput {
    /// The name of the step's source in [`Inputs::sources`].
    pub step: String,
    pub source: Source,
    /// The whole file the part is in (code frames show it).
    pub whole: String,
}

impl Inputs {
    /// The sources followed by the down parts, and which step each part reverts: what
    /// [`fklint::check_down`] takes. Parts of a step that is not checked (read twice, excluded) are left out.
    pub fn with_downs(&self) -> (Vec<Source>, Vec<fklint::Reverts>) {
        let mut sources = self.sources.clone();
        let mut reverts = Vec::new();
        for down in &self.downs {
            if let Some(up) = self.sources.iter().position(|s| s.name == down.step) {
                reverts.push(fklint::Reverts {
                    down: sources.len(),
                    up,
                });
                sources.push(down.source.clone());
            }
        }
        (sources, reverts)
    }

    /// `sources` (steps and down parts) with each file's whole text, for code frames: a step and its down
    /// sections are parts of one file with the same offsets, and a frame of either shows that file's lines.
    pub fn whole_files(&self, sources: &[Source]) -> Vec<Source> {
        let whole = |name: &str| -> Option<&str> {
            let step = self
                .sources
                .iter()
                .zip(&self.origins)
                .find(|(s, _)| s.name == name)
                .and_then(|(_, origin)| origin.original.as_deref());
            step.or_else(|| {
                self.downs
                    .iter()
                    .find(|d| d.source.name == name)
                    .map(|d| d.whole.as_str())
            })
        };
        sources
            .iter()
            .map(|s| Source::new(s.name.clone(), whole(&s.name).unwrap_or(&s.text)))
            .collect()
    }
}

/// Where a source came from: `fklint fix --write` writes back only files read exactly as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file as named on the command line or found in a directory; None for standard input.
    pub path: Option<PathBuf>,
    /// Not valid UTF-8: the text has U+FFFD where the file has other bytes.
    pub lossy: bool,
    /// The whole file, when only parts of it run on "up" (a goose Down section, the code around a TypeScript
    /// migration's SQL): edits go there, at the same offsets.
    pub original: Option<String>,
}

/// One directory's layout, as `--show-files` and the summary show it.
#[derive(Debug, Clone)]
pub struct FolderLayout {
    /// The directory as named on the command line.
    pub folder: String,
    pub choice: fklint::layout::ToolChoice,
    /// Files that do not run on "up" (display name, reason).
    pub skipped: Vec<(String, String)>,
    /// Files the tool would run but that are not there.
    pub missing: Vec<String>,
    /// The dialect the tool's own files declare.
    pub dialect: Option<(fklint::Dialect, &'static str)>,
    /// The server the tool's own files declare (drizzle's `turso`: libSQL).
    pub target: Option<(fklint::server::ServerVersion, &'static str)>,
    /// How many files the directory holds.
    pub files: usize,
}

/// One file found under a directory, before the layout.
struct Found {
    path: PathBuf,
    /// What makes two names of this file equal (see [`buffers::Identity`]).
    identity: buffers::Identity,
    /// Relative to the directory, `/`-separated: what the layout reads.
    relative: String,
    bytes: Vec<u8>,
}

/// Reads every path in order: a file as it is (only its Up part when it has sections), a directory the way its
/// migration tool runs it (the layout stage of the core picks the tool, the files, their order and the parts
/// that run on "up"; without the configuration's excluded files), `-` as standard input. A file named twice
/// (e.g. explicitly and through its directory) is read once, because replaying the same migration twice would
/// report false errors. Files the configuration's `order` names come first, in its order. A file with a buffer
/// is read from it instead of the disk.
pub fn read_inputs(
    paths: &[PathBuf],
    stdin: &mut dyn Read,
    config: &Config,
    buffers: &Buffers,
    layout: LayoutOptions,
) -> Result<Inputs> {
    let mut inputs = Inputs::default();
    let mut seen = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let bytes = read_stdin(stdin)?;
            inputs.push(STDIN_NAME.to_string(), None, bytes, None);
        } else if path.is_dir() {
            let found = files_in(path, config, buffers)?;
            inputs.push_folder(path, found, &mut seen, layout);
        } else {
            inputs.push_file_once(path, &mut seen, buffers, layout)?;
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
        layout: LayoutOptions,
    ) -> Result<()> {
        let (bytes, identity) = buffers
            .read_with_identity(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        if seen.insert(identity) {
            let name = display_name(path);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = [Source::new(file_name_of(path), text.clone())];
            // A file named on the command line always runs; only the parts its tool runs on "up".
            let plan = fklint::layout::lay_out(&file, layout);
            let original = plan
                .steps
                .first()
                .filter(|step| step.text != text)
                .map(|step| (step.text.clone(), text));
            for down in &plan.downs {
                self.downs.push(DownInput {
                    step: name.clone(),
                    source: Source::new(name.clone(), down.text.clone()),
                    whole: file[0].text.clone(),
                });
            }
            match original {
                Some((up, whole)) => self.push_laid_out(name, path, &bytes, up, whole),
                None => self.push(name, Some(path.to_path_buf()), bytes, None),
            }
        }
        Ok(())
    }

    /// A directory's files as its tool runs them, each once.
    fn push_folder(
        &mut self,
        dir: &Path,
        found: Vec<Found>,
        seen: &mut HashSet<buffers::Identity>,
        layout: LayoutOptions,
    ) {
        let files: Vec<Source> = found
            .iter()
            .map(|f| {
                Source::new(
                    f.relative.clone(),
                    String::from_utf8_lossy(&f.bytes).into_owned(),
                )
            })
            .collect();
        let plan = fklint::layout::lay_out(&files, layout);
        for step in &plan.steps {
            let (Some(file), Some(whole)) = (found.get(step.file), files.get(step.file)) else {
                continue;
            };
            if !seen.insert(file.identity.clone()) {
                continue;
            }
            let name = display_name(&file.path);
            if step.text == whole.text {
                self.push(name, Some(file.path.clone()), file.bytes.clone(), None);
            } else {
                self.push_laid_out(
                    name,
                    &file.path,
                    &file.bytes,
                    step.text.clone(),
                    whole.text.clone(),
                );
            }
        }
        let name_of = |index: usize| {
            found
                .get(index)
                .map(|f| display_name(&f.path))
                .unwrap_or_default()
        };
        for down in &plan.downs {
            self.downs.push(DownInput {
                step: name_of(down.up),
                source: Source::new(name_of(down.file), down.text.clone()),
                whole: files
                    .get(down.file)
                    .map(|f| f.text.clone())
                    .unwrap_or_default(),
            });
        }
        self.layouts.push(FolderLayout {
            folder: display_name(dir),
            choice: plan.choice.clone(),
            skipped: plan
                .skipped
                .iter()
                .map(|s| (name_of(s.file), s.reason.clone()))
                .collect(),
            missing: plan.missing.clone(),
            dialect: plan.dialect,
            target: plan.target,
            files: found.len(),
        });
    }

    /// A file of which only parts run: the source is those parts (same offsets), the origin keeps the whole.
    fn push_laid_out(
        &mut self,
        name: String,
        path: &Path,
        bytes: &[u8],
        up: String,
        whole: String,
    ) {
        let lossy = std::str::from_utf8(bytes).is_err();
        self.push(name, Some(path.to_path_buf()), up.into_bytes(), Some(whole));
        if let Some(origin) = self.origins.last_mut() {
            origin.lossy = lossy;
        }
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
    fn push(
        &mut self,
        name: String,
        path: Option<PathBuf>,
        bytes: Vec<u8>,
        original: Option<String>,
    ) {
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
        self.origins.push(Origin {
            path,
            lossy,
            original,
        });
    }
}

/// The last component of a path, for the layout of one file named on the command line.
fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_stdin(stdin: &mut dyn Read) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    Ok(bytes)
}

/// Every file under `dir` (without hidden folders, dependencies and build output, and without the files the
/// configuration excludes), named relative to it; the text is read only where a tool's layout reads it.
fn files_in(dir: &Path, config: &Config, buffers: &Buffers) -> Result<Vec<Found>> {
    let mut relative = Vec::new();
    collect_files(dir, Path::new(""), &mut relative)?;
    relative.sort_by(|a, b| compare_paths(a, b));
    let mut found = Vec::new();
    for rel in relative {
        let path = dir.join(&rel);
        if config.is_excluded(&path) {
            continue;
        }
        let relative = rel
            .iter()
            .map(|part| part.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let (bytes, identity) = if fklint::layout::reads_text(&relative) {
            buffers
                .read_with_identity(&path)
                .with_context(|| format!("cannot read `{}`", path.display()))?
        } else {
            // Not read, so never pushed: its path is identity enough.
            (Vec::new(), buffers::Identity::Path(path.clone()))
        };
        found.push(Found {
            path,
            identity,
            relative,
            bytes,
        });
    }
    Ok(found)
}

/// Folders no migration lives in: hidden ones (`.git`), dependencies, build output.
fn is_skipped_folder(name: &str) -> bool {
    name.starts_with('.')
        || matches!(
            name,
            "node_modules"
                | "vendor"
                | "venv"
                | "site-packages"
                | "dist"
                | "target"
                | "__pycache__"
        )
}

fn collect_files(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
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
            if !is_skipped_folder(&entry.file_name().to_string_lossy()) {
                collect_files(root, &child, out)?;
            }
        } else if entry.path().is_file() {
            out.push(child);
        }
    }
    Ok(())
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

/// Natural (numeric-aware) order of file names, as migration tools sort files (the layout's own order).
pub use fklint::layout::natural_cmp;

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
            LayoutOptions::default(),
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
            LayoutOptions::default(),
        );
        assert!(format!("{:#}", error.unwrap_err()).contains("/nonexistent/x.sql"));
    }
}
