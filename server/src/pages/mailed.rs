//! The pages a mailed link opens, whole from the server, which does what
//! the link asks: confirming a subscription, confirming an account's
//! address (both on arrival, as the links say), and asking before a
//! notice's unsubscribe link ends anything (its button posts to the link,
//! `unsubscribe.rs`). They load no app: nothing on them needs it.

use crate::rendering::{About, Visit};
use crate::services::{accounts, subscriptions};
use axum::response::Response;
use pulse_api::wire::MailedToken;
use pulse_app::nav::query_value;
use pulse_app::pages::mailed_link::UnsubscribeLink;
use pulse_app::ssr::Page;

use crate::extract::PathParam;

/// The mailed token in the page's address (`?token=`).
fn token(visit: &Visit) -> MailedToken {
    MailedToken {
        token: query_value(&visit.query, "token").unwrap_or_default(),
    }
}

pub async fn confirm_subscription(visit: Visit) -> Response {
    let done = subscriptions::confirm(&visit.state, token(&visit)).await;
    let (result, status) = visit.said(done);
    visit.answer(Page::Confirmed(result), About::default(), None, status)
}

pub async fn verify_email(visit: Visit) -> Response {
    let done = accounts::verify(&visit.state, token(&visit)).await;
    let (result, status) = visit.said(done);
    visit.answer(Page::Verified(result), About::default(), None, status)
}

pub async fn unsubscribe(PathParam(token): PathParam<String>, visit: Visit) -> Response {
    let found = subscriptions::unsubscribe_link(&visit.state, &token)
        .await
        .map(|(topic, ended)| UnsubscribeLink { topic, ended });
    let (found, status) = visit.said(found);
    visit.answer(
        Page::Unsubscribe(token, found),
        About::default(),
        None,
        status,
    )
}
