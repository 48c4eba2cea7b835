//! The account page whole from the server, and its forms sent without the
//! app: the name, the address, the password, the confirmation link sent
//! again, signing out everywhere, deleting the account, and the topics it
//! follows (one email a day, a section's comments, stop following). Each
//! posts to `/account` with its `do`, is handed to the same service as the
//! JSON API, and is answered with `303` back to the page saying what was
//! done (`?done=`), or with the page again showing the form's mistakes.

use crate::error::ApiError;
use crate::extract::FormFields;
use crate::rendering::{About, Visit, see_other};
use crate::services::{accounts, subscriptions};
use crate::session::Cookies;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::wire::{
    AccountChange, AccountDeletion, Cadence, EmailChange, KeepComments, PasswordChange,
    SubscriptionEdit,
};
use pulse_app::pages::account::AccountKnown;
use pulse_app::ssr::Page;

/// The signed-in account's page: what it follows and what it has said
/// and voted; for a visitor not signed in, a line with the way to sign in.
pub async fn page(visit: Visit) -> Response {
    let known = known(&visit).await;
    visit.answer(
        Page::Account(Box::new(known)),
        About::default(),
        None,
        StatusCode::OK,
    )
}

async fn known(visit: &Visit) -> AccountKnown {
    let Some(me) = visit.account.as_ref() else {
        return AccountKnown {
            subscriptions: Ok(Vec::new()),
            activity: Err(String::new()),
        };
    };
    let state = &visit.state;
    let subscriptions = subscriptions::mine(state, me)
        .await
        .map(|list| list.subscriptions);
    let activity = accounts::activity(state, me).await;
    AccountKnown {
        subscriptions: visit.said(subscriptions).0,
        activity: visit.said(activity).0,
    }
}

/// What a form did: where the browser goes next, and the cookies to set
/// (a session ended).
struct Done {
    to: &'static str,
    cookies: Cookies,
}

impl Done {
    fn said(done: &'static str) -> Done {
        Done {
            to: done,
            cookies: Cookies(Vec::new()),
        }
    }
}

pub async fn send(visit: Visit, fields: FormFields) -> Response {
    let done = if visit.token_is(&fields.get("csrf")) {
        act(&visit, &fields).await
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    match done {
        Ok(done) => see_other(done.to, done.cookies),
        Err(error) => {
            let form = fields.form_id();
            // Never a password.
            let kept = fields.kept(&["form", "new-name", "mail-lang", "changed-email", "comments"]);
            let known = known(&visit).await;
            // The forms with fields show each mistake by its field; the
            // others, by the form.
            let by_form = form
                .as_deref()
                .filter(|f| !["name", "language", "email", "password", "delete"].contains(f));
            visit.again_on(
                Page::Account(Box::new(known)),
                kept,
                String::new(),
                error,
                by_form,
            )
        }
    }
}

/// Does what the form asks for the signed-in account.
async fn act(visit: &Visit, fields: &FormFields) -> Result<Done, ApiError> {
    let state = &visit.state;
    let me = visit
        .account
        .clone()
        .ok_or_else(|| ApiError::unauthorized(Msg::MustSignIn))?;
    match fields.get("do").as_str() {
        "name" => {
            let change = AccountChange {
                display_name: Some(fields.get("new-name")),
                lang: None,
            };
            accounts::change_account(state, me, change).await?;
            Ok(Done::said("/account?done=name"))
        }
        "language" => {
            let change = AccountChange {
                display_name: None,
                lang: Some(Lang::parse(&fields.get("mail-lang")).ok_or_else(|| {
                    ApiError::field(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "lang",
                        Msg::NoSuchLanguage,
                    )
                })?),
            };
            accounts::change_account(state, me, change).await?;
            Ok(Done::said("/account?done=language"))
        }
        "email" => {
            let change = EmailChange {
                email: fields.get("changed-email"),
                current_password: fields.get("email-password"),
            };
            accounts::change_email(state, me, change).await?;
            Ok(Done::said("/account?done=email"))
        }
        "password" => {
            let change = PasswordChange {
                current_password: fields.get("old-password"),
                new_password: fields.get("changed-password"),
            };
            accounts::change_password(state, &me, &visit.headers, change).await?;
            Ok(Done::said("/account?done=password"))
        }
        "send-link" => {
            accounts::send_again(state, &me).await?;
            Ok(Done::said("/account?done=link"))
        }
        "sign-out-everywhere" => {
            let cookies = accounts::sign_out_everywhere(state, &me).await?;
            Ok(Done { to: "/", cookies })
        }
        "delete" => {
            let comments = match fields.get("comments").as_str() {
                "withdraw" => KeepComments::Withdraw,
                "keep" => KeepComments::Keep,
                _ => {
                    return Err(ApiError::field(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "comments",
                        Msg::ChooseComments,
                    ));
                }
            };
            let deletion = AccountDeletion {
                password: fields.get("delete-password"),
                comments,
            };
            let cookies = accounts::delete(state, &me, deletion).await?;
            Ok(Done {
                to: "/?deleted=1",
                cookies,
            })
        }
        "daily" => {
            // A box not ticked is not sent at all.
            let cadence = if fields.get("daily").is_empty() {
                Cadence::Instant
            } else {
                Cadence::Daily
            };
            let edit = SubscriptionEdit {
                cadence: Some(cadence),
                section: None,
            };
            subscriptions::change(state, &me, fields.id("subscription")?, edit).await?;
            Ok(Done::said("/account?done=following#following"))
        }
        "stop-section" => {
            let edit = SubscriptionEdit {
                cadence: None,
                section: Some(None),
            };
            subscriptions::change(state, &me, fields.id("subscription")?, edit).await?;
            Ok(Done::said("/account?done=following#following"))
        }
        "unsubscribe" => {
            subscriptions::end(state, &me, fields.id("subscription")?).await?;
            Ok(Done::said("/account?done=unfollowed#following"))
        }
        _ => Err(ApiError::bad_request(Msg::FormUnreadable)),
    }
}
