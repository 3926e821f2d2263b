//! The rule registry: every rule with its stable code, name, default severity and docs. One rule per file; each
//! reads the replayed catalog and returns diagnostics. A rule never reports on a foreign key whose names are
//! uncertain (mentioned by a statement fklint could not read).

mod broken_migration_chain;
mod column_count_mismatch;
pub mod cross_database_reference;
mod dangling_after_drop;
mod duplicate_foreign_key;
mod identity_source_mismatch;
mod ignored_inline_reference;
mod implied_relationship;
mod incompatible_key_types;
mod inconsistent_column_types;
pub mod invalid_suppression;
mod key_type_drift;
mod managed_schema_reference;
mod missing_fk_column;
mod missing_referenced_column;
mod missing_referenced_table;
mod missing_sync_trigger;
mod mixed_reference_targets;
mod non_transactional_engine;
mod persistence_mismatch;
mod referenced_key_not_unique;
mod referenced_table_created_later;
mod seed_row_violates_fk;
mod set_default_without_default;
mod set_null_on_not_null;
pub mod support;
mod truncate_referenced_table;
mod unindexed_foreign_key;
mod uninsertable_cycle;
pub mod unparsed_statement;
mod unsupported_alter_table;
pub mod unused_suppression;
mod upsert_keeps_other_key;

pub mod context;
#[cfg(test)]
mod doc_examples;

use crate::diagnostic::Diagnostic;
pub use context::{columns_label, OtherDatabase, RuleContext, RuleMeta};

type CheckFn = fn(&RuleContext) -> Vec<Diagnostic>;

/// Every rule's metadata, in code order. A `static`, not a `const`: each use of a `const` slice may emit its own
/// copy of the data it points to, and `registry()` and `find()` each had one (every rule's docs twice in the .wasm).
static METAS: &[RuleMeta] = &[
    unparsed_statement::META,
    invalid_suppression::META,
    unused_suppression::META,
    missing_referenced_table::META,
    missing_referenced_column::META,
    referenced_key_not_unique::META,
    column_count_mismatch::META,
    referenced_table_created_later::META,
    dangling_after_drop::META,
    missing_fk_column::META,
    truncate_referenced_table::META,
    persistence_mismatch::META,
    incompatible_key_types::META,
    key_type_drift::META,
    inconsistent_column_types::META,
    mixed_reference_targets::META,
    managed_schema_reference::META,
    cross_database_reference::META,
    missing_sync_trigger::META,
    identity_source_mismatch::META,
    set_null_on_not_null::META,
    set_default_without_default::META,
    uninsertable_cycle::META,
    unindexed_foreign_key::META,
    duplicate_foreign_key::META,
    implied_relationship::META,
    seed_row_violates_fk::META,
    upsert_keeps_other_key::META,
    broken_migration_chain::META,
    ignored_inline_reference::META,
    unsupported_alter_table::META,
    non_transactional_engine::META,
];

/// The rules that judge the catalog (FK001 is reported by the driver from what the front end could not read;
/// FK002 and FK003 by `crate::suppress`).
const CHECKS: &[CheckFn] = &[
    missing_referenced_table::check,
    missing_referenced_column::check,
    referenced_key_not_unique::check,
    column_count_mismatch::check,
    referenced_table_created_later::check,
    dangling_after_drop::check,
    missing_fk_column::check,
    truncate_referenced_table::check,
    persistence_mismatch::check,
    incompatible_key_types::check,
    key_type_drift::check,
    inconsistent_column_types::check,
    mixed_reference_targets::check,
    managed_schema_reference::check,
    cross_database_reference::check,
    missing_sync_trigger::check,
    identity_source_mismatch::check,
    set_null_on_not_null::check,
    set_default_without_default::check,
    uninsertable_cycle::check,
    unindexed_foreign_key::check,
    duplicate_foreign_key::check,
    implied_relationship::check,
    seed_row_violates_fk::check,
    upsert_keeps_other_key::check,
    broken_migration_chain::check,
    ignored_inline_reference::check,
    unsupported_alter_table::check,
    non_transactional_engine::check,
];

/// Every rule, in code order.
pub fn registry() -> &'static [RuleMeta] {
    METAS
}

/// Looks a rule up by code (`FK101`, any case) or name (`missing-referenced-table`).
pub fn find(code_or_name: &str) -> Option<RuleMeta> {
    METAS
        .iter()
        .copied()
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

/// Runs every rule on one database.
pub fn run_all(context: &RuleContext) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = CHECKS.iter().flat_map(|check| check(context)).collect();
    support::fix::for_python_sources(context, &mut diagnostics);
    diagnostics
}
