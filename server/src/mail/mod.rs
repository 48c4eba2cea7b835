//! Mail: where messages go (an SMTP server, or `.eml` files when none is
//! configured), how they are written (`render.rs`), and the worker inside
//! `pulse serve` that delivers the outbox (`worker.rs`).

pub mod compose;
mod plain;
pub mod render;
pub mod worker;

use crate::config::MailConfig;
use anyhow::{Context, bail};
use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// Where messages go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `.eml` file per message, named for the message: writing it again
    /// replaces it.
    Files(PathBuf),
}

impl Transport {
    pub fn new(config: &MailConfig) -> anyhow::Result<Transport> {
        let Some(url) = &config.smtp_url else {
            std::fs::create_dir_all(&config.outbox_dir).with_context(|| {
                format!("creating the mail folder {}", config.outbox_dir.display())
            })?;
            return Ok(Transport::Files(config.outbox_dir.clone()));
        };
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            bail!("--smtp-url must start with smtp:// or smtps:// (it was {url:?})");
        }
        // lettre calls STARTTLS "required"; people call it starttls.
        let url = url.replace("tls=starttls", "tls=required");
        let connections = u32::try_from(config.connections.max(1)).unwrap_or(u32::MAX);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .with_context(|| "reading --smtp-url".to_string())?
            .timeout(Some(Duration::from_secs(30)))
            .pool_config(PoolConfig::new().max_size(connections))
            .build();
        Ok(Transport::Smtp(transport))
    }

    /// Sends one message; `name` names its file when written to disk.
    pub async fn send(&self, message: Message, name: &str) -> anyhow::Result<()> {
        match self {
            Transport::Smtp(smtp) => {
                smtp.send(message)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            Transport::Files(dir) => {
                let bytes = message.formatted();
                let final_path = dir.join(format!("{name}.eml"));
                let partial = dir.join(format!(".{name}.eml.partial"));
                tokio::fs::write(&partial, &bytes)
                    .await
                    .with_context(|| format!("writing {}", partial.display()))?;
                tokio::fs::rename(&partial, &final_path)
                    .await
                    .with_context(|| format!("writing {}", final_path.display()))?;
            }
        }
        Ok(())
    }
}

/// Checks `--mail-from` at start-up.
pub fn sender(config: &MailConfig) -> anyhow::Result<Mailbox> {
    config
        .from
        .parse()
        .with_context(|| format!("--mail-from is not an address: {:?}", config.from))
}

/// A single-use link to mail: its secret is stored hashed, and the message
/// carrying it goes into the outbox in the caller's transaction.
pub struct MailedLink<'a> {
    pub kind: crate::db::outbox::Kind,
    pub purpose: crate::db::tokens::Purpose,
    pub recipient: &'a str,
    /// The language the message is written in, unless an account or a
    /// subscription speaks for the recipient when it is sent.
    pub lang: pulse_api::i18n::Lang,
    pub account_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub topic_id: Option<i64>,
    /// Seconds the link works for.
    pub valid_for: i64,
}

pub async fn mail_link(
    conn: &mut sqlx::AnyConnection,
    link: MailedLink<'_>,
    now: pulse_api::Timestamp,
) -> anyhow::Result<()> {
    use crate::db::{outbox, tokens};
    let token = crate::session::new_token().map_err(|e| anyhow::anyhow!("{e:?}"))?;
    tokens::insert_token(
        conn,
        tokens::NewToken {
            token_hash: &crate::session::hash_token(&token),
            purpose: link.purpose,
            account_id: link.account_id,
            subscription_id: link.subscription_id,
            email: link.recipient,
            expires_at: pulse_api::Timestamp(now.0 + link.valid_for),
        },
        now,
    )
    .await?;
    outbox::enqueue(
        conn,
        outbox::Notice {
            kind: link.kind,
            recipient: link.recipient,
            lang: link.lang,
            subscription_id: link.subscription_id,
            topic_id: link.topic_id,
            subject_id: None,
            token: Some(&token),
        },
        now,
    )
    .await
}
