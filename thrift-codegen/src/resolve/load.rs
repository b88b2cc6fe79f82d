//! The include closure: reading the root file and every file it includes, once each.
//!
//! Paths are looked up as Apache's compiler does: relative to the including file first,
//! then in each include directory in order. Two spellings of one file (`./a/../a/x.thrift`)
//! are one file, keyed by the loader's canonical path.

use super::{Program, ProgramFile, ResolveOptions};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::parse::{self, ast::FileId, ast::Span};
use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Where IDL text comes from: the file system, or memory in tests and in the `thrift!` macro.
pub trait Loader {
    /// The canonical identity of `path`, or `None` if there is no such file.
    fn canonicalize(&mut self, path: &Path) -> Option<PathBuf>;
    /// The text of the file at a canonical path.
    fn read(&mut self, path: &Path) -> io::Result<String>;
}

/// Reads files from disk.
///
/// ```
/// use thrift_codegen::{FsLoader, Loader};
/// let mut loader = FsLoader::default();
/// assert!(loader.canonicalize("no/such/file.thrift".as_ref()).is_none());
/// ```
#[derive(Debug, Default)]
pub struct FsLoader {
    /// Every file read, in order: the macro emits `include_bytes!` of each so cargo rebuilds.
    pub read: Vec<PathBuf>,
}

impl Loader for FsLoader {
    fn canonicalize(&mut self, path: &Path) -> Option<PathBuf> {
        if path.is_file() {
            std::fs::canonicalize(path).ok()
        } else {
            None
        }
    }

    fn read(&mut self, path: &Path) -> io::Result<String> {
        let bytes = std::fs::read(path)?;
        self.read.push(path.to_path_buf());
        String::from_utf8(bytes)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not UTF-8"))
    }
}

/// Files held in memory, keyed by path; `.` and `..` are normalized away.
///
/// ```
/// use thrift_codegen::{Loader, MemoryLoader};
/// let mut files = MemoryLoader::new();
/// files.insert("idl/a.thrift", "struct A {}");
/// assert!(files.canonicalize("idl/./b/../a.thrift".as_ref()).is_some());
/// ```
#[derive(Debug, Default, Clone)]
pub struct MemoryLoader {
    files: HashMap<PathBuf, String>,
}

impl MemoryLoader {
    /// An empty set of files.
    pub fn new() -> MemoryLoader {
        MemoryLoader::default()
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        self.files.insert(normalize(path.as_ref()), text.into());
    }
}

impl Loader for MemoryLoader {
    fn canonicalize(&mut self, path: &Path) -> Option<PathBuf> {
        let p = normalize(path);
        self.files.contains_key(&p).then_some(p)
    }

    fn read(&mut self, path: &Path) -> io::Result<String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads and parses the root and its whole include closure into `program`.
pub(super) fn load_closure(
    root: &Path,
    options: &ResolveOptions,
    loader: &mut dyn Loader,
    program: &mut Program,
    diags: &mut Vec<Diagnostic>,
) {
    let mut by_path: HashMap<PathBuf, FileId> = HashMap::new();
    let Some(canonical) = loader.canonicalize(root) else {
        program
            .sources
            .push(SourceFile::new(root.display().to_string(), ""));
        program.files.push(ProgramFile::empty(root, "<missing>"));
        diags.push(Diagnostic::error(Span::default(), "no such file"));
        return;
    };
    let root_id = add_file(canonical, options, loader, program, &mut by_path, diags);
    program.root = root_id;

    let mut next = 0;
    while next < program.files.len() {
        let id = FileId(next as u32);
        next += 1;
        let includes: Vec<(String, Span)> = program.files[id.0 as usize]
            .document
            .includes()
            .map(|i| (i.path.value.clone(), i.path.span))
            .collect();
        let dir = program.files[id.0 as usize]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for (written, span) in includes {
            let candidates: Vec<PathBuf> = std::iter::once(dir.join(&written))
                .chain(options.include_dirs.iter().map(|d| d.join(&written)))
                .collect();
            let found = candidates.iter().find_map(|c| loader.canonicalize(c));
            let Some(found) = found else {
                let looked: Vec<String> =
                    candidates.iter().map(|c| c.display().to_string()).collect();
                diags.push(
                    Diagnostic::error(span, format!("cannot find included file \"{written}\""))
                        .in_file(id)
                        .note(format!("looked for: {}", looked.join(", "))),
                );
                continue;
            };
            let target = match by_path.get(&found) {
                Some(&t) => t,
                None => add_file(found, options, loader, program, &mut by_path, diags),
            };
            let alias = Path::new(&written)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file = &mut program.files[id.0 as usize];
            if let Some(prev) = file.includes.iter().find(|i| i.alias == alias) {
                if prev.file != target {
                    diags.push(
                        Diagnostic::error(
                            span,
                            format!("two included files are both named `{alias}`: references to `{alias}.X` would be ambiguous"),
                        )
                        .in_file(id),
                    );
                }
                continue;
            }
            file.includes.push(super::IncludeEdge {
                alias,
                file: target,
                span,
            });
        }
    }
    report_cycles(program, diags);
}

fn add_file(
    canonical: PathBuf,
    options: &ResolveOptions,
    loader: &mut dyn Loader,
    program: &mut Program,
    by_path: &mut HashMap<PathBuf, FileId>,
    diags: &mut Vec<Diagnostic>,
) -> FileId {
    let id = FileId(program.files.len() as u32);
    by_path.insert(canonical.clone(), id);
    let display = display_path(&canonical, options.display_base.as_deref())
        .unwrap_or_else(|| canonical.display().to_string());
    let text = match loader.read(&canonical) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(Span::default(), format!("cannot read file: {e}")).in_file(id),
            );
            String::new()
        }
    };
    let (document, parse_diags) = parse::parse(&text, id);
    diags.extend(parse_diags);
    let module = canonical
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    program.sources.push(SourceFile::new(display, text));
    program.files.push(ProgramFile {
        path: canonical,
        module,
        document,
        includes: Vec::new(),
    });
    id
}

/// The path relative to `base` when it lies below it, so messages stay short and stable.
fn display_path(path: &Path, base: Option<&Path>) -> Option<String> {
    let base = base?;
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| normalize(base));
    path.strip_prefix(&base)
        .ok()
        .map(|p| p.display().to_string())
}

/// An include cycle is an error at the include that closes it, naming the whole loop.
fn report_cycles(program: &Program, diags: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let n = program.files.len();
    let mut state = vec![State::New; n];
    // Iterative DFS: (file, next include index). The stack is the current include chain.
    for start in 0..n {
        if state[start] != State::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::OnStack;
        while let Some(top) = stack.last_mut() {
            let file = top.0;
            let edges = &program.files[file].includes;
            if top.1 == edges.len() {
                state[file] = State::Done;
                stack.pop();
                continue;
            }
            let edge = &edges[top.1];
            top.1 += 1;
            let to = edge.file.0 as usize;
            match state[to] {
                State::New => {
                    state[to] = State::OnStack;
                    stack.push((to, 0));
                }
                State::OnStack => {
                    let from = stack.iter().position(|&(f, _)| f == to).unwrap_or(0);
                    let chain: Vec<&str> = stack[from..]
                        .iter()
                        .map(|&(f, _)| program.sources[f].display.as_str())
                        .chain(std::iter::once(program.sources[to].display.as_str()))
                        .collect();
                    diags.push(
                        Diagnostic::error(
                            edge.span,
                            format!("include cycle: {}", chain.join(" -> ")),
                        )
                        .in_file(FileId(file as u32)),
                    );
                }
                State::Done => {}
            }
        }
    }
}
