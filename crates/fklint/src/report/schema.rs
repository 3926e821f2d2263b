//! The replayed catalog as `fklint schema --format json` prints it (DESIGN.md, "Schema JSON").

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemaReport {
    pub version: u32,
    pub tables: Vec<TableReport>,
    pub foreign_keys: Vec<ForeignKeyReport>,
    /// As [`crate::Summary::needs_full_build`]: a statement only sqlparser could have judged, in a build
    /// without it. Never rendered.
    #[serde(skip)]
    pub needs_full_build: Option<crate::source::Location>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnReport {
    pub name: String,
    #[serde(rename = "type")]
    pub data_type: String,
    pub nullable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableReport {
    /// The declared database the table is in (absent without declared databases, and for the files that no
    /// declared database lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    pub schema: String,
    pub name: String,
    pub columns: Vec<ColumnReport>,
    pub primary_key: Vec<String>,
    pub unique: Vec<Vec<String>>,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForeignKeyReport {
    /// As in [`TableReport`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    pub schema: String,
    pub table: String,
    /// The constraint name as the database stores it (PostgreSQL's default naming when none was given).
    pub name: String,
    pub columns: Vec<String>,
    pub ref_schema: String,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    /// `NO ACTION`, `RESTRICT`, `CASCADE`, `SET NULL` or `SET DEFAULT` (with a column list when one is given).
    pub on_delete: String,
    pub on_update: String,
    pub deferrable: bool,
    pub file: String,
    pub line: usize,
}
