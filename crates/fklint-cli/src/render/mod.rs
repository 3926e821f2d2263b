//! Renders a [`Report`] in each output format. Every renderer returns the whole output as a `String`; only
//! `main` writes to the terminal.

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use std::collections::HashMap;

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

/// Source texts by file name, as findings name them.
pub struct Texts<'a>(HashMap<&'a str, &'a str>);

impl<'a> Texts<'a> {
    pub fn new(sources: &'a [Source]) -> Self {
        Texts(
            sources
                .iter()
                .map(|s| (s.name.as_str(), s.text.as_str()))
                .collect(),
        )
    }

    pub fn get(&self, file: &str) -> Option<&'a str> {
        self.0.get(file).copied()
    }
}

/// `count` followed by the singular or plural noun.
pub fn plural(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}
