//! The `thrift_include!` and `thrift!` macros: read IDL, hand it to `thrift-codegen`, turn its
//! diagnostics into compile errors. Use them through `thrift_runtime`, which re-exports them.
//!
//! They expand to a Rust item for every definition of the IDL (each included file in a module
//! named after its stem), `include_bytes!` of every file read so that cargo rebuilds when one
//! changes, or, for a wrong IDL, one compile error per problem naming `path:line:col` with the
//! line quoted. Clients and servers for services are not generated yet.

#![forbid(unsafe_code)]

mod args;

use args::{Args, Source};
use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use std::path::{Path, PathBuf};
use syn::parse::Parser as _;
use thrift_codegen::resolve::{Errors, resolve_all};
use thrift_codegen::{FsLoader, GenOptions, MemoryLoader, ResolveOptions, generate};

/// Generates Rust for the IDL file at a path relative to the crate's `Cargo.toml` directory,
/// and every file it includes. See `thrift_runtime::thrift_include!`.
#[proc_macro]
pub fn thrift_include(input: TokenStream) -> TokenStream {
    match Args::parse_include.parse(input) {
        Ok(args) => run(args).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// Generates Rust for IDL given inline (`thrift!(r#"..."#)`) or as
/// `thrift!(include_str!("path"))`, relative to the invoking file. See `thrift_runtime::thrift!`.
#[proc_macro]
pub fn thrift(input: TokenStream) -> TokenStream {
    match Args::parse_inline.parse(input) {
        Ok(args) => run(args).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
}

fn run(args: Args) -> proc_macro2::TokenStream {
    let manifest = manifest_dir();
    let options = ResolveOptions {
        include_dirs: args
            .include_dirs
            .iter()
            .map(|d| manifest.join(d.value()))
            .collect(),
        display_base: Some(manifest.clone()),
    };
    let gen_options = GenOptions {
        runtime: args
            .krate
            .clone()
            .unwrap_or_else(|| quote!(::thrift_runtime)),
        serde: cfg!(feature = "serde"),
    };
    let (path, base, relative_to) = match &args.source {
        Source::Inline(idl) => {
            let mut loader = MemoryLoader::new();
            loader.insert("<inline>.thrift", idl.value());
            let (program, diagnostics) = resolve_all("<inline>.thrift", &options, &mut loader);
            return expand(program, diagnostics, &gen_options, idl.span());
        }
        Source::Manifest(path) => (path, manifest, "the directory of Cargo.toml"),
        // As `include_str!` does: relative to the file the macro is invoked in. Where the
        // compiler cannot tell (rust-analyzer), the manifest directory stands in.
        Source::IncludeStr(path) => {
            let base = Span::call_site()
                .unwrap()
                .local_file()
                .and_then(|f| f.parent().map(Path::to_path_buf))
                .unwrap_or(manifest);
            (path, base, "the invoking source file")
        }
    };
    let full = base.join(path.value());
    if !full.is_file() {
        let message = format!(
            "cannot find IDL file `{}` (looked for {}; the path is relative to {relative_to})",
            path.value(),
            full.display()
        );
        return syn::Error::new(path.span(), message).to_compile_error();
    }
    let mut loader = FsLoader::default();
    let (program, diagnostics) = resolve_all(&full, &options, &mut loader);
    let tracked = loader.read.iter().map(|p| track(p));
    let items = expand(program, diagnostics, &gen_options, path.span());
    quote! {
        #items
        #(#tracked)*
    }
}

/// The generated items, or the compile errors. With errors nothing else is emitted: code for
/// a half-resolved IDL would add confusing errors of its own.
fn expand(
    program: thrift_codegen::Program,
    mut diagnostics: Vec<thrift_codegen::Diagnostic>,
    options: &GenOptions,
    span: Span,
) -> proc_macro2::TokenStream {
    if diagnostics.is_empty() {
        let (items, gen_errors) = generate(&program, options);
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
