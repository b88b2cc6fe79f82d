//! The server side: an accept loop, one task per connection, requests read whole and handed
//! to a [`Service`] (a generated `FooServer`), replies written back with the request's seqid.
//!
//! Safe by default: a cap on connections, an idle timeout (a connection that sends nothing is
//! closed), a read timeout (a message that has begun must arrive in full), the frame and
//! message limits on what a connection may make us buffer, and a handler that panics costs
//! its caller an `INTERNAL_ERROR` reply, not the server.

use crate::codec::Thrift;
use crate::error::{ApplicationException, ApplicationExceptionKind, Error, ProtocolError};
use crate::limits::Limits;
use crate::protocol::{
    BinaryReader, BinaryWriter, CompactReader, CompactWriter, MessageHeader, MessageType, Protocol,
    ProtocolReader, ProtocolWriter,
};
use crate::transport::{Codec, Transport};
use bytes::{Bytes, BytesMut};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::{Semaphore, watch};

/// One received call, whole, with what is needed to answer it.
#[derive(Debug, Clone)]
pub struct Request {
    header: MessageHeader,
    message: Bytes,
    protocol: Protocol,
    limits: Limits,
    codec: Codec,
}

/// An encoded reply message (with its frame prefix, if the transport is framed).
#[derive(Debug, Clone)]
pub struct Reply(pub Bytes);

impl Request {
    /// The method name (without a multiplexing prefix once a [`Multiplexed`] router has taken it).
    pub fn method(&self) -> &str {
        &self.header.name
    }

    /// The message header.
    pub fn header(&self) -> &MessageHeader {
        &self.header
    }

    /// Decodes the `<method>_args` struct.
    pub fn args<A: Thrift>(&self) -> Result<A, ProtocolError> {
        fn read<R: ProtocolReader, A: Thrift>(mut r: R) -> Result<A, ProtocolError> {
            r.read_message_begin()?;
            A::decode(&mut r)
        }
        match self.protocol {
            Protocol::Binary => read(BinaryReader::with_limits(self.message.clone(), self.limits)),
            Protocol::Compact => read(CompactReader::with_limits(
                self.message.clone(),
                self.limits,
            )),
        }
    }

    fn encode<T: Thrift>(&self, kind: MessageType, body: &T) -> Result<Reply, ProtocolError> {
        let header = MessageHeader {
            name: self.header.name.clone(),
            kind,
            seqid: self.header.seqid,
        };
        let mut buf = BytesMut::with_capacity(64);
        let start = self.codec.begin(&mut buf);
        fn write<W: ProtocolWriter, T: Thrift>(
            w: &mut W,
            h: &MessageHeader,
            body: &T,
        ) -> Result<(), ProtocolError> {
            w.write_message_begin(h)?;
            body.encode(w)
        }
        match self.protocol {
            Protocol::Binary => write(
                &mut BinaryWriter::with_limits(&mut buf, &self.limits),
                &header,
                body,
            )?,
            Protocol::Compact => write(
                &mut CompactWriter::with_limits(&mut buf, &self.limits),
                &header,
                body,
            )?,
        }
        self.codec.finish(&mut buf, start)?;
        Ok(Reply(buf.freeze()))
    }

    /// A `REPLY` carrying the `<method>_result` struct. If it cannot be encoded (nesting beyond
    /// the limit), the caller gets an `INTERNAL_ERROR` exception instead.
    pub fn reply<R: Thrift>(&self, result: &R) -> Reply {
        self.encode(MessageType::Reply, result).unwrap_or_else(|e| {
            self.exception(ApplicationException::new(
                ApplicationExceptionKind::INTERNAL_ERROR,
                format!("the reply could not be encoded: {e}"),
            ))
        })
    }

    /// An `EXCEPTION` message carrying `e`.
    pub fn exception(&self, e: ApplicationException) -> Reply {
        // An ApplicationException is two flat fields: encoding it cannot fail.
        self.encode(MessageType::Exception, &e)
            .unwrap_or(Reply(Bytes::new()))
    }

    /// The reply to a handler error that is not a declared exception: an application
    /// exception as the error says, or `INTERNAL_ERROR`.
    pub fn error(&self, e: Error) -> Reply {
        match e {
            Error::Application(a) => self.exception(a),
            other => self.exception(ApplicationException::new(
                ApplicationExceptionKind::INTERNAL_ERROR,
                other.to_string(),
            )),
        }
    }

    /// `UNKNOWN_METHOD`, for a method the service does not have.
    pub fn unknown_method(&self) -> Reply {
        self.exception(ApplicationException::new(
            ApplicationExceptionKind::UNKNOWN_METHOD,
            format!("unknown method `{}`", self.header.name),
        ))
    }

    /// `PROTOCOL_ERROR`, for arguments that could not be decoded.
    pub fn bad_args(&self, e: ProtocolError) -> Reply {
        self.exception(ApplicationException::new(
            ApplicationExceptionKind::PROTOCOL_ERROR,
            format!("arguments of `{}`: {e}", self.header.name),
        ))
    }
}

