//! The server version the migrations will run on (`--target mysql-8.0`, `target = "mariadb-10.11"`,
//! `--target postgres-15`, `--target libsql`), for the verdicts that depend on it: MySQL before 9.0 ignores an
//! inline column `REFERENCES`, MariaDB honours it since 10.5; PostgreSQL 18 has `NOT ENFORCED` and temporal
//! (`PERIOD`) keys, 15 has `SET NULL (columns)`; libSQL (Turso's SQLite fork) has `ALTER TABLE ... ALTER COLUMN c
//! TO <definition>`, which stock SQLite (`--target sqlite`) rejects. Without a PostgreSQL target, fklint judges as the newest release it knows
//! ([`POSTGRES_DEFAULT_MAJOR`]) would.

use std::fmt;

/// A server product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Server {
    MySql,
    MariaDb,
    Postgres,
    /// Stock SQLite, as `sqlite3` runs it.
    Sqlite,
    /// libSQL, the SQLite fork Turso serves: SQLite plus a few extensions.
    Libsql,
}

/// The PostgreSQL major version judged when no target says otherwise: the newest release fklint models.
pub const POSTGRES_DEFAULT_MAJOR: u32 = 18;

/// The PostgreSQL majors `--target postgres-N` accepts (the versions the community still supports or did
/// recently, whose FK semantics fklint models).
pub const POSTGRES_MAJORS: std::ops::RangeInclusive<u32> = 13..=18;

/// A server and its major.minor version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServerVersion {
    pub server: Server,
    pub major: u32,
    pub minor: u32,
}

impl ServerVersion {
    pub const fn new(server: Server, major: u32, minor: u32) -> ServerVersion {
        ServerVersion {
            server,
            major,
            minor,
        }
    }

    /// `mysql-8.0`, `mysql:8.4`, `mariadb-10.11`, `mariadb 11.4.2` (a patch number is ignored), `postgres-15`,
    /// `postgresql-18`, `pg16` (PostgreSQL 13 to 18; a minor number is ignored); `sqlite` (or `sqlite3`) and
    /// `libsql` (or `turso`), without a version: fklint models one behaviour of each.
    pub fn parse(text: &str) -> Option<ServerVersion> {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            "sqlite" | "sqlite3" => return Some(ServerVersion::new(Server::Sqlite, 0, 0)),
            "libsql" | "turso" => return Some(ServerVersion::new(Server::Libsql, 0, 0)),
            _ => {}
        }
        let split = text.find(|c: char| c.is_ascii_digit())?;
        let (product, version) = text.split_at(split);
        let server = match product.trim_end_matches(['-', ':', ' ', '@']) {
            "mysql" => Server::MySql,
            "mariadb" => Server::MariaDb,
            "postgres" | "postgresql" | "pg" => Server::Postgres,
            _ => return None,
        };
        let mut parts = version.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = match parts.next() {
            Some(minor) => minor.parse().ok()?,
            None => 0,
        };
        if parts
            .next()
            .is_some_and(|patch| patch.parse::<u32>().is_err())
        {
            return None;
        }
        if server == Server::Postgres {
            // Since PostgreSQL 10 the major version is one number: its minor releases change no SQL.
            return POSTGRES_MAJORS
                .contains(&major)
                .then_some(ServerVersion::new(server, major, 0));
        }
        Some(ServerVersion::new(server, major, minor))
    }

    /// The dialect this server speaks.
    pub fn dialect(self) -> crate::dialect::Dialect {
        match self.server {
            Server::MySql | Server::MariaDb => crate::dialect::Dialect::MySql,
            Server::Postgres => crate::dialect::Dialect::Postgres,
            Server::Sqlite | Server::Libsql => crate::dialect::Dialect::Sqlite,
        }
    }

    /// Whether this version is `major.minor` or later of the same server.
    pub fn at_least(self, server: Server, major: u32, minor: u32) -> bool {
        self.server == server && (self.major, self.minor) >= (major, minor)
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.server {
            Server::MySql => write!(f, "mysql-{}.{}", self.major, self.minor),
            Server::MariaDb => write!(f, "mariadb-{}.{}", self.major, self.minor),
            Server::Postgres => write!(f, "postgres-{}", self.major),
            Server::Sqlite => write!(f, "sqlite"),
            Server::Libsql => write!(f, "libsql"),
        }
    }
}

/// A target the migration tool's own files declared (drizzle's `turso` dialect: libSQL), and where: the summary
/// reports it, since it changes verdicts the user did not ask for by name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeclaredTarget {
    /// `libsql`.
    pub target: String,
    /// `dialect `turso` in drizzle's meta/_journal.json`.
    pub evidence: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_in_the_spellings_users_write() {
        let v = |s| ServerVersion::parse(s).map(|v| v.to_string());
        assert_eq!(v("mysql-8.0").as_deref(), Some("mysql-8.0"));
        assert_eq!(v("MySQL:8.4").as_deref(), Some("mysql-8.4"));
        assert_eq!(v("mariadb 10.11.6").as_deref(), Some("mariadb-10.11"));
        assert_eq!(v("mysql9").as_deref(), Some("mysql-9.0"));
        assert_eq!(v("postgres-15").as_deref(), Some("postgres-15"));
        assert_eq!(v("PostgreSQL 18.6").as_deref(), Some("postgres-18"));
        assert_eq!(v("pg13").as_deref(), Some("postgres-13"));
        assert_eq!(v("postgres-12"), None);
        assert_eq!(v("postgres-19"), None);
        assert_eq!(v("oracle-19"), None);
        assert_eq!(v("mysql-x"), None);
        assert_eq!(v("mysql-8.0.x"), None);
        assert_eq!(v("libSQL").as_deref(), Some("libsql"));
        assert_eq!(v("turso").as_deref(), Some("libsql"));
        assert_eq!(v("sqlite3").as_deref(), Some("sqlite"));
        assert_eq!(v("sqlite-3"), None);
        let v = ServerVersion::parse("mariadb-10.5").unwrap();
        assert!(v.at_least(Server::MariaDb, 10, 5));
        assert!(!v.at_least(Server::MariaDb, 10, 6));
        assert!(!v.at_least(Server::MySql, 9, 0));
    }
}
