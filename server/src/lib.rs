//! The Pulse server: an axum JSON API under `/api/v1` that enforces
//! accounts, deadlines and limits, and serves the built client.
//!
//! Its modules are layers, each using only itself and those below
//! (`tests/layers.rs` keeps it so):
//!
//! - routes: [`api`], [`pages`], [`feeds`], [`unsubscribe`],
//!   [`static_files`], [`origin`], [`security_headers`] — parse the
//!   request, call one service, shape the answer;
//! - [`services`], beside the extractors [`extract`] and [`language`] and
//!   the pages' [`rendering`] — each use case one function on one
//!   transaction;
//! - [`state`];
//! - [`policy`] and the parts services use: [`session`], [`link_key`],
//!   [`csrf`], [`cache`],
//!   [`ratelimit`], [`writer`], [`mail`], [`city_pages`], [`connections`],
//!   [`password`];
//! - [`error`] and [`body`];
//! - [`db`]: SQL only;
//! - [`clock`], [`config`], [`dates`], [`client_addr`].
//!
//! [`startup`], [`cli`], [`admin`] and [`demo`] are the program on top.

pub mod admin;
pub mod api;
pub mod body;
pub mod cache;
pub mod city_pages;
pub mod cli;
pub mod client_addr;
pub mod clock;
pub mod config;
pub mod connections;
pub mod csrf;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod feeds;
pub mod health;
pub mod language;
pub mod link_key;
pub mod mail;
pub mod metrics;
pub mod origin;
pub mod outside;
pub mod pages;
pub mod password;
pub mod policy;
pub mod ratelimit;
pub mod record;
pub mod rendering;
pub mod request_id;
pub mod revisions;
pub mod security_headers;
pub mod services;
pub mod session;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod unsubscribe;
pub mod writer;

pub use config::Config;
