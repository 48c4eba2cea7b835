//! The Pulse server: an axum JSON API under `/api/v1` that enforces
//! accounts, deadlines and limits, and serves the built client.

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
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod feeds;
pub mod language;
pub mod mail;
pub mod origin;
pub mod password;
pub mod policy;
pub mod prerender;
pub mod ratelimit;
pub mod security_headers;
pub mod services;
pub mod session;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod unsubscribe;
pub mod writer;

pub use config::Config;
