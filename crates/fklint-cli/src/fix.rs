//! `fklint fix`: applies the edit fixes of every finding (as a diff, or written with `--write`), or prints the
//! forward migration (`--forward`).
//!
//! Edits of one file are applied in order of position; an edit that overlaps one already applied is skipped and
//! reported (two fixes that rewrite the same text cannot both be right), and identical edits from several
//! findings are applied once. Files are written atomically: a temporary file in the same directory, synced,
//! then renamed over the original, so a crash leaves either the old text or the new, never half of it.
//! `fix` exits 0 when it did what was asked, whatever findings remain (`fklint check` judges those); 2 on errors.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use fklint::diagnostic::Edit;
use fklint::{Report, Source};
use similar::TextDiff;

use crate::args::FixArgs;
use crate::inputs::Inputs;
use crate::output::write_stdout;
use crate::prepare::{prepare, Prepared};
use crate::render::texts::plural;

pub fn run(args: &FixArgs) -> Result<ExitCode> {
    let Prepared {
        inputs, options, ..
    } = prepare(&args.input)?;
    let report = fklint::check(&inputs.sources, &options);
    if args.forward {
        let sql = forward_sql(&report);
        if sql.is_empty() {
            eprintln!("fklint: no finding has forward SQL");
        }
        write_stdout(&sql)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Edits go into the whole files (a goose file's Down section, a TypeScript migration's code included): the
    // parts that run sit at the same offsets there.
    let files = whole_files(&inputs);
    let plan = plan(&report, &files);
    for skipped in &plan.skipped {
        eprintln!("fklint: warning: {skipped}");
    }
    if args.write {
        let written = write_files(&inputs, &plan)?;
        let fixed = fixed_sources(&inputs.sources, &self::plan(&report, &inputs.sources));
        let remaining = fklint::check(&fixed, &options).findings.len();
        write_stdout(&format!(
            "fixed {} in {}; {} remain\n",
            plural(plan.applied(), "edit", "edits"),
            plural(written, "file", "files"),
            plural(remaining, "finding", "findings"),
        ))?;
    } else {
        write_stdout(&unified_diff(&files, &plan))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Each source as its whole file: the parts that run on "up" are the file's own bytes at the same offsets.
fn whole_files(inputs: &Inputs) -> Vec<Source> {
    inputs
        .sources
        .iter()
        .zip(&inputs.origins)
        .map(|(source, origin)| match &origin.original {
            Some(whole) => Source::new(source.name.clone(), whole.clone()),
            None => source.clone(),
        })
        .collect()
}

/// The new text of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    pub source: usize,
    pub text: String,
    pub applied: usize,
}

/// Every file's new text, and the edits that could not be applied.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<FixedFile>,
    pub skipped: Vec<String>,
}

impl Plan {
    fn applied(&self) -> usize {
        self.files.iter().map(|f| f.applied).sum()
    }
}

/// One edit with the finding it fixes.
struct Pending<'a> {
    code: &'static str,
    edit: &'a Edit,
}

/// Applies every finding's edits to the texts they point into.
pub fn plan(report: &Report, sources: &[Source]) -> Plan {
    let mut plan = Plan::default();
    for (index, source) in sources.iter().enumerate() {
        let mut pending: Vec<Pending> = report
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref().map(|fix| (f.code, fix)))
            .flat_map(|(code, fix)| fix.edits.iter().map(move |edit| Pending { code, edit }))
            .filter(|p| p.edit.file == source.name)
            .collect();
        if pending.is_empty() {
            continue;
        }
        // Stable: edits at one position stay in finding order (two insertions after one statement).
        pending.sort_by_key(|p| (p.edit.start, p.edit.end));
        let (text, applied) = apply_edits(source, &pending, &mut plan.skipped);
        if applied > 0 {
            plan.files.push(FixedFile {
                source: index,
                text,
                applied,
            });
        }
    }
    plan
}

