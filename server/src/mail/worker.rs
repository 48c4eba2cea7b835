//! The delivery worker inside `pulse serve`: it leases due messages from the
//! outbox, writes and sends them, and marks each sent, to retry, or given up.
//!
//! - A leased message is no other worker's until the lease runs out, so
//!   several instances on one PostgreSQL database never send one twice.
//! - A message is marked sent only after the mail server took it: a crash in
//!   between sends it again once the lease is over, with the same
//!   Message-ID. A normal stop finishes the batch in hand first.
//! - A failure waits (30 s, doubling, at most an hour) and is tried again
//!   until a day has passed; then it is given up with the reason kept.
//! - It also writes the notices that time causes: 48 hours before a topic
//!   closes, and its close; and ends address-only subscriptions never
//!   confirmed within the week.

use super::Transport;
use super::compose::{self, About, Composed, Sender};
use super::render::{self, Letter};
use crate::clock;
use crate::config::MailConfig;
use crate::dates::date_time;
use crate::db::outbox::{self, Claim, Kind, OutboxRow};
use crate::db::subscriptions;
use crate::db::{self, Db};
use lettre::message::Mailbox;
use pulse_api::Timestamp;
use pulse_api::i18n::Lang;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

/// Messages leased at once, per connection to the mail server.
const BATCH_PER_CONNECTION: i64 = 8;

pub struct Worker {
    pub db: Db,
    pub config: MailConfig,
    pub transport: Transport,
    pub from: Mailbox,
    /// The site's address, for links.
    pub site: String,
    /// Where a person reaches the city (`City::contact`).
    pub contact: String,
    /// Rung after a write that put mail in the outbox.
    pub wake: Arc<Notify>,
    /// Signs the unsubscribe links.
    pub link_key: crate::link_key::LinkKey,
    /// True until [`Worker::run`] ends, however it ends (`/readyz`).
    pub running: Arc<std::sync::atomic::AtomicBool>,
}

/// Says the worker stopped when its task ends, a panic included.
struct Stopped(Arc<std::sync::atomic::AtomicBool>);

impl Drop for Stopped {
    fn drop(&mut self) {
        self.0.store(false, std::sync::atomic::Ordering::Relaxed);
    }
}

enum Outcome {
    Sent,
    /// Not to be sent (its subscription ended meanwhile): recorded, not retried.
    Dropped(&'static str),
    Failed(String),
}

impl Worker {
    /// Runs until `stop` turns true, finishing the batch in hand.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let _stopped = Stopped(Arc::clone(&self.running));
        let worker = Arc::new(self);
        let long_ago = tokio::time::Instant::now() - Duration::from_secs(3600);
        let (mut last_chores, mut last_expiry) = (long_ago, long_ago);
        loop {
            if *stop.borrow() {
                break;
            }
            if last_chores.elapsed() >= Duration::from_secs(5) {
                if let Err(error) = worker.chores().await {
                    tracing::warn!(error = format!("{error:#}"), "mail chores failed");
                }
                last_chores = tokio::time::Instant::now();
            }
            if last_expiry.elapsed() >= Duration::from_secs(600) {
                if let Err(error) = worker.expire().await {
                    tracing::warn!(
                        error = format!("{error:#}"),
                        "expiring subscriptions failed"
                    );
                }
                last_expiry = tokio::time::Instant::now();
            }
            let sent = match Arc::clone(&worker).deliver().await {
                Ok(n) => n,
                Err(error) => {
                    tracing::warn!(error = format!("{error:#}"), "mail delivery failed");
                    0
                }
            };
            if sent == 0 {
                tokio::select! {
                    () = worker.wake.notified() => {}
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = stop.changed() => {}
                }
            }
        }
    }

