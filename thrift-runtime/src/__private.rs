//! What generated code uses, re-exported under one path so it never depends on what the
//! user's crate has imported (the idea of tonic's `codegen` module). Not a public API.

pub use bytes::Bytes;
#[cfg(feature = "serde")]
pub use serde;
pub use std::sync::LazyLock;

use crate::error::{ProtocolError, ProtocolErrorKind};
use crate::protocol::TType;

/// A list or set of `found` elements where `expected` is due (fine when empty).
pub fn check_element(found: TType, expected: TType, count: usize) -> Result<(), ProtocolError> {
    if count > 0 && found != expected {
        return Err(ProtocolError::new(
            ProtocolErrorKind::InvalidData,
            format!("container elements of type {found:?}, expected {expected:?}"),
        ));
    }
    Ok(())
}

/// A map whose key or value type is not what is due (fine when empty).
pub fn check_map(
    k: TType,
    v: TType,
    want_k: TType,
    want_v: TType,
    count: usize,
) -> Result<(), ProtocolError> {
    if count > 0 && (k != want_k || v != want_v) {
        return Err(ProtocolError::new(
            ProtocolErrorKind::InvalidData,
            format!("map of {k:?} to {v:?}, expected {want_k:?} to {want_v:?}"),
        ));
    }
    Ok(())
}

/// A required field was absent.
pub fn missing_field(owner: &'static str, field: &'static str) -> ProtocolError {
    ProtocolError::new(
        ProtocolErrorKind::InvalidData,
        format!("required field `{field}` of `{owner}` is missing"),
    )
}

/// A union arrived with none of its fields set.
pub fn empty_union(owner: &'static str) -> ProtocolError {
    ProtocolError::new(
        ProtocolErrorKind::InvalidData,
        format!("union `{owner}` has no field set"),
    )
}

pub use tokio::net::ToSocketAddrs;
