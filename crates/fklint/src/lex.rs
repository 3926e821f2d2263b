//! Placeholder: being written (lexer).
