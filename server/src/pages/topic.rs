//! A topic's page, and its forms sent without the app: comment and reply,
//! edit and withdraw one's own, agree or disagree, flag to the host, vote,
//! follow the topic and stop. Each form posts to the page it is on (with
//! the thread it belongs to open, `?comments=ANCHOR`) and says what it
//! does in its `do` field; each is handed to the same service as the JSON
//! API, and answered with `303` back to where the resident was (the
//! comment, the poll, the follow box) or the page again with the form's
//! mistake.

use crate::body::Unread;
use crate::error::ApiError;
use crate::extract::{FormFields, PathParam};
use crate::rendering::{About, Visit, describe, see_other};
use crate::services::{self, Who, comments, moderation, polls, subscriptions};
use crate::session::Cookies;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::links::encode_component;
use pulse_api::wire::{
    Account, Ballot, Cadence, CommentEdit, NewComment, NewFlag, NewSubscription, Reaction,
    ReactionChange,
};
use pulse_app::nav::query_value;
use pulse_app::pages::topic::Known;
use pulse_app::ssr::Page;

/// The parts of the page's address it reads: the thread it opens (and
/// from where), what a form sent without the app comes back to say, and
/// whether the city's texts are asked for in the original.
const READS: [&str; 7] = [
    "comments",
    "after",
    "follow",
    "flagged",
    "voted",
    "original",
    "published",
];

pub async fn page(PathParam(slug): PathParam<String>, mut visit: Visit) -> Response {
    visit.query = READS
        .iter()
        .filter_map(|name| {
            query_value(&visit.query, name).map(|v| format!("{name}={}", encode_component(&v)))
        })
        .collect::<Vec<_>>()
        .join("&");
    // Signed in, the page is the reader's own.
    if let Some(account) = visit.account.clone() {
        return match whole(&visit, &slug, Some(account)).await {
            Ok((page, about)) => visit.answer(page, about, None, StatusCode::OK),
            Err(error) => missing(&visit, error),
        };
    }
    // Otherwise the same for every reader in a language, by what the page
    // reads of its address.
    let key = format!("/topics/{slug}?{}", visit.query);
    let made = visit.kept(&key, || whole(&visit, &slug, None)).await;
    made.unwrap_or_else(|error| missing(&visit, error))
}

/// An earlier version of a topic's draft, whole (`/topics/{slug}/versions/{n}`),
/// or the current one, marked as such.
pub async fn version(
    PathParam((slug, number)): PathParam<(String, String)>,
    mut visit: Visit,
) -> Response {
    let number = match services::revisions::version_number(&number) {
        Ok(number) => number,
        Err(error) => return missing(&visit, error),
    };
    visit.query = query_value(&visit.query, "original")
        .map(|_| "original".to_string())
        .unwrap_or_default();
    let key = format!("/topics/{slug}/versions/{number}?{}", visit.query);
    shown(&visit, &key, || async {
        let original = !visit.query.is_empty();
        let topic = services::topics::show(
            &visit.state,
            None,
            &slug,
            visit.lang,
            original,
            Some(number),
        )
        .await?;
        let about = About {
            description: Some(describe(&topic.summary)),
            forms: false,
        };
        Ok((Page::Topic(Box::new(topic), Box::default()), about))
    })
    .await
}

/// A page the same for every reader in a language but for the account in
/// its header: kept for those not signed in, made for each who is.
async fn shown<Fut>(visit: &Visit, key: &str, make: impl FnOnce() -> Fut) -> Response
where
    Fut: std::future::Future<Output = Result<(Page, About), ApiError>>,
{
    if visit.account.is_some() {
        return match make().await {
            Ok((page, about)) => visit.answer(page, about, None, StatusCode::OK),
            Err(error) => missing(visit, error),
        };
    }
    let made = visit.kept(key, make).await;
    made.unwrap_or_else(|error| missing(visit, error))
}

/// What a version changed (`/topics/{slug}/versions/{n}/changes`).
pub async fn changes(
    PathParam((slug, number)): PathParam<(String, String)>,
    mut visit: Visit,
) -> Response {
    let number = match services::revisions::version_number(&number) {
        Ok(number) => number,
        Err(error) => return missing(&visit, error),
    };
    visit.query = String::new();
    let key = format!("/topics/{slug}/versions/{number}/changes");
    shown(&visit, &key, || async {
        let changes = services::revisions::changes(&visit.state, &slug, number, visit.lang).await?;
        let about = About {
            description: Some(describe(&changes.note)),
            forms: false,
        };
        Ok((Page::Changes(slug.clone(), Box::new(changes)), about))
    })
    .await
}

