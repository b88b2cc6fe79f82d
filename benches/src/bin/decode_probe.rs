//! Profiling aid: decodes one payload in a loop (`perf record` this binary).
//! `decode_probe [small|realistic|large] [binary|compact] [iterations]`
use thrift_runtime::protocol::{BinaryReader, CompactReader};
use thrift_runtime::{Bytes, Protocol, Thrift};

fn run<T: Thrift>(v: T, p: Protocol, n: u64) {
    let bytes: Bytes = thrift_runtime::serialize(&v, p).unwrap();
    for _ in 0..n {
        let b = std::hint::black_box(&bytes);
        let d = match p {
            Protocol::Binary => T::decode(&mut BinaryReader::new(b)),
            Protocol::Compact => T::decode(&mut CompactReader::new(b)),
        }
        .unwrap();
        std::hint::black_box(d);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let payload = args.get(1).map_or("realistic", |s| s.as_str());
    let p = match args.get(2).map(|s| s.as_str()) {
        Some("compact") => Protocol::Compact,
        _ => Protocol::Binary,
    };
    let n: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    use thrift_benches::values::*;
    match payload {
        "small" => run(small_ours(), p, n),
        "large" => run(large_ours(), p, n),
        _ => run(realistic_ours(), p, n),
    }
}
