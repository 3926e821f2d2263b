//! Renders a [`Report`] in each output format. Every renderer returns the whole output as a `String`; only
//! `main` writes to the terminal.

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;
pub mod texts;

use fklint::{Report, Source};

use crate::args::Format;

/// Renders `report` in `format`. `sources` are the texts the report points into (code frames and SARIF's
/// character offsets need them); `color` applies only to the text format.
pub fn render(format: Format, report: &Report, sources: &[Source], color: bool) -> String {
    match format {
        Format::Text => text::render(report, sources, color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report, sources),
        Format::Github => github::render(report),
    }
}
