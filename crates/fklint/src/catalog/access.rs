//! Who runs the statements, and what PostgreSQL lets them do. Until a migration names a role, every statement
//! runs as the user fklint's run connects as, and nothing here is consulted. After `SET SESSION AUTHORIZATION
//! r` or `SET ROLE r` for a role the migrations created (and so whose attributes and memberships fklint knows),
//! the server refuses, out of fklint's scope (42501, 0A000) and so with no finding, but with no effect:
//!
//! - writing rows without the privilege (`INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `COPY ... FROM`), which
//!   only the table's owner, a superuser and the grantees of `GRANT` (or `PUBLIC`) hold;
//! - `COPY ... FROM` into a table whose row-level security applies to the role (enabled, and the role not its
//!   owner unless forced, and without `BYPASSRLS`): with `row_security` off "query would be affected by
//!   row-level security policy", on "COPY FROM not supported with row-level security". psql then runs the
//!   lines after the COPY as script (see [`super::copy`]);
//! - `INSERT` / `UPDATE` / `DELETE` with row-level security applying and `row_security` off; with it on, the
//!   policies choose the rows, which fklint does not evaluate: the table's rows become unknown;
//! - changing a table it does not own (`ALTER TABLE`, `DROP TABLE`, `CREATE INDEX`), and a foreign key to a
//!   table on which it lacks `REFERENCES`;
//! - `SET ROLE` to a role it is not a member of.
//!
//! Anything fklint cannot know stays allowed: the connecting user, a role made a member of another role (it
//! holds that role's privileges), tables made after `ALTER DEFAULT PRIVILEGES` or with column grants, a
//! grant by a role that may hold the grant option. Settings live in the catalog, so a rollback restores
//! them as PostgreSQL does.

use super::{Catalog, TableId};
use crate::events::{
    privilege, Access, ConstraintKind, CreateTable, DataEvent, EventKind, GrantedTables, RoleName,
    StmtRef,
};
use crate::hash::FastMap;
use crate::ident::ObjName;

#[derive(Debug, Clone, Default)]
pub(super) struct AccessModel {
    /// Whether a statement named a role or privilege: until then nothing is judged here.
    active: bool,
    /// The roles the migrations created, by name.
    roles: FastMap<String, Role>,
    /// The session's user (`SET SESSION AUTHORIZATION`) and the role that runs statements (`SET ROLE`).
    session: Runner,
    current: Runner,
    /// `row_security`: `None` when a `SET LOCAL` or an unreadable value left it unknown.
    row_security_off: Option<bool>,
    /// After `ALTER DEFAULT PRIVILEGES`, new tables may come with grants fklint does not see.
    default_grants_unknown: bool,
    tables: FastMap<TableId, TableAccess>,
    /// Statements the server refuses for a privilege (out of fklint's scope: no finding, no effect).
    pub(super) refused: Vec<StmtRef>,
}

/// Who runs statements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Runner {
    /// The user the migrations are run as (its privileges are not known: it may do anything).
    #[default]
    Connecting,
    Role(String),
    /// Not known (a `SET LOCAL ROLE`, a role named by an expression).
    Unknown,
}

#[derive(Debug, Clone, Default)]
struct Role {
    superuser: bool,
    bypass_rls: bool,
    /// The roles it is a member of and inherits the privileges of.
    member_of: Vec<String>,
    /// Made by a role that may lack CREATEROLE, renamed, or a member of a role in a way fklint does not
    /// follow: nothing is judged for it.
    uncertain: bool,
}

impl Role {
    /// A role the migrations did not create: what it may do is not known.
    fn unknown() -> Role {
        Role {
            uncertain: true,
            ..Role::default()
        }
    }
}

#[derive(Debug, Clone, Default)]
struct TableAccess {
    owner: Runner,
    /// Privilege bits granted, by grantee (`None`: PUBLIC).
    grants: Vec<(Option<String>, u8)>,
    grants_unknown: bool,
    row_security: bool,
    force_row_security: bool,
}

