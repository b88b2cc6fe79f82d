//! Byte-exact against Apache's generated code: golden/thrifttest_vectors.json holds values of
//! ThriftTest's types written by Apache's Python code (golden/make_thrifttest_vectors.py). Each
//! is decoded into the type `thrift_include!` generates, compared with the same value built
//! here, and re-encoded: to the same bytes, or (where a hashed container holds several
//! elements, whose order no two implementations share) to bytes that decode to the same value.

#![allow(clippy::all)]

use std::collections::{HashMap, HashSet};
use thrift_runtime::{Bytes, Protocol, Thrift, Uuid, deserialize, serialize};

mod tt {
    thrift_runtime::thrift_include!("../../../shared/idl/ThriftTest.thrift");
}

use tt::*;

fn xtruct(i: i64) -> Xtruct {
    Xtruct {
        string_thing: format!("x{i}"),
        byte_thing: (i - 3) as i8,
        i32_thing: (i * 1000) as i32,
        i64_thing: -(i.pow(12)),
    }
}

fn v2() -> VersioningTestV2 {
    VersioningTestV2::default()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn check<T: Thrift + PartialEq + std::fmt::Debug>(
    name: &str,
    expected: T,
    vectors: &serde_json::Value,
    failures: &mut Vec<String>,
) {
    let case = &vectors[name];
    assert!(case.is_object(), "no vector named {name}");
    let exact = case["exact"].as_bool().unwrap();
    for (p, key) in [(Protocol::Binary, "binary"), (Protocol::Compact, "compact")] {
        let apache = hex(case[key].as_str().unwrap());
        match deserialize::<T>(Bytes::from(apache.clone()), p) {
            Ok(v) if v == expected => {}
            Ok(v) => failures.push(format!(
                "{name} {key}: decoded {v:?}\n  expected {expected:?}"
            )),
            Err(e) => failures.push(format!("{name} {key}: decode failed: {e}")),
        }
        let ours = serialize(&expected, p).unwrap();
        if exact && ours[..] != apache[..] {
            failures.push(format!(
                "{name} {key}: ours {:02x?}\n  apache {apache:02x?}",
                &ours[..]
            ));
        }
        match deserialize::<T>(ours, p) {
            Ok(v) if v == expected => {}
            other => failures.push(format!("{name} {key}: our bytes read back as {other:?}")),
        }
    }
}

#[test]
fn thrifttest_values_written_by_apache() {
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../golden/thrifttest_vectors.json")).unwrap();
    let mut f = Vec::new();
    let f = &mut f;
    let v = &vectors;
    check(
        "xtruct_edges",
        Xtruct {
            string_thing: String::new(),
            byte_thing: -128,
            i32_thing: i32::MIN,
            i64_thing: i64::MAX,
        },
        v,
        f,
    );
    check(
        "xtruct_unicode",
        Xtruct {
            string_thing: "h\u{e9}llo \u{2603} \u{1d11e} \u{65e5}\u{672c}".into(),
            byte_thing: 127,
            i32_thing: i32::MAX,
            i64_thing: i64::MIN,
        },
        v,
        f,
    );
    check(
        "xtruct2_nested",
        Xtruct2 {
            byte_thing: 1,
            struct_thing: xtruct(2),
            i32_thing: -1,
        },
        v,
        f,
    );
    check(
        "insanity",
        Insanity {
            user_map: HashMap::from([(Numberz::FIVE, 5000)]),
            xtructs: vec![xtruct(1), xtruct(2), xtruct(3)],
        },
        v,
        f,
    );
    check(
        "insanity_many",
        Insanity {
            user_map: [1, 2, 3, 5, 6, 8]
                .into_iter()
                .map(|n| (Numberz(n), i64::from(n) * 10))
                .collect(),
            xtructs: vec![],
        },
        v,
        f,
    );
    check("insanity_empty", Insanity::default(), v, f);
    check(
        "bonk",
        Bonk {
            message: "bonk".into(),
            r#type: -7,
        },
        v,
        f,
    );
    check(
        "bools",
        Bools {
            im_true: true,
            im_false: false,
        },
        v,
        f,
    );
    check("empty_struct", EmptyStruct {}, v, f);
    check(
        "one_field",
        OneField {
            field: EmptyStruct {},
        },
        v,
        f,
    );
    check("union_i32", SomeUnion::I32Thing(42), v, f);
    check("union_string", SomeUnion::StringThing("u".into()), v, f);
    check(
        "union_map",
        SomeUnion::MapThing(HashMap::from([(Numberz::TWO, 2)])),
        v,
        f,
    );
    check(
        "union_xtruct3",
        SomeUnion::XtructThing(Xtruct3 {
            string_thing: "3".into(),
            changed: 4,
            i32_thing: 9,
            i64_thing: 11,
        }),
        v,
        f,
    );
    check(
        "union_insanity",
        SomeUnion::InsanityThing(Insanity {
            user_map: HashMap::from([(Numberz::ONE, 1)]),
            xtructs: vec![xtruct(0)],
        }),
        v,
        f,
    );
    check(
        "xception",
        Xception {
            error_code: 1001,
            message: "This is an Xception".into(),
        },
        v,
        f,
    );
    check(
        "xception2",
        Xception2 {
            error_code: 2002,
            struct_thing: xtruct(5),
        },
        v,
        f,
    );
    check(
        "versioning_v2",
        VersioningTestV2 {
            begin_in_both: 1,
            newint: 2,
            newbyte: 3,
            newshort: -4,
            newlong: 5 << 40,
            newdouble: -0.125,
            newstruct: Bonk {
                message: "m".into(),
                r#type: 1,
            },
            newlist: vec![1, 2, 3],
            newset: HashSet::from([7]),
            newmap: HashMap::from([(1, 2)]),
            newstring: "s".into(),
            end_in_both: 12,
        },
        v,
        f,
    );
    check(
        "versioning_v2_many",
        VersioningTestV2 {
            begin_in_both: 1,
            newset: HashSet::from([1, 2, 3]),
            newmap: HashMap::from([(1, 1), (2, 4), (3, 9)]),
            ..v2()
        },
        v,
        f,
    );
    check(
        "large_deltas",
        LargeDeltas {
            b1: Bools {
                im_true: true,
                im_false: false,
            },
            b10: Bools {
                im_true: true,
                im_false: true,
            },
            b100: Bools {
                im_true: false,
                im_false: false,
            },
            check_true: true,
            b1000: Bools {
                im_true: false,
                im_false: true,
            },
            check_false: false,
            vertwo2000: VersioningTestV2 {
                begin_in_both: 2000,
                ..v2()
            },
            a_set2500: HashSet::from(["lonely".to_string()]),
            vertwo3000: VersioningTestV2 {
                end_in_both: 3000,
                ..v2()
            },
            big_numbers: vec![i32::MAX, i32::MIN, 0],
        },
        v,
        f,
    );
    check(
        "nested_lists_i32x3",
        NestedListsI32x3 {
            integerlist: vec![vec![vec![1, 2], vec![]], vec![], vec![vec![3]]],
        },
        v,
        f,
    );
    check(
        "nested_mixed",
        NestedMixedx2 {
            int_set_list: vec![HashSet::from([1]), HashSet::new()],
            map_int_strset: HashMap::from([(1, HashSet::from(["a".to_string()]))]),
            map_int_strset_list: vec![
                HashMap::from([(2, HashSet::from(["b".to_string()]))]),
                HashMap::new(),
            ],
        },
        v,
        f,
    );
    let bonk = |m: &str, t| Bonk {
        message: m.into(),
        r#type: t,
    };
    check(
        "nested_lists_bonk",
        NestedListsBonk {
            bonk: vec![vec![vec![bonk("a", 1)], vec![]], vec![vec![bonk("b", 2)]]],
        },
        v,
        f,
    );
    check("list_bonks_empty", ListBonks { bonk: vec![] }, v, f);
    check("bool_test_defaults", BoolTest::default(), v, f);
    check(
        "bool_test_set",
        BoolTest {
            b: Some(false),
            s: Some("false".into()),
        },
        v,
        f,
    );
    check(
        "struct_b",
        StructB {
            aa: Some(StructA { s: "aa".into() }),
            ab: StructA { s: "ab".into() },
        },
        v,
        f,
    );
    check(
        "struct_b_no_optional",
        StructB {
            aa: None,
            ab: StructA { s: "only".into() },
        },
        v,
        f,
    );
    check(
        "optional_set_default",
        OptionalSetDefaultTest::default(),
        v,
        f,
    );
    check(
        "optional_binary",
        OptionalBinary {
            bin_set: Some(HashSet::from([Bytes::from_static(b"\x00\xff")])),
            bin_map: Some(HashMap::from([(Bytes::from_static(b"k"), 1)])),
        },
        v,
        f,
    );
    check(
        "guess_protocol",
        GuessProtocolStruct {
            map_field: HashMap::from([("k".into(), "v".into())]),
        },
        v,
        f,
    );
    check(
        "crazy_nesting",
        CrazyNesting {
            string_field: "crazy".into(),
            set_field: Some(vec![Insanity {
                user_map: HashMap::from([(Numberz::EIGHT, 8)]),
                xtructs: vec![],
            }]),
            list_field: vec![
                vec![(HashSet::from([1]), HashMap::from([(2, vec![])]))],
                vec![],
            ],
            binary_field: Bytes::from_static(b"\x01\x02"),
            uuid_field: Uuid::default(),
        },
        v,
        f,
    );
    assert_eq!(
        vectors.as_object().unwrap().len(),
        32,
        "every vector is checked"
    );
    assert!(f.is_empty(), "{} mismatches:\n{}", f.len(), f.join("\n"));
}