/// Applies sorted edits to one source, skipping duplicates silently and overlaps with a message.
fn apply_edits(source: &Source, pending: &[Pending], skipped: &mut Vec<String>) -> (String, usize) {
    let text = &source.text;
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    let mut seen: HashSet<(usize, usize, &str)> = HashSet::new();
    for Pending { code, edit } in pending {
        if !seen.insert((edit.start, edit.end, edit.replacement.as_str())) {
            continue;
        }
        let where_ = format!(
            "{code} edit of {} at bytes {}..{}",
            source.name, edit.start, edit.end
        );
        if edit.start < cursor {
            skipped.push(format!(
                "{where_} overlaps another edit; it was not applied"
            ));
            continue;
        }
        let in_text = edit.start <= edit.end
            && text.is_char_boundary(edit.start)
            && text.is_char_boundary(edit.end);
        let Some(before) = text.get(cursor..edit.start).filter(|_| in_text) else {
            skipped.push(format!("{where_} is outside the text; it was not applied"));
            continue;
        };
        out.push_str(before);
        out.push_str(&edit.replacement);
        cursor = edit.end;
        applied += 1;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    (out, applied)
}

/// The sources with the plan's texts in place of the old ones.
fn fixed_sources(sources: &[Source], plan: &Plan) -> Vec<Source> {
    let mut fixed = sources.to_vec();
    for file in &plan.files {
        if let Some(source) = fixed.get_mut(file.source) {
            source.text.clone_from(&file.text);
        }
    }
    fixed
}

/// A unified diff of every changed file (empty when nothing changes).
pub fn unified_diff(sources: &[Source], plan: &Plan) -> String {
    let mut out = String::new();
    for file in &plan.files {
        let Some(source) = sources.get(file.source) else {
            continue;
        };
        let diff = TextDiff::from_lines(source.text.as_str(), file.text.as_str());
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&source.name, &source.name)
                .to_string(),
        );
    }
    out
}

/// Every finding's forward SQL, in finding order, each once, after a comment naming the finding.
pub fn forward_sql(report: &Report) -> String {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for finding in &report.findings {
        let Some(sql) = finding.fix.as_ref().and_then(|f| f.sql.as_deref()) else {
            continue;
        };
        let sql = sql.trim();
        if sql.is_empty() || !seen.insert(sql) {
            continue;
        }
        let first_line = finding.message.lines().next().unwrap_or("");
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("-- {}: {first_line}\n{sql}\n", finding.code));
    }
    out
}

/// Writes every changed file that can be written back exactly; returns how many were written.
fn write_files(inputs: &Inputs, plan: &Plan) -> Result<usize> {
    let mut targets = Vec::new();
    for file in &plan.files {
        let name = inputs
            .sources
            .get(file.source)
            .map_or("", |s| s.name.as_str());
        let Some(origin) = inputs.origins.get(file.source) else {
            continue;
        };
        let Some(path) = &origin.path else {
            bail!("`{name}` is standard input: it cannot be written (use `fklint fix --diff`)");
        };
        if origin.lossy {
            bail!("`{name}` is not valid UTF-8: fklint will not rewrite it");
        }
        targets.push((path, &file.text));
    }
    // Checked all before writing any, so an error never leaves the migrations half fixed.
    for (path, text) in &targets {
        write_atomically(path, text)?;
    }
    Ok(targets.len())
}

/// The temporary file a write goes through: hidden, next to the target (a rename is atomic only within one
/// file system), and unique to this run.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "fklint".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.fklint-{}.tmp", run_tag()))
}

/// The process id, or under WASI, which has none, the time in nanoseconds (the file is created with
/// `create_new`, so a clash fails instead of sharing a file).
fn run_tag() -> String {
    #[cfg(not(target_os = "wasi"))]
    let tag = std::process::id().to_string();
    #[cfg(target_os = "wasi")]
    let tag = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos())
        .to_string();
    tag
}

