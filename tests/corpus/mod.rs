//! The real-world corpus (`../shared/corpus`, the project root's sibling): loading items in apply order with
//! their pre-steps, and their truth (`truth/`). See `shared/corpus/README.md` and `MANIFEST.tsv`.
//!
//! The corpus is never copied into the repository. When it is missing, tests print a note and skip; with
//! `FKLINT_REQUIRE_CORPUS=1` they fail instead (CI sets it). `FKLINT_CORPUS_DIR` points elsewhere.
//!
//! # Items, pre-steps and truth
//!
//! Each PostgreSQL item is applied exactly as the truth was made: the item's files in `ORDER.txt` order, after
//! the pre-steps its README/MANIFEST notes call for, given as extra sources in front:
//!
//! - `musicbrainz`: `Extensions.sql` already creates `musicbrainz.ll_to_earth`, so the schema must exist and
//!   the search path be `musicbrainz, public` first (the notes: "needs schema musicbrainz +
//!   search_path=musicbrainz,public"). A synthetic source does that.
//! - `musicbrainz-pgdump15`, `pagila-pgdump18`, `gisia`, `openstreetmap`: pg_dump output is self-contained
//!   (`CREATE SCHEMA`, `set_config('search_path', '', false)`, qualified names); nothing to add.
//! - `chinook`: `DROP DATABASE` / `CREATE DATABASE chinook` / `\c chinook` are part of the file; the splitter
//!   must take `\c` as a psql meta-command. Nothing to add.
//! - `adventureworks`: `\pset` and `\copy ... FROM 'x.csv'` lines are psql meta-commands (the CSVs are absent;
//!   they only load rows). Nothing to add.
//! - `supabase-*`: the migrations assume a Supabase database. Two stubs exist: `supabase_stub.sql` (min: roles,
//!   `auth.users`, `auth.uid()`) and `supabase_stub_ext.sql` (ext: `\i` of the min stub, then `auth.role()`,
//!   `auth.jwt()`, the `extensions` schema with `uuid_generate_v4()`, `storage.buckets`/`storage.objects` (with
//!   the FK `objects_bucket_id_fkey`), a publication). Truth comes in two variants, `<item>.min.fks.tsv` and
//!   `<item>.ext.fks.tsv`, made with each stub. The pairing:
//!     - `supabase-basejump`: ext stub + ext truth. With the min stub PostgreSQL rejected the migrations
//!       (`extensions.uuid_generate_v4()` does not exist), and the min truth is empty.
//!     - `supabase-nextjs-subscription-payments`: min stub + min truth (applies on the min stub; ext truth =
//!       min truth + the stub's own `storage.objects` FK). The ext pairing is also run, as the variant
//!       `supabase-nextjs-subscription-payments+ext`.
//!     - `supabase-storage`: min stub + `supabase-storage.fks.tsv` (one truth only). The item creates the
//!       `storage` schema itself; the ext stub would pre-create `storage.objects` and PostgreSQL's FK would be
//!       the stub's `objects_bucket_id_fkey`, not the item's `objects_bucketId_fkey` that the truth holds.
//!
//!   The ext stub is given byte for byte: its first statement `\i /tmp/corpus/_tools/supabase_stub.sql` is a
//!   psql meta-command, so the min stub is given as the source before it, which is what `\i` did.
//! - Truth gaps ([`TruthGap`]): two items define FKs that the truth server could not create for reasons
//!   outside the sources: `adventureworks` (`FK_ProductReview_Product_ProductID`: rows INSERTed into
//!   ProductReview reference products that only the absent `Product.csv` would load) and `openstreetmap`
//!   (the two `moderation_zones` FKs: no PostGIS on the server, so the table was never created). They are
//!   expected as extras, printed on every run, and fail the test once fklint stops reporting them.
//! - Truth server: `truth/pg15/` except `pagila` and `pagila-pgdump18`, which need PostgreSQL 18 (uuidv7(),
//!   VIRTUAL generated columns; on 15 part of pagila failed) and use `truth/pg18/`.

pub mod compare;
pub mod truth;

use std::path::{Path, PathBuf};

pub use compare::{diff_foreign_keys, FkDiff, FkKey};
pub use truth::{parse_fk_definition, parse_truth, Action, FkDefinition, QualName, TruthFk};

/// Set to `1` to make a missing corpus a failure instead of a skip.
pub const REQUIRE_ENV: &str = "FKLINT_REQUIRE_CORPUS";
/// Overrides where the corpus is (default: `<workspace>/../shared/corpus`).
pub const DIR_ENV: &str = "FKLINT_CORPUS_DIR";

