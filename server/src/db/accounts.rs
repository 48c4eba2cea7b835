//! Accounts and sessions.

use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::i18n::Lang;
use pulse_api::validate::{DisplayName, Email};
use pulse_api::wire::{Account, Activity, MyBallot, MyComment, Receipt, Role};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};

/// What a new account stores; the password is already hashed.
pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub display_name: &'a DisplayName,
    pub password_hash: &'a str,
    pub role: Role,
    pub lang: Lang,
    pub created_at: i64,
}

pub enum Created {
    Account(Account),
    EmailTaken,
}

/// An account as read from its columns `id`, `email`, `display_name`,
/// `role`, `email_verified` and `lang`, by name.
struct AccountRow(Account);

impl FromRow<'_, AnyRow> for AccountRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(AccountRow(Account {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            email_verified: row.try_get::<i64, _>("email_verified")? != 0,
            role: if row.try_get::<String, _>("role")? == "admin" {
                Role::Admin
            } else {
                Role::Resident
            },
            hosts: Vec::new(),
            lang: lang_of(&row.try_get::<String, _>("lang")?),
        }))
    }
}

pub async fn create(conn: &mut AnyConnection, new: NewAccount<'_>) -> anyhow::Result<Created> {
    let row = sqlx::query_as::<_, AccountRow>(
        "INSERT INTO accounts (email, display_name, password_hash, role, created_at, lang) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING \
         RETURNING id, email, display_name, role, email_verified, lang",
    )
    .bind(new.email.as_str())
    .bind(new.display_name.as_str())
    .bind(new.password_hash)
    .bind(match new.role {
        Role::Admin => "admin",
        Role::Resident => "resident",
    })
    .bind(new.created_at)
    .bind(new.lang.code())
    .fetch_optional(conn)
    .await
    .context("inserting an account")?;
    Ok(row.map_or(Created::EmailTaken, |r| Created::Account(r.0)))
}

/// The account and its password hash, for signing in.
pub async fn find_for_sign_in(
    conn: &mut AnyConnection,
    email: &Email,
) -> anyhow::Result<Option<(Account, String)>> {
    let row = sqlx::query(
        "SELECT id, email, display_name, role, email_verified, lang, password_hash \
         FROM accounts WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(conn)
    .await
    .context("looking up an account by email")?;
    row.map(|row| Ok((AccountRow::from_row(&row)?.0, row.try_get("password_hash")?)))
        .transpose()
        .map_err(|e: sqlx::Error| anyhow::Error::from(e).context("reading an account"))
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

/// The account a live session belongs to ([`SessionRow::is_live`]). A
/// session in use is marked seen, at most once in `TOUCH_EVERY` seconds (a
/// write on a read path, kept rare).
pub async fn find_by_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
    idle: i64,
) -> anyhow::Result<Option<Account>> {
    let Some(session) = read_sessions(conn, &[token_hash]).await?.pop() else {
        return Ok(None);
    };
    if !session.is_live(now, idle) {
        return Ok(None);
    }
    if session.is_stale(now) {
        touch_session(conn, token_hash, now).await?;
    }
    Ok(Some(session.account))
}

/// A session as stored, with its account: live or not, as
/// [`SessionRow::is_live`] says.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub token_hash: String,
    pub account: Account,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

impl SessionRow {
    /// Whether the session is live at `now`: not past its end, nor unused
    /// for `idle` seconds.
    pub fn is_live(&self, now: i64, idle: i64) -> bool {
        self.expires_at > now && self.last_seen_at > now - idle
    }

    /// Whether a request at `now` is to renew the session's `last_seen_at`
    /// ([`touch_session`]): once in [`TOUCH_EVERY`], not at every request.
    pub fn is_stale(&self, now: i64) -> bool {
        now - self.last_seen_at >= TOUCH_EVERY
    }
}

/// Sessions read by one statement at most.
const SESSIONS_AT_ONCE: usize = 256;

/// The sessions `token_hashes` name, those there are, live or not, with
/// their accounts: by one statement for many (a writer's batch reads
/// those its writes came with at once).
pub async fn read_sessions(
    conn: &mut AnyConnection,
    token_hashes: &[&str],
) -> anyhow::Result<Vec<SessionRow>> {
    let mut found = Vec::with_capacity(token_hashes.len());
    for chunk in token_hashes.chunks(SESSIONS_AT_ONCE) {
        let sql = format!(
            "SELECT s.token_hash, s.last_seen_at, s.expires_at, \
             a.id, a.email, a.display_name, a.role, a.email_verified, a.lang \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash IN ({})",
            super::placeholders(chunk.len(), 1)
        );
        // Only placeholders are made up here; every value is bound.
        let mut read = sqlx::query(sqlx::AssertSqlSafe(sql));
        for token_hash in chunk {
            read = read.bind(*token_hash);
        }
        for row in read
            .fetch_all(&mut *conn)
            .await
            .context("looking up sessions")?
        {
            found.push(SessionRow {
                token_hash: row.try_get("token_hash")?,
                account: AccountRow::from_row(&row)
                    .context("reading a session's account")?
                    .0,
                last_seen_at: row.try_get("last_seen_at")?,
                expires_at: row.try_get("expires_at")?,
            });
        }
    }
    Ok(found)
}

/// Marks the session `token_hash` used at `now`.
pub async fn touch_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await
        .context("marking a session seen")?;
    Ok(())
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
        "SELECT id, email, display_name, role, email_verified, lang FROM accounts WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(conn)
    .await
    .context("looking up an account by email")?;
    Ok(row.map(|r| r.0))
}