    /// The site, as the letters' words name it.
    fn sender(&self) -> Sender<'_> {
        Sender {
            site: &self.site,
            city: &self.config.city,
            contact: &self.contact,
        }
    }

    /// The notices time causes: 48 hours before the close, and the close.
    async fn chores(&self) -> anyhow::Result<()> {
        let now = clock::now();
        let due = {
            let mut conn = self.db.read().await?;
            outbox::topics_needing_notices(&mut conn, now).await?
        };
        for (topic_id, closed) in due {
            let mut tx = self.db.write().await?;
            let Some(topic) = db::topics::find_by_id(&mut tx, topic_id).await? else {
                continue;
            };
            let digest_at = digest_time(now, &topic.time_zone);
            if closed {
                // A topic that closed is past its 48 hours too.
                outbox::claim_deadline_notices(&mut tx, topic_id, now).await?;
                if outbox::claim_close_notices(&mut tx, topic_id, now).await? {
                    outbox::enqueue_for_subscribers(
                        &mut tx,
                        topic_id,
                        Kind::Closed,
                        None,
                        now,
                        digest_at,
                    )
                    .await?;
                }
            } else if outbox::claim_deadline_notices(&mut tx, topic_id, now).await? {
                outbox::enqueue_for_subscribers(
                    &mut tx,
                    topic_id,
                    Kind::Deadline,
                    None,
                    now,
                    digest_at,
                )
                .await?;
            }
            db::commit(tx).await?;
        }
        self.flag_alerts(now).await
    }

    /// One mail to each host with flags waiting whose last flag alert is
    /// at least the configured while ago, listing every flag since.
    async fn flag_alerts(&self, now: Timestamp) -> anyhow::Result<()> {
        let hosts = {
            let mut conn = self.db.read().await?;
            db::moderation::hosts_to_alert(&mut conn).await?
        };
        let every = secs(self.config.flag_alert_every);
        let mut wrote = false;
        for host in hosts {
            let mut tx = self.db.write().await?;
            // Nothing written (too soon, or another instance was first) is
            // rolled back with the transaction.
            if db::moderation::alert_host(&mut tx, host, now, every).await? {
                db::commit(tx).await?;
                wrote = true;
            }
        }
        if wrote {
            self.wake.notify_one();
        }
        Ok(())
    }

    /// Address-only subscriptions never confirmed end after a week, and
    /// notices held a week for an account's address never confirmed are
    /// given up.
    async fn expire(&self) -> anyhow::Result<()> {
        let mut tx = self.db.write().await?;
        subscriptions::expire_unconfirmed(&mut tx, clock::now()).await?;
        outbox::drop_never_confirmed(&mut tx, clock::now()).await?;
        db::commit(tx).await
    }

    /// One round: leases what is due, sends it, records how it went.
    /// Returns how many messages it handled.
    async fn deliver(self: Arc<Self>) -> anyhow::Result<usize> {
        let now = clock::now();
        let lease_until = Timestamp(now.0 + secs(self.config.lease));
        let in_flight = self.config.connections.max(1);
        let batch = BATCH_PER_CONNECTION * i64::try_from(in_flight).unwrap_or(1);
        // Asked first on a read: a round with nothing due takes no turn to
        // write (on SQLite the instance's one writer, which posting wants).
        if !outbox::any_due(&mut *self.db.read().await?, now).await? {
            return Ok(0);
        }
        let mut tx = self.db.write().await?;
        let single = outbox::claim(
            &mut tx,
            self.db.backend,
            Claim::Instant,
            now,
            lease_until,
            batch,
        )
        .await?;
        let mut digest = outbox::claim(
            &mut tx,
            self.db.backend,
            Claim::Digest(None),
            now,
            lease_until,
            batch,
        )
        .await?;
        // A digest holds all of a recipient's due entries, not a batch's share.
        let recipients: Vec<String> = {
            let mut r: Vec<String> = digest.iter().map(|d| d.recipient.clone()).collect();
            r.dedup();
            r
        };
        for who in recipients {
            let more = outbox::claim(
                &mut tx,
                self.db.backend,
                Claim::Digest(Some(&who)),
                now,
                lease_until,
                10_000,
            )
            .await?;
            digest.extend(more);
        }
        db::commit(tx).await?;
        if single.is_empty() && digest.is_empty() {
            return Ok(0);
        }

        // One letter per instant message; one per subscription for digests.
        let mut letters: Vec<Vec<OutboxRow>> = single.into_iter().map(|r| vec![r]).collect();
        let mut by_subscription: BTreeMap<(String, Option<i64>), Vec<OutboxRow>> = BTreeMap::new();
        for row in digest {
            by_subscription
                .entry((row.recipient.clone(), row.subscription_id))
                .or_default()
                .push(row);
        }
        letters.extend(by_subscription.into_values());
        let handled = letters.iter().map(Vec::len).sum();
        let known = Arc::new(Known::load(&self.db, &letters).await?);

        let mut outcomes: Vec<(Vec<OutboxRow>, Outcome)> = Vec::with_capacity(letters.len());
        let mut running = JoinSet::new();
        for rows in letters {
            if running.len() >= in_flight
                && let Some(done) = running.join_next().await
            {
                outcomes.push(done?);
            }
            let worker = Arc::clone(&self);
            let known = Arc::clone(&known);
            running.spawn(async move {
                let outcome = worker.send(&rows, &known).await;
                (rows, outcome)
            });
        }
        while let Some(done) = running.join_next().await {
            outcomes.push(done?);
        }

        let now = clock::now();
        let mut tx = self.db.write().await?;
        let sent: Vec<i64> = outcomes
            .iter()
            .filter(|(_, outcome)| matches!(outcome, Outcome::Sent))
            .flat_map(|(rows, _)| rows.iter().map(|r| r.id))
            .collect();
        outbox::mark_sent(&mut tx, &sent, now).await?;
        let (mut failed, mut retried) = (0, 0);
        for (rows, outcome) in outcomes {
            for row in rows {
                match &outcome {
                    Outcome::Sent => {}
                    Outcome::Dropped(why) => {
                        failed += 1;
                        outbox::mark_failed(&mut tx, row.id, now, why).await?;
                    }
                    Outcome::Failed(error) => {
                        if now.0 - row.created_at.0 >= secs(self.config.give_up_after) {
                            tracing::warn!(id = row.id, error, "giving up on a message");
                            failed += 1;
                            outbox::mark_failed(&mut tx, row.id, now, error).await?;
                        } else {
                            let wait = backoff(self.config.retry_base, row.attempts);
                            retried += 1;
                            outbox::mark_retry(&mut tx, row.id, Timestamp(now.0 + wait), error)
                                .await?;
                        }
                    }
                }
            }
        }
        db::commit(tx).await?;
        let metrics = &self.db.metrics;
        metrics.mailed("sent", sent.len() as u64);
        metrics.mailed("failed", failed);
        metrics.mailed("retried", retried);
        Ok(handled)
    }

    /// Writes and sends one letter (one message, or one digest).
    async fn send(&self, rows: &[OutboxRow], known: &Known) -> Outcome {
        match self.try_send(rows, known).await {
            Ok(outcome) => outcome,
            Err(error) => {
                let error = format!("{error:#}");
                tracing::info!(error, "a message was not sent; it will be tried again");
                Outcome::Failed(error)
            }
        }
    }

    async fn try_send(&self, rows: &[OutboxRow], known: &Known) -> anyhow::Result<Outcome> {
        let Some(first) = rows.first() else {
            return Ok(Outcome::Sent);
        };
        let lang = first.lang;
        // The confirmation mail goes to a subscription not yet started, and
        // needs no way out; a notice to one that has ended (as of the
        // lease) is dropped.
        let confirming = first.kind == Kind::ConfirmSubscription.as_str();
        let unsubscribe = match (&first.subscription_id, &first.live) {
            (Some(_), _) if confirming => None,
            (Some(id), true) => Some(self.link_key.token(*id)),
            (Some(_), false) => {
                return Ok(Outcome::Dropped("the subscription ended before sending"));
            }
            (None, _) => None,
        };
        // Only notices about comments read more from the database.
        let mut conn = None;
        let mut entries = Vec::with_capacity(rows.len());
        let mut reason = String::new();
        for row in rows {
            if let Some((entry, why)) = self.entry(&mut conn, row, known).await? {
                entries.push(entry);
                reason = why;
            }
        }
        drop(conn);
        if entries.is_empty() {
            return Ok(Outcome::Dropped(
                "the comment was hidden or withdrawn before sending",
            ));
        }
        let key = if first.digest {
            format!("pulse.digest.{}", first.id)
        } else {
            format!("pulse.{}.{}", first.kind, first.id)
        };
        let digest_subject = match first.digest {
            true => Some(compose::digest_subject(lang, entries.len())?),
            false => None,
        };
        // A comment's author asks for a review by answering the mail that
        // says it was hidden: the answer goes to the topic's host.
        let reply_to = (first.kind == Kind::Hidden.as_str())
            .then(|| first.topic_id.and_then(|id| known.topics.get(&id)))
            .flatten()
            .and_then(|topic| topic.host.email.as_deref())
            .and_then(|email| email.parse::<lettre::Address>().ok())
            .map(|address| Mailbox::new(None, address));
        let message = render::message(&Letter {
            from: &self.from,
            to: &first.recipient,
            lang,
            common: compose::common(lang)?,
            reply_to,
            city: &self.config.city,
            site: &self.site,
            message_key: &key,
            reason,
            unsubscribe_page: unsubscribe
                .as_ref()
                .map(|token| self.sender().link(lang, &format!("/unsubscribe/{token}"))),
            unsubscribe: unsubscribe.map(|token| format!("{}/unsubscribe/{token}", self.site)),
            entries,
            digest_subject,
        })?;
        self.transport
            .send(message, &render::file_name(&key, &first.recipient))
            .await?;
        Ok(Outcome::Sent)
    }

    /// What one outbox row says, and why its reader gets it; none for a
    /// new comment or reply no longer shown (hidden or withdrawn
    /// meanwhile). The words are `compose.rs`'s; this gathers what they
    /// speak of.
    async fn entry(
        &self,
        conn: &mut Option<db::Conn>,
        row: &OutboxRow,
        known: &Known,
    ) -> anyhow::Result<Option<Composed>> {
        let from = self.sender();
        let lang = row.lang;
        let kind = Kind::parse(&row.kind)
            .ok_or_else(|| anyhow::anyhow!("unknown message kind {:?}", row.kind))?;
        let topic = row.topic_id.and_then(|id| known.topics.get(&id));
        let translated = row.topic_id.and_then(|id| known.titles.get(&(id, lang)));
        let about = About {
            title: translated
                .or(topic.map(|t| &t.title))
                .map_or("", String::as_str),
            slug: topic.map_or("", |t| t.slug.as_str()),
            host_name: topic.map_or("", |t| t.host.name.as_str()),
            host_email: topic.and_then(|t| t.host.email.as_deref()),
        };
        let token = row.token.as_deref().unwrap_or_default();
        let when = |at: fn(&db::topics::TopicRow) -> Timestamp| {
            topic
                .map(|t| date_time(at(t), &t.time_zone, lang))
                .unwrap_or_default()
        };
        let composed = match kind {
            Kind::ConfirmSubscription => compose::confirm_subscription(lang, &from, &about, token),
            Kind::VerifyEmail => compose::verify_email(lang, &from, token),
            Kind::ResetPassword => compose::reset_password(lang, &from, token),
            Kind::EmailChanged => compose::email_changed(lang, &from),
            Kind::AccountExists => compose::account_exists(lang, &from),
            Kind::Update => {
                let id = row.subject_id.unwrap_or_default();
                let (title, body) = known.updates.get(&(id, lang)).cloned().unwrap_or_default();
                compose::update(lang, &from, &about, id, &title, &body)
            }
            Kind::Deadline => compose::deadline(lang, &from, &about, &when(|t| t.closes_at)),
            Kind::Closed => compose::closed(lang, &from, &about, &when(|t| t.closes_at)),
            Kind::Revision => {
                let id = row.subject_id.unwrap_or_default();
                let Some((version, note, changed)) = known.revisions.get(&(id, lang)) else {
                    anyhow::bail!("the version of a revision notice is gone");
                };
                let revision = compose::Revision {
                    version: *version,
                    note,
                    changed,
                };
                compose::revision(lang, &from, &about, &revision)
            }
            Kind::HostInvite => compose::host_invite(lang, &from, &about, token),
            Kind::FlagAlert => {
                let conn = match conn {
                    Some(conn) => conn,
                    None => conn.insert(self.db.read().await?),
                };
                return flag_alert(conn, lang, &from, row.id).await;
            }
            Kind::RevisionSection | Kind::LedToChange => {
                let conn = match conn {
                    Some(conn) => conn,
                    None => conn.insert(self.db.read().await?),
                };
                let subject = row.subject_id.unwrap_or_default();
                if kind == Kind::LedToChange {
                    return led_to_change(conn, lang, &from, &about, subject, &row.recipient)
                        .await
                        .map(Some);
                }
                return section_fate(conn, lang, &from, &about, subject)
                    .await
                    .map(Some);
            }
            Kind::Reply | Kind::Response | Kind::Hidden | Kind::Comment => {
                let conn = match conn {
                    Some(conn) => conn,
                    None => conn.insert(self.db.read().await?),
                };
                let comment = match row.subject_id {
                    Some(id) => db::comments::find(conn, id, None).await?,
                    None => None,
                }
                .ok_or_else(|| anyhow::anyhow!("the comment of a notice is gone"))?;
                // A new comment or reply hidden or withdrawn meanwhile goes
                // to no one: hidden text reaches only its own author (the
                // notice that it was hidden, and a response to it).
                let gone = comment.hidden_at.is_some() || comment.withdrawn_at.is_some();
                if gone && matches!(kind, Kind::Comment | Kind::Reply) {
                    return Ok(None);
                }
                match kind {
                    Kind::Comment => {
                        let place = db::topics::places(conn, comment.topic_id, lang)
                            .await?
                            .remove(&comment.section)
                            .unwrap_or_else(|| comment.section.clone());
                        compose::new_comment(lang, &from, &about, &place, &comment)
                    }
                    Kind::Reply => {
                        let yours = match comment.parent_id {
                            Some(id) => db::comments::find(conn, id, None).await?,
                            None => None,
                        }
                        .map(|parent| parent.body)
                        .unwrap_or_default();
                        compose::reply(lang, &from, &about, &comment, &yours)
                    }
                    Kind::Response => compose::response(lang, &from, &about, &comment),
                    _ => compose::hidden(lang, &from, &about, &comment),
                }
            }
        }?;
        Ok(Some(composed))
    }
}

