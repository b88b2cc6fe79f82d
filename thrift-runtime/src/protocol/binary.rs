//! Apache's binary protocol: big-endian fixed-width integers, i32 lengths, strict message
//! headers (`0x8001_0000 | type`) on write, strict and old non-strict headers on read.

use super::{
    Depth, Input, MessageHeader, MessageType, Output, Protocol, ProtocolReader, ProtocolWriter,
    StructScope, TType, eof,
};
use crate::error::{ProtocolError, ProtocolErrorKind};
use crate::limits::Limits;
use bytes::{Bytes, BytesMut};

const VERSION_1: u32 = 0x8001_0000;
const VERSION_MASK: u32 = 0xffff_0000;

#[inline]
fn type_id(t: TType) -> u8 {
    match t {
        TType::Bool => 2,
        TType::I8 => 3,
        TType::Double => 4,
        TType::I16 => 6,
        TType::I32 => 8,
        TType::I64 => 10,
        TType::Binary => 11,
        TType::Struct => 12,
        TType::Map => 13,
        TType::Set => 14,
        TType::List => 15,
        TType::Uuid => 16,
    }
}

#[inline]
fn ttype(id: u8) -> Result<TType, ProtocolError> {
    // A table, not a match: this runs for every field of every struct.
    const T: [Option<TType>; 17] = [
        None,
        None,
        Some(TType::Bool),
        Some(TType::I8),
        Some(TType::Double),
        None,
        Some(TType::I16),
        None,
        Some(TType::I32),
        None,
        Some(TType::I64),
        Some(TType::Binary),
        Some(TType::Struct),
        Some(TType::Map),
        Some(TType::Set),
        Some(TType::List),
        Some(TType::Uuid),
    ];
    match T.get(usize::from(id)) {
        Some(Some(t)) => Ok(*t),
        _ => Err(unknown_type(id)),
    }
}

#[cold]
#[inline(never)]
fn unknown_type(id: u8) -> ProtocolError {
    ProtocolError::new(
        ProtocolErrorKind::InvalidData,
        format!("unknown binary protocol type id {id}"),
    )
}

#[inline]
fn length(len: usize) -> Result<i32, ProtocolError> {
    i32::try_from(len).map_err(|_| {
        ProtocolError::new(
            ProtocolErrorKind::SizeLimit,
            format!("length {len} does not fit in an i32"),
        )
    })
}

/// Writes the binary protocol into a `BytesMut`.
///
/// ```
/// use bytes::BytesMut;
/// use thrift_runtime::protocol::{BinaryWriter, ProtocolWriter, TType};
/// let mut buf = BytesMut::new();
/// let mut w = BinaryWriter::new(&mut buf);
/// w.write_field_begin(TType::I32, 1);
/// w.write_i32(7);
/// assert_eq!(&buf[..], [8, 0, 1, 0, 0, 0, 7]);
/// ```
#[derive(Debug)]
pub struct BinaryWriter<'a, O: Output = BytesMut> {
    buf: &'a mut O,
    depth: Depth,
}

impl<'a, O: Output> BinaryWriter<'a, O> {
    /// A writer appending to `buf`, with the default nesting limit.
    #[inline]
    pub fn new(buf: &'a mut O) -> Self {
        Self::with_limits(buf, &Limits::DEFAULT)
    }

    /// A writer appending to `buf`, nesting at most `limits.recursion_depth` deep.
    #[inline]
    pub fn with_limits(buf: &'a mut O, limits: &Limits) -> Self {
        BinaryWriter {
            buf,
            depth: Depth::new(limits.recursion_depth),
        }
    }
}

