//! Front ends: one per input language, each turning a source into events with spans (DESIGN.md, step 4).
//! SQL is read per dialect ([`sql`]); SQLAlchemy models and Alembic migrations by [`python`].

pub mod python;
pub mod sql;
