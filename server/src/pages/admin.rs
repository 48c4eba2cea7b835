//! The admin's topics (`/admin`), whole from the server, and its
//! decisions sent without the app: name a host (inviting an address with
//! no account when a name is given), remove one, publish a topic saved
//! unpublished. Each is handed to the same service as the JSON API and
//! answered with `303` back to the list, or the page again with the
//! form's mistake.

use crate::body::Unread;
use crate::dates::{Fold, wall_time};
use crate::error::ApiError;
use crate::extract::{FormFields, PathParam};
use crate::rendering::{About, Visit, see_other};
use crate::services::dates::{self, DateForm};
use crate::services::topics;
use crate::session::Cookies;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg, Said};
use pulse_api::wire::{
    Document, HostCard, HostInvite, NewPoll, NewTopic, PollKind, PollTranslation, ResultsRule,
    TopicEdit, TopicTranslation,
};
use pulse_app::pages::admin::AdminKnown;
use pulse_app::pages::new_topic::EditTopicKnown;
use pulse_app::ssr::Page;
use std::collections::BTreeMap;

/// The list's status filter, as the page's address gives it.
fn status(visit: &Visit) -> String {
    pulse_app::nav::query_value(&visit.query, "status").unwrap_or_default()
}

async fn known(visit: &Visit) -> (AdminKnown, StatusCode) {
    let list = topics::admin_list(
        &visit.state,
        visit.account.clone(),
        Some(&status(visit)),
        visit.lang,
    )
    .await;
    let (found, status) = visit.said(list);
    (AdminKnown(found), status)
}

pub async fn page(visit: Visit) -> Response {
    let (known, status) = known(&visit).await;
    visit.answer(Page::Admin(Box::new(known)), About::default(), None, status)
}

pub async fn send(visit: Visit, fields: FormFields) -> Response {
    let done = if visit.token_is(&fields.get("csrf")) {
        act(&visit, &fields).await
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    match done {
        Ok(done) => {
            let filter = match status(&visit).as_str() {
                "" => String::new(),
                s => format!("status={s}&"),
            };
            see_other(&format!("/admin?{filter}done={done}"), Cookies(Vec::new()))
        }
        Err(error) => {
            let form = fields.form_id();
            let kept = fields.kept(&["form", "email", "name"]);
            let (known, _) = known(&visit).await;
            visit.again_on(
                Page::Admin(Box::new(known)),
                kept,
                String::new(),
                error,
                form.as_deref(),
            )
        }
    }
}

/// Does what the form asks; answers what was done, as `?done=` says it.
async fn act(visit: &Visit, fields: &FormFields) -> Result<&'static str, ApiError> {
    let (state, user, lang) = (&visit.state, visit.account.clone(), visit.lang);
    let slug = fields.get("topic");
    match fields.get("do").as_str() {
        "add-host" => {
            let invite = HostInvite {
                name: fields.get("name"),
                lang: None,
            };
            let email = fields.get("email");
            topics::set_host(
                state,
                user,
                &slug,
                &email,
                true,
                Some(Unread::of(&invite)),
                lang,
            )
            .await?;
            Ok("host-added")
        }
        "remove-host" => {
            topics::set_host(state, user, &slug, &fields.get("email"), false, None, lang).await?;
            Ok("host-removed")
        }
        "publish" => {
            topics::publish(state, user, &slug, lang).await?;
            Ok("published")
        }
        _ => Err(ApiError::bad_request(Msg::FormUnreadable)),
    }
}

/// The new topic form (`/admin/topics/new`): admins only.
pub async fn new_topic_page(visit: Visit) -> Response {
    match topics::new_topic_form(visit.account.clone()) {
        Ok(()) => visit.answer(Page::NewTopic, About::default(), None, StatusCode::OK),
        Err(error) => {
            let refusal = error.refusal(visit.lang);
            visit.answer(
                Page::Problem(refusal.summary),
                About::default(),
                None,
                refusal.status,
            )
        }
    }
}

