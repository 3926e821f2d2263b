//! PostgreSQL 18's temporal foreign keys: `FOREIGN KEY (id, PERIOD valid_at) REFERENCES t (id, PERIOD
//! valid_at)` against a `PRIMARY KEY | UNIQUE (id, valid_at WITHOUT OVERLAPS)`. What `ATAddForeignKeyConstraint`
//! and `transformFkeyCheckAttrs` refuse, in their order: `PERIOD` on one side only, a referenced column list
//! naming a column twice, a `WITHOUT OVERLAPS` key referenced without `PERIOD` (or the reverse), and any
//! referential action but `NO ACTION` (PostgreSQL 18 implements no other for `PERIOD`).

use super::{Key, KeyRef};
use crate::events::{ForeignKeyDef, RefAction};

/// Why PostgreSQL refuses a foreign key for how it uses `PERIOD` and `WITHOUT OVERLAPS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodMismatch {
    /// `PERIOD` on the referenced columns only, or `REFERENCES t` (its `WITHOUT OVERLAPS` primary key) without
    /// `PERIOD`: "foreign key uses PERIOD on the referenced table but not the referencing table" (42830).
    ReferencedOnly,
    /// `PERIOD` on the referencing columns only, with a referenced column list: "... on the referencing table but
    /// not the referenced table" (42830).
    ReferencingOnly,
    /// The referenced column list names a column twice (42830).
    DuplicateReferenced,
    /// The referenced key is `WITHOUT OVERLAPS` and the foreign key has no `PERIOD`: "foreign key must use PERIOD
    /// when referencing a primary key using WITHOUT OVERLAPS" (42830).
    MustUsePeriod,
    /// `REFERENCES t` with `PERIOD`, and `t`'s primary key is an ordinary (btree) key: "could not identify an
    /// overlaps operator for foreign key" (42704).
    PlainPrimaryKey,
}

impl PeriodMismatch {
    pub fn sqlstate(self) -> &'static str {
        match self {
            PeriodMismatch::PlainPrimaryKey => "42704",
            _ => "42830",
        }
    }
}

/// The `PERIOD` problem of a foreign key declaration, given the key it matched (`None`: none matched) and
/// whether its referenced columns were written.
pub(super) fn period_mismatch(
    def: &ForeignKeyDef,
    ref_columns: &[String],
    key: Option<&Key>,
) -> Option<PeriodMismatch> {
    let key_without_overlaps = key.is_some_and(|k| k.without_overlaps);
    if def.ref_period && !def.period {
        return Some(PeriodMismatch::ReferencedOnly);
    }
    if def.ref_columns.is_none() {
        return match key {
            Some(_) if key_without_overlaps && !def.period => Some(PeriodMismatch::ReferencedOnly),
            Some(_) if def.period && !key_without_overlaps => Some(PeriodMismatch::PlainPrimaryKey),
            _ => None,
        };
    }
    if def.period && !def.ref_period {
        return Some(PeriodMismatch::ReferencingOnly);
    }
    let duplicate = ref_columns
        .iter()
        .enumerate()
        .any(|(i, c)| ref_columns[i + 1..].contains(c));
    if duplicate {
        return Some(PeriodMismatch::DuplicateReferenced);
    }
    (key_without_overlaps && !def.period).then_some(PeriodMismatch::MustUsePeriod)
}

/// Whether a key may back a foreign key: with `PERIOD`, only a `WITHOUT OVERLAPS` key whose period column is the
/// one the foreign key names with `PERIOD`; without, any (a `WITHOUT OVERLAPS` one is then refused as
/// [`PeriodMismatch::MustUsePeriod`]).
pub(super) fn key_serves_period(key: &Key, def: &ForeignKeyDef, ref_columns: &[String]) -> bool {
    !def.period || (key.without_overlaps && key.columns.last() == ref_columns.last())
}

/// The first referential action PostgreSQL 18 refuses on a foreign key with `PERIOD` (0A000: "unsupported ON
/// UPDATE action for foreign key constraint using PERIOD"; `ON UPDATE` is checked first), if any.
pub fn unsupported_period_action(def: &ForeignKeyDef) -> Option<&'static str> {
    if !def.period {
        return None;
    }
    let refused = |action: &RefAction| !matches!(action, RefAction::NoAction);
    if refused(&def.on_update) {
        Some("ON UPDATE")
    } else if refused(&def.on_delete) {
        Some("ON DELETE")
    } else {
        None
    }
}

/// A key a foreign key's reference matched, for [`period_mismatch`].
pub(super) fn matched_key<'k>(
    keys: &[(KeyRef, &'k Key)],
    key_ref: Option<KeyRef>,
) -> Option<&'k Key> {
    let wanted = key_ref?;
    keys.iter().find(|(r, _)| *r == wanted).map(|(_, k)| *k)
}
