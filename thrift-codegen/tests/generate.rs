//! What the generator refuses: Rust names that would collide, reported against the IDL.

use thrift_codegen::{GenOptions, MemoryLoader, ResolveOptions, generate, resolve};

fn gen_errors(idl: &str) -> Vec<String> {
    let mut files = MemoryLoader::new();
    files.insert("t.thrift", idl);
    let program = resolve("t.thrift", &ResolveOptions::default(), &mut files).unwrap();
    let (_, errors) = generate(&program, &GenOptions::default());
    errors
        .iter()
        .map(|d| format!("{}: {}", d.location(&program.sources), d.message))
        .collect()
}

#[test]
fn colliding_names() {
    assert_eq!(
        gen_errors("struct S { 1: i32 fooBar, 2: i32 foo_bar }"),
        ["t.thrift:1:34: fields `fooBar` and `foo_bar` of `S` both become `foo_bar` in Rust"]
    );
    assert_eq!(
        gen_errors("union U { 1: i32 a_b, 2: i32 aB }"),
        ["t.thrift:1:30: fields `a_b` and `aB` of union `U` both become `AB` in Rust"]
    );
    assert_eq!(
        gen_errors("enum E { a_b, A_B }"),
        ["t.thrift:1:15: values `a_b` and `A_B` of enum `E` both become `A_B` in Rust"]
    );
    assert_eq!(
        gen_errors("enum E { VALUES }"),
        ["t.thrift:1:10: enum value `VALUES` would collide with the generated `E::VALUES`"]
    );
}

#[test]
fn names_generated_for_a_service_collide_with_definitions() {
    assert_eq!(
        gen_errors("struct SvcClient {}\nstruct SvcGetArgs {}\nservice Svc { i32 get() }"),
        [
            "t.thrift:3:9: the `SvcClient` generated for service `Svc` collides with a definition of the same name",
            "t.thrift:3:19: the `SvcGetArgs` generated for service `Svc` collides with a definition of the same name",
        ]
    );
    assert_eq!(
        gen_errors("service Svc { void connect() }"),
        ["t.thrift:1:20: method `connect` would collide with the generated `SvcClient::connect`"]
    );
}
