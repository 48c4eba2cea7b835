//! Data for the read benchmark (`make bench`, `tests/bench.sh`), not a test:
//! the demo, 500 residents, and `PULSE_BENCH_COMMENTS` comments on the Body
//! Worn Cameras topic, spread over its sections (a quarter of them replies),
//! in the database at `PULSE_BENCH_DATABASE` (new and empty).
//!
//! Up to 10,000 comments go in one by one through the data layer, as
//! posting does; more go in bulk, by SQL, with their rendered HTML and the
//! kept counts written the same way (their edit history is left out).
#![allow(clippy::unwrap_used)] // a benchmark's set-up: a panic is the report

use pulse_api::Timestamp;
use pulse_api::validate::CommentBody;
use pulse_server::db::{self, Backend, Db};

async fn run(db: &Db, sql: &str) {
    let mut conn = db.read().await.unwrap();
    sqlx::Executor::execute(&mut *conn, sqlx::AssertSqlSafe(sql.to_string()))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the benchmark's data: run by tests/bench.sh"]
async fn read_bench_data() {
    let url = std::env::var("PULSE_BENCH_DATABASE").unwrap();
    let count: i64 = std::env::var("PULSE_BENCH_COMMENTS")
        .unwrap()
        .parse()
        .unwrap();
    let db = Db::connect(&url).await.unwrap();
    db::migrate::run(&db).await.unwrap();
    pulse_server::demo::load(&db, pulse_server::clock::now())
        .await
        .unwrap();
    run(
        &db,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) \
         INSERT INTO accounts (email, display_name, password_hash, created_at) \
         SELECT 'resident' || i || '@example.org', 'Resident ' || i, 'not a hash', 0 FROM n",
    )
    .await;

    // The demo's own comments, beside the ones added here.
    let demo_comments: i64 = {
        let mut conn = db.read().await.unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM comments")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    };

    let mut tx = db.write().await.unwrap();
    let topic = db::topics::find(&mut tx, "body-worn-cameras")
        .await
        .unwrap()
        .unwrap();
    let version = db::topics::current_version(&mut tx, topic.id)
        .await
        .unwrap()
        .unwrap();
    let mut anchors: Vec<String> = db::topics::outline(&mut tx, version.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.anchor)
        .collect();
    anchors.push(pulse_api::sections::GENERAL.into());
    let first_account: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM accounts WHERE email LIKE 'resident%'")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let k = i64::try_from(anchors.len()).unwrap();
    if count <= 10_000 {
        let mut roots: Vec<Option<i64>> = vec![None; anchors.len()];
        for i in 0..count {
            let place = usize::try_from(i % k).unwrap();
            let body =
                CommentBody::parse(&format!("Comment {i}: keep footage **longer**.")).unwrap();
            let parent = if i % 4 == 3 { roots[place] } else { None };
            let id = db::comments::insert(
                &mut tx,
                db::comments::NewComment {
                    topic_id: topic.id,
                    version_id: version.id,
                    section: &anchors[place],
                    parent_id: parent,
                    account_id: first_account + i % 500,
                    body: &body,
                    body_html: &pulse_api::markdown::to_safe_html(body.as_str()),
                    quote: None,
                    quote_lang: None,
                    lang: pulse_api::i18n::Lang::En,
                    created_at: Timestamp(1_700_000_000 + i),
                    now_status: pulse_api::wire::NowStatus::Current,
                    now_section: &anchors[place],
                },
            )
            .await
            .unwrap();
            if parent.is_none() {
                roots[place] = Some(id);
            }
        }
    } else {
        let place = anchors
            .iter()
            .enumerate()
            .map(|(n, a)| format!("WHEN {n} THEN '{a}' "))
            .collect::<String>();
        let roots = count - count / 4;
        let bulk = [
            format!(
                "INSERT INTO comments (topic_id, version_id, section_anchor, account_id, body, \
                 body_html, created_at) \
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {roots}) \
                 SELECT {topic}, {version}, CASE i % {k} {place}END, {first_account} + i % 500, \
                 'Comment ' || i || ': keep footage **longer**.', \
                 '<p>Comment ' || i || ': keep footage <strong>longer</strong>.</p>\n', \
                 1700000000 + i FROM n",
                topic = topic.id,
                version = version.id,
            ),
            format!(
                "INSERT INTO comments (topic_id, version_id, section_anchor, parent_id, account_id, \
                 body, body_html, created_at) \
                 SELECT topic_id, version_id, section_anchor, id, account_id, \
                 'A reply to ' || id || '.', '<p>A reply to ' || id || '.</p>\n', created_at + 1 \
                 FROM comments WHERE topic_id = {topic} AND parent_id IS NULL \
                 ORDER BY id LIMIT {replies}",
                topic = topic.id,
                replies = count / 4,
            ),
        ];
        for sql in bulk {
            sqlx::Executor::execute(&mut *tx, sqlx::AssertSqlSafe(sql))
                .await
                .unwrap();
        }
        for sql in [
            format!(
                "UPDATE comments SET now_section = section_anchor WHERE topic_id = {}",
                topic.id
            ),
            format!("DELETE FROM comment_counts WHERE topic_id = {}", topic.id),
            format!(
                "INSERT INTO comment_counts (topic_id, section_anchor, count) \
                 SELECT topic_id, section_anchor, COUNT(*) FROM comments \
                 WHERE topic_id = {} GROUP BY topic_id, section_anchor",
                topic.id
            ),
        ] {
            sqlx::Executor::execute(&mut *tx, sqlx::AssertSqlSafe(sql))
                .await
                .unwrap();
        }
    }
    db::commit(tx).await.unwrap();
    run(&db, "ANALYZE").await;
    let stored: i64 = {
        let mut conn = db.read().await.unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM comments")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    };
    assert_eq!(stored, count + demo_comments);
    let backend = match db.backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    // For tests/bench.sh: the section whose comments it reads.
    println!("{backend}: {stored} comments; BENCH_SECTION={}", anchors[0]);
}
