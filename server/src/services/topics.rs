//! Topics: the list with its status tabs, one topic whole; and for admins,
//! creating and changing topics and naming their hosts.

use super::public_record;
use super::topic_setup::{self, FieldError, HostChange};
use super::{Act, Unread, find_any_topic, find_topic, on_topic, record};
use crate::dates::{date_time, wall_clock};
use crate::db::outbox::Kind;
use crate::db::tokens::Purpose;
use crate::db::topics::{TopicRow, TopicText};
use crate::error::{ApiError, Result};
use crate::mail::{MailedLink, mail_link};
use crate::password::hash_password;
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use axum::http::StatusCode;
use pulse_api::i18n::{Arg, Lang, Msg, Said};
use pulse_api::sections::{GENERAL, REMOVED};
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::{
    Account, AdminTopic, AdminTopicList, Draft, HostInvite, NewTopic, Role, Topic, TopicDate,
    TopicEdit, TopicList, TopicSetup, TopicSummary, TopicTranslation, Update,
};
use pulse_api::{Timestamp, TopicStatus};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// The topics, those with the `wanted` status only when given.
pub async fn list(state: &AppState, wanted: Option<TopicStatus>, lang: Lang) -> Result<TopicList> {
    let now = clock::now();
    let mut conn = state.db.read().await?;
    let mut texts = match lang {
        Lang::ORIGINAL => Default::default(),
        _ => db::topics::translated_texts(&mut conn, lang).await?,
    };
    let topics = db::topics::list(&mut conn, false)
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
        published: topic.published,
    }
}

/// One topic whole, by its slug, as `user` reading `lang` sees it: in
/// their language where the city translated it, unless they asked for the
/// `original`. One not published yet is shown to its hosts and admins
/// only (a preview).
pub async fn show(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    original: bool,
    version: Option<i64>,
) -> Result<Topic> {
    let mut conn = state.db.read().await?;
    let (topic, _) = on_topic(&mut conn, user, slug).await?;
    let content = if original { Lang::ORIGINAL } else { lang };
    whole_in(&mut conn, topic, clock::now(), lang, content, version).await
}

/// A topic and its updates, newest first: its feed.
/// A topic's updates, with the head of its public record: its feed.
/// A head of a topic's record as it was published.
pub use db::record::Checkpoint as PublishedHead;

/// Most published heads of a topic's record its feed carries.
const FEED_HEADS: i64 = 60;

pub struct Feed {
    pub topic: TopicRow,
    pub updates: Vec<Update>,
    pub head: Option<db::record::Head>,
    /// The record's heads published (daily, at the close), newest first.
    pub published_heads: Vec<PublishedHead>,
}

pub async fn with_updates(state: &AppState, slug: &str) -> Result<Feed> {
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let updates = db::topics::updates(&mut conn, topic.id, Lang::ORIGINAL).await?;
    let head = db::record::head(&mut conn, topic.id).await?;
    let published_heads = db::record::checkpoints(&mut conn, topic.id, FEED_HEADS).await?;
    Ok(Feed {
        topic,
        updates,
        head,
        published_heads,
    })
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
    // Named as a field too, so that a form can show it beside its field.
    let said = Said {
        msg: Msg::SettingIsWrong,
        args: vec![
            ("field", Arg::Text(error.field.clone())),
            ("message", error.message.into()),
        ],
    };
    ApiError::Fields(StatusCode::UNPROCESSABLE_ENTITY, vec![(error.field, said)])
}

