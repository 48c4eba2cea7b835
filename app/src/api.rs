//! Every request the client makes. Errors come back as the sentence the
//! server wrote (`detail` of its problem document), ready to show.

use crate::i18n::{t, tf};
use gloo_net::http::{Request, RequestBuilder, Response};
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{
    Accepted, Account, AccountChange, AccountDeletion, Activity, AdminTopicList, AuditLog, Ballot,
    Cadence, Changes, CityPageText, Comment, CommentEdit, CommentList, Credentials, DeskQueue,
    EmailChange, HostInvite, MailedToken, ModerationAction, ModerationQueue, ModerationVerb,
    NewAccount, NewComment, NewFlag, NewResponse, NewRevision, NewSubscription, NewTopicDate,
    NewUpdate, PasswordChange, PasswordResetConfirm, PasswordResetRequest, Poll, PollList, Problem,
    Reaction, ReactionChange, Report, ResponseStatus, Session, Subscription, SubscriptionEdit,
    SubscriptionList, Topic, TopicList, TopicSetup, Unsubscribed, VersionSource,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

const BASE: &str = "/api/v1";

/// What went wrong, as a sentence for the person at the screen.
pub type ApiResult<T> = Result<T, String>;

async fn read<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| t(M::UnreadableAnswer).to_string());
    }
    Err(problem(response).await)
}

async fn problem(response: Response) -> String {
    form_problem(response).await.summary
}

/// What a form got wrong: a sentence for all of it, and each field the
/// server named (by the request's field name) with its own sentence.
#[derive(Clone, Debug, Default)]
pub struct FormError {
    pub summary: String,
    pub fields: Vec<(String, String)>,
}

impl From<String> for FormError {
    fn from(summary: String) -> Self {
        FormError {
            summary,
            fields: Vec::new(),
        }
    }
}

async fn form_problem(response: Response) -> FormError {
    match response.json::<Problem>().await {
        Ok(problem) => FormError {
            summary: problem.detail,
            fields: problem
                .errors
                .into_iter()
                .map(|e| (e.field, e.detail))
                .collect(),
        },
        Err(_) => tf(
            M::ErrorStatus,
            &[("status", &response.status().to_string())],
        )
        .into(),
    }
}

/// Sends a form; a refusal comes back field by field.
async fn send_form<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> Result<T, FormError> {
    let response = builder
        .json(body)
        .map_err(|_| FormError::from(t(M::NotSent).to_string()))?
        .send()
        .await
        .map_err(|_| FormError::from(t(M::Offline).to_string()))?;
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| t(M::UnreadableAnswer).to_string().into());
    }
    Err(form_problem(response).await)
}

/// Sends a form whose answer carries nothing to read.
async fn send_form_done<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<(), FormError> {
    let response = builder
        .json(body)
        .map_err(|_| FormError::from(t(M::NotSent).to_string()))?
        .send()
        .await
        .map_err(|_| FormError::from(t(M::Offline).to_string()))?;
    if response.ok() {
        Ok(())
    } else {
        Err(form_problem(response).await)
    }
}

/// The account a session answer carries.
fn signed_in(session: Session, missing: M) -> Result<Account, FormError> {
    session.account.ok_or_else(|| t(missing).to_string().into())
}

async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let response = Request::get(&format!("{BASE}{path}"))
        .send()
        .await
        .map_err(|_| t(M::Offline).to_string())?;
    read(response).await
}

async fn send<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> ApiResult<T> {
    let response = builder
        .json(body)
        .map_err(|_| t(M::NotSent).to_string())?
        .send()
        .await
        .map_err(|_| t(M::Offline).to_string())?;
    read(response).await
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

pub async fn session() -> ApiResult<Option<Account>> {
    get::<Session>("/session").await.map(|s| s.account)
}

pub async fn register(new: &NewAccount) -> Result<Account, FormError> {
    let session = send_form(Request::post(&format!("{BASE}/accounts")), new).await?;
    signed_in(session, M::NotSignedInSignIn)
}

pub async fn sign_in(credentials: &Credentials) -> Result<Account, FormError> {
    let session = send_form(Request::post(&format!("{BASE}/session")), credentials).await?;
    signed_in(session, M::NotSignedInTryAgain)
}

/// Sends a request whose answer carries nothing to read.
async fn done(response: Result<Response, gloo_net::Error>) -> ApiResult<()> {
    let response = response.map_err(|_| t(M::Offline).to_string())?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem(response).await)
    }
}

