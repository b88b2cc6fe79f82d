//! Resolved program to Rust tokens: one item per IDL definition, each included file in a
//! module named after its file stem, every value with a `Thrift` impl.
//!
//! Generated code is hygienic: the runtime by absolute path (`::thrift_runtime` unless told
//! otherwise), `std` items by `::std::...`, locals `__`-prefixed, so an IDL that defines its
//! own `Result`, `Option` or `String` still compiles. References between files are relative
//! (`super::shared::Thing`), so the whole expansion can sit in any module.

mod consts;
mod items;
mod names;
mod services;
mod types;
mod wire;

use crate::ast::{DefId, Definition, FileId, Span};
use crate::diagnostic::Diagnostic;
use crate::resolve::Program;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::HashMap;

/// How to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// The path of the runtime crate in generated code (`::thrift_runtime` by default; set
    /// it when the dependency is renamed).
    pub runtime: TokenStream,
    /// Derive serde's `Serialize` and `Deserialize` (through the runtime's re-export, so the
    /// user's crate needs no serde dependency of its own).
    pub serde: bool,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            runtime: quote!(::thrift_runtime),
            serde: false,
        }
    }
}

/// Generates Rust for `program`: the root file's items, then one `pub mod` per included file.
/// Names that would collide in Rust are reported as diagnostics; what can be generated still is.
///
/// ```
/// use thrift_codegen::{MemoryLoader, ResolveOptions, resolve, generate, GenOptions};
/// let mut files = MemoryLoader::new();
/// files.insert("t.thrift", "struct Point { 1: i32 x, 2: i32 y }");
/// let program = resolve("t.thrift", &ResolveOptions::default(), &mut files).unwrap();
/// let (tokens, errors) = generate(&program, &GenOptions::default());
/// assert!(errors.is_empty());
/// assert!(tokens.to_string().contains("pub struct Point"));
/// ```
pub fn generate(program: &Program, options: &GenOptions) -> (TokenStream, Vec<Diagnostic>) {
    let modules = module_names(program);
    let caps = types::struct_caps(program);
    let mut diags = Vec::new();
    let mut out = TokenStream::new();
    for f in 0..program.files.len() {
        let file = FileId(f as u32);
        let expander = Gen {
            program,
            file,
            rt: options.runtime.clone(),
            serde: options.serde,
            modules: &modules,
            caps: &caps,
        };
        let items = expander.file_items(&mut diags);
        match &modules[f] {
            None => out.extend(items),
            Some(m) => {
                let doc = format!(" Generated from `{}`.", program.sources[f].display);
                out.extend(quote! {
                    #[doc = #doc]
                    #[allow(non_camel_case_types, non_snake_case, clippy::all, unused_imports)]
                    pub mod #m { #items }
                });
            }
        }
    }
    // Everything goes in one module, re-exported: the paths between files (`self::shared::X`,
    // `super::Root`) then mean the same wherever the macro is invoked, a function body too.
    let wrapper = wrapper_name(program);
    let out = quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types, non_snake_case, clippy::all)]
        mod #wrapper { #out }
        #[doc(inline)]
        pub use #wrapper::*;
    };
    (out, diags)
}

/// `__thrift_<stem>_<hash of the root path>`: unique per IDL file, stable across builds.
fn wrapper_name(program: &Program) -> Ident {
    let root = program.root_file();
    // FNV-1a: small, and the same on every machine.
    let mut h: u32 = 0x811c_9dc5;
    for b in program.sources[program.root.0 as usize].display.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format_ident!(
        "__thrift_{}_{:08x}",
        names::snake(&root.module).trim_start_matches("r#"),
        h
    )
}

/// Generated tokens as formatted Rust source (what `thrift-rs gen` prints).
///
/// ```
/// let code = thrift_codegen::expand::pretty(quote::quote!(pub struct A;)).unwrap();
/// assert_eq!(code, "pub struct A;\n");
/// ```
#[cfg(feature = "cli")]
pub fn pretty(tokens: TokenStream) -> Result<String, String> {
    syn::parse2::<syn::File>(tokens)
        .map(|file| prettyplease::unparse(&file))
        .map_err(|e| format!("generated code does not parse: {e}"))
}

/// The module of each file: `None` for the root, the snake-cased stem otherwise, with a
/// numeric suffix when two files share a stem.
fn module_names(program: &Program) -> Vec<Option<Ident>> {
    let mut used: HashMap<String, u32> = HashMap::new();
    program
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if FileId(i as u32) == program.root {
                return None;
            }
            let base = names::snake(&f.module);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let name = if *n == 1 { base } else { format!("{base}_{n}") };
            Some(names::ident(&name))
        })
        .collect()
}

