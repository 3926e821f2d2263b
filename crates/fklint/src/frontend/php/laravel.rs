//! Laravel's `Blueprint` as the MySQL schema grammar compiles it: column methods and their types
//! (`increments` = `int unsigned` primary key, `id` / `bigIncrements` / `foreignId` = `bigint unsigned`,
//! `string` = `varchar(255)`, ...), modifiers (`nullable`, `unsigned`, `default`, `unique`, `index`,
//! `primary`, `change`), `foreign(...)->references(...)->on(...)` and `foreignId(...)->constrained()` with their
//! actions, `dropForeign`, `dropColumn`, `renameColumn`, indexes; names as Laravel makes them
//! (`<table>_<columns>_foreign`, `_unique`, `_index`). Columns are NOT NULL unless `nullable()`.

use super::super::orm::{foreign_key_constraint, ident, plain_create_table};
use super::super::typescript::expr::{chain, Expr};
use crate::events::{
    ColumnDef, ConstraintDef, ConstraintKind, EventKind, IndexDef, RefAction, TypeRef,
};
use crate::ident::{Ident, ObjName};
use crate::source::Span;

/// The table a `Schema::create` / `Schema::table` names.
pub struct TableRef {
    pub name: String,
    pub span: Span,
}

pub fn table_name(name: &str, span: Span) -> ObjName {
    ObjName::unqualified(ident(name, span))
}

/// A column a method declares.
struct NewColumn {
    def: ColumnDef,
    primary: bool,
    unsigned: bool,
    change: bool,
    /// `nullable()` was written: `change()` keeps the nullability otherwise (Laravel up to 10, with DBAL).
    nullable_written: bool,
}

