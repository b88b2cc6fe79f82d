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
        // The skip pass reads the bytes in place: the buffer is frozen (no copy), and given
        // back unchanged if the message is not complete yet.
        let whole = std::mem::take(buf).freeze();
        let end = match self.protocol {
            Protocol::Binary => message_end(BinaryReader::with_limits(whole.clone(), self.limits)),
            Protocol::Compact => {
                message_end(CompactReader::with_limits(whole.clone(), self.limits))
            }
        };
        match end {
            Ok(len) => {
                *buf = BytesMut::from(&whole[len..]);
                Ok(Some(whole.slice(..len)))
            }
            Err(e) if e.kind() == ProtocolErrorKind::UnexpectedEnd => {
                let len = whole.len();
                *buf = whole
                    .try_into_mut()
                    .unwrap_or_else(|shared| BytesMut::from(&shared[..]));
                if len >= self.limits.max_message_size {
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
