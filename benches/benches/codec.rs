//! Codec benchmarks: encode and decode of three payloads in binary and compact, for our
//! generated code, pilota's and Apache's, all in one process, interleaved round by round
//! (so a noisy moment hits every contender alike). Prints one table: the median ns/op of each
//! contender and the ratios.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench codec` (add `-- --quick` for one
//! short round, as CI runs it).

use pilota::thrift::Message;
use std::hint::black_box;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};
use thrift_benches::values::*;
use thrift_runtime::protocol::{BinaryReader, BinaryWriter, CompactReader, CompactWriter};
use thrift_runtime::{Bytes, BytesMut, Protocol, Thrift};

/// One contender's operation: runs `iters` times.
type Op = Box<dyn FnMut(u64)>;

fn ours_encode<T: Thrift + 'static>(v: T, p: Protocol) -> Op {
    let mut buf = BytesMut::with_capacity(1 << 20);
    Box::new(move |iters| {
        for _ in 0..iters {
            buf.clear();
            match p {
                Protocol::Binary => black_box(&v)
                    .encode(&mut BinaryWriter::new(&mut buf))
                    .unwrap(),
                Protocol::Compact => black_box(&v)
                    .encode(&mut CompactWriter::new(&mut buf))
                    .unwrap(),
            }
            black_box(buf.len());
        }
    })
}

fn ours_bytes<T: Thrift>(v: &T, p: Protocol) -> Bytes {
    thrift_runtime::serialize(v, p).unwrap()
}

fn ours_decode<T: Thrift + 'static>(_like: &T, bytes: Bytes, p: Protocol) -> Op {
    Box::new(move |iters| {
        for _ in 0..iters {
            let v = match p {
                Protocol::Binary => T::decode(&mut BinaryReader::new(black_box(&bytes))).unwrap(),
                Protocol::Compact => T::decode(&mut CompactReader::new(black_box(&bytes))).unwrap(),
            };
            black_box(v);
        }
    })
}

fn pilota_encode<T: Message + 'static>(v: T, p: Protocol) -> Op {
    let mut buf = pilota::BytesMut::with_capacity(1 << 20);
    Box::new(move |iters| {
        for _ in 0..iters {
            buf.clear();
            match p {
                Protocol::Binary => black_box(&v)
                    .encode(&mut pilota::thrift::binary::TBinaryProtocol::new(
                        &mut buf, true,
                    ))
                    .unwrap(),
                Protocol::Compact => black_box(&v)
                    .encode(&mut pilota::thrift::compact::TCompactOutputProtocol::new(
                        &mut buf, true,
                    ))
                    .unwrap(),
            }
            black_box(buf.len());
        }
    })
}

fn pilota_bytes<T: Message>(v: &T, p: Protocol) -> Bytes {
    let mut buf = pilota::BytesMut::new();
    match p {
        Protocol::Binary => v
            .encode(&mut pilota::thrift::binary::TBinaryProtocol::new(
                &mut buf, true,
            ))
            .unwrap(),
        Protocol::Compact => v
            .encode(&mut pilota::thrift::compact::TCompactOutputProtocol::new(
                &mut buf, true,
            ))
            .unwrap(),
    }
    Bytes::copy_from_slice(&buf)
}

fn pilota_decode<T: Message + 'static>(_like: &T, bytes: Bytes, p: Protocol) -> Op {
    let bytes = pilota::Bytes::copy_from_slice(&bytes);
    Box::new(move |iters| {
        for _ in 0..iters {
            let mut b = black_box(bytes.clone());
            let v = match p {
                Protocol::Binary => T::decode(&mut pilota::thrift::binary::TBinaryProtocol::new(
                    &mut b, true,
                ))
                .unwrap(),
                Protocol::Compact => T::decode(
                    &mut pilota::thrift::compact::TCompactInputProtocol::new(&mut b),
                )
                .unwrap(),
            };
            black_box(v);
        }
    })
}

/// pilota's `unsafe` binary protocol, used the way volo-thrift's `unsafe-codec` feature uses it:
/// writes go straight into the buffer's spare capacity (1 MiB here, more than any payload
/// takes, so no size pass first: the most favourable setting for pilota).
fn pilota_unsafe_encode<T: Message + 'static>(v: T) -> Op {
    use pilota::thrift::binary_unsafe::TBinaryUnsafeOutputProtocol;
    let mut buf = pilota::BytesMut::with_capacity(1 << 20);
    Box::new(move |iters| {
        for _ in 0..iters {
            buf.clear();
            let spare_len = buf.capacity();
            // SAFETY: the bench's own buffer, empty, with `spare_len` bytes reserved; pilota
            // writes within them and `advance_mut` counts what it wrote (volo-thrift's code).
            let spare = unsafe { std::slice::from_raw_parts_mut(buf.as_mut_ptr(), spare_len) };
            let mut p = unsafe { TBinaryUnsafeOutputProtocol::new(&mut buf, spare, false) };
            black_box(&v).encode(&mut p).unwrap();
            let written = p.index();
            unsafe {
                pilota::BufMut::advance_mut(
                    pilota::thrift::TOutputProtocol::buf_mut(&mut p),
                    written,
                )
            };
            black_box(buf.len());
        }
    })
}

