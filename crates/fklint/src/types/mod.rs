//! Column types (placeholder).
