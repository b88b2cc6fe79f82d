//! The seed's MyService, server and client.
//!
//! `cargo run -p examples --bin myservice` starts a server on a free local port and runs the
//! seed's client against it. `--serve PORT` runs the server alone (until Ctrl-C; port 0 picks
//! a free one, printed), and `--connect HOST:PORT` the client alone, against any Thrift server
//! of this IDL. `--protocol binary|compact` and `--transport buffered|framed` choose the wire
//! format (binary and buffered by default, as the seed's Python peers use).

use std::sync::atomic::{AtomicU32, Ordering};
use thrift_runtime::client::ClientBuilder;
use thrift_runtime::server::ServerBuilder;
use thrift_runtime::transport::Transport;
use thrift_runtime::{Error, Protocol};
use tokio::net::TcpListener;

mod idl {
    thrift_runtime::thrift_include!("idl/myservice.thrift");
}

use idl::{MyData, MyService, MyServiceClient, MyServiceServer};

/// The server's side: remembers how many calls it had.
#[derive(Default)]
struct Handler {
    calls: AtomicU32,
}

impl MyService for Handler {
    async fn do_something(&self, data: MyData) -> Result<(), Error> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        println!(
            "Server received: {} ({}), active: {}",
            data.name, data.age, data.active
        );
        Ok(())
    }

    async fn check_status(&self) -> Result<bool, Error> {
        Ok(self.calls.load(Ordering::Relaxed) > 0)
    }
}

/// The seed's client.
async fn client(addr: &str, wire: Wire) -> Result<(), Box<dyn std::error::Error>> {
    let channel = ClientBuilder::new()
        .protocol(wire.protocol)
        .transport(wire.transport)
        .connect(addr)
        .await?;
    let client = MyServiceClient::new(channel);
    client
        .do_something(MyData {
            name: "John".into(),
            age: 25,
            active: true,
        })
        .await?;
    println!("Server status: {}", client.check_status().await?);
    Ok(())
}

/// The wire format both sides use.
#[derive(Clone, Copy, Default)]
struct Wire {
    protocol: Protocol,
    transport: Transport,
}

impl Wire {
    fn server(self) -> ServerBuilder {
        ServerBuilder::new()
            .protocol(self.protocol)
            .transport(self.transport)
    }
}

const USAGE: &str = "usage: myservice [--serve PORT | --connect HOST:PORT] [--protocol binary|compact] [--transport buffered|framed]";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut wire = Wire::default();
    let (mut serve, mut connect) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--serve" => serve = Some(value().parse::<u16>()?),
            "--connect" => connect = Some(value()),
            "--protocol" => {
                wire.protocol = match value().as_str() {
                    "binary" => Protocol::Binary,
                    "compact" => Protocol::Compact,
                    _ => usage(),
                }
            }
            "--transport" => {
                wire.transport = match value().as_str() {
                    "buffered" => Transport::Buffered,
                    "framed" => Transport::Framed,
                    _ => usage(),
                }
            }
            _ => usage(),
        }
    }
    match (serve, connect) {
        (None, None) => {
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            let addr = listener.local_addr()?;
            println!("MyService listening on {addr}");
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let server = tokio::spawn(wire.server().serve_with_shutdown(
                listener,
                MyServiceServer::new(Handler::default()),
                async move {
                    let _ = stopped.await;
                },
            ));
            client(&addr.to_string(), wire).await?;
            let _ = stop.send(());
            server.await??;
            Ok(())
        }
        (Some(port), None) => {
            let listener = TcpListener::bind(("127.0.0.1", port)).await?;
            println!("MyService listening on {}", listener.local_addr()?);
            let ctrl_c = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            wire.server()
                .serve_with_shutdown(listener, MyServiceServer::new(Handler::default()), ctrl_c)
                .await?;
            Ok(())
        }
        (None, Some(addr)) => client(&addr, wire).await,
        (Some(_), Some(_)) => usage(),
    }
}

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2);
}
