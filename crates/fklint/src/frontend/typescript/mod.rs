//! TypeScript front end: Drizzle schema modules (`pgTable`, `mysqlTable`, `sqliteTable`), read by a
//! hand-written tokenizer and expression reader (the core ships to the browser: no TypeScript parser crate) into
//! the same schema events the SQL front end emits. Spans point into the `.ts` text: a column's type is its
//! builder call (`integer("owner_id")`), a referenced table is the variable in `() => users.id`, so every rule
//! works unchanged and fixes are respelled as Drizzle code ([`types::drizzle_spelling`]).

pub mod drizzle;
pub mod expr;
pub mod lex;
pub mod types;

use super::parsed::Parsed;
use crate::events::EventKind;
use crate::source::{Outline, Source, SourceId};

/// Whether a source is TypeScript (by its name: `schema.ts`, `db/schema/users.mts`).
/// Whether a TypeScript source is Drizzle's: a schema module (it imports from `drizzle-orm`) or its
/// configuration (from `drizzle-kit`: the casing of column names). Other TypeScript sources that reach the
/// front ends are migrations whose SQL strings the layout stage kept (TypeORM, knex, Sequelize): those are SQL.
pub fn is_drizzle_schema(source: &Source) -> bool {
    is_typescript(&source.name)
        && (source.text.contains("drizzle-orm") || source.text.contains("drizzle-kit"))
}

pub fn is_typescript(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".ts", ".mts", ".cts"]
        .iter()
        .any(|ext| lower.ends_with(ext) && !lower.ends_with(".d.ts"))
}

/// The dialect a Drizzle module's tables are declared for, and the table function that says so.
pub fn declared_dialect(text: &str) -> Option<(crate::dialect::Dialect, &'static str)> {
    let (tokens, _) = lex::tokenize(text);
    let dialect = drizzle::declared_dialect(text, &tokens)?;
    let marker = match dialect {
        crate::dialect::Dialect::Postgres => "pgTable(",
        crate::dialect::Dialect::MySql => "mysqlTable(",
        crate::dialect::Dialect::Sqlite => "sqliteTable(",
    };
    Some((dialect, marker))
}

/// The TypeScript front end. Every module is read first; the tables are built once all are known (a table's
/// foreign keys name variables that other modules export), and their events follow the other sources'.
#[derive(Default)]
pub struct TypeScript {
    modules: Vec<drizzle::Module>,
}

impl super::front_end::FrontEnd for TypeScript {
    fn name(&self) -> &'static str {
        "typescript"
    }

    fn reads(&self, source_name: &str) -> bool {
        is_typescript(source_name)
    }

    fn claims(&self, source: &Source) -> bool {
        is_drizzle_schema(source)
    }

    fn read(&mut self, source: &Source, id: SourceId, parsed: &mut Parsed) {
        let (tokens, comments) = lex::tokenize(&source.text);
        if source.text.contains(Outline::DIRECTIVE_MARKER) {
            parsed.outlines[id] = Outline {
                statements: drizzle::token_lines(&source.text, &tokens),
                comments,
            };
        }
        self.modules
            .push(drizzle::read_module(&source.text, &tokens, id));
    }

    fn finish(&mut self, sources: &[Source], parsed: &mut Parsed) {
        if self.modules.is_empty() {
            return;
        }
        let modules: Vec<(drizzle::Module, &str)> = std::mem::take(&mut self.modules)
            .into_iter()
            .map(|m| {
                let text = sources.get(m.source).map_or("", |s| s.text.as_str());
                (m, text)
            })
            .collect();
        let schema = drizzle::schema(&modules);
        super::orm::push_events(&schema.tables, parsed);
        for (source, span, table) in schema.uncertain {
            let kind = EventKind::Uncertain { names: vec![table] };
            super::orm::push(parsed, source, span, kind);
        }
        parsed.orm_names.extend(schema.variables);
    }
}
