//! The HTTP/1 request gate in front of hyper.
//!
//! hyper answers a request head it cannot take (headers too large: 431; a request target over
//! 65,534 bytes: 414; a malformed line, header or length: 400) with an answer of its own, written
//! before any middleware runs and so without the security headers. The gate reads every request
//! head of a connection first (the first and every later one on a kept-alive connection), checks
//! it as hyper would, and hands hyper only heads it takes, followed by their bodies (by
//! `Content-Length` or chunked framing). A head hyper would refuse is never handed over: hyper
//! finishes the requests before it and sees the connection's end; then the gate writes the
//! refusal itself, with the security headers, and closes.
//!
//! Where the gate cannot follow the framing (HTTP/2, an upgrade, a chunked body it cannot read),
//! it stops checking and passes the rest through: hyper then decides as before.

use axum::http::{Method, StatusCode, Uri};
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// Longest request head taken (request line and headers). hyper's own limit is its read buffer
/// (about 400 KiB); this one is lower, so hyper never reaches its own.
pub const MAX_HEAD: usize = 128 * 1024;
/// Headers in one request, as in hyper (more: 431).
const MAX_HEADERS: usize = 100;
/// hyper's longest request target (longer: 414).
const MAX_URI: usize = u16::MAX as usize - 1;
/// hyper's longest header name or value (longer: 431).
const MAX_FIELD: usize = 1 << 16;
/// HTTP/2's connection preface: such a connection is passed through.
const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n";
/// Longest request line before a line end is seen (longer: 414). A target hyper takes (at most
/// [`MAX_URI`] bytes) always fits with its method and version.
pub const MAX_REQUEST_LINE: usize = 65_536;
/// Longest chunk-size or trailer line followed; a longer one ends the checking.
const MAX_LINE: usize = 8 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for a request head.
    Head,
    /// Bytes of a body with a known length, or of one chunk, still to come.
    Body { left: u64, chunk: bool },
    /// A chunked body: the next chunk-size line.
    ChunkSize,
    /// The line end after a chunk's bytes.
    ChunkEnd,
    /// Trailer lines after the last chunk, up to an empty line.
    Trailers,
    /// Not followed: everything passes.
    Open,
    /// A refused head: nothing more passes.
    Refused(StatusCode),
}

/// What the gate made of one complete request head.
fn check_head(head: &[u8]) -> Result<(usize, State), StatusCode> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let len = match req.parse(head) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Ok((0, State::Head)),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
        }
        Err(_) => return Err(StatusCode::BAD_REQUEST),
    };
    let (Some(method), Some(path), Some(version)) = (req.method, req.path, req.version) else {
        return Err(StatusCode::BAD_REQUEST);
    };
    if path.len() > MAX_URI {
        return Err(StatusCode::URI_TOO_LONG);
    }
    let method = Method::from_bytes(method.as_bytes()).map_err(|_| StatusCode::BAD_REQUEST)?;
    Uri::try_from(path).map_err(|_| StatusCode::BAD_REQUEST)?;
    let http11 = version == 1;
    let mut upgrade = method == Method::CONNECT;
    let (mut te, mut chunked, mut length) = (false, false, None::<u64>);
    for h in req.headers.iter() {
        if h.name.len() >= MAX_FIELD || h.value.len() >= MAX_FIELD {
            return Err(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        if h.name.eq_ignore_ascii_case("transfer-encoding") {
            if !http11 {
                return Err(StatusCode::BAD_REQUEST);
            }
            te = true;
            chunked = std::str::from_utf8(h.value).is_ok_and(|v| {
                v.rsplit(',')
                    .next()
                    .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"))
            });
        } else if h.name.eq_ignore_ascii_case("content-length") && !te {
            let n = digits(h.value).ok_or(StatusCode::BAD_REQUEST)?;
            if length.is_some_and(|m| m != n) {
                return Err(StatusCode::BAD_REQUEST);
            }
            if n > u64::MAX - 2 {
                return Err(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
            }
            length = Some(n);
        } else if h.name.eq_ignore_ascii_case("upgrade") && http11 {
            upgrade = true;
        }
    }
    if te && !chunked {
        return Err(StatusCode::BAD_REQUEST);
    }
    let next = if upgrade {
        State::Open
    } else if chunked {
        State::ChunkSize
    } else {
        match length {
            Some(n) if n > 0 => State::Body {
                left: n,
                chunk: false,
            },
            _ => State::Head,
        }
    };
    Ok((len, next))
}

/// A `Content-Length` value: decimal digits only, as hyper reads it.
fn digits(v: &[u8]) -> Option<u64> {
    if v.is_empty() {
        return None;
    }
    v.iter().try_fold(0u64, |n, &b| {
        b.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u64::from(b - b'0')))?
    })
}

