//! The column pairs of foreign keys whose types relate in a given way (FK201 incompatible, FK202 drift).

use super::fix::compared_reference;
use crate::catalog::{ColumnPair, ForeignKey, Reference};
use crate::rules::context::RuleContext;
use crate::types::{relate, SqlType, TypeRelation};

/// One referencing column and the key column it meets, with both types known.
pub struct TypedPair<'c> {
    pub fk: &'c ForeignKey,
    pub reference: &'c Reference,
    pub pair: &'c ColumnPair,
    pub fk_type: &'c SqlType,
    pub ref_type: &'c SqlType,
}

/// Every column pair of every certain foreign key whose types relate as `relation` (shared with FK202).
pub fn typed_pairs<'c>(
    ctx: &'c RuleContext,
    relation: TypeRelation,
) -> impl Iterator<Item = TypedPair<'c>> + 'c {
    ctx.certain_foreign_keys()
        .filter_map(|fk| compared_reference(fk).map(|reference| (fk, reference)))
        .flat_map(|(fk, reference)| {
            reference
                .pairs
                .iter()
                .map(move |pair| (fk, reference, pair))
        })
        .filter_map(move |(fk, reference, pair)| {
            let (fk_type, ref_type) = (pair.fk_type.as_ref()?, pair.ref_type.as_ref()?);
            (relate(fk_type, ref_type) == relation).then_some(TypedPair {
                fk,
                reference,
                pair,
                fk_type,
                ref_type,
            })
        })
}
