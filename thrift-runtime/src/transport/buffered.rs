//! Buffered (unframed) transport: messages follow each other with nothing between. Whether a
//! whole message has arrived is found by a skip pass over the bytes so far: a header and a
//! struct skipped to its end. An early end means "read more"; any other error is final.

use crate::error::{ProtocolError, ProtocolErrorKind};
use crate::limits::Limits;
use crate::protocol::{BinaryReader, CompactReader, Protocol, ProtocolReader, TType};
use bytes::{Bytes, BytesMut};

/// Cuts unframed messages out of a stream.
#[derive(Debug, Clone)]
pub struct BufferedCodec {
    protocol: Protocol,
    limits: Limits,
}

impl BufferedCodec {
    /// A codec for messages in `protocol`, at most `limits.max_message_size` long.
    pub fn new(protocol: Protocol, limits: Limits) -> BufferedCodec {
        BufferedCodec { protocol, limits }
    }

    /// The next whole message, if it has all arrived.
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, ProtocolError> {
        if buf.is_empty() {
            return Ok(None);
        }
        // The skip pass reads the bytes in place; nothing is copied or moved until a whole
        // message is there, and then it is split off the front without a copy.
        let end = match self.protocol {
            Protocol::Binary => message_end(BinaryReader::with_limits(&buf[..], self.limits)),
            Protocol::Compact => message_end(CompactReader::with_limits(&buf[..], self.limits)),
        };
        match end {
            Ok(len) => Ok(Some(buf.split_to(len).freeze())),
            Err(e) if e.kind() == ProtocolErrorKind::UnexpectedEnd => {
                if buf.len() >= self.limits.max_message_size {
                    return Err(ProtocolError::new(
                        ProtocolErrorKind::SizeLimit,
                        format!(
                            "message exceeds the limit of {} bytes",
                            self.limits.max_message_size
                        ),
                    ));
                }
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// The length of the message at the start of the reader's bytes.
fn message_end<R: ProtocolReader>(mut r: R) -> Result<usize, ProtocolError> {
    let total = r.remaining();
    r.read_message_begin()?;
    r.skip(TType::Struct)?;
    Ok(total - r.remaining())
}
