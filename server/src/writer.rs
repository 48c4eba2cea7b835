//! Group commit: comments posted at the same moment share one transaction,
//! and so one `fsync`. Each still stands alone: a write that fails after
//! it wrote rolls the batch back, hears its own error, and the others run
//! again without it (so such a failure costs its batch a second run, but
//! no write pays for a savepoint, two round trips each on PostgreSQL). A
//! write refused before it wrote anything (a closed topic, a quota used
//! up: `Batch::left_nothing`) hears its error and the batch goes on.
//! Nobody hears "posted" before the commit.
//!
//! On this machine kind one commit with `synchronous=FULL` costs about as
//! much as the rest of posting a comment; with 64 residents posting at once
//! it was the whole limit (see the README's benchmark).
//!
//! A write names what it holds (a comment, its topic): a batch runs its
//! writes in the order of those names, and takes the rows every write of
//! a topic would hold alone (its record's head, its sections' counts) at
//! its end, in their topics' order (`db/batch.rs`), so that two instances'
//! batches take them in one order and never wait on each other round a
//! circle (PostgreSQL).
//!
//! On PostgreSQL writes run in several lanes, each a batch at a time on
//! its own connection; what a write holds decides its lane, so that the
//! writes to one topic stay in one lane (in order, as the record's chain
//! wants them) while other topics' go on beside them. SQLite has one
//! writer at a time whatever is asked, so one lane.

use crate::db::Db;
use crate::db::batch::{Batch, QuotaOvertaken};
use crate::db::ratelimit::Quota;
use crate::error::{ApiError, Result};
use crate::ratelimit::QuotaRule;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::{Notify, mpsc, oneshot};

/// Runs of a batch whose end failed before its writes hear that it did.
const ENDS_TRIED: usize = 2;

/// Runs of a batch whose end found a quota taken past its limit by
/// another batch (`QuotaOvertaken`), before its writes hear it failed.
/// Each run reads the counts anew, so a second is nearly always the last.
const OVERTAKEN_TRIED: usize = 8;

/// Writes waiting that one transaction may take at once.
const MOST_PER_BATCH: usize = 128;

type Boxed<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// After a job ran: whether it succeeded, and how to answer it once the
/// batch's commit is known (called for its last run only).
type Ran = (bool, Box<dyn FnOnce(End) + Send>);

/// How the batch holding a write ended, for the write's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Committed: the write's own answer (what it made, or why not).
    Committed,
    /// Not committed: a write that failed by itself still gives its own
    /// answer; one that succeeded hears that its batch did not commit —
    /// a `503` when the database could not take it at this moment
    /// (`db::unavailable`), a `500` otherwise.
    NotCommitted { unavailable: bool },
}

impl End {
    /// The answer for a write whose batch ended so, though the write did
    /// its part.
    fn error(self, what: &str) -> ApiError {
        let error = anyhow::anyhow!("{what}");
        match self {
            End::NotCommitted { unavailable: true } => ApiError::Unavailable(error),
            _ => ApiError::Internal(error),
        }
    }
}

/// A write, which may run more than once: again when another write in its
/// batch failed.
type Work = Box<dyn for<'c> Fn(&'c mut Batch) -> Boxed<'c, Ran> + Send + Sync>;

/// A write, the name of what it holds, by which a batch is ordered, and
/// who writes it and what it counts against, which its batch reads at its
/// start.
struct Job {
    holds: String,
    counts: Option<Counts>,
    work: Work,
    /// Answers the write without running it (its batch could not start).
    refuse: Box<dyn FnOnce(ApiError) + Send>,
}

/// What a write counts against: the quota by `rule` of the account that
/// writes it (`Batch::take_quota`). Its batch reads the counts of all its
/// writes' quotas at its start, and first, for those made in a session, the
/// sessions (`Batch::session`), all by one statement: such a write costs
/// its request no round trip of its own before its batch.
pub struct Counts {
    pub rule: QuotaRule,
    pub by: Author,
}

/// Who writes: an account known before (a page read its session), or the
/// one the session a request came with names (its token's hash).
pub enum Author {
    Account(i64),
    Session(String),
}

impl Job {
    fn session(&self) -> Option<&str> {
        match &self.counts {
            Some(Counts {
                by: Author::Session(token_hash),
                ..
            }) => Some(token_hash),
            _ => None,
        }
    }

    /// The quota the write counts against, once its batch read the
    /// sessions: none for a session there is none of (refused).
    fn quota(&self, batch: &Batch) -> Option<Quota> {
        let Counts { rule, by } = self.counts.as_ref()?;
        let account_id = match by {
            Author::Account(id) => *id,
            Author::Session(token_hash) => batch.session_read(token_hash)?.account.id,
        };
        Some(rule.of(&account_id.to_string()))
    }
}

