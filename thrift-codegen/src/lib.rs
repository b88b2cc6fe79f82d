//! The Thrift IDL front end and code generator, as a plain library.
//!
//! The `thrift_include!` macro is a thin shell over this crate; the `thrift-rs` CLI and the
//! tests call it directly. Data flows one way:
//!
//! ```text
//! .thrift text --lexer--> tokens --lalrpop--> ast::Document --resolve--> Program
//! ```
//!
//! ```
//! use thrift_codegen::{Loader, MemoryLoader, ResolveOptions, resolve};
//!
//! let mut files = MemoryLoader::new();
//! files.insert("shared.thrift", "struct Shared { 1: i32 key }");
//! files.insert("main.thrift", r#"
//!     include "shared.thrift"
//!     service Svc { shared.Shared get(1: i32 key) }
//! "#);
//! let program = resolve("main.thrift", &ResolveOptions::default(), &mut files).unwrap();
//! assert_eq!(program.files.len(), 2);
//! ```

#![forbid(unsafe_code)]

pub mod diagnostic;
pub mod expand;
pub mod parse;
pub mod resolve;

pub use diagnostic::{Diagnostic, SourceFile};
pub use expand::{GenOptions, generate};
pub use parse::ast;
pub use parse::parse;
pub use resolve::{FsLoader, Loader, MemoryLoader, Program, ResolveOptions, resolve};
