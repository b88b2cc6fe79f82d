//! RPC benchmark on 127.0.0.1, framed binary: calls per second and p50/p99 latency of
//! `add(i64, i64)` and of an echo of the realistic payload, at 1 and at 64 calls in flight.
//! Contenders: our client and server; volo-thrift's client and server (its default codec:
//! TTHeader over framed binary); Apache's `thrift` 0.17 sync server (a thread per client) with
//! its sync client (one connection per in-flight call). Each runs for a bounded time, starts and
//! stops its own server.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench rpc` (`-- --quick` for a short run).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Calls that failed (a peer's error): reported, not counted in the rates.
static FAILED: AtomicU64 = AtomicU64::new(0);
use std::time::{Duration, Instant};
use thrift_benches::volo_gen::volo_bench::bench as vb;
use thrift_benches::{apache, ours, values};
use thrift_runtime::client::ClientBuilder;
use thrift_runtime::server::ServerBuilder;
use thrift_runtime::transport::Transport;

struct OursHandler;

impl ours::Bench for OursHandler {
    async fn add(&self, a: i64, b: i64) -> Result<i64, thrift_runtime::Error> {
        Ok(a.wrapping_add(b))
    }
    async fn echo(&self, r: ours::Realistic) -> Result<ours::Realistic, thrift_runtime::Error> {
        Ok(r)
    }
}

/// Runs `in_flight` tasks, each calling `call(client.clone())` in a loop for `secs`; returns
/// every call's latency and the wall time.
async fn load<C, F, Fut>(
    in_flight: usize,
    secs: Duration,
    client: C,
    call: F,
) -> (Vec<Duration>, Duration)
where
    C: Clone + Send + 'static,
    F: Fn(C) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let stop = Arc::new(AtomicBool::new(false));
    // Calls in the first tenth (connections warming up) are made but not counted.
    let start = Instant::now() + secs / 10;
    let mut tasks = Vec::new();
    for _ in 0..in_flight {
        let (client, stop, call) = (client.clone(), stop.clone(), call.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                if call(client.clone()).await {
                    if t >= start {
                        lat.push(t.elapsed());
                    }
                } else {
                    // A failed call is not counted; the peer gets a moment before the next.
                    FAILED.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
            lat
        }));
    }
    tokio::time::sleep_until((start + secs).into()).await;
    stop.store(true, Ordering::Relaxed);
    let wall = start.elapsed();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    (all, wall)
}

struct VoloHandler;

impl vb::Bench for VoloHandler {
    async fn add(&self, a: i64, b: i64) -> Result<i64, volo_thrift::ServerError> {
        Ok(a.wrapping_add(b))
    }
    async fn echo(&self, r: vb::Realistic) -> Result<vb::Realistic, volo_thrift::ServerError> {
        Ok(r)
    }
}

async fn volo_run(in_flight: usize, echo: bool, secs: Duration) -> (f64, Duration, Duration) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
    let server =
        tokio::spawn(vb::BenchServer::new(VoloHandler).run(volo::net::Address::from(addr)));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let client = vb::BenchClientBuilder::new("bench").address(addr).build();
    let payload = values::realistic_volo();
    let (all, wall) = load(in_flight, secs, client, move |c: vb::BenchClient| {
        let payload = payload.clone();
        async move {
            if echo {
                std::hint::black_box(c.echo(payload).await).is_ok()
            } else {
                std::hint::black_box(c.add(1, 2).await).is_ok()
            }
        }
    })
    .await;
    server.abort();
    report("volo", all, wall)
}

struct ApacheHandler;

impl apache::BenchSyncHandler for ApacheHandler {
    fn handle_add(&self, a: i64, b: i64) -> thrift::Result<i64> {
        Ok(a.wrapping_add(b))
    }
    fn handle_echo(&self, r: apache::Realistic) -> thrift::Result<apache::Realistic> {
        Ok(r)
    }
}