/// Something that answers calls: what generated `FooServer`s implement. `None` means no
/// reply (a oneway call).
pub trait Service: Send + Sync + 'static {
    /// Answers one call.
    fn call(&self, request: Request) -> impl Future<Output = Option<Reply>> + Send;
}

/// [`Service`] behind a pointer, for routing to services of different types.
trait DynService: Send + Sync + 'static {
    fn call_boxed(
        &self,
        request: Request,
    ) -> Pin<Box<dyn Future<Output = Option<Reply>> + Send + '_>>;
}

impl<S: Service> DynService for S {
    fn call_boxed(
        &self,
        request: Request,
    ) -> Pin<Box<dyn Future<Output = Option<Reply>> + Send + '_>> {
        Box::pin(self.call(request))
    }
}

/// Several services on one port, told apart by a `Service:method` name (Apache's
/// `TMultiplexedProcessor`). A call without a prefix goes to the default service, if one is set.
///
/// ```
/// use thrift_runtime::server::{Multiplexed, Reply, Request, Service};
/// struct Echo;
/// impl Service for Echo {
///     async fn call(&self, r: Request) -> Option<Reply> { Some(r.unknown_method()) }
/// }
/// let router = Multiplexed::new().with("Echo", Echo);
/// ```
#[derive(Default)]
pub struct Multiplexed {
    services: Vec<(String, Box<dyn DynService>)>,
    default: Option<Box<dyn DynService>>,
}

impl Multiplexed {
    /// No services yet.
    pub fn new() -> Multiplexed {
        Multiplexed::default()
    }

    /// Serves `service` under `name`.
    pub fn with(mut self, name: impl Into<String>, service: impl Service) -> Self {
        self.services.push((name.into(), Box::new(service)));
        self
    }

    /// Serves calls without a `Service:` prefix with `service`.
    pub fn with_default(mut self, service: impl Service) -> Self {
        self.default = Some(Box::new(service));
        self
    }
}

impl Service for Multiplexed {
    async fn call(&self, mut request: Request) -> Option<Reply> {
        let Some((service, method)) = request.header.name.split_once(':') else {
            return match &self.default {
                Some(d) => d.call_boxed(request).await,
                None => Some(request.unknown_method()),
            };
        };
        let (service, method) = (service.to_string(), method.to_string());
        match self.services.iter().find(|(n, _)| *n == service) {
            Some((_, s)) => {
                // The service sees, and answers with, the bare method name.
                request.header.name = method;
                s.call_boxed(request).await
            }
            None => Some(request.exception(ApplicationException::new(
                ApplicationExceptionKind::UNKNOWN_METHOD,
                format!("unknown service `{service}`"),
            ))),
        }
    }
}

/// How a server listens and what it tolerates.
///
/// ```no_run
/// # async fn f() -> std::io::Result<()> {
/// use thrift_runtime::server::{ServerBuilder, Multiplexed};
/// ServerBuilder::new().max_connections(100).serve("127.0.0.1:9090", Multiplexed::new()).await
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ServerBuilder {
    protocol: Protocol,
    transport: Transport,
    limits: Limits,
    max_connections: usize,
    idle_timeout: Duration,
    read_timeout: Duration,
}

impl Default for ServerBuilder {
    fn default() -> Self {
        ServerBuilder {
            protocol: Protocol::Binary,
            transport: Transport::Buffered,
            limits: Limits::DEFAULT,
            max_connections: 1024,
            idle_timeout: Duration::from_secs(120),
            read_timeout: Duration::from_secs(30),
        }
    }
}

impl ServerBuilder {
    /// Binary protocol, buffered transport, 1024 connections, 120 s idle and 30 s read
    /// timeouts, Apache's limits.
    pub fn new() -> ServerBuilder {
        ServerBuilder::default()
    }

    /// Binary (default) or compact.
    pub fn protocol(mut self, protocol: Protocol) -> Self {
        self.protocol = protocol;
        self
    }

