//! Front ends: one per input language, each turning a source into events with spans (DESIGN.md, step 4), behind
//! one small trait, [`FrontEnd`]. SQL is read per dialect ([`sql`]); SQLAlchemy models and Alembic migrations
//! by [`python`]. A new input language is a folder here, a cargo feature of its own (`Cargo.toml`) and one line
//! in `front_ends()`; a build without that feature reads the language's files as [`not_built::NotBuilt`].

pub mod front_end;
pub mod not_built;
#[cfg(any(
    feature = "typescript",
    feature = "prisma",
    feature = "ruby",
    feature = "php"
))]
pub mod orm;
pub mod parsed;
#[cfg(feature = "php")]
pub mod php;
#[cfg(feature = "prisma")]
pub mod prisma;
#[cfg(feature = "python")]
pub mod python;
#[cfg(feature = "ruby")]
pub mod ruby;
pub mod sql;
#[cfg(any(feature = "typescript", feature = "php"))]
pub mod typescript;

pub use front_end::FrontEnd;
pub use parsed::{Counts, Parsed, Unreadable};

use crate::dialect::Dialect;
use crate::source::{Outline, Source};

/// The front ends of one run, asked in this order; SQL, last, reads every source the others do not.
fn front_ends() -> Vec<Box<dyn FrontEnd>> {
    vec![
        #[cfg(feature = "python")]
        Box::new(python::Python::default()),
        #[cfg(not(feature = "python"))]
        Box::new(not_built::NotBuilt::PYTHON),
        #[cfg(feature = "typescript")]
        Box::new(typescript::TypeScript::default()),
        #[cfg(feature = "prisma")]
        Box::new(prisma::Prisma::default()),
        #[cfg(feature = "ruby")]
        Box::new(ruby::Ruby::default()),
        #[cfg(feature = "php")]
        Box::new(php::Php),
        #[cfg(not(feature = "typescript"))]
        Box::new(not_built::NotBuilt::TYPESCRIPT),
        #[cfg(not(feature = "prisma"))]
        Box::new(not_built::NotBuilt::PRISMA),
        #[cfg(not(feature = "ruby"))]
        Box::new(not_built::NotBuilt::RUBY),
        #[cfg(not(feature = "php"))]
        Box::new(not_built::NotBuilt::PHP),
        Box::new(sql::Sql::default()),
    ]
}

/// Whether a source is Python (by its name: `models.py`, `versions/abc_add_users.py`), whether or not this build
/// reads Python.
pub fn is_python(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".py")
}

/// Whether a source needs a front end other than SQL (the browser loads its second module for such sources).
pub fn needs_other_front_end(name: &str) -> bool {
    not_built::NotBuilt::ALL.iter().any(|n| n.reads_name(name))
}

/// For a source an ORM front end reads: `Some` of the dialect its schema declares and the marker that says so
/// (`None` inside when it declares none). `None` for SQL sources, which are scanned for markers instead.
#[allow(clippy::option_option)]
pub fn declared_dialect(source: &Source) -> Option<Option<(Dialect, &'static str)>> {
    #[cfg(feature = "typescript")]
    if typescript::is_drizzle_schema(source) {
        return Some(typescript::declared_dialect(&source.text));
    }
    #[cfg(feature = "prisma")]
    if prisma::is_prisma(&source.name) {
        return Some(prisma::declared_dialect(&source.text));
    }
    #[cfg(feature = "ruby")]
    if ruby::is_ruby(&source.name) {
        return Some(ruby::declared_dialect(&source.text));
    }
    #[cfg(feature = "php")]
    if php::is_php(&source.name) {
        // Laravel's default connection is MySQL; its migrations name no server.
        let laravel = source.text.contains("Schema::");
        return Some(laravel.then_some((Dialect::MySql, "Laravel migration (MySQL by default)")));
    }
    let _ = source;
    None
}

/// The front end that reads the source of this name, among those of a run.
fn for_source<'f>(
    front_ends: &'f mut [Box<dyn FrontEnd>],
    source: &Source,
) -> Option<&'f mut Box<dyn FrontEnd>> {
    front_ends
        .iter_mut()
        .find(|front_end| front_end.claims(source))
}

/// Reads every source, in order.
pub fn parse_sources(sources: &[Source], dialect: Dialect) -> Parsed {
    let order: Vec<usize> = (0..sources.len()).collect();
    parse_sources_in_order(sources, &order, None, dialect, false)
}

/// Reads the sources in the given order (a platform preset, appended last, is read first), each by its front
/// end; each keeps its index as its source id. The platform's functions write no rows: they are not recorded
/// as the project's. A front end may reorder what it reads (Alembic migrations follow their revision chain).
/// `without_sqlparser`: read as a build without sqlparser does ([`crate::Options::without_sqlparser`]).
pub fn parse_sources_in_order(
    sources: &[Source],
    order: &[usize],
    platform: Option<usize>,
    dialect: Dialect,
    without_sqlparser: bool,
) -> Parsed {
    let mut parsed = Parsed {
        dialect,
        without_sqlparser,
        outlines: vec![Outline::default(); sources.len()],
        statement_bounds: vec![None; sources.len()],
        revisions: vec![None; sources.len()],
        python_strings: vec![Vec::new(); sources.len()],
        ..Parsed::default()
    };
    let mut front_ends = front_ends();
    let mut order = order.to_vec();
    for front_end in &mut front_ends {
        front_end.prepare(sources, &mut order);
    }
    for (source_id, source) in order
        .iter()
        .filter_map(|&id| sources.get(id).map(|source| (id, source)))
    {
        parsed.leave_source();
        parsed.reading_platform = platform == Some(source_id);
        if let Some(front_end) = for_source(&mut front_ends, source) {
            front_end.read(source, source_id, &mut parsed);
        }
    }
    parsed.leave_source();
    parsed.reading_platform = false;
    for front_end in &mut front_ends {
        front_end.finish(sources, &mut parsed);
    }
    // The events are kept for the whole run (replay, rules): no room left over from growing the list.
    parsed.events.shrink_to_fit();
    parsed
}
