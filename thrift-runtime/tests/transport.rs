//! Cutting messages out of a stream: bytes fed one at a time, two messages back to back,
//! and the frame lengths that broke other libraries.

mod common;
#[allow(dead_code, reason = "the other fuzz targets are not used here")]
#[path = "../../fuzz/src/targets.rs"]
mod targets;

use bytes::{Bytes, BytesMut};
use common::Value;
use proptest::prelude::*;
use thrift_runtime::protocol::{
    BinaryWriter, CompactWriter, MessageHeader, MessageType, ProtocolWriter, TType,
};
use thrift_runtime::transport::{Codec, Transport};
use thrift_runtime::{Limits, Protocol, ProtocolErrorKind};

fn message(p: Protocol, seqid: i32) -> Bytes {
    let body = Value::Struct(vec![
        (
            1,
            Value::Struct(vec![
                (1, Value::Binary(b"John".to_vec())),
                (2, Value::I32(25)),
                (3, Value::Bool(true)),
            ]),
        ),
        (
            2,
            Value::List(TType::Binary, vec![Value::Binary(vec![b'x'; 300]); 3]),
        ),
        (3, Value::Map(TType::I32, TType::Double, vec![])),
    ]);
    message_of(p, seqid, &body)
}

fn framed(m: &Bytes) -> Vec<u8> {
    let mut v = (m.len() as i32).to_be_bytes().to_vec();
    v.extend_from_slice(m);
    v
}

#[test]
fn bytes_fed_one_at_a_time_give_each_message_once() {
    for p in [Protocol::Binary, Protocol::Compact] {
        for t in [Transport::Buffered, Transport::Framed] {
            let (m1, m2) = (message(p, 1), message(p, 2));
            let mut stream = Vec::new();
            for m in [&m1, &m2] {
                match t {
                    Transport::Buffered => stream.extend_from_slice(m),
                    Transport::Framed => stream.extend(framed(m)),
                }
            }
            let mut codec = Codec::new(t, p, Limits::DEFAULT);
            let mut buf = BytesMut::new();
            let mut got = Vec::new();
            for b in &stream {
                buf.extend_from_slice(&[*b]);
                while let Some(m) = codec.decode(&mut buf).unwrap() {
                    got.push(m);
                }
            }
            assert_eq!(got, [m1, m2], "{p:?} {t:?}");
            assert!(buf.is_empty());
        }
    }
}

#[test]
fn hostile_frame_lengths() {
    let limits = Limits::DEFAULT;
    for (prefix, kind) in [
        ([0x80, 0, 0, 0], ProtocolErrorKind::NegativeSize),
        ([0xff, 0xff, 0xff, 0xff], ProtocolErrorKind::NegativeSize),
        (
            (limits.max_frame_size as i32 + 1).to_be_bytes(),
            ProtocolErrorKind::SizeLimit,
        ),
    ] {
        let mut codec = Codec::new(Transport::Framed, Protocol::Binary, limits);
        let mut buf = BytesMut::from(&prefix[..]);
        assert_eq!(
            codec.decode(&mut buf).unwrap_err().kind(),
            kind,
            "{prefix:02x?}"
        );
    }
    // A frame at the limit, then silence: waits, having reserved no more than the limit.
    let mut codec = Codec::new(Transport::Framed, Protocol::Binary, limits);
    let mut buf = BytesMut::from(&(limits.max_frame_size as i32).to_be_bytes()[..]);
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    // A zero-length frame is a message of no bytes (which the server then cannot read).
    let mut buf = BytesMut::from(&[0u8, 0, 0, 0][..]);
    assert_eq!(codec.decode(&mut buf).unwrap(), Some(Bytes::new()));
}

#[test]
fn buffered_garbage_is_an_error_not_a_wait() {
    let mut codec = Codec::new(Transport::Buffered, Protocol::Binary, Limits::DEFAULT);
    let mut buf = BytesMut::from(&[0x80, 0x02, 0, 1, 0, 0, 0, 0][..]);
    assert_eq!(
        codec.decode(&mut buf).unwrap_err().kind(),
        ProtocolErrorKind::BadVersion
    );
    // A string claiming more than any message may hold fails at once.
    let mut codec = Codec::new(Transport::Buffered, Protocol::Binary, Limits::DEFAULT);
    let mut buf = BytesMut::from(&[0x80, 0x01, 0, 1, 0x7f, 0xff, 0xff, 0xf0, b'a'][..]);
    assert_eq!(
        codec.decode(&mut buf).unwrap_err().kind(),
        ProtocolErrorKind::SizeLimit
    );
}

/// A message around `body`: a call header, then the struct.
fn message_of(p: Protocol, seqid: i32, body: &Value) -> Bytes {
    let header = MessageHeader {
        name: "doSomething".into(),
        kind: MessageType::Call,
        seqid,
    };
    let mut buf = BytesMut::new();
    match p {
        Protocol::Binary => {
            let mut w = BinaryWriter::new(&mut buf);
            w.write_message_begin(&header).unwrap();
            body.write(&mut w).unwrap();
        }
        Protocol::Compact => {
            let mut w = CompactWriter::new(&mut buf);
            w.write_message_begin(&header).unwrap();
            body.write(&mut w).unwrap();
        }
    }
    buf.freeze()
}

proptest! {
    #[test]
    fn buffered_messages_cut_alike_in_any_pieces(
        a in common::value().prop_map(common::wrap),
        b in common::value().prop_map(common::wrap),
        compact in any::<bool>(),
        pieces in proptest::collection::vec(1usize..200, 1..8),
    ) {
        // The walk picks up where it stopped: whatever the pieces, each message comes out
        // whole, once, in order.
        let p = if compact { Protocol::Compact } else { Protocol::Binary };
        let (m1, m2) = (message_of(p, 1, &a), message_of(p, 2, &b));
        let stream = [&m1[..], &m2[..]].concat();
        let (got, rest) = targets::feed_buffered(p, &stream, &pieces);
        prop_assert_eq!(got, vec![m1, m2]);
        prop_assert_eq!(rest, Ok(0));
    }

    #[test]
    fn buffered_damage_fares_the_same_in_pieces_as_whole(
        v in common::value().prop_map(common::wrap),
        compact in any::<bool>(),
        damage in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in any::<prop::sample::Index>(),
        junk in proptest::collection::vec(any::<u8>(), 0..64),
        pieces in proptest::collection::vec(1usize..40, 1..8),
    ) {
        // A valid message with a few bytes overwritten, cut short, and junk after it: the same
        // messages, the same error or the same bytes left waiting, whether it all arrives at
        // once or in pieces.
        let p = if compact { Protocol::Compact } else { Protocol::Binary };
        let mut bytes = message_of(p, 1, &v).to_vec();
        for (at, b) in damage {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        bytes.truncate(cut.index(bytes.len() + 1).max(1));
        bytes.extend(junk);
        let whole = targets::feed_buffered(p, &bytes, &[bytes.len()]);
        prop_assert_eq!(targets::feed_buffered(p, &bytes, &pieces), whole);
    }
}
