//! What every rule is given and what describes it: [`RuleContext`] (the replayed catalog, the sources, the other
//! databases of the run) with the helpers rules share to name things in messages and fix SQL, and [`RuleMeta`].

use crate::catalog::{Catalog, ForeignKey};
use crate::diagnostic::{About, Diagnostic, Referenced, Severity, Subject};
use crate::dialect_sql::{self, DialectSql};
use crate::source::{Location, Source};

/// What the CLI (`fklint rules`, SARIF `tool.driver.rules`) and the page show about a rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable code, e.g. `FK101`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `missing-referenced-table`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One sentence: what the rule finds.
    pub summary: &'static str,
    /// Markdown: what it does, why it is bad, example, use instead. Its ```sql blocks marked
    /// `expect_diagnostic` or `valid` are run as tests.
    pub docs: &'static str,
}

impl RuleMeta {
    /// A finding of this rule with its default severity, no related locations and no fix yet.
    pub fn diagnostic(&self, message: String, location: Location) -> Diagnostic {
        Diagnostic {
            code: self.code,
            name: self.name,
            severity: self.severity,
            message,
            location,
            related: Vec::new(),
            fix: None,
            about: About::default(),
            caused_by: None,
            group: None,
        }
    }
}

/// One rule: what describes it and, for the rules that judge the catalog, its check. Each rule file exports one,
/// `RULE`; the registry (`rules/mod.rs`) lists them.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Option<fn(&RuleContext) -> Vec<Diagnostic>>,
}

/// What every rule gets.
pub struct RuleContext<'a> {
    pub catalog: &'a Catalog,
    pub sources: &'a [Source],
    /// Line numbers of locations in `sources`, for messages that name a line.
    pub lines: &'a crate::source::Lines<'a>,
    /// The declared database being checked; `None` when none is declared or the sources are in none.
    pub database: Option<&'a str>,
    /// The other databases of the run (empty without `[databases]`): FK303 looks up tables in them.
    pub others: Vec<OtherDatabase<'a>>,
    /// Columns whose values are declared to come from another database (FK303).
    pub ids_from: &'a crate::ids_from::Declarations,
    /// What the front ends read besides events (Alembic revisions, Python string literals): rules use this
    /// and never read a source's text again.
    pub parsed: &'a crate::frontend::Parsed,
}

/// Another database replayed in the same run.
#[derive(Debug, Clone, Copy)]
pub struct OtherDatabase<'a> {
    /// `None` for the database of the sources that no declared database lists.
    pub name: Option<&'a str>,
    pub catalog: &'a Catalog,
}

