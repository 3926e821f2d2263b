//! The variant generator: one mutation of a corpus item per variant, built from PostgreSQL's own catalog of the
//! item (names, keys, types), placed so that cascades (later statements failing because an earlier one did)
//! stay rare.

use super::catalog::{q, Fk, Key, PgCatalog};
use super::rng::Rng;
use super::sqltext::{created_table, head_words, references_targets, same_relation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The referenced table renamed to a near miss (plural/singular, typo, case via quotes, schema typo).
    NearMissTable,
    /// A referenced column that does not exist.
    BadRefColumn,
    /// Referenced columns that are not exactly a key.
    NotUnique,
    /// FK and referenced column lists of different lengths.
    CountMismatch,
    /// `ALTER COLUMN ... TYPE` of an FK column.
    TypeChangeFk,
    /// `ALTER COLUMN ... TYPE` of a referenced key column.
    TypeChangeKey,
    /// A new table whose FK column has another type than the key.
    NewChildType,
    /// `DROP CONSTRAINT` of a key FKs need (sometimes with CASCADE).
    DropKey,
    /// The `ADD CONSTRAINT ... PRIMARY KEY/UNIQUE` statement moved after the FKs that need it.
    MoveKeyAfterFk,
    /// A `CREATE TABLE` moved after a table that references it.
    Reorder,
    /// `DROP COLUMN` of a referenced column (sometimes with CASCADE), or of an FK column.
    DropColumn,
    /// `TRUNCATE` of a referenced table (alone, with CASCADE, or with every referencing table).
    Truncate,
    /// `REFERENCES t` without columns: t's primary key, or none.
    ImplicitKey,
    /// An FK onto a DEFERRABLE (or not) unique constraint.
    Deferrable,
    /// `ON DELETE/UPDATE SET NULL` on NOT NULL columns: a warning, never an error.
    SetNullNotNull,
    /// A seed row whose key value the parent never got (FK501's job; reported separately).
    Seed,
}

pub const KINDS: &[Kind] = &[
    Kind::NearMissTable,
    Kind::BadRefColumn,
    Kind::NotUnique,
    Kind::CountMismatch,
    Kind::TypeChangeFk,
    Kind::TypeChangeKey,
    Kind::NewChildType,
    Kind::DropKey,
    Kind::MoveKeyAfterFk,
    Kind::Reorder,
    Kind::DropColumn,
    Kind::Truncate,
    Kind::ImplicitKey,
    Kind::Deferrable,
    Kind::SetNullNotNull,
    Kind::Seed,
];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::NearMissTable => "near-miss-table",
            Kind::BadRefColumn => "bad-ref-column",
            Kind::NotUnique => "not-unique",
            Kind::CountMismatch => "count-mismatch",
            Kind::TypeChangeFk => "type-change-fk",
            Kind::TypeChangeKey => "type-change-key",
            Kind::NewChildType => "new-child-type",
            Kind::DropKey => "drop-key",
            Kind::MoveKeyAfterFk => "move-key-after-fk",
            Kind::Reorder => "reorder",
            Kind::DropColumn => "drop-column",
            Kind::Truncate => "truncate",
            Kind::ImplicitKey => "implicit-key",
            Kind::Deferrable => "deferrable",
            Kind::SetNullNotNull => "set-null-not-null",
            Kind::Seed => "seed",
        }
    }
}

/// One statement of a variant, with the index of the base statement it comes from (`None`: added).
#[derive(Debug, Clone)]
pub struct Stmt {
    pub sql: String,
    pub base: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Variant {
    /// `v17`.
    pub id: String,
    pub item: String,
    pub kind: Kind,
    /// What was mutated, for the report.
    pub about: String,
    pub statements: Vec<Stmt>,
    /// For a seed variant: the parent table (unqualified, as stored) the added row has no row in.
    pub seed_parent: Option<String>,
}

impl Variant {
    /// The text fklint checks and PostgreSQL runs: the statements joined by `;` and newlines.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for s in &self.statements {
            out.push_str(&s.sql);
            out.push_str(";\n");
        }
        out
    }
}

/// An item ready for mutation.
pub struct BaseItem {
    pub name: String,
    pub statements: Vec<String>,
    pub catalog: PgCatalog,
}