/// A connection as hyper reads it: only checked bytes, and the connection's end after a refused
/// head (see the module documentation).
pub(crate) struct Gate {
    io: Option<TcpStream>,
    /// Bytes read from the connection; `[pos..checked]` is checked and not yet handed to hyper,
    /// `[checked..]` not yet checked.
    buf: Vec<u8>,
    pos: usize,
    checked: usize,
    state: State,
    /// The connection's end was read.
    eof: bool,
    /// How far the head being read was scanned for its end, and whether a line end was seen.
    scan: usize,
    line_seen: bool,
}

impl Gate {
    pub(crate) fn new(io: TcpStream) -> Gate {
        Gate::over(Some(io))
    }

    fn over(io: Option<TcpStream>) -> Gate {
        Gate {
            io,
            buf: Vec::new(),
            pos: 0,
            checked: 0,
            state: State::Head,
            eof: false,
            scan: 0,
            line_seen: false,
        }
    }

    /// Reads until the first request line is complete (or refused, or the connection ends).
    /// The caller bounds this in time: hyper's own header timer starts only once it reads.
    pub(crate) async fn first_line(&mut self) -> io::Result<()> {
        std::future::poll_fn(|cx| loop {
            if self.eof
                || matches!(self.state, State::Open | State::Refused(_))
                || self.checked > 0
                || self.line_seen
            {
                return Poll::Ready(Ok(()));
            }
            ready!(self.fill(cx))?;
        })
        .await
    }

    /// The refusal, when a head was refused.
    pub(crate) fn refused(&self) -> Option<StatusCode> {
        match self.state {
            State::Refused(s) => Some(s),
            _ => None,
        }
    }

    /// Reads more bytes from the connection and checks what it can.
    fn fill(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let Some(io) = self.io.as_mut() else {
            self.eof = true;
            return Poll::Ready(Ok(()));
        };
        if self.pos == self.checked && self.pos > 0 {
            self.buf.drain(..self.pos);
            self.checked -= self.pos;
            self.pos = 0;
        }
        let mut chunk = [0u8; 8192];
        let mut rb = ReadBuf::new(&mut chunk);
        ready!(Pin::new(io).poll_read(cx, &mut rb))?;
        let got = rb.filled();
        if got.is_empty() {
            self.eof = true;
        } else {
            self.buf.extend_from_slice(got);
        }
        self.advance();
        Poll::Ready(Ok(()))
    }

