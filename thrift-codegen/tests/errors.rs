//! Every class of error: its message, and the `line:col` it points at.

mod common;

use common::{assert_errors, errors, program};
use thrift_codegen::{MemoryLoader, ResolveOptions, resolve};

#[test]
fn syntax_error_names_what_was_expected() {
    assert_errors(
        "struct S {\n  1: i32 a\n  2 i32 b\n}",
        &["t.thrift:3:5: expected `:`, found `i32`"],
    );
}

#[test]
fn every_syntax_error_is_reported_not_only_the_first() {
    let errs =
        errors("struct A { 1: i32 }\nstruct B { 1 i32 x }\nstruct C { 1: i32 ok }\nenum E { = }\n");
    assert_eq!(errs.len(), 3, "{errs:#?}");
    assert!(errs[0].starts_with("t.thrift:1:19: expected "), "{errs:#?}");
    assert!(
        errs[1].starts_with("t.thrift:2:14: expected `:`"),
        "{errs:#?}"
    );
    assert!(errs[2].starts_with("t.thrift:4:10: expected "), "{errs:#?}");
}

#[test]
fn unexpected_end_of_file() {
    let errs = errors("struct S {\n  1: i32 a");
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("t.thrift:2:11: unexpected end of file; expected"),
        "{errs:#?}"
    );
}

#[test]
fn lexical_errors() {
    assert_errors(
        "struct S { 1: i32 a $ }",
        &["t.thrift:1:21: unexpected character '$'"],
    );
    assert_errors(
        "const string S = \"abc",
        &["t.thrift:1:18: unterminated string: no closing quote before the end of the file"],
    );
    assert_errors(
        "struct S {}\n/* never closed",
        &["t.thrift:2:1: unterminated comment: `/*` has no closing `*/`"],
    );
    assert_errors(
        "const string S = \"a\\qb\"",
        &[
            "t.thrift:1:20: unknown escape `\\q` in string; expected one of \\n \\r \\t \\\\ \\\" \\'",
        ],
    );
    assert_errors(
        "const i64 BIG = 9223372036854775808",
        &["t.thrift:1:17: integer `9223372036854775808` does not fit in 64 bits"],
    );
}

#[test]
fn unknown_type() {
    assert_errors(
        "struct S {\n  1: Missing m\n}",
        &["t.thrift:2:6: unknown type `Missing`"],
    );
    assert_errors(
        "struct S { 1: list<map<string, Nope>> m }",
        &["t.thrift:1:32: unknown type `Nope`"],
    );
    assert_errors(
        "service S { Nope get() }",
        &["t.thrift:1:13: unknown type `Nope`"],
    );
}

#[test]
fn unknown_qualified_type() {
    let (_, errs) = program(&[
        (
            "main.thrift",
            "include \"other.thrift\"\nstruct S { 1: other.Nope a, 2: elsewhere.X b }",
        ),
        ("other.thrift", "struct Yes {}"),
    ]);
    assert_eq!(
        errs,
        [
            "main.thrift:2:15: unknown type `other.Nope`",
            "main.thrift:2:32: unknown type `elsewhere.X`",
        ]
    );
}

#[test]
fn name_of_an_included_file_without_its_prefix_gets_a_hint() {
    let mut files = MemoryLoader::new();
    files.insert(
        "main.thrift",
        "include \"shared.thrift\"\nstruct S { 1: Thing t }",
    );
    files.insert("shared.thrift", "struct Thing {}");
    let err = resolve("main.thrift", &ResolveOptions::default(), &mut files).unwrap_err();
    assert_eq!(
        err.to_string(),
        "main.thrift:2:15: error: unknown type `Thing`\n  |\n2 | struct S { 1: Thing t }\n  |               ^^^^^\n  = note: names from included files take their file's name: `shared.Thing`\n"
    );
}

#[test]
fn duplicate_definition() {
    let mut files = MemoryLoader::new();
    files.insert("t.thrift", "struct A {}\nenum A { X }\n");
    let err = resolve("t.thrift", &ResolveOptions::default(), &mut files).unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(d.location(&err.sources), "t.thrift:2:6");
    assert_eq!(d.message, "`A` is defined twice in this file");
    assert_eq!(
        d.notes,
        ["the first definition, a struct, is at t.thrift:1:8"]
    );
}

#[test]
fn duplicate_field_id_and_name() {
    assert_errors(
        "struct S {\n  1: i32 a,\n  1: i32 b,\n  2: i32 a\n}",
        &[
            "t.thrift:3:3: duplicate field id 1 in struct `S`: `a` and `b`",
            "t.thrift:4:10: duplicate field name `a` in struct `S` (ids 1 and 2)",
        ],
    );
    assert_errors(
        "exception E { 1: i32 a }\nservice S { void f(1: i32 x, 1: i32 y) throws (1: E e, 1: E f) }",
        &[
            "t.thrift:2:30: duplicate field id 1 in arguments of `f`: `x` and `y`",
            "t.thrift:2:56: duplicate field id 1 in throws of `f`: `e` and `f`",
        ],
    );
}

