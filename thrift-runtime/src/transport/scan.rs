//! Where an unframed message ends, found incrementally: what was scanned stays scanned when
//! more bytes arrive. (A skip pass from the start on every read made a message arriving in k
//! reads cost k passes over it: quadratic in its size, a lever for a hostile peer.)
//!
//! The walk keeps its own stack of open structs and containers instead of recursing, so it can
//! stop at any value and go on from there. Each step (a field header with the start of its
//! value, a container element, a struct's end) either completes or leaves the state as it was;
//! the protocol readers do the reading, with all their checks.

use crate::error::{ProtocolError, ProtocolErrorKind};
use crate::protocol::{ProtocolReader, StructScope, TType};

/// An open struct or container in the message being scanned.
#[derive(Debug, Clone, Copy)]
enum Frame {
    Struct(StructScope),
    Seq {
        elem: TType,
        left: usize,
    },
    Map {
        key: TType,
        value: TType,
        left: usize,
        value_next: bool,
    },
}

/// How far into the message at the front of a buffer the scan has got.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scanner {
    /// Bytes of the message accounted for by completed steps.
    done: usize,
    /// Whether the message header is behind `done`.
    started: bool,
    stack: Vec<Frame>,
    /// What the reader kept about the innermost open struct at `done`.
    state: StructScope,
}

