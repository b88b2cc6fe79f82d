//! Hostile input: every one of these gets an error, never a panic, a hang or an unbounded
//! allocation. The list follows ../shared/WIRE.md and the CVEs other Thrift libraries had.

mod common;

use bytes::{Bytes, BytesMut};
use common::Value;
use std::collections::HashMap;
use thrift_runtime::protocol::{
    BinaryReader, BinaryWriter, CompactReader, CompactWriter, ProtocolReader, ProtocolWriter, TType,
};
use thrift_runtime::{
    Limits, Protocol, ProtocolErrorKind, Thrift, deserialize, deserialize_with_limits,
};

fn binary(bytes: &[u8]) -> BinaryReader {
    BinaryReader::new(Bytes::copy_from_slice(bytes))
}

fn compact(bytes: &[u8]) -> CompactReader {
    CompactReader::new(Bytes::copy_from_slice(bytes))
}

fn kind<T: std::fmt::Debug>(r: Result<T, thrift_runtime::ProtocolError>) -> ProtocolErrorKind {
    r.expect_err("must be an error").kind()
}

#[test]
fn negative_lengths_and_sizes() {
    // binary: string length -1, list size -1, map size -1
    assert_eq!(
        kind(binary(&[0xff, 0xff, 0xff, 0xff]).read_binary()),
        ProtocolErrorKind::NegativeSize
    );
    assert_eq!(
        kind(binary(&[0x08, 0xff, 0xff, 0xff, 0xff]).read_list_begin()),
        ProtocolErrorKind::NegativeSize
    );
    assert_eq!(
        kind(binary(&[0x08, 0x08, 0x80, 0, 0, 0]).read_map_begin()),
        ProtocolErrorKind::NegativeSize
    );
    // compact: lengths are unsigned varints; one that reads as a negative i32
    assert_eq!(
        kind(compact(&[0xff, 0xff, 0xff, 0xff, 0x0f]).read_binary()),
        ProtocolErrorKind::NegativeSize
    );
    assert_eq!(
        kind(compact(&[0xf5, 0x80, 0x80, 0x80, 0x80, 0x08]).read_list_begin()),
        ProtocolErrorKind::NegativeSize
    );
    assert_eq!(
        kind(compact(&[0xff, 0xff, 0xff, 0xff, 0x0f, 0x55]).read_map_begin()),
        ProtocolErrorKind::NegativeSize
    );
}

#[test]
fn lengths_larger_than_the_message() {
    // CVE-2020-13949: string length 0x7FFFFFF0 with 10 bytes behind it.
    let mut b = vec![0x7f, 0xff, 0xff, 0xf0];
    b.extend([b'x'; 10]);
    assert_eq!(kind(binary(&b).read_binary()), ProtocolErrorKind::SizeLimit);
    assert_eq!(kind(binary(&b).read_string()), ProtocolErrorKind::SizeLimit);
    // 5 bytes claimed, 4 present: the message ended early (a buffered transport reads on)
    assert_eq!(
        kind(compact(&[0x05, 1, 2, 3, 4]).read_binary()),
        ProtocolErrorKind::UnexpectedEnd
    );
}

#[test]
fn a_huge_list_in_a_tiny_message_fails_at_once() {
    // CVE-2019-3553: list<i64> of 0x7FFFFFFF elements and no bytes.
    let b = [0x0a, 0x7f, 0xff, 0xff, 0xff];
    assert_eq!(
        kind(deserialize_vec::<i64>(&b, Protocol::Binary)),
        ProtocolErrorKind::SizeLimit
    );
    let c = [0xf6, 0xff, 0xff, 0xff, 0xff, 0x07];
    assert_eq!(
        kind(deserialize_vec::<i64>(&c, Protocol::Compact)),
        ProtocolErrorKind::SizeLimit
    );
    // 2^31 - 1 bools (1 byte each) with 10 bytes behind: still refused by the count check.
    let mut b = vec![0x02, 0x7f, 0xff, 0xff, 0xff];
    b.extend([1u8; 10]);
    assert_eq!(
        kind(deserialize_vec::<bool>(&b, Protocol::Binary)),
        ProtocolErrorKind::SizeLimit
    );
}

