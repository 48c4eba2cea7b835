//! Topics with their host card, documents, updates and draft versions.

use anyhow::Context;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::markdown::to_safe_html;
use pulse_api::sections::Section;
use pulse_api::wire::{self, Document, HostCard, ResultsRule, TopicDate, Update};
use pulse_api::{Timestamp, TopicStatus};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};
use std::collections::HashMap;

/// A topic as stored, without its documents, updates and draft.
#[derive(Debug, Clone)]
pub struct TopicRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The summary rendered when it was written ([`save`] renders it anew).
    pub summary_html: String,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub time_zone: String,
    pub results_rule: ResultsRule,
    pub host: HostCard,
    /// Taking part needs a confirmed email address.
    pub require_verified_email: bool,
    /// Public; else a preview only its hosts and admins see.
    pub published: bool,
}

impl TopicRow {
    pub fn status(&self, now: Timestamp) -> TopicStatus {
        TopicStatus::at(self.opens_at, self.closes_at, now)
    }
}

impl FromRow<'_, AnyRow> for TopicRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        let rule: String = row.try_get("results_rule")?;
        Ok(TopicRow {
            id: row.try_get("id")?,
            slug: row.try_get("slug")?,
            title: row.try_get("title")?,
            summary: row.try_get("summary")?,
            summary_html: row
                .try_get::<Option<String>, _>("summary_html")?
                .unwrap_or_default(),
            opens_at: Timestamp(row.try_get("opens_at")?),
            closes_at: Timestamp(row.try_get("closes_at")?),
            time_zone: row.try_get("time_zone")?,
            results_rule: ResultsRule::parse(&rule).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown results rule {rule}").into())
            })?,
            host: HostCard {
                name: row.try_get("host_name")?,
                role: row.try_get("host_role")?,
                phone: row.try_get("host_phone")?,
                email: row.try_get("host_email")?,
            },
            require_verified_email: row.try_get::<i64, _>("require_verified_email")? != 0,
            published: row.try_get::<i64, _>("published")? != 0,
        })
    }
}

/// A topic's columns, as a macro so queries stay `&'static str` (sqlx
/// refuses SQL built at run time unless told it is safe).
macro_rules! columns {
    () => {
        "t.id, t.slug, t.title, t.summary, t.summary_html, t.opens_at, t.closes_at, t.time_zone, \
         t.results_rule, t.host_name, t.host_role, t.host_phone, t.host_email, \
         t.require_verified_email, t.published"
    };
}

/// Every topic with its visible comment count, soonest closing first: the
/// published ones only, or with those not published yet too (`previews`).
pub async fn list(
    conn: &mut AnyConnection,
    previews: bool,
) -> anyhow::Result<Vec<(TopicRow, i64)>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        ", (SELECT CAST(COALESCE(SUM(cc.count), 0) AS BIGINT) FROM comment_counts cc \
            WHERE cc.topic_id = t.id) AS comment_count \
         FROM topics t WHERE t.published = 1 OR $1 = 1 ORDER BY t.closes_at, t.id"
    );
    let rows = sqlx::query(sql)
        .bind(i64::from(previews))
        .fetch_all(conn)
        .await
        .context("listing topics")?;
    rows.iter()
        .map(|row| Ok((TopicRow::from_row(row)?, row.try_get("comment_count")?)))
        .collect::<Result<_, sqlx::Error>>()
        .context("reading topics")
}

/// The topics account `host` hosts, or every topic (`None`, for admins),
/// the latest to close first.
pub async fn hosted_by(
    conn: &mut AnyConnection,
    host: Option<i64>,
) -> anyhow::Result<Vec<TopicRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM topics t WHERE $1 = 0 OR EXISTS (SELECT 1 FROM topic_hosts h \
           WHERE h.topic_id = t.id AND h.account_id = $1) \
         ORDER BY t.closes_at DESC, t.id"
    );
    sqlx::query_as::<_, TopicRow>(sql)
        .bind(host.unwrap_or(0))
        .fetch_all(conn)
        .await
        .context("listing the topics on a desk")
}

pub async fn find(conn: &mut AnyConnection, slug: &str) -> anyhow::Result<Option<TopicRow>> {
    let sql = concat!("SELECT ", columns!(), " FROM topics t WHERE t.slug = $1");
    sqlx::query_as::<_, TopicRow>(sql)
        .bind(slug)
        .fetch_optional(conn)
        .await
        .context("reading a topic")
}

