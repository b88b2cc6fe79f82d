//! Framed transport: each message preceded by its length, a big-endian i32 that must be
//! within 0..=max frame size. The length is checked before any room is reserved for the body.

use crate::error::{ProtocolError, ProtocolErrorKind};
use crate::limits::Limits;
use bytes::{Buf, Bytes, BytesMut};

/// Frames and unframes messages.
///
/// ```
/// use thrift_runtime::{Limits, transport::FramedCodec};
/// let mut codec = FramedCodec::new(Limits::DEFAULT);
/// let mut buf = thrift_runtime::BytesMut::from(&[0, 0, 0, 2, 7][..]);
/// assert_eq!(codec.decode(&mut buf).unwrap(), None); // one byte of two so far
/// buf.extend_from_slice(&[8]);
/// assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], [7, 8]);
/// ```
#[derive(Debug, Clone)]
pub struct FramedCodec {
    max_frame: usize,
}

impl FramedCodec {
    /// A codec refusing frames over `limits.max_frame_size`.
    pub fn new(limits: Limits) -> FramedCodec {
        FramedCodec {
            max_frame: limits.max_frame_size,
        }
    }

    /// The next whole frame's body, if it has all arrived.
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, ProtocolError> {
        if buf.len() < 4 {
            return Ok(None);
        }
        let len = i32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]);
        if len < 0 {
            return Err(ProtocolError::new(
                ProtocolErrorKind::NegativeSize,
                format!("frame length {len}"),
            ));
        }
        let len = len as usize;
        if len > self.max_frame {
            return Err(ProtocolError::new(
                ProtocolErrorKind::SizeLimit,
                format!(
                    "frame of {len} bytes exceeds the limit of {}",
                    self.max_frame
                ),
            ));
        }
        if buf.len() < 4 + len {
            // Room for the rest, now that the length is known to be within the limit.
            buf.reserve(4 + len - buf.len());
            return Ok(None);
        }
        buf.advance(4);
        Ok(Some(buf.split_to(len).freeze()))
    }

    /// Writes the length of the body that follows `start + 4` into the prefix at `start`.
    pub fn finish(&self, buf: &mut BytesMut, start: usize) -> Result<(), ProtocolError> {
        let len = buf.len() - start - 4;
        if len > self.max_frame || i32::try_from(len).is_err() {
            return Err(ProtocolError::new(
                ProtocolErrorKind::SizeLimit,
                format!(
                    "message of {len} bytes exceeds the frame limit of {}",
                    self.max_frame
                ),
            ));
        }
        buf[start..start + 4].copy_from_slice(&(len as i32).to_be_bytes());
        Ok(())
    }
}
