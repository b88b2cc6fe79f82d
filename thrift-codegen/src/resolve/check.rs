//! Definition checks: field ids (explicit and Apache's implicit ones), duplicate fields and
//! enum values, typedef cycles, and the service rules (`oneway`, `throws`, method names).

use super::Program;
use crate::diagnostic::Diagnostic;
use crate::parse::ast::{Definition, Field, FileId, Requiredness, StructKind, TypeKind};
use std::collections::HashMap;

/// Typedefs that lead back to themselves (`typedef A B` / `typedef B A`).
pub(super) fn check_typedef_cycles(program: &Program, diags: &mut Vec<Diagnostic>) {
    for (id, def) in program.definitions() {
        let Definition::Typedef(start) = def else {
            continue;
        };
        let mut chain = vec![start.name.name.as_str()];
        let mut ty = &start.ty;
        while let TypeKind::Named(n) = &ty.kind {
            let Some(target) = n.target else { break };
            let Definition::Typedef(next) = program.definition(target) else {
                break;
            };
            chain.push(next.name.name.as_str());
            if target == id {
                diags.push(
                    Diagnostic::error(
                        start.name.span,
                        format!("typedef cycle: {}", chain.join(" -> ")),
                    )
                    .in_file(id.file),
                );
                break;
            }
            if chain.len() > super::MAX_TYPEDEF_CHAIN {
                break; // a cycle not through `start`; reported from its own typedefs
            }
            ty = &next.ty;
        }
    }
}