fn deserialize_vec<T: Thrift>(
    bytes: &[u8],
    p: Protocol,
) -> Result<Vec<T>, thrift_runtime::ProtocolError> {
    match deserialize::<Vec<T>>(Bytes::copy_from_slice(bytes), p) {
        Ok(v) => Ok(v),
        Err(thrift_runtime::Error::Protocol(e)) => Err(e),
        Err(other) => panic!("{other}"),
    }
}

#[test]
fn unknown_type_ids_in_field_headers_and_containers() {
    assert_eq!(
        kind(binary(&[0x11, 0, 1]).read_field_begin()),
        ProtocolErrorKind::InvalidData
    );
    assert_eq!(
        kind(binary(&[0x01, 0, 1]).read_field_begin()),
        ProtocolErrorKind::InvalidData
    );
    assert_eq!(
        kind(compact(&[0x1e]).read_field_begin()),
        ProtocolErrorKind::InvalidData
    );
    // CVE-2019-0205: an element type that is unknown (0x11) or STOP, with a huge count.
    assert_eq!(
        kind(binary(&[0x11, 0x7f, 0xff, 0xff, 0xff]).read_list_begin()),
        ProtocolErrorKind::InvalidData
    );
    assert_eq!(
        kind(binary(&[0x00, 0x7f, 0xff, 0xff, 0xff]).read_list_begin()),
        ProtocolErrorKind::InvalidData
    );
    assert_eq!(
        kind(binary(&[0x00, 0x08, 0x7f, 0xff, 0xff, 0xff]).read_map_begin()),
        ProtocolErrorKind::InvalidData
    );
    assert_eq!(
        kind(compact(&[0xf0, 0xff, 0xff, 0xff, 0xff, 0x07]).read_list_begin()),
        ProtocolErrorKind::InvalidData
    );
    assert_eq!(
        kind(compact(&[0x01, 0xe5]).read_map_begin()),
        ProtocolErrorKind::InvalidData
    );
    // ... also when met while skipping an unknown field.
    let mut r = binary(&[0x0f, 0x00, 0x01, 0x00, 0x7f, 0xff, 0xff, 0xff]);
    let (t, _) = r.read_field_begin().unwrap().unwrap();
    assert_eq!(kind(r.skip(t)), ProtocolErrorKind::InvalidData);
}

#[test]
fn overlong_and_overflowing_varints() {
    // `FF FF FF FF 7F` read as i32: bits beyond 32.
    assert_eq!(
        kind(compact(&[0xff, 0xff, 0xff, 0xff, 0x7f]).read_i32()),
        ProtocolErrorKind::InvalidData
    );
    // A 6-byte varint32.
    assert_eq!(
        kind(compact(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).read_i32()),
        ProtocolErrorKind::InvalidData
    );
    // An 11-byte varint64.
    let eleven = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x00,
    ];
    assert_eq!(
        kind(compact(&eleven).read_i64()),
        ProtocolErrorKind::InvalidData
    );
    // A 10-byte varint64 with bits beyond 64.
    let ten = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
    assert_eq!(
        kind(compact(&ten).read_i64()),
        ProtocolErrorKind::InvalidData
    );
    // i16 beyond 16 bits.
    assert_eq!(
        kind(compact(&[0xff, 0xff, 0x04]).read_i16()),
        ProtocolErrorKind::InvalidData
    );
    // The largest legal values still read.
    assert_eq!(
        compact(&[0xfe, 0xff, 0xff, 0xff, 0x0f]).read_i32().unwrap(),
        i32::MAX
    );
    assert_eq!(
        compact(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
            .read_i64()
            .unwrap(),
        i64::MIN
    );
    // A varint cut short.
    assert_eq!(
        kind(compact(&[0x80, 0x80]).read_i32()),
        ProtocolErrorKind::UnexpectedEnd
    );
}

