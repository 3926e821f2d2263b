//! The one interface every front end implements: a source in, events with spans out (DESIGN.md, step 4).

use super::parsed::Parsed;
use crate::source::{Source, SourceId};

/// One input language's reader, made fresh for each run (it may keep what it reads until every source is read).
pub trait FrontEnd {
    /// A short name (`sql`, `python`).
    fn name(&self) -> &'static str;
    /// Whether this front end reads the source of this name (by its extension).
    fn reads(&self, source_name: &str) -> bool;
    /// Whether this front end reads this source: by default, by its name. A language whose files may also hold
    /// SQL laid out by a migration tool (a TypeORM migration is a `.ts` file too) looks at the text as well.
    fn claims(&self, source: &Source) -> bool {
        self.reads(&source.name)
    }
    /// Reads one source: its events with spans, the statements it could not read, its counts, and (when the
    /// text names a directive) its outline, all into `parsed`.
    fn read(&mut self, source: &Source, id: SourceId, parsed: &mut Parsed);
    /// Before any source is read: may read ahead and reorder the sources it reads (`order`, source ids).
    fn prepare(&mut self, _sources: &[Source], _order: &mut Vec<SourceId>) {}
    /// Once every source is read.
    fn finish(&mut self, _sources: &[Source], _parsed: &mut Parsed) {}
}
