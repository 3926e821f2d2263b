//! The edge of the core: turns diagnostics (byte spans) into findings with lines and columns, finishes forward
//! fixes for rejected statements, and renders the catalog as the schema report.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::diagnostic::Summary;
use crate::diagnostic::{
    Diagnostic, Edit, Finding, Fix, FixPlan, Position, Related, Report, TextEdit,
};
pub mod schema;

use crate::source::{LineIndex, Location, Source};
use schema::{ColumnReport, ForeignKeyReport, SchemaReport, TableReport};

/// Line indexes built lazily, once per source.
struct Locator<'a> {
    sources: &'a [Source],
    indexes: HashMap<usize, LineIndex>,
}

impl<'a> Locator<'a> {
    fn new(sources: &'a [Source]) -> Self {
        Locator {
            sources,
            indexes: HashMap::new(),
        }
    }

    fn position(&mut self, location: Location) -> Position {
        let Some(source) = self.sources.get(location.source) else {
            return Position {
                file: String::new(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                start: 0,
                end: 0,
                column_utf16: 1,
                end_column_utf16: 1,
            };
        };
        let index = self
            .indexes
            .entry(location.source)
            .or_insert_with(|| LineIndex::new(&source.text));
        let start = index.locate(&source.text, location.span.start);
        let end = index.locate(&source.text, location.span.end);
        Position {
            file: source.name.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            start: location.span.start,
            end: location.span.end,
            column_utf16: start.column_utf16,
            end_column_utf16: end.column_utf16,
        }
    }

    fn line(&mut self, location: Location) -> usize {
        self.position(location).line
    }
}

/// The report of `diagnostics`, which become its findings: their texts are moved, not copied (with many
/// findings, a second copy of every message and fix would be the run's peak of memory).
pub fn build_report(sources: &[Source], diagnostics: Vec<Diagnostic>, summary: &Summary) -> Report {
    let mut locator = Locator::new(sources);
    let reruns = rerun_edits(&diagnostics);
    let findings = diagnostics
        .into_iter()
        .map(|d| finding(&mut locator, sources, d, &reruns))
        .collect();
    Report {
        version: 1,
        findings,
        summary: summary.clone(),
    }
}

fn finding(
    locator: &mut Locator,
    sources: &[Source],
    diagnostic: Diagnostic,
    reruns: &RerunEdits,
) -> Finding {
    Finding {
        code: diagnostic.code,
        name: diagnostic.name,
        severity: diagnostic.severity,
        message: diagnostic.message,
        position: locator.position(diagnostic.location),
        related: diagnostic
            .related
            .into_iter()
            .map(|r| Related {
                message: r.message,
                position: locator.position(r.location),
            })
            .collect(),
        fix: diagnostic.fix.map(|plan| fix(sources, plan, reruns)),
        about: diagnostic.about,
        caused_by: diagnostic.caused_by.map(|root| locator.position(root)),
    }
}

fn fix(sources: &[Source], plan: FixPlan, reruns: &RerunEdits) -> Fix {
    let edits = plan
        .edits
        .into_iter()
        .map(|e| Edit {
            file: sources
                .get(e.location.source)
                .map_or_else(String::new, |s| s.name.clone()),
            start: e.location.span.start,
            end: e.location.span.end,
            replacement: e.replacement,
        })
        .collect();
    let rerun = plan
        .rerun_statement
        .map(|stmt| corrected_statement(sources, stmt, reruns));
    let sql = match (plan.sql, rerun) {
        (Some(prefix), Some(statement)) => Some(format!("{prefix}\n{statement};")),
        (Some(prefix), None) => Some(prefix),
        (None, Some(statement)) => Some(format!("{statement};")),
        (None, None) => None,
    };
    Fix {
        title: plan.title,
        edits,
        sql,
    }
}

/// Per rejected statement to rerun, the edits of every fix that reruns it, in the findings' order: gathered once,
/// so that each fix's corrected statement costs its own edits, not a pass over every finding. Copies (only of
/// the fixes that rerun a statement): the findings take the fixes' own.
type RerunEdits = HashMap<Location, Vec<TextEdit>>;

fn rerun_edits(all: &[Diagnostic]) -> RerunEdits {
    let mut reruns: RerunEdits = HashMap::new();
    for plan in all.iter().filter_map(|d| d.fix.as_ref()) {
        if let Some(stmt) = plan.rerun_statement {
            reruns
                .entry(stmt)
                .or_default()
                .extend(plan.edits.iter().cloned());
        }
    }
    reruns
}

/// A rejected statement with every edit fix of every finding that falls strictly inside it applied: what to run
/// instead, since the database never ran it.
fn corrected_statement(sources: &[Source], stmt: Location, reruns: &RerunEdits) -> String {
    let Some(source) = sources.get(stmt.source) else {
        return String::new();
    };
    let mut edits: Vec<&TextEdit> = reruns
        .get(&stmt)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|e| e.location.source == stmt.source && is_inside(e.location.span, stmt.span))
        .collect();
    crate::sort::sort_by_key(&mut edits, |e| (e.location.span.start, e.location.span.end));
    edits.dedup_by_key(|e| e.location.span);
    let mut out = String::new();
    let mut cursor = stmt.span.start;
    for edit in edits {
        if edit.location.span.start < cursor {
            continue; // overlapping edits: keep the first
        }
        out.push_str(
            source
                .text
                .get(cursor..edit.location.span.start)
                .unwrap_or(""),
        );
        out.push_str(&edit.replacement);
        cursor = edit.location.span.end;
    }
    out.push_str(source.text.get(cursor..stmt.span.end).unwrap_or(""));
    out
}

