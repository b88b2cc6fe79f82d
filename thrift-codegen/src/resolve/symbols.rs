//! Name tables and lookups: which definition a type, `extends` or constant name refers to.
//!
//! Apache's scoping: a bare name is a definition of the same file; `alias.Name` is a
//! definition of the file included as `alias`; constants may also be `Enum.VALUE` and
//! `alias.Enum.VALUE`, where `Enum` may be a typedef of an enum.

use super::Program;
use crate::diagnostic::Diagnostic;
use crate::parse::ast::{
    ConstKind, ConstTarget, ConstValue, DefId, Definition, Document, FileId, Ident, NamedRef, Type,
    TypeKind,
};
use std::collections::HashMap;

/// Every file's definitions and include aliases, by name.
pub(super) struct Symbols {
    files: Vec<FileSymbols>,
}

struct FileSymbols {
    defs: HashMap<String, u32>,
    includes: HashMap<String, FileId>,
    module: String,
}

/// What a name was looked up as.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Type,
    Service,
}

impl Symbols {
    pub(super) fn build(program: &Program, diags: &mut Vec<Diagnostic>) -> Symbols {
        let files = program
            .files
            .iter()
            .enumerate()
            .map(|(f, file)| {
                let mut defs: HashMap<String, u32> = HashMap::new();
                for (i, def) in file.document.definitions.iter().enumerate() {
                    let name = def.name();
                    if let Some(&first) = defs.get(&name.name) {
                        let prev = &file.document.definitions[first as usize];
                        diags.push(
                            Diagnostic::error(
                                name.span,
                                format!("`{}` is defined twice in this file", name.name),
                            )
                            .in_file(FileId(f as u32))
                            .note(format!(
                                "the first definition, a {}, is at {}",
                                prev.kind_name(),
                                program.location(FileId(f as u32), prev.name().span)
                            )),
                        );
                    } else {
                        defs.insert(name.name.clone(), i as u32);
                    }
                }
                FileSymbols {
                    defs,
                    includes: file
                        .includes
                        .iter()
                        .map(|e| (e.alias.clone(), e.file))
                        .collect(),
                    module: file.module.clone(),
                }
            })
            .collect();
        Symbols { files }
    }

    /// `name` as a definition seen from `file`: local, or `alias.Name`.
    fn lookup(&self, file: FileId, name: &str) -> Result<DefId, String> {
        let here = &self.files[file.0 as usize];
        if let Some(&index) = here.defs.get(name) {
            return Ok(DefId { file, index });
        }
        let Some((alias, rest)) = name.split_once('.') else {
            return Err(self.not_found_hint(file, name));
        };
        let target = match here.includes.get(alias) {
            Some(&t) => t,
            // A file may name its own definitions with its own module prefix.
            None if alias == here.module => file,
            None => {
                return Err(format!(
                    "no included file is named `{alias}`{}",
                    self.includes_note(file)
                ));
            }
        };
        match self.files[target.0 as usize].defs.get(rest) {
            Some(&index) => Ok(DefId {
                file: target,
                index,
            }),
            None => Err(format!("`{alias}` has no definition named `{rest}`")),
        }
    }

    fn includes_note(&self, file: FileId) -> String {
        let mut names: Vec<&str> = self.files[file.0 as usize]
            .includes
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        if names.is_empty() {
            " (this file includes nothing)".to_string()
        } else {
            format!(" (this file includes: {})", names.join(", "))
        }
    }

    /// For an unknown bare name: point at an included file that has it.
    fn not_found_hint(&self, file: FileId, name: &str) -> String {
        let mut aliases: Vec<&String> = self.files[file.0 as usize]
            .includes
            .iter()
            .filter(|(_, f)| self.files[f.0 as usize].defs.contains_key(name))
            .map(|(a, _)| a)
            .collect();
        aliases.sort();
        match aliases.first() {
            Some(a) => format!("names from included files take their file's name: `{a}.{name}`"),
            None => String::new(),
        }
    }