impl Scanner {
    /// `Some(len)` when the message at the front of `buf` is complete and `len` bytes long (the
    /// scanner is then ready for the next message), `None` when more bytes are needed: call
    /// again with the same bytes and what arrived after them. `reader` makes a reader over a
    /// suffix of `buf`.
    pub(crate) fn scan<'b, R: ProtocolReader>(
        &mut self,
        buf: &'b [u8],
        reader: impl FnOnce(&'b [u8]) -> R,
        max_depth: u32,
    ) -> Result<Option<usize>, ProtocolError> {
        if buf.len() < self.done {
            // Not the bytes this scan began on: begin again.
            self.reset();
        }
        let rest = &buf[self.done..];
        let mut r = reader(rest);
        r.resume_struct(self.state);
        let mut committed = 0;
        loop {
            match self.step(&mut r, max_depth) {
                Ok(finished) => {
                    committed = rest.len() - r.remaining();
                    self.state = r.struct_state();
                    if finished {
                        let len = self.done + committed;
                        self.reset();
                        return Ok(Some(len));
                    }
                }
                Err(e) if e.kind() == ProtocolErrorKind::UnexpectedEnd => {
                    self.done += committed;
                    return Ok(None);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// One step; `true` once the message's outermost struct has ended. Reads first and changes
    /// the stack only when every read succeeded.
    fn step<R: ProtocolReader>(
        &mut self,
        r: &mut R,
        max_depth: u32,
    ) -> Result<bool, ProtocolError> {
        if !self.started {
            r.read_message_begin()?;
            let scope = r.read_struct_begin()?;
            self.push(Frame::Struct(scope), max_depth)?;
            self.started = true;
            return Ok(false);
        }
        let Some(top) = self.stack.last().copied() else {
            return Ok(true);
        };
        match top {
            Frame::Struct(scope) => match r.read_field_begin()? {
                None => {
                    r.read_struct_end(scope);
                    self.stack.pop();
                }
                Some((t, _)) => {
                    let opened = value(r, t)?;
                    self.open(opened, max_depth)?;
                }
            },
            Frame::Seq { left: 0, .. } => {
                r.read_list_end();
                self.stack.pop();
            }
            Frame::Map { left: 0, .. } => {
                r.read_map_end();
                self.stack.pop();
            }
            Frame::Seq { elem, left } => {
                let opened = value(r, elem)?;
                self.set_top(Frame::Seq {
                    elem,
                    left: left - 1,
                });
                self.open(opened, max_depth)?;
            }
            Frame::Map {
                key,
                value: val,
                left,
                value_next,
            } => {
                let opened = value(r, if value_next { val } else { key })?;
                self.set_top(Frame::Map {
                    key,
                    value: val,
                    left: if value_next { left - 1 } else { left },
                    value_next: !value_next,
                });
                self.open(opened, max_depth)?;
            }
        }
        Ok(self.stack.is_empty())
    }

    /// Ready for the next message (the stack keeps its room: no allocation per message).
    fn reset(&mut self) {
        self.done = 0;
        self.started = false;
        self.stack.clear();
        self.state = StructScope::default();
    }

    fn set_top(&mut self, frame: Frame) {
        if let Some(top) = self.stack.last_mut() {
            *top = frame;
        }
    }

    fn open(&mut self, frame: Option<Frame>, max_depth: u32) -> Result<(), ProtocolError> {
        match frame {
            Some(f) => self.push(f, max_depth),
            None => Ok(()),
        }
    }

    fn push(&mut self, frame: Frame, max_depth: u32) -> Result<(), ProtocolError> {
        if self.stack.len() >= max_depth as usize {
            return Err(ProtocolError::new(
                ProtocolErrorKind::DepthLimit,
                format!("values nest deeper than the limit of {max_depth}"),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }
}

/// Reads a value of type `t` whole if it is a scalar or bytes, or the header of a struct or
/// container, which is returned to be opened.
fn value<R: ProtocolReader>(r: &mut R, t: TType) -> Result<Option<Frame>, ProtocolError> {
    Ok(match t {
        TType::Struct => Some(Frame::Struct(r.read_struct_begin()?)),
        TType::List | TType::Set => {
            let (elem, left) = r.read_list_begin()?;
            Some(Frame::Seq { elem, left })
        }
        TType::Map => {
            let (key, value, left) = r.read_map_begin()?;
            Some(Frame::Map {
                key,
                value,
                left,
                value_next: false,
            })
        }
        scalar => {
            r.skip(scalar)?;
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;
    use crate::protocol::{BinaryReader, BinaryWriter, MessageHeader, MessageType, ProtocolWriter};
    use bytes::Bytes;
    use std::cell::Cell;

    /// A reader that counts the reads made through it.
    struct Counting<'c, R> {
        inner: R,
        reads: &'c Cell<usize>,
    }

    impl<R: ProtocolReader> Counting<'_, R> {
        fn count(&self) {
            self.reads.set(self.reads.get() + 1);
        }
    }

    macro_rules! counted {
        ($($name:ident() -> $t:ty;)*) => {$(
            fn $name(&mut self) -> $t {
                self.count();
                self.inner.$name()
            }
        )*};
    }

    impl<R: ProtocolReader> ProtocolReader for Counting<'_, R> {
        const PROTOCOL: crate::Protocol = R::PROTOCOL;
        counted! {
            read_message_begin() -> Result<MessageHeader, ProtocolError>;
            read_struct_begin() -> Result<StructScope, ProtocolError>;
            read_field_begin() -> Result<Option<(TType, i16)>, ProtocolError>;
            read_bool() -> Result<bool, ProtocolError>;
            read_i8() -> Result<i8, ProtocolError>;
            read_i16() -> Result<i16, ProtocolError>;
            read_i32() -> Result<i32, ProtocolError>;
            read_i64() -> Result<i64, ProtocolError>;
            read_double() -> Result<f64, ProtocolError>;
            read_binary() -> Result<Bytes, ProtocolError>;
            read_binary_slice() -> Result<&[u8], ProtocolError>;
            read_uuid() -> Result<[u8; 16], ProtocolError>;
            read_list_begin() -> Result<(TType, usize), ProtocolError>;
            read_set_begin() -> Result<(TType, usize), ProtocolError>;
            read_map_begin() -> Result<(TType, TType, usize), ProtocolError>;
            read_list_end() -> ();
            read_set_end() -> ();
            read_map_end() -> ();
        }
        fn read_struct_end(&mut self, scope: StructScope) {
            self.count();
            self.inner.read_struct_end(scope)
        }
        fn remaining(&self) -> usize {
            self.inner.remaining()
        }
    }

    #[test]
    fn a_message_arriving_in_many_pieces_is_walked_once() {
        // A 500 kB call: a list of 20,000 small structs.
        let mut buf = bytes::BytesMut::new();
        let mut w = BinaryWriter::new(&mut buf);
        let header = MessageHeader {
            name: "m".into(),
            kind: MessageType::Call,
            seqid: 1,
        };
        w.write_message_begin(&header).unwrap();
        let s = w.write_struct_begin().unwrap();
        w.write_field_begin(TType::List, 1);
        w.write_list_begin(TType::Struct, 20_000).unwrap();
        for i in 0..20_000 {
            let s = w.write_struct_begin().unwrap();
            w.write_field_begin(TType::I64, 1);
            w.write_i64(i);
            w.write_field_begin(TType::Binary, 2);
            w.write_string("some name").unwrap();
            w.write_field_stop();
            w.write_struct_end(s);
        }
        w.write_list_end();
        w.write_field_stop();
        w.write_struct_end(s);
        let message = buf.freeze();
        let limits = Limits::DEFAULT;
        let reads = Cell::new(0);
        let reader = |b| Counting {
            inner: BinaryReader::with_limits(b, limits),
            reads: &reads,
        };

        let mut once = Scanner::default();
        assert_eq!(
            once.scan(&message, reader, 64).unwrap(),
            Some(message.len())
        );
        let whole = reads.replace(0);

        // In 1 KiB pieces: ~490 scans, each taking up where the last stopped. A fresh pass
        // over everything on each (the old way) would make ~245 times the reads of one pass.
        let mut pieces = Scanner::default();
        let mut scans = 0;
        let mut len = 0;
        let found = loop {
            len = (len + 1024).min(message.len());
            scans += 1;
            let reader = |b| Counting {
                inner: BinaryReader::with_limits(b, limits),
                reads: &reads,
            };
            if let Some(end) = pieces.scan(&message[..len], reader, 64).unwrap() {
                break end;
            }
        };
        assert_eq!(found, message.len());
        assert!(scans > 400);
        assert!(
            reads.get() <= whole + 4 * scans,
            "{} reads in pieces against {whole} at once ({scans} scans)",
            reads.get()
        );
    }
}
