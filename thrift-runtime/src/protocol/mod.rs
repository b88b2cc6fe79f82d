//! The wire formats: the traits generated code calls, and their binary and compact
//! implementations. Sans-IO: writers append to a `BytesMut`, readers read one whole received
//! message from a `Bytes`, so decoding never waits and `binary` values are zero-copy slices.

pub mod binary;
pub mod compact;
mod input;
mod skip;

use crate::error::{ProtocolError, ProtocolErrorKind};
use bytes::Bytes;

pub use binary::{BinaryReader, BinaryWriter};
pub use compact::{CompactReader, CompactWriter};
pub use input::Input;

/// Which wire format.
///
/// ```
/// use thrift_runtime::{Protocol, serialize};
/// assert_eq!(serialize(&300i32, Protocol::Binary).unwrap().len(), 4);
/// assert_eq!(serialize(&300i32, Protocol::Compact).unwrap().len(), 2); // zigzag varint
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Protocol {
    /// Apache's binary protocol (strict headers on write): fixed-width big-endian.
    #[default]
    Binary,
    /// Apache's compact protocol: varints, field-id deltas, folded booleans.
    Compact,
}

/// The type of a value on the wire, independent of the protocol's own type ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TType {
    /// `bool`.
    Bool,
    /// `i8` (`byte`).
    I8,
    /// `i16`.
    I16,
    /// `i32` (and enums).
    I32,
    /// `i64`.
    I64,
    /// `double`.
    Double,
    /// `string` and `binary`.
    Binary,
    /// `struct`, `union`, `exception`.
    Struct,
    /// `map<K, V>`.
    Map,
    /// `set<T>`.
    Set,
    /// `list<T>`.
    List,
    /// `uuid`.
    Uuid,
}

impl TType {
    /// The fewest bytes a value of this type takes in `protocol`: what a container's element
    /// count is checked against before anything is allocated.
    #[inline]
    pub fn min_size(self, protocol: Protocol) -> usize {
        match (protocol, self) {
            (_, TType::Bool | TType::I8 | TType::Struct) => 1,
            (_, TType::Double) => 8,
            (_, TType::Uuid) => 16,
            (Protocol::Binary, TType::I16) => 2,
            (Protocol::Binary, TType::I32 | TType::Binary) => 4,
            (Protocol::Binary, TType::I64) => 8,
            (Protocol::Binary, TType::Map) => 6,
            (Protocol::Binary, TType::Set | TType::List) => 5,
            (Protocol::Compact, _) => 1,
        }
    }
}

/// The kind of an RPC message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageType {
    /// 1: a request that expects a reply.
    Call,
    /// 2: a normal reply.
    Reply,
    /// 3: a `TApplicationException` reply.
    Exception,
    /// 4: a request that gets no reply.
    Oneway,
}

impl MessageType {
    /// The wire value (1..=4).
    #[inline]
    pub fn to_i8(self) -> i8 {
        match self {
            MessageType::Call => 1,
            MessageType::Reply => 2,
            MessageType::Exception => 3,
            MessageType::Oneway => 4,
        }
    }

    /// The message type for a wire value, if it is one.
    #[inline]
    pub fn from_i8(v: i8) -> Option<MessageType> {
        Some(match v {
            1 => MessageType::Call,
            2 => MessageType::Reply,
            3 => MessageType::Exception,
            4 => MessageType::Oneway,
            _ => return None,
        })
    }
}

/// The header of an RPC message: method name, kind, sequence id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageHeader {
    /// The method (`Service:method` when multiplexed).
    pub name: String,
    /// Call, reply, exception or oneway.
    pub kind: MessageType,
    /// Matches a reply to its call; echoed as received.
    pub seqid: i32,
}

/// Where a writer puts bytes: a `BytesMut`, or a [`Counter`] that only counts them (which
/// is how [`encoded_size`](crate::encoded_size) is exact: it runs the same writer code).
pub trait Output {
    /// Appends one byte.
    fn put_u8(&mut self, b: u8);
    /// Appends bytes.
    fn put_slice(&mut self, s: &[u8]);
}

impl Output for bytes::BytesMut {
    #[inline]
    fn put_u8(&mut self, b: u8) {
        bytes::BufMut::put_u8(self, b);
    }
    #[inline]
    fn put_slice(&mut self, s: &[u8]) {
        self.extend_from_slice(s);
    }
}

