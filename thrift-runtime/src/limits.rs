//! Bounds on what a peer may make us read or allocate, with Apache's `TConfiguration`
//! defaults.

/// How big a message may be and how deep values may nest.
///
/// ```
/// use thrift_runtime::Limits;
/// let strict = Limits { max_message_size: 1 << 20, ..Limits::default() };
/// assert_eq!(strict.recursion_depth, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest frame a framed transport accepts, not counting the 4-byte length prefix.
    /// Apache's default: 16,384,000 bytes.
    pub max_frame_size: usize,
    /// The largest message read. Apache's default: 100 MiB.
    pub max_message_size: usize,
    /// How deep structs and containers may nest, on read, skip and write. Apache's default: 64.
    pub recursion_depth: u32,
    /// The largest string or binary value read, and the largest container element count.
    /// By default the message size bounds them.
    pub max_length: usize,
}

impl Limits {
    /// Apache's defaults.
    pub const DEFAULT: Limits = Limits {
        max_frame_size: 16_384_000,
        max_message_size: 100 * 1024 * 1024,
        recursion_depth: 64,
        max_length: usize::MAX,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
