//! MyService over TLS: the runtime takes any `AsyncRead + AsyncWrite` stream, so TLS is
//! tokio-rustls around the TCP stream, on both sides. The certificate is self-signed, made at
//! start-up for `localhost`, and the client trusts exactly it.
//!
//! `cargo run -p examples --bin tls`

use std::sync::Arc;
use thrift_runtime::Error;
use thrift_runtime::client::ClientBuilder;
use thrift_runtime::server::ServerBuilder;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use tokio_rustls::rustls::{self, RootCertStore};
use tokio_rustls::{TlsAcceptor, TlsConnector};

mod idl {
    thrift_runtime::thrift_include!("idl/myservice.thrift");
}

use idl::{MyData, MyService, MyServiceClient, MyServiceServer};

struct Handler;

impl MyService for Handler {
    async fn do_something(&self, data: MyData) -> Result<(), Error> {
        println!("server (over TLS) received: {data:?}");
        Ok(())
    }

    async fn check_status(&self) -> Result<bool, Error> {
        Ok(true)
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()])?;
    let cert = certified.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));

    // Server: accept TCP, wrap in TLS, hand the stream to the Thrift server.
    let server_config = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(vec![cert.clone()], key)?;
    let acceptor = TlsAcceptor::from(Arc::new(server_config));
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let service = Arc::new(MyServiceServer::new(Handler));
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, service) = (acceptor.clone(), service.clone());
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(tcp).await {
                    ServerBuilder::new().serve_connection(tls, service).await;
                }
            });
        }
    });

    // Client: TLS to `localhost`, trusting the one certificate; the channel runs over it.
    let mut roots = RootCertStore::empty();
    roots.add(cert)?;
    let client_config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let tcp = TcpStream::connect(addr).await?;
    let tls = TlsConnector::from(Arc::new(client_config))
        .connect(ServerName::try_from("localhost")?, tcp)
        .await?;
    let client = MyServiceClient::new(ClientBuilder::new().build(tls));
    client
        .do_something(MyData {
            name: "John".into(),
            age: 25,
            active: true,
        })
        .await?;
    println!("Server status over TLS: {}", client.check_status().await?);
    Ok(())
}