/// The account with this email, if any, held until the transaction ends
/// (on PostgreSQL; SQLite has one writer at a time).
pub async fn hold_by_email(
    conn: &mut AnyConnection,
    email: &Email,
) -> anyhow::Result<Option<Account>> {
    let held = if conn.backend_name() == "PostgreSQL" {
        "SELECT id, email, display_name, role, email_verified, lang FROM accounts \
         WHERE email = $1 FOR UPDATE"
    } else {
        "SELECT id, email, display_name, role, email_verified, lang FROM accounts WHERE email = $1"
    };
    let row = sqlx::query_as::<_, AccountRow>(held)
        .bind(email.as_str())
        .fetch_optional(conn)
        .await
        .context("holding an account by email")?;
    Ok(row.map(|r| r.0))
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

/// A language as the database keeps it (`en`, `es`); English for anything
/// else, which the column's check does not let in.
pub fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

/// Changes the language Pulse writes to an account in.
pub async fn set_lang(conn: &mut AnyConnection, account_id: i64, lang: Lang) -> anyhow::Result<()> {
    sqlx::query("UPDATE accounts SET lang = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(account_id)
        .execute(conn)
        .await
        .context("changing an account's language")?;
    Ok(())
}

/// Changes the name shown with an account's comments.
pub async fn set_display_name(
    conn: &mut AnyConnection,
    account_id: i64,
    name: &DisplayName,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE accounts SET display_name = $1 WHERE id = $2")
        .bind(name.as_str())
        .bind(account_id)
        .execute(conn)
        .await
        .context("changing a display name")?;
    Ok(())
}

/// Gives an account a new address, not yet confirmed, and sends its
/// notices there: false when another account has the address.
pub async fn set_email(
    conn: &mut AnyConnection,
    account_id: i64,
    email: &Email,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE accounts SET email = $1, email_verified = 0 \
         WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM accounts WHERE email = $1 AND id <> $2)",
    )
    .bind(email.as_str())
    .bind(account_id)
    .execute(&mut *conn)
    .await
    .context("changing an address")?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE subscriptions SET email = $1 WHERE account_id = $2")
        .bind(email.as_str())
        .bind(account_id)
        .execute(conn)
        .await
        .context("moving an account's subscriptions to its new address")?;
    Ok(true)
}

/// The account's password hash, to check a change it asks for.
pub async fn password_hash(conn: &mut AnyConnection, account_id: i64) -> anyhow::Result<String> {
    sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(conn)
        .await
        .context("reading a password hash")
}

/// Ends every session of an account but `keep` (the one asking).
pub async fn end_other_sessions(
    conn: &mut AnyConnection,
    account_id: i64,
    keep: &str,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(account_id)
        .bind(keep)
        .execute(conn)
        .await
        .context("ending an account's other sessions")?;
    Ok(())
}

/// Deletes an account: its address, name and password are erased, its
/// sessions, trusted browsers, subscriptions and pending mail end, and it
/// hosts nothing. Its comments are withdrawn, or kept with no name (shown
/// as "Former participant"). Its ballots stay counted, tied to no one.
pub async fn delete(
    conn: &mut AnyConnection,
    account_id: i64,
    withdraw_comments: bool,
    at: i64,
) -> anyhow::Result<()> {
    if withdraw_comments {
        // Withdrawn and erased: the text, its quote and its earlier
        // versions go; a placeholder stands in the thread.
        sqlx::query(
            "DELETE FROM comment_versions WHERE comment_id IN \
             (SELECT id FROM comments WHERE account_id = $1)",
        )
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .context("erasing a deleted account's earlier comment versions")?;
        sqlx::query(
            "UPDATE comments SET withdrawn_at = COALESCE(withdrawn_at, $1), body = '', \
             body_html = '', quote_exact = NULL, quote_prefix = NULL, quote_suffix = NULL \
             WHERE account_id = $2",
        )
        .bind(at)
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .context("withdrawing a deleted account's comments")?;
    }
    sqlx::query(
        "DELETE FROM outbox WHERE sent_at IS NULL \
         AND recipient = (SELECT email FROM accounts WHERE id = $1)",
    )
    .bind(account_id)
    .execute(&mut *conn)
    .await
    .context("dropping a deleted account's unsent mail")?;
    for (sql, what) in [
        ("DELETE FROM sessions WHERE account_id = $1", "sessions"),
        (
            "DELETE FROM trusted_devices WHERE account_id = $1",
            "trusted browsers",
        ),
        (
            "DELETE FROM subscriptions WHERE account_id = $1",
            "subscriptions",
        ),
        (
            "DELETE FROM email_tokens WHERE account_id = $1",
            "mailed links",
        ),
        ("DELETE FROM topic_hosts WHERE account_id = $1", "hosting"),
    ] {
        sqlx::query(sql)
            .bind(account_id)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("ending a deleted account's {what}"))?;
    }
    sqlx::query(
        "UPDATE accounts SET email = $1, display_name = '', password_hash = '', \
         email_verified = 0, role = 'resident', deleted_at = $2 WHERE id = $3",
    )
    .bind(format!("deleted-account-{account_id}"))
    .bind(at)
    .bind(account_id)
    .execute(conn)
    .await
    .context("erasing a deleted account")?;
    Ok(())
}

