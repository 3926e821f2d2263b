//! PostgreSQL's statements about roles and privileges: `CREATE | ALTER | DROP ROLE`, `GRANT` / `REVOKE` on
//! tables and of roles, `ALTER DEFAULT PRIVILEGES`, `SET ROLE`, `SET SESSION AUTHORIZATION`, `SET
//! row_security`, and the `ALTER TABLE` actions `OWNER TO` and `... ROW LEVEL SECURITY`. They decide which
//! later statements the server refuses for a privilege (see `catalog::access`).

use super::cursor::{Cursor, ReadResult};
use crate::events::{privilege, Access, EventKind, GrantedTables, RoleName};
use crate::ident::ObjName;
use crate::lex::{self, TokenKind};

/// `CREATE | ALTER | DROP ROLE | USER | GROUP ...`; `None` for a form that changes nothing read here.
pub fn read_role_statement(cur: &mut Cursor) -> ReadResult<Option<EventKind>> {
    let verb = cur
        .bump()
        .map(|t| t.text(cur.src).to_ascii_lowercase())
        .unwrap_or_default();
    let group = cur.is_word("group");
    cur.bump();
    let access = match verb.as_str() {
        "create" => Some(read_create_role(cur)?),
        "alter" if group => read_alter_group(cur)?,
        "alter" => read_alter_role(cur)?,
        _ => {
            cur.eat_words(&["if", "exists"]);
            Some(Access::DropRoles {
                names: named_roles(&role_list(cur)?),
            })
        }
    };
    Ok(access.map(EventKind::Access))
}

/// After `CREATE ROLE`: `name [[WITH] option ...]`.
fn read_create_role(cur: &mut Cursor) -> ReadResult<Access> {
    let name = cur.ident()?.value;
    cur.eat_word("with");
    let (mut superuser, mut bypass_rls, mut inherits) = (false, false, true);
    let (mut in_roles, mut members) = (Vec::new(), Vec::new());
    while !cur.at_end() {
        if cur.eat_word("in") {
            // IN ROLE | IN GROUP names
            cur.bump();
            in_roles.extend(named_roles(&role_list(cur)?));
        } else if cur.eat_word("noinherit") {
            inherits = false;
        } else if cur.is_any_word(&["role", "user", "admin"]) {
            cur.bump();
            members.extend(named_roles(&role_list(cur)?));
        } else if let Some((attribute, on)) = role_attribute(cur) {
            match attribute {
                RoleAttribute::Superuser => superuser = on,
                RoleAttribute::BypassRls => bypass_rls = on,
            }
        } else {
            cur.bump();
        }
    }
    Ok(Access::CreateRole {
        name,
        superuser,
        bypass_rls,
        inherits,
        in_roles,
        members,
    })
}

/// After `ALTER ROLE | USER`: `name [WITH] options` or `name RENAME TO new`; `None` for `SET` / `RESET` of a
/// setting, `ALL`, or a name fklint does not follow.
fn read_alter_role(cur: &mut Cursor) -> ReadResult<Option<Access>> {
    if !cur.is_ident() || cur.is_any_word(&["all", "current_user", "current_role", "session_user"])
    {
        return Ok(None);
    }
    let name = cur.ident()?.value;
    if cur.eat_words(&["rename", "to"]) {
        return Ok(Some(Access::AlterRole {
            name,
            superuser: None,
            bypass_rls: None,
            rename_to: Some(cur.ident()?.value),
        }));
    }
    if cur.is_any_word(&["set", "reset", "in"]) {
        return Ok(None);
    }
    cur.eat_word("with");
    let (mut superuser, mut bypass_rls) = (None, None);
    while !cur.at_end() {
        match role_attribute(cur) {
            Some((RoleAttribute::Superuser, on)) => superuser = Some(on),
            Some((RoleAttribute::BypassRls, on)) => bypass_rls = Some(on),
            None => {
                cur.bump();
            }
        }
    }
    Ok(Some(Access::AlterRole {
        name,
        superuser,
        bypass_rls,
        rename_to: None,
    }))
}

/// After `ALTER GROUP`: `g ADD USER u, ...` makes them members; the rest changes nothing read here.
fn read_alter_group(cur: &mut Cursor) -> ReadResult<Option<Access>> {
    cur.ident()?;
    if !cur.eat_words(&["add", "user"]) {
        return Ok(None);
    }
    Ok(Some(Access::GrantRoles {
        grant: true,
        roles: Vec::new(),
        members: role_list(cur)?,
        plain: false,
    }))
}