pub async fn sign_out() -> ApiResult<()> {
    done(Request::delete(&format!("{BASE}/session")).send().await).await
}

/// One of the city's own pages.
pub async fn city_page(slug: &str) -> ApiResult<CityPageText> {
    get(&format!("/city/pages/{}", encode(slug))).await
}

/// What the account has said and voted.
pub async fn activity() -> ApiResult<Activity> {
    get("/account/activity").await
}

/// Changes the name shown with the account's comments, or the language
/// Pulse writes in.
pub async fn change_account(change: &AccountChange) -> Result<Account, FormError> {
    let session = send_form(Request::patch(&format!("{BASE}/account")), change).await?;
    signed_in(session, M::NotSignedInSignIn)
}

/// Changes the account's address; a link to confirm it is mailed there.
pub async fn change_email(change: &EmailChange) -> Result<Account, FormError> {
    let session = send_form(Request::put(&format!("{BASE}/account/email")), change).await?;
    signed_in(session, M::NotSignedInSignIn)
}

/// Changes the password; every other session of the account ends.
pub async fn change_password(change: &PasswordChange) -> Result<(), FormError> {
    send_form_done(Request::put(&format!("{BASE}/account/password")), change).await
}

/// Deletes the account, signing out everywhere.
pub async fn delete_account(deletion: &AccountDeletion) -> Result<(), FormError> {
    send_form_done(Request::delete(&format!("{BASE}/account")), deletion).await
}

/// Ends every session of the account, on every device.
pub async fn sign_out_everywhere() -> ApiResult<()> {
    done(
        Request::delete(&format!("{BASE}/account/sessions"))
            .send()
            .await,
    )
    .await
}

pub async fn topics() -> ApiResult<TopicList> {
    get("/topics").await
}

/// A topic, in the reader's language where translated, or as the city
/// wrote it (`original`).
pub async fn topic(slug: &str, original: bool, version: Option<i64>) -> ApiResult<Topic> {
    let asked = match (original, version) {
        (false, None) => String::new(),
        (true, None) => "?original".to_string(),
        (false, Some(n)) => format!("?version={n}"),
        (true, Some(n)) => format!("?original&version={n}"),
    };
    get(&format!("/topics/{}{asked}", encode(slug))).await
}

/// What changed in version `version` of a topic's draft.
pub async fn changes(slug: &str, version: i64) -> ApiResult<pulse_api::wire::Changes> {
    get(&format!(
        "/topics/{}/versions/{version}/changes",
        encode(slug)
    ))
    .await
}

/// A page of a section's threads: the first, or the one after `after`
/// (the `next` of the page before).
pub async fn comments(slug: &str, section: &str, after: Option<&str>) -> ApiResult<CommentList> {
    let after = after.map_or(String::new(), |a| format!("&after={}", encode(a)));
    get(&format!(
        "/topics/{}/comments?section={}{after}",
        encode(slug),
        encode(section)
    ))
    .await
}

pub async fn post_comment(slug: &str, comment: &NewComment) -> ApiResult<Comment> {
    send(
        Request::post(&format!("{BASE}/topics/{}/comments", encode(slug))),
        comment,
    )
    .await
}

/// A topic's polls, in the reader's language where translated, or as the
/// city wrote them (`original`).
pub async fn polls(slug: &str, original: bool) -> ApiResult<PollList> {
    let asked = if original { "?original" } else { "" };
    get(&format!("/topics/{}/polls{asked}", encode(slug))).await
}

pub async fn vote(poll_id: i64, options: Vec<i64>) -> ApiResult<Poll> {
    send(
        Request::put(&format!("{BASE}/polls/{poll_id}/ballot")),
        &Ballot { options },
    )
    .await
}

pub async fn edit_comment(id: i64, body: String) -> ApiResult<Comment> {
    send(
        Request::patch(&format!("{BASE}/comments/{id}")),
        &CommentEdit { body },
    )
    .await
}

pub async fn withdraw_comment(id: i64) -> ApiResult<Comment> {
    let response = Request::delete(&format!("{BASE}/comments/{id}"))
        .send()
        .await
        .map_err(|_| t(M::Offline).to_string())?;
    read(response).await
}

pub async fn react(id: i64, value: Option<Reaction>) -> ApiResult<Comment> {
    send(
        Request::put(&format!("{BASE}/comments/{id}/reaction")),
        &ReactionChange { value },
    )
    .await
}

