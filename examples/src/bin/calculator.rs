//! The calculator tutorial: a server and a client in one process, over the compact protocol
//! and framed transport, showing a declared exception, a oneway call and `extends`.
//!
//! `cargo run -p examples --bin calculator`

use std::collections::HashMap;
use std::sync::Mutex;
use thrift_runtime::client::ClientBuilder;
use thrift_runtime::server::ServerBuilder;
use thrift_runtime::transport::Transport;
use thrift_runtime::{Error, Protocol};
use tokio::net::TcpListener;

mod tutorial {
    thrift_runtime::thrift_include!("idl/tutorial.thrift");
}

use tutorial::shared::{SharedService, SharedStruct};
use tutorial::{
    Calculator, CalculatorCalculateError, CalculatorClient, CalculatorServer, InvalidOperation,
    Operation, Work,
};

/// Remembers each calculation's result under its log id.
#[derive(Default)]
struct Handler {
    log: Mutex<HashMap<i32, SharedStruct>>,
}

impl SharedService for Handler {
    async fn get_struct(&self, key: i32) -> Result<SharedStruct, Error> {
        let log = self
            .log
            .lock()
            .map_err(|_| Error::internal("log poisoned"))?;
        Ok(log.get(&key).cloned().unwrap_or_default())
    }
}

impl Calculator for Handler {
    async fn ping(&self) -> Result<(), Error> {
        println!("server: ping()");
        Ok(())
    }

    async fn add(&self, num1: i32, num2: i32) -> Result<i32, Error> {
        println!("server: add({num1}, {num2})");
        Ok(num1.wrapping_add(num2))
    }

    async fn calculate(&self, logid: i32, w: Work) -> Result<i32, CalculatorCalculateError> {
        println!("server: calculate({logid}, {w:?})");
        let value = match w.op {
            Operation::ADD => w.num1.wrapping_add(w.num2),
            Operation::SUBTRACT => w.num1.wrapping_sub(w.num2),
            Operation::MULTIPLY => w.num1.wrapping_mul(w.num2),
            Operation::DIVIDE if w.num2 == 0 => {
                return Err(InvalidOperation {
                    what_op: w.op.0,
                    why: "Cannot divide by 0".into(),
                }
                .into());
            }
            Operation::DIVIDE => w.num1 / w.num2,
            other => {
                return Err(InvalidOperation {
                    what_op: other.0,
                    why: "Invalid operation".into(),
                }
                .into());
            }
        };
        let entry = SharedStruct {
            key: logid,
            value: value.to_string(),
        };
        self.log
            .lock()
            .map_err(|_| Error::internal("log poisoned"))?
            .insert(logid, entry);
        Ok(value)
    }

    async fn zip(&self) -> Result<(), Error> {
        println!("server: zip()");
        Ok(())
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        ServerBuilder::new()
            .protocol(Protocol::Compact)
            .transport(Transport::Framed)
            .serve_with_shutdown(
                listener,
                CalculatorServer::new(Handler::default()),
                async move {
                    let _ = stopped.await;
                },
            ),
    );

    let channel = ClientBuilder::new()
        .protocol(Protocol::Compact)
        .transport(Transport::Framed)
        .connect(addr)
        .await?;
    let client = CalculatorClient::new(channel);
    client.ping().await?;
    println!("client: 1 + 1 = {}", client.add(1, 1).await?);
    match client
        .calculate(
            1,
            Work {
                num1: 1,
                num2: 0,
                op: Operation::DIVIDE,
                comment: None,
            },
        )
        .await
    {
        Err(CalculatorCalculateError::Ouch(e)) => println!("client: InvalidOperation: {}", e.why),
        other => println!("client: expected an InvalidOperation, got {other:?}"),
    }
    let diff = client
        .calculate(
            2,
            Work {
                num1: 15,
                num2: 10,
                op: Operation::SUBTRACT,
                comment: None,
            },
        )
        .await?;
    println!("client: 15 - 10 = {diff}");
    println!("client: log entry 2 = {:?}", client.get_struct(2).await?);
    client.zip().await?;
    println!(
        "client: {} constants: {:?}",
        tutorial::INT32CONSTANT,
        *tutorial::MAPCONSTANT
    );

    let _ = stop.send(());
    server.await??;
    Ok(())
}
