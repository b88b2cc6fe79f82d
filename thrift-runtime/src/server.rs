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
    BinaryReader, CompactReader, MessageHeader, MessageType, Protocol, ProtocolReader,
};
use crate::transport::{Codec, ReadRoom, Transport};
use bytes::{Bytes, BytesMut};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::{Semaphore, mpsc, watch};

/// One received call, whole, with what is needed to answer it. Generated servers use it;
/// a hand-written [`Service`] does too:
///
/// ```
/// use thrift_runtime::server::{Reply, Request, Service};
/// thrift_runtime::thrift!("service Echo { string echo(1: string s) }");
///
/// struct ByHand;
/// impl Service for ByHand {
///     async fn call(&self, req: Request) -> Option<Reply> {
///         Some(match req.method() {
///             "echo" => match req.args::<EchoEchoArgs>() {
///                 Ok(args) => req.reply(&EchoEchoResult { success: Some(args.s) }),
///                 Err(e) => req.bad_args(e),
///             },
///             _ => req.unknown_method(),
///         })
///     }
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Request {
    header: MessageHeader,
    /// The message after its header: the `<method>_args` struct, a slice of the frame.
    body: Bytes,
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
        match self.protocol {
            Protocol::Binary => A::decode(&mut BinaryReader::with_limits(&self.body, self.limits)),
            Protocol::Compact => {
                A::decode(&mut CompactReader::with_limits(&self.body, self.limits))
            }
        }
    }

    fn encode<T: Thrift>(&self, kind: MessageType, body: &T) -> Result<Reply, ProtocolError> {
        let header = MessageHeader {
            name: self.header.name.clone(),
            kind,
            seqid: self.header.seqid,
        };
        let message = self
            .codec
            .encode_message(self.protocol, &self.limits, &header, body)?;
        Ok(Reply(message))
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

/// Something that answers calls: what generated `FooServer`s implement (see [`Request`] for
/// one written by hand). `None` means no reply (a oneway call).
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
    /// connection finish the calls it is handling, and returns when all are closed.
    ///
    /// ```no_run
    /// # async fn f(service: thrift_runtime::server::Multiplexed) -> std::io::Result<()> {
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:9090").await?;
    /// // Any future: `tokio::signal::ctrl_c()`, a oneshot receiver, a timer.
    /// let stop = tokio::time::sleep(std::time::Duration::from_secs(3600));
    /// thrift_runtime::server::ServerBuilder::new().serve_with_shutdown(listener, service, stop).await
    /// # }
    /// ```
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
    ///
    /// ```no_run
    /// # async fn f(service: std::sync::Arc<thrift_runtime::server::Multiplexed>) -> std::io::Result<()> {
    /// let listener = tokio::net::UnixListener::bind("/run/my-service.sock")?;
    /// let builder = thrift_runtime::server::ServerBuilder::new();
    /// loop {
    ///     let (stream, _) = listener.accept().await?;
    ///     let (builder, service) = (builder.clone(), service.clone());
    ///     tokio::spawn(async move { builder.serve_connection(stream, service).await });
    /// }
    /// # }
    /// ```
    pub async fn serve_connection<S: AsyncRead + AsyncWrite + Send>(
        &self,
        stream: S,
        service: Arc<impl Service>,
    ) {
        let (_tx, rx) = watch::channel(false);
        connection(stream, service, Arc::new(self.clone()), rx).await;
    }
}

/// Calls handled at once on one connection: beyond this the connection stops reading until
/// one finishes.
const MAX_IN_FLIGHT: usize = 128;

