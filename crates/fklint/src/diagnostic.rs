//! Findings, their fixes, and the report that the CLI and the wasm API render.
//!
//! Rules produce [`Diagnostic`]s (byte spans in sources); `fklint::check` turns them into [`Finding`]s with
//! lines and columns, the JSON contract of DESIGN.md.

use serde::Serialize;

use crate::rule_settings::{RuleLevel, RuleSettings};
use crate::source::{Location, Span};

pub use crate::severity::Severity;

/// A replacement of a byte range of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub location: Location,
    pub replacement: String,
}

/// The two forms of a fix: edits to the migration text (for migrations not yet applied) and forward SQL (a new
/// migration for databases that already ran the old one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FixPlan {
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// Forward SQL to run first (or alone).
    pub sql: Option<String>,
    /// For a statement PostgreSQL rejects: the database never ran it, so the forward fix is that statement
    /// again, with every edit fix that falls inside it applied (see `report.rs`).
    pub rerun_statement: Option<Location>,
}

/// A secondary location that explains a finding ("the table is created here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedLocation {
    pub location: Location,
    pub message: String,
}

/// The table and columns a finding is about; for a finding about a foreign key, its referencing side. Names
/// are the catalog's (unquoted, as the server stores them), the table's name at the end of the migrations, as
/// the schema report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    pub schema: String,
    pub table: String,
    /// The columns concerned; empty when the finding is about the whole table.
    pub columns: Vec<String>,
}

/// What a finding's reference points at: the referenced table and columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referenced {
    pub schema: String,
    /// The table's name at the end of the migrations when it exists, the name as resolved when it does not.
    pub table: String,
    /// The referenced columns as written, or the primary key's when none were written (empty when unknown).
    pub columns: Vec<String>,
    /// `false` when no such table exists at the point of the reference (missing, or only created later).
    pub exists: bool,
}

/// The structured part of a finding that renderers read instead of its message (DESIGN.md, "Findings and
/// fixes"): `subject` and, for findings about a reference, `referenced`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct About {
    pub subject: Option<Subject>,
    pub referenced: Option<Referenced>,
}

impl About {
    /// A finding about a table (and some of its columns) that is not about a reference.
    pub fn table(subject: Subject) -> About {
        About {
            subject: Some(subject),
            referenced: None,
        }
    }
}

/// What a rule reports, before locations are turned into lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    pub related: Vec<RelatedLocation>,
    pub fix: Option<FixPlan>,
    pub about: About,
    /// When the finding is a consequence of another statement the server rejected (a table whose CREATE was
    /// rejected does not exist for later statements): that statement. Fixing it clears this finding.
    pub caused_by: Option<Location>,
    /// The cause this finding shares with others of its rule: findings with the same group become one
    /// (`grouping.rs`), the others its related locations.
    pub group: Option<Group>,
}

/// One root cause that several findings of a rule repeat (sixteen `char(36)` columns referencing one
/// `varchar(40)` key): they are reported once, at the first, with the others as related locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What the findings share; compared only with findings of the same rule.
    pub key: String,
    /// How a member is named in the message and its related location (`` `orders.user_id` ``).
    pub label: String,
    /// What the members are, in the plural ("columns").
    pub plural: &'static str,
    pub fix: GroupFix,
}

/// How the members' fixes add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupFix {
    /// Each member needs its own change: the group's fix makes all of them (edits and forward SQL).
    Each,
    /// The first member's fix fixes them all (one index serves every foreign key on the same columns).
    First,
}

impl Diagnostic {
    /// Makes this finding a consequence of the rejected statement at `root`.
    pub fn caused_by(mut self, root: Location) -> Self {
        self.caused_by = Some(root);
        self
    }

    /// Marks the finding as one instance of a cause other findings of its rule may repeat.
    pub fn in_group(mut self, group: Group) -> Self {
        self.group = Some(group);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_related(mut self, related: Vec<RelatedLocation>) -> Self {
        self.related = related;
        self
    }

    pub fn with_fix(mut self, fix: Option<FixPlan>) -> Self {
        self.fix = fix;
        self
    }

    /// Names the tables and columns the finding is about.
    pub fn about(mut self, about: About) -> Self {
        self.about = about;
        self
    }
}

/// Drops the findings of rules that the settings turn off and gives the others their configured severity.
pub fn apply_rule_settings(
    settings: &RuleSettings,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|d| match settings.level(d.code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Severity(severity)) => Some(d.with_severity(severity)),
            None => Some(d),
        })
        .collect()
}