impl<O: Output> ProtocolWriter for BinaryWriter<'_, O> {
    const PROTOCOL: Protocol = Protocol::Binary;

    #[inline]
    fn write_message_begin(&mut self, h: &MessageHeader) -> Result<(), ProtocolError> {
        self.buf
            .put_slice(&u32::to_be_bytes(VERSION_1 | h.kind.to_i8() as u32));
        self.write_string(&h.name)?;
        self.buf.put_slice(&i32::to_be_bytes(h.seqid));
        Ok(())
    }

    #[inline]
    fn write_struct_begin(&mut self) -> Result<StructScope, ProtocolError> {
        self.depth.enter()?;
        Ok(StructScope::default())
    }

    #[inline]
    fn write_struct_end(&mut self, _: StructScope) {
        self.depth.leave();
    }

    #[inline]
    fn write_field_begin(&mut self, t: TType, id: i16) {
        self.buf.put_u8(type_id(t));
        self.buf.put_slice(&i16::to_be_bytes(id));
    }

    #[inline]
    fn write_field_stop(&mut self) {
        self.buf.put_u8(0);
    }

    #[inline]
    fn write_bool(&mut self, v: bool) {
        self.buf.put_u8(u8::from(v));
    }

    #[inline]
    fn write_i8(&mut self, v: i8) {
        self.buf.put_u8(v as u8);
    }

    #[inline]
    fn write_i16(&mut self, v: i16) {
        self.buf.put_slice(&i16::to_be_bytes(v));
    }

    #[inline]
    fn write_i32(&mut self, v: i32) {
        self.buf.put_slice(&i32::to_be_bytes(v));
    }

    #[inline]
    fn write_i64(&mut self, v: i64) {
        self.buf.put_slice(&i64::to_be_bytes(v));
    }

    #[inline]
    fn write_double(&mut self, v: f64) {
        self.buf.put_slice(&f64::to_be_bytes(v));
    }

    #[inline]
    fn write_binary(&mut self, v: &[u8]) -> Result<(), ProtocolError> {
        self.buf.put_slice(&i32::to_be_bytes(length(v.len())?));
        self.buf.put_slice(v);
        Ok(())
    }

    #[inline]
    fn write_uuid(&mut self, v: &[u8; 16]) {
        self.buf.put_slice(v);
    }

    #[inline]
    fn write_list_begin(&mut self, elem: TType, len: usize) -> Result<(), ProtocolError> {
        let len = length(len)?;
        self.depth.enter()?;
        self.buf.put_u8(type_id(elem));
        self.buf.put_slice(&i32::to_be_bytes(len));
        Ok(())
    }

    #[inline]
    fn write_list_end(&mut self) {
        self.depth.leave();
    }

    #[inline]
    fn write_set_begin(&mut self, elem: TType, len: usize) -> Result<(), ProtocolError> {
        self.write_list_begin(elem, len)
    }

    #[inline]
    fn write_set_end(&mut self) {
        self.write_list_end();
    }

    #[inline]
    fn write_map_begin(
        &mut self,
        key: TType,
        value: TType,
        len: usize,
    ) -> Result<(), ProtocolError> {
        let len = length(len)?;
        self.depth.enter()?;
        self.buf.put_u8(type_id(key));
        self.buf.put_u8(type_id(value));
        self.buf.put_slice(&i32::to_be_bytes(len));
        Ok(())
    }

    #[inline]
    fn write_map_end(&mut self) {
        self.depth.leave();
    }
}

/// Reads the binary protocol from one whole message.
///
/// ```
/// use thrift_runtime::protocol::{BinaryReader, ProtocolReader, TType};
/// let mut r = BinaryReader::new(bytes::Bytes::from_static(&[8, 0, 1, 0, 0, 0, 7, 0]));
/// assert_eq!(r.read_field_begin().unwrap(), Some((TType::I32, 1)));
/// assert_eq!(r.read_i32().unwrap(), 7);
/// assert_eq!(r.read_field_begin().unwrap(), None);
/// ```
#[derive(Debug, Clone)]
pub struct BinaryReader<I: Input = Bytes> {
    buf: I,
    pos: usize,
    depth: Depth,
    limits: Limits,
}

impl<I: Input> BinaryReader<I> {
    /// A reader over `buf`, with Apache's default limits.
    #[inline]
    pub fn new(buf: I) -> Self {
        Self::with_limits(buf, Limits::DEFAULT)
    }

