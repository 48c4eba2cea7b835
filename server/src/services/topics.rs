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
use pulse_api::sections::GENERAL;
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
pub async fn show(state: &AppState, slug: &str, lang: Lang, original: bool) -> Result<Topic> {
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let content = if original { Lang::ORIGINAL } else { lang };
    whole_in(&mut conn, topic, clock::now(), lang, content).await
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
    whole_in(conn, topic, now, lang, lang).await
}

/// A topic whole for a reader of `lang`, the city's texts in `content`
/// where it translated them (else as written).
async fn whole_in(
    conn: &mut AnyConnection,
    topic: TopicRow,
    now: Timestamp,
    lang: Lang,
    content: Lang,
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
    let counts = db::comments::counts(conn, topic.id).await?;
    let draft = match db::topics::current_version(conn, topic.id).await? {
        Some(version) => {
            let translated = match content {
                Lang::ORIGINAL => None,
                _ => db::topics::version_title(conn, version.id, content).await?,
            };
            let shown_in = if translated.is_some() {
                content
            } else {
                Lang::ORIGINAL
            };
            Some(Draft {
                sections: db::topics::sections(conn, version.id, shown_in, &counts).await?,
                version: version.version,
                title: translated.unwrap_or(version.title),
                published_at: version.published_at,
                lang: shown_in,
            })
        }
        None => None,
    };
    let general_count = counts.get(GENERAL).copied().unwrap_or(0);
    let (results_rule, require_verified_email) = (topic.results_rule, topic.require_verified_email);
    let host = topic.host.clone();
    let listing = summary(topic, counts.values().sum(), now, lang, text);
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
        Lang::ORIGINAL,
        translations,
    ))
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