#[test]
fn invalid_utf8_in_a_string_is_an_error_but_skipping_it_is_not() {
    let bad = [0, 0, 0, 2, 0xc3, 0x28];
    assert_eq!(
        kind(binary(&bad).read_string()),
        ProtocolErrorKind::InvalidData
    );
    assert!(binary(&bad).skip(TType::Binary).is_ok());
    assert_eq!(
        binary(&bad).read_binary().unwrap(),
        Bytes::from_static(&[0xc3, 0x28])
    );
    assert!(
        deserialize::<String>(Bytes::from_static(&[2, 0xff, 0xfe]), Protocol::Compact).is_err()
    );
}

#[test]
fn compact_bool_bytes_other_than_1_and_2() {
    assert!(compact(&[1]).read_bool().unwrap());
    assert!(!compact(&[2]).read_bool().unwrap());
    assert!(
        !compact(&[0]).read_bool().unwrap(),
        "0 is accepted as false"
    );
    for b in [3u8, 0x11, 0xff] {
        assert_eq!(
            kind(compact(&[b]).read_bool()),
            ProtocolErrorKind::InvalidData,
            "byte {b}"
        );
    }
    // ... inside a list<bool>
    assert!(
        deserialize::<Vec<bool>>(Bytes::from_static(&[0x31, 1, 2, 3]), Protocol::Compact).is_err()
    );
    assert_eq!(
        deserialize::<Vec<bool>>(Bytes::from_static(&[0x31, 1, 2, 0]), Protocol::Compact).unwrap(),
        [true, false, false]
    );
}

#[test]
fn bad_message_headers() {
    // binary: bad version
    assert_eq!(
        kind(binary(&[0x80, 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]).read_message_begin()),
        ProtocolErrorKind::BadVersion
    );
    // binary: message type outside 1..=4, or with high bits set
    for t in [0u8, 5, 0x09, 0xf1] {
        let r = binary(&[0x80, 0x01, 0x00, t, 0, 0, 0, 0, 0, 0, 0, 0]).read_message_begin();
        assert_eq!(kind(r), ProtocolErrorKind::InvalidData, "type {t:#x}");
    }
    // binary non-strict: a name length of 2,000,000,000
    let len = 2_000_000_000i32.to_be_bytes();
    assert_eq!(
        kind(binary(&[len[0], len[1], len[2], len[3], b'a']).read_message_begin()),
        ProtocolErrorKind::SizeLimit
    );
    // binary non-strict headers are still read
    let old = [0, 0, 0, 2, b'h', b'i', 1, 0, 0, 0, 9];
    let h = binary(&old).read_message_begin().unwrap();
    assert_eq!((h.name.as_str(), h.seqid), ("hi", 9));
    // compact: another protocol id, another version, a bad type
    assert_eq!(
        kind(compact(&[0x83, 0x21, 0, 0]).read_message_begin()),
        ProtocolErrorKind::BadVersion
    );
    assert_eq!(
        kind(compact(&[0x82, 0x22, 0, 0]).read_message_begin()),
        ProtocolErrorKind::BadVersion
    );
    assert_eq!(
        kind(compact(&[0x82, 0xa1, 0, 0]).read_message_begin()),
        ProtocolErrorKind::InvalidData
    );
}

#[test]
fn field_id_32767_then_a_delta() {
    // long form id 32767 (zigzag 65534 = FE FF 03), then a short delta of 1
    let mut r = compact(&[0x05, 0xfe, 0xff, 0x03, 0x00, 0x15, 0x00]);
    assert_eq!(r.read_field_begin().unwrap(), Some((TType::I32, 32767)));
    r.read_i32().unwrap();
    assert_eq!(kind(r.read_field_begin()), ProtocolErrorKind::InvalidData);
}

/// `depth` structs, each the field 1 of the one outside it.
fn nested_structs(depth: usize) -> Value {
    let mut v = Value::Struct(vec![]);
    for _ in 1..depth {
        v = Value::Struct(vec![(1, v)]);
    }
    v
}

fn nested_lists(depth: usize) -> Value {
    let mut v = Value::List(TType::I32, vec![]);
    for _ in 1..depth {
        v = Value::List(TType::List, vec![v]);
    }
    v
}