/// A topic by its slug, and whether `account_id` hosts it (one query
/// where two would do: every request about a topic asks both).
pub async fn find_for(
    conn: &mut AnyConnection,
    slug: &str,
    account_id: Option<i64>,
) -> anyhow::Result<Option<(TopicRow, bool)>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        ", CAST(CASE WHEN EXISTS (SELECT 1 FROM topic_hosts h \
             WHERE h.topic_id = t.id AND h.account_id = $2) THEN 1 ELSE 0 END AS BIGINT) \
           AS is_host \
         FROM topics t WHERE t.slug = $1"
    );
    let row = sqlx::query(sql)
        .bind(slug)
        .bind(account_id.unwrap_or(0))
        .fetch_optional(conn)
        .await
        .context("reading a topic")?;
    row.map(|row| {
        Ok((
            TopicRow::from_row(&row)?,
            row.try_get::<i64, _>("is_host")? != 0,
        ))
    })
    .transpose()
    .map_err(|e: sqlx::Error| anyhow::Error::from(e).context("reading a topic"))
}

pub async fn find_by_id(conn: &mut AnyConnection, id: i64) -> anyhow::Result<Option<TopicRow>> {
    let sql = concat!("SELECT ", columns!(), " FROM topics t WHERE t.id = $1");
    sqlx::query_as::<_, TopicRow>(sql)
        .bind(id)
        .fetch_optional(conn)
        .await
        .context("reading a topic by id")
}

