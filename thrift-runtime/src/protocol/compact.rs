//! Apache's compact protocol: zigzag varints, field-id deltas, booleans folded into field
//! headers, short list headers, little-endian doubles, seqid before name in the header.

use super::binary::checked_size;
use super::{
    Depth, Input, MessageHeader, MessageType, Output, Protocol, ProtocolReader, ProtocolWriter,
    StructScope, TType, eof,
};
use crate::error::{ProtocolError, ProtocolErrorKind};
use crate::limits::Limits;
use bytes::{Bytes, BytesMut};

const PROTOCOL_ID: u8 = 0x82;
const VERSION: u8 = 1;
const TRUE: u8 = 1;
const FALSE: u8 = 2;

#[inline]
fn type_id(t: TType) -> u8 {
    match t {
        TType::Bool => TRUE,
        TType::I8 => 3,
        TType::I16 => 4,
        TType::I32 => 5,
        TType::I64 => 6,
        TType::Double => 7,
        TType::Binary => 8,
        TType::List => 9,
        TType::Set => 10,
        TType::Map => 11,
        TType::Struct => 12,
        TType::Uuid => 13,
    }
}

#[inline]
fn ttype(id: u8) -> Result<TType, ProtocolError> {
    // A table, not a match: this runs for every field of every struct.
    const T: [Option<TType>; 14] = [
        None,
        Some(TType::Bool),
        Some(TType::Bool),
        Some(TType::I8),
        Some(TType::I16),
        Some(TType::I32),
        Some(TType::I64),
        Some(TType::Double),
        Some(TType::Binary),
        Some(TType::List),
        Some(TType::Set),
        Some(TType::Map),
        Some(TType::Struct),
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
        format!("unknown compact protocol type id {id}"),
    )
}

#[cold]
#[inline(never)]
fn delta_overflow(delta: u8, last: i16) -> ProtocolError {
    ProtocolError::new(
        ProtocolErrorKind::InvalidData,
        format!("field id delta {delta} after {last} overflows i16"),
    )
}

