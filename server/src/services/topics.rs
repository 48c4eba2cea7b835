//! Topics: the list with its status tabs, one topic whole; and for admins,
//! creating and changing topics and naming their hosts.

use super::topic_setup::{self, FieldError, HostChange};
use super::{Act, Unread, find_topic, record};
use crate::dates::date_time;
use crate::db::topics::{TopicRow, TopicText};
use crate::error::{ApiError, Result};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use pulse_api::i18n::{Arg, Lang, Msg, Said};
use pulse_api::sections::{GENERAL, REMOVED};
use pulse_api::validate::Email;
use pulse_api::wire::{
    Account, Draft, NewTopic, Topic, TopicDate, TopicEdit, TopicList, TopicSummary, Update,
};
use pulse_api::{Timestamp, TopicStatus};
use sqlx::AnyConnection;

/// The topics, those with the `wanted` status only when given.
pub async fn list(state: &AppState, wanted: Option<TopicStatus>, lang: Lang) -> Result<TopicList> {
    let now = clock::now();
    let mut conn = state.db.read().await?;
    let mut texts = match lang {
        Lang::ORIGINAL => Default::default(),
        _ => db::topics::translated_texts(&mut conn, lang).await?,
    };
    let topics = db::topics::list(&mut conn)
        .await?
        .into_iter()
        .filter(|(topic, _)| wanted.is_none_or(|w| topic.status(now) == w))
        .map(|(topic, comment_count)| {
            let text = texts.remove(&topic.id).map(|text| (lang, text));
            summary(topic, comment_count, now, lang, text)
        })
        .collect();
    Ok(TopicList {
        topics,
        now,
        city: state.config.mail.city.clone(),
    })
}

/// A topic as listed, its dates said in `lang`; its title and summary as
/// written, or as `translated`.
fn summary(
    mut topic: TopicRow,
    comment_count: i64,
    now: Timestamp,
    lang: Lang,
    translated: Option<(Lang, TopicText)>,
) -> TopicSummary {
    let shown_in = match translated {
        Some((shown_in, text)) => {
            topic.title = text.title;
            topic.summary = text.summary;
            topic.summary_html = text.summary_html;
            shown_in
        }
        None => Lang::ORIGINAL,
    };
    TopicSummary {
        lang: shown_in,
        opens_on: date_time(topic.opens_at, &topic.time_zone, lang),
        closes_on: date_time(topic.closes_at, &topic.time_zone, lang),
        status: topic.status(now),
        slug: topic.slug,
        title: topic.title,
        summary_html: topic.summary_html,
        summary: topic.summary,
        opens_at: topic.opens_at,
        closes_at: topic.closes_at,
        time_zone: topic.time_zone,
        comment_count,
    }
}

/// One topic whole, by its slug, as any reader of `lang` sees it: in
/// their language where the city translated it, unless they asked for the
/// `original`.
pub async fn show(
    state: &AppState,
    slug: &str,
    lang: Lang,
    original: bool,
    version: Option<i64>,
) -> Result<Topic> {
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let content = if original { Lang::ORIGINAL } else { lang };
    whole_in(&mut conn, topic, clock::now(), lang, content, version).await
}

/// A topic and its updates, newest first: its feed.
pub async fn with_updates(state: &AppState, slug: &str) -> Result<(TopicRow, Vec<Update>)> {
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let updates = db::topics::updates(&mut conn, topic.id, Lang::ORIGINAL).await?;
    Ok((topic, updates))
}

/// A topic and its dates, soonest first: its calendar.
pub async fn with_dates(state: &AppState, slug: &str) -> Result<(TopicRow, Vec<TopicDate>)> {
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let dates = db::topics::dates(&mut conn, topic.id).await?;
    Ok((topic, dates))
}

/// A topic with its documents, updates, dates and current draft, for a
/// reader of `lang`.
pub async fn whole(
    conn: &mut AnyConnection,
    topic: TopicRow,
    now: Timestamp,
    lang: Lang,
) -> Result<Topic> {
    whole_in(conn, topic, now, lang, lang, None).await
}

/// A topic whole for a reader of `lang`, the city's texts in `content`
/// where it translated them (else as written); its draft's current
/// version, or version `version`.
async fn whole_in(
    conn: &mut AnyConnection,
    topic: TopicRow,
    now: Timestamp,
    lang: Lang,
    content: Lang,
    version: Option<i64>,
) -> Result<Topic> {
    let documents = db::topics::documents(conn, topic.id).await?;
    let translations = db::topics::translated_into(conn, topic.id).await?;
    let text = match content {
        Lang::ORIGINAL => None,
        _ => db::topics::translated_text(conn, topic.id, content)
            .await?
            .map(|text| (content, text)),
    };
    let mut updates = db::topics::updates(conn, topic.id, content).await?;
    for update in &mut updates {
        update.posted_on = date_time(update.posted_at, &topic.time_zone, lang);
    }
    let mut dates = db::topics::dates(conn, topic.id).await?;
    for date in &mut dates {
        date.starts_on = date_time(date.starts_at, &topic.time_zone, lang);
    }
    let counts = db::revisions::counts(conn, topic.id).await?;
    let mut draft = draft(conn, topic.id, version, content, &counts).await?;
    if let Some(draft) = &mut draft {
        draft.published_on = date_time(draft.published_at, &topic.time_zone, lang);
    }
    let general_count = counts.get(GENERAL).map_or(0, |(n, _)| *n);
    let (results_rule, require_verified_email) = (topic.results_rule, topic.require_verified_email);
    let host = topic.host.clone();
    let total = counts.values().map(|(n, _)| n).sum();
    let listing = summary(topic, total, now, lang, text);
    Ok(Topic::from_listing(
        listing,
        now,
        results_rule,
        host,
        require_verified_email,
        documents,
        updates,
        dates,
        draft,
        general_count,
        counts.get(REMOVED).map_or(0, |(n, _)| *n),
        Lang::ORIGINAL,
        translations,
    ))
}

