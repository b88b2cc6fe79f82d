//! The runtime for Thrift IDL embedded in Rust.
//!
//! Not built yet: this crate will hold the binary and compact protocols, the framed and
//! buffered transports, the async client and server, and re-export the
//! `thrift_include!` / `thrift!` macros. Today the project's working part is the IDL front
//! end in `thrift-codegen` and its `thrift-rs check` command; see the README.