/// A position range with both byte offsets and 1-based lines and columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    /// Columns in UTF-16 code units for JavaScript editors; not part of the CLI's JSON.
    #[serde(skip)]
    pub column_utf16: usize,
    #[serde(skip)]
    pub end_column_utf16: usize,
}

/// How many fields [`Position::serialize_fields`] writes.
const POSITION_FIELDS: usize = 7;

impl Position {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Writes the position's fields into the object of what it locates (a finding, a related location).
    fn serialize_fields<S: serde::ser::SerializeStruct>(
        &self,
        out: &mut S,
    ) -> Result<(), S::Error> {
        out.serialize_field("file", &self.file)?;
        out.serialize_field("line", &self.line)?;
        out.serialize_field("column", &self.column)?;
        out.serialize_field("end_line", &self.end_line)?;
        out.serialize_field("end_column", &self.end_column)?;
        out.serialize_field("start", &self.start)?;
        out.serialize_field("end", &self.end)
    }
}

/// A finding as the JSON contract describes it: its position's and its `about`'s fields inline (serialized by
/// hand: `#[serde(flatten)]` goes through serde's buffered map machinery, which costs the wasm build size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub position: Position,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    /// `subject` and `referenced` (each `null` where it does not apply).
    pub about: About,
    /// The rejected statement this finding is a consequence of (absent when it is its own root cause): the
    /// statement to fix first; its fix clears this finding.
    pub caused_by: Option<Position>,
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields = 4 + POSITION_FIELDS + 4 + usize::from(self.caused_by.is_some());
        let mut out = serializer.serialize_struct("Finding", fields)?;
        out.serialize_field("code", self.code)?;
        out.serialize_field("name", self.name)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("message", &self.message)?;
        self.position.serialize_fields(&mut out)?;
        out.serialize_field("related", &self.related)?;
        out.serialize_field("fix", &self.fix)?;
        out.serialize_field("subject", &self.about.subject)?;
        out.serialize_field("referenced", &self.about.referenced)?;
        match &self.caused_by {
            Some(root) => out.serialize_field("caused_by", root)?,
            None => out.skip_field("caused_by")?,
        }
        out.end()
    }
}

/// A related location: its message, and its position's fields inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub message: String,
    pub position: Position,
}

impl Serialize for Related {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Related", 1 + POSITION_FIELDS)?;
        out.serialize_field("message", &self.message)?;
        self.position.serialize_fields(&mut out)?;
        out.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub sql: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// Counts over the whole run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    pub files: usize,
    pub statements: usize,
    /// Statements that may change the schema but were understood by neither sqlparser nor the fallback.
    pub unparsed: usize,
    /// Statements that cannot affect foreign keys (GRANT, OWNER TO, sequences, ...) and were skipped.
    pub skipped: usize,
    pub tables: usize,
    pub foreign_keys: usize,
    /// Findings hidden by `-- fklint-ignore` comments.
    pub suppressed: usize,
    /// The dialect the sources were checked as (`"postgres"`, `"mysql"`, `"sqlite"`).
    pub dialect: crate::dialect::Dialect,
    /// Why, when it was detected rather than given (`--dialect auto`, the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detected: Option<crate::dialect::Detected>,
    /// The platform preset replayed before the sources (configured or detected), e.g. `supabase`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The migration tool the files were laid out for (which files and parts run on "up", in which order), and
    /// why: `{ tool, detected, evidence }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool: Option<crate::tool::ToolChoice>,
    /// The server the migration tool's files declared, when they chose the target (drizzle's `turso`:
    /// libSQL): `{ target, evidence }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_target: Option<crate::server::DeclaredTarget>,
    /// In a build without sqlparser (the browser's SQL-only module): the first statement only sqlparser could
    /// have judged. The findings are then not the full build's, and the wasm bindings ask for the module built
    /// with sqlparser instead of returning them. Never rendered; always `None` in a build with sqlparser.
    #[serde(skip)]
    pub needs_full_build: Option<crate::source::Location>,
}

/// What `fklint::check` returns: `{ "version": 1, "findings": [...], "summary": {...} }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub version: u32,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

impl Report {
    /// The most severe finding's severity, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// The order of findings: by location, then rule code (the driver's output order, and a group's members').
pub(crate) fn by_location_and_code(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.location, a.code).cmp(&(b.location, b.code))
}
