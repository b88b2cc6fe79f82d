//! Thrift IDL embedded in Rust source.
//!
//! Depend on this crate alone; it re-exports the macros.
//!
//! ```
//! mod idl {
//!     thrift_runtime::thrift!(r#"
//!         struct MyData { 1: string name, 2: i32 age, 3: bool active }
//!     "#);
//! }
//! use thrift_runtime::{Protocol, deserialize, serialize};
//!
//! let data = idl::MyData { name: "John".into(), age: 25, active: true };
//! let bytes = serialize(&data, Protocol::Binary).unwrap();
//! assert_eq!(deserialize::<idl::MyData>(bytes, Protocol::Binary).unwrap(), data);
//! ```
//!
//! # Status
//!
//! Working today:
//! - [`thrift_include!`] and [`thrift!`] read an IDL file (or inline IDL) and everything it
//!   includes at compile time and generate a Rust type, with a [`Thrift`] impl, for every
//!   struct, union, exception, enum, typedef and const; a mistake in the IDL is a compile
//!   error that names `path:line:col` and quotes the line;
//! - the wire formats: Apache's binary and compact [`protocol`]s, sans-IO, byte-exact, with
//!   every length checked against the bytes left and the [`Limits`] before anything is
//!   allocated; [`serialize`] and [`deserialize`] for values stored rather than sent.
//!
//! Not built yet: services (clients, servers, transports).

#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod __private;
pub mod client;
mod codec;
mod error;
mod limits;
pub mod protocol;
pub mod server;
pub mod transport;

pub use bytes::{Bytes, BytesMut};
pub use codec::{Thrift, Uuid, deserialize, deserialize_with_limits, encoded_size, serialize};
pub use error::{
    ApplicationException, ApplicationExceptionKind, Error, ProtocolError, ProtocolErrorKind,
    TransportError,
};
pub use limits::Limits;
pub use protocol::Protocol;

/// Generates Rust for a Thrift IDL file and every file it includes (each in a module named
/// after its file stem), at compile time.
///
/// The path is relative to the directory holding the invoking crate's `Cargo.toml`, as with
/// `sqlx`, `pest` and `progenitor`. Every file read is tracked, so editing one rebuilds the crate.
///
/// ```
/// thrift_runtime::thrift_include!("idl/contrib/shared.thrift");
/// let s = Shared { id: 7 };
/// ```
///
/// Apache's `-I` directories (relative to `Cargo.toml` too):
///
/// ```
/// thrift_runtime::thrift_include!("idl/with_include.thrift", include_dirs = ["idl/contrib"]);
/// let w = Wrapper { inner: shared::Shared { id: 7 } };
/// ```
///
/// A mistake in the IDL is a compile error:
///
/// ```compile_fail
/// thrift_runtime::thrift!("struct S { 1: Missing m }");
/// ```
pub use thrift_macros::thrift_include;

/// Generates Rust for Thrift IDL given inline, or read with `include_str!` relative to the
/// invoking file, at compile time.
///
/// ```
/// thrift_runtime::thrift!(r#"
///     enum Color { RED = 1, GREEN = 2 }
///     struct Pixel { 1: Color color = Color.RED, 2: optional i16 alpha }
/// "#);
/// assert_eq!(Pixel::default().color, Color::RED);
/// ```
///
/// The `include_str!` form (the path relative to the file the macro is in):
///
/// ```text
/// thrift_runtime::thrift!(include_str!("../idl/pixels.thrift"));
/// ```
pub use thrift_macros::thrift;