    /// Moves `checked` as far as the bytes read allow.
    fn advance(&mut self) {
        loop {
            let rest = &self.buf[self.checked..];
            match self.state {
                State::Open => {
                    self.checked = self.buf.len();
                    return;
                }
                State::Refused(_) => return,
                State::Head => {
                    // Blank lines before a request are skipped by hyper too.
                    if rest.is_empty() {
                        return;
                    }
                    if self.checked == 0 && self.pos == 0 && is_h2(rest) {
                        if rest.len() < H2_PREFACE.len() && !self.eof {
                            return;
                        }
                        if rest.starts_with(H2_PREFACE) {
                            self.state = State::Open;
                            continue;
                        }
                    }
                    // Parsed only once its end is in (a client sending a byte at a time
                    // costs one scan of each byte, not one parse per byte).
                    let from = self.scan.saturating_sub(2).min(rest.len());
                    self.line_seen |= rest[from..].contains(&b'\n');
                    let ended = rest[from..].windows(2).any(|w| w == b"\n\n")
                        || rest[from..].windows(3).any(|w| w == b"\n\r\n");
                    self.scan = rest.len();
                    if !ended {
                        if !self.line_seen && rest.len() > MAX_REQUEST_LINE {
                            self.state = State::Refused(StatusCode::URI_TOO_LONG);
                        } else if rest.len() > MAX_HEAD {
                            self.state =
                                State::Refused(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
                        } else {
                            return;
                        }
                        continue;
                    }
                    match check_head(rest) {
                        Ok((0, _)) if rest.len() > MAX_HEAD => {
                            self.state =
                                State::Refused(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
                        }
                        Ok((0, _)) => return,
                        Ok((n, _)) if n > MAX_HEAD => {
                            self.state =
                                State::Refused(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
                        }
                        Ok((n, next)) => {
                            self.checked += n;
                            self.scan = 0;
                            self.line_seen = false;
                            self.state = next;
                        }
                        Err(status) => self.state = State::Refused(status),
                    }
                }
                State::Body { left, chunk } => {
                    let n = (rest.len() as u64).min(left);
                    if n == 0 {
                        return;
                    }
                    self.checked += n as usize;
                    self.state = match (n == left, chunk) {
                        (true, false) => State::Head,
                        (true, true) => State::ChunkEnd,
                        (false, _) => State::Body {
                            left: left - n,
                            chunk,
                        },
                    };
                }
                State::ChunkSize => match httparse::parse_chunk_size(rest) {
                    Ok(httparse::Status::Complete((n, 0))) => {
                        self.checked += n;
                        self.state = State::Trailers;
                    }
                    Ok(httparse::Status::Complete((n, size))) => {
                        self.checked += n;
                        self.state = State::Body {
                            left: size,
                            chunk: true,
                        };
                    }
                    Ok(httparse::Status::Partial) if rest.len() <= MAX_LINE => return,
                    _ => self.state = State::Open,
                },
                State::ChunkEnd => {
                    if rest.starts_with(b"\r\n") {
                        self.checked += 2;
                        self.state = State::ChunkSize;
                    } else if rest.is_empty() || rest == b"\r" {
                        return;
                    } else {
                        self.state = State::Open;
                    }
                }
                State::Trailers => match rest.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        self.checked += i + 1;
                        if rest[..i].iter().all(|&b| b == b'\r') && i <= 1 {
                            self.state = State::Head;
                        }
                    }
                    None if rest.len() <= MAX_LINE => return,
                    None => self.state = State::Open,
                },
            }
        }
    }
}

/// The bytes so far can be the start of HTTP/2's preface.
fn is_h2(b: &[u8]) -> bool {
    let n = b.len().min(H2_PREFACE.len());
    b[..n] == H2_PREFACE[..n]
}

impl AsyncRead for Gate {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.pos < this.checked {
                let n = out.remaining().min(this.checked - this.pos);
                out.put_slice(&this.buf[this.pos..this.pos + n]);
                this.pos += n;
                return Poll::Ready(Ok(()));
            }
            // Nothing checked is left: after a refusal or at the end, hyper sees the end.
            if this.eof || matches!(this.state, State::Refused(_)) {
                return Poll::Ready(Ok(()));
            }
            ready!(this.fill(cx))?;
        }
    }
}

