//! Thrift IDL embedded in Rust source.
//!
//! Depend on this crate alone; it re-exports the macros.
//!
//! # Status
//!
//! Working today:
//! - the IDL front end: [`thrift_include!`] and [`thrift!`] read an IDL file (or inline IDL)
//!   and everything it includes at compile time, and turn every mistake in it into a compile
//!   error that names `path:line:col` and quotes the line;
//! - the wire formats: Apache's binary and compact [`protocol`]s, sans-IO, byte-exact, with
//!   every length checked against the bytes left and the [`Limits`] before anything is
//!   allocated; [`serialize`] and [`deserialize`] for values stored rather than sent.
//!
//! Not built yet: the generated Rust types (the macros expand to no items yet), the
//! transports, and the async clients and servers.

#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod __private;
mod codec;
mod error;
mod limits;
pub mod protocol;

pub use bytes::{Bytes, BytesMut};
pub use codec::{Thrift, Uuid, deserialize, deserialize_with_limits, encoded_size, serialize};
pub use error::{
    ApplicationException, ApplicationExceptionKind, Error, ProtocolError, ProtocolErrorKind,
};
pub use limits::Limits;
pub use protocol::Protocol;

/// Checks a Thrift IDL file, and every file it includes, at compile time.
///
/// The path is relative to the directory holding the invoking crate's `Cargo.toml`, as with
/// `sqlx`, `pest` and `progenitor`. Every file read is tracked, so editing one rebuilds the crate.
///
/// ```
/// thrift_runtime::thrift_include!("idl/myservice.thrift");
/// ```
///
/// A mistake in the IDL is a compile error:
///
/// ```compile_fail
/// thrift_runtime::thrift!("struct S { 1: Missing m }");
/// ```
pub use thrift_macros::thrift_include;

/// Checks Thrift IDL given inline, or read with `include_str!` relative to the invoking file,
/// at compile time.
///
/// ```
/// thrift_runtime::thrift!(r#"
///     struct MyData { 1: string name, 2: i32 age, 3: bool active }
///     service MyService { void doSomething(1: MyData data), bool checkStatus() }
/// "#);
/// ```
pub use thrift_macros::thrift;
