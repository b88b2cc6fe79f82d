//! Helpers shared by the integration tests: resolve in-memory files, list errors as
//! `path:line:col: message`.

#![allow(dead_code, reason = "each test file uses a different subset")]

use thrift_codegen::resolve::resolve_all;
use thrift_codegen::{MemoryLoader, Program, ResolveOptions};

/// Resolves `files[0]` with the rest available to include.
pub(crate) fn program(files: &[(&str, &str)]) -> (Program, Vec<String>) {
    let mut loader = MemoryLoader::new();
    for (path, text) in files {
        loader.insert(path, *text);
    }
    let (program, diags) = resolve_all(files[0].0, &ResolveOptions::default(), &mut loader);
    let errors = diags
        .iter()
        .map(|d| format!("{}: {}", d.location(&program.sources), d.message))
        .collect();
    (program, errors)
}

/// Resolves one file that must be free of errors.
pub(crate) fn ok(text: &str) -> Program {
    let (program, errors) = program(&[("t.thrift", text)]);
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    program
}

/// The errors of one file, as `t.thrift:line:col: message`.
pub(crate) fn errors(text: &str) -> Vec<String> {
    program(&[("t.thrift", text)]).1
}

/// Asserts that exactly the given errors are reported, in order.
#[track_caller]
pub(crate) fn assert_errors(text: &str, expected: &[&str]) {
    let got = errors(text);
    assert_eq!(got, expected, "for IDL:\n{text}");
}