/// Whether `user` may open the form for a new topic: admins may.
pub fn new_topic_form(user: Option<Account>) -> Result<()> {
    policy::may_administer(&Actor::anywhere(user))
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

/// A topic as its edit form shows it (admins): its fields as a topic file
/// has them, its dates on its own clock.
pub async fn setup(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
) -> Result<TopicSetup> {
    policy::may_administer(&Actor::anywhere(user))?;
    let mut conn = state.db.read().await?;
    let topic = find_any_topic(&mut conn, slug).await?;
    let documents = db::topics::documents(&mut conn, topic.id).await?;
    let polls = topic_setup::stored_polls(&mut conn, topic.id).await?;
    let draft = current_draft(&mut conn, topic.id).await?;
    let ballots = db::polls::ballot_counts(&mut conn, topic.id).await?;
    let mut translations = BTreeMap::new();
    for language in db::topics::translated_into(&mut conn, topic.id).await? {
        let Some(text) = db::topics::translated_text(&mut conn, topic.id, language).await? else {
            continue;
        };
        let draft = db::topics::version_translation(&mut conn, draft.id, language).await?;
        let (draft_title, draft) = draft.unzip();
        translations.insert(
            language,
            TopicTranslation {
                title: text.title,
                summary: text.summary,
                draft_title,
                draft,
            },
        );
    }
    let mut dates = db::topics::dates(&mut conn, topic.id).await?;
    for date in &mut dates {
        date.starts_on = date_time(date.starts_at, &topic.time_zone, lang);
    }
    Ok(TopicSetup {
        poll_ballots: polls
            .iter()
            .map(|(id, _)| ballots.get(id).map_or(0, |b| b.cast))
            .collect(),
        opens_local: wall_clock(topic.opens_at, &topic.time_zone),
        closes_local: wall_clock(topic.closes_at, &topic.time_zone),
        polls: polls.into_iter().map(|(_, poll)| poll).collect(),
        slug: topic.slug,
        title: topic.title,
        summary: topic.summary,
        time_zone: topic.time_zone,
        results_rule: topic.results_rule,
        host: topic.host,
        documents,
        draft_title: draft.title,
        draft: draft.markdown,
        require_verified_email: topic.require_verified_email,
        published: topic.published,
        translations,
        dates,
    })
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
    let mut topic = find_any_topic(&mut tx, slug).await?;
    // The topic and its record's head first, as every writer of the
    // topic takes them.
    public_record::hold(&mut tx, &topic).await?;
    let window = (topic.opens_at, topic.closes_at);
    let mut documents = None;
    let mut changed =
        topic_setup::apply_edit(&mut topic, &change, &mut documents).map_err(field_problem)?;
    db::topics::save(&mut tx, &mut topic).await?;
    // When residents may take part is on the record when it changes.
    if (topic.opens_at, topic.closes_at) != window {
        let said = public_record::PublicAct::window(topic.opens_at, topic.closes_at);
        public_record::append(&mut tx, &topic, said, now).await?;
    }
    if let Some(documents) = &documents {
        db::topics::replace_documents(&mut tx, topic.id, documents).await?;
    }
    let draft = topic_setup::draft_edit(&topic, &change).map_err(field_problem)?;
    // Polls and translations are checked against the draft as the edit
    // leaves it.
    let sections = match draft.as_ref().and_then(|d| d.draft.as_ref()) {
        Some((_, cut)) => cut.clone(),
        None => pulse_api::sections::split(&current_draft(&mut tx, topic.id).await?.markdown),
    };
    if let Some(polls) = change.polls {
        let replaced = topic_setup::replace_polls(&mut tx, topic.id, polls, &sections)
            .await?
            .map_err(field_problem)?;
        if replaced {
            changed.push("polls");
        }
    }
    if let Some(draft) = draft {
        topic_setup::replace_draft(&mut tx, topic.id, draft, now)
            .await?
            .map_err(field_problem)?;
        changed.push("draft");
    }
    if let Some(translations) = change.translations {
        let version = current_draft(&mut tx, topic.id).await?;
        let replaced = topic_setup::replace_translations(
            &mut tx,
            topic.id,
            version.id,
            translations,
            &sections,
        )
        .await?
        .map_err(field_problem)?;
        if replaced {
            changed.push("translations");
        }
    }
    let changed = changed.join(", ");
    let mut act = Act::on_topic("edit_topic", topic.id);
    if !changed.is_empty() {
        act = act.subject(&changed);
    }
    record(&mut tx, &actor, act, now).await?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}

/// A topic's current version.
async fn current_draft(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> Result<db::revisions::VersionRow> {
    let latest = db::topics::current_version(conn, topic_id)
        .await?
        .ok_or_else(|| ApiError::conflict(Msg::NoDraftToComment))?;
    Ok(db::revisions::version(conn, topic_id, latest.version)
        .await?
        .ok_or_else(|| anyhow::anyhow!("version {} vanished", latest.version))?)
}

/// Every topic for admins, those saved unpublished too, with their hosts:
/// those not published yet (`unpublished`), or with one status, when asked.
pub async fn admin_list(
    state: &AppState,
    user: Option<Account>,
    wanted: Option<&str>,
    lang: Lang,
) -> Result<AdminTopicList> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let wanted = match wanted.map(str::trim) {
        None | Some("") => None,
        Some("unpublished") => Some(None),
        Some(status) => Some(Some(
            TopicStatus::parse(status).ok_or_else(|| ApiError::bad_request(Msg::StatusToList))?,
        )),
    };
    let now = clock::now();
    let mut conn = state.db.read().await?;
    let mut topics = Vec::new();
    for (topic, comment_count) in db::topics::list(&mut conn, true).await? {
        let keep = match wanted {
            None => true,
            Some(None) => !topic.published,
            Some(Some(status)) => topic.published && topic.status(now) == status,
        };
        if !keep {
            continue;
        }
        let hosts = db::hosts::of_topic(&mut conn, topic.id).await?;
        topics.push(AdminTopic {
            topic: summary(topic, comment_count, now, lang, None),
            hosts,
        });
    }
    Ok(AdminTopicList { topics, now })
}

/// The email addresses of a topic's host accounts, for admins.
pub async fn hosts(state: &AppState, user: Option<Account>, slug: &str) -> Result<Vec<String>> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let mut conn = state.db.read().await?;
    let topic = find_any_topic(&mut conn, slug).await?;
    Ok(db::hosts::of_topic(&mut conn, topic.id).await?)
}

