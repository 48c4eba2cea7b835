//! The API, black-box: the real server, a fresh database per test, HTTP.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod accounts;
mod cache;
mod comments;
mod deadlines;
mod desk;
mod feeds;
mod hardening;
mod helpers;
mod hosting;
mod mail;
mod matrix;
mod operations;
mod pages;
mod polls;
mod record;
mod revisions;
mod server;
mod topics;
mod translations;
