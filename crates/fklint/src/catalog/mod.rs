//! Catalog (placeholder).
use crate::events::Event;
#[derive(Debug, Default)]
pub struct Catalog;
impl Catalog {
    pub fn replay(_events: &[Event]) -> Catalog { Catalog }
    pub fn live_tables(&self) -> impl Iterator<Item = ()> { std::iter::empty() }
    pub fn live_foreign_keys(&self) -> impl Iterator<Item = ()> { std::iter::empty() }
}