/// Types an FK or key column is changed to (`ALTER COLUMN ... TYPE` needs an automatic cast, so only these).
fn altered_types(ty: &str) -> &'static [&'static str] {
    match ty {
        "integer" | "smallint" => &["text", "bigint", "character varying(20)", "numeric"],
        "bigint" => &["text", "integer", "numeric"],
        "uuid" => &["character varying(36)", "text"],
        t if t.starts_with("character varying") || t == "text" || t.starts_with("character(") => {
            &["text", "character varying(255)", "character varying"]
        }
        _ => &["text"],
    }
}

const NEW_TYPES: &[&str] = &[
    "integer",
    "bigint",
    "smallint",
    "text",
    "character varying(255)",
    "uuid",
    "numeric",
    "boolean",
    "date",
    "timestamp without time zone",
    "character(10)",
    "double precision",
];

/// The name with a near miss: plural/singular, a typo, or a quoted capitalized form.
fn near_miss(rng: &mut Rng, name: &str) -> (String, &'static str) {
    let chars: Vec<char> = name.chars().collect();
    match rng.below(3) {
        0 => {
            let new = if let Some(stem) = name.strip_suffix("ies") {
                format!("{stem}y")
            } else if let Some(stem) = name.strip_suffix('s') {
                stem.to_string()
            } else if let Some(stem) = name.strip_suffix('y') {
                format!("{stem}ies")
            } else {
                format!("{name}s")
            };
            (new, "plural/singular")
        }
        1 if chars.len() >= 3 => {
            let mut c = chars.clone();
            let i = 1 + rng.below(c.len() - 2);
            if c[i] != c[i + 1] && rng.chance(50) {
                c.swap(i, i + 1);
            } else {
                c.remove(i);
            }
            (c.into_iter().collect(), "typo")
        }
        _ => {
            let mut c = chars.clone();
            if let Some(first) = c.first_mut() {
                if first.is_lowercase() {
                    *first = first.to_ascii_uppercase();
                } else {
                    *first = first.to_ascii_lowercase();
                }
            }
            let new: String = c.into_iter().collect();
            if new == name {
                (format!("{name}_"), "typo")
            } else {
                (new, "case")
            }
        }
    }
}

fn cols(list: &[String]) -> String {
    list.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
}

/// A literal of `ty` that no parent row has (or `None` for types without a sure one).
fn missing_value(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "smallint" => "31999",
        "integer" | "bigint" | "numeric" => "1999999937",
        "uuid" => "'00000000-0000-4000-8000-00000000beef'",
        t if t.starts_with("character varying") || t == "text" => "'zq'",
        _ => return None,
    })
}

impl BaseItem {
    fn base_stmts(&self) -> Vec<Stmt> {
        self.statements
            .iter()
            .enumerate()
            .map(|(i, s)| Stmt {
                sql: s.clone(),
                base: Some(i),
            })
            .collect()
    }

    /// The index of the base statement `ALTER TABLE ... ADD CONSTRAINT <name> <what>` (standalone).
    fn alter_add_constraint(&self, name: &str, what: &[&str]) -> Option<usize> {
        let quoted = q(name).to_ascii_lowercase();
        let bare = name.to_ascii_lowercase();
        self.statements.iter().position(|s| {
            let words = head_words(s, 2);
            let lower = s.to_ascii_lowercase();
            words == ["alter", "table"]
                && lower.matches("add constraint").count() == 1
                && (lower.contains(&format!("constraint {quoted}"))
                    || lower.contains(&format!("constraint {bare} ")))
                && what.iter().any(|w| lower.contains(w))
                && !(what.contains(&"primary key") && lower.contains("foreign key"))
        })
    }

    fn synthetic_name(&self, id: &str, what: &str) -> String {
        format!("diff_{id}_{what}")
    }

