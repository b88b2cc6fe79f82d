//! The ThriftTest types and the flags both cross-test programs take.

#![allow(clippy::all)]

use thrift_runtime::Protocol;
use thrift_runtime::transport::Transport;

/// Everything `ThriftTest.thrift` defines, generated.
pub mod tt {
    thrift_runtime::thrift_include!("../../../shared/idl/ThriftTest.thrift");
}

/// `--host H --port N --protocol binary|compact --transport buffered|framed [--multiplexed]`,
/// and for the client `--skip-uuid` (for peers built with Thrift before 0.19, which has no uuid).
#[derive(Debug, Clone)]
pub struct Flags {
    pub host: String,
    pub port: u16,
    pub protocol: Protocol,
    pub transport: Transport,
    pub multiplexed: bool,
    pub skip_uuid: bool,
}

impl Flags {
    /// Parses the process arguments; exits with a usage line on anything else.
    pub fn parse(program: &str) -> Flags {
        let usage = || -> ! {
            eprintln!(
                "usage: {program} [--host H] [--port N] [--protocol binary|compact] [--transport buffered|framed] [--multiplexed] [--skip-uuid]"
            );
            std::process::exit(2)
        };
        let mut f = Flags {
            host: "127.0.0.1".into(),
            port: 9090,
            protocol: Protocol::Binary,
            transport: Transport::Buffered,
            multiplexed: false,
            skip_uuid: false,
        };
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            let (key, inline) = match a.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (a.clone(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .unwrap_or_else(|| usage())
            };
            match key.as_str() {
                "--host" => f.host = value(),
                "--port" => f.port = value().parse().unwrap_or_else(|_| usage()),
                "--protocol" => {
                    f.protocol = match value().as_str() {
                        "binary" => Protocol::Binary,
                        "compact" => Protocol::Compact,
                        _ => usage(),
                    }
                }
                "--transport" => {
                    f.transport = match value().as_str() {
                        "buffered" => Transport::Buffered,
                        "framed" => Transport::Framed,
                        _ => usage(),
                    }
                }
                "--multiplexed" => f.multiplexed = true,
                "--skip-uuid" => f.skip_uuid = true,
                _ => usage(),
            }
        }
        f
    }
}
