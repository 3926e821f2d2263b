//! The corpus truth: `truth/<server>/<item>.fks.tsv`, the foreign keys `pg_constraint` held after the item was
//! applied to a real PostgreSQL.
//!
//! Format: a header line, then one row per constraint, `|`-separated:
//! `table | constraint | referenced_table | definition | cloned_from_partitioned_parent`.
//!
//! - `table` and `referenced_table` are `regclass` text as the dumping session saw them: qualified only when
//!   the schema is not on its search path, which was the default one (`"$user", public`). So `album` means
//!   `public.album`, `musicbrainz.artist` means itself. Names that need quotes are quoted (`"Foo"`).
//! - `constraint` is the raw `conname` (never quoted, case kept: `objects_bucketId_fkey`).
//! - `definition` is `pg_get_constraintdef()`: `FOREIGN KEY (a, "B") REFERENCES s.t(c, d) [MATCH FULL]
//!   [ON UPDATE action] [ON DELETE action [(cols)]] [DEFERRABLE] [INITIALLY DEFERRED] [NOT VALID]`.
//! - the last column is `t` for the per-partition copies PostgreSQL makes of a partitioned table's FKs.
//!
//! Every name is normalized to schema + name as the database stores them (no quotes, case kept), which is
//! what `fklint schema` reports.

use std::fmt;

/// A schema-qualified name as the database stores it (no quotes, case kept).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualName {
    pub schema: String,
    pub name: String,
}

impl QualName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualName {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// Parses `regclass` text: `t`, `s.t`, `"S"."T"`; unqualified names are in `public` (the default
    /// search path of the session that wrote the truth).
    pub fn parse_regclass(text: &str) -> Result<QualName, String> {
        let tokens = tokenize(text)?;
        let mut parser = Parser { tokens, pos: 0 };
        let name = parser.qualified_name()?;
        parser.expect_end()?;
        Ok(name)
    }
}

impl fmt::Display for QualName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}",
            quote_if_needed(&self.schema),
            quote_if_needed(&self.name)
        )
    }
}

/// Quotes an identifier for display when it is not a plain lower-case name.
pub fn quote_if_needed(ident: &str) -> String {
    let plain = !ident.is_empty()
        && ident
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && ident
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if plain {
        ident.to_string()
    } else {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }
}

/// A referential action: `NO ACTION`, `RESTRICT`, `CASCADE`, `SET NULL`, `SET DEFAULT`, the last two with an
/// optional column list (PostgreSQL 15+: `ON DELETE SET NULL (a)`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Action {
    pub kind: String,
    pub columns: Vec<String>,
}

impl Action {
    pub fn no_action() -> Self {
        Action {
            kind: "NO ACTION".into(),
            columns: Vec::new(),
        }
    }

    /// Parses an action as `fklint schema` or `pg_get_constraintdef` writes it (`set null (a, "B")`): keywords
    /// are case-insensitive, whitespace is free, column names lose their quotes.
    pub fn parse(text: &str) -> Result<Action, String> {
        let tokens = tokenize(text)?;
        let mut parser = Parser { tokens, pos: 0 };
        let action = parser.action()?;
        parser.expect_end()?;
        Ok(action)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.kind)?;
        if !self.columns.is_empty() {
            let cols: Vec<String> = self.columns.iter().map(|c| quote_if_needed(c)).collect();
            write!(f, " ({})", cols.join(", "))?;
        }
        Ok(())
    }
}

/// What `pg_get_constraintdef` says about one foreign key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FkDefinition {
    pub columns: Vec<String>,
    pub ref_table: QualName,
    pub ref_columns: Vec<String>,
    /// `FULL`, `PARTIAL` (absent means `SIMPLE`).
    pub match_type: Option<String>,
    pub on_delete: Action,
    pub on_update: Action,
    pub deferrable: bool,
    pub initially_deferred: bool,
    pub not_valid: bool,
    /// PostgreSQL 18 `NOT ENFORCED`.
    pub not_enforced: bool,
    /// PostgreSQL 18 temporal FK: the last column of each list was written `PERIOD col`.
    pub period: bool,
}

