//! Property tests on generated types: encode -> decode is the identity, and
//! `encoded_size` equals the bytes written, in both protocols.

use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use thrift_runtime::{Bytes, Protocol, Uuid, deserialize, encoded_size, serialize};

mod everything {
    thrift_runtime::thrift_include!("idl/everything.thrift");
}

use everything::base::{Color, Point};
use everything::{Choice, Level, Record};

fn point() -> impl Strategy<Value = Point> {
    (any::<i32>(), any::<i32>()).prop_map(|(x, y)| Point { x, y })
}

fn record() -> impl Strategy<Value = Record> {
    let leaf = (
        any::<i64>(),
        proptest::option::of(".{0,12}"),
        any::<i32>().prop_map(Level),
        proptest::collection::vec(point(), 0..20),
        proptest::collection::hash_map(
            any::<i32>().prop_map(Color),
            proptest::collection::hash_set(any::<i64>(), 0..4),
            0..4,
        ),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(Bytes::from),
        any::<[u8; 16]>().prop_map(Uuid),
    )
        .prop_map(|(key, note, level, path, tags, blob, id)| Record {
            key,
            note,
            level,
            path,
            tags: tags as HashMap<Color, HashSet<i64>>,
            blob,
            id,
            parent: None,
        });
    leaf.prop_recursive(3, 8, 1, |inner| {
        (inner.clone(), proptest::option::of(inner)).prop_map(|(mut r, parent)| {
            r.parent = parent.map(Box::new);
            r
        })
    })
}

fn check<T: thrift_runtime::Thrift + PartialEq + std::fmt::Debug>(
    v: &T,
) -> Result<(), TestCaseError> {
    for p in [Protocol::Binary, Protocol::Compact] {
        let bytes = serialize(v, p).unwrap();
        prop_assert_eq!(encoded_size(v, p).unwrap(), bytes.len());
        prop_assert_eq!(&deserialize::<T>(bytes, p).unwrap(), v);
    }
    Ok(())
}

proptest! {
    #[test]
    fn records_round_trip(r in record()) {
        check(&r)?;
    }

    #[test]
    fn unions_round_trip(n in any::<i32>(), s in ".{0,20}", which in any::<bool>()) {
        let c = if which { Choice::Number(n) } else { Choice::Text(s) };
        check(&c)?;
    }
}
