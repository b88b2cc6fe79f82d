//! An edit to any IDL file, the root or one it includes, rebuilds the crate that uses it:
//! the macro emits `include_bytes!` of every file it read. Builds a small user crate
//! (tests/fixtures/rebuild) in a scratch directory, edits its IDL, and builds again.

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn run(dir: &Path, target: &Path) -> String {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn editing_an_included_idl_file_rebuilds_the_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = std::env::temp_dir().join(format!("thrift-rebuild-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    copy_dir(&root.join("fixtures/rebuild"), &scratch);
    let runtime: PathBuf = root.join("../thrift-runtime").canonicalize().unwrap();
    let manifest = std::fs::read_to_string(scratch.join("Cargo.toml.in")).unwrap();
    std::fs::write(
        scratch.join("Cargo.toml"),
        manifest.replace("@RUNTIME@", &runtime.display().to_string()),
    )
    .unwrap();
    // The workspace's own target dir: the runtime's dependencies are already built there.
    let target = root.join("../target/rebuild-fixture");

    // Item { a: i32, b: Inner { x: i64 } } in binary: 3+4 + 3+(3+8+1) + 1 = 23 bytes.
    assert_eq!(run(&scratch, &target), "23");
    // An edit to the included file only.
    std::fs::write(
        scratch.join("idl/inner.thrift"),
        "struct Inner { 1: i64 x, 2: bool y }\n",
    )
    .unwrap();
    assert_eq!(
        run(&scratch, &target),
        "27",
        "the edit to inner.thrift was not picked up"
    );
    // And to the root file.
    std::fs::write(
        scratch.join("idl/item.thrift"),
        "include \"inner.thrift\"\nstruct Item { 1: i32 a, 2: inner.Inner b, 3: i16 c }\n",
    )
    .unwrap();
    assert_eq!(
        run(&scratch, &target),
        "32",
        "the edit to item.thrift was not picked up"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
