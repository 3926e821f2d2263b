//! Views: names in the table namespace that a foreign key cannot reference, but that data statements write
//! through. A statement on a view runs the view's rules and `INSTEAD OF` triggers, or, on an automatically
//! updatable view, writes the table the view selects from. fklint follows neither: the rows of every table
//! the view may write are no longer known afterwards (see `forget_written`).

use super::{Catalog, TableId};
use crate::ident::{ObjName, QualName};

impl Catalog {
    /// `CREATE VIEW name AS ...`: the view, and the tables its definition may read. PostgreSQL binds a view
    /// to the relations its query names when it is created, so they are looked up now.
    pub(super) fn create_view(&mut self, name: &ObjName, mentions: &[ObjName]) {
        let name = self.creation_name(name);
        let reads = self.relations_among(mentions);
        self.view_reads.insert(name.clone(), reads);
        self.views.insert(name);
    }

    /// The live tables among these names, and the tables the views among them may read.
    fn relations_among(&self, names: &[ObjName]) -> Vec<TableId> {
        let mut tables = Vec::new();
        for name in names {
            if let Some(id) = self.find_table(name) {
                tables.push(id);
            } else if let Some(view) = self.find_view(name) {
                tables.extend(self.view_reads(&view));
            }
        }
        tables.sort_unstable();
        tables.dedup();
        tables
    }

    /// The tables a view may read (and a data statement on it may write).
    pub(super) fn view_reads(&self, view: &QualName) -> Vec<TableId> {
        self.view_reads.get(view).cloned().unwrap_or_default()
    }

    /// The view a name refers to right now, looked up as relations are (a name is a table or a view).
    pub(super) fn find_view(&self, name: &ObjName) -> Option<QualName> {
        let view_in = |schema: &str| {
            let qualified = QualName::new(schema, &name.name.value);
            self.views.contains(&qualified).then_some(qualified)
        };
        match &name.schema {
            Some(schema) => view_in(&schema.value),
            None => self.relation_search_path().find_map(view_in),
        }
    }
}

#[cfg(test)]
mod tests {
    fn errors(sql: &str) -> Vec<String> {
        crate::postgres_errors(sql)
            .into_iter()
            .map(|f| f.code.to_string())
            .collect()
    }

    const TABLES: &str =
        "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int REFERENCES p);\n";

    #[test]
    fn an_insert_through_an_updatable_view_writes_its_table() {
        let sql = format!("{TABLES}CREATE VIEW v AS SELECT * FROM p;\nINSERT INTO v VALUES (5);\nINSERT INTO c VALUES (5);\n");
        assert!(errors(&sql).is_empty(), "{:?}", errors(&sql));
    }

    #[test]
    fn a_rule_on_a_view_writes_only_when_the_view_is_written() {
        let rule = "CREATE TABLE q (id int);\nCREATE VIEW v AS SELECT * FROM q;\n\
                    CREATE RULE r AS ON INSERT TO v DO INSTEAD INSERT INTO p VALUES (new.id);\n";
        // The rule has not run: p is still empty.
        let before = format!("{TABLES}{rule}INSERT INTO c VALUES (5);\n");
        assert_eq!(errors(&before), ["FK501"]);
        // It ran: p's rows are not known.
        let after = format!("{TABLES}{rule}INSERT INTO v VALUES (5);\nINSERT INTO c VALUES (5);\n");
        assert!(errors(&after).is_empty(), "{:?}", errors(&after));
    }

    #[test]
    fn an_instead_of_trigger_on_a_view_may_write_any_table() {
        let trigger = "CREATE VIEW v AS SELECT 1 AS id;\n\
                       CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO p VALUES (new.id); RETURN new; END $$;\n\
                       CREATE TRIGGER t INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION f();\n";
        let before = format!("{TABLES}{trigger}INSERT INTO c VALUES (5);\n");
        assert_eq!(errors(&before), ["FK501"]);
        let after =
            format!("{TABLES}{trigger}INSERT INTO v VALUES (5);\nINSERT INTO c VALUES (5);\n");
        assert!(errors(&after).is_empty(), "{:?}", errors(&after));
    }
}