/// `<workspace>/../shared/corpus` (or `$FKLINT_CORPUS_DIR`), when it exists.
pub fn corpus_root() -> Option<PathBuf> {
    let root = match std::env::var_os(DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => default_root(),
    };
    if root.join("MANIFEST.tsv").is_file() {
        Some(root.canonicalize().unwrap_or(root))
    } else {
        None
    }
}

/// `<workspace>/../shared/corpus`: `tests/` is a workspace member right under the workspace root.
fn default_root() -> PathBuf {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = tests.parent().unwrap_or(tests);
    workspace
        .parent()
        .unwrap_or(workspace)
        .join("shared")
        .join("corpus")
}

/// Whether `FKLINT_REQUIRE_CORPUS=1`.
pub fn corpus_required() -> bool {
    std::env::var(REQUIRE_ENV).is_ok_and(|v| v.trim() == "1")
}

/// The corpus root; when it is missing, prints a note saying that `what` is skipped and returns `None`, or
/// panics when `FKLINT_REQUIRE_CORPUS=1`.
pub fn corpus_root_or_skip(what: &str) -> Option<PathBuf> {
    if let Some(root) = corpus_root() {
        return Some(root);
    }
    let message = format!(
        "corpus not found at {} (the project root's sibling `shared/corpus`, or ${DIR_ENV})",
        default_root().display()
    );
    if corpus_required() {
        panic!("{message}, and {REQUIRE_ENV}=1: {what} cannot run");
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "note: {message}: {what} SKIPPED (set {REQUIRE_ENV}=1 to make this a failure)"
    );
    None
}

/// A pre-step given as an extra source in front of an item's files.
#[derive(Debug, Clone, Copy)]
pub enum PreStep {
    /// Synthetic SQL; the source is named `<item dir>/<name>`.
    Sql {
        name: &'static str,
        text: &'static str,
    },
    /// A file of the corpus (path relative to the corpus root), given byte for byte under that path.
    CorpusFile(&'static str),
}

/// How one PostgreSQL item is applied and judged.
#[derive(Debug, Clone, Copy)]
pub struct ItemSpec {
    /// Item name: the directory name, plus `+variant` for an extra pairing of the same files.
    pub name: &'static str,
    /// Directory under `postgres/`.
    pub dir: &'static str,
    pub pre_steps: &'static [PreStep],
    /// Truth file, relative to `truth/`.
    pub truth: &'static str,
    /// FKs the sources define that the truth server could not create for reasons outside the sources.
    pub truth_gaps: &'static [TruthGap],
}

/// An FK that the sources define and fklint rightly reports, but that the truth lacks because of how the
/// truth server was set up (a missing extension, CSV data that is not in the corpus). The comparison expects
/// it as an extra, and fails when it is no longer reported (a stale gap).
#[derive(Debug, Clone, Copy)]
pub struct TruthGap {
    /// `schema.table` as stored.
    pub table: &'static str,
    pub constraint: &'static str,
    pub why: &'static str,
}

impl ItemSpec {
    /// A second pairing of an item already in the list (not counted twice in corpus-wide numbers).
    pub fn is_variant(&self) -> bool {
        self.name != self.dir
    }
}

const MUSICBRAINZ_PRE: &[PreStep] = &[PreStep::Sql {
    name: "<pre-step>.sql",
    text: "CREATE SCHEMA musicbrainz;\nSET search_path = musicbrainz, public;\n",
}];
const SUPABASE_MIN: &[PreStep] = &[PreStep::CorpusFile("stubs/supabase_stub.sql")];
const SUPABASE_EXT: &[PreStep] = &[
    PreStep::CorpusFile("stubs/supabase_stub.sql"),
    PreStep::CorpusFile("stubs/supabase_stub_ext.sql"),
];

/// Every PostgreSQL item, in MANIFEST order, with its pairing (see the module docs for why).
pub const POSTGRES_ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "pagila",
        dir: "pagila",
        pre_steps: &[],
        truth: "pg18/pagila.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "chinook",
        dir: "chinook",
        pre_steps: &[],
        truth: "pg15/chinook.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "northwind",
        dir: "northwind",
        pre_steps: &[],
        truth: "pg15/northwind.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "adventureworks",
        dir: "adventureworks",
        pre_steps: &[],
        truth: "pg15/adventureworks.fks.tsv",
        truth_gaps: &[TruthGap {
            table: "production.productreview",
            constraint: "FK_ProductReview_Product_ProductID",
            why: "install.sql INSERTs ProductReview rows (line 671) referencing products that only the absent \
                  Product.csv (\\copy, line 642) would load, so PostgreSQL rejected the ADD CONSTRAINT \
                  (23503) on the truth server; with the CSVs it succeeds",
        }],
    },
    ItemSpec {
        name: "sakila-jooq",
        dir: "sakila-jooq",
        pre_steps: &[],
        truth: "pg15/sakila-jooq.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "musicbrainz",
        dir: "musicbrainz",
        pre_steps: MUSICBRAINZ_PRE,
        truth: "pg15/musicbrainz.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "openstreetmap",
        dir: "openstreetmap",
        pre_steps: &[],
        truth: "pg15/openstreetmap.fks.tsv",
        truth_gaps: &[
            TruthGap {
                table: "public.moderation_zones",
                constraint: "fk_rails_6a0b70e3da",
                why: "the truth server had no PostGIS: CREATE EXTENSION postgis failed, so did CREATE TABLE \
                      moderation_zones (zone public.geometry) and its FKs",
            },
            TruthGap {
                table: "public.moderation_zones",
                constraint: "fk_rails_f2132b7340",
                why: "the truth server had no PostGIS (see fk_rails_6a0b70e3da)",
            },
        ],
    },
    ItemSpec {
        name: "gisia",
        dir: "gisia",
        pre_steps: &[],
        truth: "pg15/gisia.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "guacamole",
        dir: "guacamole",
        pre_steps: &[],
        truth: "pg15/guacamole.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "kratos",
        dir: "kratos",
        pre_steps: &[],
        truth: "pg15/kratos.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "supabase-basejump",
        dir: "supabase-basejump",
        pre_steps: SUPABASE_EXT,
        truth: "pg15/supabase-basejump.ext.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "supabase-nextjs-subscription-payments",
        dir: "supabase-nextjs-subscription-payments",
        pre_steps: SUPABASE_MIN,
        truth: "pg15/supabase-nextjs-subscription-payments.min.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "supabase-nextjs-subscription-payments+ext",
        dir: "supabase-nextjs-subscription-payments",
        pre_steps: SUPABASE_EXT,
        truth: "pg15/supabase-nextjs-subscription-payments.ext.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "supabase-storage",
        dir: "supabase-storage",
        pre_steps: SUPABASE_MIN,
        truth: "pg15/supabase-storage.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "musicbrainz-pgdump15",
        dir: "musicbrainz-pgdump15",
        pre_steps: &[],
        truth: "pg15/musicbrainz-pgdump15.fks.tsv",
        truth_gaps: &[],
    },
    ItemSpec {
        name: "pagila-pgdump18",
        dir: "pagila-pgdump18",
        pre_steps: &[],
        truth: "pg18/pagila-pgdump18.fks.tsv",
        truth_gaps: &[],
    },
];