    fn resolve_ref(
        &self,
        program_kinds: &[Vec<&'static str>],
        file: FileId,
        r: &mut NamedRef,
        want: Want,
        diags: &mut Vec<Diagnostic>,
    ) {
        let what = match want {
            Want::Type => "type",
            Want::Service => "service",
        };
        match self.lookup(file, &r.name.name) {
            Ok(id) => {
                let kind = program_kinds[id.file.0 as usize][id.index as usize];
                let ok = match want {
                    Want::Type => !matches!(kind, "const" | "service"),
                    Want::Service => kind == "service",
                };
                if ok {
                    r.target = Some(id);
                } else {
                    diags.push(
                        Diagnostic::error(
                            r.name.span,
                            format!("`{}` is a {kind}, not a {what}", r.name.name),
                        )
                        .in_file(file),
                    );
                }
            }
            Err(hint) => {
                let mut d =
                    Diagnostic::error(r.name.span, format!("unknown {what} `{}`", r.name.name))
                        .in_file(file);
                if !hint.is_empty() {
                    d = d.note(hint);
                }
                diags.push(d);
            }
        }
    }

    /// Sets the target of every named type and every `extends`.
    pub(super) fn resolve_types(&self, program: &mut Program, diags: &mut Vec<Diagnostic>) {
        let kinds: Vec<Vec<&'static str>> = program
            .files
            .iter()
            .map(|f| {
                f.document
                    .definitions
                    .iter()
                    .map(Definition::kind_name)
                    .collect()
            })
            .collect();
        for (f, file) in program.files.iter_mut().enumerate() {
            let file_id = FileId(f as u32);
            for_each_type_mut(&mut file.document, &mut |ty| {
                if let TypeKind::Named(r) = &mut ty.kind {
                    self.resolve_ref(&kinds, file_id, r, Want::Type, diags);
                }
            });
            for def in &mut file.document.definitions {
                if let Definition::Service(s) = def
                    && let Some(parent) = &mut s.extends
                {
                    self.resolve_ref(&kinds, file_id, parent, Want::Service, diags);
                }
            }
        }
    }

    /// Sets the target of every identifier in a constant value (consts and field defaults).
    pub(super) fn resolve_consts(&self, program: &mut Program, diags: &mut Vec<Diagnostic>) {
        let mut found: HashMap<(FileId, u32), ConstTarget> = HashMap::new();
        for (f, file) in program.files.iter().enumerate() {
            let file_id = FileId(f as u32);
            for_each_const_value(&file.document, &mut |name| match self
                .lookup_const(program, file_id, &name.name)
            {
                Ok(t) => {
                    found.insert((file_id, name.span.start), t);
                }
                Err(hint) => {
                    let mut d =
                        Diagnostic::error(name.span, format!("unknown constant `{}`", name.name))
                            .in_file(file_id);
                    if !hint.is_empty() {
                        d = d.note(hint);
                    }
                    diags.push(d);
                }
            });
        }
        for (f, file) in program.files.iter_mut().enumerate() {
            let file_id = FileId(f as u32);
            for_each_const_value_mut(&mut file.document, &mut |v| {
                if let ConstKind::Ident { name, target } = &mut v.kind {
                    *target = found.get(&(file_id, name.span.start)).copied();
                }
            });
        }
    }

    fn lookup_const(
        &self,
        program: &Program,
        file: FileId,
        name: &str,
    ) -> Result<ConstTarget, String> {
        // `C`, `alias.C`: a const.
        if let Ok(id) = self.lookup(file, name)
            && let Definition::Const(_) = program.definition(id)
        {
            return Ok(ConstTarget::Const(id));
        }
        // `Enum.V`, `alias.Enum.V`: an enum (or a typedef of one) and one of its values.
        if let Some((ty, value)) = name.rsplit_once('.')
            && let Ok(id) = self.lookup(file, ty)
        {
            let enum_id = match program.definition(id) {
                Definition::Typedef(td) => program.named_target(&td.ty),
                Definition::Enum(_) => Some(id),
                _ => None,
            };
            if let Some(enum_id) = enum_id
                && let Definition::Enum(e) = program.definition(enum_id)
            {
                return match e.values.iter().position(|v| v.name.name == value) {
                    Some(i) => Ok(ConstTarget::EnumValue(enum_id, i as u32)),
                    None => Err(format!("enum `{}` has no value `{value}`", e.name.name)),
                };
            }
        }
        // A bare enum value name: Apache rejects it, and so do we, but say how to write it.
        for (_, def) in program.definitions() {
            if let Definition::Enum(e) = def
                && e.values.iter().any(|v| v.name.name == name)
            {
                return Err(format!(
                    "enum values are written with their enum's name: `{}.{name}`",
                    e.name.name
                ));
            }
        }
        Err(String::new())
    }
}

/// Calls `f` on every type written in `doc`, outermost first, containers' elements too.
pub(super) fn for_each_type_mut(doc: &mut Document, f: &mut dyn FnMut(&mut Type)) {
    fn walk(ty: &mut Type, f: &mut dyn FnMut(&mut Type)) {
        f(ty);
        match &mut ty.kind {
            TypeKind::List(t) | TypeKind::Set(t) => walk(t, f),
            TypeKind::Map(k, v) => {
                walk(k, f);
                walk(v, f);
            }
            TypeKind::Base(_) | TypeKind::Named(_) => {}
        }
    }
    for def in &mut doc.definitions {
        match def {
            Definition::Const(c) => walk(&mut c.ty, f),
            Definition::Typedef(t) => walk(&mut t.ty, f),
            Definition::Struct(s) => s.fields.iter_mut().for_each(|x| walk(&mut x.ty, f)),
            Definition::Service(s) => {
                for func in &mut s.functions {
                    if let Some(r) = &mut func.returns {
                        walk(r, f);
                    }
                    func.args.iter_mut().for_each(|x| walk(&mut x.ty, f));
                    for x in func.throws.iter_mut().flatten() {
                        walk(&mut x.ty, f);
                    }
                }
            }
            Definition::Enum(_) | Definition::Senum(_) => {}
        }
    }
}

/// Calls `f` on every identifier inside every constant value of `doc`.
fn for_each_const_value(doc: &Document, f: &mut dyn FnMut(&Ident)) {
    fn walk(v: &ConstValue, f: &mut dyn FnMut(&Ident)) {
        match &v.kind {
            ConstKind::Ident { name, .. } => f(name),
            ConstKind::List(items) => items.iter().for_each(|i| walk(i, f)),
            ConstKind::Map(items) => items.iter().for_each(|(k, v)| {
                walk(k, f);
                walk(v, f);
            }),
            _ => {}
        }
    }
    for_each_top_value(doc, &mut |v| walk(v, f));
}

fn for_each_const_value_mut(doc: &mut Document, f: &mut dyn FnMut(&mut ConstValue)) {
    fn walk(v: &mut ConstValue, f: &mut dyn FnMut(&mut ConstValue)) {
        f(v);
        match &mut v.kind {
            ConstKind::List(items) => items.iter_mut().for_each(|i| walk(i, f)),
            ConstKind::Map(items) => items.iter_mut().for_each(|(k, v)| {
                walk(k, f);
                walk(v, f);
            }),
            _ => {}
        }
    }
    for def in &mut doc.definitions {
        match def {
            Definition::Const(c) => walk(&mut c.value, f),
            Definition::Struct(s) => s
                .fields
                .iter_mut()
                .filter_map(|x| x.default.as_mut())
                .for_each(|v| walk(v, f)),
            Definition::Service(s) => {
                for func in &mut s.functions {
                    func.args
                        .iter_mut()
                        .filter_map(|x| x.default.as_mut())
                        .for_each(|v| walk(v, f));
                }
            }
            _ => {}
        }
    }
}

/// Calls `f` on each const's value and each field default (not their insides).
fn for_each_top_value(doc: &Document, f: &mut dyn FnMut(&ConstValue)) {
    for def in &doc.definitions {
        match def {
            Definition::Const(c) => f(&c.value),
            Definition::Struct(s) => s
                .fields
                .iter()
                .filter_map(|x| x.default.as_ref())
                .for_each(&mut *f),
            Definition::Service(s) => {
                for func in &s.functions {
                    func.args
                        .iter()
                        .filter_map(|x| x.default.as_ref())
                        .for_each(&mut *f);
                }
            }
            _ => {}
        }
    }
}