/// An admin makes a topic public: from now on everyone sees it, in lists,
/// feeds and calendars. Done also when it was public already; only the
/// change is audited.
pub async fn publish(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
) -> Result<Topic> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let mut topic = find_any_topic(&mut tx, slug).await?;
    if db::topics::publish(&mut tx, topic.id).await? {
        topic.published = true;
        // What was made while it was a preview goes on its record now.
        public_record::backfill(&mut tx, &topic).await?;
        record(
            &mut tx,
            &actor,
            Act::on_topic("publish_topic", topic.id).subject(&topic.title),
            now,
        )
        .await?;
    }
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}

/// How long the link mailed to an invited host works.
const INVITE_WITHIN: i64 = 7 * 24 * 3600;

/// An admin grants (or revokes) hosting of a topic to an account. Done
/// also when nothing changed (it is idempotent); only a change is audited.
/// Granting to an address with no account, with the person's name
/// (`invite`), makes the account and mails them a link to choose its
/// password (single use, for a week).
pub async fn set_host(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    email: &str,
    grant: bool,
    invite: Option<Unread<HostInvite>>,
    lang: Lang,
) -> Result<()> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let email = Email::parse(email).map_err(ApiError::unprocessable)?;
    let invite = match invite.map(Unread::read_if_any).transpose()?.flatten() {
        Some(invite) if !invite.name.trim().is_empty() => {
            let name = DisplayName::parse(&invite.name)
                .map_err(|e| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "name", e))?;
            Some((name, invite.lang.unwrap_or(lang)))
        }
        _ => None,
    };
    // Nobody will know an invited account's first password: its own is
    // chosen from the link. (Hashed before the transaction: no writer
    // waits for it.)
    let unknowable = if invite.is_some() {
        let password =
            Password::parse(&crate::password::generate()?).map_err(ApiError::unprocessable)?;
        Some(hash_password(password).await?)
    } else {
        None
    };
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let mut done = topic_setup::set_host(&mut tx, slug, &email, grant, &actor, now).await?;
    if let (HostChange::NoAccount, Some((name, lang)), Some(hash)) = (done, &invite, &unknowable) {
        let created = db::accounts::create(
            &mut tx,
            db::accounts::NewAccount {
                email: &email,
                display_name: name,
                password_hash: hash,
                role: Role::Resident,
                lang: *lang,
                created_at: now.0,
            },
        )
        .await?;
        let db::accounts::Created::Account(account) = created else {
            return Err(ApiError::conflict(Msg::AlreadyRecorded));
        };
        record(
            &mut tx,
            &actor,
            Act::new("invite_account").subject(email.as_str()),
            now,
        )
        .await?;
        done = topic_setup::set_host(&mut tx, slug, &email, grant, &actor, now).await?;
        let topic = find_any_topic(&mut tx, slug).await?;
        mail_link(
            &mut tx,
            MailedLink {
                kind: Kind::HostInvite,
                purpose: Purpose::Reset,
                recipient: &account.email,
                lang: *lang,
                account_id: Some(account.id),
                subscription_id: None,
                topic_id: Some(topic.id),
                valid_for: INVITE_WITHIN,
            },
            now,
        )
        .await?;
    }
    match done {
        HostChange::NoTopic => {
            let shown: String = slug.chars().take(60).collect();
            return Err(ApiError::not_found(
                Msg::NoSuchTopic.with([("slug", shown)]),
            ));
        }
        HostChange::NoAccount if grant => {
            return Err(ApiError::not_found(
                Msg::NoAccountToHost.with([("email", email.as_str())]),
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
    if invite.is_some() {
        super::wake_mail(state);
    }
    Ok(())
}