    /// One variant of `kind`, or `None` when the item has nothing to mutate that way.
    pub fn variant(&self, rng: &mut Rng, id: &str, kind: Kind) -> Option<Variant> {
        let cat = &self.catalog;
        let mut stmts = self.base_stmts();
        let add = |stmts: &mut Vec<Stmt>, sql: String| stmts.push(Stmt { sql, base: None });
        let about;
        let mut seed_parent = None;
        match kind {
            Kind::NearMissTable => {
                let fk = rng.pick(&cat.fks)?.clone();
                let (target, how) = if rng.chance(15) {
                    let (schema, _) = near_miss(rng, &fk.ref_schema);
                    (
                        format!("{}.{}", q(&schema), q(&fk.ref_table)),
                        "schema typo",
                    )
                } else {
                    let (name, how) = near_miss(rng, &fk.ref_table);
                    (format!("{}.{}", q(&fk.ref_schema), q(&name)), how)
                };
                let in_place = self.alter_add_constraint(&fk.name, &["foreign key"]);
                match in_place.filter(|_| rng.chance(50)) {
                    Some(i) => {
                        let sql = &stmts[i].sql;
                        let (s, e, _) = references_targets(sql).into_iter().next()?;
                        let new = format!("{}{}{}", &sql[..s], target, &sql[e..]);
                        stmts[i].sql = new;
                        about = format!("{}: REFERENCES {} in place ({how})", fk.name, target);
                    }
                    None => {
                        add(
                            &mut stmts,
                            format!(
                                "ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} ({})",
                                fk.child(),
                                cols(&fk.cols),
                                target,
                                cols(&fk.ref_cols)
                            ),
                        );
                        about = format!("{}: new FK to {} ({how})", fk.name, target);
                    }
                }
            }
            Kind::BadRefColumn => {
                let fk = rng.pick(&cat.fks)?.clone();
                let mut ref_cols = fk.ref_cols.clone();
                let i = rng.below(ref_cols.len());
                let (typo, _) = near_miss(rng, &ref_cols[i]);
                ref_cols[i] = typo;
                add(
                    &mut stmts,
                    format!(
                        "ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} ({})",
                        fk.child(),
                        cols(&fk.cols),
                        fk.parent(),
                        cols(&ref_cols)
                    ),
                );
                about = format!("{}: referenced column {}", fk.name, ref_cols[i]);
            }
            Kind::NotUnique => {
                let table = rng.pick(&cat.tables)?.clone();
                let columns: Vec<_> = cat
                    .columns_of(&table.schema, &table.name)
                    .cloned()
                    .collect();
                let col = rng.pick(&columns)?.clone();
                let child = format!("{}.{}", q(&table.schema), q(&self.synthetic_name(id, "c")));
                add(
                    &mut stmts,
                    format!(
                        "CREATE TABLE {child} (\"ref\" {} REFERENCES {} ({}))",
                        col.ty,
                        table.qualified(),
                        q(&col.name)
                    ),
                );
                about = format!("FK onto {}.{}", table.name, col.name);
            }
            Kind::CountMismatch => {
                let key = rng.pick(&cat.keys)?.clone();
                let child = format!("{}.{}", q(&key.schema), q(&self.synthetic_name(id, "c")));
                let mut defs: Vec<String> = Vec::new();
                let mut fk_cols = Vec::new();
                let n = if key.cols.len() > 1 {
                    key.cols.len() - 1
                } else {
                    2
                };
                for i in 0..n {
                    let ty = key.types.get(i).or(key.types.first())?;
                    defs.push(format!("\"c{i}\" {ty}"));
                    fk_cols.push(format!("\"c{i}\""));
                }
                add(
                    &mut stmts,
                    format!(
                        "CREATE TABLE {child} ({}, FOREIGN KEY ({}) REFERENCES {} ({}))",
                        defs.join(", "),
                        fk_cols.join(", "),
                        key.table_q(),
                        cols(&key.cols)
                    ),
                );
                about = format!(
                    "{} columns onto key {} ({} columns)",
                    n,
                    key.name,
                    key.cols.len()
                );
            }
            Kind::TypeChangeFk => {
                let fk = rng.pick(&cat.fks)?.clone();
                let i = rng.below(fk.cols.len());
                let col = cat
                    .columns_of(&fk.schema, &fk.table)
                    .find(|c| c.name == fk.cols[i])?
                    .clone();
                let ty = *rng.pick(altered_types(&col.ty))?;
                add(
                    &mut stmts,
                    format!(
                        "ALTER TABLE {} ALTER COLUMN {} TYPE {ty}",
                        fk.child(),
                        q(&col.name)
                    ),
                );
                about = format!("{}: {}.{} {} -> {ty}", fk.name, fk.table, col.name, col.ty);
            }
            Kind::TypeChangeKey => {
                let keys: Vec<&Key> = cat
                    .keys
                    .iter()
                    .filter(|k| cat.key_is_referenced(k))
                    .collect();
                let key = (*rng.pick(&keys)?).clone();
                let i = rng.below(key.cols.len());
                let ty = *rng.pick(altered_types(&key.types[i]))?;
                add(
                    &mut stmts,
                    format!(
                        "ALTER TABLE {} ALTER COLUMN {} TYPE {ty}",
                        key.table_q(),
                        q(&key.cols[i])
                    ),
                );
                about = format!(
                    "key {}: {}.{} {} -> {ty}",
                    key.name, key.table, key.cols[i], key.types[i]
                );
            }
            Kind::NewChildType => {
                let keys: Vec<&Key> = cat.keys.iter().filter(|k| k.cols.len() == 1).collect();
                let key = (*rng.pick(&keys)?).clone();
                let ty = *rng.pick(NEW_TYPES)?;
                let child = format!("{}.{}", q(&key.schema), q(&self.synthetic_name(id, "c")));
                add(
                    &mut stmts,
                    format!(
                        "CREATE TABLE {child} (\"ref\" {ty} REFERENCES {} ({}))",
                        key.table_q(),
                        q(&key.cols[0])
                    ),
                );
                about = format!("{ty} onto {}.{} {}", key.table, key.cols[0], key.types[0]);
            }
            Kind::DropKey => {
                let referenced: Vec<&Key> = cat
                    .keys
                    .iter()
                    .filter(|k| cat.key_is_referenced(k))
                    .collect();
                let key = if rng.chance(80) {
                    rng.pick(&referenced).copied()
                } else {
                    None
                };
                let key = match key {
                    Some(k) => k.clone(),
                    None => rng.pick(&cat.keys)?.clone(),
                };
                let cascade = if rng.chance(25) { " CASCADE" } else { "" };
                add(
                    &mut stmts,
                    format!(
                        "ALTER TABLE {} DROP CONSTRAINT {}{cascade}",
                        key.table_q(),
                        q(&key.name)
                    ),
                );
                about = format!("drop {}{cascade}", key.name);
            }
            Kind::MoveKeyAfterFk => {
                let candidates: Vec<(usize, &Key)> = cat
                    .keys
                    .iter()
                    .filter(|k| cat.key_is_referenced(k))
                    .filter_map(|k| {
                        self.alter_add_constraint(&k.name, &["primary key", "unique"])
                            .map(|i| (i, k))
                    })
                    .collect();
                let (i, key) = *rng.pick(&candidates)?;
                let moved = stmts.remove(i);
                stmts.push(moved);
                about = format!("{} moved to the end", key.name);
            }
            Kind::Reorder => {
                // (parent statement, first later CREATE TABLE that references it inline)
                let creates: Vec<(usize, Vec<String>)> = stmts
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| created_table(&s.sql).map(|n| (i, n)))
                    .collect();
                let mut pairs = Vec::new();
                for (pi, pname) in &creates {
                    if let Some((ci, _)) = creates.iter().find(|(ci, cname)| {
                        ci > pi
                            && !same_relation(cname, pname)
                            && references_targets(&stmts[*ci].sql)
                                .iter()
                                .any(|(_, _, t)| same_relation(t, pname))
                    }) {
                        pairs.push((*pi, *ci, pname.join(".")));
                    }
                }
                let (pi, ci, pname) = rng.pick(&pairs)?.clone();
                let moved = stmts.remove(pi);
                stmts.insert(ci, moved);
                about = format!("CREATE TABLE {pname} moved after statement {}", ci + 1);
            }
            Kind::DropColumn => {
                let fk = rng.pick(&cat.fks)?.clone();
                let cascade = if rng.chance(25) { " CASCADE" } else { "" };
                if rng.chance(20) {
                    let col = rng.pick(&fk.cols)?.clone();
                    add(
                        &mut stmts,
                        format!(
                            "ALTER TABLE {} DROP COLUMN {}{cascade}",
                            fk.child(),
                            q(&col)
                        ),
                    );
                    about = format!("{}: drop FK column {}.{col}{cascade}", fk.name, fk.table);
                } else {
                    let col = rng.pick(&fk.ref_cols)?.clone();
                    add(
                        &mut stmts,
                        format!(
                            "ALTER TABLE {} DROP COLUMN {}{cascade}",
                            fk.parent(),
                            q(&col)
                        ),
                    );
                    about = format!(
                        "{}: drop referenced column {}.{col}{cascade}",
                        fk.name, fk.ref_table
                    );
                }
            }
            Kind::Truncate => {
                let fk = rng.pick(&cat.fks)?.clone();
                match rng.below(4) {
                    0 => {
                        add(&mut stmts, format!("TRUNCATE {} CASCADE", fk.parent()));
                        about = format!("TRUNCATE {} CASCADE", fk.ref_table);
                    }
                    1 => {
                        // Every table that references a truncated one, transitively: accepted.
                        let mut set: Vec<(String, String)> =
                            vec![(fk.ref_schema.clone(), fk.ref_table.clone())];
                        let mut i = 0;
                        while i < set.len() {
                            let (s, t) = set[i].clone();
                            for f in cat.referencing(&s, &t) {
                                let c = (f.schema.clone(), f.table.clone());
                                if !set.contains(&c) {
                                    set.push(c);
                                }
                            }
                            i += 1;
                        }
                        let list: Vec<String> = set
                            .iter()
                            .map(|(s, t)| format!("{}.{}", q(s), q(t)))
                            .collect();
                        add(&mut stmts, format!("TRUNCATE {}", list.join(", ")));
                        about = format!(
                            "TRUNCATE {} with its {} referencing tables",
                            fk.ref_table,
                            set.len() - 1
                        );
                    }
                    _ => {
                        let only = if rng.chance(30) { "TABLE ONLY " } else { "" };
                        add(&mut stmts, format!("TRUNCATE {only}{}", fk.parent()));
                        about = format!("TRUNCATE {}", fk.ref_table);
                    }
                }
            }
            Kind::ImplicitKey => {
                let table = rng.pick(&cat.tables)?.clone();
                let child = format!("{}.{}", q(&table.schema), q(&self.synthetic_name(id, "c")));
                let pk = cat
                    .keys
                    .iter()
                    .find(|k| k.primary && k.schema == table.schema && k.table == table.name);
                let (defs, fk_cols) = match pk {
                    Some(pk) => (
                        pk.types
                            .iter()
                            .enumerate()
                            .map(|(i, t)| format!("\"c{i}\" {t}"))
                            .collect::<Vec<_>>(),
                        (0..pk.types.len())
                            .map(|i| format!("\"c{i}\""))
                            .collect::<Vec<_>>(),
                    ),
                    None => (
                        vec!["\"c0\" integer".to_string()],
                        vec!["\"c0\"".to_string()],
                    ),
                };
                add(
                    &mut stmts,
                    format!(
                        "CREATE TABLE {child} ({}, FOREIGN KEY ({}) REFERENCES {})",
                        defs.join(", "),
                        fk_cols.join(", "),
                        table.qualified()
                    ),
                );
                about = format!(
                    "REFERENCES {} (has primary key: {})",
                    table.name, table.has_pk
                );
            }
            Kind::Deferrable => {
                let key = rng.pick(&cat.keys)?.clone();
                let ty = key.types.first()?.clone();
                let parent = format!("{}.{}", q(&key.schema), q(&self.synthetic_name(id, "p")));
                let child = format!("{}.{}", q(&key.schema), q(&self.synthetic_name(id, "c")));
                let deferrable = match rng.below(3) {
                    0 => "DEFERRABLE",
                    1 => "DEFERRABLE INITIALLY DEFERRED",
                    _ => "NOT DEFERRABLE",
                };
                add(
                    &mut stmts,
                    format!("CREATE TABLE {parent} (\"k\" {ty}, UNIQUE (\"k\") {deferrable})"),
                );
                add(
                    &mut stmts,
                    format!("CREATE TABLE {child} (\"k\" {ty} REFERENCES {parent} (\"k\"))"),
                );
                about = format!("FK onto a {deferrable} unique key of {ty}");
            }
            Kind::SetNullNotNull => {
                let fks: Vec<&Fk> = cat.fks.iter().filter(|f| f.cols_not_null).collect();
                let fk = (*rng.pick(&fks)?).clone();
                let on = if rng.chance(70) { "DELETE" } else { "UPDATE" };
                add(
                    &mut stmts,
                    format!(
                        "ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} ({}) ON {on} SET NULL",
                        fk.child(),
                        cols(&fk.cols),
                        fk.parent(),
                        cols(&fk.ref_cols)
                    ),
                );
                about = format!(
                    "{}: again with ON {on} SET NULL on NOT NULL columns",
                    fk.name
                );
            }
            Kind::Seed => {
                let insertable: Vec<&Fk> = cat
                    .fks
                    .iter()
                    .filter(|f| {
                        cat.columns_of(&f.schema, &f.table)
                            .all(|c| !c.not_null || c.has_default || f.cols.contains(&c.name))
                            && f.ref_types.iter().all(|t| missing_value(t).is_some())
                    })
                    .collect();
                // Parents whose rows fklint can know are the ones FK501 is judged on: prefer them.
                let knowable: Vec<&Fk> = insertable
                    .iter()
                    .copied()
                    .filter(|f| rows_unknowable(&stmts, &f.ref_table).is_none())
                    .collect();
                let fks = if knowable.is_empty() || rng.below(4) == 0 {
                    insertable
                } else {
                    knowable
                };
                let fk = (*rng.pick(&fks)?).clone();
                let values: Vec<&str> = fk
                    .ref_types
                    .iter()
                    .filter_map(|t| missing_value(t))
                    .collect();
                add(
                    &mut stmts,
                    format!(
                        "INSERT INTO {} ({}) VALUES ({})",
                        fk.child(),
                        cols(&fk.cols),
                        values.join(", ")
                    ),
                );
                about = format!("{}: a row with no parent", fk.name);
                seed_parent = Some(fk.ref_table.clone());
            }
        }
        Some(Variant {
            id: id.to_string(),
            item: self.name.clone(),
            kind,
            about,
            statements: stmts,
            seed_parent,
        })
    }
}