/// The spec of an item by name.
pub fn postgres_spec(name: &str) -> Option<&'static ItemSpec> {
    POSTGRES_ITEMS.iter().find(|s| s.name == name)
}

/// One corpus item, ready for [`fklint::check`].
#[derive(Debug, Clone)]
pub struct CorpusItem {
    pub name: String,
    pub spec: ItemSpec,
    /// Pre-steps first, then the item's files in `ORDER.txt` order, named `<item dir>/<relative path>`.
    pub sources: Vec<fklint::Source>,
    /// How many of `sources` are pre-steps.
    pub pre_step_count: usize,
    /// Every truth row, partition clones included (`cloned`).
    pub truth: Vec<TruthFk>,
    pub truth_path: PathBuf,
}

impl CorpusItem {
    /// The truth without per-partition copies: what `fklint schema` must report.
    pub fn truth_fks(&self) -> Vec<&TruthFk> {
        self.truth.iter().filter(|fk| !fk.cloned).collect()
    }

    /// Total bytes of all sources, pre-steps included.
    pub fn bytes(&self) -> usize {
        self.sources.iter().map(|s| s.text.len()).sum()
    }
}

/// Loads one item from the corpus at `root`.
pub fn load_item(root: &Path, spec: &ItemSpec) -> Result<CorpusItem, String> {
    let read = |path: &Path| -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut sources = Vec::new();
    for step in spec.pre_steps {
        match *step {
            PreStep::Sql { name, text } => {
                sources.push(fklint::Source::new(format!("{}/{name}", spec.dir), text))
            }
            PreStep::CorpusFile(rel) => {
                sources.push(fklint::Source::new(rel, read(&root.join(rel))?))
            }
        }
    }
    let pre_step_count = sources.len();
    let dir = root.join("postgres").join(spec.dir);
    for rel in read_order(&dir)? {
        let text = read(&dir.join(&rel))?;
        sources.push(fklint::Source::new(format!("{}/{rel}", spec.dir), text));
    }
    let truth_path = root.join("truth").join(spec.truth);
    let truth =
        parse_truth(&read(&truth_path)?).map_err(|e| format!("{}: {e}", truth_path.display()))?;
    Ok(CorpusItem {
        name: spec.name.to_string(),
        spec: *spec,
        sources,
        pre_step_count,
        truth,
        truth_path,
    })
}