/// Inside the statement, and not an insertion in front of it (those add other statements before it, which the
/// forward SQL already carries as its prefix).
fn is_inside(span: crate::source::Span, stmt: crate::source::Span) -> bool {
    let insertion_in_front = span.is_empty() && span.start == stmt.start;
    span.start >= stmt.start && span.end <= stmt.end && !insertion_in_front
}

/// The schema of one database; `database` names it in every table and foreign key when databases are declared.
pub fn build_schema_report(
    sources: &[Source],
    catalog: &Catalog,
    database: Option<&str>,
) -> SchemaReport {
    let mut locator = Locator::new(sources);
    // The platform's own tables and keys are not the project's schema.
    let mut tables: Vec<TableReport> = catalog
        .live_tables()
        .filter(|table| !catalog.is_platform(table.created))
        .map(|table| TableReport {
            database: database.map(str::to_string),
            schema: table.name.schema.clone(),
            name: table.name.name.clone(),
            columns: table
                .columns
                .iter()
                .map(|c| ColumnReport {
                    name: c.name.clone(),
                    data_type: c
                        .ty
                        .as_ref()
                        .map_or_else(|| c.type_text.clone().unwrap_or_default(), |t| t.display()),
                    nullable: !c.not_null,
                })
                .collect(),
            primary_key: table
                .primary_key()
                .map(|k| k.columns.clone())
                .unwrap_or_default(),
            unique: table
                .live_keys()
                .filter(|k| !k.primary)
                .map(|k| k.columns.clone())
                .collect(),
            file: sources
                .get(table.created.source)
                .map_or_else(String::new, |s| s.name.clone()),
            line: locator.line(table.location),
        })
        .collect();
    crate::sort::sort_by(&mut tables, |a, b| {
        (&a.schema, &a.name).cmp(&(&b.schema, &b.name))
    });
    let mut foreign_keys: Vec<ForeignKeyReport> = catalog
        .live_foreign_keys()
        .filter(|fk| !catalog.is_platform(fk.stmt) && fk.clone_of.is_none())
        .filter_map(|fk| {
            let reference = fk.reference()?;
            let table = &catalog.table(fk.table).name;
            let target = &catalog.table(reference.table).name;
            Some(ForeignKeyReport {
                database: database.map(str::to_string),
                schema: table.schema.clone(),
                table: table.name.clone(),
                name: fk.name.clone(),
                columns: fk.columns.clone(),
                ref_schema: target.schema.clone(),
                ref_table: target.name.clone(),
                ref_columns: reference.ref_columns.clone(),
                on_delete: fk.def.on_delete.sql(),
                on_update: fk.def.on_update.sql(),
                deferrable: fk.def.deferrable,
                file: sources
                    .get(fk.stmt.source)
                    .map_or_else(String::new, |s| s.name.clone()),
                line: locator.line(fk.location),
            })
        })
        .collect();
    crate::sort::sort_by(&mut foreign_keys, |a, b| {
        (&a.schema, &a.table, &a.name).cmp(&(&b.schema, &b.table, &b.name))
    });
    SchemaReport {
        version: 1,
        tables,
        foreign_keys,
        needs_full_build: None,
    }
}
