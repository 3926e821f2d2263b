//! Identifiers (placeholder).
