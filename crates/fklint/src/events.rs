//! Schema events (placeholder).
#[derive(Debug, Clone)]
pub struct Event;
