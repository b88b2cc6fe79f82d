//! The `thrift_include!` and `thrift!` macros: read IDL, hand it to `thrift-codegen`, turn its
//! diagnostics into compile errors. Use them through `thrift_runtime`, which re-exports them.
//!
//! What they expand to today: a compile-time check of the IDL and its whole include closure
//! (every error becomes a compile error naming `path:line:col`, with the line quoted), and
//! `include_bytes!` of every file read so that cargo rebuilds when one changes. Rust types,
//! clients and servers are not generated yet.

#![forbid(unsafe_code)]

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use std::path::{Path, PathBuf};
use syn::LitStr;
use thrift_codegen::resolve::{Errors, resolve_all};
use thrift_codegen::{FsLoader, MemoryLoader, ResolveOptions};

/// Checks the IDL file at a path relative to the crate's `Cargo.toml` directory, and every
/// file it includes. See `thrift_runtime::thrift_include!`.
#[proc_macro]
pub fn thrift_include(input: TokenStream) -> TokenStream {
    let path = syn::parse_macro_input!(input as LitStr);
    check_file(&manifest_dir(), &path, "the directory of Cargo.toml").into()
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
            let errors = Errors {
                diagnostics,
                sources: program.sources,
            };
            compile_errors(errors, idl.span()).into()
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
            check_file(&base, &path, "the invoking source file").into()
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
fn check_file(base: &Path, path: &LitStr, relative_to: &str) -> proc_macro2::TokenStream {
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
        include_dirs: Vec::new(),
        display_base: Some(manifest_dir()),
    };
    let mut loader = FsLoader::default();
    let (program, diagnostics) = resolve_all(&full, &options, &mut loader);
    let tracked = loader.read.iter().map(|p| track(p));
    let errors = compile_errors(
        Errors {
            diagnostics,
            sources: program.sources,
        },
        path.span(),
    );
    quote! {
        #errors
        #(#tracked)*
    }
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