pub async fn documents(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<Document>> {
    let rows = sqlx::query_as::<_, (String, String)>(
        "SELECT title, url FROM documents WHERE topic_id = $1 ORDER BY position, id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading documents")?;
    Ok(rows
        .into_iter()
        .map(|(title, url)| Document { title, url })
        .collect())
}

/// Updates, newest first, each in `lang` where it was translated into it
/// (else as written).
pub async fn updates(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
) -> anyhow::Result<Vec<Update>> {
    let rows = sqlx::query(
        "SELECT u.id, COALESCE(tr.title, u.title) AS title, COALESCE(tr.body, u.body) AS body, \
         COALESCE(tr.body_html, u.body_html) AS body_html, u.posted_at, tr.lang AS shown_in \
         FROM updates u \
         LEFT JOIN update_translations tr ON tr.update_id = u.id AND tr.lang = $2 \
         WHERE u.topic_id = $1 ORDER BY u.posted_at DESC, u.id DESC",
    )
    .bind(topic_id)
    .bind(lang.code())
    .fetch_all(conn)
    .await
    .context("reading updates")?;
    rows.iter()
        .map(|row| {
            Ok(Update {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                body_html: row
                    .try_get::<Option<String>, _>("body_html")?
                    .unwrap_or_default(),
                body: row.try_get("body")?,
                posted_at: Timestamp(row.try_get("posted_at")?),
                posted_on: String::new(),
                lang: language(row.try_get("shown_in")?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading updates")
}

/// The language of a translation's row, or the original's where none.
fn language(code: Option<String>) -> Lang {
    code.as_deref()
        .and_then(Lang::parse)
        .unwrap_or(Lang::ORIGINAL)
}

/// One update's title and Markdown.
pub struct UpdateText {
    pub title: String,
    pub body: String,
}

/// One update, for its notice, in `lang` where it was translated into it.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    lang: Lang,
) -> anyhow::Result<Option<UpdateText>> {
    let row = sqlx::query(
        "SELECT COALESCE(tr.title, u.title) AS title, COALESCE(tr.body, u.body) AS body \
         FROM updates u LEFT JOIN update_translations tr ON tr.update_id = u.id AND tr.lang = $2 \
         WHERE u.id = $1",
    )
    .bind(id)
    .bind(lang.code())
    .fetch_optional(conn)
    .await
    .context("reading an update")?;
    row.map(|row| {
        Ok(UpdateText {
            title: row.try_get("title")?,
            body: row.try_get("body")?,
        })
    })
    .transpose()
    .map_err(|e: sqlx::Error| anyhow::Error::from(e).context("reading an update"))
}

/// The current (latest) version of a topic's draft.
pub struct CurrentVersion {
    pub id: i64,
    pub version: i64,
    pub title: String,
    pub published_at: Timestamp,
}

pub async fn current_version(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Option<CurrentVersion>> {
    let row = sqlx::query(
        "SELECT id, version, title, published_at FROM draft_versions WHERE topic_id = $1 \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(topic_id)
    .fetch_optional(conn)
    .await
    .context("reading the current draft version")?;
    row.map(|row| {
        Ok(CurrentVersion {
            id: row.try_get("id")?,
            version: row.try_get("version")?,
            title: row.try_get("title")?,
            published_at: Timestamp(row.try_get("published_at")?),
        })
    })
    .transpose()
    .map_err(|e: sqlx::Error| anyhow::Error::from(e).context("reading the current draft version"))
}

/// What posting a comment to a topic checks, read in one statement inside
/// its write, once for all a writer batch's comments to the topic: the
/// topic, who hosts it, its current version and that version's sections.
pub struct PostingTo {
    pub topic: TopicRow,
    pub latest: Option<CurrentVersion>,
    hosts: Vec<i64>,
    anchors: Vec<String>,
}

impl PostingTo {
    pub fn is_host(&self, account_id: i64) -> bool {
        self.hosts.contains(&account_id)
    }

    /// Whether the current version has a section `anchor`.
    pub fn has_section(&self, anchor: &str) -> bool {
        self.anchors.iter().any(|a| a == anchor)
    }
}

/// Reads [`PostingTo`] for each of `topic_ids` there is, by one statement.
/// For it to stay true to the end of the transaction, hold the topics
/// first (`revisions::hold_topics`), by a statement of its own: one that
/// waited for a revision reads the versions as they were when it began
/// (PostgreSQL, read committed).
pub async fn posting_to_each(
    conn: &mut AnyConnection,
    topic_ids: &[i64],
) -> anyhow::Result<Vec<PostingTo>> {
    if topic_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Host ids and anchors ([a-z0-9-]) joined by commas: one row a topic.
    let join = if conn.backend_name() == "PostgreSQL" {
        "string_agg"
    } else {
        "group_concat"
    };
    let sql = format!(
        concat!(
            "SELECT ",
            columns!(),
            ", (SELECT {join}(CAST(h.account_id AS TEXT), ',') FROM topic_hosts h \
               WHERE h.topic_id = t.id) AS hosts, \
             v.id AS version_id, v.version AS version, v.title AS version_title, \
             v.published_at AS version_published_at, \
             (SELECT {join}(s.anchor, ',') FROM sections s WHERE s.version_id = v.id) AS anchors \
             FROM topics t LEFT JOIN draft_versions v ON v.topic_id = t.id AND v.version = \
               (SELECT MAX(dv.version) FROM draft_versions dv WHERE dv.topic_id = t.id) \
             WHERE t.id IN ({ids})"
        ),
        join = join,
        ids = super::placeholders(topic_ids.len(), 1)
    );
    // Only placeholders and a function's name are made up here; every
    // value is bound.
    let mut read = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in topic_ids {
        read = read.bind(*id);
    }
    let rows = read
        .fetch_all(&mut *conn)
        .await
        .context("reading topics to post to")?;
    rows.iter()
        .map(|row| {
            read_posting_to(row)
                .map_err(|e| anyhow::Error::from(e).context("reading a topic to post to"))
        })
        .collect()
}

fn read_posting_to(row: &AnyRow) -> Result<PostingTo, sqlx::Error> {
    let latest = match row.try_get::<Option<i64>, _>("version_id")? {
        None => None,
        Some(id) => Some(CurrentVersion {
            id,
            version: row.try_get("version")?,
            title: row.try_get("version_title")?,
            published_at: Timestamp(row.try_get("version_published_at")?),
        }),
    };
    let listed = |name: &str| -> Result<Vec<String>, sqlx::Error> {
        Ok(row
            .try_get::<Option<String>, _>(name)?
            .map(|l| l.split(',').map(str::to_string).collect())
            .unwrap_or_default())
    };
    let hosts = listed("hosts")?
        .iter()
        .map(|id| id.parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|e| sqlx::Error::Decode(e.into()))?;
    Ok(PostingTo {
        topic: TopicRow::from_row(row)?,
        latest,
        hosts,
        anchors: listed("anchors")?,
    })
}

/// A version's sections in order, in `lang` where the version was
/// translated into it (else as written), each with its comments (anchor →
/// (count, of them written on an earlier version)) and the anchors of
/// earlier versions that lead to it (alias, anchor).
pub async fn sections(
    conn: &mut AnyConnection,
    version_id: i64,
    lang: Lang,
    counts: &HashMap<String, (i64, i64)>,
    aliases: &[(String, String)],
) -> anyhow::Result<Vec<wire::Section>> {
    let rows = sqlx::query(
        "SELECT s.anchor, s.number, COALESCE(tr.heading, s.heading) AS heading, s.level, \
         COALESCE(tr.markdown, s.markdown) AS markdown, COALESCE(tr.html, s.html) AS html \
         FROM sections s \
         LEFT JOIN section_translations tr ON tr.section_id = s.id AND tr.lang = $2 \
         WHERE s.version_id = $1 ORDER BY s.position",
    )
    .bind(version_id)
    .bind(lang.code())
    .fetch_all(conn)
    .await
    .context("reading sections")?;
    // An old anchor leads to one section on the page: the first it leads to.
    let mut placed = std::collections::HashSet::new();
    rows.iter()
        .map(|row| {
            let anchor: String = row.try_get("anchor")?;
            let (comment_count, earlier_count) = counts.get(&anchor).copied().unwrap_or((0, 0));
            let aliases = aliases
                .iter()
                .filter(|(alias, to)| *to == anchor && placed.insert(alias.clone()))
                .map(|(alias, _)| alias.clone())
                .collect();
            Ok(wire::Section {
                comment_count,
                earlier_count,
                aliases,
                anchor,
                number: row.try_get("number")?,
                heading: row.try_get("heading")?,
                level: u8::try_from(row.try_get::<i64, _>("level")?).unwrap_or(u8::MAX),
                html: row
                    .try_get::<Option<String>, _>("html")?
                    .unwrap_or_default(),
                markdown: row.try_get("markdown")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading sections")
}

/// Comments written on each section of one version (anchor → (count, 0)).
pub async fn counts_written(
    conn: &mut AnyConnection,
    version_id: i64,
) -> anyhow::Result<HashMap<String, (i64, i64)>> {
    let rows = sqlx::query_as::<_, (String, i64)>(
        "SELECT section_anchor, COUNT(*) FROM comments WHERE version_id = $1 \
         GROUP BY section_anchor",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await
    .context("counting the comments written on a version")?;
    Ok(rows.into_iter().map(|(a, n)| (a, (n, 0))).collect())
}

/// The latest version before `below` translated into `lang`, if any.
pub async fn translated_version(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
    below: i64,
) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar::<_, Option<i64>>(
        "SELECT MAX(v.version) FROM version_translations vt \
         JOIN draft_versions v ON v.id = vt.version_id \
         WHERE v.topic_id = $1 AND vt.lang = $2 AND v.version < $3",
    )
    .bind(topic_id)
    .bind(lang.code())
    .bind(below)
    .fetch_one(conn)
    .await
    .context("finding the latest translated version")
}

/// A section's place in a draft, without its text.
pub struct SectionHead {
    pub anchor: String,
    pub number: String,
    pub heading: String,
}

/// A version's sections in order, heads only: for labels, where rendering
/// each section's Markdown would be work thrown away.
pub async fn outline(
    conn: &mut AnyConnection,
    version_id: i64,
) -> anyhow::Result<Vec<SectionHead>> {
    let rows = sqlx::query(
        "SELECT anchor, number, heading FROM sections WHERE version_id = $1 ORDER BY position",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await
    .context("reading a draft's outline")?;
    rows.iter()
        .map(|row| {
            Ok(SectionHead {
                anchor: row.try_get("anchor")?,
                number: row.try_get("number")?,
                heading: row.try_get("heading")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a draft's outline")
}

/// "§ 3 When officers record" for each anchor of the topic's current
/// draft (and each anchor of an earlier version that leads to one),
/// "Introduction" for its unnumbered opening, and "General" for the topic
/// as a whole: said in `lang`, the headings as the city translated
/// them into it (else as written).
pub async fn places(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
) -> anyhow::Result<HashMap<String, String>> {
    let mut places = HashMap::from([(
        pulse_api::sections::GENERAL.to_string(),
        lang.text(Msg::PlaceGeneral).to_string(),
    )]);
    if let Some(version) = current_version(conn, topic_id).await? {
        let rows = sqlx::query(
            "SELECT s.anchor, s.number, COALESCE(tr.heading, s.heading) AS heading \
             FROM sections s \
             LEFT JOIN section_translations tr ON tr.section_id = s.id AND tr.lang = $2 \
             WHERE s.version_id = $1 ORDER BY s.position",
        )
        .bind(version.id)
        .bind(lang.code())
        .fetch_all(&mut *conn)
        .await
        .context("reading a draft's places")?;
        for row in &rows {
            let number: String = row.try_get("number")?;
            let label = if number.is_empty() {
                lang.text(Msg::Introduction).to_string()
            } else {
                format!("§ {number} {}", row.try_get::<String, _>("heading")?)
            };
            places.insert(row.try_get("anchor")?, label);
        }
        // An anchor of an earlier version is named as the section it
        // leads to now.
        for (alias, anchor) in super::revisions::aliases(conn, version.id).await? {
            if let Some(label) = places.get(&anchor).cloned() {
                places.entry(alias).or_insert(label);
            }
        }
    }
    Ok(places)
}

/// The text of section `anchor` of a version, if it has one: as written
/// and in each language it was translated into.
pub async fn section_texts(
    conn: &mut AnyConnection,
    version_id: i64,
    anchor: &str,
) -> anyhow::Result<Vec<(Lang, String)>> {
    let rows = sqlx::query(
        "SELECT CAST(NULL AS TEXT) AS lang, s.markdown FROM sections s \
         WHERE s.version_id = $1 AND s.anchor = $2 \
         UNION ALL \
         SELECT tr.lang, tr.markdown FROM section_translations tr \
         JOIN sections s ON s.id = tr.section_id \
         WHERE s.version_id = $1 AND s.anchor = $2",
    )
    .bind(version_id)
    .bind(anchor)
    .fetch_all(conn)
    .await
    .context("looking up a section")?;
    rows.iter()
        .map(|row| Ok((language(row.try_get("lang")?), row.try_get("markdown")?)))
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a section's texts")
}

/// A topic's title and summary in a language it was translated into.
pub struct TopicText {
    pub title: String,
    pub summary: String,
    pub summary_html: String,
}

/// The title and summary of every topic translated into `lang`, by topic.
pub async fn translated_texts(
    conn: &mut AnyConnection,
    lang: Lang,
) -> anyhow::Result<HashMap<i64, TopicText>> {
    let rows = sqlx::query(
        "SELECT topic_id, title, summary, summary_html FROM topic_translations WHERE lang = $1",
    )
    .bind(lang.code())
    .fetch_all(conn)
    .await
    .context("reading topics' translations")?;
    rows.iter()
        .map(|row| Ok((row.try_get("topic_id")?, topic_text(row)?)))
        .collect::<Result<_, sqlx::Error>>()
        .context("reading topics' translations")
}

/// One topic's title and summary in `lang`, if it was translated into it.
pub async fn translated_text(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
) -> anyhow::Result<Option<TopicText>> {
    let row = sqlx::query(
        "SELECT title, summary, summary_html FROM topic_translations \
         WHERE topic_id = $1 AND lang = $2",
    )
    .bind(topic_id)
    .bind(lang.code())
    .fetch_optional(conn)
    .await
    .context("reading a topic's translation")?;
    row.as_ref()
        .map(topic_text)
        .transpose()
        .context("reading a topic's translation")
}

fn topic_text(row: &AnyRow) -> Result<TopicText, sqlx::Error> {
    Ok(TopicText {
        title: row.try_get("title")?,
        summary: row.try_get("summary")?,
        summary_html: row.try_get("summary_html")?,
    })
}

/// The languages a topic was translated into.
pub async fn translated_into(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<Lang>> {
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT lang FROM topic_translations WHERE topic_id = $1 ORDER BY lang")
            .bind(topic_id)
            .fetch_all(conn)
            .await
            .context("reading a topic's languages")?;
    Ok(codes.iter().filter_map(|c| Lang::parse(c)).collect())
}

/// A version's title in `lang`, if the version was translated into it.
pub async fn version_title(
    conn: &mut AnyConnection,
    version_id: i64,
    lang: Lang,
) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT title FROM version_translations WHERE version_id = $1 AND lang = $2")
        .bind(version_id)
        .bind(lang.code())
        .fetch_optional(conn)
        .await
        .context("reading a draft's translated title")
}

/// Writes a topic's title and summary in `lang`.
pub async fn insert_translation(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
    title: &str,
    summary: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO topic_translations (topic_id, lang, title, summary, summary_html) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(topic_id)
    .bind(lang.code())
    .bind(title)
    .bind(summary)
    .bind(to_safe_html(summary))
    .execute(conn)
    .await
    .context("inserting a topic's translation")?;
    Ok(())
}

/// Removes a topic's title and summary in `lang`; whether there were any.
pub async fn delete_translation(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM topic_translations WHERE topic_id = $1 AND lang = $2")
        .bind(topic_id)
        .bind(lang.code())
        .execute(conn)
        .await
        .context("removing a topic's translation")?;
    Ok(done.rows_affected() > 0)
}

/// A version in `lang`, as the city wrote it: its title and whole
/// Markdown, if it was translated into `lang`.
pub async fn version_translation(
    conn: &mut AnyConnection,
    version_id: i64,
    lang: Lang,
) -> anyhow::Result<Option<(String, String)>> {
    let Some(row) = sqlx::query(
        "SELECT title, markdown FROM version_translations WHERE version_id = $1 AND lang = $2",
    )
    .bind(version_id)
    .bind(lang.code())
    .fetch_optional(&mut *conn)
    .await
    .context("reading a translated draft")?
    else {
        return Ok(None);
    };
    let title: String = row.try_get("title")?;
    let markdown: String = row.try_get("markdown")?;
    if !markdown.is_empty() {
        return Ok(Some((title, markdown)));
    }
    // Written before the whole text was kept: put together from its
    // sections, each heading at its level.
    let rows = sqlx::query(
        "SELECT s.level, tr.heading, tr.markdown FROM section_translations tr \
         JOIN sections s ON s.id = tr.section_id \
         WHERE s.version_id = $1 AND tr.lang = $2 ORDER BY s.position",
    )
    .bind(version_id)
    .bind(lang.code())
    .fetch_all(conn)
    .await
    .context("reading a translated draft's sections")?;
    let mut parts = Vec::with_capacity(rows.len());
    for row in &rows {
        let level: i64 = row.try_get("level")?;
        let heading: String = row.try_get("heading")?;
        let text: String = row.try_get("markdown")?;
        let hashes = "#".repeat(usize::try_from(level.clamp(0, 6))?);
        parts.push(match (level, text.trim().is_empty()) {
            (0, _) => text,
            (_, true) => format!("{hashes} {heading}"),
            (_, false) => format!("{hashes} {heading}\n\n{text}"),
        });
    }
    Ok(Some((title, parts.join("\n\n"))))
}

/// Removes a version's title and sections in `lang`; whether there were any.
pub async fn delete_version_translation(
    conn: &mut AnyConnection,
    version_id: i64,
    lang: Lang,
) -> anyhow::Result<bool> {
    sqlx::query(
        "DELETE FROM section_translations WHERE lang = $2 \
         AND section_id IN (SELECT id FROM sections WHERE version_id = $1)",
    )
    .bind(version_id)
    .bind(lang.code())
    .execute(&mut *conn)
    .await
    .context("removing a draft's translated sections")?;
    let done = sqlx::query("DELETE FROM version_translations WHERE version_id = $1 AND lang = $2")
        .bind(version_id)
        .bind(lang.code())
        .execute(conn)
        .await
        .context("removing a draft's translation")?;
    Ok(done.rows_affected() > 0)
}

/// Writes a version's title and sections in `lang`: `markdown` whole, as
/// written, and `sections` cut from it, the version's own by position with
/// the translated heading and text.
pub async fn insert_version_translation(
    conn: &mut AnyConnection,
    version_id: i64,
    lang: Lang,
    title: &str,
    markdown: &str,
    sections: &[Section],
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO version_translations (version_id, lang, title, markdown) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(version_id)
    .bind(lang.code())
    .bind(title)
    .bind(markdown)
    .execute(&mut *conn)
    .await
    .context("inserting a draft's translated title")?;
    for (position, section) in sections.iter().enumerate() {
        let done = sqlx::query(
            "INSERT INTO section_translations (section_id, lang, heading, markdown, html) \
             SELECT s.id, $3, $4, $5, $6 FROM sections s \
             WHERE s.version_id = $1 AND s.position = $2",
        )
        .bind(version_id)
        .bind(i64::try_from(position)?)
        .bind(lang.code())
        .bind(&section.heading)
        .bind(&section.markdown)
        .bind(to_safe_html(&section.markdown))
        .execute(&mut *conn)
        .await
        .context("inserting a translated section")?;
        anyhow::ensure!(
            done.rows_affected() == 1,
            "the draft has no section at position {position} to translate"
        );
    }
    Ok(())
}

/// Writes an update's title and body in `lang`.
pub async fn insert_update_translation(
    conn: &mut AnyConnection,
    update_id: i64,
    lang: Lang,
    title: &str,
    body: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO update_translations (update_id, lang, title, body, body_html) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(update_id)
    .bind(lang.code())
    .bind(title)
    .bind(body)
    .bind(to_safe_html(body))
    .execute(conn)
    .await
    .context("inserting an update's translation")?;
    Ok(())
}

/// What a new topic is made of.
pub struct NewTopic<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub time_zone: &'a str,
    pub results_rule: ResultsRule,
    pub host: &'a HostCard,
    pub require_verified_email: bool,
    pub published: bool,
    pub created_at: Timestamp,
}

pub async fn insert(conn: &mut AnyConnection, t: &NewTopic<'_>) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO topics (slug, title, summary, opens_at, closes_at, time_zone, results_rule, \
         host_name, host_role, host_phone, host_email, created_at, require_verified_email, \
         summary_html, published) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(t.slug)
    .bind(t.title)
    .bind(t.summary)
    .bind(t.opens_at.0)
    .bind(t.closes_at.0)
    .bind(t.time_zone)
    .bind(t.results_rule.as_str())
    .bind(&t.host.name)
    .bind(&t.host.role)
    .bind(t.host.phone.as_deref())
    .bind(t.host.email.as_deref())
    .bind(t.created_at.0)
    .bind(i64::from(t.require_verified_email))
    .bind(to_safe_html(t.summary))
    .bind(i64::from(t.published))
    .fetch_one(conn)
    .await
    .with_context(|| format!("inserting topic {}", t.slug))
}

/// Removes every version of a topic's draft, with their sections and
/// translations: for a draft replaced before anyone could comment on it.
pub async fn delete_versions(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM draft_versions WHERE topic_id = $1")
        .bind(topic_id)
        .execute(conn)
        .await
        .context("removing a draft's versions")?;
    Ok(())
}

/// The sections the topic's polls are on.
pub async fn poll_sections(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT section_anchor FROM polls WHERE topic_id = $1 AND section_anchor IS NOT NULL \
         ORDER BY position",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading the sections of a topic's polls")
}

/// Makes a topic public; false when it was already.
pub async fn publish(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query("UPDATE topics SET published = 1 WHERE id = $1 AND published = 0")
        .bind(topic_id)
        .execute(conn)
        .await
        .context("publishing a topic")?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_document(
    conn: &mut AnyConnection,
    topic_id: i64,
    position: i64,
    doc: &Document,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO documents (topic_id, position, title, url) VALUES ($1, $2, $3, $4)")
        .bind(topic_id)
        .bind(position)
        .bind(&doc.title)
        .bind(&doc.url)
        .execute(conn)
        .await
        .context("inserting a document")?;
    Ok(())
}

/// Posts an update (by `account_id`, none for the demo's); returns its id.
pub async fn insert_update(
    conn: &mut AnyConnection,
    topic_id: i64,
    account_id: Option<i64>,
    title: &str,
    body: &str,
    posted_at: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO updates (topic_id, account_id, title, body, posted_at, body_html) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(topic_id)
    .bind(account_id)
    .bind(title)
    .bind(body)
    .bind(posted_at.0)
    .bind(to_safe_html(body))
    .fetch_one(conn)
    .await
    .context("inserting an update")
}

/// Writes a topic's own fields back (title, texts, dates, host card), with
/// its summary rendered anew into `t.summary_html`.
pub async fn save(conn: &mut AnyConnection, t: &mut TopicRow) -> anyhow::Result<()> {
    t.summary_html = to_safe_html(&t.summary);
    sqlx::query(
        "UPDATE topics SET title = $1, summary = $2, opens_at = $3, closes_at = $4, \
         time_zone = $5, results_rule = $6, host_name = $7, host_role = $8, host_phone = $9, \
         host_email = $10, require_verified_email = $12, summary_html = $13 WHERE id = $11",
    )
    .bind(&t.title)
    .bind(&t.summary)
    .bind(t.opens_at.0)
    .bind(t.closes_at.0)
    .bind(&t.time_zone)
    .bind(t.results_rule.as_str())
    .bind(&t.host.name)
    .bind(&t.host.role)
    .bind(t.host.phone.as_deref())
    .bind(t.host.email.as_deref())
    .bind(t.id)
    .bind(i64::from(t.require_verified_email))
    .bind(&t.summary_html)
    .execute(conn)
    .await
    .with_context(|| format!("saving topic {}", t.slug))?;
    Ok(())
}

/// Replaces a topic's documents with `documents`, in that order.
pub async fn replace_documents(
    conn: &mut AnyConnection,
    topic_id: i64,
    documents: &[Document],
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM documents WHERE topic_id = $1")
        .bind(topic_id)
        .execute(&mut *conn)
        .await
        .context("clearing documents")?;
    for (position, doc) in documents.iter().enumerate() {
        insert_document(conn, topic_id, i64::try_from(position)?, doc).await?;
    }
    Ok(())
}

/// A version of a draft to publish: its title and Markdown, why it
/// changed (empty for a first version) and who published it.
pub struct NewVersion<'a> {
    pub title: &'a str,
    pub markdown: &'a str,
    pub note: &'a str,
    pub published_by: Option<i64>,
}

/// Publishes the next version of a topic's draft with its sections.
pub async fn insert_version(
    conn: &mut AnyConnection,
    topic_id: i64,
    new: &NewVersion<'_>,
    sections: &[Section],
    published_at: Timestamp,
) -> anyhow::Result<i64> {
    let NewVersion {
        title, markdown, ..
    } = *new;
    let version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM draft_versions WHERE topic_id = $1",
    )
    .bind(topic_id)
    .fetch_one(&mut *conn)
    .await
    .context("numbering a draft version")?;
    let version_id: i64 = sqlx::query_scalar(
        "INSERT INTO draft_versions (topic_id, version, title, markdown, published_at, note, \
         note_html, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(topic_id)
    .bind(version)
    .bind(title)
    .bind(markdown)
    .bind(published_at.0)
    .bind(new.note)
    .bind(if new.note.is_empty() {
        String::new()
    } else {
        to_safe_html(new.note)
    })
    .bind(new.published_by)
    .fetch_one(&mut *conn)
    .await
    .context("inserting a draft version")?;
    for (position, section) in sections.iter().enumerate() {
        sqlx::query(
            "INSERT INTO sections \
             (version_id, position, anchor, number, heading, level, markdown, html) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(version_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(&section.anchor)
        .bind(&section.number)
        .bind(&section.heading)
        .bind(i64::from(section.level))
        .bind(&section.markdown)
        .bind(to_safe_html(&section.markdown))
        .execute(&mut *conn)
        .await
        .context("inserting a section")?;
    }
    Ok(version_id)
}

/// A topic's dates, soonest first.
pub async fn dates(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<TopicDate>> {
    let rows = sqlx::query(
        "SELECT id, title, starts_at, place FROM topic_dates WHERE topic_id = $1 \
         ORDER BY starts_at, id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading a topic's dates")?;
    rows.iter()
        .map(|row| {
            Ok(TopicDate {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                starts_at: Timestamp(row.try_get("starts_at")?),
                starts_on: String::new(),
                place: row.try_get("place")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a topic's dates")
}

pub async fn insert_date(
    conn: &mut AnyConnection,
    topic_id: i64,
    title: &str,
    starts_at: Timestamp,
    place: Option<&str>,
    now: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO topic_dates (topic_id, title, starts_at, place, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(topic_id)
    .bind(title)
    .bind(starts_at.0)
    .bind(place)
    .bind(now.0)
    .fetch_one(conn)
    .await
    .context("adding a date")
}

/// Removes one of a topic's dates; false when it has no such date.
pub async fn delete_date(conn: &mut AnyConnection, topic_id: i64, id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM topic_dates WHERE id = $1 AND topic_id = $2")
        .bind(id)
        .bind(topic_id)
        .execute(conn)
        .await
        .context("removing a date")?;
    Ok(done.rows_affected() == 1)
}

/// The id of section `anchor` of a version.
pub async fn section_id(
    conn: &mut AnyConnection,
    version_id: i64,
    anchor: &str,
) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar::<_, i64>("SELECT id FROM sections WHERE version_id = $1 AND anchor = $2")
        .bind(version_id)
        .bind(anchor)
        .fetch_optional(conn)
        .await
        .context("finding a section")
}
