//! The trait every Thrift value implements (generated types, and the built-in types they
//! are made of), and the public serialization API: [`serialize`] and [`deserialize`], the
//! equivalents of Apache's `TSerializer` / `TDeserializer`.

use crate::error::{
    ApplicationException, ApplicationExceptionKind, Error, ProtocolError, ProtocolErrorKind,
};
use crate::limits::Limits;
use crate::protocol::{
    BinaryReader, BinaryWriter, CompactReader, CompactWriter, Counter, Protocol, ProtocolReader,
    ProtocolWriter, TType, capacity_for,
};
use bytes::{Bytes, BytesMut};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::Hash;

/// A value that travels as Thrift: its wire type, how to write it, how to read it.
///
/// Generated structs, unions, exceptions and enums implement it; so do the built-in types
/// the IDL maps to (`bool`, `i8`..`i64`, `f64`, `String`, `Bytes`, [`Uuid`], `Vec`, sets,
/// maps, `Box`). Both methods are generic over the protocol, so each use is monomorphised.
///
/// ```
/// use thrift_runtime::{Protocol, deserialize, serialize};
/// let bytes = serialize(&vec![1i32, 2, 3], Protocol::Compact).unwrap();
/// assert_eq!(&bytes[..], [0x35, 2, 4, 6]);
/// assert_eq!(deserialize::<Vec<i32>>(bytes, Protocol::Compact).unwrap(), [1, 2, 3]);
/// ```
pub trait Thrift: Sized {
    /// The wire type of the value.
    const TTYPE: TType;
    /// Writes the value.
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError>;
    /// Reads a value.
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError>;
}

/// Writes `value` alone (no message header) in `protocol`.
///
/// Fails only if the value nests deeper than the default recursion limit, or holds a
/// string, binary or container longer than `i32::MAX`.
///
/// ```
/// use thrift_runtime::{Protocol, serialize};
/// assert_eq!(&serialize(&true, Protocol::Binary).unwrap()[..], [1]);
/// ```
pub fn serialize<T: Thrift>(value: &T, protocol: Protocol) -> Result<Bytes, Error> {
    // One exact reservation, then one write: no buffer growth on the way.
    let mut buf = BytesMut::with_capacity(encoded_size(value, protocol)?);
    match protocol {
        Protocol::Binary => value.encode(&mut BinaryWriter::new(&mut buf))?,
        Protocol::Compact => value.encode(&mut CompactWriter::new(&mut buf))?,
    }
    Ok(buf.freeze())
}

/// The exact number of bytes `value` takes in `protocol`: the writer's own code run over
/// a byte counter, so it cannot disagree with what is written.
///
/// ```
/// use thrift_runtime::{Protocol, encoded_size, serialize};
/// let v = vec![String::from("a"), String::from("bc")];
/// assert_eq!(encoded_size(&v, Protocol::Compact).unwrap(), serialize(&v, Protocol::Compact).unwrap().len());
/// assert_eq!(encoded_size(&v, Protocol::Binary).unwrap(), 5 + 4 + 1 + 4 + 2);
/// ```
pub fn encoded_size<T: Thrift>(value: &T, protocol: Protocol) -> Result<usize, Error> {
    let mut n = Counter::default();
    match protocol {
        Protocol::Binary => value.encode(&mut BinaryWriter::new(&mut n))?,
        Protocol::Compact => value.encode(&mut CompactWriter::new(&mut n))?,
    }
    Ok(n.0)
}

/// Reads one `T` from `bytes` in `protocol`, within Apache's default [`Limits`]. `binary`
/// values come out as zero-copy slices of `bytes`. Bytes after the value are ignored, as
/// Apache's `TDeserializer` ignores them.
///
/// ```
/// use thrift_runtime::{Protocol, deserialize};
/// let n: i64 = deserialize(&[0x02][..], Protocol::Compact).unwrap(); // zigzag 2 = 1
/// assert_eq!(n, 1);
/// ```
pub fn deserialize<T: Thrift>(bytes: impl Into<Bytes>, protocol: Protocol) -> Result<T, Error> {
    deserialize_with_limits(bytes, protocol, Limits::DEFAULT)
}

/// [`deserialize`] within the given limits.
///
/// ```
/// use thrift_runtime::{Limits, Protocol, deserialize_with_limits};
/// let tight = Limits { recursion_depth: 1, ..Limits::DEFAULT };
/// let nested: &'static [u8] = &[0x19, 0x19, 0x15, 0x02]; // [[1]] in compact
/// assert!(deserialize_with_limits::<Vec<Vec<i32>>>(nested, thrift_runtime::Protocol::Compact, tight).is_err());
/// ```
pub fn deserialize_with_limits<T: Thrift>(
    bytes: impl Into<Bytes>,
    protocol: Protocol,
    limits: Limits,
) -> Result<T, Error> {
    let bytes = bytes.into();
    if bytes.len() > limits.max_message_size {
        return Err(ProtocolError::new(
            ProtocolErrorKind::SizeLimit,
            format!(
                "message of {} bytes exceeds the limit of {}",
                bytes.len(),
                limits.max_message_size
            ),
        )
        .into());
    }
    Ok(match protocol {
        Protocol::Binary => T::decode(&mut BinaryReader::with_limits(bytes, limits))?,
        Protocol::Compact => T::decode(&mut CompactReader::with_limits(bytes, limits))?,
    })
}

/// A `uuid` value: 16 bytes in RFC 4122 order.
///
/// ```
/// use thrift_runtime::{Protocol, Uuid, serialize};
/// let id = Uuid([0xab; 16]);
/// assert_eq!(serialize(&id, Protocol::Binary).unwrap().len(), 16);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct Uuid(pub [u8; 16]);