enum RoleAttribute {
    Superuser,
    BypassRls,
}

/// `SUPERUSER`, `NOSUPERUSER`, `BYPASSRLS`, `NOBYPASSRLS` (consumed), or `None` (nothing consumed).
fn role_attribute(cur: &mut Cursor) -> Option<(RoleAttribute, bool)> {
    let attribute = [
        ("superuser", RoleAttribute::Superuser, true),
        ("nosuperuser", RoleAttribute::Superuser, false),
        ("bypassrls", RoleAttribute::BypassRls, true),
        ("nobypassrls", RoleAttribute::BypassRls, false),
    ]
    .into_iter()
    .find(|(word, _, _)| cur.is_word(word))?;
    cur.bump();
    Some((attribute.1, attribute.2))
}

/// `GRANT ...` / `REVOKE ...`: of table privileges, or of roles to roles. `None` for other objects
/// (sequences, schemas, functions, ...), for `REVOKE GRANT OPTION FOR` and for revoking a role (its members
/// stay as uncertain as they were).
pub fn read_grant(cur: &mut Cursor) -> ReadResult<Option<EventKind>> {
    let grant = cur.eat_word("grant");
    if !grant {
        cur.expect_word("revoke")?;
        if cur.is_word("grant")
            || cur.is_word("admin")
            || cur.is_word("inherit")
            || cur.is_word("set")
        {
            return Ok(None);
        }
    }
    let Some(privileges) = read_privileges(cur)? else {
        return Ok(None);
    };
    if !cur.eat_word("on") {
        if !(cur.eat_word("to") || cur.eat_word("from")) {
            return Ok(None);
        }
        let members = role_list(cur)?;
        // `WITH ADMIN OPTION` changes nothing fklint follows; `WITH INHERIT | SET ...` does.
        let plain = !cur.eat_word("with") || cur.is_word("admin");
        return Ok(Some(EventKind::Access(Access::GrantRoles {
            grant,
            roles: privileges.roles,
            members,
            plain,
        })));
    }
    let Privileges {
        bits: privileges,
        columns,
        ..
    } = privileges;
    let Some(tables) = read_granted_tables(cur)? else {
        return Ok(None);
    };
    if !(cur.eat_word("to") || cur.eat_word("from")) {
        return Err(cur.error("expected TO or FROM"));
    }
    let roles = role_list(cur)?;
    Ok(Some(EventKind::Access(Access::TablePrivileges {
        grant,
        privileges,
        columns,
        tables,
        roles,
    })))
}

/// What comes before `ON` (privileges) or `TO` / `FROM` (roles granted).
struct Privileges {
    bits: u8,
    /// Whether a privilege names columns.
    columns: bool,
    /// The words that are no privilege: the roles of `GRANT role TO member`.
    roles: Vec<String>,
}

/// The privilege list before `ON`, or the roles granted. `None` when a privilege is not one of a table's.
fn read_privileges(cur: &mut Cursor) -> ReadResult<Option<Privileges>> {
    let mut bits = 0;
    let mut columns = false;
    let mut roles = Vec::new();
    loop {
        let word = cur
            .peek()
            .map(|t| t.text(cur.src).to_ascii_lowercase())
            .unwrap_or_default();
        let bit = match word.as_str() {
            "select" => privilege::SELECT,
            "insert" => privilege::INSERT,
            "update" => privilege::UPDATE,
            "delete" => privilege::DELETE,
            "truncate" => privilege::TRUNCATE,
            "references" => privilege::REFERENCES,
            "trigger" => privilege::TRIGGER,
            "all" => privilege::ALL,
            "maintain" => 0,
            "usage" | "create" | "connect" | "temporary" | "temp" | "execute" | "set" | "alter" => {
                return Ok(None)
            }
            // A role's name (`GRANT r TO m`): no privilege.
            _ => 0,
        };
        let name = cur.ident()?.value;
        if word == "all" {
            cur.eat_word("privileges");
        }
        if bit == 0 {
            roles.push(name);
        }
        bits |= bit;
        if cur.is_punct('(') {
            columns = true;
            cur.skip_one();
        }
        if !cur.eat_punct(',') {
            return Ok(Some(Privileges {
                bits,
                columns,
                roles,
            }));
        }
    }
}

