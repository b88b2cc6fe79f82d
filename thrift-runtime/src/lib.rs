//! Thrift IDL embedded in Rust source.
//!
//! Depend on this crate alone; it re-exports the macros.
//!
//! # Status
//!
//! Working today: the IDL front end. [`thrift_include!`] and [`thrift!`] read an IDL file (or
//! inline IDL) and everything it includes at compile time, and turn every mistake in it into a
//! compile error that names `path:line:col` and quotes the line.
//!
//! Not built yet: the generated Rust types, the binary and compact protocols, the transports,
//! and the async clients and servers. Until then the macros expand to no items.

/// Checks a Thrift IDL file, and every file it includes, at compile time.
///
/// The path is relative to the directory holding the invoking crate's `Cargo.toml`, as with
/// `sqlx`, `pest` and `progenitor`. Every file read is tracked, so editing one rebuilds the crate.
///
/// ```ignore
/// thrift_runtime::thrift_include!("idl/myservice.thrift");
/// ```
///
/// A mistake in the IDL is a compile error:
///
/// ```compile_fail
/// thrift_runtime::thrift!("struct S { 1: Missing m }");
/// ```
pub use thrift_macros::thrift_include;

/// Checks Thrift IDL given inline, at compile time.
///
/// ```
/// thrift_runtime::thrift!(r#"
///     struct MyData { 1: string name, 2: i32 age, 3: bool active }
///     service MyService { void doSomething(1: MyData data), bool checkStatus() }
/// "#);
/// ```
pub use thrift_macros::thrift;
