//! Black-box tests live in `tests/`. This library holds what tests in more
//! than one package share: a fresh database for each test, the real SMTP
//! server the mail tests send to, and the subscribers they start with.

pub mod databases;
pub mod fixtures;
pub mod smtp;

/// A client folder whose page has the place the server renders into, for
/// tests of the pages the server renders whole.
pub fn page_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pulse-forms-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder for the page");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><html lang=\"en\"><head><title>Pulse</title></head><body>\
         <div id=\"app\"><!--prerender--><!--/prerender--></div></body></html>",
    )
    .expect("the page");
    dir
}

/// The session cookie (`pulse_session=…`) among an answer's `Set-Cookie`
/// values, as a `Cookie` header sends it back.
pub fn session_cookie<'a>(set_cookies: impl IntoIterator<Item = &'a str>) -> Option<String> {
    set_cookies
        .into_iter()
        .find(|v| v.starts_with("pulse_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}