    /// A reader over `buf`, within `limits`.
    #[inline]
    pub fn with_limits(buf: I, limits: Limits) -> Self {
        BinaryReader {
            buf,
            pos: 0,
            depth: Depth::new(limits.recursion_depth),
            limits,
        }
    }

    #[inline]
    fn take<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], ProtocolError> {
        let bytes = self
            .buf
            .as_slice()
            .get(self.pos..self.pos + N)
            .ok_or_else(|| eof(what))?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        self.pos += N;
        Ok(out)
    }

    /// A length or count from the wire: not negative, within the limits, and (times the
    /// smallest size of one element) within the bytes left.
    #[inline]
    fn size(&mut self, what: &'static str, min_elem: usize) -> Result<usize, ProtocolError> {
        let n = i32::from_be_bytes(self.take::<4>(what)?);
        checked_size(n as i64, what, min_elem, self.remaining(), &self.limits)
    }

    #[inline]
    fn bytes(&mut self, len: usize) -> std::ops::Range<usize> {
        let start = self.pos;
        self.pos += len;
        start..self.pos
    }
}

/// Checks a length or element count read from the wire before anything is allocated.
#[inline]
pub(super) fn checked_size(
    n: i64,
    what: &'static str,
    min_elem: usize,
    remaining: usize,
    limits: &Limits,
) -> Result<usize, ProtocolError> {
    if n >= 0
        && n as usize <= limits.max_length
        && (n as usize).saturating_mul(min_elem) <= remaining
    {
        return Ok(n as usize);
    }
    Err(size_error(n, what, min_elem, remaining, limits))
}

/// Why [`checked_size`] refused `n`: kept out of line, off the path every length takes.
#[cold]
#[inline(never)]
fn size_error(
    n: i64,
    what: &'static str,
    min_elem: usize,
    remaining: usize,
    limits: &Limits,
) -> ProtocolError {
    if n < 0 {
        return ProtocolError::new(ProtocolErrorKind::NegativeSize, format!("{what} {n}"));
    }
    let n = n as usize;
    if n > limits.max_length {
        return ProtocolError::new(
            ProtocolErrorKind::SizeLimit,
            format!("{what} {n} exceeds the limit of {}", limits.max_length),
        );
    }
    // More than any message may hold: refused whatever follows. Otherwise the message ended
    // early (a buffered transport reads on and looks again).
    let kind = if n.saturating_mul(min_elem) > limits.max_message_size {
        ProtocolErrorKind::SizeLimit
    } else {
        ProtocolErrorKind::UnexpectedEnd
    };
    ProtocolError::new(
        kind,
        format!("{what} {n} exceeds the {remaining} bytes left in the message"),
    )
}

impl<I: Input> ProtocolReader for BinaryReader<I> {
    const PROTOCOL: Protocol = Protocol::Binary;

    #[inline]
    fn read_message_begin(&mut self) -> Result<MessageHeader, ProtocolError> {
        let first = i32::from_be_bytes(self.take::<4>("message header")?);
        let (name, kind) = if first < 0 {
            let v = first as u32;
            if v & VERSION_MASK != VERSION_1 {
                return Err(ProtocolError::new(
                    ProtocolErrorKind::BadVersion,
                    format!("binary message header {v:#010x}: expected version 0x8001"),
                ));
            }
            let name = self.read_string()?;
            (name, (v & 0xff) as u8)
        } else {
            // Old non-strict header: name length, name, type byte.
            let len = checked_size(
                first as i64,
                "method name length",
                1,
                self.remaining(),
                &self.limits,
            )?;
            let range = self.bytes(len);
            let name = std::str::from_utf8(&self.buf.as_slice()[range])
                .map_err(|_| {
                    ProtocolError::new(ProtocolErrorKind::InvalidData, "method name is not UTF-8")
                })?
                .to_string();
            (name, self.take::<1>("message type")?[0])
        };
        let kind = i8::try_from(kind)
            .ok()
            .and_then(MessageType::from_i8)
            .ok_or_else(|| {
                ProtocolError::new(
                    ProtocolErrorKind::InvalidData,
                    format!("message type {kind} is not 1..=4"),
                )
            })?;
        let seqid = self.read_i32()?;
        Ok(MessageHeader { name, kind, seqid })
    }

