//! What the Pulse client and server must agree on, written once.
//!
//! This crate builds for wasm32 and native and depends on neither leptos nor
//! axum: wire types ([`wire`]), the draft → sections parser ([`sections`]),
//! the safe Markdown renderer ([`markdown`]) and its link rules ([`links`]), validated newtypes
//! ([`validate`]), timestamps ([`time`]) and topic status from the clock
//! ([`status`]).

pub mod i18n;
pub mod links;
pub mod markdown;
pub mod sections;
pub mod status;
pub mod text;
pub mod time;
pub mod validate;
pub mod wire;

pub use status::TopicStatus;
pub use time::Timestamp;