/// The flags a host is told of in one alert, a line each, by topic; none
/// when they are all gone (their comments deleted with an account).
async fn flag_alert(
    conn: &mut db::Conn,
    lang: Lang,
    from: &Sender<'_>,
    outbox_id: i64,
) -> anyhow::Result<Option<Composed>> {
    let flags = db::moderation::alerted_flags(conn, outbox_id).await?;
    let Some(first) = flags.first() else {
        return Ok(None);
    };
    let mut places = HashMap::new();
    let mut lines = Vec::new();
    for flag in &flags {
        if let std::collections::hash_map::Entry::Vacant(slot) = places.entry(flag.topic_id) {
            slot.insert(db::topics::places(conn, flag.topic_id, lang).await?);
        }
        let place = places
            .get(&flag.topic_id)
            .and_then(|p| p.get(&flag.section))
            .cloned()
            .unwrap_or_else(|| flag.section.clone());
        lines.push(compose::FlagLine {
            topic: &flag.title,
            place,
            comment: &flag.body,
            reason: &flag.reason,
            resolved: flag.resolved,
        });
    }
    // The button opens the desk on what is flagged: of the one topic, when
    // the flags are all on one; each line names its topic.
    let one_topic = flags.iter().all(|f| f.topic_id == first.topic_id);
    compose::flag_alert(lang, from, one_topic.then_some(first.slug.as_str()), &lines).map(Some)
}

