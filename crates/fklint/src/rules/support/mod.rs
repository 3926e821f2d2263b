//! What several rules share: fix SQL and edits ([`fix`]), SQLite's table rebuild ([`sqlite_rebuild`]), the
//! platform's users table and the references to it ([`platform_users`]). Rules import from here, never from
//! each other.

pub mod fix;
pub mod platform_users;
pub mod sqlite_rebuild;
