//! Every IDL file under ../shared/idl is accepted, its includes resolved. Apache's own 0.17
//! compiler rejects four of them (`uuid`, `senum`); we accept all.

use thrift_codegen::{FsLoader, ResolveOptions, resolve};
use thrift_corpus_tests::{shared_idl, thrift_files};

#[test]
fn every_shared_idl_file_is_accepted() {
    let idl = shared_idl();
    let files = thrift_files(&idl);
    // SOURCES.md lists 34 corpus files, plus ThriftTest.thrift and myservice.thrift.
    assert!(
        files.len() >= 36,
        "expected at least 36 IDL files, found {}",
        files.len()
    );
    let options = ResolveOptions {
        // scribe.thrift includes "fb303/if/fb303.thrift", found only with Apache's `-I` here.
        include_dirs: vec![idl.join("corpus/apache-thrift/contrib")],
        display_base: Some(idl.clone()),
    };
    let mut rejected = Vec::new();
    let mut definitions = 0;
    for file in &files {
        match resolve(file, &options, &mut FsLoader::default()) {
            Ok(program) => definitions += program.root_file().document.definitions.len(),
            Err(errors) => rejected.push(format!("{}\n{errors}", file.display())),
        }
    }
    assert!(
        rejected.is_empty(),
        "{} of {} files rejected:\n\n{}",
        rejected.len(),
        files.len(),
        rejected.join("\n")
    );
    println!("{} files accepted, {definitions} definitions", files.len());
}

#[test]
fn scribe_needs_the_include_dir() {
    let idl = shared_idl();
    let scribe = idl.join("corpus/scribe/if/scribe.thrift");
    let err = resolve(
        &scribe,
        &ResolveOptions::default(),
        &mut FsLoader::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot find included file \"fb303/if/fb303.thrift\""),
        "{err}"
    );
}

#[test]
fn includes_are_resolved_across_the_corpus() {
    let idl = shared_idl();
    // candy.thrift includes ./dir1/../dir1/include1.thrift, which includes dir4/include4.thrift.
    let candy =
        idl.join("corpus/scrooge/scrooge-generator-tests/src/test/thrift/relative/candy.thrift");
    let program = resolve(&candy, &ResolveOptions::default(), &mut FsLoader::default()).unwrap();
    assert_eq!(program.files.len(), 5);
    // accumulo's data.thrift reaches security.thrift twice (directly and through client.thrift).
    let data = idl.join("corpus/accumulo/core/src/main/thrift/data.thrift");
    let program = resolve(&data, &ResolveOptions::default(), &mut FsLoader::default()).unwrap();
    let modules: Vec<&str> = program.files.iter().map(|f| f.module.as_str()).collect();
    assert_eq!(
        modules.iter().filter(|m| **m == "security").count(),
        1,
        "{modules:?}"
    );
}

#[test]
fn recursive_types_of_apache_recursive_thrift_are_marked() {
    let idl = shared_idl();
    let file = idl.join("corpus/apache-thrift/test/Recursive.thrift");
    let program = resolve(&file, &ResolveOptions::default(), &mut FsLoader::default()).unwrap();
    let marked: Vec<String> = program
        .definitions()
        .filter_map(|(_, d)| match d {
            thrift_codegen::ast::Definition::Struct(s) => Some(
                s.fields
                    .iter()
                    .filter(|f| f.recursive)
                    .map(|f| format!("{}.{}", s.name.name, f.name.name))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    // The `&` fields and their partners close cycles; `RecTree.children` is a list, which
    // already allocates.
    let expected = [
        "RecList.nextitem",
        "CoRec.other",
        "CoRec2.other",
        "CoUnion.other",
        "CoUnion2.other",
        "CoError.other",
        "CoError2.other",
    ];
    assert_eq!(marked, expected);
}
