//! Python front ends: SQLAlchemy models and Alembic migrations, read by a hand-written tokenizer (the core ships
//! to the browser, so no Python parser crate) into the same schema events the SQL front end emits.

pub mod lex;