fn pilota_unsafe_decode<T: Message + 'static>(_like: &T, bytes: Bytes) -> Op {
    use pilota::thrift::binary_unsafe::TBinaryUnsafeInputProtocol;
    let bytes = pilota::Bytes::copy_from_slice(&bytes);
    Box::new(move |iters| {
        for _ in 0..iters {
            let mut b = black_box(bytes.clone());
            // SAFETY: a whole message written by pilota's encoder (volo-thrift's use).
            let v = T::decode(&mut unsafe { TBinaryUnsafeInputProtocol::new(&mut b) }).unwrap();
            black_box(v);
        }
    })
}

fn apache_encode<T: thrift::protocol::TSerializable + 'static>(v: T, p: Protocol) -> Op {
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    Box::new(move |iters| {
        for _ in 0..iters {
            buf.clear();
            match p {
                Protocol::Binary => black_box(&v)
                    .write_to_out_protocol(&mut thrift::protocol::TBinaryOutputProtocol::new(
                        &mut buf, true,
                    ))
                    .unwrap(),
                Protocol::Compact => black_box(&v)
                    .write_to_out_protocol(&mut thrift::protocol::TCompactOutputProtocol::new(
                        &mut buf,
                    ))
                    .unwrap(),
            }
            black_box(buf.len());
        }
    })
}

fn apache_bytes<T: thrift::protocol::TSerializable>(v: &T, p: Protocol) -> Bytes {
    let mut buf: Vec<u8> = Vec::new();
    match p {
        Protocol::Binary => v
            .write_to_out_protocol(&mut thrift::protocol::TBinaryOutputProtocol::new(
                &mut buf, true,
            ))
            .unwrap(),
        Protocol::Compact => v
            .write_to_out_protocol(&mut thrift::protocol::TCompactOutputProtocol::new(&mut buf))
            .unwrap(),
    }
    Bytes::from(buf)
}

fn apache_decode<T: thrift::protocol::TSerializable + 'static>(
    _like: &T,
    bytes: Bytes,
    p: Protocol,
) -> Op {
    Box::new(move |iters| {
        for _ in 0..iters {
            let v = match p {
                Protocol::Binary => T::read_from_in_protocol(
                    &mut thrift::protocol::TBinaryInputProtocol::new(black_box(&bytes[..]), true),
                )
                .unwrap(),
                Protocol::Compact => T::read_from_in_protocol(
                    &mut thrift::protocol::TCompactInputProtocol::new(black_box(&bytes[..])),
                )
                .unwrap(),
            };
            black_box(v);
        }
    })
}