fn wrong_element(what: &str, found: TType, expected: TType) -> ProtocolError {
    ProtocolError::new(
        ProtocolErrorKind::InvalidData,
        format!("{what} elements of type {found:?}, expected {expected:?}"),
    )
}

macro_rules! scalar {
    ($ty:ty, $ttype:ident, $write:ident, $read:ident) => {
        impl Thrift for $ty {
            const TTYPE: TType = TType::$ttype;
            #[inline]
            fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
                w.$write(*self);
                Ok(())
            }
            #[inline]
            fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
                r.$read()
            }
        }
    };
}

scalar!(bool, Bool, write_bool, read_bool);
scalar!(i8, I8, write_i8, read_i8);
scalar!(i16, I16, write_i16, read_i16);
scalar!(i32, I32, write_i32, read_i32);
scalar!(i64, I64, write_i64, read_i64);
scalar!(f64, Double, write_double, read_double);

impl Thrift for String {
    const TTYPE: TType = TType::Binary;
    #[inline]
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        w.write_string(self)
    }
    #[inline]
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        r.read_string()
    }
}

impl Thrift for Bytes {
    const TTYPE: TType = TType::Binary;
    #[inline]
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        w.write_binary(self)
    }
    #[inline]
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        r.read_binary()
    }
}

impl Thrift for Uuid {
    const TTYPE: TType = TType::Uuid;
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        w.write_uuid(&self.0);
        Ok(())
    }
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        r.read_uuid().map(Uuid)
    }
}

impl<T: Thrift> Thrift for Box<T> {
    const TTYPE: TType = T::TTYPE;
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        (**self).encode(w)
    }
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        T::decode(r).map(Box::new)
    }
}

impl<T: Thrift> Thrift for Vec<T> {
    const TTYPE: TType = TType::List;
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        w.write_list_begin(T::TTYPE, self.len())?;
        for item in self {
            item.encode(w)?;
        }
        w.write_list_end();
        Ok(())
    }
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        let (elem, n) = r.read_list_begin()?;
        if n > 0 && elem != T::TTYPE {
            return Err(wrong_element("list", elem, T::TTYPE));
        }
        let mut out = Vec::with_capacity(capacity_for::<T>(n));
        for _ in 0..n {
            out.push(T::decode(r)?);
        }
        r.read_list_end();
        Ok(out)
    }
}

macro_rules! set {
    ($set:ident, $new:expr, $($bound:path),+) => {
        impl<T: Thrift $(+ $bound)+> Thrift for $set<T> {
            const TTYPE: TType = TType::Set;
            fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
                w.write_set_begin(T::TTYPE, self.len())?;
                for item in self {
                    item.encode(w)?;
                }
                w.write_set_end();
                Ok(())
            }
            fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
                let (elem, n) = r.read_set_begin()?;
                if n > 0 && elem != T::TTYPE {
                    return Err(wrong_element("set", elem, T::TTYPE));
                }
                let mut out: $set<T> = $new(n);
                for _ in 0..n {
                    out.insert(T::decode(r)?);
                }
                r.read_set_end();
                Ok(out)
            }
        }
    };
}

set!(
    HashSet,
    |n| HashSet::with_capacity(capacity_for::<T>(n)),
    Hash,
    Eq
);
set!(BTreeSet, |_| BTreeSet::new(), Ord);

macro_rules! map {
    ($map:ident, $new:expr, $($bound:path),+) => {
        impl<K: Thrift $(+ $bound)+, V: Thrift> Thrift for $map<K, V> {
            const TTYPE: TType = TType::Map;
            fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
                w.write_map_begin(K::TTYPE, V::TTYPE, self.len())?;
                for (k, v) in self {
                    k.encode(w)?;
                    v.encode(w)?;
                }
                w.write_map_end();
                Ok(())
            }
            fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
                let (kt, vt, n) = r.read_map_begin()?;
                if n > 0 && (kt != K::TTYPE || vt != V::TTYPE) {
                    return Err(ProtocolError::new(
                        ProtocolErrorKind::InvalidData,
                        format!("map of {kt:?} to {vt:?}, expected {:?} to {:?}", K::TTYPE, V::TTYPE),
                    ));
                }
                let mut out: $map<K, V> = $new(n);
                for _ in 0..n {
                    let k = K::decode(r)?;
                    out.insert(k, V::decode(r)?);
                }
                r.read_map_end();
                Ok(out)
            }
        }
    };
}

map!(
    HashMap,
    |n| HashMap::with_capacity(capacity_for::<(K, V)>(n)),
    Hash,
    Eq
);
map!(BTreeMap, |_| BTreeMap::new(), Ord);

impl Thrift for ApplicationException {
    const TTYPE: TType = TType::Struct;

    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        let scope = w.write_struct_begin()?;
        w.write_field_begin(TType::Binary, 1);
        w.write_string(&self.message)?;
        w.write_field_begin(TType::I32, 2);
        w.write_i32(self.kind.0);
        w.write_field_stop();
        w.write_struct_end(scope);
        Ok(())
    }

    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        let scope = r.read_struct_begin()?;
        let mut out = ApplicationException::default();
        while let Some((t, id)) = r.read_field_begin()? {
            match (id, t) {
                (1, TType::Binary) => out.message = r.read_string()?,
                (2, TType::I32) => out.kind = ApplicationExceptionKind(r.read_i32()?),
                _ => r.skip(t)?,
            }
        }
        r.read_struct_end(scope);
        Ok(out)
    }
}
