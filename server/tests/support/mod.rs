//! What the mail fault test and the mail benchmark share: a database with
//! the demo and confirmed readers, and posting an update the way its
//! handler does.

use pulse_server::db::{self, Db};

pub const TOPIC: &str = "body-worn-cameras";

/// `url` migrated, with the demo and `readers` confirmed subscribers of
/// [`TOPIC`].
pub async fn demo_with_readers(url: &str, readers: usize) -> Db {
    let db = Db::connect(url).await.expect("the database");
    db::migrate::run(&db).await.expect("migrated");
    pulse_server::demo::load(&db, pulse_server::clock::now())
        .await
        .expect("the demo");
    let mut conn = db.read().await.expect("a connection");
    sqlx::Executor::execute(
        &mut *conn,
        sqlx::AssertSqlSafe(pulse_tests::fixtures::confirmed_readers(TOPIC, readers)),
    )
    .await
    .expect("the readers");
    drop(conn);
    db
}

/// Posts an update on [`TOPIC`] as its handler does: the update and one
/// notice per subscriber, in one transaction. Returns the notices written.
pub async fn post_update(db: &Db, title: &str) -> u64 {
    let now = pulse_server::clock::now();
    let mut tx = db.write().await.expect("a transaction");
    let topic = db::topics::find(&mut tx, TOPIC)
        .await
        .expect("reading the topic")
        .expect("the demo's topic");
    let id = db::topics::insert_update(&mut tx, topic.id, None, title, "News.", now)
        .await
        .expect("the update");
    let written = db::mail::enqueue_for_subscribers(
        &mut tx,
        topic.id,
        db::mail::Kind::Update,
        Some(id),
        now,
        now,
    )
    .await
    .expect("the notices");
    db::commit(tx).await.expect("committed");
    written
}
