//! Input text and positions in it.
//!
//! Everything inside the core speaks in byte offsets ([`Span`]); lines and columns are computed only at the
//! edges, through a [`LineIndex`].

use serde::Serialize;

/// One input file (or pasted text), in migration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Display name: a relative path, or something like `<stdin>`.
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// Index of a [`Source`] in the list given to `fklint::check`.
pub type SourceId = usize;

/// A down migration among the sources of a run: source `down` reverts source `up` (a step's down may come in
/// several parts, each its own source, run in their order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reverts {
    pub down: SourceId,
    pub up: SourceId,
}

/// A half-open byte range `start..end` in one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Moves a span that is relative to a statement so that it is relative to the whole source.
    pub fn offset(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The text under the span, or `""` when the span does not fit the text (never panics).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A span in a particular source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Location {
    pub source: SourceId,
    pub span: Span,
}

/// 1-based line and column of a byte offset. Columns count Unicode scalar values; `column_utf16` counts
/// UTF-16 code units, which is what JavaScript editors use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
}

/// Start offsets of every line of a text, for turning byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // `match_indices` of a char searches with memchr: a word at a time, not a byte.
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// Line and column of `offset`; offsets past the end or inside a UTF-8 sequence are clamped.
    pub fn locate(&self, text: &str, offset: usize) -> LineColumn {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let line_start = self.line_starts[line - 1];
        let before = text.get(line_start..offset).unwrap_or("");
        LineColumn {
            line,
            column: before.chars().count() + 1,
            column_utf16: before.encode_utf16().count() + 1,
        }
    }

    /// Byte offset of a 1-based line and a 1-based column counted in chars (as sqlparser reports them).
    pub fn offset_of(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&line_start) = self.line_starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let rest = text.get(line_start..).unwrap_or("");
        let within: usize = rest
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        line_start + within
    }
}

/// The line indexes of a run's sources, each built the first time a line of that source is asked for: a rule
/// that names many lines pays for one pass over each text, not one per line.
#[derive(Debug)]
pub struct Lines<'a> {
    sources: &'a [Source],
    indexes: Vec<std::cell::OnceCell<LineIndex>>,
}

impl<'a> Lines<'a> {
    pub fn new(sources: &'a [Source]) -> Self {
        Lines {
            sources,
            indexes: sources.iter().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// The 1-based line where a location starts (1 for an unknown source).
    pub fn line(&self, location: Location) -> usize {
        let (Some(source), Some(index)) = (
            self.sources.get(location.source),
            self.indexes.get(location.source),
        ) else {
            return 1;
        };
        index
            .get_or_init(|| LineIndex::new(&source.text))
            .locate(&source.text, location.span.start)
            .line
    }
}

/// The largest char boundary at or before `offset`, never beyond the text.
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns() {
        let text = "ab\nçd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0).line, 1);
        let d = index.locate(text, 5);
        assert_eq!((d.line, d.column, d.column_utf16), (2, 2, 2));
        assert_eq!(index.offset_of(text, 2, 2), 5);
        assert_eq!(index.locate(text, 999).line, 3);
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "😀x";
        let index = LineIndex::new(text);
        let x = index.locate(text, 4);
        assert_eq!((x.column, x.column_utf16), (2, 3));
    }
}

/// What reading a source found besides its events, for the steps after the rules that read directives
/// (suppressions, `ids-from`): the spans of its statements (a Python source's logical lines) and of its line
/// comments. Collected by the front end while it reads the source, so that no later step reads the text again;
/// empty for a source that names no directive (its text does not contain `fklint`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub statements: Vec<Span>,
    /// `--` comments outside psql meta-commands and COPY data; `#` comments in Python.
    pub comments: Vec<Span>,
}

impl Outline {
    /// Every directive comment starts with this word: a source without it has no outline to keep.
    pub const DIRECTIVE_MARKER: &'static str = "fklint";
}
