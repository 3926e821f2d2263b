//! The corpus schema as PostgreSQL holds it after a clean apply: foreign keys, keys, columns, tables. The
//! generator builds its mutations from this (PostgreSQL's own names and types), never from fklint's model.

use fklint_tests::pg::PgServer;

/// Separates list elements inside one field.
const LIST: char = '\u{1e}';

/// Double-quotes an identifier (always, so keywords and mixed case are safe).
pub fn q(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[derive(Debug, Clone)]
pub struct Table {
    pub schema: String,
    pub name: String,
    pub has_pk: bool,
}

impl Table {
    pub fn qualified(&self) -> String {
        format!("{}.{}", q(&self.schema), q(&self.name))
    }
}

#[derive(Debug, Clone)]
pub struct Fk {
    pub name: String,
    pub schema: String,
    pub table: String,
    pub cols: Vec<String>,
    pub cols_not_null: bool,
    pub ref_schema: String,
    pub ref_table: String,
    pub ref_cols: Vec<String>,
    pub ref_types: Vec<String>,
}

impl Fk {
    pub fn child(&self) -> String {
        format!("{}.{}", q(&self.schema), q(&self.table))
    }
    pub fn parent(&self) -> String {
        format!("{}.{}", q(&self.ref_schema), q(&self.ref_table))
    }
}

#[derive(Debug, Clone)]
pub struct Key {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub primary: bool,
    pub cols: Vec<String>,
    pub types: Vec<String>,
}

impl Key {
    pub fn table_q(&self) -> String {
        format!("{}.{}", q(&self.schema), q(&self.table))
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub ty: String,
    pub not_null: bool,
    /// A default, identity or generated value: an INSERT may leave it out.
    pub has_default: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PgCatalog {
    pub tables: Vec<Table>,
    pub fks: Vec<Fk>,
    pub keys: Vec<Key>,
    pub columns: Vec<Column>,
}

const USER_NS: &str =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_t%'";

/// `format_type`, but qualified for every type outside `pg_catalog` (variants may run with an empty
/// search_path).
fn type_expr(typid: &str, typmod: &str) -> String {
    format!(
        "(SELECT CASE WHEN tn.nspname = 'pg_catalog' THEN format_type({typid}, {typmod}) \
         ELSE format('%I.%I', tn.nspname, t.typname) END \
         FROM pg_type t JOIN pg_namespace tn ON tn.oid = t.typnamespace WHERE t.oid = {typid})"
    )
}

fn att_list(array: &str, rel: &str, what: &str) -> String {
    format!(
        "(SELECT string_agg({what}, E'\\x1e' ORDER BY u.o) FROM unnest({array}) WITH ORDINALITY AS u(n, o) \
         JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = u.n)"
    )
}

fn list(field: &str) -> Vec<String> {
    if field.is_empty() {
        Vec::new()
    } else {
        field.split(LIST).map(str::to_string).collect()
    }
}

impl PgCatalog {
    pub fn load(server: &PgServer, db: &str) -> PgCatalog {
        let query = |sql: &str| {
            server
                .query(db, sql)
                .unwrap_or_else(|e| panic!("catalog query failed: {e}\n{sql}"))
        };
        let tables = query(&format!(
            "SELECT n.nspname, c.relname, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid \
             AND k.contype = 'p') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence = 'p' AND {USER_NS} \
             ORDER BY 1, 2"
        ))
        .into_iter()
        .map(|r| Table {
            schema: r[0].clone(),
            name: r[1].clone(),
            has_pk: r[2] == "t",
        })
        .collect();
        let fks = query(&format!(
            "SELECT k.conname, n.nspname, c.relname, {}, {}, fn.nspname, f.relname, {}, {} \
             FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_class f ON f.oid = k.confrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace \
             WHERE k.contype = 'f' AND k.conparentid = 0 AND NOT c.relispartition AND {USER_NS} ORDER BY 1, 2, 3",
            att_list("k.conkey", "k.conrelid", "a.attname"),
            att_list("k.conkey", "k.conrelid", "a.attnotnull::text"),
            att_list("k.confkey", "k.confrelid", "a.attname"),
            att_list("k.confkey", "k.confrelid", &type_expr("a.atttypid", "a.atttypmod")),
        ))
        .into_iter()
        .map(|r| Fk {
            name: r[0].clone(),
            schema: r[1].clone(),
            table: r[2].clone(),
            cols: list(&r[3]),
            cols_not_null: list(&r[4]).iter().all(|v| v == "true"),
            ref_schema: r[5].clone(),
            ref_table: r[6].clone(),
            ref_cols: list(&r[7]),
            ref_types: list(&r[8]),
        })
        .collect();
        let keys = query(&format!(
            "SELECT n.nspname, c.relname, k.conname, k.contype = 'p', {}, {} \
             FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE k.contype IN ('p', 'u') AND k.conparentid = 0 AND NOT c.relispartition AND NOT k.condeferrable \
             AND c.relkind IN ('r', 'p') AND {USER_NS} ORDER BY 1, 2, 3",
            att_list("k.conkey", "k.conrelid", "a.attname"),
            att_list("k.conkey", "k.conrelid", &type_expr("a.atttypid", "a.atttypmod")),
        ))
        .into_iter()
        .map(|r| Key {
            schema: r[0].clone(),
            table: r[1].clone(),
            name: r[2].clone(),
            primary: r[3] == "t",
            cols: list(&r[4]),
            types: list(&r[5]),
        })
        .collect();
        let columns = query(&format!(
            "SELECT n.nspname, c.relname, a.attname, {}, a.attnotnull, \
             a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '' \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped \
             AND {USER_NS} ORDER BY 1, 2, a.attnum",
            type_expr("a.atttypid", "a.atttypmod"),
        ))
        .into_iter()
        .map(|r| Column {
            schema: r[0].clone(),
            table: r[1].clone(),
            name: r[2].clone(),
            ty: r[3].clone(),
            not_null: r[4] == "t",
            has_default: r[5] == "t",
        })
        .collect();
        PgCatalog {
            tables,
            fks,
            keys,
            columns,
        }
    }

    pub fn columns_of<'a>(
        &'a self,
        schema: &'a str,
        table: &'a str,
    ) -> impl Iterator<Item = &'a Column> {
        self.columns
            .iter()
            .filter(move |c| c.schema == schema && c.table == table)
    }

    /// FKs whose referenced table is `schema.table`.
    pub fn referencing<'a>(
        &'a self,
        schema: &'a str,
        table: &'a str,
    ) -> impl Iterator<Item = &'a Fk> {
        self.fks
            .iter()
            .filter(move |f| f.ref_schema == schema && f.ref_table == table)
    }

    /// Whether some FK references exactly these columns of the key's table.
    pub fn key_is_referenced(&self, key: &Key) -> bool {
        self.referencing(&key.schema, &key.table).any(|f| {
            let mut a = f.ref_cols.clone();
            let mut b = key.cols.clone();
            a.sort();
            b.sort();
            a == b
        })
    }
}
