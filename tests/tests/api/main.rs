//! The API, black-box: the real server, a fresh database per test, HTTP.

mod accounts;
mod comments;
mod helpers;
mod polls;
mod server;
mod topics;
