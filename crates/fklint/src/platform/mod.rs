//! Platform presets: what a hosted platform (Supabase) creates before a project's migrations run, so that
//! references to it resolve instead of being "missing".
//!
//! A preset is a data file: SQL replayed before the sources, with a header of `-- key: value` lines saying which
//! schemas the platform owns, which text in the migrations proposes the preset, and which function returns the
//! signed-in user's id and which table holds it. Adding a platform is adding a file to [`PRESETS`].

use crate::ident::QualName;
use crate::source::Source;

/// The preset files, by name.
const PRESETS: &[(&str, &str)] = &[("supabase", include_str!("supabase.sql"))];

/// A platform preset, read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub sql: &'static str,
    /// Schemas the platform owns: the project's migrations do not create or change them.
    pub managed_schemas: Vec<String>,
    /// Text whose presence in the migrations proposes the preset (matched case-insensitively).
    pub markers: Vec<String>,
    /// The table of the platform's users and its key, e.g. `auth.users (id)`.
    pub identity_table: Option<(QualName, String)>,
    /// The function that returns the signed-in user's key, e.g. `auth.uid`.
    pub identity_function: Option<QualName>,
}

impl Preset {
    /// The preset's SQL as a source (replayed before the project's sources).
    pub fn source(&self) -> Source {
        Source::new(format!("<{} platform>", self.name), self.sql)
    }

    /// `Supabase`: the name as people write it.
    pub fn display_name(&self) -> String {
        let mut chars = self.name.chars();
        chars
            .next()
            .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    }

    pub fn manages(&self, schema: &str) -> bool {
        self.managed_schemas.iter().any(|s| s == schema)
    }
}

/// Every preset fklint knows, read from its file.
pub fn presets() -> impl Iterator<Item = Preset> {
    PRESETS.iter().map(|(name, sql)| read(name, sql))
}

/// The preset with this name (`None` for an unknown name).
pub fn preset(name: &str) -> Option<Preset> {
    presets().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// The names of all presets, for messages and option checks.
pub fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

/// The platform of a run: the preset replayed before the sources, and the platform the migrations are written
/// for (the same, or one the sources stub themselves).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detection {
    pub replayed: Option<Preset>,
    pub known: Option<Preset>,
}

/// The configured platform (`none` turns detection off), or the first whose markers appear in the sources. A
/// project that creates the platform's users table itself (a stub for local tests) describes the platform on
/// its own: it is known, but its preset is not replayed unless configured (the preset's table would shadow the
/// project's own).
pub fn detect(configured: Option<&str>, sources: &[Source]) -> Detection {
    match configured {
        Some(name) if name.eq_ignore_ascii_case("none") => Detection::default(),
        Some(name) => Detection {
            replayed: preset(name),
            known: preset(name),
        },
        None => {
            let Some(found) = presets().find(|p| proposed_by(p, sources)) else {
                return Detection::default();
            };
            // Lower-cased only for a project the platform's markers propose (the check is linear in the input).
            let lowered: Vec<String> = sources
                .iter()
                .map(|s| s.text.to_ascii_lowercase())
                .collect();
            Detection {
                replayed: (!stubbed(&found, &lowered)).then(|| found.clone()),
                known: Some(found),
            }
        }
    }
}

/// The preset to replay (see [`detect`]).
pub fn choose(configured: Option<&str>, sources: &[Source]) -> Option<Preset> {
    detect(configured, sources).replayed
}

/// Whether the sources mention what only this platform provides (the markers are lower case; the sources are
/// matched ignoring ASCII case, without a lowered copy of them).
fn proposed_by(preset: &Preset, sources: &[Source]) -> bool {
    sources
        .iter()
        .any(|source| contains_any_ignoring_ascii_case(&source.text, &preset.markers))
}

