//! The rule registry: every rule with its stable code, name, default severity and docs. One rule per file; each
//! exports one [`Rule`] (its [`RuleMeta`] and its check), reads the replayed catalog and returns diagnostics. A
//! rule never reports on a foreign key whose names are uncertain (mentioned by a statement fklint could not
//! read). Shared helpers live in [`support`]; rules never import each other.
//!
//! The list below is the one declaration of the registry: `scripts/new-rule.sh` adds a line to it.

pub mod context;
pub mod support;

use crate::diagnostic::Diagnostic;
pub use context::{columns_label, OtherDatabase, Rule, RuleContext, RuleMeta};

/// Declares the rule modules and the registry, in code order, from one list of file names.
macro_rules! registry {
    ($($rule:ident,)*) => {
        $(pub mod $rule;)*

        /// Every rule's metadata, in code order. A `static`, not a `const`: each use of a `const` slice may emit
        /// its own copy of the data it points to (every rule's docs twice in the .wasm).
        static METAS: &[RuleMeta] = &[$($rule::RULE.meta,)*];

        /// Every rule's check, in code order (`None` for FK001, reported by the driver from what the front end
        /// could not read, and FK002 and FK003, reported by the suppressions step (`suppress.rs`)).
        static CHECKS: &[Option<CheckFn>] = &[$($rule::RULE.check,)*];
    };
}

registry! {
    unparsed_statement,
    invalid_suppression,
    unused_suppression,
    missing_referenced_table,
    missing_referenced_column,
    referenced_key_not_unique,
    column_count_mismatch,
    referenced_table_created_later,
    dangling_after_drop,
    missing_fk_column,
    truncate_referenced_table,
    persistence_mismatch,
    statements_after_rejection_in_transaction,
    duplicate_constraint_name,
    newer_than_target,
    pending_deferred_checks,
    temporal_key_mismatch,
    unsupported_period_action,
    alter_constraint_not_foreign_key,
    generated_column_foreign_key,
    inheritance_conflict,
    on_commit_foreign_key,
    foreign_key_on_foreign_table,
    incompatible_key_types,
    key_type_drift,
    inconsistent_column_types,
    mixed_reference_targets,
    managed_schema_reference,
    cross_database_reference,
    missing_sync_trigger,
    identity_source_mismatch,
    set_null_on_not_null,
    set_default_without_default,
    uninsertable_cycle,
    unindexed_foreign_key,
    duplicate_foreign_key,
    implied_relationship,
    seed_row_violates_fk,
    upsert_keeps_other_key,
    broken_migration_chain,
    down_does_not_restore_foreign_keys,
    relations_not_in_database,
    identifier_too_long,
    ignored_inline_reference,
    unsupported_alter_table,
    non_transactional_engine,
}

type CheckFn = fn(&RuleContext) -> Vec<Diagnostic>;

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
    let mut diagnostics: Vec<Diagnostic> = CHECKS
        .iter()
        .flatten()
        .flat_map(|check| check(context))
        .collect();
    support::fix::for_python_sources(context, &mut diagnostics);
    relations_not_in_database::soften_emulated(context, &mut diagnostics);
    #[cfg(any(
        feature = "typescript",
        feature = "prisma",
        feature = "ruby",
        feature = "php"
    ))]
    support::orm_fix::for_orm_sources(context, &mut diagnostics);
    diagnostics
}
