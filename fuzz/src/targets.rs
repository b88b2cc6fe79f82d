//! What each fuzz target does with its input. Shared by the libFuzzer targets and by the
//! stable replay test (thrift-runtime/tests/fuzz_replay.rs), which includes this file.
//! Any outcome is fine except a panic, a hang or a runaway allocation.

use bytes::Bytes;
use std::collections::{BTreeMap, HashMap, HashSet};
use thrift_runtime::protocol::{BinaryReader, CompactReader, ProtocolReader, TType};
use thrift_runtime::{ApplicationException, Limits, Protocol, Thrift, Uuid, deserialize};

/// A message as a server reads it: header, then the body as a known type, else skipped.
fn message<R: ProtocolReader>(mut r: R) {
    if r.read_message_begin().is_ok() {
        let _ = ApplicationException::decode(&mut r);
    }
}

fn typed(data: &Bytes, p: Protocol) {
    let _ = deserialize::<Vec<String>>(data.clone(), p);
    let _ = deserialize::<HashMap<i32, Vec<Bytes>>>(data.clone(), p);
    let _ = deserialize::<BTreeMap<String, HashSet<i64>>>(data.clone(), p);
    let _ = deserialize::<Vec<Vec<Vec<bool>>>>(data.clone(), p);
    let _ = deserialize::<Vec<f64>>(data.clone(), p);
    let _ = deserialize::<Vec<Uuid>>(data.clone(), p);
    let _ = deserialize::<ApplicationException>(data.clone(), p);
}

/// Decode of a message and of typed values in the binary protocol.
pub(crate) fn decode_binary(data: &[u8]) {
    let data = Bytes::copy_from_slice(data);
    message(BinaryReader::new(data.clone()));
    typed(&data, Protocol::Binary);
}

/// Decode of a message and of typed values in the compact protocol.
pub(crate) fn decode_compact(data: &[u8]) {
    let data = Bytes::copy_from_slice(data);
    message(CompactReader::new(data.clone()));
    typed(&data, Protocol::Compact);
}

/// Skip of every type, in both protocols; the first byte picks the type.
pub(crate) fn skip(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let types = [
        TType::Bool,
        TType::I8,
        TType::I16,
        TType::I32,
        TType::I64,
        TType::Double,
        TType::Binary,
        TType::Struct,
        TType::Map,
        TType::Set,
        TType::List,
        TType::Uuid,
    ];
    let t = types[usize::from(first) % types.len()];
    let rest = Bytes::copy_from_slice(rest);
    let limits = Limits::DEFAULT;
    let _ = BinaryReader::with_limits(rest.clone(), limits).skip(t);
    let _ = CompactReader::with_limits(rest, limits).skip(t);
}

/// What a buffered codec makes of `stream` fed in pieces of the given sizes (cycled): the
/// messages cut, then the first error or how many bytes are left waiting.
pub(crate) fn feed_buffered(
    p: Protocol,
    stream: &[u8],
    pieces: &[usize],
) -> (Vec<Bytes>, Result<usize, thrift_runtime::ProtocolErrorKind>) {
    use bytes::BytesMut;
    use thrift_runtime::transport::{Codec, Transport};
    let mut codec = Codec::new(Transport::Buffered, p, Limits::DEFAULT);
    let mut buf = BytesMut::new();
    let mut got = Vec::new();
    let mut at = 0;
    for size in pieces.iter().cycle() {
        if at == stream.len() {
            break;
        }
        let end = (at + (*size).max(1)).min(stream.len());
        buf.extend_from_slice(&stream[at..end]);
        at = end;
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(m)) => got.push(m),
                Ok(None) => break,
                Err(e) => return (got, Err(e.kind())),
            }
        }
    }
    (got, Ok(buf.len()))
}

/// Unframed messages cut from a stream: the bytes fed in pieces must give what they give fed
/// whole (the same messages, then the same error or the same bytes left waiting). The first
/// byte picks the protocol (low bit) and the piece size (the rest).
pub(crate) fn buffered(data: &[u8]) {
    let Some((&first, stream)) = data.split_first() else {
        return;
    };
    let p = if first & 1 == 0 {
        Protocol::Binary
    } else {
        Protocol::Compact
    };
    let piece = usize::from(first >> 1) + 1;
    let whole = feed_buffered(p, stream, &[stream.len().max(1)]);
    let pieces = feed_buffered(p, stream, &[piece]);
    assert_eq!(pieces, whole, "fed in pieces of {piece}");
}