/// One row of a truth file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthFk {
    pub table: QualName,
    pub constraint: String,
    pub columns: Vec<String>,
    pub ref_table: QualName,
    pub ref_columns: Vec<String>,
    pub on_delete: Action,
    pub on_update: Action,
    pub deferrable: bool,
    pub initially_deferred: bool,
    pub match_type: Option<String>,
    pub not_valid: bool,
    /// A per-partition copy of a partitioned table's FK (`cloned_from_partitioned_parent = t`).
    pub cloned: bool,
    /// The definition text as the truth file has it.
    pub definition: String,
    /// 1-based line in the truth file.
    pub line: usize,
}

/// Parses a whole truth file (header line first).
pub fn parse_truth(text: &str) -> Result<Vec<TruthFk>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header))
            if header.trim() == "table|constraint|referenced_table|definition|cloned_from_partitioned_parent" => {}
        Some((_, header)) => return Err(format!("line 1: unexpected header {header:?}")),
        None => return Err("empty truth file (not even a header)".into()),
    }
    let mut rows = Vec::new();
    for (index, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        rows.push(
            parse_truth_row(line, index + 1)
                .map_err(|e| format!("line {}: {e}: {line}", index + 1))?,
        );
    }
    Ok(rows)
}

/// Parses one data row of a truth file.
pub fn parse_truth_row(line: &str, line_number: usize) -> Result<TruthFk, String> {
    // The definition may in principle contain `|` inside a quoted name: split off the fixed columns from
    // both ends instead of splitting blindly.
    let mut head = line.splitn(4, '|');
    let table = head.next().ok_or("missing table")?;
    let constraint = head.next().ok_or("missing constraint")?;
    let referenced = head.next().ok_or("missing referenced_table")?;
    let rest = head.next().ok_or("missing definition")?;
    let (definition, cloned) = rest
        .rsplit_once('|')
        .ok_or("missing cloned_from_partitioned_parent")?;
    let cloned = match cloned.trim() {
        "t" => true,
        "f" => false,
        other => {
            return Err(format!(
                "cloned_from_partitioned_parent is {other:?}, not t/f"
            ))
        }
    };
    let table = QualName::parse_regclass(table)?;
    let referenced = QualName::parse_regclass(referenced)?;
    let def = parse_fk_definition(definition)?;
    if def.ref_table != referenced {
        return Err(format!(
            "referenced_table {referenced} disagrees with the definition's {}",
            def.ref_table
        ));
    }
    Ok(TruthFk {
        table,
        constraint: constraint.to_string(),
        columns: def.columns,
        ref_table: def.ref_table,
        ref_columns: def.ref_columns,
        on_delete: def.on_delete,
        on_update: def.on_update,
        deferrable: def.deferrable,
        initially_deferred: def.initially_deferred,
        match_type: def.match_type,
        not_valid: def.not_valid,
        cloned,
        definition: definition.to_string(),
        line: line_number,
    })
}

