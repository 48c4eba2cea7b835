//! A real SMTP server on loopback: aiosmtpd from PyPI (installed by `make
//! tools-python` into `target/test-venv`), run by `tests/python/smtp_sink.py`,
//! which keeps every message it receives as a file. Tests read them here,
//! and read feeds with the same Python libraries feed readers use.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

fn python() -> PathBuf {
    std::env::var_os("PULSE_TEST_VENV")
        .map_or_else(|| root().join("target").join("test-venv"), PathBuf::from)
        .join("bin")
        .join("python")
}

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    /// Header names in lower case.
    pub headers: serde_json::Map<String, Value>,
    pub text: String,
    pub html: String,
}

impl Mail {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase())?.as_str()
    }

    /// The first address in the text part that contains `part`.
    pub fn link(&self, part: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(part))
            .map(|w| w.trim_end_matches(['.', ',', ')']).to_string())
    }

    /// The value of `token=` in the link containing `part`.
    pub fn token(&self, part: &str) -> Option<String> {
        let link = self.link(part)?;
        let (_, token) = link.split_once("token=")?;
        Some(token.split('&').next().unwrap_or(token).to_string())
    }
}

pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    child: Option<Child>,
    /// Only counts what arrives (for the benchmark).
    counting: bool,
}

impl SmtpSink {
    /// Starts on a free port, keeping messages in a new folder.
    pub fn start() -> SmtpSink {
        Self::started(false)
    }

    /// Starts one that keeps nothing and only counts: see [`SmtpSink::count`].
    pub fn start_counting() -> SmtpSink {
        Self::started(true)
    }

    fn started(counting: bool) -> SmtpSink {
        let dir = std::env::temp_dir().join(format!(
            "pulse-smtp-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let mut sink = SmtpSink {
            port: 0,
            dir,
            child: None,
            counting,
        };
        sink.run();
        sink
    }

    fn run(&mut self) {
        let python = python();
        assert!(
            python.exists(),
            "{} is missing: run `make tools-python`",
            python.display()
        );
        let mut child = Command::new(&python)
            .arg(root().join("tests").join("python").join("smtp_sink.py"))
            .arg(&self.dir)
            .arg(self.port.to_string())
            .args(self.counting.then_some("--count"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting the SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its output"))
            .read_line(&mut line)
            .expect("reading its port");
        self.port = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server said {line:?}"));
        self.child = Some(child);
    }

    /// `smtp://127.0.0.1:PORT`, for `--smtp-url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops accepting mail (the server is down).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Comes back on the same port, keeping what it had received.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }

    /// How many messages a counting server has received (to within half a
    /// second).
    pub fn count(&self) -> u64 {
        std::fs::read_to_string(self.dir.join("count"))
            .ok()
            .and_then(|c| c.trim().parse().ok())
            .unwrap_or(0)
    }

    /// Every message received so far, in order.
    pub fn messages(&self) -> Vec<Mail> {
        let mut numbered: Vec<(u64, PathBuf)> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .filter_map(|p| Some((p.file_stem()?.to_str()?.parse().ok()?, p)))
                    .collect()
            })
            .unwrap_or_default();
        numbered.sort();
        numbered
            .into_iter()
            .map(|(_, path)| {
                let text = std::fs::read_to_string(&path).expect("a kept message");
                let v: Value = serde_json::from_str(&text).expect("a kept message as JSON");
                let string = |key: &str| v[key].as_str().unwrap_or_default().to_string();
                Mail {
                    to: v["rcpt_tos"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default(),
                    subject: v["headers"]["subject"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    headers: v["headers"].as_object().cloned().unwrap_or_default(),
                    text: string("text"),
                    html: string("html"),
                }
            })
            .collect()
    }

    /// The messages to `to`.
    pub fn to(&self, to: &str) -> Vec<Mail> {
        self.messages()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == to))
            .collect()
    }

    /// Waits (up to `within`) until `to` has received `count` messages whose
    /// subject contains `subject`, and returns them all.
    pub async fn wait_for(
        &self,
        to: &str,
        subject: &str,
        count: usize,
        within: Duration,
    ) -> Vec<Mail> {
        let start = Instant::now();
        loop {
            let found: Vec<Mail> = self
                .to(to)
                .into_iter()
                .filter(|m| m.subject.contains(subject))
                .collect();
            if found.len() >= count {
                return found;
            }
            assert!(
                start.elapsed() < within,
                "{to} received {} of {count} messages about {subject:?} in {within:?}; all: {:#?}",
                found.len(),
                self.messages()
                    .iter()
                    .map(|m| (&m.to, &m.subject))
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Reads a feed (`atom`) or calendar (`ics`) with the Python libraries real
/// readers use (feedparser, icalendar); the summary `read_feed.py` prints.
pub fn read_feed(kind: &str, bytes: &[u8]) -> Value {
    let file = std::env::temp_dir().join(format!(
        "pulse-feed-{}-{}.{kind}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    std::fs::write(&file, bytes).expect("writing the feed");
    let out = Command::new(python())
        .arg(root().join("tests").join("python").join("read_feed.py"))
        .arg(kind)
        .arg(&file)
        .output()
        .expect("running read_feed.py");
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "the {kind} reader refused it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("read_feed.py prints JSON")
}
