//! What a Python file contributes to the events, in order.

use crate::events::EventKind;
use crate::source::Span;

/// What a Python file contributes, in order.
// Like `EventKind` itself, events are moved along once: boxing them would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A schema event, with the span of the code it comes from (a statement of its own for the catalog).
    Event(Span, EventKind),
    /// SQL inside a string (`op.execute("...")`): the SQL front end reads this span of the `.py` text.
    Sql(Span),
}