/// A section's label: "§ 4 Retention", or "Introduction" for the text
/// before the first heading.
fn label(lang: Lang, number: &str, heading: &str) -> String {
    if number.is_empty() {
        lang.text(pulse_api::i18n::Msg::Introduction).to_string()
    } else {
        format!("§ {number} {heading}")
    }
}

/// A revision as its letters tell it: its number, its note, and a line
/// per section it changed or removed.
async fn revision_facts(
    conn: &mut sqlx::AnyConnection,
    version_id: i64,
    lang: Lang,
) -> anyhow::Result<Option<(i64, String, String)>> {
    let Some((topic_id, number)) = db::revisions::number_of(conn, version_id).await? else {
        return Ok(None);
    };
    let Some(version) = db::revisions::version(conn, topic_id, number).await? else {
        return Ok(None);
    };
    let mut lines = Vec::new();
    for section in db::revisions::sections(conn, version_id).await? {
        let change = section
            .change
            .unwrap_or(pulse_api::wire::SectionChange::Added);
        if change != pulse_api::wire::SectionChange::Unchanged {
            lines.push(format!(
                "• {}: {}",
                label(lang, &section.number, &section.heading),
                lang.text(change.msg())
            ));
        }
    }
    let matching = db::revisions::matching(conn, version_id).await?;
    if !matching.removed.is_empty()
        && let Some(previous) = db::revisions::version(conn, topic_id, number - 1).await?
    {
        for section in db::revisions::sections(conn, previous.id).await? {
            if matching.removed.contains(&section.anchor) {
                lines.push(format!(
                    "• {}: {}",
                    label(lang, &section.number, &section.heading),
                    lang.text(pulse_api::i18n::Msg::ChangeRemoved)
                ));
            }
        }
    }
    Ok(Some((version.version, version.note, lines.join("\n"))))
}