/// Why fklint cannot know the parent table's rows before a seed row, by the contract FK501 documents (rows
/// from COPY or a query, code that runs on rows), or `None` when every row came from literal statements.
pub fn rows_unknowable(before: &[Stmt], parent: &str) -> Option<&'static str> {
    let parent = parent.to_ascii_lowercase();
    let mut functions: Vec<String> = Vec::new();
    before.iter().find_map(|stmt| {
        let sql = stmt.sql.trim_start().to_ascii_lowercase();
        let defined = [
            "create function ",
            "create or replace function ",
            "create procedure ",
            "create or replace procedure ",
        ]
        .iter()
        .find_map(|w| sql.strip_prefix(w));
        if let Some(rest) = defined {
            let name = rest.split('(').next().unwrap_or("").trim();
            let name = name.rsplit('.').next().unwrap_or(name).trim_matches('"');
            functions.push(format!("{name}("));
            return None;
        }
        let names_only = ["drop ", "comment ", "grant ", "revoke ", "alter function "]
            .iter()
            .any(|w| sql.starts_with(w));
        if !names_only && functions.iter().any(|f| sql.contains(f.as_str())) {
            return Some("a function the migrations define is called");
        }
        let names_parent = sql
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == parent);
        if (sql.starts_with("copy") || sql.starts_with("\\copy")) && names_parent {
            Some("parent rows from COPY")
        } else if sql.starts_with("insert") && names_parent && !sql.contains("values") {
            Some("parent rows from a query")
        } else if [
            "create trigger",
            "create rule",
            "create or replace rule",
            "create event trigger",
        ]
        .iter()
        .any(|w| sql.starts_with(w))
            || sql.contains("session_replication_role")
            || sql.contains("disable trigger")
        {
            Some("code that runs on rows (triggers, rules)")
        } else {
            None
        }
    })
}