/// A topic's public record (`/topics/{slug}/record`): the latest entries,
/// those `?before=N`, or those up to the entry a `?receipt=` names, which
/// the page checks. Its author sees their own texts in it, so it is made
/// for each reader signed in.
pub async fn record(PathParam(slug): PathParam<String>, mut visit: Visit) -> Response {
    visit.query = ["before", "receipt"]
        .iter()
        .filter_map(|name| {
            query_value(&visit.query, name).map(|v| format!("{name}={}", encode_component(&v)))
        })
        .collect::<Vec<_>>()
        .join("&");
    let window = services::public_record::Window::Before(
        pulse_app::pages::record::window(&visit.query).unwrap_or(i64::MAX),
    );
    let (found, status) = visit.said(
        services::public_record::page(
            &visit.state,
            visit.account.clone(),
            &slug,
            window,
            Some(pulse_app::pages::record::PAGE),
        )
        .await,
    );
    let about = About {
        description: found
            .as_ref()
            .ok()
            .map(|r| visit.lang.fill(Msg::PublicRecordOf, &[("topic", &r.title)])),
        forms: false,
    };
    visit.answer(
        Page::Record(slug, Box::new(pulse_app::pages::record::RecordKnown(found))),
        about,
        None,
        status,
    )
}

/// The topic and what the page shows with it for `user`.
async fn whole(
    visit: &Visit,
    slug: &str,
    user: Option<Account>,
) -> Result<(Page, About), ApiError> {
    let (state, lang) = (&visit.state, visit.lang);
    let original = query_value(&visit.query, "original").is_some();
    let topic = services::topics::show(state, user.clone(), slug, lang, original, None).await?;
    let polls_in = if original { Lang::ORIGINAL } else { lang };
    let polls = polls::list(state, user.clone(), slug, polls_in).await?;
    let asked = |name: &str| query_value(&visit.query, name);
    let thread = match asked("comments") {
        Some(anchor) if pulse_api::sections::is_anchor(&anchor) => {
            let after = asked("after")
                .and_then(|a| a.parse::<i64>().ok())
                .filter(|a| *a > 0)
                .unwrap_or(0);
            let at = comments::PageOf {
                slug,
                section: Some(&anchor),
                version: None,
                after,
                limit: comments::PAGE,
            };
            let list = comments::page(state, user.clone(), at).await?;
            Some((anchor, list))
        }
        _ => None,
    };
    let subscription = match &user {
        Some(me) => subscriptions::mine(state, me)
            .await?
            .subscriptions
            .into_iter()
            .find(|s| s.topic_slug == slug),
        None => None,
    };
    let about = About {
        description: Some(describe(&topic.summary)),
        forms: user.is_some(),
    };
    let known = Known {
        polls: Some(polls),
        thread,
        subscription,
    };
    Ok((Page::Topic(Box::new(topic), Box::new(known)), about))
}

/// The topic page for a topic that is not to be seen: its sentence, in
/// the page, with the error's status.
fn missing(visit: &Visit, error: ApiError) -> Response {
    let refusal = error.refusal(visit.lang);
    visit.answer(
        Page::TopicMissing(refusal.summary),
        About::default(),
        None,
        refusal.status,
    )
}