/// The letter to a follower of section `section_id` (of the version before
/// a revision), which the revision changed or removed.
async fn section_fate(
    conn: &mut sqlx::AnyConnection,
    lang: Lang,
    from: &compose::Sender<'_>,
    about: &compose::About<'_>,
    section_id: i64,
) -> anyhow::Result<Composed> {
    let (old_version, old) = db::revisions::section_by_id(conn, section_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the section of a revision notice is gone"))?;
    let (topic_id, number) = db::revisions::number_of(conn, old_version)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the version of a revision notice is gone"))?;
    let version = db::revisions::version(conn, topic_id, number + 1)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the revision of a notice is gone"))?;
    let (_, note, changed) = revision_facts(conn, version.id, lang)
        .await?
        .unwrap_or_default();
    let matching = db::revisions::matching(conn, version.id).await?;
    let sections = db::revisions::sections(conn, version.id).await?;
    let successors: Vec<&db::revisions::SectionRow> = matching
        .sections
        .iter()
        .zip(&sections)
        .filter(|(m, _)| m.previous.contains(&old.anchor))
        .map(|(_, s)| s)
        .collect();
    let place = label(lang, &old.number, &old.heading);
    let now_place = successors
        .first()
        .map(|s| (s.anchor.clone(), label(lang, &s.number, &s.heading)));
    let new_text = successors
        .iter()
        .map(|s| pulse_api::markdown::to_plain_text(&s.markdown))
        .collect::<Vec<_>>()
        .join(" ");
    let (before, after) = crate::revisions::in_short(
        &pulse_api::markdown::to_plain_text(&old.markdown),
        &new_text,
    );
    let revision = compose::Revision {
        version: version.version,
        note: &note,
        changed: &changed,
    };
    let fate = compose::SectionFate {
        place: &place,
        now: now_place.as_ref().map(|(a, p)| (a.as_str(), p.as_str())),
        before: &before,
        after: &after,
    };
    compose::revision_section(lang, from, about, &revision, &fate)
}

/// The letter to an author whose comments led to a change in revision
/// `version_id`.
async fn led_to_change(
    conn: &mut sqlx::AnyConnection,
    lang: Lang,
    from: &compose::Sender<'_>,
    about: &compose::About<'_>,
    version_id: i64,
    recipient: &str,
) -> anyhow::Result<Composed> {
    let (_, number) = db::revisions::number_of(conn, version_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the version of a notice is gone"))?;
    let led = db::revisions::led_to_of(conn, version_id, recipient).await?;
    let first = led
        .first()
        .ok_or_else(|| anyhow::anyhow!("no comment of the recipient led to this revision"))?;
    let mut places: Vec<String> = Vec::new();
    for l in &led {
        let place = label(lang, &l.number, &l.heading);
        if !places.contains(&place) {
            places.push(place);
        }
    }
    let comments: std::collections::HashSet<i64> = led.iter().map(|l| l.comment_id).collect();
    let places = places.join(", ");
    let led = compose::LedTo {
        version: number,
        n: comments.len(),
        places: &places,
        first_anchor: &first.anchor,
        yours: &first.body,
        note: first.note.as_deref(),
    };
    compose::led_to_change(lang, from, about, &led)
}

/// The topics and updates a round of letters speaks of, read once for all
/// of them (a notice to 100,000 subscribers names one topic and update).
#[derive(Default)]
struct Known {
    topics: HashMap<i64, db::topics::TopicRow>,
    /// A topic's title in a language it was translated into.
    titles: HashMap<(i64, Lang), String>,
    /// An update's title and body in its reader's language (as written
    /// where it was not translated into it).
    updates: HashMap<(i64, Lang), (String, String)>,
    /// A revision's number, note and changes said in a language.
    revisions: HashMap<(i64, Lang), (i64, String, String)>,
}

impl Known {
    async fn load(db: &Db, letters: &[Vec<OutboxRow>]) -> anyhow::Result<Known> {
        let mut known = Known::default();
        let mut conn = db.read().await?;
        for row in letters.iter().flatten() {
            if let Some(id) = row.topic_id
                && !known.topics.contains_key(&id)
                && let Some(topic) = db::topics::find_by_id(&mut conn, id).await?
            {
                known.topics.insert(id, topic);
            }
            if let Some(id) = row.topic_id
                && row.lang != Lang::ORIGINAL
                && !known.titles.contains_key(&(id, row.lang))
                && let Some(text) = db::topics::translated_text(&mut conn, id, row.lang).await?
            {
                known.titles.insert((id, row.lang), text.title);
            }
            if row.kind == Kind::Update.as_str()
                && let Some(id) = row.subject_id
                && !known.updates.contains_key(&(id, row.lang))
                && let Some(db::topics::UpdateText { title, body }) =
                    db::topics::update(&mut conn, id, row.lang).await?
            {
                known.updates.insert((id, row.lang), (title, body));
            }
            if row.kind == Kind::Revision.as_str()
                && let Some(id) = row.subject_id
                && !known.revisions.contains_key(&(id, row.lang))
                && let Some(facts) = revision_facts(&mut conn, id, row.lang).await?
            {
                known.revisions.insert((id, row.lang), facts);
            }
        }
        Ok(known)
    }
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

/// Seconds to wait before the next try: the base, doubling per attempt,
/// at most an hour.
pub fn backoff(base: Duration, attempts: i64) -> i64 {
    let doublings = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    secs(base).saturating_mul(1_i64 << doublings).min(3600)
}

/// When a daily digest goes out: the next 8 in the morning in the topic's
/// time zone.
pub fn digest_time(now: Timestamp, time_zone: &str) -> Timestamp {
    let tz = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let next = jiff::Timestamp::from_second(now.0)
        .ok()
        .map(|ts| ts.to_zoned(tz))
        .and_then(|z| {
            let today = z
                .date()
                .at(8, 0, 0, 0)
                .to_zoned(z.time_zone().clone())
                .ok()?;
            if today.timestamp() > z.timestamp() {
                Some(today)
            } else {
                today.checked_add(jiff::Span::new().days(1)).ok()
            }
        });
    next.map_or(Timestamp(now.0 + 24 * 3600), |z| {
        Timestamp(z.timestamp().as_second())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 1), 30);
        assert_eq!(backoff(base, 2), 60);
        assert_eq!(backoff(base, 5), 480);
        assert_eq!(backoff(base, 50), 3600);
    }

    #[test]
    fn the_digest_goes_out_at_eight_in_the_morning_in_the_topics_zone() {
        // 2026-11-26 15:00 UTC is 09:00 in Chicago: the next 08:00 is tomorrow.
        let now = Timestamp(1_795_705_200);
        let at = digest_time(now, "America/Chicago");
        assert_eq!(at.0 - now.0, 23 * 3600);
        // 2026-11-26 12:00 UTC is 06:00 in Chicago: two hours away.
        let early = Timestamp(1_795_694_400);
        assert_eq!(digest_time(early, "America/Chicago").0 - early.0, 2 * 3600);
    }
}
