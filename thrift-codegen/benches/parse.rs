//! Parse + resolve speed: the largest real IDL file of the shared corpus (when `../shared`
//! is beside the checkout) and a generated 5k-line IDL (always).
//!
//! `cargo bench -p thrift-codegen --bench parse`

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use thrift_codegen::{MemoryLoader, ResolveOptions, resolve};

/// 300 structs, 20 enums, 100 methods: about the size of a big service's IDL.
fn synthetic_idl() -> String {
    let mut s = String::from("namespace rs bench\n\n");
    for e in 0..20 {
        let _ = writeln!(
            s,
            "/** Enum {e}. */\nenum Kind{e} {{ A = 1, B = 2, C = 3, D = 0x10 }}\n"
        );
    }
    for i in 0..300 {
        let _ = writeln!(s, "/** Struct number {i}. */\nstruct S{i} {{");
        let _ = writeln!(
            s,
            "  1: required i64 id,\n  2: optional string name = \"n{i}\","
        );
        let _ = writeln!(
            s,
            "  3: list<i32> values,\n  4: map<string, double> scores,"
        );
        let _ = writeln!(s, "  5: Kind{} kind = Kind{}.B,", i % 20, i % 20);
        if i > 0 {
            let _ = writeln!(s, "  6: optional S{} prev,", i - 1);
        }
        let _ = writeln!(s, "  7: binary blob,\n  8: set<string> tags\n}}\n");
    }
    let _ = writeln!(
        s,
        "exception Oops {{ 1: string message }}\n\nservice Big {{"
    );
    for m in 0..100 {
        let _ = writeln!(
            s,
            "  S{} call{m}(1: S{} req, 2: i32 n) throws (1: Oops oops),",
            m,
            (m + 1) % 300
        );
    }
    s.push_str("}\n");
    s
}

fn bench(c: &mut Criterion) {
    let idl = synthetic_idl();
    let lines = idl.lines().count();
    let mut files = MemoryLoader::new();
    files.insert("big.thrift", idl);
    c.bench_function(&format!("parse+resolve synthetic ({lines} lines)"), |b| {
        b.iter(|| {
            resolve(
                black_box("big.thrift"),
                &ResolveOptions::default(),
                &mut files,
            )
            .unwrap()
        })
    });

    let parquet = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/idl/corpus/parquet-format/src/main/thrift/parquet.thrift");
    match std::fs::read_to_string(&parquet) {
        Ok(text) => {
            let lines = text.lines().count();
            let mut files = MemoryLoader::new();
            files.insert("parquet.thrift", text);
            c.bench_function(
                &format!("parse+resolve parquet.thrift ({lines} lines)"),
                |b| {
                    b.iter(|| {
                        resolve(
                            black_box("parquet.thrift"),
                            &ResolveOptions::default(),
                            &mut files,
                        )
                        .unwrap()
                    })
                },
            );
        }
        Err(_) => eprintln!(
            "note: {} not found; only the synthetic IDL was measured",
            parquet.display()
        ),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
