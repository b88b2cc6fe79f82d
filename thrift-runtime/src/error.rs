//! What can go wrong: bytes that are not valid Thrift ([`ProtocolError`]), a peer's
//! [`ApplicationException`], and the [`Error`] that carries either.

use std::borrow::Cow;
use std::fmt;

/// Everything a Thrift operation can fail with.
///
/// ```
/// use thrift_runtime::{Error, Protocol, deserialize};
/// let err = deserialize::<i32>(&[0x00][..], Protocol::Binary).unwrap_err();
/// assert!(matches!(err, Error::Protocol(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not valid Thrift, or exceed a limit.
    Protocol(ProtocolError),
    /// The peer answered with a `TApplicationException`, or the call broke a rule of the RPC
    /// layer (unknown method, bad sequence id, ...).
    Application(ApplicationException),
    /// The connection failed, closed, or a call timed out.
    Transport(TransportError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Protocol(e) => e.fmt(f),
            Error::Application(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Protocol(e) => Some(e),
            Error::Application(e) => Some(e),
            Error::Transport(e) => Some(e),
        }
    }
}

impl From<ProtocolError> for Error {
    fn from(e: ProtocolError) -> Error {
        Error::Protocol(e)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Error {
        Error::Transport(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Transport(TransportError::new(e.kind(), e.to_string()))
    }
}

impl Error {
    /// A handler's failure that is not a declared exception: the peer gets an
    /// `INTERNAL_ERROR` application exception with this message.
    ///
    /// ```
    /// let e = thrift_runtime::Error::internal("database down");
    /// assert_eq!(e.to_string(), "application exception INTERNAL_ERROR: database down");
    /// ```
    pub fn internal(message: impl Into<String>) -> Error {
        Error::Application(ApplicationException::new(
            ApplicationExceptionKind::INTERNAL_ERROR,
            message,
        ))
    }
}

/// The connection failed or closed, or a call timed out.
///
/// ```
/// use thrift_runtime::TransportError;
/// let e = TransportError::new(std::io::ErrorKind::TimedOut, "call timed out after 1s");
/// assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    kind: std::io::ErrorKind,
    message: String,
}

impl TransportError {
    /// An error of `kind` described by `message`.
    pub fn new(kind: std::io::ErrorKind, message: impl Into<String>) -> TransportError {
        TransportError {
            kind,
            message: message.into(),
        }
    }

    /// What kind: `TimedOut`, `ConnectionReset`, `UnexpectedEof`, ...
    pub fn kind(&self) -> std::io::ErrorKind {
        self.kind
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.message)
    }
}

impl std::error::Error for TransportError {}

impl From<ApplicationException> for Error {
    fn from(e: ApplicationException) -> Error {
        Error::Application(e)
    }
}

/// The kinds of protocol error Apache's `TProtocolException` knows, plus an early end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProtocolErrorKind {
    /// Malformed data: an unknown type id, invalid UTF-8, an overlong varint, a missing
    /// required field.
    InvalidData,
    /// A length or size below zero.
    NegativeSize,
    /// A length or size beyond what the message holds or the limits allow.
    SizeLimit,
    /// A message header with a bad version or protocol id.
    BadVersion,
    /// Something this implementation does not support.
    NotImplemented,
    /// Nesting deeper than the recursion limit.
    DepthLimit,
    /// The message ended in the middle of a value.
    UnexpectedEnd,
}

/// Bytes that are not valid Thrift, or exceed a [`Limits`](crate::Limits) bound.
///
/// ```
/// use thrift_runtime::{ProtocolError, ProtocolErrorKind};
/// let e = ProtocolError::new(ProtocolErrorKind::NegativeSize, "string length -1");
/// assert_eq!(e.to_string(), "negative size: string length -1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolError(
    // Boxed: every read returns a `Result<_, ProtocolError>`, and a one-pointer error keeps
    // those results in registers on the hot path.
    Box<ErrorInner>,
);

#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorInner {
    kind: ProtocolErrorKind,
    message: Cow<'static, str>,
}

impl ProtocolError {
    /// An error of `kind`, described by `message`.
    #[cold]
    pub fn new(kind: ProtocolErrorKind, message: impl Into<Cow<'static, str>>) -> ProtocolError {
        ProtocolError(Box::new(ErrorInner {
            kind,
            message: message.into(),
        }))
    }