/// Calls/s, p50 and p99 from per-call latencies over a wall time.
fn report(name: &str, mut lat: Vec<Duration>, wall: Duration) -> (f64, Duration, Duration) {
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let rate = lat.len() as f64 / wall.as_secs_f64();
    let _ = name;
    (rate, pct(0.50), pct(0.99))
}

async fn ours_run(in_flight: usize, echo: bool, secs: Duration) -> (f64, Duration, Duration) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        ServerBuilder::new()
            .transport(Transport::Framed)
            .serve_with_shutdown(listener, ours::BenchServer::new(OursHandler), async move {
                let _ = stop_rx.await;
            }),
    );
    let client = ours::BenchClient::new(
        ClientBuilder::new()
            .transport(Transport::Framed)
            .connect(addr)
            .await
            .unwrap(),
    );
    let payload = values::realistic_ours();
    let (all, wall) = load(
        in_flight,
        secs,
        client.clone(),
        move |c: ours::BenchClient| {
            let payload = payload.clone();
            async move {
                if echo {
                    std::hint::black_box(c.echo(payload).await).is_ok()
                } else {
                    std::hint::black_box(c.add(1, 2).await).is_ok()
                }
            }
        },
    )
    .await;
    drop(client);
    let _ = stop_tx.send(());
    let _ = server.await;
    report("ours", all, wall)
}

fn apache_run(in_flight: usize, echo: bool, secs: Duration) -> (f64, Duration, Duration) {
    use apache::TBenchSyncClient;
    use thrift::server::TProcessor;
    use thrift::transport::{TFramedReadTransport, TFramedWriteTransport, TIoChannel, TTcpChannel};
    // Apache's threaded server, with TCP_NODELAY on each connection: its own `TServer` does
    // not set it, and with Nagle on every call waits ~88 ms for a delayed ACK.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let processor = Arc::new(apache::BenchSyncProcessor::new(ApacheHandler));
    let closing = Arc::new(AtomicBool::new(false));
    let server = std::thread::spawn({
        let closing = closing.clone();
        move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                if closing.load(Ordering::Relaxed) {
                    break; // the wake-up connection below: the listener closes with this thread
                }
                stream.set_nodelay(true).unwrap();
                let processor = processor.clone();
                std::thread::spawn(move || {
                    let (r, w) = TTcpChannel::with_stream(stream).split().unwrap();
                    let mut i = thrift::protocol::TBinaryInputProtocol::new(
                        TFramedReadTransport::new(r),
                        true,
                    );
                    let mut o = thrift::protocol::TBinaryOutputProtocol::new(
                        TFramedWriteTransport::new(w),
                        true,
                    );
                    while processor.process(&mut i, &mut o).is_ok() {}
                });
            }
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    let payload = values::realistic_apache();
    let stop = Arc::new(AtomicBool::new(false));
    // As in `load`: the first tenth is not counted.
    let start = Instant::now() + secs / 10;
    let threads: Vec<_> = (0..in_flight)
        .map(|_| {
            let (stop, payload) = (stop.clone(), payload.clone());
            std::thread::spawn(move || {
                let stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream.set_nodelay(true).unwrap();
                let (r, w) = TTcpChannel::with_stream(stream).split().unwrap();
                let mut client = apache::BenchSyncClient::new(
                    thrift::protocol::TBinaryInputProtocol::new(
                        thrift::transport::TFramedReadTransport::new(r),
                        true,
                    ),
                    thrift::protocol::TBinaryOutputProtocol::new(
                        thrift::transport::TFramedWriteTransport::new(w),
                        true,
                    ),
                );
                let mut lat = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let ok = if echo {
                        std::hint::black_box(client.echo(payload.clone())).is_ok()
                    } else {
                        std::hint::black_box(client.add(1, 2)).is_ok()
                    };
                    if ok {
                        if t >= start {
                            lat.push(t.elapsed());
                        }
                    } else {
                        FAILED.fetch_add(1, Ordering::Relaxed);
                        break; // a sync client's connection is gone after an error
                    }
                }
                lat
            })
        })
        .collect();
    std::thread::sleep((start + secs).saturating_duration_since(Instant::now()));
    stop.store(true, Ordering::Relaxed);
    let wall = start.elapsed();
    let mut all = Vec::new();
    for t in threads {
        all.extend(t.join().unwrap());
    }
    // Stop the server: its connection threads ended with their clients; wake its accept loop.
    closing.store(true, Ordering::Relaxed);
    let _ = std::net::TcpStream::connect(("127.0.0.1", port));
    let _ = server.join();
    report("apache", all, wall)
}

