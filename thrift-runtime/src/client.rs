//! The client side of a connection: many calls in flight at once, replies matched to calls by
//! sequence id (in any order), per-call timeouts, and a dead connection failing every call in
//! flight instead of leaving it waiting.
//!
//! A [`Channel`] is cheap to clone and `Send + Sync`; generated clients wrap one. Two tasks own
//! the socket: a writer that takes encoded messages from a queue, and a reader that hands each
//! reply to the call waiting for it. Callers encode and decode on their own tasks.
//!
//! The channel does not reconnect: once its connection is gone every call fails with a
//! transport error, and the caller decides whether to connect again.

use crate::codec::Thrift;
use crate::error::{
    ApplicationException, ApplicationExceptionKind, Error, ProtocolError, TransportError,
};
use crate::limits::Limits;
use crate::protocol::{
    BinaryReader, CompactReader, MessageHeader, MessageType, Protocol, ProtocolReader,
};
use crate::transport::{Codec, ReadRoom, Transport};
use bytes::{Bytes, BytesMut};
use std::collections::{HashMap, HashSet};
use std::io::ErrorKind;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpStream, ToSocketAddrs};
use tokio::sync::{mpsc, oneshot};

/// How a client connects and calls. `Channel::connect(addr)` uses the defaults: binary
/// protocol, buffered transport (as the seed and most Apache clients do), a 10 s connect
/// timeout, no call timeout, Apache's default limits.
///
/// ```no_run
/// # async fn f() -> Result<(), thrift_runtime::Error> {
/// use std::time::Duration;
/// use thrift_runtime::{Protocol, client::ClientBuilder, transport::Transport};
/// let channel = ClientBuilder::new()
///     .protocol(Protocol::Compact)
///     .transport(Transport::Framed)
///     .call_timeout(Duration::from_secs(2))
///     .connect("127.0.0.1:9090")
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    protocol: Protocol,
    transport: Transport,
    connect_timeout: Duration,
    call_timeout: Option<Duration>,
    limits: Limits,
    service: Option<String>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            protocol: Protocol::Binary,
            transport: Transport::Buffered,
            connect_timeout: Duration::from_secs(10),
            call_timeout: None,
            limits: Limits::DEFAULT,
            service: None,
        }
    }
}

impl ClientBuilder {
    /// The defaults.
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
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

    /// How long [`ClientBuilder::connect`] may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one call may wait for its reply; that call alone fails after it.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = Some(timeout);
        self
    }

    /// Frame, message and nesting limits for replies.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Calls go to `service` on a multiplexed server (`service:method` on the wire).
    pub fn multiplexed(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// Connects over TCP (with `TCP_NODELAY`).
    pub async fn connect(self, addr: impl ToSocketAddrs) -> Result<Channel, Error> {
        let stream = tokio::time::timeout(self.connect_timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| TransportError::new(ErrorKind::TimedOut, "connect timed out"))??;
        stream.set_nodelay(true)?;
        Ok(self.build(stream))
    }

    /// A channel over a stream the caller brings: a Unix socket, a TLS stream, an in-memory pipe.
    /// Must be called within a tokio runtime.
    ///
    /// ```no_run
    /// # async fn f() -> std::io::Result<()> {
    /// let stream = tokio::net::UnixStream::connect("/run/my-service.sock").await?;
    /// let channel = thrift_runtime::client::ClientBuilder::new().build(stream);
    /// # Ok(()) }
    /// ```
    pub fn build<S: AsyncRead + AsyncWrite + Send + 'static>(self, stream: S) -> Channel {
        let (read, write) = tokio::io::split(stream);
        let (tx, rx) = mpsc::channel::<Bytes>(1024);
        let state = Arc::new(State {
            pending: Mutex::new(Pending::default()),
            codec: Codec::new(self.transport, self.protocol, self.limits),
            builder: self,
        });
        // The tasks hold the state, not the sender: when the last clone of the channel is
        // dropped, the queue closes, the writer shuts the socket down, and both tasks end.
        tokio::spawn(write_loop(write, rx, state.clone()));
        tokio::spawn(read_loop(read, state.clone()));
        Channel {
            shared: Arc::new(Shared {
                tx,
                next_seqid: AtomicI32::new(1),
                state,
            }),
        }
    }
}

/// A connection to a Thrift server; clone it freely, call from many tasks at once.
///
/// ```no_run
/// # async fn f() -> Result<(), thrift_runtime::Error> {
/// let channel = thrift_runtime::client::Channel::connect("127.0.0.1:9090").await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Channel {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    tx: mpsc::Sender<Bytes>,
    next_seqid: AtomicI32,
    state: Arc<State>,
}