/// The new topic as the form sent it: saved (unpublished unless asked),
/// and its preview opened; or the form again with its mistakes.
pub async fn new_topic_send(visit: Visit, fields: FormFields) -> Response {
    let saved = if visit.token_is(&fields.get("csrf")) {
        match topic_from_form(&fields, None) {
            Ok(topic) => {
                let slug = topic.slug.clone();
                topics::create(
                    &visit.state,
                    visit.account.clone(),
                    visit.lang,
                    Unread::of(&topic),
                )
                .await
                .map(|_| slug)
            }
            Err(error) => Err(error),
        }
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    match saved {
        Ok(slug) => see_other(&format!("/topics/{slug}"), Cookies(Vec::new())),
        Err(error) => {
            let kept = fields.kept(&pulse_app::pages::new_topic::FIELDS);
            visit.again_on(Page::NewTopic, kept, String::new(), error, None)
        }
    }
}

/// A topic's edit form (`/admin/topics/{slug}/edit`): admins only.
pub async fn edit_topic_page(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    let setup = topics::setup(&visit.state, visit.account.clone(), &slug, visit.lang).await;
    let (found, status) = visit.said(setup);
    let page = Page::EditTopic(slug, Box::new(EditTopicKnown(found)));
    visit.answer(page, About::default(), None, status)
}

/// A topic's changes as its edit form sent them: saved, and the topic
/// opened; or the form again with its mistakes. The draft is sent (and
/// changed) only while the topic is unpublished.
pub async fn edit_topic_send(
    PathParam(slug): PathParam<String>,
    visit: Visit,
    fields: FormFields,
) -> Response {
    if let Some(form) = fields.date_form() {
        return date_sent(slug, visit, fields, form).await;
    }
    let saved = if visit.token_is(&fields.get("csrf")) {
        match topic_from_form(&fields, Some(&slug)) {
            Ok(topic) => {
                let with_draft = fields.0.iter().any(|(name, _)| name == "draft");
                let edit = TopicEdit {
                    title: Some(topic.title),
                    summary: Some(topic.summary),
                    opens_at: Some(topic.opens_at),
                    closes_at: Some(topic.closes_at),
                    time_zone: Some(topic.time_zone),
                    results_rule: Some(topic.results_rule),
                    host: Some(topic.host),
                    documents: Some(topic.documents),
                    require_verified_email: Some(topic.require_verified_email),
                    draft_title: with_draft.then_some(topic.draft_title),
                    draft: with_draft.then_some(topic.draft),
                    polls: Some(topic.polls),
                    translations: Some(topic.translations),
                };
                topics::edit(
                    &visit.state,
                    visit.account.clone(),
                    &slug,
                    visit.lang,
                    Unread::of(&edit),
                )
                .await
                .map(|_| ())
            }
            Err(error) => Err(error),
        }
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    match saved {
        Ok(()) => see_other(&format!("/topics/{slug}"), Cookies(Vec::new())),
        Err(error) => {
            let setup = topics::setup(&visit.state, visit.account.clone(), &slug, visit.lang).await;
            let (found, _) = visit.said(setup);
            let kept = fields.kept(&pulse_app::pages::new_topic::FIELDS);
            let page = Page::EditTopic(slug, Box::new(EditTopicKnown(found)));
            visit.again_on(page, kept, String::new(), error, None)
        }
    }
}

/// A key date added or removed on the edit page without the app: back to
/// the page, saying so; or the page again with the date form's mistake.
async fn date_sent(slug: String, visit: Visit, fields: FormFields, form: DateForm) -> Response {
    let done = if visit.token_is(&fields.get("csrf")) {
        dates::send_form(&visit.state, visit.account.clone(), &slug, visit.lang, form).await
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    match done {
        Ok(done) => see_other(
            &format!("/admin/topics/{slug}/edit?done={done}#dates-title"),
            Cookies(Vec::new()),
        ),
        Err(error) => {
            let form = fields.form_id();
            let mut kept = fields.kept(&["form", "title"]);
            kept.extend(fields.date_kept(&error));
            let setup = topics::setup(&visit.state, visit.account.clone(), &slug, visit.lang).await;
            let (found, _) = visit.said(setup);
            let page = Page::EditTopic(slug, Box::new(EditTopicKnown(found)));
            visit.again_on(page, kept, String::new(), error, form.as_deref())
        }
    }
}

/// A topic as the form writes it: its dates as wall times on the topic's
/// clock, its documents a line each ("Title | https://…"), its polls a
/// block each (the question, then "- " and each option; "[multiple]" and
/// "[section: anchor]" after the question; "[es] " and the question in
/// Spanish, then its options), its Spanish in fields of their own. Only the form's own shapes
/// are read here; what a topic may be is `topic_setup`'s to say.
fn topic_from_form(fields: &FormFields, slug: Option<&str>) -> Result<NewTopic, ApiError> {
    let wrong = |field: &str, said: Said| {
        ApiError::Fields(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![(field.to_string(), said)],
        )
    };
    let zone = fields.get("time_zone").trim().to_string();
    let when = |field: &str| -> Result<Timestamp, ApiError> {
        let text = fields.get(field);
        if text.trim().is_empty() {
            return Err(wrong(field, Msg::GiveDate.into()));
        }
        if !crate::dates::is_known_zone(&zone) {
            return Err(wrong(
                "time_zone",
                Msg::SetupTimeZone.with([("zone", zone.as_str())]),
            ));
        }
        // Opening and closing on the night the clocks go back: the first.
        wall_time(&text, &zone, Some(Fold::Earlier)).map_err(|said| wrong(field, said))
    };
    let optional = |field: &str| Some(fields.get(field)).filter(|v| !v.trim().is_empty());
    let mut documents = Vec::new();
    for line in fields
        .get("documents")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let Some((title, url)) = line.rsplit_once('|') else {
            return Err(wrong(
                "documents",
                Msg::FormDocumentLine.with([("line", line.trim())]),
            ));
        };
        documents.push(Document {
            title: title.trim().to_string(),
            url: url.trim().to_string(),
        });
    }
    let polls_text = fields.get("polls").replace("\r\n", "\n");
    let mut polls = Vec::new();
    for block in polls_text
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        let mut lines = block.lines();
        let mut question = lines.next().unwrap_or_default().trim().to_string();
        let mut kind = PollKind::Single;
        let mut section = None;
        if let Some(rest) = question.strip_suffix("[multiple]") {
            question = rest.trim().to_string();
            kind = PollKind::Multiple;
        }
        if let Some(start) = question.find("[section:")
            && question.ends_with(']')
        {
            section = Some(question[start + 9..question.len() - 1].trim().to_string());
            question = question[..start].trim().to_string();
            if let Some(rest) = question.strip_suffix("[multiple]") {
                question = rest.trim().to_string();
                kind = PollKind::Multiple;
            }
        }
        // The original's options, then, after a line "[es] question",
        // the Spanish options.
        let mut options = Vec::new();
        let mut translations = BTreeMap::new();
        let mut translating: Option<(Lang, PollTranslation)> = None;
        for line in lines.map(str::trim).filter(|l| !l.is_empty()) {
            let marked = line
                .strip_prefix('[')
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(code, rest)| Some((Lang::parse(code.trim())?, rest.trim())));
            if let Some((lang, question)) = marked {
                if let Some((lang, done)) = translating.take() {
                    translations.insert(lang, done);
                }
                let question = question.to_string();
                let options = Vec::new();
                translating = Some((lang, PollTranslation { question, options }));
                continue;
            }
            // "- " (or "* ") marks an option; "-5 °F" is one as written.
            let option = line
                .strip_prefix("- ")
                .or_else(|| line.strip_prefix("* "))
                .unwrap_or(line)
                .trim()
                .to_string();
            match &mut translating {
                Some((_, translation)) => translation.options.push(option),
                None => options.push(option),
            }
        }
        if let Some((lang, done)) = translating {
            translations.insert(lang, done);
        }
        polls.push(NewPoll {
            question,
            kind,
            section,
            options,
            translations,
        });
    }
    // The topic in Spanish: none when its every field is left empty.
    let spanish = |name: &str| fields.get(&format!("translations_es_{name}"));
    let mut translations = BTreeMap::new();
    if ["title", "summary", "draft_title", "draft"]
        .iter()
        .any(|name| !spanish(name).trim().is_empty())
    {
        let either = |name: &str| Some(spanish(name)).filter(|v| !v.trim().is_empty());
        let (draft_title, draft) = (either("draft_title"), either("draft"));
        translations.insert(
            Lang::Es,
            TopicTranslation {
                title: spanish("title"),
                summary: spanish("summary"),
                draft_title,
                draft,
            },
        );
    }
    Ok(NewTopic {
        slug: match slug {
            Some(slug) => slug.to_string(),
            None => fields.get("slug").trim().to_string(),
        },
        title: fields.get("title"),
        summary: fields.get("summary"),
        opens_at: when("opens_at")?,
        closes_at: when("closes_at")?,
        time_zone: zone.clone(),
        results_rule: ResultsRule::parse(&fields.get("results_rule"))
            .ok_or_else(|| ApiError::bad_request(Msg::FormUnreadable))?,
        host: HostCard {
            name: fields.get("host_name"),
            role: fields.get("host_role"),
            phone: optional("host_phone"),
            email: optional("host_email"),
        },
        documents,
        draft_title: fields.get("draft_title"),
        draft: fields.get("draft"),
        polls,
        require_verified_email: !fields.get("require_verified_email").is_empty(),
        translations,
        published: !fields.get("published").is_empty(),
    })
}
