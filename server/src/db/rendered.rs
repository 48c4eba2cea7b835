//! Markdown rendered once, when it is written: each text's safe HTML is
//! stored beside its source (see `pulse_api::markdown::to_safe_html`), so no
//! read renders. This fills in what was stored before that.

use anyhow::Context;
use pulse_api::markdown::to_safe_html;
use sqlx::AnyConnection;

/// (what, rows lacking their HTML, how to store it)
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "topic summaries",
        "SELECT id, summary FROM topics WHERE summary_html IS NULL",
        "UPDATE topics SET summary_html = $1 WHERE id = $2",
    ),
    (
        "updates",
        "SELECT id, body FROM updates WHERE body_html IS NULL",
        "UPDATE updates SET body_html = $1 WHERE id = $2",
    ),
    (
        "draft sections",
        "SELECT id, markdown FROM sections WHERE html IS NULL",
        "UPDATE sections SET html = $1 WHERE id = $2",
    ),
    (
        "comments",
        "SELECT id, body FROM comments WHERE body_html IS NULL",
        "UPDATE comments SET body_html = $1 WHERE id = $2",
    ),
    (
        "official responses",
        "SELECT id, body FROM official_responses WHERE body_html IS NULL",
        "UPDATE official_responses SET body_html = $1 WHERE id = $2",
    ),
];

/// Renders every stored text that has no HTML yet.
pub async fn render_missing(conn: &mut AnyConnection) -> anyhow::Result<()> {
    for (what, select, update) in TEXTS {
        let rows: Vec<(i64, String)> = sqlx::query_as(*select)
            .fetch_all(&mut *conn)
            .await
            .with_context(|| format!("reading {what} to render"))?;
        for (id, markdown) in rows {
            sqlx::query(*update)
                .bind(to_safe_html(&markdown))
                .bind(id)
                .execute(&mut *conn)
                .await
                .with_context(|| format!("storing rendered {what}"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{self, Db};

    /// Rows stored before rendering on write get their HTML once, equal to
    /// what writing them now would store; nothing else changes.
    #[tokio::test]
    async fn texts_stored_without_html_are_rendered_once() {
        let path = std::env::temp_dir().join(format!("pulse-render-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let db = Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        db::migrate::run(&db).await.unwrap();
        crate::demo::load(&db, crate::clock::now()).await.unwrap();
        let mut tx = db.write().await.unwrap();
        const SECTIONS: &str = "SELECT markdown, html FROM sections ORDER BY id";
        let written: Vec<(String, Option<String>)> =
            sqlx::query_as(SECTIONS).fetch_all(&mut *tx).await.unwrap();
        assert!(
            written
                .iter()
                .all(|(md, h)| h.as_deref() == Some(&*to_safe_html(md)))
        );
        for table in [
            "UPDATE sections SET html = NULL",
            "UPDATE topics SET summary_html = NULL",
            "UPDATE updates SET body_html = NULL",
        ] {
            sqlx::query(table).execute(&mut *tx).await.unwrap();
        }
        render_missing(&mut tx).await.unwrap();
        let again: Vec<(String, Option<String>)> =
            sqlx::query_as(SECTIONS).fetch_all(&mut *tx).await.unwrap();
        assert_eq!(again, written);
        let summaries: Vec<(String, Option<String>)> =
            sqlx::query_as("SELECT summary, summary_html FROM topics")
                .fetch_all(&mut *tx)
                .await
                .unwrap();
        assert!(!summaries.is_empty());
        assert!(
            summaries
                .iter()
                .all(|(md, h)| h.as_deref() == Some(&*to_safe_html(md)))
        );
        let updates: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM updates WHERE body_html IS NULL")
                .fetch_one(&mut *tx)
                .await
                .unwrap();
        assert_eq!(updates, 0);
    }
}
