//! PL/pgSQL's condition names (PostgreSQL's `errcodes.txt`): an `EXCEPTION WHEN duplicate_object` handler
//! catches SQLSTATE `42710`. Only names of errors DDL and data statements raise, their classes and a few
//! PL/pgSQL ones are listed; a name not listed makes fklint leave the block's verdict open.

use crate::events::Caught;

const CONDITIONS: &[(&str, &str)] = &[
    ("feature_not_supported", "0A000"),
    ("cardinality_violation", "21000"),
    ("data_exception", "22000"),
    ("string_data_right_truncation", "22001"),
    ("numeric_value_out_of_range", "22003"),
    ("null_value_not_allowed", "22004"),
    ("invalid_datetime_format", "22007"),
    ("datetime_field_overflow", "22008"),
    ("division_by_zero", "22012"),
    ("invalid_parameter_value", "22023"),
    ("invalid_text_representation", "22P02"),
    ("integrity_constraint_violation", "23000"),
    ("restrict_violation", "23001"),
    ("not_null_violation", "23502"),
    ("foreign_key_violation", "23503"),
    ("unique_violation", "23505"),
    ("check_violation", "23514"),
    ("exclusion_violation", "23P01"),
    ("invalid_transaction_state", "25000"),
    ("active_sql_transaction", "25001"),
    ("in_failed_sql_transaction", "25P02"),
    ("invalid_authorization_specification", "28000"),
    ("dependent_privilege_descriptors_still_exist", "2B000"),
    ("dependent_objects_still_exist", "2BP01"),
    ("invalid_schema_name", "3F000"),
    ("transaction_rollback", "40000"),
    ("serialization_failure", "40001"),
    ("deadlock_detected", "40P01"),
    ("syntax_error_or_access_rule_violation", "42000"),
    ("syntax_error", "42601"),
    ("insufficient_privilege", "42501"),
    ("invalid_name", "42602"),
    ("invalid_column_definition", "42611"),
    ("name_too_long", "42622"),
    ("duplicate_column", "42701"),
    ("ambiguous_column", "42702"),
    ("undefined_column", "42703"),
    ("undefined_object", "42704"),
    ("duplicate_object", "42710"),
    ("duplicate_alias", "42712"),
    ("duplicate_function", "42723"),
    ("ambiguous_function", "42725"),
    ("grouping_error", "42803"),
    ("datatype_mismatch", "42804"),
    ("wrong_object_type", "42809"),
    ("invalid_foreign_key", "42830"),
    ("cannot_coerce", "42846"),
    ("undefined_function", "42883"),
    ("generated_always", "428C9"),
    ("reserved_name", "42939"),
    ("undefined_table", "42P01"),
    ("undefined_parameter", "42P02"),
    ("duplicate_cursor", "42P03"),
    ("duplicate_database", "42P04"),
    ("duplicate_prepared_statement", "42P05"),
    ("duplicate_schema", "42P06"),
    ("duplicate_table", "42P07"),
    ("ambiguous_parameter", "42P08"),
    ("ambiguous_alias", "42P09"),
    ("invalid_column_reference", "42P10"),
    ("invalid_cursor_definition", "42P11"),
    ("invalid_database_definition", "42P12"),
    ("invalid_function_definition", "42P13"),
    ("invalid_prepared_statement_definition", "42P14"),
    ("invalid_schema_definition", "42P15"),
    ("invalid_table_definition", "42P16"),
    ("invalid_object_definition", "42P17"),
    ("indeterminate_datatype", "42P18"),
    ("invalid_recursion", "42P19"),
    ("windowing_error", "42P20"),
    ("collation_mismatch", "42P21"),
    ("indeterminate_collation", "42P22"),
    ("with_check_option_violation", "44000"),
    ("insufficient_resources", "53000"),
    ("program_limit_exceeded", "54000"),
    ("object_not_in_prerequisite_state", "55000"),
    ("object_in_use", "55006"),
    ("cant_change_runtime_param", "55P02"),
    ("lock_not_available", "55P03"),
    ("operator_intervention", "57000"),
    ("query_canceled", "57014"),
    ("system_error", "58000"),
    ("plpgsql_error", "P0000"),
    ("raise_exception", "P0001"),
    ("no_data_found", "P0002"),
    ("too_many_rows", "P0003"),
    ("assert_failure", "P0004"),
    ("internal_error", "XX000"),
];

/// What a condition name (any case) catches, or `None` for a name fklint does not know.
pub(super) fn condition(name: &str) -> Option<Caught> {
    let name = name.to_ascii_lowercase();
    if name == "others" {
        return Some(Caught::Others);
    }
    CONDITIONS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, code)| Caught::Sqlstate((*code).to_string()))
}

/// `SQLSTATE '42710'`: the five characters, upper case.
pub(super) fn sqlstate(literal: &str) -> Option<Caught> {
    let code = literal.trim_matches('\'').to_ascii_uppercase();
    (code.len() == 5 && code.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(Caught::Sqlstate(code))
}