/// The relative paths of `ORDER.txt` (blank lines and `#` comments ignored).
/// A project folder as a tool would see it: every file under `dir` but `ORDER.txt`, named by its path relative to `dir` (`/`-separated), sorted.
pub fn read_project(dir: &Path) -> Vec<fklint::Source> {
    let mut paths = Vec::new();
    collect_files(dir, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let rel = path
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "ORDER.txt" {
                return None;
            }
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Some(fklint::Source::new(
                rel,
                String::from_utf8_lossy(&bytes).into_owned(),
            ))
        })
        .collect()
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

pub fn read_order(item_dir: &Path) -> Result<Vec<String>, String> {
    let path = item_dir.join("ORDER.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// One item by name, or `None` (with a note, or a panic under `FKLINT_REQUIRE_CORPUS=1`) when the corpus is
/// missing. Panics on an unknown name or an unreadable item: that is a broken corpus, not a missing one.
pub fn postgres_item(name: &str) -> Option<CorpusItem> {
    let spec = postgres_spec(name).unwrap_or_else(|| panic!("no corpus item named {name:?}"));
    let root = corpus_root_or_skip(&format!("corpus item {name}"))?;
    Some(load_item(&root, spec).unwrap_or_else(|e| panic!("corpus item {name}: {e}")))
}

/// Every PostgreSQL item (variants included, see [`ItemSpec::is_variant`]), or none when the corpus is
/// missing (with a note, or a panic under `FKLINT_REQUIRE_CORPUS=1`).
pub fn postgres_items() -> Vec<CorpusItem> {
    let Some(root) = corpus_root_or_skip("the PostgreSQL corpus") else {
        return Vec::new();
    };
    POSTGRES_ITEMS
        .iter()
        .map(|spec| {
            load_item(&root, spec).unwrap_or_else(|e| panic!("corpus item {}: {e}", spec.name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_postgres_directory_has_a_spec_and_every_truth_file_parses() {
        let Some(root) = corpus_root_or_skip("corpus layout check") else {
            return;
        };
        let mut dirs: Vec<String> = std::fs::read_dir(root.join("postgres"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        dirs.sort();
        for dir in &dirs {
            assert!(
                POSTGRES_ITEMS
                    .iter()
                    .any(|s| s.dir == dir.as_str() && !s.is_variant()),
                "postgres/{dir} has no ItemSpec in tests/corpus/mod.rs"
            );
        }
        for server in ["pg15", "pg18"] {
            for entry in std::fs::read_dir(root.join("truth").join(server)).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let rows = parse_truth(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let body_lines = text
                    .lines()
                    .skip(1)
                    .filter(|l| !l.trim().is_empty())
                    .count();
                assert_eq!(rows.len(), body_lines, "{}", path.display());
            }
        }
    }

    #[test]
    fn items_load_with_pre_steps_in_order() {
        let Some(root) = corpus_root_or_skip("corpus loading check") else {
            return;
        };
        for spec in POSTGRES_ITEMS {
            let item = load_item(&root, spec).unwrap();
            assert_eq!(item.pre_step_count, spec.pre_steps.len());
            assert!(
                item.sources.len() > item.pre_step_count,
                "{}: no files",
                spec.name
            );
            for source in &item.sources[item.pre_step_count..] {
                assert!(
                    source.name.starts_with(&format!("{}/", spec.dir)),
                    "{}",
                    source.name
                );
            }
        }
        let mb = load_item(&root, postgres_spec("musicbrainz").unwrap()).unwrap();
        assert_eq!(mb.sources[0].name, "musicbrainz/<pre-step>.sql");
        assert!(mb.sources[0]
            .text
            .contains("SET search_path = musicbrainz, public"));
        assert_eq!(mb.sources[1].name, "musicbrainz/Extensions.sql");
        let storage = load_item(&root, postgres_spec("supabase-storage").unwrap()).unwrap();
        let names: Vec<&str> = storage.sources.iter().map(|s| s.name.as_str()).collect();
        let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
        assert_eq!(names[0], "stubs/supabase_stub.sql");
        assert!(
            pos("supabase-storage/tenant/0009-fix-search-function.sql")
                < pos("supabase-storage/tenant/00010-search-files-search-function.sql")
        );
        let basejump = load_item(&root, postgres_spec("supabase-basejump").unwrap()).unwrap();
        assert_eq!(basejump.sources[1].name, "stubs/supabase_stub_ext.sql");
        assert_eq!(basejump.truth_fks().len(), 11);
    }
}
