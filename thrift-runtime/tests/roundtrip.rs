//! Property tests: any value written by either protocol reads back to itself, and `skip`
//! consumes exactly the bytes the value took. (Agreement with Apache is golden.rs's job.)

mod common;

use bytes::BytesMut;
use common::{Value, value, wrap};
use proptest::prelude::*;
use thrift_runtime::protocol::{
    BinaryReader, BinaryWriter, CompactReader, CompactWriter, ProtocolReader, TType,
};

/// What a reader makes of its bytes: the value or the error, and where it stopped.
fn read_all<R: ProtocolReader>(mut r: R) -> (Result<Value, String>, usize) {
    let v = Value::read(&mut r, TType::Struct).map_err(|e| e.to_string());
    (v, r.remaining())
}

proptest! {
    #[test]
    fn binary_round_trip(v in value().prop_map(wrap)) {
        let mut buf = BytesMut::new();
        v.write(&mut BinaryWriter::new(&mut buf)).unwrap();
        let bytes = buf.freeze();
        prop_assert_eq!(Value::read(&mut BinaryReader::new(bytes.clone()), TType::Struct).unwrap(), v);
        let mut r = BinaryReader::new(bytes);
        r.skip(TType::Struct).unwrap();
        prop_assert_eq!(r.remaining(), 0);
    }

    #[test]
    fn compact_round_trip(v in value().prop_map(wrap)) {
        let mut buf = BytesMut::new();
        v.write(&mut CompactWriter::new(&mut buf)).unwrap();
        let bytes = buf.freeze();
        prop_assert_eq!(Value::read(&mut CompactReader::new(bytes.clone()), TType::Struct).unwrap(), v);
        let mut r = CompactReader::new(bytes);
        r.skip(TType::Struct).unwrap();
        prop_assert_eq!(r.remaining(), 0);
    }

    #[test]
    fn owned_borrowed_and_slice_inputs_read_alike(
        v in value().prop_map(wrap),
        junk in proptest::collection::vec(any::<u8>(), 0..64),
        cut in any::<proptest::sample::Index>(),
    ) {
        // A valid message, a truncated one and arbitrary bytes: the same value or the same
        // error, and the same position, whichever `Input` the reader is over.
        let mut bin = BytesMut::new();
        v.write(&mut BinaryWriter::new(&mut bin)).unwrap();
        let mut com = BytesMut::new();
        v.write(&mut CompactWriter::new(&mut com)).unwrap();
        let (bin, com) = (bin.freeze(), com.freeze());
        let inputs = [
            bin.clone(),
            bin.slice(..cut.index(bin.len())),
            com.clone(),
            com.slice(..cut.index(com.len())),
            bytes::Bytes::from(junk),
        ];
        for bytes in inputs {
            let owned = read_all(BinaryReader::new(bytes.clone()));
            prop_assert_eq!(&owned, &read_all(BinaryReader::new(&bytes)));
            prop_assert_eq!(&owned, &read_all(BinaryReader::new(&bytes[..])));
            let owned = read_all(CompactReader::new(bytes.clone()));
            prop_assert_eq!(&owned, &read_all(CompactReader::new(&bytes)));
            prop_assert_eq!(&owned, &read_all(CompactReader::new(&bytes[..])));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let b = bytes::Bytes::from(bytes);
        let _ = Value::read(&mut BinaryReader::new(b.clone()), TType::Struct);
        let _ = Value::read(&mut CompactReader::new(b.clone()), TType::Struct);
        let _ = BinaryReader::new(b.clone()).read_message_begin();
        let _ = CompactReader::new(b.clone()).read_message_begin();
        let _ = BinaryReader::new(b.clone()).skip(TType::Map);
        let _ = CompactReader::new(b).skip(TType::List);
    }
}