/// After `ON`: `[TABLE] names` or `ALL TABLES IN SCHEMA names`; `None` for any other kind of object.
fn read_granted_tables(cur: &mut Cursor) -> ReadResult<Option<GrantedTables>> {
    if cur.eat_words(&["all", "tables", "in", "schema"]) {
        let mut schemas = vec![cur.ident()?];
        while cur.eat_punct(',') {
            schemas.push(cur.ident()?);
        }
        return Ok(Some(GrantedTables::AllInSchemas(schemas)));
    }
    const OTHER_OBJECTS: &[&str] = &[
        "all",
        "sequence",
        "database",
        "domain",
        "foreign",
        "function",
        "procedure",
        "routine",
        "language",
        "large",
        "parameter",
        "schema",
        "tablespace",
        "type",
    ];
    if cur.is_any_word(OTHER_OBJECTS) && !cur.is_word_at(1, "to") && !cur.is_word_at(1, "from") {
        return Ok(None);
    }
    cur.eat_word("table");
    let mut names = vec![table_name(cur)?];
    while cur.eat_punct(',') {
        names.push(table_name(cur)?);
    }
    Ok(Some(GrantedTables::Named(names)))
}

fn table_name(cur: &mut Cursor) -> ReadResult<ObjName> {
    cur.eat_word("only");
    cur.obj_name()
}

/// `SET [SESSION | LOCAL] ROLE ...`, `SET [SESSION | LOCAL] SESSION AUTHORIZATION ...`, `SET row_security
/// ...` and their `RESET` forms (the cursor at `SET` / `RESET`); `None` (nothing consumed) for other
/// settings.
pub fn read_session_setting(cur: &mut Cursor) -> Option<EventKind> {
    let reset = cur.is_word("reset");
    let at = |n: usize, word: &str| cur.is_word_at(n, word);
    let local = !reset && at(1, "local");
    let skip =
        usize::from(!reset && (at(1, "local") || (at(1, "session") && !at(2, "authorization"))));
    let (first, second) = (1 + skip, 2 + skip);
    let access = if at(first, "role") {
        cur.bump();
        advance(cur, skip + 1);
        Access::SetRole {
            role: if reset { None } else { setting_role(cur) },
            session: false,
            local,
        }
    } else if at(first, "session") && at(second, "authorization") {
        advance(cur, skip + 3);
        Access::SetRole {
            role: if reset { None } else { setting_role(cur) },
            session: true,
            local,
        }
    } else if at(first, "row_security") {
        advance(cur, skip + 2);
        let on = if reset { None } else { setting_switch(cur) };
        Access::SetRowSecurity { on, local }
    } else if reset && at(1, "all") {
        Access::ResetAll
    } else {
        return None;
    };
    Some(EventKind::Access(access))
}

fn advance(cur: &mut Cursor, n: usize) {
    for _ in 0..n {
        cur.bump();
    }
}

/// After `SET ROLE` / `SET SESSION AUTHORIZATION`: a role, or `NONE` / `DEFAULT` (`None`).
fn setting_role(cur: &mut Cursor) -> Option<RoleName> {
    cur.eat_word("to");
    cur.eat_punct('=');
    if cur.is_word("none") || cur.is_word("default") {
        return None;
    }
    let token = cur.peek()?;
    if token.kind == TokenKind::String {
        return lex::string_value(cur.src, token).map(RoleName::Named);
    }
    role_name(cur).ok()
}

