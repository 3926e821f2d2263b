//! Parsing (placeholder).
use crate::diagnostic::Diagnostic;
use crate::events::Event;
use crate::source::Source;
use crate::Dialect;

pub struct Parsed {
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
    pub statements: usize,
    pub unparsed: usize,
    pub skipped: usize,
}

pub fn parse_sources(_sources: &[Source], _dialect: Dialect) -> Parsed {
    Parsed { events: vec![], diagnostics: vec![], statements: 0, unparsed: 0, skipped: 0 }
}
