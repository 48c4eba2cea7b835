//! Black-box tests live in `tests/`. This library holds what tests in more
//! than one package share: a fresh database for each test, the real SMTP
//! server the mail tests send to, and the subscribers they start with.

pub mod databases;
pub mod fixtures;
pub mod smtp;
