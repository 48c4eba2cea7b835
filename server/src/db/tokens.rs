//! The single-use links mailed to people (confirm an address, a
//! subscription, reset a password): only a hash of each is kept.

use anyhow::Context;
use pulse_api::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};

/// What a mailed link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms an address-only subscription.
    Subscribe,
    /// Confirms an account's email address.
    Verify,
    /// Sets a new password.
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Subscribe => "subscribe",
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }
}

pub struct NewToken<'a> {
    pub token_hash: &'a str,
    pub purpose: Purpose,
    pub account_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub email: &'a str,
    pub expires_at: Timestamp,
}

pub async fn insert_token(
    conn: &mut AnyConnection,
    new: NewToken<'_>,
    now: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO email_tokens \
         (token_hash, purpose, account_id, subscription_id, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new.token_hash)
    .bind(new.purpose.as_str())
    .bind(new.account_id)
    .bind(new.subscription_id)
    .bind(new.email)
    .bind(now.0)
    .bind(new.expires_at.0)
    .execute(conn)
    .await
    .context("storing a mailed link")?;
    Ok(())
}

/// A mailed link, used.
pub struct UsedToken {
    pub account_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub email: String,
}

impl FromRow<'_, AnyRow> for UsedToken {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(UsedToken {
            account_id: row.try_get("account_id")?,
            subscription_id: row.try_get("subscription_id")?,
            email: row.try_get("email")?,
        })
    }
}

/// Uses a link once: it must be for `purpose`, unused and unexpired.
pub async fn use_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    purpose: Purpose,
    now: Timestamp,
) -> anyhow::Result<Option<UsedToken>> {
    sqlx::query_as(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING account_id, subscription_id, email",
    )
    .bind(now.0)
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await
    .context("using a mailed link")
}

/// A link for `purpose` used before (or made void): what it was for.
pub async fn used_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    purpose: Purpose,
) -> anyhow::Result<Option<UsedToken>> {
    sqlx::query_as(
        "SELECT account_id, subscription_id, email FROM email_tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NOT NULL",
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await
    .context("reading a used mailed link")
}

/// Every unused link of an account for `purpose` stops working (a new
/// password makes older reset links useless).
pub async fn void_tokens(
    conn: &mut AnyConnection,
    account_id: i64,
    purpose: Purpose,
    now: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE account_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now.0)
    .bind(account_id)
    .bind(purpose.as_str())
    .execute(conn)
    .await
    .context("voiding mailed links")?;
    Ok(())
}

/// Mailed links sent to `email` for `purpose` since `since`: a bound on how
/// often one address is mailed.
pub async fn recent_tokens(
    conn: &mut AnyConnection,
    email: &str,
    purpose: Purpose,
    since: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM email_tokens WHERE email = $1 AND purpose = $2 AND created_at >= $3",
    )
    .bind(email)
    .bind(purpose.as_str())
    .bind(since.0)
    .fetch_one(conn)
    .await
    .context("counting mailed links")
}
