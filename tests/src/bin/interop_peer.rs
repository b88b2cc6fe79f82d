//! The Rust side of the interop tests on the project's own IDL (idl/calculator.thrift).
//!
//! `interop_peer server --port N --protocol P --transport T` serves the reference handler and
//! prints `READY <port>`; `interop_peer client --port N ...` runs the battery against any
//! server, prints a line per check and `N passed, M failed`, and exits 1 on a failure.

use thrift_runtime::Protocol;
use thrift_runtime::client::ClientBuilder;
use thrift_runtime::server::ServerBuilder;
use thrift_runtime::transport::Transport;
use thrift_tests::calc::{CalculatorClient, CalculatorServer};
use thrift_tests::{Handler, battery};

fn usage() -> ! {
    eprintln!(
        "usage: interop_peer server|client --port N [--protocol binary|compact] [--transport buffered|framed]"
    );
    std::process::exit(2)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| usage());
    let (mut port, mut protocol, mut transport) = (0u16, Protocol::Binary, Transport::Buffered);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match (flag.as_str(), value.as_str()) {
            ("--port", v) => port = v.parse().unwrap_or_else(|_| usage()),
            ("--protocol", "binary") => protocol = Protocol::Binary,
            ("--protocol", "compact") => protocol = Protocol::Compact,
            ("--transport", "buffered") => transport = Transport::Buffered,
            ("--transport", "framed") => transport = Transport::Framed,
            _ => usage(),
        }
    }
    match mode.as_str() {
        "server" => {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            println!("READY {}", listener.local_addr()?.port());
            ServerBuilder::new()
                .protocol(protocol)
                .transport(transport)
                .serve_with_shutdown(
                    listener,
                    CalculatorServer::new(Handler::default()),
                    std::future::pending(),
                )
                .await
        }
        "client" => {
            let channel = ClientBuilder::new()
                .protocol(protocol)
                .transport(transport)
                .call_timeout(std::time::Duration::from_secs(10))
                .connect(("127.0.0.1", port))
                .await
                .map_err(std::io::Error::other)?;
            let checks = battery(&CalculatorClient::new(channel)).await;
            let failed = checks.iter().filter(|(_, p)| p.is_some()).count();
            for (name, problem) in &checks {
                match problem {
                    None => println!("PASS {name}"),
                    Some(p) => println!("FAIL {name}: {p}"),
                }
            }
            println!("{} passed, {failed} failed", checks.len() - failed);
            std::process::exit(i32::from(failed > 0))
        }
        _ => usage(),
    }
}
