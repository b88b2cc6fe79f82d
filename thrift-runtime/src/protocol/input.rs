//! What a reader reads from: one whole message in contiguous memory, owned or borrowed.
//! Borrowing (`&Bytes`, `&[u8]`) lets a caller decode the same buffer again and again
//! without touching a reference count; owning (`Bytes`) lets a decoded value outlive it.

use bytes::Bytes;
use std::ops::Range;

/// A whole message for a [`BinaryReader`](super::BinaryReader) or
/// [`CompactReader`](super::CompactReader) to read.
///
/// `Bytes` and `&Bytes` hand `binary` values out as zero-copy slices of the message; `&[u8]`
/// copies them (it has no reference count to share).
///
/// ```
/// use thrift_runtime::protocol::{BinaryReader, ProtocolReader};
/// let message = thrift_runtime::Bytes::from_static(&[0, 0, 0, 2, b'h', b'i']);
/// // Borrowed: `message` stays usable, and the returned bytes share its memory.
/// let hi = BinaryReader::new(&message).read_binary().unwrap();
/// assert_eq!(hi.as_ptr(), message[4..].as_ptr());
/// // From any slice: the bytes are copied out.
/// let raw: &[u8] = &message;
/// assert_eq!(BinaryReader::new(raw).read_binary().unwrap(), &b"hi"[..]);
/// ```
pub trait Input {
    /// The whole message.
    fn as_slice(&self) -> &[u8];
    /// `range` of the message as `Bytes` (`range` is within [`Input::as_slice`]).
    fn share(&self, range: Range<usize>) -> Bytes;
}

impl Input for Bytes {
    #[inline]
    fn as_slice(&self) -> &[u8] {
        self
    }
    #[inline]
    fn share(&self, range: Range<usize>) -> Bytes {
        self.slice(range)
    }
}

impl Input for [u8] {
    #[inline]
    fn as_slice(&self) -> &[u8] {
        self
    }
    #[inline]
    fn share(&self, range: Range<usize>) -> Bytes {
        Bytes::copy_from_slice(&self[range])
    }
}

/// Borrowed: `&Bytes` shares, `&[u8]` copies.
impl<I: Input + ?Sized> Input for &I {
    #[inline]
    fn as_slice(&self) -> &[u8] {
        (**self).as_slice()
    }
    #[inline]
    fn share(&self, range: Range<usize>) -> Bytes {
        (**self).share(range)
    }
}
