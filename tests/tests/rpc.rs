//! Rust client against Rust server: every kind of call, in both protocols and transports,
//! many calls in flight, and the ways a connection goes wrong.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use thrift_runtime::client::{Channel, ClientBuilder};
use thrift_runtime::server::{Multiplexed, ServerBuilder, Service};
use thrift_runtime::transport::Transport;
use thrift_runtime::{ApplicationExceptionKind, Error, Protocol};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use thrift_tests::calc::*;
use thrift_tests::{Handler, battery};

struct OtherHandler;

impl Other for OtherHandler {
    async fn name(&self) -> Result<String, Error> {
        Ok("other".into())
    }
}

async fn exercise(client: &CalculatorClient) {
    let failures: Vec<_> = battery(client)
        .await
        .into_iter()
        .filter(|(_, p)| p.is_some())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A server on a free port; dropping the guard stops it.
struct TestServer {
    addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(builder: ServerBuilder, service: impl Service) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(builder.serve_with_shutdown(listener, service, async move {
        let _ = rx.await;
    }));
    TestServer {
        addr,
        stop: Some(tx),
        task,
    }
}

impl TestServer {
    async fn shutdown(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(10), &mut self.task)
            .await
            .expect("shutdown in time")
            .unwrap()
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_call_in_every_protocol_and_transport() {
    for protocol in [Protocol::Binary, Protocol::Compact] {
        for transport in [Transport::Buffered, Transport::Framed] {
            let server = start(
                ServerBuilder::new().protocol(protocol).transport(transport),
                CalculatorServer::new(Handler::default()),
            )
            .await;
            let channel = ClientBuilder::new()
                .protocol(protocol)
                .transport(transport)
                .connect(server.addr)
                .await
                .unwrap();
            exercise(&CalculatorClient::new(channel)).await;
            server.shutdown().await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_calls_from_fifty_tasks_on_one_connection() {
    let server = start(
        ServerBuilder::new().transport(Transport::Framed),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let client = CalculatorClient::new(
        ClientBuilder::new()
            .transport(Transport::Framed)
            .connect(server.addr)
            .await
            .unwrap(),
    );
    let mut tasks = tokio::task::JoinSet::new();
    for t in 0..50 {
        let client = client.clone();
        tasks.spawn(async move {
            for i in 0..20 {
                assert_eq!(client.add(t, i).await.unwrap(), t + i);
            }
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.unwrap();
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_out_of_order_are_matched_by_seqid() {
    // A slow call and fast calls pipelined on one connection: the server runs them side by
    // side, the fast replies overtake the slow one, and each reaches its own caller.
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let client = CalculatorClient::connect(server.addr).await.unwrap();
    let slow = {
        let client = client.clone();
        tokio::spawn(async move { client.slow(500).await })
    };
    tokio::time::sleep(Duration::from_millis(50)).await;
    let started = std::time::Instant::now();
    for i in 0..10 {
        assert_eq!(client.add(i, 1).await.unwrap(), i + 1);
    }
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "fast calls waited for the slow one"
    );
    assert!(!slow.is_finished());
    assert_eq!(slow.await.unwrap().unwrap(), "slept 500");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_pipelined_calls_each_get_their_own_reply() {
    // Calls of 80 KiB, many in flight on one connection (each arrives over several reads, the
    // next one's start behind it): each reply reaches its own caller.
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let client = CalculatorClient::connect(server.addr).await.unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..24i64 {
        let client = client.clone();
        tasks.spawn(async move {
            let m: std::collections::HashMap<String, Vec<i64>> =
                [(format!("call {i}"), (0..10_000).map(|v| v * i).collect())].into();
            assert_eq!(client.echo(m.clone()).await.unwrap(), m);
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.unwrap();
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_timeout_fails_that_call_alone() {
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let channel = ClientBuilder::new()
        .call_timeout(Duration::from_millis(100))
        .connect(server.addr)
        .await
        .unwrap();
    let client = CalculatorClient::new(channel);
    match client.slow(1000).await.unwrap_err() {
        Error::Transport(e) => assert_eq!(e.kind(), std::io::ErrorKind::TimedOut),
        other => panic!("{other}"),
    }
    // The late reply is dropped; the connection stays usable.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(client.add(1, 2).await.unwrap(), 3);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_server_fails_the_calls_in_flight_promptly() {
    // A "server" that reads a request and closes the connection without answering.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 64];
        let _ = s.read(&mut buf).await;
        drop(s);
    });
    let client = CalculatorClient::connect(addr).await.unwrap();
    let started = std::time::Instant::now();
    let (a, b) = tokio::join!(client.slow(10_000), client.add(1, 2));
    assert!(a.is_err() && b.is_err());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    // Later calls fail at once too.
    assert!(matches!(client.add(1, 1).await, Err(Error::Transport(_))));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_panic_does_not_take_the_server_down() {
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let client = CalculatorClient::connect(server.addr).await.unwrap();
    match client.fail("panic".into()).await.unwrap_err() {
        Error::Application(e) => assert_eq!(e.kind, ApplicationExceptionKind::INTERNAL_ERROR),
        other => panic!("{other}"),
    }
    assert_eq!(client.add(2, 2).await.unwrap(), 4);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_method_gets_unknown_method_with_the_same_seqid_and_the_connection_stays() {
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let channel = Channel::connect(server.addr).await.unwrap();
    let err = channel
        .call::<_, CalculatorAddResult>("nope", &CalculatorAddArgs { num1: 1, num2: 2 })
        .await
        .unwrap_err();
    match err {
        Error::Application(e) => assert_eq!(e.kind, ApplicationExceptionKind::UNKNOWN_METHOD),
        other => panic!("{other}"),
    }
    assert_eq!(CalculatorClient::new(channel).add(1, 2).await.unwrap(), 3);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_sent_to_a_server_gets_invalid_message_type() {
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    // A REPLY message, seqid 9, empty struct.
    let mut msg = vec![0x80, 0x01, 0x00, 0x02, 0, 0, 0, 3];
    msg.extend_from_slice(b"add");
    msg.extend_from_slice(&[0, 0, 0, 9, 0]);
    s.write_all(&msg).await.unwrap();
    let mut buf = vec![0u8; 256];
    let n = s.read(&mut buf).await.unwrap();
    let reply = &buf[..n];
    assert_eq!(
        &reply[..4],
        [0x80, 0x01, 0x00, 0x03],
        "an EXCEPTION message"
    );
    assert_eq!(&reply[11..15], [0, 0, 0, 9], "the same seqid");
    let e: thrift_runtime::ApplicationException = thrift_runtime::deserialize(
        thrift_runtime::Bytes::copy_from_slice(&reply[15..]),
        Protocol::Binary,
    )
    .unwrap();
    assert_eq!(e.kind, ApplicationExceptionKind::INVALID_MESSAGE_TYPE);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn multiplexed_services_on_one_port() {
    let router = Multiplexed::new()
        .with("Calculator", CalculatorServer::new(Handler::default()))
        .with("Other", OtherServer::new(OtherHandler));
    let server = start(ServerBuilder::new().protocol(Protocol::Compact), router).await;
    let calc = CalculatorClient::new(
        ClientBuilder::new()
            .protocol(Protocol::Compact)
            .multiplexed("Calculator")
            .connect(server.addr)
            .await
            .unwrap(),
    );
    let other = OtherClient::new(
        ClientBuilder::new()
            .protocol(Protocol::Compact)
            .multiplexed("Other")
            .connect(server.addr)
            .await
            .unwrap(),
    );
    assert_eq!(calc.add(40, 2).await.unwrap(), 42);
    assert_eq!(other.name().await.unwrap(), "other");
    let nope = OtherClient::new(
        ClientBuilder::new()
            .protocol(Protocol::Compact)
            .multiplexed("Nope")
            .connect(server.addr)
            .await
            .unwrap(),
    );
    match nope.name().await.unwrap_err() {
        Error::Application(e) => assert_eq!(e.kind, ApplicationExceptionKind::UNKNOWN_METHOD),
        other => panic!("{other}"),
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_frame_over_the_limit_is_refused_without_allocating_it() {
    let limits = thrift_runtime::Limits {
        max_frame_size: 1024,
        ..thrift_runtime::Limits::DEFAULT
    };
    let server = start(
        ServerBuilder::new()
            .transport(Transport::Framed)
            .limits(limits),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    for prefix in [[0x7f, 0xff, 0xff, 0xff], [0x80, 0, 0, 0], [0, 0, 4, 1]] {
        let mut s = TcpStream::connect(server.addr).await.unwrap();
        s.write_all(&prefix).await.unwrap();
        let mut buf = [0u8; 16];
        // The server closes the connection instead of waiting for 2 GiB.
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
            .await
            .expect("closed promptly")
            .unwrap_or(0);
        assert_eq!(n, 0, "prefix {prefix:02x?}");
    }
    // A client that disconnects mid-frame does not disturb the others.
    let mut half = TcpStream::connect(server.addr).await.unwrap();
    half.write_all(&[0, 0, 0, 100, 0x80, 0x01]).await.unwrap();
    drop(half);
    let client = CalculatorClient::new(
        ClientBuilder::new()
            .transport(Transport::Framed)
            .connect(server.addr)
            .await
            .unwrap(),
    );
    assert_eq!(client.add(1, 1).await.unwrap(), 2);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handlers_can_be_shared() {
    let handler = Arc::new(Handler::default());
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::from_arc(handler.clone()),
    )
    .await;
    let client = CalculatorClient::connect(server.addr).await.unwrap();
    client.zip(0).await.unwrap();
    assert_eq!(client.add(0, 0).await.unwrap(), 0);
    // Shutdown lets the oneway call finish; its effect is on the handler kept here.
    server.shutdown().await;
    assert_eq!(handler.zips.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_and_slow_clients_are_disconnected() {
    let server = start(
        ServerBuilder::new()
            .idle_timeout(Duration::from_millis(200))
            .read_timeout(Duration::from_millis(200)),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    // Says nothing at all.
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    // Starts a message and stalls.
    let mut slow = TcpStream::connect(server.addr).await.unwrap();
    slow.write_all(&[0x80, 0x01, 0x00, 0x01, 0, 0, 0, 3, b'a'])
        .await
        .unwrap();
    for s in [&mut silent, &mut slow] {
        let mut buf = [0u8; 8];
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
            .await
            .expect("closed by the server")
            .unwrap_or(0);
        assert_eq!(n, 0);
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_connection_cap_holds_new_connections_back() {
    let server = start(
        ServerBuilder::new().max_connections(1),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let first = CalculatorClient::connect(server.addr).await.unwrap();
    assert_eq!(first.add(1, 1).await.unwrap(), 2);
    let second = CalculatorClient::connect(server.addr).await.unwrap();
    let pending = tokio::spawn(async move { second.add(2, 2).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!pending.is_finished(), "served beyond the cap");
    drop(first);
    let r = tokio::time::timeout(Duration::from_secs(5), pending)
        .await
        .expect("served once the first left");
    assert_eq!(r.unwrap().unwrap(), 4);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_lets_the_call_in_progress_finish() {
    let server = start(
        ServerBuilder::new(),
        CalculatorServer::new(Handler::default()),
    )
    .await;
    let client = CalculatorClient::connect(server.addr).await.unwrap();
    let call = tokio::spawn(async move { client.slow(300).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    server.shutdown().await;
    assert_eq!(call.await.unwrap().unwrap(), "slept 300");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_a_unix_socket() {
    let (a, b) = tokio::net::UnixStream::pair().unwrap();
    let service = Arc::new(CalculatorServer::new(Handler::default()));
    tokio::spawn(async move {
        ServerBuilder::new()
            .protocol(Protocol::Compact)
            .serve_connection(b, service)
            .await
    });
    let client = CalculatorClient::new(ClientBuilder::new().protocol(Protocol::Compact).build(a));
    assert_eq!(client.add(20, 22).await.unwrap(), 42);
}

/// A fake server that answers the first call with `reply(seqid)`.
async fn fake_server(reply: fn(i32) -> Vec<u8>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 1024];
        let n = s.read(&mut buf).await.unwrap();
        // Binary strict header: version (4), name length (4), name, seqid.
        let name_len = u32::from_be_bytes(buf[4..8].try_into().unwrap()) as usize;
        let seqid = i32::from_be_bytes(buf[8 + name_len..12 + name_len].try_into().unwrap());
        assert!(n > 12 + name_len);
        s.write_all(&reply(seqid)).await.unwrap();
        let _ = s.read(&mut buf).await;
    });
    addr
}

fn reply_message(name: &str, seqid: i32, body: &[u8]) -> Vec<u8> {
    let mut m = vec![0x80, 0x01, 0x00, 0x02];
    m.extend_from_slice(&(name.len() as u32).to_be_bytes());
    m.extend_from_slice(name.as_bytes());
    m.extend_from_slice(&seqid.to_be_bytes());
    m.extend_from_slice(body);
    m
}

async fn add_error(reply: fn(i32) -> Vec<u8>) -> ApplicationExceptionKind {
    let client = CalculatorClient::connect(fake_server(reply).await)
        .await
        .unwrap();
    match tokio::time::timeout(Duration::from_secs(5), client.add(1, 2))
        .await
        .expect("no hang")
    {
        Err(Error::Application(e)) => e.kind,
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_replies_are_errors_not_hangs() {
    // The right seqid but an empty result struct.
    assert_eq!(
        add_error(|s| reply_message("add", s, &[0])).await,
        ApplicationExceptionKind::MISSING_RESULT
    );
    // Another method's name.
    assert_eq!(
        add_error(|s| reply_message("sub", s, &[8, 0, 0, 0, 0, 0, 3, 0])).await,
        ApplicationExceptionKind::WRONG_METHOD_NAME
    );
    // A seqid no call is waiting for.
    assert_eq!(
        add_error(|s| reply_message("add", s.wrapping_add(1000), &[8, 0, 0, 0, 0, 0, 3, 0])).await,
        ApplicationExceptionKind::BAD_SEQUENCE_ID
    );
}