/// The draft a reader of `content` sees: the current version, or version
/// `number`; its sections in `content` where that version was translated
/// into it. `counts` are the topic's comments by the section they belong
/// to now; an earlier version counts those written on it.
async fn draft(
    conn: &mut AnyConnection,
    topic_id: i64,
    number: Option<i64>,
    content: Lang,
    counts: &std::collections::HashMap<String, (i64, i64)>,
) -> Result<Option<Draft>> {
    let Some(latest) = db::topics::current_version(conn, topic_id).await? else {
        return Ok(None);
    };
    let wanted = number.unwrap_or(latest.version);
    let version = db::revisions::version(conn, topic_id, wanted)
        .await?
        .ok_or_else(|| {
            ApiError::not_found(Msg::NoSuchVersion.with([("version", wanted.to_string())]))
        })?;
    let translated = match content {
        Lang::ORIGINAL => None,
        _ => db::topics::version_title(conn, version.id, content).await?,
    };
    let shown_in = if translated.is_some() {
        content
    } else {
        Lang::ORIGINAL
    };
    let translation_of = match (content, translated.is_some()) {
        (Lang::ORIGINAL, _) | (_, true) => None,
        _ => db::topics::translated_version(conn, topic_id, content, version.version).await?,
    };
    let written;
    let counts = if version.version == latest.version {
        counts
    } else {
        written = db::topics::counts_written(conn, version.id).await?;
        &written
    };
    let aliases = db::revisions::aliases(conn, version.id).await?;
    Ok(Some(Draft {
        sections: db::topics::sections(conn, version.id, shown_in, counts, &aliases).await?,
        version: version.version,
        title: translated.unwrap_or(version.title),
        published_at: version.published_at,
        lang: shown_in,
        latest: latest.version,
        published_on: String::new(),
        note: version.note,
        note_html: version.note_html,
        translation_of,
    }))
}

pub(super) fn field_problem(error: FieldError) -> ApiError {
    // A topic's settings are checked by `topic_setup`, shared with
    // `pulse admin` (which says them in English).
    ApiError::unprocessable(Said {
        msg: Msg::SettingIsWrong,
        args: vec![
            ("field", Arg::Text(error.field)),
            ("message", error.message.into()),
        ],
    })
}

/// An admin creates a topic, with its draft, polls and documents.
pub async fn create(
    state: &AppState,
    user: Option<Account>,
    lang: Lang,
    body: Unread<NewTopic>,
) -> Result<Topic> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let valid = topic_setup::validate(body.read()?).map_err(field_problem)?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let Some(id) = topic_setup::create(&mut tx, &valid, &actor, now).await? else {
        return Err(ApiError::conflict(
            Msg::SlugTaken.with([("slug", valid.topic.slug.clone())]),
        ));
    };
    let topic = db::topics::find_by_id(&mut tx, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("topic {id} vanished after it was created"))?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}

/// An admin changes a topic's dates, texts, host card or settings.
pub async fn edit(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    body: Unread<TopicEdit>,
) -> Result<Topic> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let change = body.read()?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let mut topic = find_topic(&mut tx, slug).await?;
    let mut documents = None;
    let changed =
        topic_setup::apply_edit(&mut topic, &change, &mut documents).map_err(field_problem)?;
    db::topics::save(&mut tx, &mut topic).await?;
    if let Some(documents) = &documents {
        db::topics::replace_documents(&mut tx, topic.id, documents).await?;
    }
    let changed = changed.join(", ");
    record(
        &mut tx,
        &actor,
        Act::on_topic("edit_topic", topic.id).subject(&changed),
        now,
    )
    .await?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}

/// The email addresses of a topic's host accounts, for admins.
pub async fn hosts(state: &AppState, user: Option<Account>, slug: &str) -> Result<Vec<String>> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    Ok(db::hosts::of_topic(&mut conn, topic.id).await?)
}

/// An admin grants (or revokes) hosting of a topic to an account. Done
/// also when nothing changed (it is idempotent); only a change is audited.
pub async fn set_host(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    email: &str,
    grant: bool,
) -> Result<()> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let email = Email::parse(email).map_err(ApiError::unprocessable)?;
    let mut tx = state.db.write().await?;
    let done = topic_setup::set_host(&mut tx, slug, &email, grant, &actor, clock::now()).await?;
    match done {
        HostChange::NoTopic => {
            let shown: String = slug.chars().take(60).collect();
            return Err(ApiError::not_found(
                Msg::NoSuchTopic.with([("slug", shown)]),
            ));
        }
        HostChange::NoAccount => {
            return Err(ApiError::not_found(
                Msg::NoAccountWithAddress.with([("email", email.as_str())]),
            ));
        }
        HostChange::Done | HostChange::Unchanged => {}
    }
    db::commit(tx).await?;
    Ok(())
}