/// An [`Output`] that counts the bytes written to it and keeps none.
///
/// ```
/// use thrift_runtime::protocol::{BinaryWriter, Counter, ProtocolWriter};
/// let mut n = Counter::default();
/// BinaryWriter::new(&mut n).write_i64(7);
/// assert_eq!(n.0, 8);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counter(pub usize);

impl Output for Counter {
    #[inline]
    fn put_u8(&mut self, _: u8) {
        self.0 += 1;
    }
    #[inline]
    fn put_slice(&mut self, s: &[u8]) {
        self.0 += s.len();
    }
}

/// What a protocol keeps about the enclosing struct while a nested one is read or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StructScope(pub(crate) i16);

/// Writes Thrift values into a buffer. Generated code is generic over it (monomorphised,
/// no trait objects). Only what can fail returns a `Result`: nesting beyond the limit and
/// lengths beyond `i32::MAX`.
pub trait ProtocolWriter {
    /// Which protocol this is.
    const PROTOCOL: Protocol;
    /// A message header.
    fn write_message_begin(&mut self, header: &MessageHeader) -> Result<(), ProtocolError>;
    /// Enters a struct: counts nesting. The returned scope goes back to
    /// [`ProtocolWriter::write_struct_end`] (the compact protocol keeps the enclosing struct's
    /// last field id in it, on the caller's stack rather than in an allocated stack).
    fn write_struct_begin(&mut self) -> Result<StructScope, ProtocolError>;
    /// Leaves a struct (after its field stop).
    fn write_struct_end(&mut self, scope: StructScope);
    /// A field header; for a `bool` field the compact protocol waits for the value.
    fn write_field_begin(&mut self, ttype: TType, id: i16);
    /// The end of a struct's fields.
    fn write_field_stop(&mut self);
    /// A bool (in a field, the compact protocol folds it into the field header).
    fn write_bool(&mut self, v: bool);
    /// An i8.
    fn write_i8(&mut self, v: i8);
    /// An i16.
    fn write_i16(&mut self, v: i16);
    /// An i32.
    fn write_i32(&mut self, v: i32);
    /// An i64.
    fn write_i64(&mut self, v: i64);
    /// A double.
    fn write_double(&mut self, v: f64);
    /// A string, as UTF-8 bytes.
    #[inline]
    fn write_string(&mut self, v: &str) -> Result<(), ProtocolError> {
        self.write_binary(v.as_bytes())
    }
    /// Bytes.
    fn write_binary(&mut self, v: &[u8]) -> Result<(), ProtocolError>;
    /// A uuid: 16 bytes in RFC 4122 order.
    fn write_uuid(&mut self, v: &[u8; 16]);
    /// A list header; counts nesting until [`ProtocolWriter::write_list_end`].
    fn write_list_begin(&mut self, elem: TType, len: usize) -> Result<(), ProtocolError>;
    /// The end of a list.
    fn write_list_end(&mut self);
    /// A set header.
    fn write_set_begin(&mut self, elem: TType, len: usize) -> Result<(), ProtocolError>;
    /// The end of a set.
    fn write_set_end(&mut self);
    /// A map header.
    fn write_map_begin(
        &mut self,
        key: TType,
        value: TType,
        len: usize,
    ) -> Result<(), ProtocolError>;
    /// The end of a map.
    fn write_map_end(&mut self);
}