/// Generation state for one file.
pub(crate) struct Gen<'a> {
    pub(crate) program: &'a Program,
    pub(crate) file: FileId,
    pub(crate) rt: TokenStream,
    serde: bool,
    modules: &'a [Option<Ident>],
    pub(crate) caps: &'a HashMap<DefId, types::Caps>,
}

impl Gen<'_> {
    /// The path from this file's module to the module of `file`.
    pub(crate) fn module_path(&self, file: FileId) -> TokenStream {
        if file == self.file {
            return quote!();
        }
        let here_is_root = self.modules[self.file.0 as usize].is_none();
        match (&self.modules[file.0 as usize], here_is_root) {
            (None, _) => quote!(super::),
            (Some(m), true) => quote!(self::#m::),
            (Some(m), false) => quote!(super::#m::),
        }
    }

    /// The path to a definition's Rust item.
    pub(crate) fn def_path(&self, id: DefId) -> TokenStream {
        let module = self.module_path(id.file);
        let name = self.item_ident(self.program.definition(id));
        quote!(#module #name)
    }

    /// The Rust name of a definition's item.
    pub(crate) fn item_ident(&self, def: &Definition) -> Ident {
        match def {
            Definition::Const(c) => names::ident(&names::shouty(&c.name.name)),
            other => names::ident(&names::type_name(&other.name().name)),
        }
    }

    pub(crate) fn error(&self, span: Span, message: String) -> Diagnostic {
        Diagnostic::error(span, message).in_file(self.file)
    }

    fn file_items(&self, diags: &mut Vec<Diagnostic>) -> TokenStream {
        let defs = &self.program.files[self.file.0 as usize]
            .document
            .definitions;
        // Two definitions whose Rust names collide (`struct foo` and `struct Foo`).
        let mut seen: HashMap<String, &Definition> = HashMap::new();
        let mut out = TokenStream::new();
        for (i, def) in defs.iter().enumerate() {
            let rust = self.item_ident(def).to_string();
            if let Some(first) = seen.get(&rust) {
                diags.push(self.error(
                    def.name().span,
                    format!(
                        "`{}` and `{}` both become `{rust}` in Rust",
                        first.name().name,
                        def.name().name
                    ),
                ));
                continue;
            }
            seen.insert(rust, def);
            let id = DefId {
                file: self.file,
                index: i as u32,
            };
            out.extend(self.definition(id, def, diags));
        }
        out
    }
}

/// `#[doc = ...]` lines for an IDL doc comment. Indentation is dropped so that rustdoc does
/// not take an indented IDL paragraph for a Rust code block and run it as a doctest.
pub(crate) fn doc_attrs(doc: Option<&str>, fallback: impl FnOnce() -> String) -> TokenStream {
    let fallback_text;
    let doc = match doc {
        Some(d) => d,
        // Undocumented IDL still gets a line of rustdoc, so `missing_docs` stays quiet and
        // the docs say where the item came from.
        None => {
            fallback_text = fallback();
            &fallback_text
        }
    };
    let fenced = doc.contains("```");
    let mut lines: Vec<String> = doc.lines().map(|l| format!(" {}", l.trim())).collect();
    if fenced {
        lines = lines.into_iter().map(|l| l.replace("```", "'''")).collect();
        lines.insert(0, " ```text".to_string());
        lines.push(" ```".to_string());
    }
    quote!(#(#[doc = #lines])*)
}

impl Gen<'_> {
    /// serde's derives, when asked for; `transparent` for an enum's i32 newtype.
    pub(crate) fn serde_attrs(&self, transparent: bool) -> TokenStream {
        if !self.serde {
            return quote!();
        }
        let rt = &self.rt;
        let krate = format!("{}::__private::serde", rt.to_string().replace(' ', ""));
        let t = if transparent {
            quote!(, transparent)
        } else {
            quote!()
        };
        quote! {
            #[derive(#rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
            #[serde(crate = #krate #t)]
        }
    }

    /// Whether field `f` is held in an `Option` (see [`types::is_option`]).
    pub(crate) fn is_option(&self, f: &crate::ast::Field) -> bool {
        types::is_option(f, types::type_caps(self.program, self.caps, &f.ty))
    }
}

pub(crate) fn local(prefix: &str, name: &str) -> Ident {
    format_ident!(
        "__{}_{}",
        prefix,
        names::snake(name).trim_start_matches("r#")
    )
}