/// ns per iteration of `op`, over a batch of about `batch` long.
fn time(op: &mut Op, batch: Duration) -> Option<f64> {
    // Calibrate: double the count until a batch takes long enough.
    let mut iters = 1u64;
    loop {
        let start = Instant::now();
        catch_unwind(AssertUnwindSafe(|| op(iters))).ok()?;
        let took = start.elapsed();
        if took >= batch || iters >= 1 << 30 {
            return Some(took.as_nanos() as f64 / iters as f64);
        }
        iters *= 2;
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

struct Row {
    name: String,
    ours: Op,
    pilota: Op,
    /// pilota's unsafe binary protocol (binary rows only: it has no compact one).
    pilota_unsafe: Option<Op>,
    apache: Op,
}

fn fmt(ns: Option<f64>) -> String {
    match ns {
        Some(ns) if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        Some(ns) if ns >= 1e3 => format!("{:.2} us", ns / 1e3),
        Some(ns) => format!("{ns:.0} ns"),
        None => "panics".into(),
    }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{:.2}x", b / a),
        _ => "-".into(),
    }
}

macro_rules! rows {
    ($rows:ident, $payload:literal, $ours:expr, $pil:expr, $apa:expr) => {
        for p in [Protocol::Binary, Protocol::Compact] {
            let pname = if p == Protocol::Binary {
                "binary"
            } else {
                "compact"
            };
            let (o, pi, a) = ($ours, $pil, $apa);
            // Every contender's bytes must read back, by our decoder, to our value.
            let theirs = [
                (
                    "pilota",
                    catch_unwind(AssertUnwindSafe(|| pilota_bytes(&pi, p))).ok(),
                ),
                ("apache", Some(apache_bytes(&a, p))),
            ];
            for (who, bytes) in theirs {
                if let Some(bytes) = bytes {
                    let back = match p {
                        Protocol::Binary => Thrift::decode(&mut BinaryReader::new(bytes)),
                        Protocol::Compact => Thrift::decode(&mut CompactReader::new(bytes)),
                    };
                    if back.as_ref() != Ok(&o) {
                        println!(
                            "note: {who}'s {pname} bytes of {} do not read back as the same value",
                            $payload
                        );
                    }
                }
            }
            let ob = ours_bytes(&o, p);
            $rows.push(Row {
                name: format!("{} {pname} encode ({} B)", $payload, ob.len()),
                ours: ours_encode(o.clone(), p),
                pilota: pilota_encode(pi.clone(), p),
                pilota_unsafe: (p == Protocol::Binary).then(|| pilota_unsafe_encode(pi.clone())),
                apache: apache_encode(a.clone(), p),
            });
            $rows.push(Row {
                name: format!("{} {pname} decode", $payload),
                ours: ours_decode(&o, ob.clone(), p),
                pilota: pilota_decode(
                    &pi,
                    catch_unwind(AssertUnwindSafe(|| pilota_bytes(&pi, p))).unwrap_or(ob.clone()),
                    p,
                ),
                pilota_unsafe: (p == Protocol::Binary)
                    .then(|| pilota_unsafe_decode(&pi, pilota_bytes(&pi, p))),
                apache: apache_decode(&a, apache_bytes(&a, p), p),
            });
        }
    };
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (rounds, batch) = if quick {
        (1, Duration::from_millis(5))
    } else {
        (11, Duration::from_millis(40))
    };
    let mut rows: Vec<Row> = Vec::new();
    rows!(rows, "small", small_ours(), small_pilota(), small_apache());
    rows!(
        rows,
        "realistic",
        realistic_ours(),
        realistic_pilota(),
        realistic_apache()
    );
    rows!(rows, "large", large_ours(), large_pilota(), large_apache());

    // `--row TEXT`: only the rows whose name contains it (for profiling one).
    let args: Vec<String> = std::env::args().collect();
    if let Some(only) = args
        .iter()
        .position(|a| a == "--row")
        .and_then(|i| args.get(i + 1))
    {
        rows.retain(|r| r.name.contains(only.as_str()));
    }

    // Silence pilota's compact panics (reported as such in the table).
    std::panic::set_hook(Box::new(|_| {}));
    const CONTENDERS: usize = 4;
    let mut results: Vec<[Vec<f64>; CONTENDERS]> =
        rows.iter().map(|_| Default::default()).collect();
    let mut failed: Vec<[bool; CONTENDERS]> = rows.iter().map(|_| [false; CONTENDERS]).collect();
    for _ in 0..rounds {
        for (i, row) in rows.iter_mut().enumerate() {
            let ops = [
                Some(&mut row.ours),
                Some(&mut row.pilota),
                row.pilota_unsafe.as_mut(),
                Some(&mut row.apache),
            ];
            for (c, op) in ops.into_iter().enumerate() {
                let Some(op) = op else { continue };
                if failed[i][c] {
                    continue;
                }
                match time(op, batch) {
                    Some(ns) => results[i][c].push(ns),
                    None => failed[i][c] = true,
                }
            }
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "{:<34} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8} {:>8}",
        "payload / op", "ours", "pilota", "p.unsafe", "apache", "/pilota", "/unsafe", "/apache"
    );
    for (i, row) in rows.iter().enumerate() {
        let m: Vec<Option<f64>> = (0..CONTENDERS)
            .map(|c| {
                (!failed[i][c] && !results[i][c].is_empty()).then(|| median(results[i][c].clone()))
            })
            .collect();
        let unsafe_cell = if row.pilota_unsafe.is_some() {
            fmt(m[2])
        } else {
            "-".into()
        };
        // The goals of issue 6: 1.3x pilota on binary rows, ahead of its unsafe protocol, 3x
        // Apache's crate on every row.
        for (c, peer, goal) in [
            (1, "pilota", 1.3),
            (2, "pilota unsafe", 1.0),
            (3, "apache", 3.0),
        ] {
            if let (Some(ours), Some(theirs)) = (m[0], m[c])
                && (c == 3 || row.name.contains("binary"))
            {
                thrift_benches::summary("codec", &row.name, peer, theirs / ours, goal);
            }
        }
        println!(
            "{:<34} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8} {:>8}",
            row.name,
            fmt(m[0]),
            fmt(m[1]),
            unsafe_cell,
            fmt(m[3]),
            ratio(m[0], m[1]),
            ratio(m[0], m[2]),
            ratio(m[0], m[3])
        );
    }
    println!(
        "(medians of {rounds} interleaved rounds; /x: how many times faster ours is than x; \
         p.unsafe: pilota's unsafe binary protocol, as volo-thrift's `unsafe-codec` uses it)"
    );
}