fn nested_maps(depth: usize) -> Value {
    let mut v = Value::Map(TType::I32, TType::I32, vec![]);
    for _ in 1..depth {
        v = Value::Map(TType::I32, TType::Map, vec![(Value::I32(1), v)]);
    }
    v
}

/// `depth` levels of nesting, as raw bytes (a `Value` that deep would overflow the test's
/// own stack).
fn very_deep(what: &str, p: Protocol, depth: usize) -> Bytes {
    let (open, close): (&[u8], &[u8]) = match (what, p) {
        ("structs", Protocol::Binary) => (&[0x0c, 0x00, 0x01], &[0x00]),
        ("structs", Protocol::Compact) => (&[0x1c], &[0x00]),
        ("lists", Protocol::Binary) => (&[0x0f, 0, 0, 0, 1], &[]),
        ("lists", Protocol::Compact) => (&[0x19], &[]),
        ("maps", Protocol::Binary) => (&[0x08, 0x0d, 0, 0, 0, 1, 0, 0, 0, 1], &[]),
        ("maps", Protocol::Compact) => (&[0x01, 0x5b, 0x02], &[]),
        _ => unreachable!(),
    };
    let mut out = open.repeat(depth);
    out.extend(close.repeat(depth + 1));
    Bytes::from(out)
}

/// Writes `v` with no depth limit (as a hostile peer would).
fn unlimited_bytes(v: &Value, p: Protocol) -> Bytes {
    let limits = Limits {
        recursion_depth: u32::MAX,
        ..Limits::DEFAULT
    };
    let mut buf = BytesMut::new();
    match p {
        Protocol::Binary => v
            .write(&mut BinaryWriter::with_limits(&mut buf, &limits))
            .unwrap(),
        Protocol::Compact => v
            .write(&mut CompactWriter::with_limits(&mut buf, &limits))
            .unwrap(),
    }
    buf.freeze()
}

fn read_value(bytes: Bytes, p: Protocol, t: TType) -> Result<Value, thrift_runtime::ProtocolError> {
    match p {
        Protocol::Binary => Value::read(&mut BinaryReader::new(bytes), t),
        Protocol::Compact => Value::read(&mut CompactReader::new(bytes), t),
    }
}

fn skip_value(bytes: Bytes, p: Protocol, t: TType) -> Result<(), thrift_runtime::ProtocolError> {
    match p {
        Protocol::Binary => BinaryReader::new(bytes).skip(t),
        Protocol::Compact => CompactReader::new(bytes).skip(t),
    }
}

#[test]
fn nesting_deeper_than_the_limit_in_decode_and_skip() {
    for p in [Protocol::Binary, Protocol::Compact] {
        for (name, make, t) in [
            (
                "structs",
                nested_structs as fn(usize) -> Value,
                TType::Struct,
            ),
            ("lists", nested_lists, TType::List),
            ("maps", nested_maps, TType::Map),
        ] {
            let ok = unlimited_bytes(&make(64), p);
            assert!(
                read_value(ok.clone(), p, t).is_ok(),
                "{p:?} {name}: 64 levels read"
            );
            assert!(
                skip_value(ok, p, t).is_ok(),
                "{p:?} {name}: 64 levels skipped"
            );
            let deep = unlimited_bytes(&make(65), p);
            assert_eq!(
                kind(read_value(deep.clone(), p, t)),
                ProtocolErrorKind::DepthLimit,
                "{p:?} {name} read"
            );
            assert_eq!(
                kind(skip_value(deep, p, t)),
                ProtocolErrorKind::DepthLimit,
                "{p:?} {name} skip"
            );
            // Far deeper than any stack would survive without the limit.
            let very = very_deep(name, p, 100_000);
            assert_eq!(
                kind(read_value(very.clone(), p, t)),
                ProtocolErrorKind::DepthLimit,
                "{p:?} {name} deep read"
            );
            assert_eq!(
                kind(skip_value(very, p, t)),
                ProtocolErrorKind::DepthLimit,
                "{p:?} {name} deep skip"
            );
        }
    }
}