/// Replaces the file's contents all at once: write a temporary file, sync it, rename it over the target.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    // Through a symbolic link, the file it points at is the one to replace (renaming over the link would
    // replace the link itself).
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let temp = temp_path(&target);
    let result = write_temp(&target, &temp, text).and_then(|()| {
        fs::rename(&temp, &target).with_context(|| format!("cannot replace `{}`", target.display()))
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    sync_directory(&target);
    Ok(())
}

fn write_temp(target: &Path, temp: &Path, text: &str) -> Result<()> {
    let context = || format!("cannot write `{}`", temp.display());
    let mut file: File = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .with_context(context)?;
    file.write_all(text.as_bytes()).with_context(context)?;
    keep_permissions(target, &file).with_context(context)?;
    file.sync_all().with_context(context)
}

/// The new file gets the old one's permissions.
#[cfg(not(target_os = "wasi"))]
fn keep_permissions(target: &Path, file: &File) -> std::io::Result<()> {
    match fs::metadata(target) {
        Ok(metadata) => file.set_permissions(metadata.permissions()),
        Err(_) => Ok(()),
    }
}

/// WASI (`npx fklint`) has no permission bits: the new file gets the default ones (umask).
#[cfg(target_os = "wasi")]
fn keep_permissions(_target: &Path, _file: &File) -> std::io::Result<()> {
    Ok(())
}

/// Makes the rename itself durable where the platform allows it (a directory can be synced on Unix only).
fn sync_directory(target: &Path) {
    if let Some(dir) = target.parent() {
        if let Ok(handle) = File::open(dir) {
            let _ = handle.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fklint::Options;

    const USER_TYPO: &str = "CREATE TABLE users (id uuid PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id integer REFERENCES \"user\" (id));\nCREATE INDEX posts_author_id_idx ON posts (author_id);\n";

    fn sources(text: &str) -> Vec<Source> {
        vec![Source::new("m.sql", text)]
    }

    fn edit(start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            file: "m.sql".into(),
            start,
            end,
            replacement: replacement.into(),
        }
    }

    #[test]
    fn fixed_text_checks_clean() {
        let sources = sources(USER_TYPO);
        let report = fklint::check(&sources, &Options::default());
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
        assert!(codes.contains(&"FK101"), "{codes:?}");
        let plan = plan(&report, &sources);
        assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
        let fixed = fixed_sources(&sources, &plan);
        assert!(fixed[0]
            .text
            .contains("author_id uuid REFERENCES users (id)"));
        let again = fklint::check(&fixed, &Options::default());
        assert!(again.findings.is_empty(), "{:#?}", again.findings);
    }

    #[test]
    fn overlapping_edits_are_skipped_and_duplicates_applied_once() {
        let source = Source::new("m.sql", "abcdef");
        let edits = [
            edit(1, 3, "X"),
            edit(1, 3, "X"),
            edit(2, 4, "Y"),
            edit(4, 4, "+"),
            edit(4, 4, "-"),
            edit(4, 6, "Z"),
        ];
        let pending: Vec<Pending> = edits
            .iter()
            .map(|edit| Pending {
                code: "FK101",
                edit,
            })
            .collect();
        let mut skipped = Vec::new();
        let (text, applied) = apply_edits(&source, &pending, &mut skipped);
        assert_eq!(text, "aXd+-Z");
        assert_eq!(applied, 4);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].contains("2..4"), "{skipped:?}");
    }

    #[test]
    fn edits_out_of_range_do_not_panic() {
        let source = Source::new("m.sql", "é");
        let edits = [edit(1, 1, "x"), edit(0, 99, "y"), edit(5, 9, "z")];
        let pending: Vec<Pending> = edits
            .iter()
            .map(|edit| Pending {
                code: "FK101",
                edit,
            })
            .collect();
        let mut skipped = Vec::new();
        let (text, applied) = apply_edits(&source, &pending, &mut skipped);
        assert_eq!((text.as_str(), applied, skipped.len()), ("é", 0, 3));
    }

    #[test]
    fn forward_sql_is_commented_and_deduplicated() {
        let sources = sources(USER_TYPO);
        let mut report = fklint::check(&sources, &Options::default());
        let copy = report.findings[0].clone();
        report.findings.push(copy);
        let sql = forward_sql(&report);
        assert!(sql.starts_with("-- FK"), "{sql}");
        let statements = sql.matches("CREATE TABLE posts").count();
        assert_eq!(statements, 1, "{sql}");
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("fklint-fix-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("m.sql");
        fs::write(&file, "old").unwrap();
        write_atomically(&file, "new").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        assert!(!temp_path(&file).exists());
        // A write that cannot go through the temporary file fails and leaves the old text whole.
        fs::create_dir_all(temp_path(&fs::canonicalize(&file).unwrap())).unwrap();
        assert!(write_atomically(&file, "newer").is_err());
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        let _ = fs::remove_dir_all(&dir);
    }
}
