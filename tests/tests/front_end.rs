//! The project's own IDL, read from disk through both faces of the front end: the library
//! (what the CLI and build tools use) and the macro (what users write).

use std::path::Path;
use thrift_codegen::ast::{ConstKind, Definition, StructKind};
use thrift_codegen::{FsLoader, ResolveOptions, resolve};

// The generated types, in a module of their own (the IDL defines a `Path`, as does std).
mod everything {
    thrift_runtime::thrift_include!("idl/everything.thrift");
}

#[test]
fn everything_thrift_resolves_with_its_include() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("idl/everything.thrift");
    let mut loader = FsLoader::default();
    let program = resolve(&file, &ResolveOptions::default(), &mut loader).unwrap();
    assert_eq!(loader.read.len(), 2);
    let root = program.root_file();
    assert_eq!(root.includes[0].alias, "base");
    assert_eq!(root.document.definitions.len(), 12);
    let record = root
        .document
        .definitions
        .iter()
        .find_map(|d| match d {
            Definition::Struct(s) if s.name.name == "Record" => Some(s),
            _ => None,
        })
        .unwrap();
    assert_eq!(record.kind, StructKind::Struct);
    assert_eq!(
        record.doc.as_deref(),
        Some("A struct with every requiredness and a default.")
    );
    assert!(record.fields[7].recursive, "parent closes a cycle");
    assert!(!record.fields[3].recursive, "a list does not");
    let Definition::Const(fav) = &root.document.definitions[6] else {
        panic!()
    };
    assert!(matches!(
        fav.value.kind,
        ConstKind::Ident {
            target: Some(_),
            ..
        }
    ));
}
