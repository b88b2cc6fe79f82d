//! Buffered (unframed) transport: messages follow each other with nothing between. Whether a
//! whole message has arrived is found by walking its header and struct to their end, picking
//! the walk up where it stopped when more bytes arrive ([`Scanner`]). An early end means
//! "read more"; any other error is final.

use super::scan::Scanner;
use crate::error::{ProtocolError, ProtocolErrorKind};
use crate::limits::Limits;
use crate::protocol::{BinaryReader, CompactReader, Protocol};
use bytes::{Bytes, BytesMut};

/// Cuts unframed messages out of a stream.
#[derive(Debug, Clone)]
pub struct BufferedCodec {
    protocol: Protocol,
    limits: Limits,
    scanner: Scanner,
}

impl BufferedCodec {
    /// A codec for messages in `protocol`, at most `limits.max_message_size` long.
    pub fn new(protocol: Protocol, limits: Limits) -> BufferedCodec {
        BufferedCodec {
            protocol,
            limits,
            scanner: Scanner::default(),
        }
    }

    /// The next whole message, if it has all arrived. Feed it one stream's bytes as they come:
    /// it remembers how far into the message at the front it has looked, so a message that
    /// arrives in many reads is walked once, not once per read.
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, ProtocolError> {
        if buf.is_empty() {
            return Ok(None);
        }
        // The walk reads the bytes in place; nothing is copied or moved until a whole message
        // is there, and then it is split off the front without a copy.
        let (limits, depth) = (self.limits, self.limits.recursion_depth);
        let end = match self.protocol {
            Protocol::Binary => {
                self.scanner
                    .scan(buf, |b| BinaryReader::with_limits(b, limits), depth)
            }
            Protocol::Compact => {
                self.scanner
                    .scan(buf, |b| CompactReader::with_limits(b, limits), depth)
            }
        };
        match end {
            Ok(Some(len)) => Ok(Some(buf.split_to(len).freeze())),
            Ok(None) => {
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
