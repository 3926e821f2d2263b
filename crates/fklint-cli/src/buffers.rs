//! `--buffers FILE`: texts that stand in for files on disk. An editor checks what the user sees, unsaved
//! changes included, with exactly the CLI's configuration and file order: `fklint lsp` (the npm package) runs
//! the CLI with the open buffers in such a file. Every other file is read from disk as usual.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// File texts by the file's identity (its canonical path).
#[derive(Debug, Default)]
pub struct Buffers(HashMap<PathBuf, String>);

impl Buffers {
    /// Reads a JSON object `{ "path": "text", ... }`; relative paths are relative to the current directory.
    pub fn load(file: &Path) -> Result<Buffers> {
        let text = fs::read_to_string(file)
            .with_context(|| format!("cannot read buffers `{}`", file.display()))?;
        Buffers::parse(&text).with_context(|| {
            format!(
                "`{}` is not a JSON object of file paths to texts",
                file.display()
            )
        })
    }

    fn parse(json: &str) -> Result<Buffers> {
        let texts: HashMap<String, String> = serde_json::from_str(json)?;
        Ok(Buffers(
            texts
                .into_iter()
                .map(|(path, text)| (identity(Path::new(&path)), text))
                .collect(),
        ))
    }

    /// The bytes of `path` (its buffer when there is one, else the file on disk) and what makes two names of it equal. Without buffers (every run but the
    /// language server's) that is the file's device and inode, which the open file tells without another
    /// system call: ten thousand migrations cost ten thousand reads, not as many path resolutions too.
    pub fn read_with_identity(&self, path: &Path) -> io::Result<(Vec<u8>, Identity)> {
        if self.0.is_empty() {
            return read_file(path);
        }
        let canonical = identity(path);
        let bytes = match self.0.get(&canonical) {
            Some(text) => text.clone().into_bytes(),
            None => fs::read(path)?,
        };
        Ok((bytes, Identity::Path(canonical)))
    }
}

/// What makes two names of one file equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    /// Device and inode of the open file.
    Inode(u64, u64),
    /// The canonical path (or the path itself when it cannot be resolved).
    Path(PathBuf),
}

#[cfg(unix)]
fn read_file(path: &Path) -> io::Result<(Vec<u8>, Identity)> {
    use std::io::Read;
    use std::os::unix::fs::MetadataExt;
    let mut file = fs::File::open(path)?;
    let metadata = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, Identity::Inode(metadata.dev(), metadata.ino())))
}

#[cfg(not(unix))]
fn read_file(path: &Path) -> io::Result<(Vec<u8>, Identity)> {
    Ok((fs::read(path)?, Identity::Path(identity(path))))
}

/// What makes two names of one file equal: the canonical path, or the path itself when it cannot be resolved.
pub fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_replaces_the_file_on_disk() {
        let dir = std::env::temp_dir().join(format!("fklint-buffers-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let open = dir.join("1.sql");
        let other = dir.join("2.sql");
        fs::write(&open, "on disk").unwrap();
        fs::write(&other, "untouched").unwrap();
        let json = serde_json::json!({ dir.join("./1.sql").to_string_lossy(): "in the editor" });
        let buffers = Buffers::parse(&json.to_string()).unwrap();
        assert_eq!(
            buffers.read_with_identity(&open).unwrap().0,
            b"in the editor"
        );
        assert_eq!(buffers.read_with_identity(&other).unwrap().0, b"untouched");
        assert!(Buffers::parse("[1]").is_err());
        let _ = fs::remove_dir_all(&dir);
    }
}