/// What the account has said and voted, newest first.
pub async fn activity(conn: &mut AnyConnection, account_id: i64) -> anyhow::Result<Activity> {
    let comments = sqlx::query(
        "SELECT c.id, t.slug, t.title, c.section_anchor, c.body, c.created_at, c.parent_id, \
         c.withdrawn_at, c.hidden_at, re.position AS receipt_position, re.hash AS receipt_hash \
         FROM comments c JOIN topics t ON t.id = c.topic_id \
         LEFT JOIN record_entries re ON re.topic_id = c.topic_id AND re.position = \
           (SELECT MAX(r2.position) FROM record_entries r2 WHERE r2.comment_id = c.id \
             AND r2.kind IN ('comment', 'edit', 'withdraw')) \
         WHERE c.account_id = $1 ORDER BY c.id DESC",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading an account's comments")?
    .iter()
    .map(|row| {
        let withdrawn = row.try_get::<Option<i64>, _>("withdrawn_at")?.is_some();
        Ok(MyComment {
            id: row.try_get("id")?,
            topic_slug: row.try_get("slug")?,
            topic_title: row.try_get("title")?,
            section: row.try_get("section_anchor")?,
            body: if withdrawn {
                String::new()
            } else {
                row.try_get("body")?
            },
            created_at: Timestamp(row.try_get("created_at")?),
            reply: row.try_get::<Option<i64>, _>("parent_id")?.is_some(),
            withdrawn,
            hidden: row.try_get::<Option<i64>, _>("hidden_at")?.is_some(),
            receipt: match (
                row.try_get::<Option<i64>, _>("receipt_position")?,
                row.try_get::<Option<String>, _>("receipt_hash")?,
            ) {
                (Some(position), Some(hash)) => Some(Receipt { position, hash }),
                _ => None,
            },
        })
    })
    .collect::<Result<_, sqlx::Error>>()
    .context("reading an account's comments")?;
    let rows = sqlx::query(
        "SELECT p.id, t.slug, t.title, p.question, b.cast_at, o.label \
         FROM ballots b JOIN polls p ON p.id = b.poll_id JOIN topics t ON t.id = p.topic_id \
         JOIN ballot_choices bc ON bc.ballot_id = b.id JOIN poll_options o ON o.id = bc.option_id \
         WHERE b.account_id = $1 ORDER BY b.cast_at DESC, p.id, o.position",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await
    .context("reading an account's ballots")?;
    let mut ballots: Vec<MyBallot> = Vec::new();
    for row in rows {
        let poll_id: i64 = row.try_get("id")?;
        let label: String = row.try_get("label")?;
        match ballots.last_mut() {
            Some(last) if last.poll_id == poll_id => last.choices.push(label),
            _ => ballots.push(MyBallot {
                poll_id,
                topic_slug: row.try_get("slug")?,
                topic_title: row.try_get("title")?,
                question: row.try_get("question")?,
                choices: vec![label],
                cast_at: Timestamp(row.try_get("cast_at")?),
            }),
        }
    }
    Ok(Activity { comments, ballots })
}

/// An account as the operator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub email_verified: bool,
    pub created_at: i64,
    /// The slugs of the topics it hosts, comma-separated.
    pub hosts: String,
}

/// Every account not deleted, by email.
pub async fn list_all(conn: &mut AnyConnection) -> anyhow::Result<Vec<Listed>> {
    let rows = sqlx::query(
        "SELECT id, email, display_name, role, email_verified, created_at FROM accounts \
         WHERE deleted_at IS NULL ORDER BY email",
    )
    .fetch_all(&mut *conn)
    .await
    .context("listing the accounts")?;
    let hosting = sqlx::query(
        "SELECT th.account_id, t.slug FROM topic_hosts th JOIN topics t ON t.id = th.topic_id \
         ORDER BY t.slug",
    )
    .fetch_all(conn)
    .await
    .context("listing the hosts")?;
    let mut hosts: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for row in &hosting {
        hosts
            .entry(row.try_get("account_id")?)
            .or_default()
            .push(row.try_get("slug")?);
    }
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            Ok(Listed {
                email: row.try_get("email")?,
                display_name: row.try_get("display_name")?,
                role: row.try_get("role")?,
                email_verified: row.try_get::<i64, _>("email_verified")? != 0,
                created_at: row.try_get("created_at")?,
                hosts: hosts.get(&id).map(|h| h.join(",")).unwrap_or_default(),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("listing the accounts")
}