/// The table access a table created with no role named has: the connecting user owns it, nothing granted.
const DEFAULT_ACCESS: TableAccess = TableAccess {
    owner: Runner::Connecting,
    grants: Vec::new(),
    grants_unknown: false,
    row_security: false,
    force_row_security: false,
};

/// The same, to lend out.
static NO_ROLE_ACCESS: TableAccess = DEFAULT_ACCESS;

impl Catalog {
    /// Applies a statement about roles, privileges or row-level security.
    pub(super) fn apply_access(&mut self, access: &Access, stmt: StmtRef) {
        self.access.active = true;
        match access {
            Access::SetRole {
                role,
                session,
                local,
            } => self.set_role(role.as_ref(), *session, *local, stmt),
            Access::SetRowSecurity { on, local } => {
                self.access.row_security_off = match (on, local) {
                    (_, true) => None,
                    (on, false) => Some(*on == Some(false)),
                };
            }
            Access::ResetAll => self.access.row_security_off = Some(false),
            Access::TableOwner { table, owner } => {
                let owner = self.runner_named(owner);
                self.with_table_access(table, |access| access.owner = owner);
            }
            Access::TableRowSecurity {
                table,
                enabled,
                forced,
            } => self.with_table_access(table, |access| {
                access.row_security = enabled.unwrap_or(access.row_security);
                access.force_row_security = forced.unwrap_or(access.force_row_security);
            }),
            Access::TablePrivileges {
                grant,
                privileges,
                columns,
                tables,
                roles,
            } => self.change_privileges(*grant, *privileges, *columns, tables, roles),
            Access::DefaultPrivileges => self.access.default_grants_unknown = true,
            roles => self.apply_role_statement(roles),
        }
    }

    fn apply_role_statement(&mut self, access: &Access) {
        // A role that is not a superuser needs CREATEROLE (not followed) to make or change roles.
        let by_known_role = self.judged_runner().is_some();
        match access {
            Access::CreateRole {
                name,
                superuser,
                bypass_rls,
                inherits,
                in_roles,
                members,
            } => {
                let exists = self.access.roles.contains_key(name);
                let role = Role {
                    superuser: *superuser,
                    bypass_rls: *bypass_rls,
                    member_of: in_roles.clone(),
                    uncertain: by_known_role || exists || (!inherits && !in_roles.is_empty()),
                };
                self.access.roles.insert(name.clone(), role);
                for member in members {
                    let member = self
                        .access
                        .roles
                        .entry(member.clone())
                        .or_insert_with(Role::unknown);
                    member.member_of.push(name.clone());
                }
            }
            Access::AlterRole {
                name,
                superuser,
                bypass_rls,
                rename_to,
            } => {
                let Some(role) = self.access.roles.get_mut(name) else {
                    return;
                };
                role.superuser = superuser.unwrap_or(role.superuser);
                role.bypass_rls = bypass_rls.unwrap_or(role.bypass_rls);
                role.uncertain |= by_known_role || rename_to.is_some();
                if let Some(new_name) = rename_to {
                    let role = role.clone();
                    self.access.roles.insert(new_name.clone(), role);
                }
            }
            Access::DropRoles { names } => {
                for name in names {
                    self.access.roles.remove(name);
                }
            }
            Access::GrantRoles {
                grant,
                roles,
                members,
                plain,
            } => self.change_memberships(*grant, roles, members, *plain || !grant),
            _ => {}
        }
    }

    /// `GRANT roles TO members` / `REVOKE roles FROM members`.
    fn change_memberships(
        &mut self,
        grant: bool,
        roles: &[String],
        members: &[RoleName],
        followed: bool,
    ) {
        for member in members {
            let Runner::Role(member) = self.runner_named(member) else {
                // GRANT r TO PUBLIC: every role holds it.
                self.access
                    .roles
                    .values_mut()
                    .for_each(|r| r.uncertain |= grant);
                continue;
            };
            let member = self
                .access
                .roles
                .entry(member)
                .or_insert_with(Role::unknown);
            member.uncertain |= grant && !followed;
            if grant {
                member.member_of.extend(roles.iter().cloned());
            } else {
                member.member_of.retain(|r| !roles.contains(r));
            }
        }
    }

