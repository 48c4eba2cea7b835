//! Black-box tests live in `tests/`. This library holds what tests in more
//! than one package share: the real SMTP server the mail tests send to.

pub mod smtp;
