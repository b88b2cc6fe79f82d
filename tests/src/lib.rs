//! Shared by the integration tests and the `interop_peer` binary: the project's own interop
//! IDL (idl/calculator.thrift), its reference handler, and the battery of checks every peer,
//! Rust or Python, must pass.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;
use thrift_runtime::{ApplicationExceptionKind, Error};

/// The generated types of idl/calculator.thrift.
#[allow(missing_docs)]
pub mod calc {
    thrift_runtime::thrift_include!("idl/calculator.thrift");
}

use calc::base::Health;
use calc::*;

/// The reference Calculator: what every peer of the interop tests must behave like.
#[derive(Debug, Default)]
pub struct Handler {
    /// How many `zip` (oneway) calls ran.
    pub zips: AtomicI32,
}

impl Health for Handler {
    async fn ping(&self) -> Result<bool, Error> {
        Ok(true)
    }
}

impl Calculator for Handler {
    async fn add(&self, num1: i32, num2: i32) -> Result<i32, Error> {
        Ok(num1.wrapping_add(num2))
    }

    async fn calculate(&self, _logid: i32, w: Work) -> Result<i32, CalculatorCalculateError> {
        match w.op {
            Operation::ADD => Ok(w.num1 + w.num2),
            Operation::SUBTRACT => Ok(w.num1 - w.num2),
            Operation::MULTIPLY => Ok(w.num1 * w.num2),
            Operation::DIVIDE if w.num2 == 0 => Err(InvalidOperation {
                what_op: w.op.0,
                why: "Cannot divide by 0".into(),
            }
            .into()),
            Operation::DIVIDE => Ok(w.num1 / w.num2),
            other => Err(InvalidOperation {
                what_op: other.0,
                why: "Invalid operation".into(),
            }
            .into()),
        }
    }

    async fn zip(&self, delay_ms: i32) -> Result<(), Error> {
        tokio::time::sleep(Duration::from_millis(delay_ms as u64)).await;
        self.zips.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    async fn echo(
        &self,
        m: std::collections::HashMap<String, Vec<i64>>,
    ) -> Result<std::collections::HashMap<String, Vec<i64>>, Error> {
        Ok(m)
    }

    async fn slow(&self, ms: i32) -> Result<String, Error> {
        tokio::time::sleep(Duration::from_millis(ms as u64)).await;
        Ok(format!("slept {ms}"))
    }

    async fn fail(&self, how: String) -> Result<(), Error> {
        match how.as_str() {
            "panic" => panic!("the handler panicked on purpose"),
            _ => Err(Error::internal(how)),
        }
    }

    async fn zips(&self) -> Result<i32, Error> {
        Ok(self.zips.load(Ordering::SeqCst))
    }
}

/// One check of the battery: its name, and what went wrong (`None` if it passed).
pub type Check = (String, Option<String>);

fn check<T: PartialEq + std::fmt::Debug, E: std::fmt::Debug>(
    out: &mut Vec<Check>,
    name: &str,
    got: Result<T, E>,
    want: T,
) {
    let problem = match got {
        Ok(v) if v == want => None,
        other => Some(format!("got {other:?}, expected {want:?}")),
    };
    out.push((name.to_string(), problem));
}

/// Every kind of call against a Calculator server: inherited methods, wrapping arithmetic,
/// unicode, a declared exception, maps of lists (empty too), a handler error, a oneway call
/// followed by a normal one.
pub async fn battery(client: &CalculatorClient) -> Vec<Check> {
    let mut out = Vec::new();
    let o = &mut out;
    check(
        o,
        "ping (inherited from base.Health)",
        client.ping().await,
        true,
    );
    check(o, "add", client.add(2, 3).await, 5);
    check(o, "add wraps", client.add(i32::MAX, 1).await, i32::MIN);
    let w = Work {
        num1: 7,
        num2: 6,
        op: Operation::MULTIPLY,
        comment: Some("\u{fc}n\u{ef} \u{2603}".into()),
    };
    check(o, "calculate", client.calculate(1, w).await, 42);
    check(
        o,
        "calculate throws InvalidOperation",
        client
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
            .map_err(|e| format!("{e:?}")),
        -1,
    );
    if let Some((_, problem)) = out.last_mut() {
        // The expected outcome is the exception, not a value: recheck precisely.
        *problem = match client
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
            Err(CalculatorCalculateError::Ouch(e))
                if e.what_op == 4 && e.why == "Cannot divide by 0" =>
            {
                None
            }
            other => Some(format!("got {other:?}")),
        };
    }
    let o = &mut out;
    let m: HashMap<String, Vec<i64>> = [
        ("a".to_string(), vec![1, -2, i64::MAX]),
        (String::new(), vec![]),
        ("\u{f8}".to_string(), vec![0]),
    ]
    .into();
    check(o, "echo map of lists", client.echo(m.clone()).await, m);
    check(
        o,
        "echo empty map",
        client.echo(HashMap::new()).await,
        HashMap::new(),
    );
    let failed = match client.fail("broken".into()).await {
        Err(Error::Application(e)) if e.kind == ApplicationExceptionKind::INTERNAL_ERROR => None,
        other => Some(format!("got {other:?}")),
    };
    o.push(("a handler error arrives as INTERNAL_ERROR".into(), failed));
    let before = client.zips().await.unwrap_or(-1);
    check(o, "zip (oneway)", client.zip(0).await, ());
    let mut ran = false;
    for _ in 0..200 {
        if client.zips().await.unwrap_or(-1) > before {
            ran = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    o.push((
        "the oneway call ran, and a call after it was answered".into(),
        (!ran).then(|| "it never ran".into()),
    ));
    out
}