    /// `SET [SESSION AUTHORIZATION | ROLE]`. `SET ROLE` to a role the session's (known, not superuser) user
    /// is not a member of is refused (42501).
    fn set_role(&mut self, role: Option<&RoleName>, session: bool, local: bool, stmt: StmtRef) {
        let named = role.map(|role| self.runner_named(role));
        if local {
            self.access.current = Runner::Unknown;
            return;
        }
        if session {
            // Allowed when the connecting user is a superuser, which fklint cannot tell: taken as done.
            let runner = named.unwrap_or(Runner::Connecting);
            self.access.session = runner.clone();
            self.access.current = runner;
            return;
        }
        let Some(target) = named else {
            self.access.current = self.access.session.clone();
            return;
        };
        let session_may_not = match (&self.access.session, &target) {
            (Runner::Role(session), Runner::Role(target)) => self
                .held_roles(session)
                .is_some_and(|held| !held.contains(&target.as_str())),
            _ => false,
        };
        if session_may_not {
            self.access.refused.push(stmt);
            return;
        }
        self.access.current = target;
    }

    fn runner_named(&self, role: &RoleName) -> Runner {
        match role {
            RoleName::Named(name) => Runner::Role(name.clone()),
            RoleName::Current => self.access.current.clone(),
            RoleName::Session => self.access.session.clone(),
            RoleName::Public => Runner::Unknown,
        }
    }

    /// The roles whose privileges `name` holds (itself first, then the roles it is a member of, at any depth),
    /// when all are roles the migrations created, none a superuser or uncertain: what it may do is known.
    fn held_roles<'a>(&'a self, name: &'a str) -> Option<Vec<&'a str>> {
        let mut held = vec![name];
        let mut next = 0;
        while let Some(&role_name) = held.get(next) {
            next += 1;
            let role = self.access.roles.get(role_name)?;
            if role.superuser || role.uncertain {
                return None;
            }
            for parent in &role.member_of {
                if !held.contains(&parent.as_str()) {
                    held.push(parent);
                }
            }
        }
        Some(held)
    }

    /// The role running statements and the roles whose privileges it holds, when what it may do is known.
    fn judged_runner(&self) -> Option<Vec<&str>> {
        match &self.access.current {
            Runner::Role(name) => self.held_roles(name),
            _ => None,
        }
    }

    fn change_privileges(
        &mut self,
        grant: bool,
        privileges: u8,
        columns: bool,
        tables: &GrantedTables,
        roles: &[RoleName],
    ) {
        let ids: Vec<TableId> = match tables {
            GrantedTables::Named(names) => {
                names.iter().filter_map(|n| self.find_table(n)).collect()
            }
            GrantedTables::AllInSchemas(schemas) => self
                .live_tables()
                .filter(|t| schemas.iter().any(|s| s.value == t.name.schema))
                .map(|t| t.id)
                .collect(),
        };
        let grantees: Vec<Option<String>> = roles
            .iter()
            .map(|role| match self.runner_named(role) {
                Runner::Role(name) => Some(name),
                _ => None,
            })
            .collect();
        let runner: Option<Vec<String>> = self
            .judged_runner()
            .map(|held| held.into_iter().map(str::to_string).collect());
        for id in ids {
            let access = self.access.tables.entry(id).or_insert(DEFAULT_ACCESS);
            // A role granting on a table it does not own may hold the grant option (or grants nothing, with
            // a warning): what follows is not known.
            let by_non_owner = runner.as_ref().is_some_and(|held| !owned_by(access, held));
            if (grant && columns) || by_non_owner {
                access.grants_unknown |= grant;
                continue;
            }
            for grantee in &grantees {
                let granted = match access.grants.iter().position(|(g, _)| g == grantee) {
                    Some(at) => &mut access.grants[at].1,
                    None => {
                        access.grants.push((grantee.clone(), 0));
                        let last = access.grants.len() - 1;
                        &mut access.grants[last].1
                    }
                };
                if grant {
                    *granted |= privileges;
                } else if !columns {
                    *granted &= !privileges;
                }
            }
        }
    }