impl RuleContext<'_> {
    /// A name as fix SQL writes it in this run's dialect.
    pub fn quote(&self, name: &str) -> String {
        crate::ident::quote_in(self.catalog.dialect, name)
    }

    /// Column names for a column list in fix SQL, in this run's dialect.
    pub fn quote_list(&self, names: &[String]) -> String {
        crate::ident::join_idents_in(self.catalog.dialect, names)
    }

    /// A table's name as fix SQL writes it in this run's dialect.
    pub fn table_sql(&self, table: crate::catalog::TableId) -> String {
        self.name_sql(&self.catalog.table(table).name)
    }

    /// A qualified name as fix SQL writes it in this run's dialect.
    pub fn name_sql(&self, name: &crate::ident::QualName) -> String {
        name.sql_in(self.catalog.dialect)
    }

    /// How this run's dialect writes fix SQL and words what its server does.
    pub fn sql(&self) -> &'static dyn DialectSql {
        dialect_sql::for_dialect(self.catalog.dialect)
    }

    /// What the run's server does with a statement PostgreSQL rejects with `sqlstate`, for a message: MySQL's
    /// error, or for SQLite, which checks most of a foreign key only when a row is written, the error every
    /// write then gets (`at_write`), or `None` when SQLite rejects the statement itself.
    pub fn rejection(&self, sqlstate: &str, mysql_error: &str, at_write: Option<&str>) -> String {
        self.sql().rejection(sqlstate, mysql_error, at_write)
    }

    /// Foreign keys rules may judge: not uncertain (live or not: a rejected declaration is still a finding), and
    /// written in syntax the target version has (FK112 alone reports the others: the server stops at the syntax).
    pub fn certain_foreign_keys(&self) -> impl Iterator<Item = &ForeignKey> {
        self.catalog
            .foreign_keys
            .iter()
            .map(|fk| &**fk)
            .filter(|fk| !fk.uncertain && self.catalog.newer_than_target(&fk.def).is_none())
    }

    /// Live, certain foreign keys (the schema as it stands at the end).
    pub fn live_certain_foreign_keys(&self) -> impl Iterator<Item = &ForeignKey> {
        self.catalog.live_foreign_keys().filter(|fk| !fk.uncertain)
    }

    /// Live foreign keys that the server accepted: certain, target found, all columns present, referencing a
    /// key, types compatible. Advice about rejected declarations (indexes, duplicates) would only add noise.
    pub fn accepted_foreign_keys(&self) -> impl Iterator<Item = &ForeignKey> {
        self.live_certain_foreign_keys()
            .filter(|fk| self.is_accepted(fk))
    }

    /// Whether the server accepted a foreign key's declaration (certain, target found, columns present, a key,
    /// compatible types), live or not.
    pub fn is_accepted(&self, fk: &ForeignKey) -> bool {
        !fk.uncertain
            && fk.reference().is_some_and(|r| {
                self.catalog
                    .table(fk.table)
                    .persistence
                    .may_reference(self.catalog.table(r.table).persistence)
            })
            && self.catalog.server_accepts(fk)
    }

    /// The text of a statement or span.
    pub fn text(&self, location: crate::source::Location) -> &str {
        self.sources
            .get(location.source)
            .map_or("", |s| location.span.slice(&s.text))
    }

    /// A table (its name at the end of the migrations) and some of its columns, as a finding's subject.
    pub fn subject(&self, table: crate::catalog::TableId, columns: &[String]) -> Subject {
        let name = &self.catalog.table(table).name;
        Subject {
            schema: name.schema.clone(),
            table: name.name.clone(),
            columns: columns.to_vec(),
        }
    }

    /// A table that exists, and some of its columns, as what a finding's reference points at.
    pub fn referenced(&self, table: crate::catalog::TableId, columns: &[String]) -> Referenced {
        let Subject {
            schema,
            table,
            columns,
        } = self.subject(table, columns);
        Referenced {
            schema,
            table,
            columns,
            exists: true,
        }
    }

    /// What a finding about a foreign key is about: its table and columns, and the table and columns it
    /// references (`exists: false` when the referenced table was not found where the key was declared).
    pub fn about_foreign_key(&self, fk: &ForeignKey) -> About {
        match fk.reference() {
            Some(reference) => self.about_reference(fk, reference),
            None => self.about_missing_reference(fk),
        }
    }

    /// A foreign key and a table it is compared with: the one it references, or the one it most likely meant.
    pub fn about_reference(&self, fk: &ForeignKey, reference: &crate::catalog::Reference) -> About {
        About {
            subject: Some(self.subject(fk.table, &fk.columns)),
            referenced: Some(self.referenced(reference.table, &reference.ref_columns)),
        }
    }

    /// A foreign key whose referenced table was not found: the name as resolved, `exists: false`.
    fn about_missing_reference(&self, fk: &ForeignKey) -> About {
        let referenced = Referenced {
            schema: fk.ref_name.schema.clone(),
            table: fk.ref_name.name.clone(),
            columns: fk
                .def
                .ref_columns
                .iter()
                .flatten()
                .map(|column| column.value.clone())
                .collect(),
            exists: false,
        };
        About {
            subject: Some(self.subject(fk.table, &fk.columns)),
            referenced: Some(referenced),
        }
    }

    /// What a finding about a foreign key declaration the catalog does not hold (dropped by MySQL, rejected by
    /// SQLite) is about: the table it is on and the table it names, looked up at the end of the migrations.
    pub fn about_declaration(
        &self,
        table: crate::catalog::TableId,
        def: &crate::events::ForeignKeyDef,
    ) -> About {
        let columns: Vec<String> = def.columns.iter().map(|c| c.value.clone()).collect();
        let ref_columns: Vec<String> = def
            .ref_columns
            .iter()
            .flatten()
            .map(|c| c.value.clone())
            .collect();
        let referenced = match self.catalog.find_table(&def.ref_table) {
            Some(target) => self.referenced(target, &ref_columns),
            None => {
                let name = self.catalog.lookup_name(&def.ref_table);
                Referenced {
                    schema: name.schema,
                    table: name.name,
                    columns: ref_columns,
                    exists: false,
                }
            }
        };
        About {
            subject: Some(self.subject(table, &columns)),
            referenced: Some(referenced),
        }
    }

    /// What a finding about a statement that foreign keys stand in the way of (a DROP, a TRUNCATE) is about:
    /// the first of those foreign keys, its referencing side and the table and columns it references.
    pub fn about_conflict(&self, conflict: &crate::catalog::DropConflict) -> About {
        conflict
            .foreign_keys
            .first()
            .and_then(|&id| self.catalog.foreign_keys.get(id))
            .map_or_else(About::default, |fk| self.about_foreign_key(fk))
    }

    /// `orders.tenant_id` / `orders(a, b)` for messages.
    pub fn fk_columns_label(&self, fk: &ForeignKey) -> String {
        let table = self.table_sql(fk.table);
        match fk.columns.as_slice() {
            [one] => format!("{table}.{}", self.quote(one)),
            _ => format!("{table}({})", self.quote_list(&fk.columns)),
        }
    }
}

/// `t.c` for one column, `t(a, b)` for several.
pub fn columns_label(table: &str, columns: &[String]) -> String {
    let quoted: Vec<String> = columns
        .iter()
        .map(|c| crate::ident::quote_if_needed(c))
        .collect();
    match quoted.as_slice() {
        [one] => format!("{table}.{one}"),
        _ => format!("{table}({})", quoted.join(", ")),
    }
}