/// Lanes on PostgreSQL: enough for writes to several topics to overlap
/// their round trips, few enough that a batch holds many writes (each
/// batch pays its begin, its topics' reads and heads, and its commit).
/// Measured with `post_bench` on 2 cores (2026-12-04), eight topics: one
/// lane 1,360 posts a second on one instance, two 1,797, four 1,754; on
/// three instances 1,170, 1,362 and 1,148–1,258.
const LANES_ON_POSTGRES: usize = 2;

#[derive(Clone)]
pub struct Writer {
    lanes: Arc<[mpsc::Sender<Job>]>,
}

impl Writer {
    /// Whether the tasks that run the batches are still there (`/readyz`).
    pub fn is_running(&self) -> bool {
        self.lanes.iter().all(|lane| !lane.is_closed())
    }

    /// Starts the tasks that run the batches on `db`, one a lane; `mail`
    /// is woken after a batch that left notices in the outbox.
    pub fn start(db: Db, mail: Arc<Notify>) -> Writer {
        let count = match db.backend {
            crate::db::Backend::Sqlite => 1,
            crate::db::Backend::Postgres => LANES_ON_POSTGRES,
        };
        let lanes = (0..count)
            .map(|lane| {
                let (jobs, waiting) = mpsc::channel(4096);
                let (db, mail) = (db.clone(), Arc::clone(&mail));
                // Each lane on a thread of its own: on the server's runtime
                // the lane's every statement waited its turn behind the
                // requests' tasks to be woken (the database's answers wake
                // it from outside the runtime), and the lane is the one
                // thing there that cannot run beside itself.
                let started = std::thread::Builder::new()
                    .name(format!("pulse-writer-{lane}"))
                    .spawn(move || {
                        match tokio::runtime::Builder::new_current_thread()
                            .enable_all()
                            .build()
                        {
                            Ok(runtime) => runtime.block_on(run_batches(db, mail, waiting)),
                            Err(error) => tracing::error!("the writer cannot start: {error}"),
                        }
                    });
                if let Err(error) = started {
                    tracing::error!("the writer cannot start: {error}");
                }
                jobs
            })
            .collect();
        Writer { lanes }
    }

    /// The lane of writes that hold `holds`: always the same one.
    fn lane(&self, holds: &str) -> &mpsc::Sender<Job> {
        // FNV-1a: a topic has the same lane in every instance and run.
        let hash = holds.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let at = usize::try_from(hash % self.lanes.len() as u64).unwrap_or(0);
        &self.lanes[at]
    }

    /// Runs `work` in the next batch (its transaction, and what its writes
    /// leave to its end: see `db/batch.rs`); its answer comes once that
    /// transaction committed. `work` may run more than once (again,
    /// rolled back, when another write in its batch failed): it must do
    /// nothing outside the transaction. `holds` names what it holds (a
    /// topic's slug, or nothing): a batch holds those topics at its start
    /// (`Batch::hold_topics`) and runs its writes in their order.
    pub async fn run<T, F>(&self, holds: String, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut Batch) -> Boxed<'c, Result<T>> + Send + Sync + 'static,
    {
        self.run_counted(holds, None, work).await
    }

    /// [`Writer::run`] for a write that counts against a quota: see
    /// [`Counts`].
    pub async fn run_counted<T, F>(
        &self,
        holds: String,
        counts: Option<Counts>,
        work: F,
    ) -> Result<T>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut Batch) -> Boxed<'c, Result<T>> + Send + Sync + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let answer = Arc::new(Mutex::new(Some(answer)));
        let refuse = {
            let answer = answer.clone();
            Box::new(move |error: ApiError| answer_once(&answer, Err(error)))
        };
        let work = Arc::new(work);
        let job: Work = Box::new(move |conn| {
            let answer = answer.clone();
            let work = work.clone();
            Box::pin(async move {
                let result = work(conn).await;
                let ok = result.is_ok();
                let reply: Box<dyn FnOnce(End) + Send> = Box::new(move |end| {
                    answer_once(
                        &answer,
                        if end == End::Committed || !ok {
                            result
                        } else {
                            Err(end.error("the transaction holding this write did not commit"))
                        },
                    );
                });
                (ok, reply)
            })
        });
        self.lane(&holds)
            .clone()
            .send(Job {
                holds,
                counts,
                work: job,
                refuse,
            })
            .await
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("the writer has stopped")))?;
        answered.await.map_err(|_| {
            ApiError::Internal(anyhow::anyhow!("the write was dropped before it ran"))
        })?
    }
}