async fn connection<S: AsyncRead + AsyncWrite, Svc: Service>(
    stream: S,
    service: Arc<Svc>,
    config: Arc<ServerBuilder>,
    mut stop: watch::Receiver<bool>,
) {
    let (read, write) = tokio::io::split(stream);
    let (mut read, mut write) = (std::pin::pin!(read), std::pin::pin!(write));
    let mut codec = Codec::new(config.transport, config.protocol, config.limits);
    // Each request frames its reply with a copy of this one, which never decodes: copying it
    // allocates nothing (the reading codec may hold a half-walked message's stack).
    let replies = Codec::new(config.transport, config.protocol, config.limits);
    let mut buf = BytesMut::new();
    let mut room = ReadRoom::new();
    // Calls whose handlers wait run as tasks of their own (the calls behind them on this
    // connection go on) and hand their replies back through this channel.
    let (tx, mut rx) = mpsc::unbounded_channel::<Reply>();
    let mut tasks = tokio::task::JoinSet::new();
    let permits = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut out = BytesMut::new();
    'connection: loop {
        let mut batch = Vec::new();
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(m)) => batch.push(m),
                Ok(None) => break,
                // Not Thrift, or over a limit: nothing sensible can follow on this stream.
                Err(_) => break 'connection,
            }
        }
        while tasks.try_join_next().is_some() {}
        let mut ready: Vec<Reply> = Vec::new();
        for message in batch {
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break 'connection;
            };
            let (service, config, codec) = (service.clone(), config.clone(), replies.clone());
            let mut call =
                Box::pin(async move { handle(message, &*service, &config, codec).await });
            // Most handlers finish without waiting: answer those here, on the first poll, with
            // no task and no channel. One that has to wait becomes a task of its own, so the
            // calls behind it on this connection are not held up. (Spawning every pipelined
            // call instead, to spread decoding over the cores, measured 15-23% slower for
            // 2 KiB echoes 64 at a time: `benches/`, `rpc -- --case echo/64`.)
            let first = std::future::poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await;
            match first {
                Poll::Ready(reply) => {
                    drop(permit);
                    if let Some(reply) = reply {
                        ready.push(reply);
                    }
                }
                Poll::Pending => {
                    let tx = tx.clone();
                    tasks.spawn(async move {
                        if let Some(reply) = call.await {
                            let _ = tx.send(reply);
                        }
                        drop(permit);
                    });
                }
            }
        }
        // The replies answered here go out in one write.
        let written = match ready.len() {
            0 => Ok(()),
            1 => write.write_all(&ready[0].0).await,
            _ => {
                out.clear();
                ready.iter().for_each(|r| out.extend_from_slice(&r.0));
                write.write_all(&out).await
            }
        };
        if written.is_err() || *stop.borrow() {
            break;
        }
        let idle = buf.is_empty();
        let limit = if idle {
            config.idle_timeout
        } else {
            config.read_timeout
        };
        room.prepare(&mut buf);
        let read_more = tokio::time::timeout(limit, read.read_buf(&mut buf));
        tokio::select! {
            r = read_more => match r {
                Ok(Ok(n)) if n > 0 => room.filled(n),
                _ => break, // closed, failed, or timed out
            },
            Some(reply) = rx.recv() => {
                if write_batch(&mut write, &mut out, reply, &mut rx).await.is_err() {
                    break;
                }
            }
            // Shutting down: an idle connection stops reading now (its running calls still get
            // their replies, below); one mid-message finishes reading it first.
            _ = stop.changed(), if idle => break,
        }
    }
    // The calls still running finish and are answered before the connection closes.
    drop(tx);
    while let Some(reply) = rx.recv().await {
        if write_batch(&mut write, &mut out, reply, &mut rx)
            .await
            .is_err()
        {
            break;
        }
    }
    while tasks.join_next().await.is_some() {}
}

/// Writes `first` and every other reply already waiting, in one write.
async fn write_batch<W: AsyncWrite>(
    write: &mut Pin<&mut W>,
    out: &mut BytesMut,
    first: Reply,
    rx: &mut mpsc::UnboundedReceiver<Reply>,
) -> std::io::Result<()> {
    let Ok(second) = rx.try_recv() else {
        return write.write_all(&first.0).await;
    };
    out.clear();
    out.extend_from_slice(&first.0);
    out.extend_from_slice(&second.0);
    while let Ok(more) = rx.try_recv() {
        out.extend_from_slice(&more.0);
    }
    write.write_all(out).await
}

/// One message in, at most one reply out.
async fn handle<Svc: Service>(
    message: Bytes,
    service: &Svc,
    config: &ServerBuilder,
    codec: Codec,
) -> Option<Reply> {
    // The header is read once, here; the handler decodes the arguments from what follows.
    fn header<R: ProtocolReader>(mut r: R, len: usize) -> Option<(MessageHeader, usize)> {
        let header = r.read_message_begin().ok()?;
        Some((header, len - r.remaining()))
    }
    let len = message.len();
    let (header, body_start) = match config.protocol {
        Protocol::Binary => header(BinaryReader::with_limits(&message, config.limits), len),
        Protocol::Compact => header(CompactReader::with_limits(&message, config.limits), len),
    }?;
    let body = message.slice(body_start..);
    let oneway = header.kind == MessageType::Oneway;
    let request = Request {
        header,
        body,
        protocol: config.protocol,
        limits: config.limits,
        codec,
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
