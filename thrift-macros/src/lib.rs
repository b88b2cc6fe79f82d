//! The `thrift_include!` and `thrift!` macros: read IDL, hand it to `thrift-codegen`, turn its
//! diagnostics into compile errors. Use them through `thrift_runtime`, which re-exports them.
//!
//! They expand to a Rust item for every definition of the IDL (each included file in a module
//! named after its stem), `include_bytes!` of every file read so that cargo rebuilds when one
//! changes, or, for a wrong IDL, one compile error per problem naming `path:line:col` with the
//! line quoted. Clients and servers for services are not generated yet.

#![forbid(unsafe_code)]

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use std::path::{Path, PathBuf};
use syn::LitStr;
use thrift_codegen::resolve::{Errors, resolve_all};
use thrift_codegen::{FsLoader, GenOptions, MemoryLoader, Program, ResolveOptions, generate};

/// Checks the IDL file at a path relative to the crate's `Cargo.toml` directory, and every
/// file it includes. See `thrift_runtime::thrift_include!`.
#[proc_macro]
pub fn thrift_include(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as IncludeArgs);
    let dirs = args
        .include_dirs
        .iter()
        .map(|d| manifest_dir().join(d.value()))
        .collect();
    check_file(
        &manifest_dir(),
        &args.path,
        "the directory of Cargo.toml",
        dirs,
    )
    .into()
}

/// `"path.thrift"`, then optionally `, include_dirs = ["dir", ...]`.
struct IncludeArgs {
    path: LitStr,
    include_dirs: Vec<LitStr>,
}

impl syn::parse::Parse for IncludeArgs {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<IncludeArgs> {
        let path: LitStr = input.parse()?;
        let mut include_dirs = Vec::new();
        while input.parse::<Option<syn::Token![,]>>()?.is_some() && !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            if key != "include_dirs" {
                return Err(syn::Error::new(
                    key.span(),
                    "unknown option; expected `include_dirs = [\"dir\", ...]`",
                ));
            }
            input.parse::<syn::Token![=]>()?;
            let content;
            syn::bracketed!(content in input);
            let dirs =
                content.parse_terminated(<LitStr as syn::parse::Parse>::parse, syn::Token![,])?;
            include_dirs.extend(dirs);
        }
        Ok(IncludeArgs { path, include_dirs })
    }
}

/// Checks IDL given inline (`thrift!(r#"..."#)`) or as `thrift!(include_str!("path"))`, the
/// path relative to the invoking source file. See `thrift_runtime::thrift!`.
#[proc_macro]
pub fn thrift(input: TokenStream) -> TokenStream {
    let source = syn::parse_macro_input!(input as Source);
    match source {
        Source::Inline(idl) => {
            let mut loader = MemoryLoader::new();
            loader.insert("<inline>.thrift", idl.value());
            let (program, diagnostics) =
                resolve_all("<inline>.thrift", &ResolveOptions::default(), &mut loader);
            expand(program, diagnostics, idl.span()).into()
        }
        Source::IncludeStr(path) => {
            // As `include_str!` does: relative to the file the macro is invoked in. Where the
            // compiler cannot tell (rust-analyzer), the manifest directory stands in.
            let manifest_dir = manifest_dir();
            let base = Span::call_site()
                .unwrap()
                .local_file()
                .and_then(|f| f.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| manifest_dir.clone());
            check_file(&base, &path, "the invoking source file", Vec::new()).into()
        }
    }
}

/// What `thrift!` was given.
enum Source {
    Inline(LitStr),
    IncludeStr(LitStr),
}

impl syn::parse::Parse for Source {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Source> {
        if input.peek(LitStr) {
            return Ok(Source::Inline(input.parse()?));
        }
        let name: syn::Ident = input.parse()?;
        if name != "include_str" {
            return Err(syn::Error::new(
                name.span(),
                "expected IDL as a string literal, or `include_str!(\"path.thrift\")`",
            ));
        }
        input.parse::<syn::Token![!]>()?;
        let content;
        syn::parenthesized!(content in input);
        let path: LitStr = content.parse()?;
        let _ = content.parse::<Option<syn::Token![,]>>()?;
        Ok(Source::IncludeStr(path))
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
}

/// Resolves `path` against `base`, checks the closure, tracks every file read.
fn check_file(
    base: &Path,
    path: &LitStr,
    relative_to: &str,
    include_dirs: Vec<PathBuf>,
) -> proc_macro2::TokenStream {
    let full = base.join(path.value());
    if !full.is_file() {
        let message = format!(
            "cannot find IDL file `{}` (looked for {}; the path is relative to {relative_to})",
            path.value(),
            full.display()
        );
        return syn::Error::new(path.span(), message).to_compile_error();
    }
    let options = ResolveOptions {
        include_dirs,
        display_base: Some(manifest_dir()),
    };
    let mut loader = FsLoader::default();
    let (program, diagnostics) = resolve_all(&full, &options, &mut loader);
    let tracked = loader.read.iter().map(|p| track(p));
    let items = expand(program, diagnostics, path.span());
    quote! {
        #items
        #(#tracked)*
    }
}

/// The generated items, or the compile errors. With errors nothing else is emitted: code for
/// a half-resolved IDL would add confusing errors of its own.
fn expand(
    program: Program,
    mut diagnostics: Vec<thrift_codegen::Diagnostic>,
    span: Span,
) -> proc_macro2::TokenStream {
    if diagnostics.is_empty() {
        let options = GenOptions {
            serde: cfg!(feature = "serde"),
            ..GenOptions::default()
        };
        let (items, gen_errors) = generate(&program, &options);
        if gen_errors.is_empty() {
            return items;
        }
        diagnostics = gen_errors;
    }
    compile_errors(
        Errors {
            diagnostics,
            sources: program.sources,
        },
        span,
    )
}

/// One `compile_error!` per diagnostic, all at the macro's argument: the message carries the
/// IDL position, which the compiler cannot point into.
fn compile_errors(errors: Errors, span: Span) -> proc_macro2::TokenStream {
    let mut all: Option<syn::Error> = None;
    for d in &errors.diagnostics {
        let e = syn::Error::new(span, d.render_for_compiler(&errors.sources).trim_end());
        match &mut all {
            Some(all) => all.combine(e),
            None => all = Some(e),
        }
    }
    all.map(|e| e.to_compile_error()).unwrap_or_default()
}

/// Makes the including crate depend on the file, so an edit to it recompiles.
fn track(path: &Path) -> proc_macro2::TokenStream {
    let p = path.display().to_string();
    quote! { const _: &[u8] = ::core::include_bytes!(#p); }
}
