//! IDL names to Rust names: CamelCase types, snake_case fields and methods, SHOUTY consts,
//! Rust keywords escaped (`r#type`; a `_` suffix where a raw identifier is not allowed).

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Words that cannot be raw identifiers: they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// The Rust spelling of a name, keywords escaped.
pub(crate) fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        Ident::new(&format!("_{name}"), Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The name as written in the generated code (without `r#`), for collision checks.
pub(crate) fn type_name(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    if camel.is_empty() {
        format!("_{name}")
    } else {
        camel
    }
}

/// A field, method or module name.
pub(crate) fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// A const or enum value name.
pub(crate) fn shouty(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// A union variant name.
pub(crate) fn variant(name: &str) -> String {
    type_name(name)
}
