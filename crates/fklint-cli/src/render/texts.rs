//! What the renderers share: the source texts findings point into, and plural nouns.

use std::collections::HashMap;

use fklint::Source;

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