    /// What kind of error.
    pub fn kind(&self) -> ProtocolErrorKind {
        self.0.kind
    }

    /// The details.
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.0.kind {
            ProtocolErrorKind::InvalidData => "invalid data",
            ProtocolErrorKind::NegativeSize => "negative size",
            ProtocolErrorKind::SizeLimit => "size limit exceeded",
            ProtocolErrorKind::BadVersion => "bad version",
            ProtocolErrorKind::NotImplemented => "not implemented",
            ProtocolErrorKind::DepthLimit => "nesting too deep",
            ProtocolErrorKind::UnexpectedEnd => "unexpected end of message",
        };
        write!(f, "{kind}: {}", self.0.message)
    }
}

impl std::error::Error for ProtocolError {}

/// The type codes of a `TApplicationException`, as Apache defines them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApplicationExceptionKind(pub i32);

impl ApplicationExceptionKind {
    /// 0: anything else.
    pub const UNKNOWN: Self = Self(0);
    /// 1: the server has no such method.
    pub const UNKNOWN_METHOD: Self = Self(1);
    /// 2: a message of the wrong type (a reply sent to a server).
    pub const INVALID_MESSAGE_TYPE: Self = Self(2);
    /// 3: a reply for another method.
    pub const WRONG_METHOD_NAME: Self = Self(3);
    /// 4: a reply whose sequence id matches no call.
    pub const BAD_SEQUENCE_ID: Self = Self(4);
    /// 5: a reply with neither a result nor a declared exception.
    pub const MISSING_RESULT: Self = Self(5);
    /// 6: the handler failed.
    pub const INTERNAL_ERROR: Self = Self(6);
    /// 7: the request could not be decoded.
    pub const PROTOCOL_ERROR: Self = Self(7);
    /// 8: a transform (compression, ...) failed.
    pub const INVALID_TRANSFORM: Self = Self(8);
    /// 9: the protocol is not supported.
    pub const INVALID_PROTOCOL: Self = Self(9);
    /// 10: the client type is not supported.
    pub const UNSUPPORTED_CLIENT_TYPE: Self = Self(10);

    /// Apache's name for the code, or `None` for a code it does not define.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0 => "UNKNOWN",
            1 => "UNKNOWN_METHOD",
            2 => "INVALID_MESSAGE_TYPE",
            3 => "WRONG_METHOD_NAME",
            4 => "BAD_SEQUENCE_ID",
            5 => "MISSING_RESULT",
            6 => "INTERNAL_ERROR",
            7 => "PROTOCOL_ERROR",
            8 => "INVALID_TRANSFORM",
            9 => "INVALID_PROTOCOL",
            10 => "UNSUPPORTED_CLIENT_TYPE",
            _ => return None,
        })
    }
}

/// Apache's `TApplicationException`: `struct { 1: string message, 2: i32 type }` on the wire.
///
/// ```
/// use thrift_runtime::{ApplicationException, ApplicationExceptionKind, Protocol, deserialize, serialize};
/// let e = ApplicationException::new(ApplicationExceptionKind::UNKNOWN_METHOD, "no method `nope`");
/// let bytes = serialize(&e, Protocol::Compact).unwrap();
/// assert_eq!(deserialize::<ApplicationException>(bytes, Protocol::Compact).unwrap(), e);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplicationException {
    /// What happened.
    pub message: String,
    /// The type code (kept as sent, even if unknown).
    pub kind: ApplicationExceptionKind,
}

impl Default for ApplicationExceptionKind {
    fn default() -> Self {
        ApplicationExceptionKind::UNKNOWN
    }
}

impl ApplicationException {
    /// An exception of `kind` with `message`.
    pub fn new(kind: ApplicationExceptionKind, message: impl Into<String>) -> ApplicationException {
        ApplicationException {
            message: message.into(),
            kind,
        }
    }
}

impl fmt::Display for ApplicationException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind.name() {
            Some(name) => write!(f, "application exception {name}: {}", self.message),
            None => write!(f, "application exception {}: {}", self.kind.0, self.message),
        }
    }
}

impl std::error::Error for ApplicationException {}
