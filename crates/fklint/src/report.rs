//! Turns diagnostics into the JSON contract (placeholder).
use crate::catalog::Catalog;
use crate::diagnostic::Report;
use crate::schema_report::SchemaReport;
use crate::source::Source;
use crate::Analysis;

pub fn build_report(_sources: &[Source], analysis: &Analysis) -> Report {
    Report { version: 1, findings: vec![], summary: analysis.summary.clone() }
}

pub fn build_schema_report(_sources: &[Source], _catalog: &Catalog) -> SchemaReport {
    SchemaReport { version: 1, tables: vec![], foreign_keys: vec![] }
}