/// After `SET row_security`: `TO | =` and on / off / true / false / yes / no / 1 / 0, or `DEFAULT` (`None`).
fn setting_switch(cur: &mut Cursor) -> Option<bool> {
    let _ = cur.eat_word("to") || cur.eat_punct('=') || cur.eat_operator("=");
    let token = cur.peek()?;
    let text = match token.kind {
        TokenKind::String => lex::string_value(cur.src, token)?,
        _ => token.text(cur.src).to_string(),
    };
    match text.to_ascii_lowercase().as_str() {
        "on" | "true" | "yes" | "1" => Some(true),
        "off" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// `ALTER TABLE` actions `OWNER TO r`, `ENABLE | DISABLE ROW LEVEL SECURITY`, `[NO] FORCE ROW LEVEL
/// SECURITY`; `None` (nothing consumed) for any other action.
pub fn read_table_access_action(
    cur: &mut Cursor,
    table: &ObjName,
) -> Option<ReadResult<EventKind>> {
    if cur.is_word("owner") && cur.is_word_at(1, "to") {
        advance(cur, 2);
        return Some(role_name(cur).map(|owner| {
            EventKind::Access(Access::TableOwner {
                table: table.clone(),
                owner,
            })
        }));
    }
    let no = usize::from(cur.is_word("no"));
    let row_level_security = ["row", "level", "security"]
        .iter()
        .enumerate()
        .all(|(i, word)| cur.is_word_at(no + 1 + i, word));
    if !row_level_security {
        return None;
    }
    let (mut enabled, mut forced) = (None, None);
    match cur
        .peek()
        .map(|t| t.text(cur.src).to_ascii_lowercase())
        .as_deref()
    {
        Some("enable") => enabled = Some(true),
        Some("disable") => enabled = Some(false),
        Some("force") => forced = Some(true),
        Some("no") if cur.is_word_at(1, "force") => forced = Some(false),
        _ => return None,
    }
    advance(cur, no + 4);
    Some(Ok(EventKind::Access(Access::TableRowSecurity {
        table: table.clone(),
        enabled,
        forced,
    })))
}

/// `role [, ...]`, up to what follows the list (`WITH ... OPTION`, `GRANTED BY`, `CASCADE`).
fn role_list(cur: &mut Cursor) -> ReadResult<Vec<RoleName>> {
    let mut roles = vec![role_name(cur)?];
    while cur.eat_punct(',') {
        roles.push(role_name(cur)?);
    }
    Ok(roles)
}

fn role_name(cur: &mut Cursor) -> ReadResult<RoleName> {
    cur.eat_word("group");
    let special = match cur.peek().filter(|t| t.kind == TokenKind::Word) {
        Some(token) => match token.text(cur.src).to_ascii_lowercase().as_str() {
            "public" => Some(RoleName::Public),
            "current_user" | "current_role" => Some(RoleName::Current),
            "session_user" => Some(RoleName::Session),
            _ => None,
        },
        None => None,
    };
    if let Some(special) = special {
        cur.bump();
        return Ok(special);
    }
    Ok(RoleName::Named(cur.ident()?.value))
}

fn named_roles(roles: &[RoleName]) -> Vec<String> {
    roles
        .iter()
        .filter_map(|role| match role {
            RoleName::Named(name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Dialect;

    fn read(sql: &str, reader: fn(&mut Cursor) -> ReadResult<Option<EventKind>>) -> Option<Access> {
        let tokens = lex::tokenize_in(sql, Dialect::Postgres);
        let mut cur = Cursor::new(sql, &tokens, sql.len());
        match reader(&mut cur).expect("reads") {
            Some(EventKind::Access(access)) => Some(access),
            _ => None,
        }
    }

    fn setting(sql: &str) -> Option<Access> {
        read(sql, |cur| Ok(read_session_setting(cur)))
    }

    #[test]
    fn roles_keep_the_attributes_that_decide_privileges() {
        let created = read(
            "CREATE USER alice WITH NOSUPERUSER BYPASSRLS PASSWORD 'x' IN ROLE staff ADMIN bob",
            read_role_statement,
        );
        assert_eq!(
            created,
            Some(Access::CreateRole {
                name: "alice".into(),
                superuser: false,
                bypass_rls: true,
                inherits: true,
                in_roles: vec!["staff".into()],
                members: vec!["bob".into()],
            })
        );
        let altered = read("ALTER ROLE alice SUPERUSER", read_role_statement);
        assert!(matches!(
            altered,
            Some(Access::AlterRole {
                superuser: Some(true),
                ..
            })
        ));
        assert_eq!(
            read("ALTER ROLE alice SET search_path = x", read_role_statement),
            None
        );
    }

    #[test]
    fn grants_on_tables_and_of_roles_are_told_apart() {
        let grant = read(
            "GRANT SELECT, INSERT ON TABLE s.t, u TO alice, PUBLIC WITH GRANT OPTION",
            read_grant,
        );
        let Some(Access::TablePrivileges {
            grant: true,
            privileges,
            columns: false,
            tables: GrantedTables::Named(tables),
            roles,
        }) = grant
        else {
            panic!("{grant:?}");
        };
        assert_eq!(privileges, privilege::SELECT | privilege::INSERT);
        assert_eq!(tables.len(), 2);
        assert_eq!(roles, [RoleName::Named("alice".into()), RoleName::Public]);
        assert_eq!(
            read("GRANT staff, admins TO alice WITH ADMIN OPTION", read_grant),
            Some(Access::GrantRoles {
                grant: true,
                roles: vec!["staff".into(), "admins".into()],
                members: vec![RoleName::Named("alice".into())],
                plain: true,
            })
        );
        let revoked = read("REVOKE staff FROM alice", read_grant);
        assert!(matches!(
            revoked,
            Some(Access::GrantRoles {
                grant: false,
                plain: true,
                ..
            })
        ));
        let not_inherited = read("GRANT staff TO alice WITH INHERIT FALSE", read_grant);
        assert!(matches!(
            not_inherited,
            Some(Access::GrantRoles { plain: false, .. })
        ));
        assert_eq!(read("GRANT USAGE ON SCHEMA s TO alice", read_grant), None);
        assert_eq!(read("GRANT ALL ON SEQUENCE q TO alice", read_grant), None);
        assert_eq!(
            read("REVOKE GRANT OPTION FOR ALL ON t FROM alice", read_grant),
            None
        );
        let columns = read("GRANT INSERT (a, b) ON t TO alice", read_grant);
        assert!(matches!(
            columns,
            Some(Access::TablePrivileges { columns: true, .. })
        ));
        let all = read(
            "REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA s FROM alice CASCADE",
            read_grant,
        );
        assert!(matches!(
            all,
            Some(Access::TablePrivileges {
                grant: false,
                privileges: privilege::ALL,
                tables: GrantedTables::AllInSchemas(_),
                ..
            })
        ));
    }

    #[test]
    fn session_settings_name_who_runs_what_follows() {
        let role = |sql| match setting(sql) {
            Some(Access::SetRole {
                role,
                session,
                local,
            }) => (role, session, local),
            other => panic!("{sql}: {other:?}"),
        };
        let alice = Some(RoleName::Named("alice".into()));
        assert_eq!(
            role("SET SESSION AUTHORIZATION alice"),
            (alice.clone(), true, false)
        );
        assert_eq!(
            role("SET SESSION AUTHORIZATION DEFAULT"),
            (None, true, false)
        );
        assert_eq!(role("RESET SESSION AUTHORIZATION"), (None, true, false));
        assert_eq!(role("SET ROLE 'alice'"), (alice.clone(), false, false));
        assert_eq!(role("SET LOCAL ROLE alice"), (alice.clone(), false, true));
        assert_eq!(role("SET SESSION ROLE alice"), (alice, false, false));
        assert_eq!(role("RESET ROLE"), (None, false, false));
        assert_eq!(role("SET ROLE NONE"), (None, false, false));
        assert_eq!(
            setting("SET row_security TO OFF"),
            Some(Access::SetRowSecurity {
                on: Some(false),
                local: false
            })
        );
        assert_eq!(
            setting("SET row_security = 'on'"),
            Some(Access::SetRowSecurity {
                on: Some(true),
                local: false
            })
        );
        assert_eq!(setting("RESET ALL"), Some(Access::ResetAll));
        assert_eq!(setting("SET search_path = x"), None);
    }

    #[test]
    fn alter_table_names_owner_and_row_level_security() {
        let action = |sql: &str| {
            let tokens = lex::tokenize_in(sql, Dialect::Postgres);
            let mut cur = Cursor::new(sql, &tokens, sql.len());
            let table = ObjName::unqualified(crate::ident::Ident::unquoted(
                "t",
                crate::source::Span::new(0, 1),
            ));
            read_table_access_action(&mut cur, &table).map(|r| r.expect("reads"))
        };
        assert!(matches!(
            action("OWNER TO alice"),
            Some(EventKind::Access(Access::TableOwner {
                owner: RoleName::Named(_),
                ..
            }))
        ));
        assert!(matches!(
            action("NO FORCE ROW LEVEL SECURITY"),
            Some(EventKind::Access(Access::TableRowSecurity {
                enabled: None,
                forced: Some(false),
                ..
            }))
        ));
        assert!(matches!(
            action("ENABLE ROW LEVEL SECURITY"),
            Some(EventKind::Access(Access::TableRowSecurity {
                enabled: Some(true),
                forced: None,
                ..
            }))
        ));
        assert!(action("ENABLE TRIGGER ALL").is_none());
    }
}