/// What the callers and the connection's tasks share.
#[derive(Debug)]
struct State {
    pending: Mutex<Pending>,
    codec: Codec,
    builder: ClientBuilder,
}

#[derive(Debug, Default)]
struct Pending {
    waiting: HashMap<i32, oneshot::Sender<Result<Bytes, Error>>>,
    /// Calls that timed out: their late replies are dropped, not taken for a broken peer.
    abandoned: HashSet<i32>,
    /// Set once the connection is gone: every later call fails with it.
    closed: Option<Error>,
}

impl Channel {
    /// Connects over TCP with the defaults of [`ClientBuilder`].
    pub async fn connect(addr: impl ToSocketAddrs) -> Result<Channel, Error> {
        ClientBuilder::new().connect(addr).await
    }

    /// The protocol this channel speaks.
    pub fn protocol(&self) -> Protocol {
        self.shared.state.builder.protocol
    }

    fn encode<A: Thrift>(
        &self,
        method: &str,
        kind: MessageType,
        seqid: i32,
        args: &A,
    ) -> Result<Bytes, Error> {
        let b = &self.shared.state.builder;
        let name = match &b.service {
            Some(s) => format!("{s}:{method}"),
            None => method.to_string(),
        };
        let header = MessageHeader { name, kind, seqid };
        Ok(self
            .shared
            .state
            .codec
            .encode_message(b.protocol, &b.limits, &header, args)?)
    }

    fn closed_error(&self) -> Error {
        let pending = self
            .shared
            .state
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        pending.closed.clone().unwrap_or_else(|| {
            TransportError::new(ErrorKind::NotConnected, "the connection is closed").into()
        })
    }

    /// Calls `method` with the `<method>_args` struct `args` and returns the decoded
    /// `<method>_result` struct `R`. A `TApplicationException` reply is an `Err`. Generated
    /// clients call this; it is public for hand-written ones.
    ///
    /// ```no_run
    /// # async fn f(channel: thrift_runtime::client::Channel) -> Result<(), thrift_runtime::Error> {
    /// thrift_runtime::thrift!("service Svc { i32 add(1: i32 a, 2: i32 b) }");
    /// let r: SvcAddResult = channel.call("add", &SvcAddArgs { a: 1, b: 2 }).await?;
    /// assert_eq!(r.success, Some(3));
    /// # Ok(()) }
    /// ```
    pub async fn call<A: Thrift, R: Thrift>(&self, method: &str, args: &A) -> Result<R, Error> {
        let seqid = self.shared.next_seqid.fetch_add(1, Ordering::Relaxed);
        let message = self.encode(method, MessageType::Call, seqid, args)?;
        let (tx, rx) = oneshot::channel();
        {
            let mut pending = self
                .shared
                .state
                .pending
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            if let Some(e) = &pending.closed {
                return Err(e.clone());
            }
            pending.waiting.insert(seqid, tx);
        }
        if self.shared.tx.send(message).await.is_err() {
            self.forget(seqid, false);
            return Err(self.closed_error());
        }
        let reply = match self.shared.state.builder.call_timeout {
            None => rx.await,
            Some(limit) => match tokio::time::timeout(limit, rx).await {
                Ok(r) => r,
                Err(_) => {
                    self.forget(seqid, true);
                    return Err(TransportError::new(
                        ErrorKind::TimedOut,
                        format!("`{method}` got no reply within {limit:?}"),
                    )
                    .into());
                }
            },
        };
        let message = match reply {
            Ok(r) => r?,
            Err(_) => return Err(self.closed_error()),
        };
        let limits = self.shared.state.builder.limits;
        match self.shared.state.builder.protocol {
            Protocol::Binary => read_reply(BinaryReader::with_limits(&message, limits), method),
            Protocol::Compact => read_reply(CompactReader::with_limits(&message, limits), method),
        }
    }

    /// Sends a `oneway` call: returns once the message is queued for the socket; no reply
    /// comes, so none is awaited.
    ///
    /// ```no_run
    /// # async fn f(channel: thrift_runtime::client::Channel) -> Result<(), thrift_runtime::Error> {
    /// thrift_runtime::thrift!("service Log { oneway void note(1: string text) }");
    /// channel.oneway("note", &LogNoteArgs { text: "started".into() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn oneway<A: Thrift>(&self, method: &str, args: &A) -> Result<(), Error> {
        let seqid = self.shared.next_seqid.fetch_add(1, Ordering::Relaxed);
        let message = self.encode(method, MessageType::Oneway, seqid, args)?;
        if let Some(e) = &self
            .shared
            .state
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .closed
        {
            return Err(e.clone());
        }
        self.shared
            .tx
            .send(message)
            .await
            .map_err(|_| self.closed_error())
    }

    fn forget(&self, seqid: i32, abandoned: bool) {
        let mut pending = self
            .shared
            .state
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        pending.waiting.remove(&seqid);
        if abandoned {
            pending.abandoned.insert(seqid);
        }
    }
}