#[test]
fn nesting_deeper_than_the_limit_on_write() {
    let mut buf = BytesMut::new();
    assert!(
        nested_structs(64)
            .write(&mut BinaryWriter::new(&mut buf))
            .is_ok()
    );
    assert_eq!(
        kind(nested_structs(65).write(&mut BinaryWriter::new(&mut buf))),
        ProtocolErrorKind::DepthLimit
    );
    assert_eq!(
        kind(nested_lists(65).write(&mut CompactWriter::new(&mut buf))),
        ProtocolErrorKind::DepthLimit
    );
}

#[test]
fn unknown_field_of_65_nested_structs_is_refused_by_skip() {
    // A known struct with an unknown field 9 holding 65 nested structs.
    let hostile = Value::Struct(vec![(9, nested_structs(65))]);
    for p in [Protocol::Binary, Protocol::Compact] {
        let bytes = unlimited_bytes(&hostile, p);
        let r = match p {
            Protocol::Binary => skip_value(bytes, p, TType::Struct),
            Protocol::Compact => skip_value(bytes, p, TType::Struct),
        };
        assert_eq!(kind(r), ProtocolErrorKind::DepthLimit);
    }
}

#[test]
fn truncation_at_every_byte_of_a_valid_message() {
    let msg = Value::Struct(vec![
        (1, Value::Binary(b"John".to_vec())),
        (2, Value::I32(25)),
        (3, Value::Bool(true)),
        (
            4,
            Value::List(TType::Double, vec![Value::Double(1.5), Value::Double(-2.0)]),
        ),
        (
            5,
            Value::Map(
                TType::Binary,
                TType::I64,
                vec![(Value::Binary(b"k".to_vec()), Value::I64(1 << 40))],
            ),
        ),
        (
            6,
            Value::Struct(vec![(1, Value::Uuid([7; 16])), (300, Value::Bool(false))]),
        ),
        (7, Value::Set(TType::Bool, vec![Value::Bool(true)])),
    ]);
    for p in [Protocol::Binary, Protocol::Compact] {
        let full = unlimited_bytes(&msg, p);
        assert_eq!(read_value(full.clone(), p, TType::Struct).unwrap(), msg);
        for cut in 0..full.len() {
            let prefix = full.slice(..cut);
            assert!(
                read_value(prefix.clone(), p, TType::Struct).is_err(),
                "{p:?} read cut at {cut}"
            );
            assert!(
                skip_value(prefix, p, TType::Struct).is_err(),
                "{p:?} skip cut at {cut}"
            );
        }
    }
}

#[test]
fn message_size_limit() {
    let limits = Limits {
        max_message_size: 8,
        ..Limits::DEFAULT
    };
    let bytes = Bytes::from_static(&[0; 9]);
    assert!(deserialize_with_limits::<Vec<i8>>(bytes, Protocol::Binary, limits).is_err());
    let limits = Limits {
        max_length: 3,
        ..Limits::DEFAULT
    };
    let four = Bytes::from_static(&[4, b'a', b'b', b'c', b'd']);
    assert!(deserialize_with_limits::<String>(four, Protocol::Compact, limits).is_err());
}

#[test]
fn element_types_that_do_not_match_are_errors() {
    // A list<string> where list<i32> is due, and a map<i32, i32> where map<string, i32> is.
    assert!(deserialize::<Vec<i32>>(Bytes::from_static(&[0x18, 0x00]), Protocol::Compact).is_err());
    let m: &'static [u8] = &[0x08, 0x08, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2];
    assert!(deserialize::<HashMap<String, i32>>(m, Protocol::Binary).is_err());
}

#[test]
fn writers_refuse_lengths_beyond_i32() {
    let mut buf = BytesMut::new();
    let mut w = BinaryWriter::new(&mut buf);
    assert_eq!(
        kind(w.write_list_begin(TType::I8, 1 << 31)),
        ProtocolErrorKind::SizeLimit
    );
    let mut w = CompactWriter::new(&mut buf);
    assert_eq!(
        kind(w.write_map_begin(TType::I8, TType::I8, 1 << 31)),
        ProtocolErrorKind::SizeLimit
    );
}