pub async fn flag(id: i64, reason: String) -> ApiResult<()> {
    let request = Request::post(&format!("{BASE}/comments/{id}/flags"))
        .json(&NewFlag { reason })
        .map_err(|_| t(M::NotSent).to_string())?;
    done(request.send().await).await
}

pub async fn moderate(
    id: i64,
    action: ModerationVerb,
    reason: Option<String>,
) -> ApiResult<Comment> {
    send(
        Request::post(&format!("{BASE}/comments/{id}/moderation")),
        &ModerationAction { action, reason },
    )
    .await
}

pub async fn respond(id: i64, status: ResponseStatus, body: String) -> ApiResult<Comment> {
    send(
        Request::post(&format!("{BASE}/comments/{id}/responses")),
        &NewResponse {
            status,
            body,
            version: None,
            section: None,
        },
    )
    .await
}

pub async fn post_update(slug: &str, update: &NewUpdate) -> ApiResult<Topic> {
    send(
        Request::post(&format!("{BASE}/topics/{}/updates", encode(slug))),
        update,
    )
    .await
}

pub async fn moderation(slug: &str) -> ApiResult<ModerationQueue> {
    get(&format!("/topics/{}/moderation", encode(slug))).await
}

/// Every topic, saved unpublished ones too, with their hosts (admins);
/// `status` as the admin page's address gives it.
pub async fn admin_topics(status: &str) -> ApiResult<AdminTopicList> {
    get(&format!("/admin/topics?status={}", encode(status))).await
}

/// Names a host of a topic by address; with a `name`, an address with no
/// account is invited.
pub async fn grant_host(slug: &str, email: &str, name: &str) -> ApiResult<()> {
    let request = Request::put(&format!(
        "{BASE}/topics/{}/hosts/{}",
        encode(slug),
        encode(email.trim())
    ))
    .json(&HostInvite {
        name: name.to_string(),
        lang: None,
    })
    .map_err(|_| t(M::NotSent).to_string())?;
    done(request.send().await).await
}

pub async fn revoke_host(slug: &str, email: &str) -> ApiResult<()> {
    let request = Request::delete(&format!(
        "{BASE}/topics/{}/hosts/{}",
        encode(slug),
        encode(email)
    ));
    done(request.send().await).await
}

/// Makes a topic saved unpublished public.
pub async fn publish_topic(slug: &str) -> ApiResult<Topic> {
    send(
        Request::post(&format!("{BASE}/topics/{}/publish", encode(slug))),
        &serde_json::json!({}),
    )
    .await
}

/// The host's desk with the filters of `query` (a query string).
pub async fn desk(query: &str) -> ApiResult<DeskQueue> {
    get(&format!("/desk?{query}")).await
}

pub async fn audit(slug: &str) -> ApiResult<AuditLog> {
    get(&format!("/topics/{}/audit", encode(slug))).await
}

pub async fn report(slug: &str) -> ApiResult<Report> {
    get(&format!("/topics/{}/report.json", encode(slug))).await
}

/// Subscribes the signed-in account to a topic, with the new comments of
/// `section` too when one is chosen.
pub async fn subscribe(
    slug: &str,
    cadence: Cadence,
    section: Option<String>,
) -> ApiResult<Subscription> {
    send(
        Request::post(&format!("{BASE}/topics/{}/subscriptions", encode(slug))),
        &NewSubscription {
            email: None,
            cadence: Some(cadence),
            section,
            lang: None,
        },
    )
    .await
}

/// Subscribes an address, which must confirm from the mailed link; the
/// answer is a sentence to show.
pub async fn subscribe_address(
    slug: &str,
    email: String,
    cadence: Cadence,
    section: Option<String>,
) -> ApiResult<String> {
    let accepted: Accepted = send(
        Request::post(&format!("{BASE}/topics/{}/subscriptions", encode(slug))),
        &NewSubscription {
            email: Some(email),
            cadence: Some(cadence),
            section,
            lang: None,
        },
    )
    .await?;
    Ok(accepted.detail)
}

pub async fn confirm_subscription(token: String) -> ApiResult<Subscription> {
    send(
        Request::post(&format!("{BASE}/subscriptions/confirm")),
        &MailedToken { token },
    )
    .await
}