/// Checks the reply's header against the call and decodes its body.
fn read_reply<R: ProtocolReader, T: Thrift>(mut r: R, method: &str) -> Result<T, Error> {
    let header = r.read_message_begin()?;
    // A multiplexed server answers with the bare method name; accept both.
    let bare = header.name.rsplit(':').next().unwrap_or(&header.name);
    if bare != method {
        return Err(ApplicationException::new(
            ApplicationExceptionKind::WRONG_METHOD_NAME,
            format!("reply for `{}` to a call of `{method}`", header.name),
        )
        .into());
    }
    match header.kind {
        MessageType::Reply => Ok(T::decode(&mut r)?),
        MessageType::Exception => Err(ApplicationException::decode(&mut r)?.into()),
        other => Err(ApplicationException::new(
            ApplicationExceptionKind::INVALID_MESSAGE_TYPE,
            format!("a {other:?} message in reply to `{method}`"),
        )
        .into()),
    }
}

/// Fails every call in flight, and every later one, with `error`.
fn close(shared: &State, error: Error) {
    let mut pending = shared.pending.lock().unwrap_or_else(|p| p.into_inner());
    if pending.closed.is_none() {
        pending.closed = Some(error.clone());
    }
    for (_, tx) in pending.waiting.drain() {
        let _ = tx.send(Err(error.clone()));
    }
}

async fn write_loop<W: AsyncWrite>(write: W, mut rx: mpsc::Receiver<Bytes>, shared: Arc<State>) {
    let mut write = std::pin::pin!(write);
    // Kept across batches: its room is reused, not given back and asked for again (a batch of
    // 64 echoes is past glibc's mmap threshold, and a fresh mapping per batch halves the rate).
    let mut batch = BytesMut::new();
    while let Some(first) = rx.recv().await {
        // Everything queued goes out in one write.
        let written = if let Ok(second) = rx.try_recv() {
            batch.clear();
            batch.extend_from_slice(&first);
            batch.extend_from_slice(&second);
            while let Ok(more) = rx.try_recv() {
                batch.extend_from_slice(&more);
            }
            write.write_all(&batch).await
        } else {
            write.write_all(&first).await
        };
        if let Err(e) = written {
            close(&shared, e.into());
            return;
        }
    }
    let _ = write.shutdown().await;
}

async fn read_loop<R: AsyncRead>(read: R, shared: Arc<State>) {
    let mut read = std::pin::pin!(read);
    let mut codec = shared.codec.clone();
    let mut buf = BytesMut::new();
    let mut room = ReadRoom::new();
    loop {
        loop {
            let message = match codec.decode(&mut buf) {
                Ok(Some(m)) => m,
                Ok(None) => break,
                Err(e) => return close(&shared, e.into()),
            };
            let seqid = match seqid_of(&message, &shared.builder) {
                Ok(s) => s,
                Err(e) => return close(&shared, e.into()),
            };
            let mut pending = shared.pending.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(tx) = pending.waiting.remove(&seqid) {
                let _ = tx.send(Ok(message));
            } else if !pending.abandoned.remove(&seqid) {
                drop(pending);
                let e = ApplicationException::new(
                    ApplicationExceptionKind::BAD_SEQUENCE_ID,
                    format!("a reply with sequence id {seqid}, which no call is waiting for"),
                );
                return close(&shared, e.into());
            }
        }
        room.prepare(&mut buf);
        match read.read_buf(&mut buf).await {
            Ok(0) => {
                let e = TransportError::new(
                    ErrorKind::UnexpectedEof,
                    "the server closed the connection",
                );
                return close(&shared, e.into());
            }
            Ok(n) => room.filled(n),
            Err(e) => return close(&shared, e.into()),
        }
    }
}

fn seqid_of(message: &Bytes, b: &ClientBuilder) -> Result<i32, ProtocolError> {
    Ok(match b.protocol {
        Protocol::Binary => {
            BinaryReader::with_limits(message, b.limits)
                .read_message_begin()?
                .seqid
        }
        Protocol::Compact => {
            CompactReader::with_limits(message, b.limits)
                .read_message_begin()?
                .seqid
        }
    })
}
