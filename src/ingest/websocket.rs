//! Clients of the tools people already run: TikFinity's local event WebSocket
//! (`tikfinity[:URL]`, default `ws://localhost:21213`) and Social Stream Ninja's (`ssn:URL`).
//!
//! Both send one JSON message per text frame, parsed by [`shapes`](super::shapes). The client
//! keeps the connection up for as long as the session runs: when the tool is closed or the
//! connection drops, it reconnects with exponential backoff and jitter (1 s doubling up to 5 s:
//! a refused connection to a tool costs nothing, and every second it stays down is a gap in the
//! live's record, so the client is back within 5 s of the tool; never a busy loop), and says
//! what it is doing in the status bar. A frame that cannot be taken is counted and skipped; the connection
//! stays up.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

use super::backoff::Backoff;
use super::note::{NextTry, SourceNote, SourceReason};
use super::shapes::{Parsed, parse_frame};
use super::{ConnectionState, Source, SourceContext};

/// The tool on the other end, for the status bar's words and the events' `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    TikFinity,
    SocialStreamNinja,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::TikFinity => "TikFinity",
            Tool::SocialStreamNinja => "Social Stream Ninja",
        }
    }
}

/// TikFinity's local event WebSocket, where it listens unless told otherwise.
pub const TIKFINITY_DEFAULT_URL: &str = "ws://localhost:21213";

/// A WebSocket client source.
pub struct WebSocketSource {
    url: String,
    tool: Tool,
    /// The `source` of the events it delivers: the spec it runs as.
    source: String,
    first_retry: Duration,
}

impl WebSocketSource {
    pub fn new(url: &str, tool: Tool, source: String) -> Self {
        WebSocketSource { url: url.to_string(), tool, source, first_retry: Duration::from_secs(1) }
    }

    #[cfg(test)]
    fn with_first_retry(mut self, first_retry: Duration) -> Self {
        self.first_retry = first_retry;
        self
    }
}

/// The longest a connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest wait between attempts: the client is back within this long of the tool.
const RETRY_CAP: Duration = Duration::from_secs(5);

impl Source for WebSocketSource {
    fn run(self: Box<Self>, ctx: SourceContext) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async move {
            let mut backoff = Backoff::new(self.first_retry, RETRY_CAP);
            let tool = self.tool.name();
            loop {
                let connecting = SourceReason::ToolConnecting { tool: tool.into(), url: self.url.clone() };
                ctx.set_state(ConnectionState::Connecting, connecting.into());
                let attempt =
                    tokio::time::timeout(CONNECT_TIMEOUT, tokio_tungstenite::connect_async(self.url.as_str()));
                let problem = tokio::select! {
                    () = ctx.cancel.cancelled() => return,
                    result = attempt => match result {
                        Err(_) => SourceReason::ToolTimedOut {
                            tool: tool.into(),
                            url: self.url.clone(),
                            seconds: CONNECT_TIMEOUT.as_secs() as u32,
                        },
                        Ok(Err(error)) => SourceReason::ToolUnreachable {
                            tool: tool.into(),
                            url: self.url.clone(),
                            error: error.to_string(),
                        },
                        Ok(Ok((socket, _))) => {
                            ctx.set_state(ConnectionState::Live, SourceReason::ToolConnected { tool: tool.into() }.into());
                            backoff.reset();
                            match self.receive(socket, &ctx).await {
                                Some(problem) => problem,
                                None => return,
                            }
                        }
                    },
                };
                let delay = backoff.next_delay();
                let next = NextTry::RetryIn { seconds: delay.as_secs_f64().ceil() as u32 };
                ctx.set_state(ConnectionState::Error, SourceNote { reason: problem, next: Some(next) });
                tokio::select! {
                    () = ctx.cancel.cancelled() => return,
                    () = tokio::time::sleep(delay) => {}
                }
            }
        })
    }
}

