//! How a whole message is cut from a byte stream, sans-IO: framed (a 4-byte length prefix)
//! or buffered (no prefix: a skip pass finds where the message ends). The I/O loops in
//! `client` and `server` feed bytes in and take whole messages out.

mod buffered;
mod framed;

pub use buffered::BufferedCodec;
pub use framed::FramedCodec;

use crate::error::ProtocolError;
use crate::limits::Limits;
use crate::protocol::Protocol;
use bytes::{Bytes, BytesMut};

/// How messages are delimited on the stream.
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

    /// Fills in the frame prefix of the message that began at `start`.
    pub fn finish(&self, buf: &mut BytesMut, start: usize) -> Result<(), ProtocolError> {
        match self {
            Codec::Framed(c) => c.finish(buf, start),
            Codec::Buffered(_) => Ok(()),
        }
    }
}