/// Reads Thrift values from one whole message. Every length is checked against the bytes
/// left and the limits before anything is allocated; nesting is bounded.
pub trait ProtocolReader {
    /// Which protocol this is.
    const PROTOCOL: Protocol;
    /// A message header.
    fn read_message_begin(&mut self) -> Result<MessageHeader, ProtocolError>;
    /// Enters a struct: counts nesting. The scope goes back to
    /// [`ProtocolReader::read_struct_end`].
    fn read_struct_begin(&mut self) -> Result<StructScope, ProtocolError>;
    /// Leaves a struct.
    fn read_struct_end(&mut self, scope: StructScope);
    /// The next field header, or `None` at the field stop.
    fn read_field_begin(&mut self) -> Result<Option<(TType, i16)>, ProtocolError>;
    /// A bool (in a field, the compact protocol took it from the field header).
    fn read_bool(&mut self) -> Result<bool, ProtocolError>;
    /// An i8.
    fn read_i8(&mut self) -> Result<i8, ProtocolError>;
    /// An i16.
    fn read_i16(&mut self) -> Result<i16, ProtocolError>;
    /// An i32.
    fn read_i32(&mut self) -> Result<i32, ProtocolError>;
    /// An i64.
    fn read_i64(&mut self) -> Result<i64, ProtocolError>;
    /// A double.
    fn read_double(&mut self) -> Result<f64, ProtocolError>;
    /// A string; invalid UTF-8 is an error.
    #[inline(always)]
    fn read_string(&mut self) -> Result<String, ProtocolError> {
        // Validated in place, then copied once into a buffer of exactly its size.
        match std::str::from_utf8(self.read_binary_slice()?) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(not_utf8()),
        }
    }
    /// Bytes, as a zero-copy slice of the message.
    fn read_binary(&mut self) -> Result<Bytes, ProtocolError>;
    /// Bytes, borrowed from the message (no reference count touched).
    fn read_binary_slice(&mut self) -> Result<&[u8], ProtocolError>;
    /// A uuid.
    fn read_uuid(&mut self) -> Result<[u8; 16], ProtocolError>;
    /// A list header: element type and count, the count already checked against the bytes
    /// left. Counts nesting until [`ProtocolReader::read_list_end`].
    fn read_list_begin(&mut self) -> Result<(TType, usize), ProtocolError>;
    /// The end of a list.
    fn read_list_end(&mut self);
    /// A set header.
    fn read_set_begin(&mut self) -> Result<(TType, usize), ProtocolError>;
    /// The end of a set.
    fn read_set_end(&mut self);
    /// A map header: key type, value type, count.
    fn read_map_begin(&mut self) -> Result<(TType, TType, usize), ProtocolError>;
    /// The end of a map.
    fn read_map_end(&mut self);
    /// Bytes not yet read.
    fn remaining(&self) -> usize;
    /// What the reader keeps about the struct being read (the compact protocol's last field
    /// id), for another reader to take it up: how the buffered transport resumes its walk of
    /// a message when more bytes arrive.
    #[doc(hidden)]
    #[inline]
    fn struct_state(&self) -> StructScope {
        StructScope::default()
    }
    /// Takes up reading a struct where [`ProtocolReader::struct_state`] of another reader over
    /// the same message left it.
    #[doc(hidden)]
    #[inline]
    fn resume_struct(&mut self, _state: StructScope) {}
    /// Skips a value of `ttype` (an unknown field), bounded in depth like a read.
    #[inline]
    fn skip(&mut self, ttype: TType) -> Result<(), ProtocolError>
    where
        Self: Sized,
    {
        skip::skip(self, ttype)
    }
}

/// How many elements to reserve room for: the count (already checked against the bytes
/// left), but never more memory than 1 MiB up front, whatever the element's size. A
/// container larger than that grows as its elements actually arrive.
///
/// ```
/// assert_eq!(thrift_runtime::protocol::capacity_for::<u8>(10), 10);
/// assert!(thrift_runtime::protocol::capacity_for::<[u8; 4096]>(1_000_000) <= 256);
/// ```
pub fn capacity_for<T>(count: usize) -> usize {
    const BUDGET: usize = 1 << 20;
    count.min(BUDGET / std::mem::size_of::<T>().max(1))
}

#[cold]
#[inline(never)]
fn not_utf8() -> ProtocolError {
    ProtocolError::new(ProtocolErrorKind::InvalidData, "string is not valid UTF-8")
}

#[cold]
#[inline(never)]
pub(crate) fn eof(what: &'static str) -> ProtocolError {
    ProtocolError::new(ProtocolErrorKind::UnexpectedEnd, what)
}

/// How deep structs and containers nest right now: one counter per reader or writer, used by
/// read, skip and write alike.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Depth {
    level: u32,
    max: u32,
}

impl Depth {
    #[inline]
    pub(crate) fn new(max: u32) -> Depth {
        Depth { level: 0, max }
    }

    /// One level deeper, or an error past the limit.
    #[inline]
    pub(crate) fn enter(&mut self) -> Result<(), ProtocolError> {
        if self.level >= self.max {
            return Err(too_deep(self.max));
        }
        self.level += 1;
        Ok(())
    }

    /// One level up.
    #[inline]
    pub(crate) fn leave(&mut self) {
        self.level = self.level.saturating_sub(1);
    }
}

#[cold]
fn too_deep(limit: u32) -> ProtocolError {
    ProtocolError::new(
        ProtocolErrorKind::DepthLimit,
        format!("values nest deeper than the limit of {limit}"),
    )
}