/// One-click unsubscribe, as a mail program sends it (RFC 8058).
pub async fn unsubscribe(token: &str) -> ApiResult<Unsubscribed> {
    let response = Request::post(&format!("/unsubscribe/{}", encode(token)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .map_err(|_| t(M::NotSent).to_string())?
        .send()
        .await
        .map_err(|_| t(M::Offline).to_string())?;
    read(response).await
}

pub async fn my_subscriptions() -> ApiResult<Vec<Subscription>> {
    get::<SubscriptionList>("/account/subscriptions")
        .await
        .map(|l| l.subscriptions)
}

/// Changes what the edit names and leaves the rest.
pub async fn change_subscription(id: i64, edit: SubscriptionEdit) -> ApiResult<Subscription> {
    send(
        Request::patch(&format!("{BASE}/account/subscriptions/{id}")),
        &edit,
    )
    .await
}

pub async fn end_subscription(id: i64) -> ApiResult<()> {
    done(
        Request::delete(&format!("{BASE}/account/subscriptions/{id}"))
            .send()
            .await,
    )
    .await
}

pub async fn verify_email(token: String) -> ApiResult<()> {
    let request = Request::post(&format!("{BASE}/account/verify"))
        .json(&MailedToken { token })
        .map_err(|_| t(M::NotSent).to_string())?;
    done(request.send().await).await
}

/// Mails the account's confirmation link again; a sentence to show.
pub async fn send_verification() -> ApiResult<String> {
    let response = Request::post(&format!("{BASE}/account/verification"))
        .send()
        .await
        .map_err(|_| t(M::Offline).to_string())?;
    read::<Accepted>(response).await.map(|a| a.detail)
}

/// Asks for a reset link; a sentence to show.
pub async fn request_password_reset(email: String) -> ApiResult<String> {
    let accepted: Accepted = send(
        Request::post(&format!("{BASE}/password-reset")),
        &PasswordResetRequest { email },
    )
    .await?;
    Ok(accepted.detail)
}

pub async fn reset_password(token: String, password: String) -> ApiResult<()> {
    let request = Request::post(&format!("{BASE}/password-reset/confirm"))
        .json(&PasswordResetConfirm { token, password })
        .map_err(|_| t(M::NotSent).to_string())?;
    done(request.send().await).await
}

/// Adds a date; a refusal names its field (`fold` when the time happens
/// twice that night).
pub async fn add_date(slug: &str, date: &NewTopicDate) -> Result<Topic, FormError> {
    send_form(
        Request::post(&format!("{BASE}/topics/{}/dates", encode(slug))),
        date,
    )
    .await
}

pub async fn remove_date(slug: &str, id: i64) -> ApiResult<Topic> {
    let response = Request::delete(&format!("{BASE}/topics/{}/dates/{id}", encode(slug)))
        .send()
        .await
        .map_err(|_| t(M::Offline).to_string())?;
    read(response).await
}

/// A version's draft as written, Markdown: what a revision starts from.
pub async fn version_source(slug: &str, version: i64) -> ApiResult<VersionSource> {
    get(&format!(
        "/topics/{}/versions/{version}/source",
        encode(slug)
    ))
    .await
}

/// What publishing `revision` would do, writing nothing; a refusal names
/// its field (`draft`, `sections.{anchor}`, …).
pub async fn preview_revision(slug: &str, revision: &NewRevision) -> Result<Changes, FormError> {
    send_form(
        Request::post(&format!("{BASE}/topics/{}/versions/preview", encode(slug))),
        revision,
    )
    .await
}

/// Publishes `revision`: the new version's changes.
pub async fn publish_revision(slug: &str, revision: &NewRevision) -> Result<Changes, FormError> {
    send_form(
        Request::post(&format!("{BASE}/topics/{}/versions", encode(slug))),
        revision,
    )
    .await
}

/// A topic as its edit form shows it (admins).
pub async fn topic_setup(slug: &str) -> ApiResult<TopicSetup> {
    get(&format!("/topics/{}/setup", encode(slug))).await
}

/// A page of a topic's public record: the entries before `before` (the
/// latest when `None`), as many as the record's page shows.
pub async fn record(slug: &str, before: Option<i64>) -> ApiResult<pulse_api::wire::RecordPage> {
    let before = before.unwrap_or(i64::MAX);
    get(&format!(
        "/topics/{}/record?before={before}&limit={}",
        encode(slug),
        crate::pages::record::PAGE
    ))
    .await
}