impl AsyncWrite for Gate {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.io.as_mut() {
            Some(io) => Pin::new(io).poll_write(cx, buf),
            None => Poll::Ready(Err(io::ErrorKind::NotConnected.into())),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.io.as_mut() {
            Some(io) => Pin::new(io).poll_write_vectored(cx, bufs),
            None => Poll::Ready(Err(io::ErrorKind::NotConnected.into())),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.io.as_ref().is_some_and(|io| io.is_write_vectored())
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.io.as_mut() {
            Some(io) => Pin::new(io).poll_flush(cx),
            None => Poll::Ready(Ok(())),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        // After a refusal the connection stays open for it (written when the gate is dropped).
        if self.refused().is_some() {
            return Poll::Ready(Ok(()));
        }
        match self.io.as_mut() {
            Some(io) => Pin::new(io).poll_shutdown(cx),
            None => Poll::Ready(Ok(())),
        }
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        let (Some(status), Some(io)) = (self.refused(), self.io.take()) else {
            return;
        };
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(refuse(io, status));
        }
    }
}

/// Answers `status` with the security headers and closes (after reading what the client still
/// sends for a moment, so that closing does not reset the connection before the answer is read).
pub(crate) async fn refuse(mut stream: TcpStream, status: StatusCode) {
    use axum::response::IntoResponse;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let r = crate::security_headers(status.into_response()).await;
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in r.headers() {
        if let Ok(v) = value.to_str() {
            out.push_str(&format!("{name}: {v}\r\n"));
        }
    }
    out.push_str("content-length: 0\r\nconnection: close\r\n\r\n");
    if stream.write_all(out.as_bytes()).await.is_err() {
        return;
    }
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 8192];
    let drain = async {
        let mut left = 1usize << 20;
        while let Ok(n @ 1..) = stream.read(&mut sink).await {
            left = left.saturating_sub(n);
            if left == 0 {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), drain).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_after(bytes: &[u8]) -> (usize, State) {
        match check_head(bytes) {
            Ok(x) => x,
            Err(s) => (0, State::Refused(s)),
        }
    }

    #[test]
    fn heads_are_checked_as_hyper_checks_them() {
        let ok = b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nrest";
        assert_eq!(state_after(ok), (ok.len() - 4, State::Head));
        let post = b"POST /a HTTP/1.1\r\nContent-Length: 12\r\n\r\n";
        assert_eq!(
            state_after(post).1,
            State::Body {
                left: 12,
                chunk: false
            }
        );
        let chunked = b"POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n";
        assert_eq!(state_after(chunked).1, State::ChunkSize);
        assert_eq!(
            state_after(b"GET /a HTTP/1.1\r\nHost: x\r\n").1,
            State::Head
        );
        let many: String = (0..101).map(|i| format!("h{i}: v\r\n")).collect();
        let refusals: Vec<(String, StatusCode)> = vec![
            (
                "GET /a HTTP/1.1\r\nContent-Length: 1x\r\n\r\n".into(),
                StatusCode::BAD_REQUEST,
            ),
            (
                "GET /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n".into(),
                StatusCode::BAD_REQUEST,
            ),
            (
                "POST /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n".into(),
                StatusCode::BAD_REQUEST,
            ),
            (
                "POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n".into(),
                StatusCode::BAD_REQUEST,
            ),
            (
                "GET /a\x01 HTTP/1.1\r\n\r\n".into(),
                StatusCode::BAD_REQUEST,
            ),
            (
                format!("GET / HTTP/1.1\r\n{many}\r\n"),
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ),
            (
                format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_URI)),
                StatusCode::URI_TOO_LONG,
            ),
        ];
        for (head, status) in refusals {
            assert_eq!(
                state_after(head.as_bytes()).1,
                State::Refused(status),
                "{head:.80}"
            );
        }
        let upgrade = b"GET /a HTTP/1.1\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n";
        assert_eq!(state_after(upgrade).1, State::Open);
    }

    /// The gate's state after `bytes` arrive in pieces of `step` bytes.
    fn gate_after(bytes: &[u8], step: usize) -> (usize, State) {
        let mut g = Gate::over(None);
        for piece in bytes.chunks(step) {
            g.buf.extend_from_slice(piece);
            g.advance();
        }
        (g.checked, g.state)
    }

    #[test]
    fn bodies_are_followed_to_the_next_head() {
        let get = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
        let bad = "GET /a b c\r\n\r\n";
        let sized =
            format!("POST /a HTTP/1.1\r\nContent-Length: 14\r\n\r\nGET /a b c\r\n\r\n{get}");
        let chunked = format!(
            "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nGET /\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n{get}"
        );
        for good in [sized, chunked] {
            let all = format!("{good}{bad}{get}");
            for step in [1, 2, 7, 64, all.len()] {
                assert_eq!(
                    gate_after(all.as_bytes(), step),
                    (good.len(), State::Refused(StatusCode::BAD_REQUEST)),
                    "{step}: {all:?}"
                );
            }
            // Without the bad head everything passes, and the gate waits for the next head.
            assert_eq!(gate_after(good.as_bytes(), 3), (good.len(), State::Head));
        }
        // HTTP/2 passes unchecked.
        let h2 = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00";
        assert_eq!(gate_after(h2, 5), (h2.len(), State::Open));
        // A request line with no end past its limit: 414, at once.
        let long = format!("GET /{}", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(
            gate_after(long.as_bytes(), 8192).1,
            State::Refused(StatusCode::URI_TOO_LONG)
        );
        // Headers with no end past the head limit: 431.
        let big = format!("GET / HTTP/1.1\r\nx: {}", "b".repeat(MAX_HEAD));
        assert_eq!(
            gate_after(big.as_bytes(), 8192).1,
            State::Refused(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
        );
    }

    #[test]
    fn content_lengths_are_digits_only() {
        assert_eq!(digits(b"0"), Some(0));
        assert_eq!(digits(b"123"), Some(123));
        assert_eq!(digits(b""), None);
        assert_eq!(digits(b"+1"), None);
        assert_eq!(digits(b"1 "), None);
        assert_eq!(digits(b"99999999999999999999999"), None);
    }
}