async fn run_batches(db: Db, mail: Arc<Notify>, mut waiting: mpsc::Receiver<Job>) {
    while let Some(first) = waiting.recv().await {
        let mut batch = vec![first];
        while batch.len() < MOST_PER_BATCH {
            match waiting.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        batch.sort_by(|a, b| a.holds.cmp(&b.holds));
        run_batch(&db, &mail, batch).await;
    }
}

/// Runs `batch` in one transaction. A write that fails is answered with
/// its error and the transaction rolled back; the rest run again without
/// it, until a run has no failure and is committed.
async fn run_batch(db: &Db, mail: &Notify, mut batch: Vec<Job>) {
    let (mut ends_failed, mut overtaken) = (0, 0);
    while !batch.is_empty() {
        // A batch that cannot start answers its writes with why: a 503
        // when the database could not take them at this moment.
        let tx = match db.write().await {
            Ok(tx) => tx,
            Err(error) => {
                tracing::warn!(
                    error = format!("{error:#}"),
                    "a batch of writes could not start"
                );
                refuse_all(batch, &error);
                return;
            }
        };
        let mut tx = Batch::new(tx);
        // What the writes hold, topics by their slugs, held at once.
        let mut slugs: Vec<&str> = batch
            .iter()
            .map(|job| job.holds.as_str())
            .filter(|holds| !holds.is_empty())
            .collect();
        slugs.dedup();
        let sessions: Vec<&str> = batch.iter().filter_map(Job::session).collect();
        let started = async {
            tx.hold_topics(&slugs).await?;
            tx.read_sessions(&sessions).await?;
            let quotas: Vec<Quota> = batch.iter().filter_map(|job| job.quota(&tx)).collect();
            tx.read_quotas(&quotas.iter().collect::<Vec<_>>()).await
        };
        if let Err(error) = started.await {
            tracing::warn!(
                error = format!("{error:#}"),
                "a batch of writes could not hold its topics or read its sessions and quotas"
            );
            drop(tx);
            refuse_all(batch, &error);
            return;
        }
        let mut replies = Vec::with_capacity(batch.len());
        let mut failed = None;
        let mut at = 0;
        while at < batch.len() {
            tx.begin_write();
            let (ok, reply) = (batch[at].work)(&mut tx).await;
            if ok {
                replies.push(reply);
                at += 1;
            } else if tx.left_nothing() {
                // Refused before it wrote (a closed topic, a quota used
                // up): answered with its error; the rest go on.
                reply(End::NotCommitted { unavailable: false });
                drop(batch.remove(at));
            } else {
                failed = Some((at, reply));
                break;
            }
        }
        if let Some((at, reply)) = failed {
            // Dropped: rolled back. Its error is its own answer.
            drop(tx);
            reply(End::NotCommitted { unavailable: false });
            drop(batch.remove(at));
            continue;
        }
        if replies.is_empty() {
            // Every write was refused: nothing to commit.
            return;
        }
        db.metrics.writer_batch_size.observe(replies.len() as f64);
        let committing = std::time::Instant::now();
        let end = match tx.commit().await {
            Ok(committed) => {
                if committed.notices {
                    mail.notify_one();
                }
                End::Committed
            }
            // Another batch took a resident's last comments first: run
            // again, reading its count anew, to refuse the writes past it.
            Err(error) if error.is::<QuotaOvertaken>() && overtaken < OVERTAKEN_TRIED => {
                overtaken += 1;
                tracing::debug!("a quota was taken past its limit; running the batch again");
                continue;
            }
            // What the end does for all (the heads, the counts, the
            // commit) may meet another transaction's locks round a circle
            // (PostgreSQL ends one of them) or a lost connection: the whole
            // batch runs again, a few times, before its writes hear so.
            Err(error) if ends_failed < ENDS_TRIED => {
                ends_failed += 1;
                tracing::warn!(
                    error = format!("{error:#}"),
                    "a batch of writes did not commit; running it again"
                );
                continue;
            }
            Err(error) => {
                tracing::warn!(
                    error = format!("{error:#}"),
                    "a batch of writes did not commit"
                );
                End::NotCommitted {
                    unavailable: error.is::<QuotaOvertaken>() || crate::db::unavailable(&error),
                }
            }
        };
        db.metrics
            .writer_commit_seconds
            .observe(committing.elapsed().as_secs_f64());
        for reply in replies {
            reply(end);
        }
        return;
    }
}

/// Sends a write's answer, if it was not sent already (a write answered
/// when its batch could not start is not answered again).
fn answer_once<T>(answer: &Mutex<Option<oneshot::Sender<Result<T>>>>, result: Result<T>) {
    let answer = answer.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some(answer) = answer {
        let _ = answer.send(result);
    }
}

/// Answers every write of a batch that could not start with why.
fn refuse_all(batch: Vec<Job>, error: &anyhow::Error) {
    let end = End::NotCommitted {
        unavailable: crate::db::unavailable(error),
    };
    for job in batch {
        (job.refuse)(end.error(&format!("its batch could not start: {error:#}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh SQLite file with a table `t (x)`, and a writer on it.
    async fn writer_on_a_table(name: &str) -> (Db, Writer) {
        let path =
            std::env::temp_dir().join(format!("pulse-writer-{name}-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let db = Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        {
            let mut conn = db.read().await.unwrap();
            sqlx::query("CREATE TABLE t (x INTEGER NOT NULL)")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        let writer = Writer::start(db.clone(), Arc::new(Notify::new()));
        (db, writer)
    }

    /// Three writes in one batch: the one that fails after writing leaves
    /// nothing behind and hears its error; the others are committed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failed_write_rolls_back_alone() {
        let (db, writer) = writer_on_a_table("rollback").await;
        let write = |x: i64, fail: bool| {
            let writer = writer.clone();
            async move {
                writer
                    .run(String::new(), move |conn| {
                        Box::pin(async move {
                            sqlx::query("INSERT INTO t (x) VALUES ($1)")
                                .bind(x)
                                .execute(conn.conn())
                                .await
                                .map_err(anyhow::Error::from)?;
                            if fail {
                                return Err(ApiError::conflict(
                                    pulse_api::i18n::Msg::AlreadyRecorded,
                                ));
                            }
                            Ok(x)
                        })
                    })
                    .await
            }
        };
        // Alone in its batch (no savepoint): a failure leaves nothing.
        assert!(matches!(write(4, true).await, Err(ApiError::Client(..))));
        assert_eq!(write(5, false).await.unwrap(), 5);
        let (a, b, c) = tokio::join!(write(1, false), write(2, true), write(3, false));
        assert_eq!(a.unwrap(), 1);
        assert!(matches!(b, Err(ApiError::Client(..))));
        assert_eq!(c.unwrap(), 3);
        let mut conn = db.read().await.unwrap();
        let stored: Vec<i64> = sqlx::query_scalar("SELECT x FROM t ORDER BY x")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(stored, vec![1, 3, 5]);
    }

    /// A write refused before it wrote (here: before it had the
    /// transaction) is answered alone; the writes beside it run once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_write_refused_before_it_wrote_costs_the_others_no_second_run() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (db, writer) = writer_on_a_table("refused").await;
        let runs = Arc::new(AtomicUsize::new(0));
        let write = |x: i64, refuse: bool| {
            let (writer, runs) = (writer.clone(), Arc::clone(&runs));
            async move {
                writer
                    .run(String::new(), move |batch| {
                        let runs = Arc::clone(&runs);
                        Box::pin(async move {
                            if refuse {
                                return Err(ApiError::conflict(
                                    pulse_api::i18n::Msg::AlreadyRecorded,
                                ));
                            }
                            runs.fetch_add(1, Ordering::SeqCst);
                            sqlx::query("INSERT INTO t (x) VALUES ($1)")
                                .bind(x)
                                .execute(batch.conn())
                                .await
                                .map_err(anyhow::Error::from)?;
                            Ok(x)
                        })
                    })
                    .await
            }
        };
        // The lane held by a write that waits, so that the four after it
        // wait together and make one batch.
        let (gate, started) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        let held = {
            let (writer, gate, started) = (writer.clone(), gate.clone(), started.clone());
            tokio::spawn(async move {
                writer
                    .run(String::new(), move |_| {
                        let (gate, started) = (gate.clone(), started.clone());
                        Box::pin(async move {
                            started.notify_one();
                            gate.notified().await;
                            Ok(0)
                        })
                    })
                    .await
            })
        };
        started.notified().await;
        let four = [(1, false), (2, true), (3, false), (4, true)]
            .map(|(x, refuse)| tokio::spawn(write(x, refuse)));
        while writer.lanes[0].capacity() > writer.lanes[0].max_capacity() - 4 {
            tokio::task::yield_now().await;
        }
        gate.notify_one();
        assert_eq!(held.await.unwrap().unwrap(), 0);
        let [a, b, c, d] = four;
        let (a, b, c, d) = (
            a.await.unwrap(),
            b.await.unwrap(),
            c.await.unwrap(),
            d.await.unwrap(),
        );
        assert_eq!((a.unwrap(), c.unwrap()), (1, 3));
        assert!(matches!(b, Err(ApiError::Client(..))));
        assert!(matches!(d, Err(ApiError::Client(..))));
        assert_eq!(
            runs.load(Ordering::SeqCst),
            2,
            "each write that wrote ran once"
        );
        let mut conn = db.read().await.unwrap();
        let stored: Vec<i64> = sqlx::query_scalar("SELECT x FROM t ORDER BY x")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(stored, vec![1, 3]);
    }
}
