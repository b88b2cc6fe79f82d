//! What the macro generates, exercised: values built in Rust, written and read in both
//! protocols, Apache's rules for requiredness, unknown fields, duplicates and enums.

use std::collections::HashMap;
use thrift_runtime::protocol::{BinaryWriter, ProtocolWriter, TType};
use thrift_runtime::{Bytes, Protocol, Thrift, Uuid, deserialize, serialize};

mod everything {
    thrift_runtime::thrift_include!("idl/everything.thrift");
}

use everything::base::{Color, Point};
use everything::{Choice, Level, NotFound, Record};

fn record() -> Record {
    Record {
        key: 42,
        note: Some("hello, wörld".into()),
        level: Level::HIGH,
        path: vec![
            Point { x: 1, y: -2 },
            Point {
                x: i32::MAX,
                y: i32::MIN,
            },
        ],
        tags: HashMap::from([
            (Color::RED, [1i64, 2].into()),
            (Color(77), Default::default()),
        ]),
        blob: Bytes::from_static(b"\x00\xffbytes"),
        id: Uuid([9; 16]),
        parent: Some(Box::new(Record {
            key: 1,
            ..Record::default()
        })),
    }
}

#[test]
fn round_trip_in_both_protocols() {
    let r = record();
    for p in [Protocol::Binary, Protocol::Compact] {
        let bytes = serialize(&r, p).unwrap();
        assert_eq!(deserialize::<Record>(bytes, p).unwrap(), r, "{p:?}");
    }
    let c = Choice::Text("t".into());
    assert_eq!(
        deserialize::<Choice>(serialize(&c, Protocol::Compact).unwrap(), Protocol::Compact)
            .unwrap(),
        c
    );
}

#[test]
fn fields_are_written_in_ascending_id_order_and_optional_none_is_not_written() {
    let p = Point { x: 1, y: 2 };
    assert_eq!(
        &serialize(&p, Protocol::Binary).unwrap()[..],
        [8, 0, 1, 0, 0, 0, 1, 8, 0, 2, 0, 0, 0, 2, 0]
    );
    let r = Record {
        note: None,
        parent: None,
        ..record()
    };
    let bytes = serialize(&r, Protocol::Compact).unwrap();
    let full = serialize(
        &Record {
            parent: None,
            ..record()
        },
        Protocol::Compact,
    )
    .unwrap();
    assert!(bytes.len() < full.len());
}

#[test]
fn idl_defaults_and_default_impl() {
    let r = Record::default();
    assert_eq!(r.level, Level::MID, "the IDL default");
    assert_eq!(r.note, None);
    assert_eq!(r.parent, None, "a recursive field is an Option<Box<_>>");
    // An absent default-requiredness field decodes to its IDL default.
    let only_key = [0x0a, 0, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0];
    let r: Record = deserialize(Bytes::copy_from_slice(&only_key), Protocol::Binary).unwrap();
    assert_eq!((r.key, r.level), (5, Level::MID));
}

#[test]
fn missing_required_field_names_struct_and_field() {
    let err = deserialize::<Record>(Bytes::from_static(&[0]), Protocol::Binary).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid data: required field `key` of `Record` is missing"
    );
}

#[test]
fn unknown_fields_are_skipped_and_the_last_duplicate_wins() {
    let mut buf = thrift_runtime::BytesMut::new();
    let mut w = BinaryWriter::new(&mut buf);
    w.write_field_begin(TType::I32, 1);
    w.write_i32(1);
    w.write_field_begin(TType::Map, 99); // unknown
    w.write_map_begin(TType::Binary, TType::List, 1).unwrap();
    w.write_string("k").unwrap();
    w.write_list_begin(TType::Double, 1).unwrap();
    w.write_double(1.5);
    w.write_field_begin(TType::I32, 1); // duplicate: Apache keeps the last
    w.write_i32(7);
    w.write_field_begin(TType::Binary, 2); // known id, wrong type: skipped
    w.write_string("not an i32").unwrap();
    w.write_field_stop();
    let p: Point = deserialize(buf.freeze(), Protocol::Binary).unwrap();
    assert_eq!(p, Point { x: 7, y: 0 });
}

#[test]
fn enums_keep_unknown_values_and_print_names() {
    assert_eq!(Color::GREEN.0, 2);
    assert_eq!(format!("{:?} {}", Color::BLUE, Color::BLUE), "BLUE BLUE");
    assert_eq!(format!("{:?} {}", Color(9), Color(9)), "Color(9) 9");
    assert_eq!(Color::VALUES, [Color::RED, Color::GREEN, Color::BLUE]);
    let bytes = serialize(&Color(12345), Protocol::Compact).unwrap();
    assert_eq!(
        deserialize::<Color>(bytes, Protocol::Compact).unwrap(),
        Color(12345)
    );
    assert_eq!(Level::LOW.name(), Some("LOW"));
}