impl WebSocketSource {
    /// Delivers frames until the connection ends (`Some(why)`) or the session stops (`None`).
    async fn receive<S>(
        &self,
        mut socket: tokio_tungstenite::WebSocketStream<S>,
        ctx: &SourceContext,
    ) -> Option<SourceReason>
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    {
        let tool = self.tool.name();
        loop {
            let message = tokio::select! {
                () = ctx.cancel.cancelled() => return None,
                message = socket.next() => message,
            };
            let text = match message {
                Some(Ok(Message::Text(text))) => text,
                Some(Ok(Message::Binary(_))) => {
                    ctx.report_dropped(format!("{tool} sent a binary frame; expected JSON text"));
                    continue;
                }
                Some(Ok(Message::Close(_))) | None => return Some(SourceReason::ToolClosed { tool: tool.into() }),
                Some(Ok(_)) => continue,
                Some(Err(error)) => {
                    return Some(SourceReason::ToolFailed { tool: tool.into(), error: error.to_string() });
                }
            };
            for parsed in parse_frame(text.as_str(), &self.source) {
                match parsed {
                    Ok(Parsed::Event(event)) => {
                        if !ctx.emit(*event).await {
                            return None;
                        }
                    }
                    Ok(Parsed::Ignored) => {}
                    Err(rejection) => ctx.report_dropped(format!("from {tool}: {rejection}")),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Kept;
    use futures_util::SinkExt;
    use std::sync::Arc;
    use tokio::net::TcpListener;

    /// A stand-in for TikFinity: each connection gets `frames`, then the server hangs up.
    async fn fake_tool(frames: Vec<&'static str>) -> (String, tokio::task::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("ws://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                let mut socket = tokio_tungstenite::accept_async(stream).await.unwrap();
                for frame in &frames {
                    socket.send(Message::text(*frame)).await.unwrap();
                }
                socket.close(None).await.ok();
            }
        });
        (url, server)
    }

    #[tokio::test]
    async fn frames_become_events_bad_ones_are_counted_and_a_dropped_connection_is_retried() {
        let (url, server) = fake_tool(vec![
            r#"{"event":"chat","data":{"comment":"ready kak?","uniqueId":"sari","msgId":"1"}}"#,
            "not json",
            r#"{"event":"like","data":{"likeCount":3,"uniqueId":"budi","msgId":"2"}}"#,
        ])
        .await;
        let (tx, mut rx) = tokio::sync::mpsc::channel(64);
        let cancel = tokio_util::sync::CancellationToken::new();
        let report = Arc::new(Kept::default());
        let source = Box::new(
            WebSocketSource::new(&url, Tool::TikFinity, "tikfinity".into()).with_first_retry(Duration::from_millis(20)),
        );
        let task = tokio::spawn(source.run(SourceContext::new(tx, cancel.clone(), report.clone())));

        // The server hangs up after each round; the client comes back for a second one.
        let mut ids = Vec::new();
        while ids.len() < 4 {
            let incoming = tokio::time::timeout(Duration::from_secs(10), rx.recv()).await.unwrap().unwrap();
            assert_eq!(incoming.event.source, "tikfinity");
            ids.push(incoming.event.id);
        }
        assert_eq!(ids, ["1", "2", "1", "2"], "the same messages again: the session's dedupe skips them");
        cancel.cancel();
        task.await.unwrap();
        server.abort();

        assert!(report.dropped().iter().all(|reason| reason.contains("not valid JSON")));
        let states = report.states();
        let kinds: Vec<ConnectionState> = states.iter().map(|(state, _)| *state).collect();
        assert!(kinds.starts_with(&[
            ConnectionState::Connecting,
            ConnectionState::Live,
            ConnectionState::Error,
            ConnectionState::Connecting
        ]));
        let error = &states.iter().find(|(state, _)| *state == ConnectionState::Error).unwrap().1;
        assert!(error.contains("TikFinity closed the connection") && error.contains("retrying in"), "{error}");
    }

    #[tokio::test]
    async fn a_tool_that_is_not_running_is_said_plainly_and_retried_without_a_busy_loop() {
        // A port nobody listens on.
        let url = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            format!("ws://{}", listener.local_addr().unwrap())
        };
        let (tx, _rx) = tokio::sync::mpsc::channel(1);
        let cancel = tokio_util::sync::CancellationToken::new();
        let report = Arc::new(Kept::default());
        let source = Box::new(
            WebSocketSource::new(&url, Tool::SocialStreamNinja, "ssn".into())
                .with_first_retry(Duration::from_millis(50)),
        );
        let task = tokio::spawn(source.run(SourceContext::new(tx, cancel.clone(), report.clone())));
        tokio::time::sleep(Duration::from_millis(400)).await;
        cancel.cancel();
        task.await.unwrap();
        let states = report.states();
        let attempts = states.iter().filter(|(state, _)| *state == ConnectionState::Connecting).count();
        // 50 ms doubling (with jitter) fits at most a handful of attempts in 400 ms.
        assert!((2..=6).contains(&attempts), "{attempts} attempts");
        let (_, detail) = states.iter().find(|(state, _)| *state == ConnectionState::Error).unwrap();
        assert!(detail.contains("cannot connect to Social Stream Ninja"), "{detail:?}");
    }
}
