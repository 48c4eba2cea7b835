//! Whether this instance is ready to serve (`/readyz`): its database
//! answers within two seconds, its schema is not behind this Pulse (one
//! newer, migrated by an instance upgraded first, is served: migrations
//! stay compatible for one release), and its writer and mail worker run.

use crate::db;
use crate::state::AppState;
use pulse_api::wire::Readiness;
use std::time::Duration;

/// How long the database has to answer.
const DATABASE_WAIT: Duration = Duration::from_secs(2);

pub const OK: &str = "ok";

pub async fn readiness(state: &AppState) -> Readiness {
    let found = tokio::time::timeout(DATABASE_WAIT, async {
        let mut conn = state.db.read().await?;
        db::migrate::pending(&mut conn).await
    })
    .await;
    let (database, migrations) = match found {
        Err(_) => (
            format!(
                "the database did not answer within {} s",
                DATABASE_WAIT.as_secs()
            ),
            "unknown: the database did not answer".to_string(),
        ),
        Ok(Err(error)) => (
            format!("the database does not answer: {error:#}"),
            "unknown: the database did not answer".to_string(),
        ),
        Ok(Ok(pending)) if pending.is_empty() => (OK.to_string(), OK.to_string()),
        Ok(Ok(pending)) => (
            OK.to_string(),
            format!(
                "migrations pending: {} (run `pulse migrate`, or start this version once)",
                pending
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    };
    let writer = if state.writer.is_running() {
        OK.to_string()
    } else {
        "the writer has stopped: comments and ballots cannot be written".to_string()
    };
    let mail = match &state.mail_running {
        None => "off in this instance (--no-mail-worker)".to_string(),
        Some(running) if running.load(std::sync::atomic::Ordering::Relaxed) => OK.to_string(),
        Some(_) => "the mail worker has stopped".to_string(),
    };
    let ready = [&database, &migrations, &writer].iter().all(|s| *s == OK)
        && (state.mail_running.is_none() || mail == OK);
    Readiness {
        ready,
        database,
        migrations,
        writer,
        mail,
    }
}

/// Everything `/metrics` says: what was counted as it happened, with the
/// pool and the outbox read now. The outbox is measured within the same
/// two seconds as readiness; when the database does not answer, its
/// figures stay as last read.
pub async fn metrics(state: &AppState) -> String {
    let metrics = &state.db.metrics;
    let pool = &state.db.pool;
    let (size, idle) = (
        i64::from(pool.size()),
        i64::try_from(pool.num_idle()).unwrap_or(0),
    );
    crate::metrics::Metrics::set(&metrics.db_connections, "idle", idle);
    crate::metrics::Metrics::set(&metrics.db_connections, "busy", (size - idle).max(0));
    metrics
        .db_connections_max
        .set(i64::from(pool.options().get_max_connections()));
    let now = crate::clock::now();
    let measured = tokio::time::timeout(DATABASE_WAIT, async {
        let mut conn = state.db.read().await?;
        db::outbox::depth(&mut conn, now).await
    })
    .await;
    match measured {
        Ok(Ok(depth)) => {
            crate::metrics::Metrics::set(&metrics.outbox_messages, "due", depth.due);
            crate::metrics::Metrics::set(&metrics.outbox_messages, "waiting", depth.waiting);
            metrics
                .outbox_oldest_due_seconds
                .set(depth.oldest_due.map_or(0, |at| (now.0 - at).max(0)));
        }
        Ok(Err(error)) => tracing::warn!("{error:#}"),
        Err(_) => tracing::warn!("the outbox could not be measured: the database did not answer"),
    }
    metrics.encode()
}
