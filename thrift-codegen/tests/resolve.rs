//! The resolver: include closures, qualified names, typedef chains, recursion marks.

mod common;

use common::{ok, program};
use thrift_codegen::ast::*;
use thrift_codegen::{FsLoader, MemoryLoader, Program, ResolveOptions, resolve};

fn find<'a>(p: &'a Program, file: usize, name: &str) -> (DefId, &'a Definition) {
    p.definitions()
        .find(|(id, d)| id.file.0 as usize == file && d.name().name == name)
        .unwrap_or_else(|| panic!("no {name} in file {file}"))
}

fn fields<'a>(p: &'a Program, file: usize, name: &str) -> &'a [Field] {
    match find(p, file, name).1 {
        Definition::Struct(s) => &s.fields,
        _ => panic!("{name} is not a struct"),
    }
}

#[test]
fn include_paths_are_relative_to_the_including_file() {
    let (p, errs) = program(&[
        (
            "root/main.thrift",
            "include \"sub/a.thrift\"\nstruct M { 1: a.A x }",
        ),
        (
            "root/sub/a.thrift",
            "include \"../common/b.thrift\"\nstruct A { 1: b.B y }",
        ),
        ("root/common/b.thrift", "struct B {}"),
    ]);
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!(p.files.len(), 3);
    let m = fields(&p, 0, "M");
    let TypeKind::Named(r) = &m[0].ty.kind else {
        panic!()
    };
    assert_eq!(p.definition(r.target.unwrap()).name().name, "A");
    assert_eq!(p.files[1].module, "a");
}

#[test]
fn include_dirs_are_searched_after_the_including_files_directory() {
    let mut files = MemoryLoader::new();
    files.insert(
        "app/main.thrift",
        "include \"fb303/if/fb303.thrift\"\nservice S extends fb303.Base {}",
    );
    files.insert(
        "contrib/fb303/if/fb303.thrift",
        "service Base { i32 alive() }",
    );
    let options = ResolveOptions {
        include_dirs: vec!["contrib".into()],
        ..ResolveOptions::default()
    };
    let p = resolve("app/main.thrift", &options, &mut files).unwrap();
    let (_, Definition::Service(s)) = find(&p, 0, "S") else {
        panic!()
    };
    assert_eq!(s.extends.as_ref().unwrap().target.unwrap().file, FileId(1));
    // Without the directory it is an error.
    assert!(resolve("app/main.thrift", &ResolveOptions::default(), &mut files).is_err());
}

#[test]
fn one_file_reached_by_two_spellings_and_a_diamond_is_read_once() {
    let (p, errs) = program(&[
        (
            "main.thrift",
            "include \"left.thrift\"\ninclude \"right.thrift\"\ninclude \"./dir/../base.thrift\"\nstruct M { 1: left.L l, 2: right.R r, 3: base.B b }",
        ),
        (
            "left.thrift",
            "include \"base.thrift\"\nstruct L { 1: base.B b }",
        ),
        (
            "right.thrift",
            "include \"base.thrift\"\nstruct R { 1: base.B b }",
        ),
        ("base.thrift", "struct B {}"),
    ]);
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!(p.files.len(), 4, "base.thrift is one file");
    let targets: Vec<DefId> = [
        fields(&p, 1, "L"),
        fields(&p, 2, "R"),
        &fields(&p, 0, "M")[2..],
    ]
    .iter()
    .map(|f| p.named_target(&f[0].ty).unwrap())
    .collect();
    assert!(targets.iter().all(|t| *t == targets[0]));
}

#[test]
fn two_files_with_one_stem_in_one_closure() {
    let (p, errs) = program(&[
        (
            "main.thrift",
            "include \"a/types.thrift\"\ninclude \"b.thrift\"\nstruct M { 1: types.A a, 2: b.B b }",
        ),
        (
            "b.thrift",
            "include \"b/types.thrift\"\nstruct B { 1: types.Other o }",
        ),
        ("a/types.thrift", "struct A {}"),
        ("b/types.thrift", "struct Other {}"),
    ]);
    assert!(errs.is_empty(), "{errs:#?}");
    assert_eq!(p.files.len(), 4);
    let modules: Vec<&str> = p.files.iter().map(|f| f.module.as_str()).collect();
    assert_eq!(modules.iter().filter(|m| **m == "types").count(), 2);
}