    fn with_table_access(&mut self, table: &ObjName, change: impl FnOnce(&mut TableAccess)) {
        if let Some(id) = self.find_table(table) {
            change(self.access.tables.entry(id).or_insert(DEFAULT_ACCESS));
        }
    }

    /// A table just created: its owner is the role running the statement.
    pub(super) fn note_table_owner(&mut self, id: TableId) {
        if !self.access.active {
            return;
        }
        let access = TableAccess {
            owner: self.access.current.clone(),
            grants_unknown: self.access.default_grants_unknown,
            ..DEFAULT_ACCESS
        };
        self.access.tables.insert(id, access);
    }

    /// Whether the server refuses this event of the statement for a privilege: then the statement has no
    /// effect (recorded once; its later events are passed over too).
    pub(super) fn refused_for_privilege(&mut self, kind: &EventKind, stmt: StmtRef) -> bool {
        if !self.access.active {
            return false;
        }
        if self.access.refused.last() == Some(&stmt) {
            return true;
        }
        if self.in_do_block() || self.judged_runner().is_none() || !self.lacks_privilege(kind) {
            return false;
        }
        self.refuse_for_privilege(stmt);
        true
    }

    /// The statement is refused for a privilege: no finding, no effect.
    pub(super) fn refuse_for_privilege(&mut self, stmt: StmtRef) {
        if self.access.refused.last() != Some(&stmt) {
            self.access.refused.push(stmt);
        }
    }

    fn lacks_privilege(&self, kind: &EventKind) -> bool {
        let lacks = |name: &ObjName, bits: u8| {
            self.find_table(name)
                .is_some_and(|id| self.surely_lacks(id, bits))
        };
        let not_owner = |name: &ObjName| {
            self.find_table(name)
                .is_some_and(|id| self.surely_not_owner(id))
        };
        match kind {
            EventKind::Data(DataEvent::Insert(insert)) => {
                lacks(&insert.table, privilege::INSERT) || self.row_security_refuses(&insert.table)
            }
            // A condition reads columns, which takes SELECT too.
            EventKind::Data(DataEvent::Update(update)) => {
                lacks(&update.table, privilege::UPDATE)
                    || (!update.condition.is_empty() && lacks(&update.table, privilege::SELECT))
                    || self.row_security_refuses(&update.table)
            }
            EventKind::Data(DataEvent::Delete(delete)) => {
                lacks(&delete.table, privilege::DELETE)
                    || (!delete.condition.is_empty() && lacks(&delete.table, privilege::SELECT))
                    || self.row_security_refuses(&delete.table)
            }
            EventKind::Truncate { names, .. } => {
                names.iter().any(|n| lacks(n, privilege::TRUNCATE))
            }
            EventKind::CreateTable(create) => self.references_refused(create),
            EventKind::AddConstraint {
                table, constraint, ..
            } => {
                not_owner(table)
                    || matches!(&constraint.kind, ConstraintKind::ForeignKey(fk)
                        if lacks(&fk.ref_table, privilege::REFERENCES))
            }
            EventKind::DropTable { names, .. } => names.iter().any(not_owner),
            EventKind::CreateIndex(index) => not_owner(&index.table),
            EventKind::Access(Access::TableOwner { table, .. })
            | EventKind::Access(Access::TableRowSecurity { table, .. }) => not_owner(table),
            other => other.altered_table().is_some_and(not_owner),
        }
    }

