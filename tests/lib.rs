//! Shared helpers of the workspace-level tests.

#[path = "pg/mod.rs"]
pub mod pg;

#[path = "corpus/mod.rs"]
pub mod corpus;