    #[inline]
    fn read_struct_begin(&mut self) -> Result<StructScope, ProtocolError> {
        self.depth.enter()?;
        Ok(StructScope::default())
    }

    #[inline]
    fn read_struct_end(&mut self, _: StructScope) {
        self.depth.leave();
    }

    // Always inlined: it runs once per field, and a call costs more than its body.
    #[inline(always)]
    fn read_field_begin(&mut self) -> Result<Option<(TType, i16)>, ProtocolError> {
        // One bounds check for the whole header when it is all there (the usual case).
        match self.buf.as_slice().get(self.pos..) {
            Some([0, ..]) => {
                self.pos += 1;
                Ok(None)
            }
            Some([t, a, b, ..]) => {
                let t = ttype(*t)?;
                let id = i16::from_be_bytes([*a, *b]);
                self.pos += 3;
                Ok(Some((t, id)))
            }
            _ => {
                let [t] = self.take::<1>("field header")?;
                if t == 0 {
                    return Ok(None);
                }
                ttype(t)?;
                Err(eof("field id"))
            }
        }
    }

    #[inline]
    fn read_bool(&mut self) -> Result<bool, ProtocolError> {
        Ok(self.take::<1>("bool")?[0] != 0)
    }

    #[inline]
    fn read_i8(&mut self) -> Result<i8, ProtocolError> {
        Ok(self.take::<1>("i8")?[0] as i8)
    }

    #[inline]
    fn read_i16(&mut self) -> Result<i16, ProtocolError> {
        Ok(i16::from_be_bytes(self.take::<2>("i16")?))
    }

    #[inline]
    fn read_i32(&mut self) -> Result<i32, ProtocolError> {
        Ok(i32::from_be_bytes(self.take::<4>("i32")?))
    }

    #[inline]
    fn read_i64(&mut self) -> Result<i64, ProtocolError> {
        Ok(i64::from_be_bytes(self.take::<8>("i64")?))
    }

    #[inline]
    fn read_double(&mut self) -> Result<f64, ProtocolError> {
        Ok(f64::from_be_bytes(self.take::<8>("double")?))
    }

    #[inline]
    fn read_binary(&mut self) -> Result<Bytes, ProtocolError> {
        let len = self.size("binary length", 1)?;
        let range = self.bytes(len);
        Ok(self.buf.share(range))
    }

    #[inline]
    fn read_binary_slice(&mut self) -> Result<&[u8], ProtocolError> {
        let len = self.size("string length", 1)?;
        let range = self.bytes(len);
        Ok(&self.buf.as_slice()[range])
    }

    #[inline]
    fn read_uuid(&mut self) -> Result<[u8; 16], ProtocolError> {
        self.take::<16>("uuid")
    }

    #[inline]
    fn read_list_begin(&mut self) -> Result<(TType, usize), ProtocolError> {
        let [t] = self.take::<1>("list header")?;
        let t = ttype(t)?;
        let n = self.size("list size", t.min_size(Protocol::Binary))?;
        self.depth.enter()?;
        Ok((t, n))
    }

    #[inline]
    fn read_list_end(&mut self) {
        self.depth.leave();
    }

    #[inline]
    fn read_set_begin(&mut self) -> Result<(TType, usize), ProtocolError> {
        self.read_list_begin()
    }

    #[inline]
    fn read_set_end(&mut self) {
        self.read_list_end();
    }

    #[inline]
    fn read_map_begin(&mut self) -> Result<(TType, TType, usize), ProtocolError> {
        let [k, v] = self.take::<2>("map header")?;
        let (k, v) = (ttype(k)?, ttype(v)?);
        let min = k.min_size(Protocol::Binary) + v.min_size(Protocol::Binary);
        let n = self.size("map size", min)?;
        self.depth.enter()?;
        Ok((k, v, n))
    }

    #[inline]
    fn read_map_end(&mut self) {
        self.depth.leave();
    }

    #[inline]
    fn remaining(&self) -> usize {
        self.buf.as_slice().len() - self.pos
    }
}
