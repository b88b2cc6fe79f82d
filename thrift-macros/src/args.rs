//! What the macros take: the IDL (a path, inline text, or `include_str!(path)`), then options
//! `include_dirs = ["dir", ...]` and `crate = "::path"`.

use proc_macro2::TokenStream;
use syn::LitStr;
use syn::parse::{Parse, ParseStream};

/// Where the IDL comes from.
pub(crate) enum Source {
    /// `thrift_include!("path")`: relative to `Cargo.toml`'s directory.
    Manifest(LitStr),
    /// `thrift!(include_str!("path"))`: relative to the invoking file.
    IncludeStr(LitStr),
    /// `thrift!("...IDL...")`.
    Inline(LitStr),
}

pub(crate) struct Args {
    pub(crate) source: Source,
    /// Apache's `-I`, relative to `Cargo.toml`'s directory.
    pub(crate) include_dirs: Vec<LitStr>,
    /// The runtime's path, for a renamed dependency.
    pub(crate) krate: Option<TokenStream>,
}

impl Args {
    /// `thrift_include!`'s arguments.
    pub(crate) fn parse_include(input: ParseStream<'_>) -> syn::Result<Args> {
        let path: LitStr = input.parse()?;
        Args::options(input, Source::Manifest(path))
    }

    /// `thrift!`'s arguments.
    pub(crate) fn parse_inline(input: ParseStream<'_>) -> syn::Result<Args> {
        let source = if input.peek(LitStr) {
            Source::Inline(input.parse()?)
        } else {
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
            Source::IncludeStr(path)
        };
        Args::options(input, source)
    }

    fn options(input: ParseStream<'_>, source: Source) -> syn::Result<Args> {
        let mut args = Args {
            source,
            include_dirs: Vec::new(),
            krate: None,
        };
        while input.parse::<Option<syn::Token![,]>>()?.is_some() && !input.is_empty() {
            if input.peek(syn::Token![crate]) {
                input.parse::<syn::Token![crate]>()?;
                input.parse::<syn::Token![=]>()?;
                let path: LitStr = input.parse()?;
                let tokens: TokenStream = path.value().parse().map_err(|_| {
                    syn::Error::new(path.span(), "expected a path, e.g. \"::my_thrift\"")
                })?;
                args.krate = Some(tokens);
                continue;
            }
            let key: syn::Ident = input.parse()?;
            if key != "include_dirs" {
                return Err(syn::Error::new(
                    key.span(),
                    "unknown option; expected `include_dirs = [\"dir\", ...]` or `crate = \"::path\"`",
                ));
            }
            input.parse::<syn::Token![=]>()?;
            let content;
            syn::bracketed!(content in input);
            args.include_dirs
                .extend(content.parse_terminated(<LitStr as Parse>::parse, syn::Token![,])?);
        }
        Ok(args)
    }
}
