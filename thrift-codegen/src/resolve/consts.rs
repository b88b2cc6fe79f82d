//! Constant values against their declared types: `const i8 X = 300` is an error, and so is
//! a string where a list is due, an unknown field in a struct literal, a malformed uuid.

use super::Program;
use crate::diagnostic::Diagnostic;
use crate::parse::ast::{
    BaseType, ConstKind, ConstTarget, ConstValue, Definition, FileId, Type, TypeKind,
};

/// Const-to-const references deeper than this are a cycle.
const MAX_DEPTH: usize = 64;

/// Checks every const and every field default of the program.
pub(super) fn check_values(program: &Program, diags: &mut Vec<Diagnostic>) {
    for (id, def) in program.definitions() {
        let mut cx = Cx {
            program,
            file: id.file,
            diags: &mut *diags,
        };
        match def {
            Definition::Const(c) => cx.check(&c.ty, &c.value, 0),
            Definition::Struct(s) => {
                for f in &s.fields {
                    if let Some(v) = &f.default {
                        cx.check(&f.ty, v, 0);
                    }
                }
            }
            Definition::Service(s) => {
                for f in s.functions.iter().flat_map(|func| &func.args) {
                    if let Some(v) = &f.default {
                        cx.check(&f.ty, v, 0);
                    }
                }
            }
            _ => {}
        }
    }
}

struct Cx<'a, 'd> {
    program: &'a Program,
    file: FileId,
    diags: &'d mut Vec<Diagnostic>,
}

impl Cx<'_, '_> {
    fn error(&mut self, value: &ConstValue, message: String) {
        self.diags
            .push(Diagnostic::error(value.span, message).in_file(self.file));
    }

    fn mismatch(&mut self, ty: &Type, value: &ConstValue) {
        let found = match &value.kind {
            ConstKind::Bool(_) => "a bool",
            ConstKind::Int(_) => "an integer",
            ConstKind::Double(_) => "a double",
            ConstKind::String(_) => "a string",
            ConstKind::Ident { .. } => "an enum value",
            ConstKind::List(_) => "a list",
            ConstKind::Map(_) => "a map",
        };
        let expected = ty.to_string();
        self.error(
            value,
            format!("expected a value of type `{expected}`, found {found}"),
        );
    }

    fn check(&mut self, ty: &Type, value: &ConstValue, depth: usize) {
        let program = self.program;
        // Follow `const X = OTHER_CONST` to the value it names; the error stays here.
        if let ConstKind::Ident {
            target: Some(ConstTarget::Const(id)),
            name,
        } = &value.kind
        {
            if depth >= MAX_DEPTH {
                self.error(value, format!("constant `{}` refers to itself", name.name));
                return;
            }
            if let Some(inner) = program.const_target_value(ConstTarget::Const(*id)) {
                let mut at_ref = inner.clone();
                retarget_spans(&mut at_ref, value.span);
                self.check(ty, &at_ref, depth + 1);
            }
            return;
        }
        if let ConstKind::Ident { target: None, .. } = &value.kind {
            return; // unknown name: already reported
        }
        let ty = program.underlying(ty);
        match &ty.kind {
            TypeKind::Base(b) => self.check_base(*b, ty, value),
            TypeKind::List(elem) | TypeKind::Set(elem) => match &value.kind {
                ConstKind::List(items) => {
                    for item in items {
                        self.check(elem, item, depth);
                    }
                }
                // `{}` for an empty set or list is common enough in real IDL.
                ConstKind::Map(items) if items.is_empty() => {}
                _ => self.mismatch(ty, value),
            },
            TypeKind::Map(k, v) => match &value.kind {
                ConstKind::Map(items) => {
                    for (key, val) in items {
                        self.check(k, key, depth);
                        self.check(v, val, depth);
                    }
                }
                ConstKind::List(items) if items.is_empty() => {}
                _ => self.mismatch(ty, value),
            },
            TypeKind::Named(n) => {
                let Some(target) = n.target else { return };
                match program.definition(target) {
                    Definition::Enum(e) => match &value.kind {
                        ConstKind::Ident {
                            target: Some(ConstTarget::EnumValue(eid, _)),
                            name,
                        } => {
                            if *eid != target {
                                self.error(
                                    value,
                                    format!(
                                        "`{}` is not a value of enum `{}`",
                                        name.name, e.name.name
                                    ),
                                );
                            }
                        }
                        ConstKind::Int(i) => {
                            if !e.values.iter().any(|v| i64::from(v.value) == *i) {
                                self.error(
                                    value,
                                    format!("enum `{}` has no value {i}", e.name.name),
                                );
                            }
                        }
                        _ => self.mismatch(ty, value),
                    },
                    Definition::Senum(_) if !matches!(value.kind, ConstKind::String(_)) => {
                        self.mismatch(ty, value);
                    }
                    Definition::Struct(s) => match &value.kind {
                        ConstKind::Map(items) => {
                            for (key, val) in items {
                                let ConstKind::String(field_name) = &key.kind else {
                                    self.error(
                                        key,
                                        format!(
                                            "a {} literal's keys are field names in quotes",
                                            s.kind.keyword()
                                        ),
                                    );
                                    continue;
                                };
                                match s.fields.iter().find(|f| &f.name.name == field_name) {
                                    Some(field) => self.check(&field.ty, val, depth),
                                    None => self.error(
                                        key,
                                        format!(
                                            "{} `{}` has no field `{field_name}`",
                                            s.kind.keyword(),
                                            s.name.name
                                        ),
                                    ),
                                }
                            }
                        }
                        _ => self.mismatch(ty, value),
                    },
                    // A typedef was followed above; consts and services were refused as types.
                    _ => {}
                }
            }
        }
    }