/// Whether `text` contains one of `needles` ignoring ASCII case. A caseless ASCII byte of a needle (the `.` of
/// `auth.users`) is the same byte in every match, so the text is searched once per distinct such byte (one
/// pass for markers that all hold a `.`), and the needles are compared around each occurrence; a needle of
/// letters only is compared at every position.
fn contains_any_ignoring_ascii_case(text: &str, needles: &[String]) -> bool {
    let hay = text.as_bytes();
    let matches_at = |needle: &[u8], start: usize| {
        hay.get(start..start + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    };
    // Each needle with where its first caseless byte is.
    let mut anchored: Vec<(usize, &[u8])> = Vec::new();
    for needle in needles.iter().map(String::as_bytes) {
        match needle
            .iter()
            .position(|b| b.is_ascii() && !b.is_ascii_alphabetic())
        {
            Some(at) => anchored.push((at, needle)),
            None => {
                let last = hay.len().saturating_sub(needle.len());
                if (0..=last).any(|start| matches_at(needle, start)) {
                    return true;
                }
            }
        }
    }
    let mut anchors: Vec<u8> = anchored.iter().map(|&(at, needle)| needle[at]).collect();
    anchors.sort_unstable();
    anchors.dedup();
    anchors.iter().any(|&anchor| {
        text.match_indices(char::from(anchor)).any(|(found, _)| {
            anchored.iter().any(|&(at, needle)| {
                needle[at] == anchor
                    && found
                        .checked_sub(at)
                        .is_some_and(|start| matches_at(needle, start))
            })
        })
    })
}

/// Whether the lower-cased sources create the platform's users table (`CREATE TABLE [IF NOT EXISTS]
/// auth.users`, any spacing).
fn stubbed(preset: &Preset, lowered: &[String]) -> bool {
    let Some((table, _)) = &preset.identity_table else {
        return false;
    };
    let name = format!("{}.{}", table.schema, table.name);
    lowered.iter().any(|text| {
        text.match_indices(name.as_str()).any(|(at, _)| {
            let before = text.get(..at).unwrap_or("");
            let words: Vec<&str> = before.split_whitespace().rev().take(5).collect();
            matches!(
                words.as_slice(),
                ["table", "create", ..] | ["exists", "not", "if", "table", "create"]
            )
        })
    })
}

/// Reads a preset's header lines (`-- key: value`).
fn read(name: &'static str, sql: &'static str) -> Preset {
    let header = |key: &str| -> Vec<String> {
        sql.lines()
            .take_while(|l| l.starts_with("--"))
            .filter_map(|l| l.trim_start_matches('-').trim().strip_prefix(key))
            .filter_map(|rest| rest.strip_prefix(':'))
            .flat_map(|value| value.split(',').map(|v| v.trim().to_ascii_lowercase()))
            .filter(|v| !v.is_empty())
            .collect()
    };
    let identity = header("identity");
    let identity = identity.first().map(String::as_str).unwrap_or("");
    // `auth.users (id) auth.uid()`
    let mut parts = identity.split_whitespace();
    let table = parts.next().and_then(qualified);
    let column = parts
        .next()
        .map(|c| c.trim_matches(|ch| ch == '(' || ch == ')').to_string());
    let function = parts
        .next()
        .and_then(|f| qualified(f.trim_end_matches("()")));
    Preset {
        name,
        sql,
        managed_schemas: header("managed-schemas"),
        markers: header("detect"),
        identity_table: table.zip(column),
        identity_function: function,
    }
}

fn qualified(text: &str) -> Option<QualName> {
    let (schema, name) = text.split_once('.')?;
    Some(QualName::new(schema, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_ignoring_ascii_case_only() {
        for (text, needle, found) in [
            ("SELECT AUTH.UID()", "auth.uid(", true),
            ("x auth.Users y", "auth.users", true),
            ("auth.users", "auth.users", true),
            ("xauth.users", "auth.users", true),
            ("auth . users", "auth.users", false),
            ("auth.user", "auth.users", false),
            ("üauth.usersü", "auth.users", true),
            ("AUTHX", "authx", true),
            ("AUTH", "authx", false),
            ("", "auth.users", false),
            ("anything", "", true),
            // Only ASCII letters match across case.
            ("ÄUTH.USERS", "äuth.users", false),
            ("f(x)", "f(x)", true),
        ] {
            assert_eq!(
                contains_any_ignoring_ascii_case(text, &[needle.to_string()]),
                found,
                "{needle:?} in {text:?}"
            );
            assert_eq!(
                text.to_ascii_lowercase().contains(needle),
                found,
                "{needle:?} in {text:?}"
            );
        }
    }

    #[test]
    fn any_marker_is_found_in_one_pass_per_caseless_byte() {
        let markers: Vec<String> = ["auth.users", "auth.uid(", "storage.objects", "realtime"]
            .map(String::from)
            .to_vec();
        let found = |text: &str| contains_any_ignoring_ascii_case(text, &markers);
        assert!(found("select Auth.Uid()") && found("x STORAGE.objects") && found("REALTIME"));
        assert!(!found("auth.use storage.object auth.uid realtim"));
        assert!(!contains_any_ignoring_ascii_case("anything", &[]));
    }

    #[test]
    fn the_supabase_preset_reads_its_header() {
        let p = preset("supabase").expect("the supabase preset exists");
        assert!(p.manages("auth") && p.manages("storage") && !p.manages("public"));
        assert!(p.markers.contains(&"auth.users".to_string()));
        assert_eq!(
            p.identity_table,
            Some((QualName::new("auth", "users"), "id".to_string()))
        );
        assert_eq!(p.identity_function, Some(QualName::new("auth", "uid")));
    }

    #[test]
    fn choose_detects_or_obeys_the_configuration() {
        let supabase = [Source::new(
            "a.sql",
            "CREATE TABLE t (u uuid REFERENCES AUTH.USERS);",
        )];
        let plain = [Source::new("a.sql", "CREATE TABLE t (id int);")];
        assert_eq!(choose(None, &supabase).map(|p| p.name), Some("supabase"));
        assert_eq!(choose(None, &plain), None);
        assert_eq!(choose(Some("none"), &supabase), None);
        assert_eq!(
            choose(Some("Supabase"), &plain).map(|p| p.name),
            Some("supabase")
        );
        assert_eq!(choose(Some("heroku"), &plain), None);
        let stub = [Source::new(
            "a.sql",
            "CREATE TABLE  IF NOT EXISTS\n auth.users (id uuid PRIMARY KEY);\nSELECT auth.uid();",
        )];
        assert_eq!(choose(None, &stub), None);
        assert_eq!(detect(None, &stub).known.map(|p| p.name), Some("supabase"));
        assert_eq!(detect(Some("none"), &stub).known, None);
        assert_eq!(
            choose(Some("supabase"), &stub).map(|p| p.name),
            Some("supabase")
        );
    }
}