    fn references_refused(&self, create: &CreateTable) -> bool {
        create.constraints.iter().any(|constraint| {
            matches!(&constraint.kind, ConstraintKind::ForeignKey(fk)
                if self.find_table(&fk.ref_table)
                    .is_some_and(|id| self.surely_lacks(id, privilege::REFERENCES)))
        })
    }

    fn table_access(&self, id: TableId) -> &TableAccess {
        self.access.tables.get(&id).unwrap_or(&NO_ROLE_ACCESS)
    }

    /// Whether the running role surely lacks every privilege in `bits` on the table.
    fn surely_lacks(&self, id: TableId, bits: u8) -> bool {
        let Some(held) = self.judged_runner() else {
            return false;
        };
        let access = self.table_access(id);
        if self.tables[id].uncertain || access.grants_unknown || access.owner == Runner::Unknown {
            return false;
        }
        let granted = |grantee: &Option<String>| {
            grantee
                .as_deref()
                .is_none_or(|grantee| held.contains(&grantee))
        };
        !owned_by(access, &held)
            && !access
                .grants
                .iter()
                .any(|(grantee, bits_granted)| granted(grantee) && bits_granted & bits != 0)
    }

    fn surely_not_owner(&self, id: TableId) -> bool {
        let Some(held) = self.judged_runner() else {
            return false;
        };
        let access = self.table_access(id);
        !self.tables[id].uncertain && access.owner != Runner::Unknown && !owned_by(access, &held)
    }

    /// Whether row-level security on the table applies to the running role: enabled, the role without
    /// BYPASSRLS (its own attribute, not inherited) and not holding the owner's privileges (unless forced).
    fn row_security_applies(&self, table: &ObjName) -> bool {
        let (Some(held), Some(id)) = (self.judged_runner(), self.find_table(table)) else {
            return false;
        };
        let access = self.table_access(id);
        let bypass = held
            .first()
            .and_then(|runner| self.access.roles.get(*runner))
            .is_some_and(|r| r.bypass_rls);
        let exempt_owner = owned_by(access, &held) && !access.force_row_security;
        access.row_security && !bypass && !exempt_owner && access.owner != Runner::Unknown
    }

    /// `INSERT` / `UPDATE` / `DELETE` under row-level security with `row_security` off (42501).
    fn row_security_refuses(&self, table: &ObjName) -> bool {
        self.access.row_security_off == Some(true) && self.row_security_applies(table)
    }

    /// Whether the policies of the table choose which rows a write of the running role touches (row-level
    /// security applies, `row_security` on): fklint does not evaluate them, so the rows become unknown.
    pub(super) fn rows_chosen_by_policies(&self, data: &DataEvent) -> Option<ObjName> {
        if !self.access.active {
            return None;
        }
        let table = match data {
            DataEvent::Insert(insert) => &insert.table,
            DataEvent::Update(update) => &update.table,
            DataEvent::Delete(delete) => &delete.table,
            _ => return None,
        };
        (self.row_security_applies(table) || self.row_security_unknown(table))
            .then(|| table.clone())
    }

    /// A role running statements that fklint cannot judge, on a table with row-level security.
    fn row_security_unknown(&self, table: &ObjName) -> bool {
        let runs_as_other = !matches!(self.access.current, Runner::Connecting);
        runs_as_other
            && self.judged_runner().is_none()
            && self
                .find_table(table)
                .is_some_and(|id| self.table_access(id).row_security)
    }

    /// `COPY ... FROM` that the server refuses for a privilege or row-level security (before reading data).
    pub(super) fn copy_refused_for_privilege(&self, table: &ObjName) -> bool {
        self.access.active
            && (self
                .find_table(table)
                .is_some_and(|id| self.surely_lacks(id, privilege::INSERT))
                || self.row_security_applies(table))
    }
}

/// Whether one of the `held` roles owns the table.
fn owned_by<S: AsRef<str>>(access: &TableAccess, held: &[S]) -> bool {
    match &access.owner {
        Runner::Role(owner) => held.iter().any(|role| role.as_ref() == owner),
        _ => false,
    }
}