/// What a form does, and where it comes back to once done.
pub async fn send(
    PathParam(slug): PathParam<String>,
    visit: Visit,
    fields: FormFields,
) -> Response {
    let doing = fields.get("do");
    let form = fields.form_id();
    let kept = fields.kept(&["form", "body", "quote", "reason", "follow-email"]);
    // An address alone following a topic is asked for by nobody signed in
    // (and the page it is on is the same for every such reader): no token
    // is theirs to send. It acts for no one, and is limited per address.
    let for_nobody = doing == "follow" && visit.account.is_none();
    let done = if for_nobody || visit.token_is(&fields.get("csrf")) {
        act(&visit, &slug, &doing, &fields).await
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    match done {
        Ok(to) => see_other(&to, Cookies(Vec::new())),
        Err(error) => {
            let query = visit.query.clone();
            match whole(&visit, &slug, visit.account.clone()).await {
                Ok((page, _)) => visit.again_on(page, kept, query, error, form.as_deref()),
                Err(missing_topic) => missing(&visit, missing_topic),
            }
        }
    }
}

/// Does what the form asks; answers where to go next.
async fn act(
    visit: &Visit,
    slug: &str,
    doing: &str,
    fields: &FormFields,
) -> Result<String, ApiError> {
    let (state, user) = (&visit.state, visit.account.clone());
    let page = format!("/topics/{slug}");
    // The thread the form was sent from, open (`?comments=` of its address).
    let thread = query_value(&visit.query, "comments")
        .filter(|anchor| pulse_api::sections::is_anchor(anchor))
        .map(|anchor| format!("{page}?comments={}", encode_component(&anchor)))
        .unwrap_or_else(|| page.clone());
    let at_comment = |id: i64| format!("{thread}#comment-{id}");
    match doing {
        "comment" => {
            let section = fields.get("section");
            let parent_id = match fields.get("parent").as_str() {
                "" => None,
                _ => Some(fields.id("parent")?),
            };
            // The version the page showed, when it says.
            let version = match fields.get("version").trim() {
                "" => None,
                number => Some(crate::services::revisions::version_number(number)?),
            };
            let words = fields.get("quote");
            let quote = match words.trim() {
                "" => None,
                words => Some(
                    comments::quote_in(state, slug, &section, words, visit.lang, version).await?,
                ),
            };
            let new = NewComment {
                section: section.clone(),
                body: fields.get("body"),
                version,
                parent_id,
                quote,
            };
            let comment = comments::post(
                state,
                Who::Known(user),
                slug.to_string(),
                Unread::of(&new),
                visit.lang,
            )
            .await?;
            Ok(format!(
                "{page}?comments={}#comment-{}",
                encode_component(&section),
                comment.id
            ))
        }
        "edit" => {
            let edit = CommentEdit {
                body: fields.get("body"),
            };
            let comment =
                comments::edit(state, user, fields.id("comment")?, Unread::of(&edit)).await?;
            Ok(at_comment(comment.id))
        }
        "withdraw" => {
            let comment = comments::withdraw(state, user, fields.id("comment")?).await?;
            Ok(at_comment(comment.id))
        }
        "react" => {
            let value = match fields.get("reaction").as_str() {
                "agree" => Some(Reaction::Agree),
                "disagree" => Some(Reaction::Disagree),
                "none" => None,
                _ => return Err(ApiError::bad_request(Msg::FormUnreadable)),
            };
            let change = ReactionChange { value };
            let comment =
                comments::react(state, user, fields.id("comment")?, Unread::of(&change)).await?;
            Ok(at_comment(comment.id))
        }
        "flag" => {
            let id = fields.id("comment")?;
            let flag = NewFlag {
                reason: fields.get("reason"),
            };
            moderation::flag(state, user, id, Unread::of(&flag)).await?;
            let sep = if thread.contains('?') { '&' } else { '?' };
            Ok(format!("{thread}{sep}flagged={id}#comment-{id}"))
        }
        "vote" => {
            let id = fields.id("poll")?;
            let options = fields
                .all("option")
                .map(|o| o.parse::<i64>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| ApiError::bad_request(Msg::FormUnreadable))?;
            polls::cast(state, user, id, Unread::of(&Ballot { options }), visit.lang).await?;
            // The poll says the vote was recorded, as it does with the app.
            Ok(format!("{page}?voted={id}#poll-{id}"))
        }
        "subscribe" | "follow" => {
            let email = (doing == "follow").then(|| fields.get("follow-email"));
            let new = NewSubscription {
                email,
                cadence: Some(if fields.get("daily").is_empty() {
                    Cadence::Instant
                } else {
                    Cadence::Daily
                }),
                section: Some(fields.get("section")).filter(|s| !s.is_empty()),
                lang: None,
            };
            let key = visit.limit_key();
            let done = subscriptions::subscribe(state, user, &key, slug, new, visit.lang).await?;
            Ok(match done {
                subscriptions::Subscribed::LinkSent => format!("{page}?follow=sent#follow"),
                subscriptions::Subscribed::Now { .. } => format!("{page}#follow"),
            })
        }
        "publish" => {
            services::topics::publish(state, user, slug, visit.lang).await?;
            Ok(format!("{page}?published"))
        }
        "unsubscribe" => {
            let me = user.ok_or_else(|| ApiError::unauthorized(Msg::MustSignIn))?;
            subscriptions::end(state, &me, fields.id("subscription")?).await?;
            Ok(format!("{page}#follow"))
        }
        _ => Err(ApiError::bad_request(Msg::FormUnreadable)),
    }
}
