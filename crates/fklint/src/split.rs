//! Placeholder: being written (splitter).