/// Assigns field ids and enum values, then checks every definition.
pub(super) fn check_definitions(program: &mut Program, diags: &mut Vec<Diagnostic>) {
    for (f, file) in program.files.iter_mut().enumerate() {
        let file_id = FileId(f as u32);
        for def in &mut file.document.definitions {
            match def {
                Definition::Struct(s) => {
                    assign_field_ids(&mut s.fields, file_id, diags);
                    if s.kind == StructKind::Union {
                        check_union(s, file_id, diags);
                    }
                }
                Definition::Service(s) => {
                    for func in &mut s.functions {
                        assign_field_ids(&mut func.args, file_id, diags);
                        if let Some(t) = &mut func.throws {
                            assign_field_ids(t, file_id, diags);
                        }
                    }
                }
                Definition::Enum(e) => {
                    let mut next: i64 = 0;
                    let mut seen: HashMap<&str, ()> = HashMap::new();
                    for v in &mut e.values {
                        let (value, span) = v.explicit.unwrap_or((next, v.name.span));
                        match i32::try_from(value) {
                            Ok(x) => v.value = x,
                            Err(_) => diags.push(
                                Diagnostic::error(
                                    span,
                                    format!(
                                        "enum value `{}` = {value} does not fit in an i32",
                                        v.name.name
                                    ),
                                )
                                .in_file(file_id),
                            ),
                        }
                        next = value.saturating_add(1);
                        if seen.insert(v.name.name.as_str(), ()).is_some() {
                            diags.push(
                                Diagnostic::error(
                                    v.name.span,
                                    format!(
                                        "enum `{}` has two values named `{}`",
                                        e.name.name, v.name.name
                                    ),
                                )
                                .in_file(file_id),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for (id, def) in program.definitions() {
        let file = id.file;
        match def {
            Definition::Struct(s) => {
                check_fields(&s.fields, s.kind.keyword(), &s.name.name, file, diags);
            }
            Definition::Service(s) => check_service(program, s, file, diags),
            _ => {}
        }
    }
}

/// Union members are optional whatever was written, as Apache reads them (it warns about
/// `required` and ignores it); at most one member may have a default value.
fn check_union(u: &mut crate::ast::Struct, file: FileId, diags: &mut Vec<Diagnostic>) {
    let mut with_default: Option<&str> = None;
    for field in &mut u.fields {
        field.requiredness = Requiredness::Optional;
        if field.default.is_some() {
            match with_default {
                Some(first) => diags.push(
                    Diagnostic::error(
                        field.name.span,
                        format!(
                            "union `{}` has two default values, on `{first}` and `{}`: a union holds one value",
                            u.name.name, field.name.name
                        ),
                    )
                    .in_file(file),
                ),
                None => with_default = Some(&field.name.name),
            }
        }
    }
}

/// Explicit ids as written; missing ones get -1, -2, ... in order, as Apache assigns them.
/// An explicit non-positive id is kept (Apache's `--allow-neg-keys`), and the implicit
/// counter continues below it, so the two never collide silently.
fn assign_field_ids(fields: &mut [Field], file: FileId, diags: &mut Vec<Diagnostic>) {
    let mut next_implicit: i64 = -1;
    for field in fields {
        match field.explicit_id {
            Some((id, span)) => match i16::try_from(id) {
                Ok(v) => {
                    field.id = v;
                    if id <= 0 {
                        next_implicit = next_implicit.min(id - 1);
                    }
                }
                Err(_) => diags.push(
                    Diagnostic::error(
                        span,
                        format!(
                            "field id {id} is out of range: ids are 16-bit ({}..={})",
                            i16::MIN,
                            i16::MAX
                        ),
                    )
                    .in_file(file),
                ),
            },
            None => match i16::try_from(next_implicit) {
                Ok(v) => {
                    field.id = v;
                    next_implicit -= 1;
                }
                Err(_) => diags.push(
                    Diagnostic::error(field.name.span, "too many fields without an id")
                        .in_file(file),
                ),
            },
        }
    }
}

fn check_fields(
    fields: &[Field],
    what: &str,
    owner: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) {
    let mut ids: HashMap<i16, &Field> = HashMap::new();
    let mut names: HashMap<&str, &Field> = HashMap::new();
    for field in fields {
        if field
            .explicit_id
            .is_some_and(|(id, _)| i16::try_from(id).is_err())
        {
            continue;
        }
        if let Some(first) = ids.insert(field.id, field) {
            let span = field.explicit_id.map_or(field.name.span, |(_, s)| s);
            diags.push(
                Diagnostic::error(
                    span,
                    format!(
                        "duplicate field id {} in {what} `{owner}`: `{}` and `{}`",
                        field.id, first.name.name, field.name.name
                    ),
                )
                .in_file(file),
            );
        }
        if let Some(first) = names.insert(field.name.name.as_str(), field) {
            diags.push(
                Diagnostic::error(
                    field.name.span,
                    format!(
                        "duplicate field name `{}` in {what} `{owner}` (ids {} and {})",
                        field.name.name, first.id, field.id
                    ),
                )
                .in_file(file),
            );
        }
    }
}

fn check_service(
    program: &Program,
    s: &crate::ast::Service,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) {
    let mut names: HashMap<&str, ()> = HashMap::new();
    for func in &s.functions {
        let name = &func.name.name;
        if names.insert(name, ()).is_some() {
            diags.push(
                Diagnostic::error(
                    func.name.span,
                    format!("service `{}` has two methods named `{name}`", s.name.name),
                )
                .in_file(file),
            );
        }
        check_fields(&func.args, "arguments of", name, file, diags);
        if let Some(throws) = &func.throws {
            check_fields(throws, "throws of", name, file, diags);
            for t in throws {
                let unresolved = matches!(&t.ty.kind, TypeKind::Named(n) if n.target.is_none());
                if unresolved || program.struct_kind(&t.ty) == Some(StructKind::Exception) {
                    continue;
                }
                diags.push(
                    Diagnostic::error(
                        t.ty.span,
                        format!(
                            "`throws` lists `{}` of type `{}`, which is not an exception",
                            t.name.name, t.ty
                        ),
                    )
                    .in_file(file),
                );
            }
        }
        if let Some(oneway) = func.oneway {
            if let Some(ret) = &func.returns {
                diags.push(
                    Diagnostic::error(
                        ret.span,
                        format!(
                            "oneway method `{name}` must return void: a oneway call gets no reply"
                        ),
                    )
                    .in_file(file)
                    .note(format!("`oneway` is at {}", program.location(file, oneway))),
                );
            }
            if func.throws.as_ref().is_some_and(|t| !t.is_empty()) {
                diags.push(
                    Diagnostic::error(
                        func.name.span,
                        format!("oneway method `{name}` cannot throw: a oneway call gets no reply"),
                    )
                    .in_file(file),
                );
            }
        }
    }
}
