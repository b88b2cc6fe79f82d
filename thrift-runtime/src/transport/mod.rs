//! How a whole message is cut from a byte stream, sans-IO: framed (a 4-byte length prefix)
//! or buffered (no prefix: a skip pass finds where the message ends). The I/O loops in
//! `client` and `server` feed bytes in and take whole messages out.

mod buffered;
mod framed;
mod read_room;
mod scan;

pub use buffered::BufferedCodec;
pub use framed::FramedCodec;
pub(crate) use read_room::ReadRoom;

use crate::codec::Thrift;
use crate::error::ProtocolError;
use crate::limits::Limits;
use crate::protocol::{
    BinaryWriter, CompactWriter, Counter, MessageHeader, Output, Protocol, ProtocolWriter,
};
use bytes::{Bytes, BytesMut};

/// How messages are delimited on the stream.
///
/// ```
/// use thrift_runtime::{Limits, Protocol, transport::{Codec, Transport}};
/// let mut codec = Codec::new(Transport::Framed, Protocol::Compact, Limits::DEFAULT);
/// let mut buf = thrift_runtime::BytesMut::from(&[0, 0, 0, 1, 0x00][..]);
/// assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], [0x00]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Transport {
    /// No prefix (Apache's `TBufferedTransport`, the default of most clients).
    #[default]
    Buffered,
    /// A 4-byte big-endian length before each message (`TFramedTransport`).
    Framed,
}

/// Cuts whole messages out of the bytes received so far, and frames outgoing ones.
#[derive(Debug, Clone)]
pub enum Codec {
    /// See [`BufferedCodec`].
    Buffered(BufferedCodec),
    /// See [`FramedCodec`].
    Framed(FramedCodec),
}

impl Codec {
    /// A codec for `transport` and `protocol` within `limits`.
    pub fn new(transport: Transport, protocol: Protocol, limits: Limits) -> Codec {
        match transport {
            Transport::Buffered => Codec::Buffered(BufferedCodec::new(protocol, limits)),
            Transport::Framed => Codec::Framed(FramedCodec::new(limits)),
        }
    }

    /// The next whole message from the front of `buf`, if all of it has arrived; `Err` when
    /// the bytes can never become a valid message (or exceed a limit).
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, ProtocolError> {
        match self {
            Codec::Buffered(c) => c.decode(buf),
            Codec::Framed(c) => c.decode(buf),
        }
    }

    /// Room for the frame prefix, if any, at the start of an outgoing message. Write the
    /// message after it, then call [`Codec::finish`].
    pub fn begin(&self, buf: &mut BytesMut) -> usize {
        let start = buf.len();
        if let Codec::Framed(_) = self {
            buf.extend_from_slice(&[0; 4]);
        }
        start
    }

    /// A whole outgoing message, header and body, framed if the transport is: sized exactly
    /// first (the writer's own code over a byte counter), so the buffer is allocated once.
    pub fn encode_message<T: Thrift>(
        &self,
        protocol: Protocol,
        limits: &Limits,
        header: &MessageHeader,
        body: &T,
    ) -> Result<Bytes, ProtocolError> {
        fn write<O: Output, T: Thrift>(
            out: &mut O,
            protocol: Protocol,
            limits: &Limits,
            header: &MessageHeader,
            body: &T,
        ) -> Result<(), ProtocolError> {
            match protocol {
                Protocol::Binary => {
                    let mut w = BinaryWriter::with_limits(out, limits);
                    w.write_message_begin(header)?;
                    body.encode(&mut w)
                }
                Protocol::Compact => {
                    let mut w = CompactWriter::with_limits(out, limits);
                    w.write_message_begin(header)?;
                    body.encode(&mut w)
                }
            }
        }
        let mut size = Counter::default();
        write(&mut size, protocol, limits, header, body)?;
        let mut buf = BytesMut::with_capacity(size.0 + 4);
        let start = self.begin(&mut buf);
        write(&mut buf, protocol, limits, header, body)?;
        self.finish(&mut buf, start)?;
        Ok(buf.freeze())
    }

    /// Fills in the frame prefix of the message that began at `start`.
    pub fn finish(&self, buf: &mut BytesMut, start: usize) -> Result<(), ProtocolError> {
        match self {
            Codec::Framed(c) => c.finish(buf, start),
            Codec::Buffered(_) => Ok(()),
        }
    }
}
