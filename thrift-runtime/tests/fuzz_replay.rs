//! Replays every input of the committed, minimized fuzz corpus (fuzz/seeds/<target>/) through the same
//! code the libFuzzer targets run, on stable, as a plain test. An input that once crashed a
//! target stays here as a regression test.

#[path = "../../fuzz/src/targets.rs"]
mod targets;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/seeds")
        .join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("fuzz corpus {} is missing: {e}", dir.display()));
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        run(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n >= 10, "only {n} inputs in {}", dir.display());
}

#[test]
fn decode_binary_corpus() {
    replay("decode_binary", targets::decode_binary);
}

#[test]
fn decode_compact_corpus() {
    replay("decode_compact", targets::decode_compact);
}

#[test]
fn skip_corpus() {
    replay("skip", targets::skip);
}

#[test]
fn buffered_corpus() {
    replay("buffered", targets::buffered);
}
