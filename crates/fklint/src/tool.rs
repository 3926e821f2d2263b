//! The migration tools fklint lays projects out for: a setting (`--tool`, `tool = "..."`, `options.tool`), so it
//! sits with the options; the layout stage does what each one means.

/// A migration tool fklint knows how to lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tool {
    /// No tool: every `.sql`/`.py` file, in natural order of its path.
    Plain,
    Goose,
    Dbmate,
    /// golang-migrate and sqlx: `<version>_<name>.up.sql` / `.down.sql`.
    GolangMigrate,
    Diesel,
    Flyway,
    Sqitch,
    Liquibase,
    Drizzle,
    Prisma,
    Supabase,
    /// Active Record: the schema file Rails loads, then the pending `db/migrate/*.rb`.
    Rails,
    /// The schema dump Laravel loads, then the `database/migrations/*.php` it does not record.
    Laravel,
    Typeorm,
    Knex,
    Sequelize,
}

impl Tool {
    pub const ALL: [Tool; 16] = [
        Tool::Plain,
        Tool::Goose,
        Tool::Dbmate,
        Tool::GolangMigrate,
        Tool::Diesel,
        Tool::Flyway,
        Tool::Sqitch,
        Tool::Liquibase,
        Tool::Drizzle,
        Tool::Prisma,
        Tool::Supabase,
        Tool::Rails,
        Tool::Laravel,
        Tool::Typeorm,
        Tool::Knex,
        Tool::Sequelize,
    ];

    /// The name `--tool`, `tool = "..."` and the summary use.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Plain => "plain",
            Tool::Goose => "goose",
            Tool::Dbmate => "dbmate",
            Tool::GolangMigrate => "golang-migrate",
            Tool::Diesel => "diesel",
            Tool::Flyway => "flyway",
            Tool::Sqitch => "sqitch",
            Tool::Liquibase => "liquibase",
            Tool::Drizzle => "drizzle",
            Tool::Prisma => "prisma",
            Tool::Supabase => "supabase",
            Tool::Rails => "rails",
            Tool::Laravel => "laravel",
            Tool::Typeorm => "typeorm",
            Tool::Knex => "knex",
            Tool::Sequelize => "sequelize",
        }
    }

    /// A tool by its name or a common alias (`sqlx` lays out as golang-migrate, `drizzle-kit` as drizzle).
    pub fn parse(name: &str) -> Option<Tool> {
        let name = name.trim().to_ascii_lowercase();
        Tool::ALL
            .into_iter()
            .find(|tool| tool.name() == name)
            .or_else(|| {
                Tool::ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == name)
                    .map(|(_, tool)| *tool)
            })
    }

    /// The other names settings accept for a tool.
    pub const ALIASES: [(&'static str, Tool); 8] = [
        ("none", Tool::Plain),
        ("folder", Tool::Plain),
        ("migrate", Tool::GolangMigrate),
        ("sqlx", Tool::GolangMigrate),
        ("drizzle-kit", Tool::Drizzle),
        ("diesel_migrations", Tool::Diesel),
        ("activerecord", Tool::Rails),
        ("active-record", Tool::Rails),
    ];

    /// Every accepted name, for messages.
    pub fn names() -> String {
        let names: Vec<&str> = Tool::ALL.iter().map(|t| t.name()).collect();
        format!("auto, {} (also sqlx, drizzle-kit)", names.join(", "))
    }
}

impl serde::Serialize for Tool {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Why the plan uses its tool: detected from evidence in the files, or given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ToolChoice {
    pub tool: Tool,
    /// `false` when `--tool`, `tool = "..."` or `options.tool` named it.
    pub detected: bool,
    /// What in the files said so, e.g. `sqitch.plan`, `12 files with -- +goose Up`.
    pub evidence: String,
}
