//! A catalog entry shared between the catalog and its transaction snapshots until one of them changes it.
//!
//! `BEGIN` and `SAVEPOINT` keep a copy of the whole catalog (see [`super::transaction`]). With the tables, keys
//! and indexes held by value, that copy cost every column name again, so a project whose migrations each run
//! in a transaction paid files × schema size (4,000 one-table transactions: 25 s). Held in a [`Shared`], the
//! copy costs a reference count per entry, and an entry is copied only when it is changed while a snapshot
//! still holds it.

use std::ops::{Deref, DerefMut};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// Copies the entry first if a snapshot still shares it.
    fn deref_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}
