//! Accounts and sessions.

use anyhow::Context;
use pulse_api::validate::{DisplayName, Email};
use pulse_api::wire::{Account, Role};
use sqlx::AnyConnection;

/// What a new account stores; the password is already hashed.
pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub display_name: &'a DisplayName,
    pub password_hash: &'a str,
    pub role: Role,
    pub created_at: i64,
}

pub enum Created {
    Account(Account),
    EmailTaken,
}

type AccountRow = (i64, String, String, String, i64);

fn account((id, email, display_name, role, verified): AccountRow) -> Account {
    Account {
        id,
        email,
        display_name,
        email_verified: verified != 0,
        role: if role == "admin" {
            Role::Admin
        } else {
            Role::Resident
        },
        hosts: Vec::new(),
    }
}

pub async fn create(conn: &mut AnyConnection, new: NewAccount<'_>) -> anyhow::Result<Created> {
    let row = sqlx::query_as::<_, AccountRow>(
        "INSERT INTO accounts (email, display_name, password_hash, role, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING \
         RETURNING id, email, display_name, role, email_verified",
    )
    .bind(new.email.as_str())
    .bind(new.display_name.as_str())
    .bind(new.password_hash)
    .bind(match new.role {
        Role::Admin => "admin",
        Role::Resident => "resident",
    })
    .bind(new.created_at)
    .fetch_optional(conn)
    .await
    .context("inserting an account")?;
    Ok(row.map_or(Created::EmailTaken, |r| Created::Account(account(r))))
}

/// The account and its password hash, for signing in.
pub async fn find_for_sign_in(
    conn: &mut AnyConnection,
    email: &Email,
) -> anyhow::Result<Option<(Account, String)>> {
    let row = sqlx::query_as::<_, (i64, String, String, String, i64, String)>(
        "SELECT id, email, display_name, role, email_verified, password_hash \
         FROM accounts WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(conn)
    .await
    .context("looking up an account by email")?;
    Ok(row.map(|(id, email, name, role, verified, hash)| {
        (account((id, email, name, role, verified)), hash)
    }))
}

pub async fn create_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    account_id: i64,
    now: i64,
    expires_at: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $3)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await
    .context("inserting a session")?;
    Ok(())
}

/// The account a live session belongs to: not past its absolute end, and
/// used within `idle` seconds. A session in use is marked seen, at most once
/// in `TOUCH_EVERY` seconds (a write on a read path, kept rare).
pub async fn find_by_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
    idle: i64,
) -> anyhow::Result<Option<Account>> {
    let row = sqlx::query_as::<_, (i64, String, String, String, i64, i64)>(
        "SELECT a.id, a.email, a.display_name, a.role, a.email_verified, s.last_seen_at \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - idle)
    .fetch_optional(&mut *conn)
    .await
    .context("looking up a session")?;
    let Some((id, email, name, role, verified, last_seen)) = row else {
        return Ok(None);
    };
    if now - last_seen >= TOUCH_EVERY {
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
            .bind(token_hash)
            .bind(now)
            .execute(conn)
            .await
            .context("marking a session seen")?;
    }
    Ok(Some(account((id, email, name, role, verified))))
}

/// How stale a session's `last_seen_at` may get before a request renews it.
pub const TOUCH_EVERY: i64 = 3600;

/// Ends every session of an account ("sign out everywhere", a new password)
/// and forgets the browsers it trusted.
pub async fn end_all_sessions(conn: &mut AnyConnection, account_id: i64) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .context("ending an account's sessions")?;
    sqlx::query("DELETE FROM trusted_devices WHERE account_id = $1")
        .bind(account_id)
        .execute(conn)
        .await
        .context("forgetting an account's browsers")?;
    Ok(done.rows_affected())
}

/// The email of the account that trusts this browser, if it is trusted.
pub async fn trusted_device_email(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT a.email FROM trusted_devices d JOIN accounts a ON a.id = d.account_id \
         WHERE d.token_hash = $1 AND d.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await
    .context("looking up a trusted browser")
}

pub async fn trust_device(
    conn: &mut AnyConnection,
    token_hash: &str,
    account_id: i64,
    now: i64,
    expires_at: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO trusted_devices (token_hash, account_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await
    .context("trusting a browser")?;
    Ok(())
}

pub async fn delete_session(conn: &mut AnyConnection, token_hash: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await
        .context("deleting a session")?;
    Ok(())
}

/// Drops sessions past their expiry, so the table does not grow forever.
pub async fn delete_expired_sessions(
    conn: &mut AnyConnection,
    now: i64,
    idle: i64,
) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(now - idle)
        .execute(&mut *conn)
        .await
        .context("deleting expired sessions")?;
    sqlx::query("DELETE FROM trusted_devices WHERE expires_at <= $1")
        .bind(now)
        .execute(conn)
        .await
        .context("deleting expired trusted browsers")?;
    Ok(done.rows_affected())
}

/// The account with this email, if any.
pub async fn find_by_email(
    conn: &mut AnyConnection,
    email: &Email,
) -> anyhow::Result<Option<Account>> {
    let row = sqlx::query_as::<_, AccountRow>(
        "SELECT id, email, display_name, role, email_verified FROM accounts WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(conn)
    .await
    .context("looking up an account by email")?;
    Ok(row.map(account))
}

/// The names the city's staff go by on Pulse: administrators', hosts', and
/// the host named on each topic's page. A resident may not take one.
pub async fn staff_names(conn: &mut AnyConnection) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT display_name FROM accounts \
         WHERE role = 'admin' OR id IN (SELECT account_id FROM topic_hosts) \
         UNION SELECT host_name FROM topics",
    )
    .fetch_all(conn)
    .await
    .context("reading the staff's names")
}

/// Marks an account's address confirmed, if it is still `email`.
pub async fn set_email_verified(
    conn: &mut AnyConnection,
    account_id: i64,
    email: &str,
) -> anyhow::Result<bool> {
    let done = sqlx::query("UPDATE accounts SET email_verified = 1 WHERE id = $1 AND email = $2")
        .bind(account_id)
        .bind(email)
        .execute(conn)
        .await
        .context("confirming an address")?;
    Ok(done.rows_affected() == 1)
}

/// Replaces an account's password hash.
pub async fn set_password(
    conn: &mut AnyConnection,
    account_id: i64,
    password_hash: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(account_id)
        .execute(conn)
        .await
        .context("setting a password")?;
    Ok(())
}
