//! The SQL dialects fklint reads. The bottom of the core: every stage asks it how the server behaves. How a
//! dialect was guessed ([`Detected`]) is kept here too, as plain data: the options and the summary carry it,
//! and `dialect_detect` (which reads the sources) makes it.

use serde::Serialize;

/// The SQL dialect the sources are written in: it decides how text is cut and read, how names compare, which
/// key types a server accepts and how fix SQL is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Dialect {
    #[default]
    Postgres,
    /// MySQL and MariaDB with InnoDB (MariaDB is the server the tests judge with).
    MySql,
    Sqlite,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite];

    pub fn parse(name: &str) -> Option<Dialect> {
        let name = name.to_ascii_lowercase();
        Dialect::ALL
            .into_iter()
            .find(|dialect| dialect.name() == name)
            .or_else(|| {
                Dialect::ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == name)
                    .map(|(_, dialect)| *dialect)
            })
    }

    /// The other names settings accept for a dialect (matched case-insensitively, as its own name is).
    pub const ALIASES: [(&'static str, Dialect); 4] = [
        ("postgresql", Dialect::Postgres),
        ("pg", Dialect::Postgres),
        ("mariadb", Dialect::MySql),
        ("sqlite3", Dialect::Sqlite),
    ];

    /// The name `--dialect` and the JSON summary use.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::MySql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// InnoDB refuses a foreign key whose `SET NULL` action writes a column declared NOT NULL (errno 150), where
    /// the others accept it and fail only when the action runs.
    pub fn refuses_set_null_on_not_null(self) -> bool {
        self == Dialect::MySql
    }

    /// InnoDB creates an index for every foreign key that has none.
    pub fn indexes_foreign_keys(self) -> bool {
        self == Dialect::MySql
    }

    /// MySQL before 9.0 parses an inline `REFERENCES` on a column and ignores it.
    pub fn ignores_inline_references(self) -> bool {
        self == Dialect::MySql
    }

    /// InnoDB accepts `SET DEFAULT` and treats it as `RESTRICT`.
    pub fn ignores_set_default(self) -> bool {
        self == Dialect::MySql
    }

    /// Tables have a storage engine, and some engines keep no foreign keys.
    pub fn has_storage_engines(self) -> bool {
        self == Dialect::MySql
    }

    /// What a user reads: the server's own name.
    pub fn server(self) -> &'static str {
        match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::MySql => "MySQL/MariaDB",
            Dialect::Sqlite => "SQLite",
        }
    }
}

impl serde::Serialize for Dialect {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A detection as reports show it (`summary.detected` in the JSON): the guess and the markers behind it,
/// strongest first, so a user can tell why and override it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detected {
    pub dialect: Dialect,
    /// False when no marker was seen (PostgreSQL by default) or another dialect scored as high.
    pub confident: bool,
    pub evidence: Vec<MarkerSeen>,
}

/// One marker in [`Detected::evidence`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarkerSeen {
    /// The dialect the marker points to (evidence for the losers is kept: it shows a mixed input).
    pub dialect: Dialect,
    pub marker: &'static str,
    pub count: usize,
}