#[inline]
fn zigzag32(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

#[inline]
fn zigzag64(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

#[inline]
fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Writes the compact protocol into a `BytesMut`.
///
/// ```
/// use bytes::BytesMut;
/// use thrift_runtime::protocol::{CompactWriter, ProtocolWriter, TType};
/// let mut buf = BytesMut::new();
/// let mut w = CompactWriter::new(&mut buf);
/// w.write_field_begin(TType::Bool, 1);
/// w.write_bool(true);
/// assert_eq!(&buf[..], [0x11]);
/// ```
#[derive(Debug)]
pub struct CompactWriter<'a, O: Output = BytesMut> {
    buf: &'a mut O,
    last_field: i16,
    pending_bool_field: Option<i16>,
    depth: Depth,
}

impl<'a, O: Output> CompactWriter<'a, O> {
    /// A writer appending to `buf`, with the default nesting limit.
    #[inline]
    pub fn new(buf: &'a mut O) -> Self {
        Self::with_limits(buf, &Limits::DEFAULT)
    }

    /// A writer appending to `buf`, nesting at most `limits.recursion_depth` deep.
    #[inline]
    pub fn with_limits(buf: &'a mut O, limits: &Limits) -> Self {
        CompactWriter {
            buf,
            last_field: 0,
            pending_bool_field: None,
            depth: Depth::new(limits.recursion_depth),
        }
    }

    #[inline]
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.put_u8((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.put_u8(v as u8);
    }

    #[inline]
    fn field_header(&mut self, type_id: u8, id: i16) {
        let delta = i32::from(id) - i32::from(self.last_field);
        if id > self.last_field && delta <= 15 {
            self.buf.put_u8(((delta as u8) << 4) | type_id);
        } else {
            self.buf.put_u8(type_id);
            self.varint(u64::from(zigzag32(i32::from(id))));
        }
        self.last_field = id;
    }

    #[inline]
    fn collection(&mut self, elem: TType, len: usize) -> Result<(), ProtocolError> {
        let len32 = u32::try_from(len)
            .ok()
            .filter(|l| *l <= i32::MAX as u32)
            .ok_or_else(|| {
                ProtocolError::new(
                    ProtocolErrorKind::SizeLimit,
                    format!("length {len} does not fit in an i32"),
                )
            })?;
        self.depth.enter()?;
        if len < 15 {
            self.buf.put_u8(((len as u8) << 4) | type_id(elem));
        } else {
            self.buf.put_u8(0xf0 | type_id(elem));
            self.varint(u64::from(len32));
        }
        Ok(())
    }
}

impl<O: Output> ProtocolWriter for CompactWriter<'_, O> {
    const PROTOCOL: Protocol = Protocol::Compact;

    #[inline]
    fn write_message_begin(&mut self, h: &MessageHeader) -> Result<(), ProtocolError> {
        self.buf.put_u8(PROTOCOL_ID);
        self.buf.put_u8(((h.kind.to_i8() as u8) << 5) | VERSION);
        self.varint(u64::from(h.seqid as u32));
        self.write_string(&h.name)
    }

    #[inline]
    fn write_struct_begin(&mut self) -> Result<StructScope, ProtocolError> {
        self.depth.enter()?;
        let outer = StructScope(self.last_field);
        self.last_field = 0;
        Ok(outer)
    }

    #[inline]
    fn write_struct_end(&mut self, scope: StructScope) {
        self.depth.leave();
        self.last_field = scope.0;
    }

    #[inline]
    fn write_field_begin(&mut self, t: TType, id: i16) {
        if t == TType::Bool {
            self.pending_bool_field = Some(id);
        } else {
            self.field_header(type_id(t), id);
        }
    }

    #[inline]
    fn write_field_stop(&mut self) {
        self.buf.put_u8(0);
    }

    #[inline]
    fn write_bool(&mut self, v: bool) {
        let t = if v { TRUE } else { FALSE };
        match self.pending_bool_field.take() {
            Some(id) => self.field_header(t, id),
            None => self.buf.put_u8(t),
        }
    }

    #[inline]
    fn write_i8(&mut self, v: i8) {
        self.buf.put_u8(v as u8);
    }

    #[inline]
    fn write_i16(&mut self, v: i16) {
        self.varint(u64::from(zigzag32(i32::from(v))));
    }

    #[inline]
    fn write_i32(&mut self, v: i32) {
        self.varint(u64::from(zigzag32(v)));
    }

    #[inline]
    fn write_i64(&mut self, v: i64) {
        self.varint(zigzag64(v));
    }

    #[inline]
    fn write_double(&mut self, v: f64) {
        self.buf.put_slice(&f64::to_le_bytes(v));
    }

    #[inline]
    fn write_binary(&mut self, v: &[u8]) -> Result<(), ProtocolError> {
        if i32::try_from(v.len()).is_err() {
            return Err(ProtocolError::new(
                ProtocolErrorKind::SizeLimit,
                format!("length {} does not fit in an i32", v.len()),
            ));
        }
        self.varint(v.len() as u64);
        self.buf.put_slice(v);
        Ok(())
    }

    #[inline]
    fn write_uuid(&mut self, v: &[u8; 16]) {
        self.buf.put_slice(v);
    }

    #[inline]
    fn write_list_begin(&mut self, elem: TType, len: usize) -> Result<(), ProtocolError> {
        self.collection(elem, len)
    }

    #[inline]
    fn write_list_end(&mut self) {
        self.depth.leave();
    }

    #[inline]
    fn write_set_begin(&mut self, elem: TType, len: usize) -> Result<(), ProtocolError> {
        self.collection(elem, len)
    }

    #[inline]
    fn write_set_end(&mut self) {
        self.depth.leave();
    }

    #[inline]
    fn write_map_begin(
        &mut self,
        key: TType,
        value: TType,
        len: usize,
    ) -> Result<(), ProtocolError> {
        if i32::try_from(len).is_err() {
            return Err(ProtocolError::new(
                ProtocolErrorKind::SizeLimit,
                format!("length {len} does not fit in an i32"),
            ));
        }
        self.depth.enter()?;
        if len == 0 {
            self.buf.put_u8(0);
        } else {
            self.varint(len as u64);
            self.buf.put_u8((type_id(key) << 4) | type_id(value));
        }
        Ok(())
    }

    #[inline]
    fn write_map_end(&mut self) {
        self.depth.leave();
    }
}

/// Reads the compact protocol from one whole message.
///
/// ```
/// use thrift_runtime::protocol::{CompactReader, ProtocolReader, TType};
/// let mut r = CompactReader::new(bytes::Bytes::from_static(&[0x11, 0x00]));
/// assert_eq!(r.read_field_begin().unwrap(), Some((TType::Bool, 1)));
/// assert!(r.read_bool().unwrap());
/// assert_eq!(r.read_field_begin().unwrap(), None);
/// ```
#[derive(Debug, Clone)]
pub struct CompactReader<I: Input = Bytes> {
    buf: I,
    pos: usize,
    last_field: i16,
    pending_bool: Option<bool>,
    depth: Depth,
    limits: Limits,
}

impl<I: Input> CompactReader<I> {
    /// A reader over `buf`, with Apache's default limits.
    #[inline]
    pub fn new(buf: I) -> Self {
        Self::with_limits(buf, Limits::DEFAULT)
    }

    /// A reader over `buf`, within `limits`.
    #[inline]
    pub fn with_limits(buf: I, limits: Limits) -> Self {
        CompactReader {
            buf,
            pos: 0,
            last_field: 0,
            pending_bool: None,
            depth: Depth::new(limits.recursion_depth),
            limits,
        }
    }

    #[inline]
    fn byte(&mut self, what: &'static str) -> Result<u8, ProtocolError> {
        let b = *self.buf.as_slice().get(self.pos).ok_or_else(|| eof(what))?;
        self.pos += 1;
        Ok(b)
    }

    /// A ULEB128 varint of at most `bits` bits: more bytes, or bits beyond, are an error.
    #[inline]
    fn varint(&mut self, bits: u32, what: &'static str) -> Result<u64, ProtocolError> {
        // One byte is the common case (small ids, lengths, counts): no loop for it.
        if let Some(&b) = self.buf.as_slice().get(self.pos)
            && b < 0x80
        {
            self.pos += 1;
            return Ok(u64::from(b));
        }
        self.varint_long(bits, what)
    }

    #[inline(never)]
    fn varint_long(&mut self, bits: u32, what: &'static str) -> Result<u64, ProtocolError> {
        let max_bytes = bits.div_ceil(7) as usize;
        // One bounds check for the whole run: the loop walks what is there.
        let rest = &self.buf.as_slice()[self.pos..];
        let mut v: u64 = 0;
        for (i, &b) in rest.iter().take(max_bytes).enumerate() {
            let chunk = u64::from(b & 0x7f);
            let shift = 7 * i as u32;
            if shift + 7 > bits && chunk >> (bits - shift) != 0 {
                return Err(overlong(what, bits));
            }
            v |= chunk << shift;
            if b & 0x80 == 0 {
                self.pos += i + 1;
                return Ok(v);
            }
        }
        if rest.len() < max_bytes {
            self.pos += rest.len();
            return Err(eof(what));
        }
        Err(overlong(what, bits))
    }

    #[inline]
    fn size(&mut self, what: &'static str, min_elem: usize) -> Result<usize, ProtocolError> {
        let n = self.varint(32, what)? as u32 as i32;
        checked_size(i64::from(n), what, min_elem, self.remaining(), &self.limits)
    }

    #[inline]
    fn bytes(&mut self, len: usize) -> std::ops::Range<usize> {
        let start = self.pos;
        self.pos += len;
        start..self.pos
    }

    #[inline]
    fn collection(&mut self, what: &'static str) -> Result<(TType, usize), ProtocolError> {
        let header = self.byte(what)?;
        let t = ttype(header & 0x0f)?;
        let short = usize::from(header >> 4);
        let n = if short == 15 {
            self.size(what, t.min_size(Protocol::Compact))?
        } else {
            checked_size(
                short as i64,
                what,
                t.min_size(Protocol::Compact),
                self.remaining(),
                &self.limits,
            )?
        };
        self.depth.enter()?;
        Ok((t, n))
    }
}

#[cold]
#[inline(never)]
fn overlong(what: &'static str, bits: u32) -> ProtocolError {
    ProtocolError::new(
        ProtocolErrorKind::InvalidData,
        format!("{what}: varint longer than {bits} bits"),
    )
}

impl<I: Input> ProtocolReader for CompactReader<I> {
    const PROTOCOL: Protocol = Protocol::Compact;

    #[inline]
    fn read_message_begin(&mut self) -> Result<MessageHeader, ProtocolError> {
        let id = self.byte("protocol id")?;
        if id != PROTOCOL_ID {
            return Err(ProtocolError::new(
                ProtocolErrorKind::BadVersion,
                format!("compact protocol id {id:#04x}: expected 0x82"),
            ));
        }
        let vt = self.byte("version and type")?;
        if vt & 0x1f != VERSION {
            return Err(ProtocolError::new(
                ProtocolErrorKind::BadVersion,
                format!("compact protocol version {}: expected 1", vt & 0x1f),
            ));
        }
        let kind = MessageType::from_i8((vt >> 5) as i8).ok_or_else(|| {
            ProtocolError::new(
                ProtocolErrorKind::InvalidData,
                format!("message type {} is not 1..=4", vt >> 5),
            )
        })?;
        let seqid = self.varint(32, "sequence id")? as u32 as i32;
        let name = self.read_string()?;
        Ok(MessageHeader { name, kind, seqid })
    }

    #[inline]
    fn read_struct_begin(&mut self) -> Result<StructScope, ProtocolError> {
        self.depth.enter()?;
        let outer = StructScope(self.last_field);
        self.last_field = 0;
        Ok(outer)
    }

    #[inline]
    fn read_struct_end(&mut self, scope: StructScope) {
        self.depth.leave();
        self.last_field = scope.0;
    }

    // Always inlined: it runs once per field, and a call costs more than its body.
    #[inline(always)]
    fn read_field_begin(&mut self) -> Result<Option<(TType, i16)>, ProtocolError> {
        let header = self.byte("field header")?;
        if header == 0 {
            return Ok(None);
        }
        let type_id = header & 0x0f;
        let t = ttype(type_id)?;
        let delta = header >> 4;
        let id = if delta == 0 {
            let z = self.varint(16, "field id")?;
            unzigzag(z) as i16
        } else {
            self.last_field
                .checked_add(i16::from(delta))
                .ok_or_else(|| delta_overflow(delta, self.last_field))?
        };
        self.last_field = id;
        if t == TType::Bool {
            self.pending_bool = Some(type_id == TRUE);
        }
        Ok(Some((t, id)))
    }

    #[inline]
    fn read_bool(&mut self) -> Result<bool, ProtocolError> {
        if let Some(v) = self.pending_bool.take() {
            return Ok(v);
        }
        match self.byte("bool")? {
            TRUE => Ok(true),
            FALSE | 0 => Ok(false),
            other => Err(ProtocolError::new(
                ProtocolErrorKind::InvalidData,
                format!("compact bool byte {other}: expected 1 or 2"),
            )),
        }
    }

    #[inline]
    fn read_i8(&mut self) -> Result<i8, ProtocolError> {
        Ok(self.byte("i8")? as i8)
    }

    #[inline]
    fn read_i16(&mut self) -> Result<i16, ProtocolError> {
        Ok(unzigzag(self.varint(16, "i16")?) as i16)
    }

    #[inline]
    fn read_i32(&mut self) -> Result<i32, ProtocolError> {
        Ok(unzigzag(self.varint(32, "i32")?) as i32)
    }

    #[inline]
    fn read_i64(&mut self) -> Result<i64, ProtocolError> {
        Ok(unzigzag(self.varint(64, "i64")?))
    }

    #[inline]
    fn read_double(&mut self) -> Result<f64, ProtocolError> {
        let bytes = self
            .buf
            .as_slice()
            .get(self.pos..self.pos + 8)
            .ok_or_else(|| eof("double"))?;
        let mut b = [0u8; 8];
        b.copy_from_slice(bytes);
        self.pos += 8;
        Ok(f64::from_le_bytes(b))
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
        let bytes = self
            .buf
            .as_slice()
            .get(self.pos..self.pos + 16)
            .ok_or_else(|| eof("uuid"))?;
        let mut b = [0u8; 16];
        b.copy_from_slice(bytes);
        self.pos += 16;
        Ok(b)
    }

    #[inline]
    fn read_list_begin(&mut self) -> Result<(TType, usize), ProtocolError> {
        self.collection("list size")
    }

    #[inline]
    fn read_list_end(&mut self) {
        self.depth.leave();
    }

    #[inline]
    fn read_set_begin(&mut self) -> Result<(TType, usize), ProtocolError> {
        self.collection("set size")
    }

    #[inline]
    fn read_set_end(&mut self) {
        self.depth.leave();
    }

    #[inline]
    fn read_map_begin(&mut self) -> Result<(TType, TType, usize), ProtocolError> {
        let raw = self.varint(32, "map size")? as u32 as i32;
        if raw == 0 {
            self.depth.enter()?;
            // No types are sent for an empty map; what is returned does not matter.
            return Ok((TType::Binary, TType::Binary, 0));
        }
        let kv = self.byte("map types")?;
        let (k, v) = (ttype(kv >> 4)?, ttype(kv & 0x0f)?);
        let min = k.min_size(Protocol::Compact) + v.min_size(Protocol::Compact);
        let n = checked_size(
            i64::from(raw),
            "map size",
            min,
            self.remaining(),
            &self.limits,
        )?;
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

    fn struct_state(&self) -> StructScope {
        StructScope(self.last_field)
    }

    fn resume_struct(&mut self, state: StructScope) {
        self.last_field = state.0;
    }
}
