//! The small glob language of `fklint.toml` (`exclude`, `order`, `[databases]`), matched against paths relative
//! to the configuration file's directory, with `/` separators:
//!
//! - `*` matches any run of characters within one path component, `?` one character;
//! - `**` as a whole component matches any number of components (`migrations/**/seed_*.sql`);
//! - a pattern without `/` matches a component at any depth (`*.down.sql`, `legacy`), as in `.gitignore`;
//! - a pattern that matches a directory matches everything under it (`migrations/legacy`).
//!
//! A tiny matcher instead of a dependency: these patterns are few and short.

use std::path::{Component, Path};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    text: String,
    components: Vec<String>,
}

impl Glob {
    /// Parses a pattern; None when it is empty or leaves the configuration's directory (`..`, absolute).
    pub fn new(text: &str) -> Option<Glob> {
        let trimmed = text.trim().trim_start_matches("./");
        if trimmed.is_empty() || trimmed.starts_with('/') {
            return None;
        }
        let mut components: Vec<String> = trimmed
            .split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .map(str::to_string)
            .collect();
        if components.is_empty() || components.iter().any(|c| c == "..") {
            return None;
        }
        if components.len() == 1 && components[0] != "**" {
            components.insert(0, "**".to_string());
        }
        Some(Glob {
            text: text.to_string(),
            components,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether `relative` (a path relative to the configuration's directory) or a directory above it matches.
    pub fn matches(&self, relative: &Path) -> bool {
        let parts: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        (1..=parts.len()).any(|n| match_components(&self.components, &parts[..n]))
    }
}

fn match_components(pattern: &[String], path: &[String]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| match_components(rest, &path[skip..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((part, path_rest)) => {
                match_component(first.as_bytes(), part.as_bytes())
                    && match_components(rest, path_rest)
            }
            None => false,
        },
    }
}

/// `*` and `?` within one component (bytes: the patterns and names that matter here are ASCII).
fn match_component(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|skip| match_component(rest, &name[skip..])),
        Some((b'?', rest)) => !name.is_empty() && match_component(rest, &name[1..]),
        Some((c, rest)) => name.first() == Some(c) && match_component(rest, &name[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().matches(Path::new(path))
    }

    #[test]
    fn stars_stay_within_a_component() {
        assert!(matches("migrations/*.sql", "migrations/0001_init.sql"));
        assert!(!matches("migrations/*.sql", "migrations/old/0001_init.sql"));
        assert!(matches(
            "migrations/**/*.sql",
            "migrations/old/0001_init.sql"
        ));
        assert!(matches("migrations/**/*.sql", "migrations/0001_init.sql"));
        assert!(matches("m/000?_*.sql", "m/0001_init.sql"));
    }

    #[test]
    fn patterns_without_slash_match_at_any_depth_and_directories_match_their_files() {
        assert!(matches("*.down.sql", "db/migrations/0002.down.sql"));
        assert!(matches("legacy", "db/legacy/0001.sql"));
        assert!(matches("db/legacy", "db/legacy/x/0001.sql"));
        assert!(!matches("db/legacy", "db/legacy_v2/0001.sql"));
        assert!(matches("./seeds/", "seeds/a.sql"));
    }

    #[test]
    fn patterns_leaving_the_directory_are_rejected() {
        for bad in ["", "  ", "/etc/*.sql", "../x.sql", "a/../b"] {
            assert!(Glob::new(bad).is_none(), "{bad:?}");
        }
    }
}
