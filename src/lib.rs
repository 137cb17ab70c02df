//! Pandu's core: everything the desktop co-host does, with no window attached.
//!
//! Pandu sits beside a TikTok LIVE and does what a good co-host does by hand: watches every
//! comment, flags what must not be read aloud, keeps flash-sale buyers paying in time, keeps the
//! promo frame on screen, and writes down what viewers said. This crate holds all of it but the
//! frames' renderer (the `pandu-frame` crate); the desktop shell (`src-tauri/`) and the `pandu`
//! CLI are thin layers over it, so everything but the window is testable headless
//! (`pandu serve`). Imports run one way, front ends → app → capabilities → store → the event
//! model (ARCHITECTURE.md has the table; `tests/module_layers.rs` holds the code to it).
//!
//! How data flows:
//!
//! ```text
//! ingest (sources) ──► session (moderation, fan-out) ──┬─► store   (SQLite archive)
//!                                                       ├─► UI      (batched Outbound)
//!                                                       └─► server  (local HTTP/WebSocket)
//! ```
//!
//! - [`event`]: the one [`LiveEvent`](event::LiveEvent) model every source is normalised into.
//! - [`ingest`]: the sources (TikTok LIVE, TikFinity, Social Stream Ninja, a recording, the
//!   built-in demo live) and how a spec picks one.
//! - [`moderation`]: the hook every event passes before anyone sees it.
//! - [`session`]: the [`Engine`](session::Engine) that wires it together.
//! - [`store`]: the SQLite archive and its single batching writer.
//! - [`clock`]: flash-sale payment windows and the mix-session run sheet.
//! - [`teleprompter`]: the host's script with its forbidden words.
//! - promo frames (templates, their PNG renderer, the template library) are the `pandu-frame`
//!   crate (`crates/pandu-frame/`), which the app and `pandu render` share.
//! - [`feedback`]: the feedback log's entries, the questions queue, the live's recent comments
//!   and the rules that suggest a kind.
//! - [`report`]: reports per live, week or dates, and their CSV, Markdown and HTML exports.
//! - [`server`]: the local API on 127.0.0.1, the overlay pages and the host view.
//! - [`app`]: the app core, started the same way by both front ends.
//! - [`outbound`]: the one typed stream to every front end; [`publish`]: how a capability below
//!   it publishes into it.
//! - [`launch`]: starts the app and the server that serves it, for both front ends.
//! - [`config`]: the settings file and default locations.

pub mod answers;
pub mod app;
pub mod clock;
pub mod config;
pub mod event;
pub mod feedback;
pub mod hub;
pub mod ingest;
pub mod launch;
pub mod moderation;
pub mod outbound;
pub mod publish;
pub mod report;
pub mod secrets;
pub mod server;
pub mod session;
pub mod shutdown;
pub mod store;
pub mod teleprompter;