    fn check_base(&mut self, b: BaseType, ty: &Type, value: &ConstValue) {
        let ok = match (&value.kind, b) {
            (ConstKind::Bool(_), BaseType::Bool) => true,
            // Apache accepts 0 and 1 for a bool.
            (ConstKind::Int(i), BaseType::Bool) => {
                if !matches!(i, 0 | 1) {
                    self.error(value, format!("{i} is not a bool: use true, false, 0 or 1"));
                }
                true
            }
            (ConstKind::Int(i), BaseType::I8 | BaseType::I16 | BaseType::I32 | BaseType::I64) => {
                let (min, max) = match b {
                    BaseType::I8 => (i64::from(i8::MIN), i64::from(i8::MAX)),
                    BaseType::I16 => (i64::from(i16::MIN), i64::from(i16::MAX)),
                    BaseType::I32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
                    _ => (i64::MIN, i64::MAX),
                };
                if !(min..=max).contains(i) {
                    self.error(
                        value,
                        format!("{i} does not fit in {} ({min}..={max})", b.keyword()),
                    );
                }
                true
            }
            (ConstKind::Int(_) | ConstKind::Double(_), BaseType::Double) => true,
            (ConstKind::String(_), BaseType::String | BaseType::Binary) => true,
            (ConstKind::String(s), BaseType::Uuid) => {
                if parse_uuid(s).is_none() {
                    self.error(
                        value,
                        format!("{s:?} is not a uuid: expected 8-4-4-4-12 hex digits, optionally in braces"),
                    );
                }
                true
            }
            _ => false,
        };
        if !ok {
            self.mismatch(ty, value);
        }
    }
}

/// Moves every span of a referenced value to the reference, so errors point where the
/// user used it.
fn retarget_spans(v: &mut ConstValue, span: crate::ast::Span) {
    v.span = span;
    match &mut v.kind {
        ConstKind::List(items) => items.iter_mut().for_each(|i| retarget_spans(i, span)),
        ConstKind::Map(items) => items.iter_mut().for_each(|(k, x)| {
            retarget_spans(k, span);
            retarget_spans(x, span);
        }),
        _ => {}
    }
}

/// `00112233-4455-6677-8899-aabbccddeeff`, optionally in braces, to its 16 bytes.
pub(crate) fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    let t = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(text);
    let groups: Vec<&str> = t.split('-').collect();
    if groups.iter().map(|g| g.len()).collect::<Vec<_>>() != [8, 4, 4, 4, 12] {
        return None;
    }
    let hex: String = groups.concat();
    let mut out = [0u8; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}
