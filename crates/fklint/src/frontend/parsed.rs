//! What the front ends produce together: every source's events with spans, the statements that could not be
//! read, counts, and each source's outline (statements and comments, for the directives).

use std::collections::HashSet;

use crate::dialect::Dialect;
use crate::events::Event;
use crate::source::{Location, Outline, Span};

/// The functions and procedures the migrations define (unqualified, as stored), by what their bodies may do.
#[derive(Debug, Default)]
pub(crate) struct Routines {
    /// May write rows, or run code fklint cannot read: a statement that calls one may write rows fklint cannot
    /// see.
    pub writing: HashSet<String>,
    /// SQL or PL/pgSQL whose body writes no row: run by a trigger, it may still change or refuse the rows of
    /// the trigger's own table, but no other.
    pub quiet: HashSet<String>,
}

/// What parsing all sources produced.
#[derive(Debug, Default)]
pub struct Parsed {
    pub events: Vec<Event>,
    /// Statements that could not be read (FK001 reports them).
    pub unreadable: Vec<Unreadable>,
    pub statements: usize,
    pub unparsed: usize,
    pub skipped: usize,
    /// Functions and procedures the migrations define (unqualified, as stored), by what they may do to rows.
    pub(crate) user_functions: Routines,
    /// The platform preset is being read.
    pub(crate) reading_platform: bool,
    /// The counts above as they stood after the platform preset (read first): not the project's statements.
    pub platform_counts: Option<Counts>,
    /// The dialect the SQL sources are read in.
    pub dialect: Dialect,
    /// Per source id: its statements and comments, for the directives read after the rules.
    pub outlines: Vec<Outline>,
    /// Per source id the SQL front end read: the spans of its first and last statements (`None`: it has none).
    /// `check --down` places a down part's findings there, and skips a down nobody wrote.
    pub statement_bounds: Vec<Option<(Span, Span)>>,
    /// Per source id: an Alembic migration's place in the revision chain (FK601 judges the chain).
    pub revisions: Vec<Option<Revision>>,
    /// Per source id: the bodies of a Python source's string literals (a fix respells names inside them).
    pub python_strings: Vec<Vec<Span>>,
    /// Tables an ORM declares: the SQL name and what the ORM's code calls it (a Drizzle variable, a Prisma
    /// model), so a fix that names another table names it as the code does.
    pub orm_names: Vec<(String, String)>,
    /// Where an ORM says the database keeps no foreign keys (Prisma's `relationMode = "prisma"`): its
    /// relations are replayed as foreign keys all the same, and FK610 says so.
    pub emulated_relations: Vec<Location>,
    /// Read as a build without sqlparser reads ([`crate::Options::without_sqlparser`]); always so in such a
    /// build.
    pub(crate) without_sqlparser: bool,
    /// The first statement only sqlparser could have judged, in a run without it: what this run reports there
    /// is not what the full build reports (see `frontend/sql/judge.rs`).
    pub needs_full_build: Option<Location>,
}

/// What a migration's header says about its place in the chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revision {
    /// `revision = "abc"` and where its value is written.
    pub id: String,
    pub id_span: Span,
    /// `down_revision`: none for the first migration, several for a merge.
    pub down: Vec<(String, Span)>,
}

/// A statement (or a part of one) that could not be read: an unterminated quote, or words no reader knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub location: Location,
    pub message: String,
    /// It mentions tables, keys or columns, so it may have changed the schema (a warning, not info).
    pub schema_shaped: bool,
}

/// Statement counts of a part of the input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub statements: usize,
    pub unparsed: usize,
    pub skipped: usize,
}

impl Parsed {
    /// Whether this run may ask sqlparser.
    pub(crate) fn has_sqlparser(&self) -> bool {
        cfg!(feature = "sqlparser") && !self.without_sqlparser
    }

    /// Notes a statement that only sqlparser could have judged, in a run without it.
    pub(crate) fn needs_sqlparser(&mut self, location: Location) {
        self.needs_full_build.get_or_insert(location);
    }

    pub(crate) fn counts(&self) -> Counts {
        Counts {
            statements: self.statements,
            unparsed: self.unparsed,
            skipped: self.skipped,
        }
    }

    /// Notes the counts when the platform preset has just been read.
    pub(crate) fn leave_source(&mut self) {
        if self.reading_platform {
            self.platform_counts = Some(self.counts());
        }
    }
}