#[test]
fn field_id_out_of_range() {
    assert_errors(
        "struct S { 32768: i32 a }",
        &["t.thrift:1:12: field id 32768 is out of range: ids are 16-bit (-32768..=32767)"],
    );
}

#[test]
fn duplicate_enum_value_and_out_of_range_value() {
    assert_errors(
        "enum E {\n  A,\n  A,\n  B = 2147483648\n}",
        &[
            "t.thrift:3:3: enum `E` has two values named `A`",
            "t.thrift:4:7: enum value `B` = 2147483648 does not fit in an i32",
        ],
    );
}

#[test]
fn const_value_that_does_not_fit_its_type() {
    assert_errors(
        "const i8 X = 300\nconst i16 Y = -32769\nconst i32 Z = 2147483648\nconst bool B = 2",
        &[
            "t.thrift:1:14: 300 does not fit in i8 (-128..=127)",
            "t.thrift:2:15: -32769 does not fit in i16 (-32768..=32767)",
            "t.thrift:3:15: 2147483648 does not fit in i32 (-2147483648..=2147483647)",
            "t.thrift:4:16: 2 is not a bool: use true, false, 0 or 1",
        ],
    );
}

#[test]
fn const_value_of_the_wrong_kind() {
    assert_errors(
        "const i32 A = \"text\"\nconst string B = 5\nconst list<i32> C = {1: 2}\nconst map<i32, i32> D = [1]\nconst double E = 'x'",
        &[
            "t.thrift:1:15: expected a value of type `i32`, found a string",
            "t.thrift:2:18: expected a value of type `string`, found an integer",
            "t.thrift:3:21: expected a value of type `list<i32>`, found a map",
            "t.thrift:4:25: expected a value of type `map<i32, i32>`, found a list",
            "t.thrift:5:18: expected a value of type `double`, found a string",
        ],
    );
}

#[test]
fn const_nested_values_are_checked() {
    assert_errors(
        "const map<string, list<i8>> M = {\"a\": [1, 1000]}",
        &["t.thrift:1:43: 1000 does not fit in i8 (-128..=127)"],
    );
}

#[test]
fn const_through_typedef_and_reference() {
    assert_errors(
        "typedef i8 Small\nconst i32 BIG = 1000\nconst Small S = BIG",
        &["t.thrift:3:17: 1000 does not fit in i8 (-128..=127)"],
    );
}

#[test]
fn struct_literal_with_unknown_field_and_bad_value() {
    assert_errors(
        "struct P { 1: i32 x }\nconst P A = {\"x\": \"no\", \"y\": 1}",
        &[
            "t.thrift:2:19: expected a value of type `i32`, found a string",
            "t.thrift:2:25: struct `P` has no field `y`",
        ],
    );
}

#[test]
fn enum_consts() {
    assert_errors(
        "enum E { A = 1 }\nenum F { B }\nconst E X = E.C\nconst E Y = F.B\nconst E Z = 7\nconst E W = A",
        &[
            "t.thrift:3:13: unknown constant `E.C`",
            "t.thrift:4:13: `F.B` is not a value of enum `E`",
            "t.thrift:5:13: enum `E` has no value 7",
            "t.thrift:6:13: unknown constant `A`",
        ],
    );
}

#[test]
fn malformed_uuid_const() {
    assert_errors(
        "const uuid U = 'not-a-uuid'",
        &[
            "t.thrift:1:16: \"not-a-uuid\" is not a uuid: expected 8-4-4-4-12 hex digits, optionally in braces",
        ],
    );
}

#[test]
fn constant_that_refers_to_itself() {
    let errs = errors("const i32 A = B\nconst i32 B = A");
    assert!(
        errs.iter().any(|e| e.contains("refers to itself")),
        "{errs:#?}"
    );
}

#[test]
fn field_default_is_checked_against_the_field_type() {
    assert_errors(
        "struct S { 1: i16 a = 70000 }\nservice X { void f(1: string s = 3) }",
        &[
            "t.thrift:1:23: 70000 does not fit in i16 (-32768..=32767)",
            "t.thrift:2:34: expected a value of type `string`, found an integer",
        ],
    );
}

#[test]
fn oneway_with_a_result_or_throws() {
    assert_errors(
        "exception E {}\nservice S {\n  oneway i32 f(),\n  oneway void g() throws (1: E e)\n}",
        &[
            "t.thrift:3:10: oneway method `f` must return void: a oneway call gets no reply",
            "t.thrift:4:15: oneway method `g` cannot throw: a oneway call gets no reply",
        ],
    );
}

#[test]
fn throws_of_a_non_exception() {
    assert_errors(
        "struct NotAnError {}\ntypedef NotAnError Alias\nservice S { void f() throws (1: NotAnError e, 2: i32 code, 3: Alias a) }",
        &[
            "t.thrift:3:33: `throws` lists `e` of type `NotAnError`, which is not an exception",
            "t.thrift:3:50: `throws` lists `code` of type `i32`, which is not an exception",
            "t.thrift:3:63: `throws` lists `a` of type `Alias`, which is not an exception",
        ],
    );
}

