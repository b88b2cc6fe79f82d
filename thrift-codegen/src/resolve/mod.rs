//! Syntax trees to a resolved program: the include closure, every name looked up, every
//! check a user expects from a Thrift compiler, and the marks the code generator needs.
//!
//! The passes, in order: load the closure (`load`), index names (`symbols`), resolve type
//! and constant references, compute field ids and enum values and check definitions
//! (`check`), type-check constant values (`consts`), find recursive fields (`recursion`). Each pass reports what it finds and goes on, so one run lists every error.

mod check;
mod consts;
mod load;
mod recursion;
mod symbols;

pub(crate) use consts::parse_uuid;
pub use load::{FsLoader, Loader, MemoryLoader};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::parse::ast::{
    ConstTarget, DefId, Definition, Document, FileId, Span, StructKind, Type, TypeKind,
};
use std::fmt;
use std::path::{Path, PathBuf};

/// How to find and show files.
#[derive(Debug, Clone, Default)]
pub struct ResolveOptions {
    /// Directories searched for `include "x.thrift"` after the including file's own
    /// directory, in order (Apache's `-I`).
    pub include_dirs: Vec<PathBuf>,
    /// Paths in messages are shown relative to this directory where they lie below it.
    pub display_base: Option<PathBuf>,
}

/// A resolved IDL file and everything it includes.
#[derive(Debug, Clone, Default)]
pub struct Program {
    /// Every file of the closure; the root is `files[root]`.
    pub files: Vec<ProgramFile>,
    /// The text of each file, same index as `files`, for messages.
    pub sources: Vec<SourceFile>,
    /// The file that was asked for.
    pub root: FileId,
}

/// One file of a program.
#[derive(Debug, Clone)]
pub struct ProgramFile {
    /// The canonical path.
    pub path: PathBuf,
    /// The file stem: the name other files use for it (`shared` in `shared.Thing`).
    pub module: String,
    /// The syntax tree, with resolved references.
    pub document: Document,
    /// What this file includes, under which alias.
    pub includes: Vec<IncludeEdge>,
}

impl ProgramFile {
    fn empty(path: &Path, module: &str) -> ProgramFile {
        ProgramFile {
            path: path.to_path_buf(),
            module: module.to_string(),
            document: Document::default(),
            includes: Vec::new(),
        }
    }
}

/// `include "path"`, resolved.
#[derive(Debug, Clone)]
pub struct IncludeEdge {
    /// The stem of the written path: how the including file refers to the included one.
    pub alias: String,
    /// The included file.
    pub file: FileId,
    /// The path literal in the including file.
    pub span: Span,
}

/// Resolution failed: every diagnostic, and the sources to render them against.
#[derive(Debug, Clone)]
pub struct Errors {
    /// The problems, in file and position order.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for rendering.
    pub sources: Vec<SourceFile>,
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            f.write_str(&d.render(&self.sources))?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Reads `root` and its includes through `loader`, and resolves them.
///
/// ```
/// use thrift_codegen::{MemoryLoader, ResolveOptions, resolve};
/// let mut files = MemoryLoader::new();
/// files.insert("bad.thrift", "struct S { 1: Missing m }");
/// let err = resolve("bad.thrift", &ResolveOptions::default(), &mut files).unwrap_err();
/// assert!(err.to_string().starts_with("bad.thrift:1:15: error: unknown type `Missing`"));
/// ```
pub fn resolve(
    root: impl AsRef<Path>,
    options: &ResolveOptions,
    loader: &mut dyn Loader,
) -> Result<Program, Errors> {
    let (program, diagnostics) = resolve_all(root, options, loader);
    if diagnostics.is_empty() {
        Ok(program)
    } else {
        Err(Errors {
            diagnostics,
            sources: program.sources,
        })
    }
}

/// Like [`resolve`], but always returns the program (as far as it could be resolved) beside
/// the diagnostics, so a caller can still generate what is sound.
pub fn resolve_all(
    root: impl AsRef<Path>,
    options: &ResolveOptions,
    loader: &mut dyn Loader,
) -> (Program, Vec<Diagnostic>) {
    let mut program = Program::default();
    let mut diags = Vec::new();
    load::load_closure(root.as_ref(), options, loader, &mut program, &mut diags);
    let symbols = symbols::Symbols::build(&program, &mut diags);
    symbols.resolve_types(&mut program, &mut diags);
    check::check_typedef_cycles(&program, &mut diags);
    symbols.resolve_consts(&mut program, &mut diags);
    check::check_definitions(&mut program, &mut diags);
    consts::check_values(&program, &mut diags);
    recursion::mark_recursive_fields(&mut program);
    diags.sort_by_key(|d| (d.file, d.span.start, d.span.end));
    diags.dedup();
    (program, diags)
}

/// Where a typedef chain ends, at most this many links down (deeper means a cycle).
const MAX_TYPEDEF_CHAIN: usize = 64;

impl Program {
    /// The definition `id` names.
    pub fn definition(&self, id: DefId) -> &Definition {
        &self.files[id.file.0 as usize].document.definitions[id.index as usize]
    }

    /// The root file.
    pub fn root_file(&self) -> &ProgramFile {
        &self.files[self.root.0 as usize]
    }

    /// The definitions of every file, with their ids.
    pub fn definitions(&self) -> impl Iterator<Item = (DefId, &Definition)> {
        self.files.iter().enumerate().flat_map(|(f, file)| {
            file.document
                .definitions
                .iter()
                .enumerate()
                .map(move |(i, d)| {
                    let id = DefId {
                        file: FileId(f as u32),
                        index: i as u32,
                    };
                    (id, d)
                })
        })
    }

    /// `ty` with typedefs followed to the type they stand for. Unresolved names and
    /// typedef cycles stop the walk where they are.
    pub fn underlying<'a>(&'a self, mut ty: &'a Type) -> &'a Type {
        for _ in 0..MAX_TYPEDEF_CHAIN {
            match &ty.kind {
                TypeKind::Named(n) => match n.target.map(|t| self.definition(t)) {
                    Some(Definition::Typedef(td)) => ty = &td.ty,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    /// The definition `ty` stands for after typedefs, if it names one.
    pub fn named_target(&self, ty: &Type) -> Option<DefId> {
        match &self.underlying(ty).kind {
            TypeKind::Named(n) => n.target,
            _ => None,
        }
    }

    /// The struct kind `ty` stands for, if it is a struct, union or exception.
    pub fn struct_kind(&self, ty: &Type) -> Option<StructKind> {
        match self.definition(self.named_target(ty)?) {
            Definition::Struct(s) => Some(s.kind),
            _ => None,
        }
    }

    /// The value a constant reference stands for, following const-to-const chains.
    pub fn const_target_value(&self, target: ConstTarget) -> Option<&crate::ast::ConstValue> {
        match target {
            ConstTarget::Const(id) => match self.definition(id) {
                Definition::Const(c) => Some(&c.value),
                _ => None,
            },
            ConstTarget::EnumValue(..) => None,
        }
    }

    /// `path:line:col` of `span` in `file`.
    pub fn location(&self, file: FileId, span: Span) -> String {
        Diagnostic::error(span, "")
            .in_file(file)
            .location(&self.sources)
    }
}
