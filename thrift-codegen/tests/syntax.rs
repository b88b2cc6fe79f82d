//! Every construct of the Thrift IDL parses to the tree it should.

mod common;

use common::ok;
use thrift_codegen::ast::*;
use thrift_codegen::parse;

fn doc(text: &str) -> Document {
    let (d, errs) = parse(text, FileId(0));
    assert!(errs.is_empty(), "unexpected errors: {errs:#?}");
    d
}

fn strukt(d: &Document, i: usize) -> &Struct {
    match &d.definitions[i] {
        Definition::Struct(s) => s,
        other => panic!("not a struct: {other:?}"),
    }
}

fn const_value(p: &thrift_codegen::Program, i: usize) -> &ConstKind {
    match &p.root_file().document.definitions[i] {
        Definition::Const(c) => &c.value.kind,
        other => panic!("not a const: {other:?}"),
    }
}

#[test]
fn headers_in_every_form() {
    let d = doc(r#"
        include "a.thrift"
        cpp_include "<vector>"
        namespace * all.of.them
        namespace py.twisted tw
        namespace smalltalk.category Thrift-Test
        namespace xsd test (uri = 'http://example.com/ns')
    "#);
    assert_eq!(d.headers.len(), 6);
    let Header::Include(inc) = &d.headers[0] else {
        panic!()
    };
    assert_eq!(inc.path.value, "a.thrift");
    let Header::CppInclude(c) = &d.headers[1] else {
        panic!()
    };
    assert_eq!(c.value, "<vector>");
    let ns: Vec<(String, String)> = d
        .headers
        .iter()
        .filter_map(|h| match h {
            Header::Namespace(n) => Some((n.scope.name.clone(), n.name.name.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        ns,
        [
            ("*".into(), "all.of.them".into()),
            ("py.twisted".into(), "tw".into()),
            ("smalltalk.category".into(), "Thrift-Test".into()),
            ("xsd".into(), "test".into())
        ]
    );
    let Header::Namespace(xsd) = &d.headers[5] else {
        panic!()
    };
    assert_eq!(
        xsd.annotations[0].value.as_deref(),
        Some("http://example.com/ns")
    );
}

#[test]
fn namespace_after_definitions_is_accepted() {
    let d = doc("struct A {}\nnamespace rb Late\n");
    assert_eq!(d.headers.len(), 1);
    assert_eq!(d.definitions.len(), 1);
}

#[test]
fn enums_implicit_explicit_hex_negative() {
    let p = ok("enum E { A, B = 5, C, D = 0x10, E = -1, F }");
    let Definition::Enum(e) = &p.root_file().document.definitions[0] else {
        panic!()
    };
    let values: Vec<(&str, i32)> = e
        .values
        .iter()
        .map(|v| (v.name.name.as_str(), v.value))
        .collect();
    assert_eq!(
        values,
        [("A", 0), ("B", 5), ("C", 6), ("D", 16), ("E", -1), ("F", 0)]
    );
}

#[test]
fn enum_values_with_annotations_and_separators() {
    let p = ok("enum E { A (x = \"1\"); B (flag), C, } (e.f = 'g')");
    let Definition::Enum(e) = &p.root_file().document.definitions[0] else {
        panic!()
    };
    assert_eq!(e.values.len(), 3);
    assert_eq!(e.values[0].annotations[0].value.as_deref(), Some("1"));
    assert_eq!(e.values[1].annotations[0].key.name, "flag");
    assert_eq!(e.values[1].annotations[0].value, None);
    assert_eq!(e.annotations[0].key.name, "e.f");
}

#[test]
fn senum_and_slist_are_accepted() {
    let p = ok(
        "senum Colors { \"red\", 'green'; \"blue\" }\nstruct S { 1: slist names, 2: Colors c = \"red\" }",
    );
    let Definition::Senum(s) = &p.root_file().document.definitions[0] else {
        panic!()
    };
    let v: Vec<&str> = s.values.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(v, ["red", "green", "blue"]);
    let st = strukt(&p.root_file().document, 1);
    assert_eq!(st.fields[0].ty.kind, TypeKind::Base(BaseType::String));
}

#[test]
fn struct_union_exception_and_requiredness() {
    let d = doc(r#"
        struct S { 1: required i32 a; 2: optional string b, 3: bool c }
        union U { 1: i32 x 2: string y }
        exception X { 1: string message } (java.final = "")
        struct Empty {}
        struct Xsd xsd_all { 1: i32 a xsd_optional xsd_nillable }
    "#);
    let s = strukt(&d, 0);
    assert_eq!(s.kind, StructKind::Struct);
    let req: Vec<Requiredness> = s.fields.iter().map(|f| f.requiredness).collect();
    assert_eq!(
        req,
        [
            Requiredness::Required,
            Requiredness::Optional,
            Requiredness::Default
        ]
    );
    assert_eq!(strukt(&d, 1).kind, StructKind::Union);
    assert_eq!(strukt(&d, 2).kind, StructKind::Exception);
    assert_eq!(strukt(&d, 2).annotations[0].key.name, "java.final");
    assert!(strukt(&d, 3).fields.is_empty());
    assert_eq!(strukt(&d, 4).fields.len(), 1);
}

#[test]
fn implicit_field_ids_count_down_from_minus_one() {
    let p = ok("struct S { i32 a, 5: i32 b, i32 c, string d }");
    let s = strukt(&p.root_file().document, 0);
    let ids: Vec<i16> = s.fields.iter().map(|f| f.id).collect();
    assert_eq!(ids, [-1, 5, -2, -3]);
}

#[test]
fn explicit_nonpositive_ids_are_kept() {
    let p = ok("struct S { 0: i32 zero, -3: i32 neg, i32 implicit, 32767: i32 max }");
    let s = strukt(&p.root_file().document, 0);
    let ids: Vec<i16> = s.fields.iter().map(|f| f.id).collect();
    assert_eq!(ids, [0, -3, -4, 32767]);
}

#[test]
fn base_types_and_byte_alias() {
    let p = ok(
        "struct S { 1: bool a, 2: byte b, 3: i8 c, 4: i16 d, 5: i32 e, 6: i64 f, 7: double g, 8: string h, 9: binary i, 10: uuid j }",
    );
    let s = strukt(&p.root_file().document, 0);
    let kinds: Vec<BaseType> = s
        .fields
        .iter()
        .map(|f| match f.ty.kind {
            TypeKind::Base(b) => b,
            _ => panic!(),
        })
        .collect();
    use BaseType::*;
    assert_eq!(
        kinds,
        [Bool, I8, I8, I16, I32, I64, Double, String, Binary, Uuid]
    );
}

#[test]
fn nested_containers_with_annotations_and_cpp_type() {
    let p = ok(r#"struct S {
        1: map<set<i32> (python.immutable = ""), list<map<string, list<binary>>>> deep,
        2: list<i32> cpp_type "std::deque<int>" dq,
        3: set cpp_type "std::unordered_set" <string> us,
        4: map cpp_type "M" <i32, i32> (k = "v") m
    }"#);
    let s = strukt(&p.root_file().document, 0);
    let TypeKind::Map(k, v) = &s.fields[0].ty.kind else {
        panic!()
    };
    assert!(matches!(k.kind, TypeKind::Set(_)));
    assert_eq!(k.annotations[0].key.name, "python.immutable");
    let TypeKind::List(inner) = &v.kind else {
        panic!()
    };
    assert!(matches!(inner.kind, TypeKind::Map(..)));
    assert_eq!(s.fields[1].ty.cpp_type.as_deref(), Some("std::deque<int>"));
    assert_eq!(
        s.fields[2].ty.cpp_type.as_deref(),
        Some("std::unordered_set")
    );
    assert_eq!(s.fields[3].ty.annotations[0].key.name, "k");
}

#[test]
fn annotations_wherever_the_reference_allows_them() {
    let p = ok(r#"
        typedef string (unicode.encoding = "UTF-16") Text (foo = "bar")
        struct S { 1: i32 a (presence = "required"); 2: i32 b (x = "", y = "",) } (cpp.type = "D", flag)
        service Svc { void f() (deprecated = "yes") } (a.b = "c")
    "#);
    let d = &p.root_file().document;
    let Definition::Typedef(t) = &d.definitions[0] else {
        panic!()
    };
    assert_eq!(t.ty.annotations[0].key.name, "unicode.encoding");
    assert_eq!(t.annotations[0].value.as_deref(), Some("bar"));
    let s = strukt(d, 1);
    assert_eq!(s.fields[1].annotations.len(), 2);
    assert_eq!(s.annotations[1].key.name, "flag");
    let Definition::Service(svc) = &d.definitions[2] else {
        panic!()
    };
    assert_eq!(
        svc.functions[0].annotations[0].value.as_deref(),
        Some("yes")
    );
    assert_eq!(svc.annotations[0].key.name, "a.b");
}

#[test]
fn services_extends_oneway_async_throws() {
    let p = ok(r#"
        exception E { 1: string m }
        service Base { void ping() }
        service S extends Base {
            oneway void fire(1: i32 x),
            async void legacy(),
            i32 get(1: i32 key, 2: string name = "n") throws (1: E e);
            list<E> many()
        }
    "#);
    let d = &p.root_file().document;
    let Definition::Service(s) = &d.definitions[2] else {
        panic!()
    };
    assert_eq!(s.extends.as_ref().unwrap().name.name, "Base");
    assert_eq!(
        s.extends.as_ref().unwrap().target,
        Some(DefId {
            file: FileId(0),
            index: 1
        })
    );
    assert!(s.functions[0].oneway.is_some());
    assert!(
        s.functions[1].oneway.is_some(),
        "`async` is the old spelling of oneway"
    );
    assert_eq!(
        s.functions[2].returns.as_ref().unwrap().kind,
        TypeKind::Base(BaseType::I32)
    );
    assert_eq!(s.functions[2].args.len(), 2);
    assert_eq!(s.functions[2].throws.as_ref().unwrap()[0].name.name, "e");
    assert!(s.functions[0].returns.is_none());
}

#[test]
fn every_const_value_form() {
    let p = ok(r#"
        enum E { A = 1 }
        struct P { 1: i32 x, 2: string s }
        const i32 DEC = 42
        const i64 HEX = 0x7fffffffffffffff
        const i32 NEG_HEX = -0x1F
        const double D1 = 1.5
        const double D2 = -1e10
        const double D3 = 2.5E-3
        const double D4 = 7
        const string S1 = "double \"quoted\"\n"
        const string S2 = 'single \'quoted\'\t'
        const E EV = E.A
        const i32 REF = DEC
        const list<i32> L = [1, 2; 3,]
        const map<string, list<i32>> M = {"a": [1], 'b': []}
        const P STRUCT = {"x": 1, "s": "t"}
        const bool B = true
        const bool B0 = 0
        const uuid U = '{00112233-4455-6677-8899-aaBBccDDeeFF}'
        const set<i32> SET = [1, 2]
        const i64 MIN = -9223372036854775808
    "#);
    assert_eq!(*const_value(&p, 2), ConstKind::Int(42));
    assert_eq!(*const_value(&p, 3), ConstKind::Int(i64::MAX));
    assert_eq!(*const_value(&p, 4), ConstKind::Int(-31));
    assert_eq!(*const_value(&p, 5), ConstKind::Double(1.5));
    assert_eq!(*const_value(&p, 6), ConstKind::Double(-1e10));
    assert_eq!(*const_value(&p, 7), ConstKind::Double(2.5e-3));
    assert_eq!(
        *const_value(&p, 9),
        ConstKind::String("double \"quoted\"\n".into())
    );
    assert_eq!(
        *const_value(&p, 10),
        ConstKind::String("single 'quoted'\t".into())
    );
    let ConstKind::Ident { target, .. } = const_value(&p, 11) else {
        panic!()
    };
    assert_eq!(
        *target,
        Some(ConstTarget::EnumValue(
            DefId {
                file: FileId(0),
                index: 0
            },
            0
        ))
    );
    let ConstKind::Ident { target, .. } = const_value(&p, 12) else {
        panic!()
    };
    assert_eq!(
        *target,
        Some(ConstTarget::Const(DefId {
            file: FileId(0),
            index: 2
        }))
    );
    let ConstKind::List(items) = const_value(&p, 13) else {
        panic!()
    };
    assert_eq!(items.len(), 3);
    let ConstKind::Map(items) = const_value(&p, 14) else {
        panic!()
    };
    assert_eq!(items.len(), 2);
    assert_eq!(*const_value(&p, 16), ConstKind::Bool(true));
    assert_eq!(*const_value(&p, 20), ConstKind::Int(i64::MIN));
}

#[test]
fn leading_zero_numbers_are_decimal() {
    let p = ok("const i32 A = 098325\nconst double B = 085.2355");
    assert_eq!(*const_value(&p, 0), ConstKind::Int(98325));
    assert_eq!(*const_value(&p, 1), ConstKind::Double(85.2355));
}

#[test]
fn comments_of_every_style_and_doc_comments() {
    let p = ok(
        "# hash\n// slashes\n/* block\n spanning */\n/**\n * The thing.\n *   Indented.\n */\nstruct A {\n  /** field doc */\n  1: i32 x  // trailing\n  /// line doc one\n  /// line doc two\n  2: i32 y\n  3: i32 z\n}\n/// enum doc\nenum E { /** value doc */ V }\n/** svc */ service S { /** m */ void m(/** arg */ 1: i32 a) }\n",
    );
    let d = &p.root_file().document;
    let a = strukt(d, 0);
    assert_eq!(a.doc.as_deref(), Some("The thing.\n  Indented."));
    assert_eq!(a.fields[0].doc.as_deref(), Some("field doc"));
    assert_eq!(
        a.fields[1].doc.as_deref(),
        Some("line doc one\nline doc two")
    );
    assert_eq!(a.fields[2].doc, None);
    let Definition::Enum(e) = &d.definitions[1] else {
        panic!()
    };
    assert_eq!(e.doc.as_deref(), Some("enum doc"));
    assert_eq!(e.values[0].doc.as_deref(), Some("value doc"));
    let Definition::Service(s) = &d.definitions[2] else {
        panic!()
    };
    assert_eq!(s.doc.as_deref(), Some("svc"));
    assert_eq!(s.functions[0].doc.as_deref(), Some("m"));
    assert_eq!(s.functions[0].args[0].doc.as_deref(), Some("arg"));
}

#[test]
fn crlf_and_bom_are_accepted_and_columns_ignore_the_bom() {
    let p = ok("\u{feff}struct A {\r\n  1: i32 x\r\n}\r\n");
    assert_eq!(strukt(&p.root_file().document, 0).fields.len(), 1);
    let errs = common::errors("\u{feff}struct A { 1: Nope x }\r\n");
    assert_eq!(errs, ["t.thrift:1:15: unknown type `Nope`"]);
}

#[test]
fn keywords_newer_than_the_file_can_be_names() {
    let p = ok(
        "struct i128 { 1: i64 hi }\ntypedef i128 UUID\nstruct S { 1: required UUID uuid, 2: uuid async }",
    );
    let s = strukt(&p.root_file().document, 2);
    assert_eq!(s.fields[0].name.name, "uuid");
    assert_eq!(s.fields[1].name.name, "async");
}

#[test]
fn reference_marker_on_fields() {
    let p = ok("struct L { 1: L & next }");
    let s = strukt(&p.root_file().document, 0);
    assert!(s.fields[0].reference);
}

#[test]
fn every_node_carries_its_span() {
    let text = "struct Abc {\n  7: list<i32> items = [1, 2]\n}";
    let d = doc(text);
    let s = strukt(&d, 0);
    let at = |sp: Span| &text[sp.start as usize..sp.end as usize];
    assert_eq!(at(s.span), text);
    assert_eq!(at(s.name.span), "Abc");
    let f = &s.fields[0];
    assert_eq!(at(f.span), "7: list<i32> items = [1, 2]");
    assert_eq!(at(f.explicit_id.unwrap().1), "7");
    assert_eq!(at(f.ty.span), "list<i32>");
    assert_eq!(at(f.default.as_ref().unwrap().span), "[1, 2]");
}
