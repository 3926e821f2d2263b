//! `COPY ... FROM STDIN` and the lines after it. The server first checks the COPY itself (the table, the
//! columns, the `WHERE` condition); only when it accepts it does psql send the lines after it as data, up to
//! `\.`. When it rejects it, psql (without the CVE-2026-6464 fix) runs those lines as script. The front end
//! read the block both ways (see [`crate::events::CopyBlock`]); the replay runs the script reading only when
//! fklint is sure the server rejects the COPY: when it cannot know, the lines are data, and nothing in them
//! is judged.
//!
//! This is the client's reading of the text, not the database's state: a rollback does not undo it.

use super::Catalog;
use crate::events::{CopyBlock, CopyFromStdin, Event, EventKind, StmtRef};
use crate::source::Location;

#[derive(Debug, Clone, Default)]
pub(super) struct CopyReadings {
    /// The COPY statements (by index) the server rejects.
    rejected: Vec<usize>,
    /// Per open block, innermost last: whether its script reading is passed over (the lines were data).
    open: Vec<bool>,
    /// The statement psql sent glued to the unterminated last lines of a block read as script (rejected, never
    /// run), by index.
    glued: Option<usize>,
    /// The blocks whose lines were data (their script reading was passed over).
    read_as_data: Vec<Location>,
}

impl Catalog {
    /// Whether `location` lies in lines psql sent as COPY data: what they say as SQL never ran.
    pub fn in_copy_data(&self, location: Location) -> bool {
        self.copy_readings.read_as_data.iter().any(|block| {
            block.source == location.source
                && block.span.start <= location.span.start
                && location.span.end <= block.span.end
        })
    }

    /// Whether the replay passes over this event because of how psql read the text around it: a mark of a
    /// block's script reading (noted), an event of a script reading of data, or of a glued statement.
    pub(super) fn passed_over_by_psql(&mut self, event: &Event) -> bool {
        if let EventKind::CopyBlock(mark) = &event.kind {
            self.copy_mark(mark, event.stmt);
            return true;
        }
        if self.copy_readings.open.last() == Some(&true) {
            return true;
        }
        if self.copy_readings.glued == Some(event.stmt.index) {
            if matches!(event.kind, EventKind::CopyFromStdin(_)) {
                self.copy_readings.rejected.push(event.stmt.index);
            }
            return true;
        }
        false
    }

    fn copy_mark(&mut self, mark: &CopyBlock, copy: StmtRef) {
        let readings = &mut self.copy_readings;
        match mark {
            CopyBlock::Statements { data } => {
                let inside_data = readings.open.last() == Some(&true);
                let as_data = inside_data || !readings.rejected.contains(&copy.index);
                if as_data && !inside_data {
                    readings.read_as_data.push(copy.at(*data));
                }
                readings.open.push(as_data);
            }
            CopyBlock::End { glues_next } => {
                let as_data = readings.open.pop().unwrap_or(true);
                if !as_data && glues_next.is_some() {
                    readings.glued = *glues_next;
                }
            }
        }
    }

    /// A COPY the server rejects before reading data (in an aborted transaction block too: 25P02).
    pub(super) fn judge_copy(&mut self, copy: &CopyFromStdin, stmt: StmtRef) {
        if self.copy_refused_for_privilege(&copy.table) {
            // No row comes in: the statement's other events are passed over too.
            self.refuse_for_privilege(stmt);
            self.copy_readings.rejected.push(stmt.index);
        } else if self.in_aborted_block() || self.copy_refused(copy) {
            self.copy_readings.rejected.push(stmt.index);
        }
    }

    /// Whether fklint is sure the server refuses the COPY: no such table (42P01) or schema (3F000) where fklint
    /// saw the table go, a listed column the table does not have (42703) or lists twice (42701), a generated
    /// column listed (42P10) or in the `WHERE` condition (42P10, the table's name there being its whole row). A name fklint could not
    /// follow, a view (a trigger may take the rows) or a table whose columns it does not all know: not sure.
    fn copy_refused(&self, copy: &CopyFromStdin) -> bool {
        let Some(id) = self.find_table(&copy.table) else {
            // The migrations are the whole database (as for a missing referenced table), except that an
            // extension makes tables of its own (PostGIS's spatial_ref_sys, whose rows pg_dump copies): with
            // one created, only a table fklint saw go (dropped, or its CREATE refused) is surely missing.
            let name = self.lookup_name(&copy.table);
            let seen_gone = || self.tables.iter().any(|t| t.name == name);
            let surely_missing = self.extensions.is_empty() || seen_gone();
            return surely_missing && !self.is_uncertain(&name) && !self.views.contains(&name);
        };
        let table = &self.tables[id];
        if table.uncertain || table.columns_incomplete {
            return false;
        }
        let generated = |name: &str| {
            table
                .column(name)
                .is_some_and(|column| column.generated.is_some())
        };
        if let Some(columns) = &copy.columns {
            for (i, column) in columns.iter().enumerate() {
                let twice = columns[..i].iter().any(|c| c.value == column.value);
                if twice || table.column(&column.value).is_none() || generated(&column.value) {
                    return true;
                }
            }
        }
        // The table's name stands for its whole row only where no column has that name (columns come first).
        let whole_row = |name: &str| name == table.name.name && table.column(name).is_none();
        let any_generated = table.columns.iter().any(|c| c.generated.is_some());
        copy.where_names
            .iter()
            .any(|name| generated(&name.value) || (any_generated && whole_row(&name.value)))
    }
}

#[cfg(test)]
mod tests {

    /// The codes of the errors on a PostgreSQL script.
    fn errors(sql: &str) -> Vec<&'static str> {
        crate::postgres_errors(sql).iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_copy_into_a_table_an_extension_may_have_made_reads_data() {
        // pg_dump copies the rows of PostGIS's spatial_ref_sys, a table no migration creates: the lines are
        // data and the statement after `\.` is read (its missing referenced table is the one error).
        let sql = "CREATE EXTENSION postgis;\nCOPY public.spatial_ref_sys (srid, auth_name) FROM stdin;\n\
                   4326\tEPSG\n\\.\n\
                   CREATE TABLE t (id int PRIMARY KEY, u int REFERENCES missing_parent (id));\n";
        assert_eq!(errors(sql), ["FK101"]);
    }

    #[test]
    fn a_copy_into_a_dropped_table_runs_its_lines_as_script() {
        let sql = "CREATE EXTENSION postgis;\nCREATE TABLE gone (id int);\nDROP TABLE gone;\nCOPY gone FROM stdin;\n\
                   CREATE TABLE t (id int PRIMARY KEY, u int REFERENCES missing_parent (id));\n\\.\n";
        assert_eq!(errors(sql), ["FK101"]);
    }

    #[test]
    fn a_column_named_like_its_table_is_a_column_not_the_whole_row() {
        let sql =
            "CREATE TABLE tag (tag text, n int, doubled int GENERATED ALWAYS AS (n * 2) STORED);\n\
                   COPY tag (tag, n) FROM stdin WHERE tag <> '';\nx\t1\n\\.\n\
                   CREATE TABLE t (id int PRIMARY KEY, u int REFERENCES missing_parent (id));\n";
        assert_eq!(errors(sql), ["FK101"]);
    }
}