#[test]
fn typedef_chains_across_includes() {
    let (p, errs) = program(&[
        (
            "main.thrift",
            "include \"defs.thrift\"\ntypedef defs.Name Alias\nstruct S { 1: Alias a, 2: defs.Ids ids }",
        ),
        (
            "defs.thrift",
            "typedef string Inner\ntypedef Inner Name\ntypedef list<Name> Ids",
        ),
    ]);
    assert!(errs.is_empty(), "{errs:#?}");
    let s = fields(&p, 0, "S");
    assert_eq!(
        p.underlying(&s[0].ty).kind,
        TypeKind::Base(BaseType::String)
    );
    let TypeKind::List(elem) = &p.underlying(&s[1].ty).kind else {
        panic!()
    };
    assert_eq!(p.underlying(elem).kind, TypeKind::Base(BaseType::String));
}

#[test]
fn consts_and_enum_values_across_includes_and_through_typedefs() {
    let (p, errs) = program(&[
        (
            "main.thrift",
            "include \"e.thrift\"\ntypedef e.Color Local\nconst Local A = Local.RED\nconst e.Color B = e.Color.GREEN\nconst i32 C = e.LIMIT\nstruct S { 1: e.Color c = e.Color.RED, 2: i32 n = e.LIMIT }",
        ),
        (
            "e.thrift",
            "enum Color { RED = 1, GREEN = 2 }\nconst i32 LIMIT = 10",
        ),
    ]);
    assert!(errs.is_empty(), "{errs:#?}");
    let value = |name: &str| match find(&p, 0, name).1 {
        Definition::Const(c) => match &c.value.kind {
            ConstKind::Ident { target, .. } => target.unwrap(),
            _ => panic!(),
        },
        _ => panic!(),
    };
    let color = find(&p, 1, "Color").0;
    assert_eq!(value("A"), ConstTarget::EnumValue(color, 0));
    assert_eq!(value("B"), ConstTarget::EnumValue(color, 1));
    assert_eq!(value("C"), ConstTarget::Const(find(&p, 1, "LIMIT").0));
}

#[test]
fn forward_references_resolve() {
    let p = ok(
        "struct A { 1: B b }\ntypedef C B\nstruct C { 1: i32 x }\nconst D d = {\"x\": 1}\ntypedef C D",
    );
    assert_eq!(
        p.struct_kind(&fields(&p, 0, "A")[0].ty),
        Some(StructKind::Struct)
    );
}

#[test]
fn recursive_fields_are_marked_direct_mutual_typedef_and_union() {
    let p = ok(r#"
        struct Node { 1: i32 v, 2: optional Node next, 3: list<Node> children }
        struct A { 1: optional B b, 2: i32 x }
        struct B { 1: optional A a }
        typedef Tree TreeAlias
        struct Tree { 1: optional TreeAlias left }
        union Expr { 1: i32 lit, 2: Pair pair }
        struct Pair { 1: Expr left, 2: Expr right, 3: Leaf leaf }
        struct Leaf { 1: i32 x }
        struct UsesNode { 1: Node n }
    "#);
    let rec =
        |name: &str| -> Vec<bool> { fields(&p, 0, name).iter().map(|f| f.recursive).collect() };
    assert_eq!(
        rec("Node"),
        [false, true, false],
        "a list already allocates"
    );
    assert_eq!(rec("A"), [true, false]);
    assert_eq!(rec("B"), [true]);
    assert_eq!(rec("Tree"), [true]);
    assert_eq!(rec("Expr"), [false, true]);
    assert_eq!(rec("Pair"), [true, true, false]);
    assert_eq!(rec("UsesNode"), [false], "not part of a cycle");
}

#[test]
fn own_module_prefix_is_accepted() {
    let (_, errs) = program(&[("svc.thrift", "struct A {}\nstruct B { 1: svc.A a }")]);
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn files_on_disk_with_the_fs_loader() {
    let dir = std::env::temp_dir().join(format!("thrift-codegen-fs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("inc")).unwrap();
    std::fs::write(
        dir.join("main.thrift"),
        "include \"inc/shared.thrift\"\nstruct M { 1: shared.S s }",
    )
    .unwrap();
    std::fs::write(dir.join("inc/shared.thrift"), "struct S {}").unwrap();
    let options = ResolveOptions {
        display_base: Some(dir.clone()),
        ..ResolveOptions::default()
    };
    let mut loader = FsLoader::default();
    let p = resolve(dir.join("main.thrift"), &options, &mut loader).unwrap();
    assert_eq!(
        loader.read.len(),
        2,
        "each file read once, and recorded for rebuild tracking"
    );
    assert_eq!(
        p.sources[1].display,
        format!("inc{}shared.thrift", std::path::MAIN_SEPARATOR)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn union_members_are_optional_as_apache_reads_them() {
    let p = ok("union U { 1: required i32 a, 2: i32 b, 3: optional i32 c }");
    let req: Vec<Requiredness> = fields(&p, 0, "U").iter().map(|f| f.requiredness).collect();
    assert_eq!(req, [Requiredness::Optional; 3]);
}
