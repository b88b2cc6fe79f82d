//! The checked-in parser (`src/parse/thrift.rs`) must be what lalrpop makes of
//! `src/parse/thrift.lalrpop` today. Users never run lalrpop; this test does.
//!
//! After editing the grammar: `THRIFT_REGENERATE_PARSER=1 cargo test -p thrift-codegen --test parser_fresh`.

use std::path::{Path, PathBuf};

#[test]
fn checked_in_parser_matches_grammar() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/parse");
    let scratch =
        std::env::temp_dir().join(format!("thrift-codegen-lalrpop-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let grammar = scratch.join("thrift.lalrpop");
    std::fs::copy(dir.join("thrift.lalrpop"), &grammar).expect("copy grammar");
    lalrpop::Configuration::new()
        .set_out_dir(&scratch)
        .force_build(true)
        .process_file(&grammar)
        .expect("lalrpop accepts the grammar");
    let fresh = std::fs::read_to_string(scratch.join("thrift.rs")).expect("generated parser");
    let checked_in_path: PathBuf = dir.join("thrift.rs");
    let checked_in = std::fs::read_to_string(&checked_in_path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&scratch);
    if fresh != checked_in {
        if std::env::var_os("THRIFT_REGENERATE_PARSER").is_some() {
            std::fs::write(&checked_in_path, fresh).expect("write parser");
            return;
        }
        panic!(
            "src/parse/thrift.rs is stale: run \
             `THRIFT_REGENERATE_PARSER=1 cargo test -p thrift-codegen --test parser_fresh` and commit it"
        );
    }
}
