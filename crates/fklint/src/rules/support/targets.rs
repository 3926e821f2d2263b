//! Where the table a foreign key names is, when it is not where the key was declared: created by a later
//! statement, or defined by another database of the run; and the columns declared to hold another database's
//! ids. Several rules ask, so that one root cause is one finding.

use crate::catalog::{ForeignKey, MissingCause, Table, Target};
use crate::rules::context::{OtherDatabase, RuleContext};

/// The table with the referenced name that a later statement creates, if any.
pub fn created_later<'c>(ctx: &'c RuleContext, fk: &ForeignKey) -> Option<&'c Table> {
    // Where the server binds FKs late (SQLite; MySQL with FOREIGN_KEY_CHECKS=0), a table created later is
    // fine: the FK is bound at the end, or FK101 reports that no table ever has the name. A name that is a view
    // or a foreign table then is refused for what it is (42809), whatever comes later.
    let Target::Missing { cause, .. } = &fk.target else {
        return None;
    };
    if fk.binds_late || matches!(cause, MissingCause::NotATable | MissingCause::ForeignTable) {
        return None;
    }
    let written = &fk.def.ref_table;
    ctx.catalog
        .tables_with_final_name(&written.name.value)
        .find(|t| {
            t.created.index > fk.stmt.index
                && written
                    .schema
                    .as_ref()
                    .is_none_or(|s| s.value == t.name.schema)
        })
}

pub fn is_created_later(ctx: &RuleContext, fk: &ForeignKey) -> bool {
    created_later(ctx, fk).is_some()
}

/// The other database that defines the table a foreign key names, when this database has no such table at all
/// (a table created later here is FK105's). FK101 stays silent about these.
pub fn defined_elsewhere<'r, 'a>(
    ctx: &'r RuleContext<'a>,
    fk: &ForeignKey,
) -> Option<&'r OtherDatabase<'a>> {
    let Target::Missing { cause, .. } = &fk.target else {
        return None;
    };
    if ctx.others.is_empty()
        || matches!(cause, MissingCause::NotATable | MissingCause::ForeignTable)
        || is_created_later(ctx, fk)
    {
        return None;
    }
    ctx.others
        .iter()
        .find(|other| other.catalog.live_tables().any(|t| t.name == fk.ref_name))
}

/// The column of the foreign key declared to hold ids from another database, and the declaration.
pub fn ids_from_elsewhere<'c>(
    ctx: &'c RuleContext,
    fk: &ForeignKey,
) -> Option<(&'c crate::catalog::Column, crate::ids_from::Declared<'c>)> {
    let table = ctx.catalog.table(fk.table);
    fk.columns.iter().find_map(|name| {
        let column = table.column(name)?;
        let places = [column.location, fk.location];
        let declared = ctx
            .ids_from
            .for_column(ctx.database, &table.name, name, &places)?;
        (Some(declared.database) != ctx.database).then_some((column, declared))
    })
}