/// Parses `pg_get_constraintdef` output of a foreign key.
pub fn parse_fk_definition(text: &str) -> Result<FkDefinition, String> {
    let tokens = tokenize(text)?;
    let mut p = Parser { tokens, pos: 0 };
    p.keyword("FOREIGN")?;
    p.keyword("KEY")?;
    let (columns, period) = p.column_list()?;
    p.keyword("REFERENCES")?;
    let ref_table = p.qualified_name()?;
    let (ref_columns, ref_period) = p.column_list()?;
    let mut def = FkDefinition {
        columns,
        ref_table,
        ref_columns,
        match_type: None,
        on_delete: Action::no_action(),
        on_update: Action::no_action(),
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
        not_enforced: false,
        period: period || ref_period,
    };
    while !p.at_end() {
        if p.eat_keyword("MATCH") {
            let kind = p.word()?.to_ascii_uppercase();
            if kind != "SIMPLE" {
                def.match_type = Some(kind);
            }
        } else if p.eat_keyword("ON") {
            if p.eat_keyword("DELETE") {
                def.on_delete = p.action()?;
            } else if p.eat_keyword("UPDATE") {
                def.on_update = p.action()?;
            } else {
                return Err(p.unexpected("DELETE or UPDATE after ON"));
            }
        } else if p.eat_keyword("DEFERRABLE") {
            def.deferrable = true;
        } else if p.eat_keyword("INITIALLY") {
            if p.eat_keyword("DEFERRED") {
                def.initially_deferred = true;
            } else {
                p.keyword("IMMEDIATE")?;
            }
        } else if p.eat_keyword("NOT") {
            if p.eat_keyword("VALID") {
                def.not_valid = true;
            } else if p.eat_keyword("DEFERRABLE") {
                def.deferrable = false;
            } else if p.eat_keyword("ENFORCED") {
                def.not_enforced = true;
            } else {
                return Err(p.unexpected("VALID, DEFERRABLE or ENFORCED after NOT"));
            }
        } else if p.eat_keyword("ENFORCED") {
        } else {
            return Err(p.unexpected("an FK option"));
        }
    }
    Ok(def)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// An unquoted word: a keyword or a (lower-case) identifier.
    Word(String),
    /// A `"quoted"` identifier, unquoted.
    Quoted(String),
    Punct(char),
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if matches!(c, '(' | ')' | ',' | '.') {
            chars.next();
            tokens.push(Token::Punct(c));
        } else if c == '"' {
            chars.next();
            let mut ident = String::new();
            loop {
                match chars.next() {
                    Some((_, '"')) => {
                        if chars.peek().map(|&(_, c)| c) == Some('"') {
                            chars.next();
                            ident.push('"');
                        } else {
                            break;
                        }
                    }
                    Some((_, c)) => ident.push(c),
                    None => {
                        return Err(format!(
                            "unterminated quoted identifier at byte {start} of {text:?}"
                        ))
                    }
                }
            }
            tokens.push(Token::Quoted(ident));
        } else {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() || matches!(c, '(' | ')' | ',' | '.' | '"') {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            tokens.push(Token::Word(text[start..end].to_string()));
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn unexpected(&self, wanted: &str) -> String {
        match self.peek() {
            Some(t) => format!("expected {wanted}, found {t:?} (token {})", self.pos + 1),
            None => format!("expected {wanted}, found the end"),
        }
    }

    fn expect_end(&self) -> Result<(), String> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.unexpected("the end"))
        }
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        match self.peek() {
            Some(Token::Word(w)) if w.eq_ignore_ascii_case(keyword) => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    fn keyword(&mut self, keyword: &str) -> Result<(), String> {
        if self.eat_keyword(keyword) {
            Ok(())
        } else {
            Err(self.unexpected(keyword))
        }
    }

    fn eat_punct(&mut self, c: char) -> bool {
        if self.peek() == Some(&Token::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn punct(&mut self, c: char) -> Result<(), String> {
        if self.eat_punct(c) {
            Ok(())
        } else {
            Err(self.unexpected(&format!("`{c}`")))
        }
    }

    fn word(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Token::Word(w)) => {
                let w = w.clone();
                self.pos += 1;
                Ok(w)
            }
            _ => Err(self.unexpected("a word")),
        }
    }

    /// An identifier: unquoted words are kept as written (PostgreSQL prints them folded already).
    fn ident(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Token::Word(w) | Token::Quoted(w)) => {
                let w = w.clone();
                self.pos += 1;
                Ok(w)
            }
            _ => Err(self.unexpected("an identifier")),
        }
    }

    fn qualified_name(&mut self) -> Result<QualName, String> {
        let first = self.ident()?;
        if self.eat_punct('.') {
            let second = self.ident()?;
            Ok(QualName::new(first, second))
        } else {
            Ok(QualName::new("public", first))
        }
    }

    /// `(a, "B", PERIOD c)`; returns the names and whether `PERIOD` was seen.
    fn column_list(&mut self) -> Result<(Vec<String>, bool), String> {
        self.punct('(')?;
        let mut columns = Vec::new();
        let mut period = false;
        loop {
            // `PERIOD valid_at` (PostgreSQL 18): a word followed by another identifier, not by `,` or `)`.
            if matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case("PERIOD"))
                && matches!(
                    self.tokens.get(self.pos + 1),
                    Some(Token::Word(_) | Token::Quoted(_))
                )
            {
                self.pos += 1;
                period = true;
            }
            columns.push(self.ident()?);
            if self.eat_punct(')') {
                break;
            }
            self.punct(',')?;
        }
        Ok((columns, period))
    }

    fn action(&mut self) -> Result<Action, String> {
        let kind = if self.eat_keyword("NO") {
            self.keyword("ACTION")?;
            "NO ACTION"
        } else if self.eat_keyword("RESTRICT") {
            "RESTRICT"
        } else if self.eat_keyword("CASCADE") {
            "CASCADE"
        } else if self.eat_keyword("SET") {
            if self.eat_keyword("NULL") {
                "SET NULL"
            } else if self.eat_keyword("DEFAULT") {
                "SET DEFAULT"
            } else {
                return Err(self.unexpected("NULL or DEFAULT after SET"));
            }
        } else {
            return Err(self.unexpected("a referential action"));
        };
        let mut columns = Vec::new();
        if kind.starts_with("SET") && self.peek() == Some(&Token::Punct('(')) {
            columns = self.column_list()?.0;
        }
        Ok(Action {
            kind: kind.to_string(),
            columns,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn plain_definition_from_chinook() {
        let d =
            parse_fk_definition("FOREIGN KEY (artist_id) REFERENCES artist(artist_id)").unwrap();
        assert_eq!(d.columns, cols(&["artist_id"]));
        assert_eq!(d.ref_table, QualName::new("public", "artist"));
        assert_eq!(d.ref_columns, cols(&["artist_id"]));
        assert_eq!(d.on_delete, Action::no_action());
        assert_eq!(d.on_update, Action::no_action());
        assert!(!d.deferrable && !d.initially_deferred && !d.not_valid && d.match_type.is_none());
    }

    #[test]
    fn both_actions_from_pagila() {
        let d = parse_fk_definition(
            "FOREIGN KEY (city_id) REFERENCES city(city_id) ON UPDATE CASCADE ON DELETE RESTRICT",
        )
        .unwrap();
        assert_eq!(d.on_update.to_string(), "CASCADE");
        assert_eq!(d.on_delete.to_string(), "RESTRICT");
    }

    #[test]
    fn qualified_reference_from_musicbrainz() {
        let d = parse_fk_definition(
            "FOREIGN KEY (artist) REFERENCES musicbrainz.artist(id) ON DELETE CASCADE",
        )
        .unwrap();
        assert_eq!(d.ref_table, QualName::new("musicbrainz", "artist"));
        assert_eq!(d.on_delete.kind, "CASCADE");
        assert_eq!(d.on_update.kind, "NO ACTION");
    }

    #[test]
    fn not_valid_and_set_null() {
        let d = parse_fk_definition(
            "FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE SET NULL NOT VALID",
        )
        .unwrap();
        assert_eq!(d.on_delete.to_string(), "SET NULL");
        assert!(d.not_valid);
    }

    #[test]
    fn full_row_from_supabase_storage_keeps_constraint_case() {
        let row = parse_truth_row(
            "storage.objects|objects_bucketId_fkey|storage.buckets|FOREIGN KEY (bucket_id) REFERENCES storage.buckets(id)|f",
            2,
        )
        .unwrap();
        assert_eq!(row.table, QualName::new("storage", "objects"));
        assert_eq!(row.constraint, "objects_bucketId_fkey");
        assert_eq!(row.ref_table, QualName::new("storage", "buckets"));
        assert!(!row.cloned);
    }

    #[test]
    fn cloned_row_from_gisia() {
        let row = parse_truth_row(
            "epic_notes|fk_rails_36c9deba43|users|FOREIGN KEY (author_id) REFERENCES users(id)|t",
            3,
        )
        .unwrap();
        assert_eq!(row.table, QualName::new("public", "epic_notes"));
        assert!(row.cloned);
    }

    #[test]
    fn quoted_names_multi_columns_and_all_options() {
        let d = parse_fk_definition(
            "FOREIGN KEY (a, \"B\", \"we\"\"ird\") REFERENCES \"Sch\".\"T t\"(c, \"D\", e) MATCH FULL \
             ON UPDATE SET DEFAULT ON DELETE SET NULL (a, \"B\") DEFERRABLE INITIALLY DEFERRED NOT VALID",
        )
        .unwrap();
        assert_eq!(d.columns, cols(&["a", "B", "we\"ird"]));
        assert_eq!(d.ref_table, QualName::new("Sch", "T t"));
        assert_eq!(d.ref_columns, cols(&["c", "D", "e"]));
        assert_eq!(d.match_type.as_deref(), Some("FULL"));
        assert_eq!(
            d.on_update,
            Action {
                kind: "SET DEFAULT".into(),
                columns: vec![]
            }
        );
        assert_eq!(
            d.on_delete,
            Action {
                kind: "SET NULL".into(),
                columns: cols(&["a", "B"])
            }
        );
        assert_eq!(d.on_delete.to_string(), "SET NULL (a, \"B\")");
        assert!(d.deferrable && d.initially_deferred && d.not_valid);
    }

    #[test]
    fn deferrable_initially_immediate_and_pg18_temporal() {
        let d = parse_fk_definition(
            "FOREIGN KEY (id, PERIOD valid_at) REFERENCES t(id, PERIOD valid_at) DEFERRABLE NOT ENFORCED",
        )
        .unwrap();
        assert_eq!(d.columns, cols(&["id", "valid_at"]));
        assert!(d.period && d.deferrable && !d.initially_deferred && d.not_enforced);
        let d =
            parse_fk_definition("FOREIGN KEY (x) REFERENCES t(x) DEFERRABLE INITIALLY IMMEDIATE")
                .unwrap();
        assert!(d.deferrable && !d.initially_deferred);
    }

    #[test]
    fn a_column_named_period_is_a_column() {
        let d = parse_fk_definition("FOREIGN KEY (period) REFERENCES t(period)").unwrap();
        assert_eq!(d.columns, cols(&["period"]));
        assert!(!d.period);
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_fk_definition("CHECK (x > 0)").is_err());
        assert!(parse_fk_definition("FOREIGN KEY (a REFERENCES t(a)").is_err());
        assert!(parse_fk_definition("FOREIGN KEY (a) REFERENCES t(a) ON DELETE EXPLODE").is_err());
        assert!(
            parse_truth_row("t|c|u|FOREIGN KEY (a) REFERENCES t(a)|f", 2).is_err(),
            "ref table mismatch"
        );
        assert!(parse_truth_row("t|c|t|FOREIGN KEY (a) REFERENCES t(a)|x", 2).is_err());
        assert!(parse_truth("nonsense\n").is_err());
    }

    #[test]
    fn regclass_and_action_normalization() {
        assert_eq!(
            QualName::parse_regclass("album").unwrap(),
            QualName::new("public", "album")
        );
        assert_eq!(
            QualName::parse_regclass("\"Person\".\"Addr\"").unwrap(),
            QualName::new("Person", "Addr")
        );
        assert!(QualName::parse_regclass("a.b.c").is_err());
        assert_eq!(
            Action::parse("set null ( a ,  \"B\" )")
                .unwrap()
                .to_string(),
            "SET NULL (a, \"B\")"
        );
        assert_eq!(Action::parse("no   action").unwrap(), Action::no_action());
        assert!(Action::parse("").is_err());
    }

    #[test]
    fn header_only_file_is_empty() {
        let rows = parse_truth(
            "table|constraint|referenced_table|definition|cloned_from_partitioned_parent\n",
        )
        .unwrap();
        assert!(rows.is_empty());
    }
}
