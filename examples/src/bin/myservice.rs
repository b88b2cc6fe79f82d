//! The seed's MyService, server and client.
//!
//! `cargo run -p examples --bin myservice` starts a server on a free local port and runs the
//! seed's client against it. `--serve PORT` runs the server alone (until Ctrl-C), and
//! `--connect HOST:PORT` the client alone, against any Thrift server of this IDL (binary
//! protocol, buffered transport, as the seed's Python peers use).

use std::sync::atomic::{AtomicU32, Ordering};
use thrift_runtime::Error;
use thrift_runtime::server::ServerBuilder;
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
async fn client(addr: &str) -> Result<(), Box<dyn std::error::Error>> {
    let client = MyServiceClient::connect(addr).await?;
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

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => {
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            let addr = listener.local_addr()?;
            println!("MyService listening on {addr}");
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let server = tokio::spawn(ServerBuilder::new().serve_with_shutdown(
                listener,
                MyServiceServer::new(Handler::default()),
                async move {
                    let _ = stopped.await;
                },
            ));
            client(&addr.to_string()).await?;
            let _ = stop.send(());
            server.await??;
            Ok(())
        }
        ["--serve", port] => {
            let listener = TcpListener::bind(("127.0.0.1", port.parse::<u16>()?)).await?;
            println!("MyService listening on {}", listener.local_addr()?);
            let ctrl_c = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            ServerBuilder::new()
                .serve_with_shutdown(listener, MyServiceServer::new(Handler::default()), ctrl_c)
                .await?;
            Ok(())
        }
        ["--connect", addr] => client(addr).await,
        _ => {
            eprintln!("usage: myservice [--serve PORT | --connect HOST:PORT]");
            std::process::exit(2);
        }
    }
}