/// The events of one `Schema::create` (`create`) or `Schema::table` closure, each with its span.
pub fn blueprint(
    src: &str,
    table: &TableRef,
    create: bool,
    statements: &[Expr],
    span: Span,
) -> Vec<(Span, EventKind)> {
    let name = table_name(&table.name, table.span);
    let mut columns: Vec<NewColumn> = Vec::new();
    let mut primary: Option<Vec<Ident>> = None;
    let mut after: Vec<(Span, EventKind)> = Vec::new();
    for statement in statements {
        let c = chain(statement);
        let Expr::Call {
            callee,
            args,
            span: head_span,
        } = c.head
        else {
            continue;
        };
        let Some(method) = callee
            .path()
            .and_then(|p| p.last().map(|(n, _)| n.to_string()))
        else {
            continue;
        };
        let modifiers: Vec<(&str, &[Expr])> = c.calls.iter().map(|(m, a, _)| (*m, *a)).collect();
        let statement_span = statement.span();
        let strings = |args: &[Expr]| -> Vec<Ident> {
            args.iter()
                .flat_map(|a| a.elements().iter())
                .filter_map(|e| match e {
                    Expr::Str { value, body, .. } => Some(ident(value, *body)),
                    _ => None,
                })
                .collect()
        };
        match method.as_str() {
            "foreign" => {
                let cols = strings(args.get(..1).unwrap_or(&[]));
                let index_name = args.get(1).and_then(Expr::as_str);
                let fk = foreign(&table.name, cols, index_name, &modifiers, statement_span);
                after.extend(fk.map(|c| (statement_span, add(&name, c))));
            }
            "primary" => primary = Some(strings(args.get(..1).unwrap_or(&[]))),
            "unique" | "index" => {
                let cols = strings(args.get(..1).unwrap_or(&[]));
                let index_name = args
                    .get(1)
                    .and_then(Expr::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| default_name(&table.name, &cols, &method));
                after.push((
                    statement_span,
                    index(&name, cols, &index_name, method == "unique"),
                ));
            }
            "dropForeign" | "dropUnique" | "dropIndex" => {
                let kind = if method == "dropForeign" {
                    "foreign"
                } else if method == "dropUnique" {
                    "unique"
                } else {
                    "index"
                };
                let dropped = match args.first() {
                    Some(Expr::Array(..)) => default_name(&table.name, &strings(&args[..1]), kind),
                    Some(Expr::Str { value, .. }) => value.clone(),
                    _ => continue,
                };
                let dropped = Ident::quoted(&dropped, *head_span);
                after.push((
                    statement_span,
                    if method == "dropForeign" {
                        EventKind::DropConstraint {
                            table: name.clone(),
                            name: dropped,
                            if_exists: false,
                            cascade: false,
                        }
                    } else {
                        EventKind::DropIndex {
                            names: vec![ObjName::unqualified(dropped)],
                            if_exists: false,
                            cascade: false,
                        }
                    },
                ));
            }
            "dropColumn" | "dropColumns" => {
                for column in strings(args) {
                    after.push((
                        statement_span,
                        EventKind::DropColumn {
                            table: name.clone(),
                            column,
                            if_exists: false,
                            cascade: false,
                        },
                    ));
                }
            }
            "dropTimestamps" | "dropSoftDeletes" | "dropRememberToken" => {}
            "renameColumn" => {
                let names = strings(args);
                if let [from, to] = names.as_slice() {
                    after.push((
                        statement_span,
                        EventKind::RenameColumn {
                            table: name.clone(),
                            from: from.clone(),
                            to: to.clone(),
                            only: false,
                        },
                    ));
                }
            }
            "rename" => {
                if let Some(Expr::Str { value, body, .. }) = args.first() {
                    after.push((
                        statement_span,
                        EventKind::RenameTable {
                            table: name.clone(),
                            to: ident(value, *body),
                        },
                    ));
                }
            }
            _ => {
                let declared = declare(src, &method, args, *head_span, statement_span);
                let count = declared.len();
                for (i, mut column) in declared.into_iter().enumerate() {
                    apply_modifiers(src, &mut column, &modifiers);
                    // A modifier that makes a key or index applies to the (last) column it follows.
                    if i + 1 == count {
                        after.extend(column_keys(
                            &table.name,
                            &name,
                            &column,
                            &modifiers,
                            statement_span,
                        ));
                    }
                    columns.push(column);
                }
            }
        }
    }
    let mut events = Vec::new();
    if create {
        let mut constraints = Vec::new();
        let mut pk: Vec<Ident> = columns
            .iter()
            .filter(|c| c.primary)
            .map(|c| c.def.name.clone())
            .collect();
        if let Some(explicit) = primary.take() {
            pk = explicit;
        }
        if !pk.is_empty() {
            constraints.push(ConstraintDef {
                name: None,
                kind: ConstraintKind::PrimaryKey(pk),
                span,
                removal: span,
                deferrable: false,
            });
        }
        events.push((
            span,
            EventKind::CreateTable(plain_create_table(
                name.clone(),
                columns.iter().map(|c| c.def.clone()).collect(),
                constraints,
            )),
        ));
    } else {
        for column in columns {
            let column_span = column.def.span;
            if column.change {
                if let Some(ty) = column.def.ty.clone() {
                    events.push((
                        column_span,
                        EventKind::AlterColumnType {
                            table: name.clone(),
                            column: column.def.name.clone(),
                            ty,
                            collate: false,
                        },
                    ));
                }
                if column.nullable_written {
                    events.push((
                        column_span,
                        EventKind::SetNotNull {
                            table: name.clone(),
                            column: column.def.name.clone(),
                            not_null: column.def.not_null,
                        },
                    ));
                }
            } else {
                events.push((
                    column_span,
                    EventKind::AddColumn {
                        table: name.clone(),
                        column: column.def,
                        constraints: Vec::new(),
                        if_not_exists: false,
                    },
                ));
            }
        }
        if let Some(pk) = primary {
            after.insert(
                0,
                (
                    span,
                    add(&name, key(ConstraintKind::PrimaryKey(pk), None, span)),
                ),
            );
        }
    }
    events.extend(after);
    events
}

/// Laravel's index name: `<table>_<columns>_<kind>`, lower case, `-` and `.` as `_`.
fn default_name(table: &str, columns: &[Ident], kind: &str) -> String {
    let columns: Vec<&str> = columns.iter().map(|c| c.value.as_str()).collect();
    format!("{table}_{}_{kind}", columns.join("_"))
        .to_lowercase()
        .replace(['-', '.'], "_")
}

fn add(table: &ObjName, constraint: ConstraintDef) -> EventKind {
    EventKind::AddConstraint {
        table: table.clone(),
        constraint,
        only: false,
    }
}

fn key(kind: ConstraintKind, name: Option<Ident>, span: Span) -> ConstraintDef {
    ConstraintDef {
        name,
        kind,
        span,
        removal: span,
        deferrable: false,
    }
}