#[test]
fn consts_of_every_kind() {
    assert_eq!(everything::LIMIT, 64);
    assert_eq!(everything::RATIO, 0.25);
    assert_eq!(*everything::NAMES, ["a", "b"]);
    assert_eq!(everything::ORIGINS["zero"], Point { x: 0, y: 0 });
    assert_eq!(everything::FAVOURITE, Color::GREEN);
}

#[test]
fn exceptions_are_errors() {
    let e = NotFound {
        key: 3,
        message: "gone".into(),
    };
    let as_error: &dyn std::error::Error = &e;
    assert!(as_error.to_string().starts_with("NotFound"));
}

#[test]
fn an_empty_union_on_the_wire_is_an_error() {
    let err = deserialize::<Choice>(Bytes::from_static(&[0]), Protocol::Compact).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid data: union `Choice` has no field set"
    );
}

#[test]
fn derives_follow_the_fields() {
    fn hash_eq<T: std::hash::Hash + Eq>() {}
    fn ord<T: Ord>() {}
    hash_eq::<Point>();
    ord::<Point>();
    hash_eq::<Choice>();
    // Record holds a HashMap: no Hash, no Ord (a compile-time fact; this only names it).
    let _: fn(&Record, &Record) -> bool = <Record as PartialEq>::eq;
    let _ = <Record as Thrift>::TTYPE;
}

/// The reviewed snapshot of generated code (thrift-codegen/tests/snapshots/small.rs) compiles.
#[allow(dead_code, unreachable_pub, clippy::all)]
mod snapshot {
    include!("../../thrift-codegen/tests/snapshots/small.rs");
}

#[test]
fn the_snapshot_compiles_and_works() {
    let p = snapshot::Person {
        name: "Ann".into(),
        mentor: Some(Box::new(snapshot::Person::default())),
        ..Default::default()
    };
    assert_eq!(p.status, snapshot::Status::ACTIVE);
    let bytes = serialize(&p, Protocol::Compact).unwrap();
    assert_eq!(
        deserialize::<snapshot::Person>(bytes, Protocol::Compact).unwrap(),
        p
    );
    assert_eq!(snapshot::GREETING, "hi");
    assert!(snapshot::NOBODY.is_empty());
}

mod stems {
    thrift_runtime::thrift_include!("idl/stems/main.thrift");
}

#[test]
fn two_files_with_one_stem_become_two_modules() {
    let both = stems::Both {
        a: stems::types::A { a: 1 },
        w: stems::other::Wrapper {
            b: stems::types_2::B { b: "b".into() },
        },
    };
    let bytes = serialize(&both, Protocol::Binary).unwrap();
    assert_eq!(
        deserialize::<stems::Both>(bytes, Protocol::Binary).unwrap(),
        both
    );
}

mod recursive {
    thrift_runtime::thrift!(
        r#"
        struct CoRec { 1: CoRec2 other }
        struct CoRec2 { 1: CoRec other }
        union Expr { 1: i64 lit, 2: Sum sum }
        struct Sum { 1: Expr left, 2: Expr right }
        typedef Tree TreeRef
        struct Tree { 1: i32 v, 2: optional TreeRef left, 3: list<Tree> kids }
        "#
    );
}

#[test]
fn recursive_types_direct_mutual_through_typedefs_and_unions() {
    use recursive::*;
    let c = CoRec {
        other: Some(Box::new(CoRec2 {
            other: Some(Box::new(CoRec { other: None })),
        })),
    };
    let e = Expr::Sum(Box::new(Sum {
        left: Some(Box::new(Expr::Lit(1))),
        right: Some(Box::new(Expr::Sum(Box::new(Sum {
            left: Some(Box::new(Expr::Lit(2))),
            right: None,
        })))),
    }));
    let t = Tree {
        v: 1,
        left: Some(Box::new(Tree {
            v: 2,
            ..Tree::default()
        })),
        kids: vec![Tree::default()],
    };
    for p in [Protocol::Binary, Protocol::Compact] {
        assert_eq!(
            deserialize::<CoRec>(serialize(&c, p).unwrap(), p).unwrap(),
            c
        );
        assert_eq!(
            deserialize::<Expr>(serialize(&e, p).unwrap(), p).unwrap(),
            e
        );
        assert_eq!(
            deserialize::<Tree>(serialize(&t, p).unwrap(), p).unwrap(),
            t
        );
    }
}
