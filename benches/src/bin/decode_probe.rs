//! Profiling aid: decodes (or with `encode` last, encodes) one payload in a loop
//! (`perf record` this binary).
//! `decode_probe [small|realistic|large] [binary|compact] [iterations] [encode]`
use thrift_runtime::protocol::{BinaryReader, BinaryWriter, CompactReader, CompactWriter};
use thrift_runtime::{Bytes, Protocol, Thrift};

fn run<T: Thrift>(v: T, p: Protocol, n: u64, encode: bool) {
    let bytes: Bytes = thrift_runtime::serialize(&v, p).unwrap();
    if encode {
        let mut buf = thrift_runtime::BytesMut::with_capacity(bytes.len());
        for _ in 0..n {
            buf.clear();
            match p {
                Protocol::Binary => {
                    std::hint::black_box(&v).encode(&mut BinaryWriter::new(&mut buf))
                }
                Protocol::Compact => {
                    std::hint::black_box(&v).encode(&mut CompactWriter::new(&mut buf))
                }
            }
            .unwrap();
            std::hint::black_box(buf.len());
        }
        return;
    }
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
    let n: u64 = args
        .get(3)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let encode = args.get(4).is_some_and(|a| a == "encode");
    use thrift_benches::values::*;
    let start = std::time::Instant::now();
    match payload {
        "small" => run(small_ours(), p, n, encode),
        "large" => run(large_ours(), p, n, encode),
        _ => run(realistic_ours(), p, n, encode),
    }
    if std::env::var_os("PROBE_TIME").is_some() {
        println!("{:.1} ns/op", start.elapsed().as_nanos() as f64 / n as f64);
    }
}