    /// Buffered (default) or framed.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = transport;
        self
    }

    /// Frame, message and nesting limits for requests.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// At most this many connections at once; more wait in the accept queue.
    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_connections = n.max(1);
        self
    }

    /// A connection that sends nothing for this long is closed.
    pub fn idle_timeout(mut self, t: Duration) -> Self {
        self.idle_timeout = t;
        self
    }

    /// A message that has begun must be complete within this long.
    pub fn read_timeout(mut self, t: Duration) -> Self {
        self.read_timeout = t;
        self
    }

    /// Binds `addr` and serves until the process ends.
    pub async fn serve(
        self,
        addr: impl ToSocketAddrs,
        service: impl Service,
    ) -> std::io::Result<()> {
        let listener = TcpListener::bind(addr).await?;
        self.serve_with_shutdown(listener, service, std::future::pending())
            .await
    }

    /// Serves on `listener` until `shutdown` completes; then stops accepting, lets each
    /// connection finish the call it is handling, and returns when all are closed.
    pub async fn serve_with_shutdown(
        self,
        listener: TcpListener,
        service: impl Service,
        shutdown: impl Future<Output = ()>,
    ) -> std::io::Result<()> {
        let service = Arc::new(service);
        let config = Arc::new(self);
        let permits = Arc::new(Semaphore::new(config.max_connections));
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut tasks = tokio::task::JoinSet::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let permit = tokio::select! {
                p = permits.clone().acquire_owned() => p.map_err(std::io::Error::other)?,
                () = &mut shutdown => break,
            };
            let (stream, _) = tokio::select! {
                r = listener.accept() => match r {
                    Ok(s) => s,
                    // Too many open files and the like: wait a little, keep serving.
                    Err(_) => { tokio::time::sleep(Duration::from_millis(50)).await; continue; }
                },
                () = &mut shutdown => break,
            };
            let _ = stream.set_nodelay(true);
            let (service, config, stop) = (service.clone(), config.clone(), stop_rx.clone());
            tasks.spawn(async move {
                connection(stream, service, config, stop).await;
                drop(permit);
            });
            while tasks.try_join_next().is_some() {}
        }
        let _ = stop_tx.send(true);
        while tasks.join_next().await.is_some() {}
        Ok(())
    }

    /// Serves one connection the caller accepted (a Unix socket, a TLS stream), until it closes.
    pub async fn serve_connection<S: AsyncRead + AsyncWrite + Send>(
        &self,
        stream: S,
        service: Arc<impl Service>,
    ) {
        let (_tx, rx) = watch::channel(false);
        connection(stream, service, Arc::new(self.clone()), rx).await;
    }
}

async fn connection<S: AsyncRead + AsyncWrite, Svc: Service>(
    stream: S,
    service: Arc<Svc>,
    config: Arc<ServerBuilder>,
    mut stop: watch::Receiver<bool>,
) {
    let (read, write) = tokio::io::split(stream);
    let (mut read, mut write) = (std::pin::pin!(read), std::pin::pin!(write));
    let mut codec = Codec::new(config.transport, config.protocol, config.limits);
    let mut buf = BytesMut::with_capacity(8 * 1024);
    loop {
        loop {
            let message = match codec.decode(&mut buf) {
                Ok(Some(m)) => m,
                Ok(None) => break,
                // Not Thrift, or over a limit: nothing sensible can follow on this stream.
                Err(_) => return,
            };
            let Some(reply) = handle(message, &*service, &config, &codec).await else {
                continue;
            };
            if write.write_all(&reply.0).await.is_err() {
                return;
            }
        }
        if *stop.borrow() {
            return;
        }
        let idle = buf.is_empty();
        let limit = if idle {
            config.idle_timeout
        } else {
            config.read_timeout
        };
        let read_more = tokio::time::timeout(limit, read.read_buf(&mut buf));
        tokio::select! {
            r = read_more => match r {
                Ok(Ok(n)) if n > 0 => {}
                _ => return, // closed, failed, or timed out
            },
            // Shutting down: an idle connection closes now; one mid-message finishes first.
            _ = stop.changed(), if idle => return,
        }
    }
}

/// One message in, at most one reply out.
async fn handle<Svc: Service>(
    message: Bytes,
    service: &Svc,
    config: &ServerBuilder,
    codec: &Codec,
) -> Option<Reply> {
    let header = match config.protocol {
        Protocol::Binary => {
            BinaryReader::with_limits(message.clone(), config.limits).read_message_begin()
        }
        Protocol::Compact => {
            CompactReader::with_limits(message.clone(), config.limits).read_message_begin()
        }
    }
    .ok()?;
    let oneway = header.kind == MessageType::Oneway;
    let request = Request {
        header,
        message,
        protocol: config.protocol,
        limits: config.limits,
        codec: codec.clone(),
    };
    if matches!(
        request.header.kind,
        MessageType::Reply | MessageType::Exception
    ) {
        return Some(request.exception(ApplicationException::new(
            ApplicationExceptionKind::INVALID_MESSAGE_TYPE,
            format!("a {:?} message sent to a server", request.header.kind),
        )));
    }
    let fallback = request.clone();
    match CatchUnwind::new(service.call(request)).await {
        Ok(reply) if oneway => reply.and(None),
        Ok(reply) => reply,
        Err(()) if oneway => None,
        Err(()) => Some(fallback.exception(ApplicationException::new(
            ApplicationExceptionKind::INTERNAL_ERROR,
            format!("the handler of `{}` panicked", fallback.header.name),
        ))),
    }
}

/// Turns a panic while polling the inner future into `Err(())`. The future is boxed: pinning
/// it in place would take `unsafe`, which this crate forbids.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> CatchUnwind<F> {
    fn new(f: F) -> Self {
        CatchUnwind(Box::pin(f))
    }
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    }
}
