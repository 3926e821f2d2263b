//! The keys a project's settings have: their names in each front door's spelling, which front doors take
//! them, and what each means (the TypeScript declarations of the npm package are generated from this table).

/// Where settings are written. Each spells the keys its own way; the keys and what they accept are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// `fklint.toml`: `snake_case` keys, every key.
    File,
    /// The wasm `options` object: `camelCase` keys; the keys that choose files on disk are not among them
    /// (the caller passes the sources it wants, in order).
    Options,
}

/// One key of the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Dialect,
    Target,
    Tool,
    ForeignKeyChecks,
    Platform,
    SearchPath,
    Rules,
    Databases,
    IdsFrom,
    Down,
    Exclude,
    Order,
}

impl Key {
    /// Every key, in the order messages and declarations list them.
    pub const ALL: [Key; 12] = [
        Key::Dialect,
        Key::Target,
        Key::Tool,
        Key::ForeignKeyChecks,
        Key::Platform,
        Key::SearchPath,
        Key::Rules,
        Key::Databases,
        Key::IdsFrom,
        Key::Down,
        Key::Exclude,
        Key::Order,
    ];

    /// The name in `fklint.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Key::Dialect => "dialect",
            Key::Target => "target",
            Key::Tool => "tool",
            Key::ForeignKeyChecks => "foreign_key_checks",
            Key::Platform => "platform",
            Key::SearchPath => "search_path",
            Key::Rules => "rules",
            Key::Databases => "databases",
            Key::IdsFrom => "ids_from",
            Key::Down => "down",
            Key::Exclude => "exclude",
            Key::Order => "order",
        }
    }

    /// The name as `surface` spells it.
    pub fn spelled(self, surface: Surface) -> &'static str {
        match (surface, self) {
            (Surface::Options, Key::ForeignKeyChecks) => "foreignKeyChecks",
            (Surface::Options, Key::SearchPath) => "searchPath",
            (Surface::Options, Key::IdsFrom) => "idsFrom",
            _ => self.name(),
        }
    }

    /// Whether `surface` takes the key.
    pub fn taken_by(self, surface: Surface) -> bool {
        surface == Surface::File || !self.chooses_files()
    }

    /// `exclude` and `order` choose and sort files on disk, which only the CLI reads.
    fn chooses_files(self) -> bool {
        matches!(self, Key::Exclude | Key::Order)
    }

    /// The key `surface` spells `name`, if it takes one.
    pub fn find(name: &str, surface: Surface) -> Option<Key> {
        Key::ALL
            .into_iter()
            .find(|key| key.taken_by(surface) && key.spelled(surface) == name)
    }

    /// What a value of the key looks like, for "must be ..., not ..." messages.
    pub fn expects(self) -> &'static str {
        match self {
            Key::Dialect => "a dialect's name such as \"postgres\"",
            Key::Target => "a server version such as \"mysql-8.0\"",
            Key::Tool => "a migration tool's name such as \"goose\"",
            Key::ForeignKeyChecks | Key::Down => "a boolean",
            Key::Platform => "a platform's name such as \"supabase\"",
            Key::SearchPath => "an array of schema names such as [\"app\", \"public\"]",
            Key::Rules => "an object that maps rules to levels, such as FK404 → \"off\"",
            Key::Databases => {
                "an object that maps each database's name to its files, or an array of { name, files }"
            }
            Key::IdsFrom => "an object that maps `table.column` to a database's name",
            Key::Exclude | Key::Order => "an array of path patterns",
        }
    }

    /// What the key means (the TypeScript declarations' comment; `fklint.toml` spells the keys in `snake_case`).
    pub fn doc(self) -> &'static str {
        match self {
            Key::Dialect => {
                "The dialect of the sources. Default: `\"auto\"`: guessed from markers in the sources (backticks \
                 and `ENGINE=` for MySQL, `AUTOINCREMENT`/`PRAGMA` for SQLite, `::`/`$$` for PostgreSQL; \
                 PostgreSQL when nothing points anywhere), and `Summary.detected` says why. Names are matched \
                 case-insensitively."
            }
            Key::Target => {
                "The server the migrations run on, for verdicts that depend on its version (`\"mysql-8.0\"`, \
                 `\"mariadb-10.11\"`, `\"postgres-15\"`; `\"sqlite\"`, or `\"libsql\"` for Turso's fork). \
                 With `dialect` `\"auto\"` it sets the dialect to the server's; another dialect is a bad call. \
                 Without one, PostgreSQL migrations are judged as PostgreSQL 18 runs them."
            }
            Key::Tool => {
                "The migration tool of a whole project. When present (a tool's name, or `\"auto\"` to detect \
                 it), the sources are every file of the project, each named by its relative path, and only what \
                 the tool runs on \"up\" is checked, in its order. `Summary.tool` says which tool and why; \
                 `layout()` lists the plan. Absent: the sources are migrations in the order given."
            }
            Key::ForeignKeyChecks => {
                "`false` when the migration runner turns foreign key checks off before each migration (MySQL \
                 `FOREIGN_KEY_CHECKS=0`, SQLite `PRAGMA foreign_keys=OFF`): each migration starts with them \
                 off. Default: the migrations' own statements decide."
            }
            Key::Platform => {
                "The platform the database runs on: `\"supabase\"` replays its `auth` and `storage` tables \
                 first; `\"none\"` turns off detecting it. Default: detected when the sources mention \
                 `auth.users`, `auth.uid()` or `storage.`."
            }
            Key::SearchPath => {
                "The `search_path` the migrations start with. Default: PostgreSQL's, `\"$user\", public`."
            }
            Key::Rules => {
                "Rules turned off or given another severity: a code (`\"FK404\"`) or a name \
                 (`\"unindexed-foreign-key\"`) → a level."
            }
            Key::Databases => {
                "Separate databases, each replayed on its own from its files: an object that maps each \
                 database's name to its files, or an array of `{ name, files }`. The files are source names (in \
                 `fklint.toml`, path patterns); a name no source has is a bad call. Sources in no database form \
                 one more, unnamed database. A foreign key to a table that only another database defines is FK303 \
                 (error). Default: one database."
            }
            Key::IdsFrom => {
                "Columns whose values come from another database (the SQL comment `-- fklint: ids-from main` \
                 on the column's line does the same): `\"table.column\"`, `\"schema.table.column\"` or \
                 `\"database.schema.table.column\"` → database name. A foreign key on such a column is FK303 \
                 (warning)."
            }
            Key::Down => {
                "`true` also checks the project's down migrations (with `tool`; `fklint check --down`): the ups \
                 are replayed up to each migration, then its down, and a down the server would reject, or one \
                 that does not bring the foreign keys back (FK602), is reported. Default: `false`."
            }
            Key::Exclude => "Paths (patterns relative to `fklint.toml`) that are not read.",
            Key::Order => "Patterns whose files come first, in this order, before the rest.",
        }
    }
}

/// `unknown key `name` (accepted: ...)`, with the keys `surface` takes in its spelling, and those only the file
/// takes said apart, so that the message is the same wherever it is shown.
pub fn unknown_key_message(name: &str, surface: Surface) -> String {
    let spelled = |keys: &mut dyn Iterator<Item = Key>| -> String {
        keys.map(|key| key.spelled(surface))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let common = spelled(&mut Key::ALL.into_iter().filter(|k| !k.chooses_files()));
    let files = spelled(&mut Key::ALL.into_iter().filter(|k| k.chooses_files()));
    format!("unknown key `{name}` (accepted: {common}; in fklint.toml also {files})")
}