#[test]
fn throws_of_an_exception_through_a_typedef_is_fine() {
    common::ok("exception E {}\ntypedef E Err\nservice S { void f() throws (1: Err e) }");
}

#[test]
fn extends_of_something_that_is_not_a_service() {
    assert_errors(
        "struct Base {}\nservice S extends Base {}\nservice T extends Nowhere {}",
        &[
            "t.thrift:2:19: `Base` is a struct, not a service",
            "t.thrift:3:19: unknown service `Nowhere`",
        ],
    );
}

#[test]
fn service_or_const_used_as_a_type() {
    assert_errors(
        "service Svc {}\nconst i32 C = 1\nstruct S { 1: Svc s, 2: C c }",
        &[
            "t.thrift:3:15: `Svc` is a service, not a type",
            "t.thrift:3:25: `C` is a const, not a type",
        ],
    );
}

#[test]
fn duplicate_method() {
    assert_errors(
        "service S {\n  void f(),\n  i32 f()\n}",
        &["t.thrift:3:7: service `S` has two methods named `f`"],
    );
}

#[test]
fn typedef_cycle() {
    let errs = errors("typedef B A\ntypedef A B");
    assert_eq!(
        errs,
        [
            "t.thrift:1:11: typedef cycle: A -> B -> A",
            "t.thrift:2:11: typedef cycle: B -> A -> B"
        ]
    );
}

#[test]
fn missing_include_file() {
    let (_, errs) = program(&[("main.thrift", "\ninclude \"nowhere.thrift\"\n")]);
    assert_eq!(
        errs,
        ["main.thrift:2:9: cannot find included file \"nowhere.thrift\""]
    );
}

#[test]
fn include_cycle() {
    let (_, errs) = program(&[
        ("a.thrift", "include \"b.thrift\"\nstruct A {}"),
        ("b.thrift", "include \"c.thrift\"\nstruct B {}"),
        ("c.thrift", "include \"a.thrift\"\nstruct C {}"),
    ]);
    assert_eq!(
        errs,
        ["c.thrift:1:9: include cycle: a.thrift -> b.thrift -> c.thrift -> a.thrift"]
    );
}

#[test]
fn file_including_itself() {
    let (_, errs) = program(&[("a.thrift", "include \"./a.thrift\"")]);
    assert_eq!(errs, ["a.thrift:1:9: include cycle: a.thrift -> a.thrift"]);
}

#[test]
fn two_includes_with_one_name() {
    let (_, errs) = program(&[
        (
            "main.thrift",
            "include \"x/common.thrift\"\ninclude \"y/common.thrift\"",
        ),
        ("x/common.thrift", ""),
        ("y/common.thrift", ""),
    ]);
    assert_eq!(
        errs,
        [
            "main.thrift:2:9: two included files are both named `common`: references to `common.X` would be ambiguous"
        ]
    );
}

#[test]
fn missing_root_file() {
    let mut files = MemoryLoader::new();
    let err = resolve("absent.thrift", &ResolveOptions::default(), &mut files).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("absent.thrift:1:1: error: no such file"),
        "{err}"
    );
}

#[test]
fn errors_in_several_files_are_all_reported() {
    let (_, errs) = program(&[
        (
            "main.thrift",
            "include \"inc.thrift\"\nstruct S { 1: Nope a }",
        ),
        ("inc.thrift", "struct T { 1: AlsoNope b }"),
    ]);
    assert_eq!(
        errs,
        [
            "main.thrift:2:15: unknown type `Nope`",
            "inc.thrift:1:15: unknown type `AlsoNope`"
        ]
    );
}

#[test]
fn the_caret_sits_under_the_spot_with_tabs() {
    let mut files = MemoryLoader::new();
    files.insert("t.thrift", "struct S {\n\t1:\tNope x\n}");
    let err = resolve("t.thrift", &ResolveOptions::default(), &mut files).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.thrift:2:5: error: unknown type `Nope`\n  |\n2 |     1:    Nope x\n  |           ^^^^\n"
    );
}

#[test]
fn union_with_two_default_values() {
    assert_errors(
        "union V { 1: i32 a = 1, 2: i32 b = 2 }",
        &[
            "t.thrift:1:32: union `V` has two default values, on `a` and `b`: a union holds one value",
        ],
    );
}

#[test]
fn a_bad_field_does_not_lose_its_struct() {
    // B still resolves `A`, and the service still has `g`: one error, not a cascade.
    assert_errors(
        "struct A {\n  1 i32 x\n  2: i32 y\n}\nstruct B { 1: A a }\nservice S {\n  void f(1 i32 x)\n  A g()\n}\nstruct C { 1: B b }",
        &[
            "t.thrift:2:5: expected `:`, found `i32`",
            "t.thrift:7:12: expected `:`, found `i32`",
        ],
    );
}

#[test]
fn a_bad_enum_value_does_not_lose_its_enum() {
    assert_errors(
        "enum E { A = , B }\nstruct S { 1: E e = E.B }",
        &["t.thrift:1:14: expected integer, found `,`"],
    );
}