fn index(table: &ObjName, columns: Vec<Ident>, name: &str, unique: bool) -> EventKind {
    let name = Ident::quoted(name, Span::default());
    if unique {
        return add(
            table,
            key(ConstraintKind::Unique(columns), Some(name), Span::default()),
        );
    }
    EventKind::CreateIndex(IndexDef {
        name: Some(name),
        table: table.clone(),
        columns: columns.into_iter().map(Some).collect(),
        unique: false,
        partial: false,
        if_not_exists: false,
        only: false,
    })
}

/// `foreign(cols)->references(cols)->on(table)->onDelete(...)` (or `constrained`'s equivalent).
fn foreign(
    table: &str,
    columns: Vec<Ident>,
    index_name: Option<&str>,
    modifiers: &[(&str, &[Expr])],
    span: Span,
) -> Option<ConstraintDef> {
    let mut ref_columns = Vec::new();
    let mut ref_table = None;
    let mut on_delete = RefAction::NoAction;
    let mut on_update = RefAction::NoAction;
    for (method, args) in modifiers {
        let first = args.first();
        match *method {
            "references" => {
                ref_columns = first
                    .map(|a| {
                        a.elements()
                            .iter()
                            .filter_map(|e| match e {
                                Expr::Str { value, body, .. } => Some(ident(value, *body)),
                                _ => None,
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            }
            "on" => {
                if let Some(Expr::Str { value, body, .. }) = first {
                    ref_table = Some(table_name(value, *body));
                }
            }
            "onDelete" => on_delete = action(first.and_then(Expr::as_str).unwrap_or("")),
            "onUpdate" => on_update = action(first.and_then(Expr::as_str).unwrap_or("")),
            _ => apply_action(method, &mut on_delete, &mut on_update),
        }
    }
    let name = index_name
        .map(str::to_string)
        .unwrap_or_else(|| default_name(table, &columns, "foreign"));
    Some(foreign_key_constraint(
        Some(Ident::quoted(&name, Span::default())),
        columns,
        ref_table?,
        ref_columns,
        (on_delete, on_update),
        span,
    ))
}

fn action(text: &str) -> RefAction {
    super::super::orm::action(text)
}

/// `cascadeOnDelete()`, `nullOnDelete()`, `restrictOnDelete()`, `noActionOnDelete()`, `cascadeOnUpdate()`, ...
fn apply_action(method: &str, on_delete: &mut RefAction, on_update: &mut RefAction) {
    let (what, slot) = if let Some(what) = method.strip_suffix("OnDelete") {
        (what, on_delete)
    } else if let Some(what) = method.strip_suffix("OnUpdate") {
        (what, on_update)
    } else {
        return;
    };
    *slot = match what {
        "cascade" => RefAction::Cascade,
        "null" => RefAction::SetNull(Vec::new()),
        "restrict" => RefAction::Restrict,
        _ => RefAction::NoAction,
    };
}

/// The columns a column method declares (most one; `morphs`, `timestamps`, ... two).
fn declare(src: &str, method: &str, args: &[Expr], head: Span, span: Span) -> Vec<NewColumn> {
    let name = args.first().and_then(|a| match a {
        Expr::Str { value, body, .. } => Some((value.clone(), *body)),
        _ => None,
    });
    let number = |i: usize| match args.get(i) {
        Some(Expr::Number(n, _)) => Some(n.clone()),
        _ => None,
    };
    let column = |name: &str, name_span: Span, ty: &str, not_null: bool| NewColumn {
        def: ColumnDef {
            name: ident(name, name_span),
            ty: Some(TypeRef {
                text: ty.to_string(),
                span: method_span(src, head, method),
            }),
            not_null,
            not_null_span: None,
            default: None,
            identity: false,
            generated: None,
            span,
        },
        primary: false,
        unsigned: false,
        change: false,
        nullable_written: false,
    };
    let nullable_pair =
        |a: &str, b: &str, ty: &str| vec![column(a, head, ty, false), column(b, head, ty, false)];
    match method {
        "timestamps" | "nullableTimestamps" | "timestampsTz" => {
            return nullable_pair("created_at", "updated_at", "timestamp")
        }
        "softDeletes" | "softDeletesTz" => {
            return vec![column("deleted_at", head, "timestamp", false)]
        }
        "rememberToken" => return vec![column("remember_token", head, "varchar(100)", false)],
        "morphs"
        | "numericMorphs"
        | "nullableMorphs"
        | "nullableNumericMorphs"
        | "uuidMorphs"
        | "nullableUuidMorphs" => {
            let Some((base, span)) = name else {
                return Vec::new();
            };
            let id_type = if method.contains("uuid") || method.contains("Uuid") {
                "char(36)"
            } else {
                "bigint unsigned"
            };
            let not_null = !method.starts_with("nullable");
            return vec![
                column(&format!("{base}_type"), span, "varchar(255)", not_null),
                column(&format!("{base}_id"), span, id_type, not_null),
            ];
        }
        _ => {}
    }
    let Some((name, name_span)) =
        name.or_else(|| (method == "id").then(|| ("id".to_string(), head)))
    else {
        return Vec::new();
    };
    let length = |default: &str| number(1).unwrap_or_else(|| default.to_string());
    let (ty, primary): (String, bool) = match method {
        "id" | "bigIncrements" => ("bigint unsigned".into(), true),
        "increments" => ("int unsigned".into(), true),
        "mediumIncrements" => ("mediumint unsigned".into(), true),
        "smallIncrements" => ("smallint unsigned".into(), true),
        "tinyIncrements" => ("tinyint unsigned".into(), true),
        "integer" | "bigInteger" | "mediumInteger" | "smallInteger" | "tinyInteger" => {
            let base = method
                .trim_end_matches("Integer")
                .trim_end_matches("integer");
            let ty = if base.is_empty() {
                "int".to_string()
            } else {
                format!("{base}int")
            };
            let unsigned = matches!(args.get(2), Some(e) if e.as_bool() == Some(true));
            let auto = matches!(args.get(1), Some(e) if e.as_bool() == Some(true));
            (
                if unsigned {
                    format!("{ty} unsigned")
                } else {
                    ty
                },
                auto,
            )
        }
        "unsignedInteger"
        | "unsignedBigInteger"
        | "unsignedMediumInteger"
        | "unsignedSmallInteger"
        | "unsignedTinyInteger" => {
            let base = method
                .trim_start_matches("unsigned")
                .trim_end_matches("Integer")
                .to_ascii_lowercase();
            let ty = if base.is_empty() {
                "int".to_string()
            } else {
                format!("{base}int")
            };
            (format!("{ty} unsigned"), false)
        }
        "foreignId" => ("bigint unsigned".into(), false),
        "foreignUuid" | "uuid" => ("char(36)".into(), false),
        "foreignUlid" | "ulid" => ("char(26)".into(), false),
        "string" => (format!("varchar({})", length("255")), false),
        "char" => (format!("char({})", length("255")), false),
        "text" | "mediumText" | "longText" | "tinyText" => (method.to_ascii_lowercase(), false),
        "boolean" => ("tinyint(1)".into(), false),
        "json" | "jsonb" => ("json".into(), false),
        "date" => ("date".into(), false),
        "dateTime" | "dateTimeTz" => ("datetime".into(), false),
        "timestamp" | "timestampTz" => ("timestamp".into(), false),
        "time" | "timeTz" => ("time".into(), false),
        "year" => ("year".into(), false),
        "decimal" | "unsignedDecimal" => (
            format!(
                "decimal({},{})",
                number(1).unwrap_or("8".into()),
                number(2).unwrap_or("2".into())
            ),
            false,
        ),
        "float" => ("float".into(), false),
        "double" => ("double".into(), false),
        "binary" => ("blob".into(), false),
        "enum" | "set" => ("varchar(255)".into(), false),
        "ipAddress" => ("varchar(45)".into(), false),
        "macAddress" => ("varchar(17)".into(), false),
        _ => return Vec::new(),
    };
    let mut new = column(&name, name_span, &ty, true);
    new.primary = primary;
    new.def.identity = primary;
    new.unsigned = ty.ends_with(" unsigned");
    vec![new]
}

/// Where the method of `$table->integer('x')` is written (a fix changes it).
fn method_span(src: &str, head: Span, method: &str) -> Span {
    let text = head.slice(src);
    match text.find(&format!(">{method}(")) {
        Some(at) => Span::new(head.start + at + 1, head.start + at + 1 + method.len()),
        None => head,
    }
}

fn apply_modifiers(src: &str, column: &mut NewColumn, modifiers: &[(&str, &[Expr])]) {
    for (method, args) in modifiers {
        match *method {
            "nullable" => column.def.not_null = args.first().and_then(Expr::as_bool) == Some(false),
            "unsigned" => {
                if let Some(ty) = column.def.ty.as_mut() {
                    if !ty.text.ends_with(" unsigned") && ty.text.contains("int") {
                        ty.text.push_str(" unsigned");
                    }
                }
                column.unsigned = true;
            }
            "default" => column.def.default = args.first().map(|a| a.span().slice(src).to_string()),
            "primary" => column.primary = true,
            "autoIncrement" => {
                column.primary = true;
                column.def.identity = true;
            }
            "change" => column.change = true,
            _ => {}
        }
    }
}

/// The keys a column's modifiers add: `unique()`, `index()`, and `constrained()` / `references()->on()`.
fn column_keys(
    table: &str,
    name: &ObjName,
    column: &NewColumn,
    modifiers: &[(&str, &[Expr])],
    span: Span,
) -> Vec<(Span, EventKind)> {
    let mut out = Vec::new();
    let cols = vec![column.def.name.clone()];
    // `foreignId('x')->references('id')->on('t')`: a foreign key on the column just declared.
    if modifiers.iter().any(|(m, _)| *m == "on") {
        let fk = foreign(table, cols.clone(), None, modifiers, span);
        out.extend(fk.map(|c| (span, add(name, c))));
    }
    for (method, args) in modifiers {
        match *method {
            "unique" | "index" => {
                let index_name = args
                    .first()
                    .and_then(Expr::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| default_name(table, &cols, method));
                out.push((
                    span,
                    index(name, cols.clone(), &index_name, *method == "unique"),
                ));
            }
            "constrained" => {
                let target = args
                    .first()
                    .and_then(|a| match a {
                        Expr::Str { value, body, .. } => Some(table_name(value, *body)),
                        _ => None,
                    })
                    .unwrap_or_else(|| {
                        let base = column.def.name.value.trim_end_matches("_id");
                        table_name(&plural(base), column.def.name.span)
                    });
                let ref_column = args.get(1).and_then(Expr::as_str).unwrap_or("id");
                let mut on_delete = RefAction::NoAction;
                let mut on_update = RefAction::NoAction;
                for (m, a) in modifiers {
                    match *m {
                        "onDelete" => {
                            on_delete = action(a.first().and_then(Expr::as_str).unwrap_or(""))
                        }
                        "onUpdate" => {
                            on_update = action(a.first().and_then(Expr::as_str).unwrap_or(""))
                        }
                        other => apply_action(other, &mut on_delete, &mut on_update),
                    }
                }
                let fk_name = default_name(table, &cols, "foreign");
                let constraint = foreign_key_constraint(
                    Some(Ident::quoted(&fk_name, Span::default())),
                    cols.clone(),
                    target,
                    vec![ident(ref_column, span)],
                    (on_delete, on_update),
                    span,
                );
                out.push((span, add(name, constraint)));
            }
            _ => {}
        }
    }
    out
}

/// Laravel's plural of a word (`Str::plural`'s common English rules).
fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    if word.ends_with('s') || word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
        return format!("{word}es");
    }
    format!("{word}s")
}

/// How a fix writes `ty` in place of the column method `written` (`unsignedInteger` of
/// `$table->unsignedInteger('user_id')`): the Blueprint method that makes it (`bigint unsigned` is `foreignId`,
/// the column type Laravel gives keys to `id()`). `None` when the type needs arguments the edit cannot add.
pub fn laravel_spelling(ty: &crate::types::SqlType, written: &str) -> Option<String> {
    let _ = written;
    let display = ty.display().to_ascii_lowercase();
    let method = match display.as_str() {
        "bigint unsigned" => "foreignId",
        "int unsigned" => "unsignedInteger",
        "int" => "integer",
        "bigint" => "bigInteger",
        "mediumint unsigned" => "unsignedMediumInteger",
        "smallint unsigned" => "unsignedSmallInteger",
        "char(36)" => "uuid",
        "varchar(255)" => "string",
        "text" => "text",
        _ => return None,
    };
    Some(method.to_string())
}
