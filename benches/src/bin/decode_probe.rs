//! Profiling aid: decodes the realistic payload in a loop (`perf record` this binary).
use thrift_runtime::protocol::BinaryReader;
use thrift_runtime::{Protocol, Thrift};

fn main() {
    let v = thrift_benches::values::realistic_ours();
    let bytes = thrift_runtime::serialize(&v, Protocol::Binary).unwrap();
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    for _ in 0..n {
        let d = thrift_benches::ours::Realistic::decode(&mut BinaryReader::new(
            std::hint::black_box(bytes.clone()),
        ))
        .unwrap();
        std::hint::black_box(d);
    }
}
