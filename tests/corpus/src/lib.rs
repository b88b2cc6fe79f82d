//! Finds the shared IDL files; the tests live in `tests/`.

use std::path::{Path, PathBuf};

/// `../shared/idl` beside the checkout, or `$THRIFT_SHARED_IDL`. Panics, naming both, when
/// neither exists: these tests must fail loudly, never skip.
pub fn shared_idl() -> PathBuf {
    let dir = std::env::var_os("THRIFT_SHARED_IDL").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/idl"),
        PathBuf::from,
    );
    assert!(
        dir.join("ThriftTest.thrift").is_file(),
        "the shared IDL files are missing: expected {} (or set THRIFT_SHARED_IDL)",
        dir.display()
    );
    dir
}

/// Every `.thrift` file below `dir`, sorted.
pub fn thrift_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "thrift") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
pub mod json;
