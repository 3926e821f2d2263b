//! What several rules share (the dialect's fix SQL and server wording are [`crate::dialect_sql`]): edits ([`fix`]), the
//! platform's users table and the references to it ([`platform_users`]), where a referenced table is when it is
//! not there ([`targets`]), typed column pairs ([`key_types`]) and missing columns ([`missing_column`]). Rules
//! import from here, never from each other.

pub mod fix;
pub mod key_types;
pub mod missing_column;
#[cfg(any(
    feature = "typescript",
    feature = "prisma",
    feature = "ruby",
    feature = "php"
))]
pub mod orm_fix;
pub mod platform_users;
pub mod targets;