fn fmt((rate, p50, p99): (f64, Duration, Duration)) -> String {
    format!("{:>9.0}/s p50 {:>7.1?} p99 {:>7.1?}", rate, p50, p99)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    // `--only ours|volo|apache`: one contender (for profiling), its ratios left out.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let runs = |who: &str| only.as_deref().is_none_or(|o| o == who);
    // `--case add/1|add/64|echo/1|echo/64`: one case.
    let case = args
        .iter()
        .position(|a| a == "--case")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let skipped = (0.0, Duration::ZERO, Duration::ZERO);
    // Each contender runs `rounds` times per case, interleaved with the others, so that a noisy
    // moment on a shared machine hits one round of each rather than one contender's whole run;
    // the round with the median rate is reported.
    let (rounds, secs) = if quick {
        (1, Duration::from_millis(300))
    } else {
        (3, Duration::from_secs(1))
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    println!(
        "{:<22} {:<38} {:<38} {:<38} {:>9} {:>9}",
        "call / in flight",
        "ours",
        "volo-thrift",
        "apache (thread per client)",
        "ours/volo",
        "ours/apa"
    );
    for echo in [false, true] {
        for in_flight in [1usize, 64] {
            let this = format!("{}/{in_flight}", if echo { "echo" } else { "add" });
            if case.as_ref().is_some_and(|c| *c != this) {
                continue;
            }
            let mut results: [Vec<(f64, Duration, Duration)>; 3] = Default::default();
            for _ in 0..rounds {
                if runs("ours") {
                    results[0].push(rt.block_on(ours_run(in_flight, echo, secs)));
                }
                if runs("volo") {
                    results[1].push(rt.block_on(volo_run(in_flight, echo, secs)));
                }
                if runs("apache") {
                    results[2].push(apache_run(in_flight, echo, secs));
                }
            }
            if std::env::var_os("RPC_BENCH_ROUNDS").is_some() {
                for (who, r) in ["ours", "volo", "apache"].iter().zip(&results) {
                    let rates: Vec<String> = r.iter().map(|x| format!("{:.0}", x.0)).collect();
                    eprintln!("{this} {who}: {}", rates.join(" "));
                }
            }
            let [o, v, a] = results.map(|mut r| {
                r.sort_by(|x, y| x.0.total_cmp(&y.0));
                r.get(r.len() / 2).copied().unwrap_or(skipped)
            });
            let name = format!(
                "{} / {in_flight}",
                if echo {
                    "echo(realistic)"
                } else {
                    "add(i64, i64)"
                }
            );
            // The goals of issue 6: 1.1x volo's rate at 1 in flight, 1.5x at 64, p99 no worse.
            if o.0 > 0.0 && v.0 > 0.0 {
                let goal = if in_flight == 1 { 1.1 } else { 1.5 };
                thrift_benches::summary("rpc", &name, "volo calls/s", o.0 / v.0, goal);
                let p99 = v.2.as_secs_f64() / o.2.as_secs_f64().max(1e-9);
                thrift_benches::summary("rpc", &name, "volo p99 (theirs/ours)", p99, 1.0);
            }
            println!(
                "{:<22} {:<38} {:<38} {:<38} {:>8.2}x {:>8.2}x",
                name,
                fmt(o),
                fmt(v),
                fmt(a),
                o.0 / v.0,
                o.0 / a.0
            );
        }
    }
    println!(
        "(framed binary on 127.0.0.1 (volo: its default TTHeader over framed binary), client and server on the same 2 cores; \
         the median of {rounds} interleaved rounds of {secs:?})"
    );
}
