//! Following a topic: a signed-in resident subscribes with one tap; anyone
//! subscribes with an address alone, confirmed from a mailed link (double
//! opt-in). Every notice carries a one-click unsubscribe link; the account
//! page lists and ends an account's own.

use super::{Link, expired_link, use_link_or_again, wake_mail};
use crate::db::outbox::Kind;
use crate::db::tokens::Purpose;
use crate::db::{subscriptions, tokens};
use crate::error::{ApiError, Result};
use crate::mail::{MailedLink, mail_link};
use crate::state::AppState;
use crate::{clock, db, session};
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::validate::Email;
use pulse_api::wire::{
    Account, MailedToken, NewSubscription, Subscription, SubscriptionEdit, SubscriptionList,
    Unsubscribed,
};

/// What subscribing came to.
pub enum Subscribed {
    /// Signed in: subscribed at once (`created`, or an existing
    /// subscription changed as asked).
    Now {
        created: bool,
        subscription: Subscription,
    },
    /// An address alone: a link to confirm is on its way (or, when the
    /// address subscribes already, the same answer, which reveals nothing).
    LinkSent,
}

/// Confirmation mails one address may be sent in an hour, whoever asks.
const CONFIRMATIONS_PER_HOUR: i64 = 3;

/// A subscription as its owner sees it, its section named as on the page.
pub async fn described(
    conn: &mut sqlx::AnyConnection,
    row: db::subscriptions::SubscriptionRow,
) -> Result<Subscription> {
    let section_label = match &row.section {
        Some(anchor) => Some(
            db::topics::places(conn, row.topic_id, row.lang)
                .await?
                .remove(anchor)
                .unwrap_or_else(|| row.lang.text(Msg::PlaceGone).to_string()),
        ),
        None => None,
    };
    Ok(Subscription {
        id: row.id,
        topic_slug: row.topic_slug,
        topic_title: row.topic_title,
        cadence: row.cadence,
        section: row.section,
        section_label,
        created_at: row.created_at,
        active: row.confirmed_at.is_some() && row.ended_at.is_none(),
    })
}

/// `anchor`, checked to be a place of the topic's current draft one can
/// comment on.
async fn checked_section(
    conn: &mut sqlx::AnyConnection,
    topic_id: i64,
    anchor: &str,
) -> Result<String> {
    let anchor = anchor.trim();
    if db::topics::places(conn, topic_id, Lang::ORIGINAL)
        .await?
        .contains_key(anchor)
    {
        Ok(anchor.to_string())
    } else {
        Err(ApiError::unprocessable(Msg::NoSuchSectionToFollow))
    }
}

/// Subscribes to a topic's notices.
pub async fn subscribe(
    state: &AppState,
    user: Option<Account>,
    limit_key: &str,
    slug: &str,
    new: NewSubscription,
    page_lang: Lang,
) -> Result<Subscribed> {
    let cadence = new.cadence.unwrap_or_default();
    let lang = new.lang.unwrap_or(page_lang);
    let now = clock::now();
    let mut tx = state.db.write().await?;
    state
        .limits
        .subscriptions
        .check(&mut tx, limit_key, Msg::LimitSubscriptions)
        .await?;
    let topic = db::topics::find(&mut tx, slug)
        .await?
        .filter(|topic| topic.published)
        .ok_or_else(|| ApiError::not_found(Msg::NoTopicHere))?;
    let section = match &new.section {
        Some(anchor) => Some(checked_section(&mut tx, topic.id, anchor).await?),
        None => None,
    };

    let Some(email) = new.email else {
        // Signed in: the account's own address, at once.
        let me = user.ok_or_else(|| ApiError::unauthorized(Msg::SignInToSubscribe))?;
        let (created, id) = match subscriptions::live_subscription(&mut tx, topic.id, &me.email)
            .await?
        {
            Some(existing) => {
                // Asked again: what the request names changes, the rest stays.
                let change = subscriptions::SubscriptionChange {
                    cadence: new.cadence,
                    section: section.as_deref().map(Some),
                };
                subscriptions::adopt_subscription(&mut tx, existing.id, me.id, change, now).await?;
                (false, existing.id)
            }
            None => {
                let token = unnamed_secret()?;
                let id = subscriptions::insert_subscription(
                    &mut tx,
                    subscriptions::NewSubscription {
                        topic_id: topic.id,
                        account_id: Some(me.id),
                        email: &me.email,
                        cadence,
                        section: section.as_deref(),
                        unsubscribe_token: &token,
                        confirmed: true,
                        lang: me.lang,
                    },
                    now,
                )
                .await?;
                (true, id)
            }
        };
        let row = subscriptions::subscription(&mut tx, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("subscription {id} vanished"))?;
        let subscription = described(&mut tx, row).await?;
        db::commit(tx).await?;
        return Ok(Subscribed::Now {
            created,
            subscription,
        });
    };

    // An address alone: double opt-in. The answer is the same, and takes
    // as long, whether or not the address already subscribes: the request
    // is counted and answered, and the rest — the subscription, its link,
    // its mail — is done after, apart from the answer.
    let email = Email::parse(&email).map_err(ApiError::unprocessable)?;
    db::commit(tx).await?;
    let asked = Asked {
        topic_id: topic.id,
        email,
        cadence,
        section,
        lang,
        now,
    };
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(error) = ask_to_confirm(&state, asked).await {
            tracing::warn!(
                error = format!("{error:#}"),
                "a subscription link was not written"
            );
        }
    });
    Ok(Subscribed::LinkSent)
}

/// A subscription asked for by an address alone.
struct Asked {
    topic_id: i64,
    email: Email,
    cadence: pulse_api::wire::Cadence,
    section: Option<String>,
    lang: Lang,
    now: Timestamp,
}

/// The subscription `asked` for, unconfirmed, and its confirmation link
/// into the outbox; nothing for an address that subscribes already, or
/// that had three links in the hour.
async fn ask_to_confirm(state: &AppState, asked: Asked) -> anyhow::Result<()> {
    let Asked {
        topic_id,
        email,
        cadence,
        section,
        lang,
        now,
    } = asked;
    let mut tx = state.db.write().await?;
    let recent = tokens::recent_tokens(
        &mut tx,
        email.as_str(),
        Purpose::Subscribe,
        Timestamp(now.0 - 3600),
    )
    .await?;
    let existing = subscriptions::live_subscription(&mut tx, topic_id, email.as_str()).await?;
    let pending = match existing {
        Some(s) if s.confirmed_at.is_some() => None,
        Some(s) => Some(s.id),
        None => {
            let token = unnamed_secret().map_err(|e| anyhow::anyhow!("{e:?}"))?;
            Some(
                subscriptions::insert_subscription(
                    &mut tx,
                    subscriptions::NewSubscription {
                        topic_id,
                        account_id: None,
                        email: email.as_str(),
                        cadence,
                        section: section.as_deref(),
                        unsubscribe_token: &token,
                        confirmed: false,
                        lang,
                    },
                    now,
                )
                .await?,
            )
        }
    };
    if let Some(subscription_id) = pending
        && recent < CONFIRMATIONS_PER_HOUR
    {
        mail_link(
            &mut tx,
            MailedLink {
                kind: Kind::ConfirmSubscription,
                purpose: Purpose::Subscribe,
                recipient: email.as_str(),
                lang,
                account_id: None,
                subscription_id: Some(subscription_id),
                topic_id: Some(topic_id),
                valid_for: subscriptions::CONFIRM_WITHIN,
            },
            now,
        )
        .await?;
    }
    db::commit(tx).await?;
    wake_mail(state);
    Ok(())
}

/// Confirms an address's subscription from the mailed link.
pub async fn confirm(state: &AppState, body: MailedToken) -> Result<Subscription> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    // Opened a second time, the link says the subscription holds, as long
    // as it does.
    let (used, again) =
        match use_link_or_again(&mut tx, &body.token, Purpose::Subscribe, now).await? {
            Link::First(used) => (used, false),
            Link::Again(used) => (used, true),
        };
    let id = used
        .subscription_id
        .ok_or_else(|| anyhow::anyhow!("a subscription link without its subscription"))?;
    if !again {
        subscriptions::confirm_subscription(&mut tx, id, now).await?;
    }
    let row = subscriptions::subscription(&mut tx, id)
        .await?
        .filter(|s| s.ended_at.is_none() && s.confirmed_at.is_some())
        .ok_or_else(expired_link)?;
    let subscription = described(&mut tx, row).await?;
    db::commit(tx).await?;
    Ok(subscription)
}

/// The signed-in account's subscriptions.
pub async fn mine(state: &AppState, me: &Account) -> Result<SubscriptionList> {
    let mut conn = state.db.read().await?;
    let rows = subscriptions::account_subscriptions(&mut conn, me.id).await?;
    let mut subscriptions = Vec::with_capacity(rows.len());
    for row in rows {
        subscriptions.push(described(&mut conn, row).await?);
    }
    Ok(SubscriptionList { subscriptions })
}

/// Changes how often a subscription's notices come, and which section's
/// new comments come too.
pub async fn change(
    state: &AppState,
    me: &Account,
    id: i64,
    edit: SubscriptionEdit,
) -> Result<Subscription> {
    let mut tx = state.db.write().await?;
    let row = subscriptions::subscription(&mut tx, id)
        .await?
        .filter(|s| s.account_id == Some(me.id) && s.ended_at.is_none())
        .ok_or_else(not_yours)?;
    let section = match &edit.section {
        Some(Some(anchor)) => Some(Some(checked_section(&mut tx, row.topic_id, anchor).await?)),
        Some(None) => Some(None),
        None => None,
    };
    let change = subscriptions::SubscriptionChange {
        cadence: edit.cadence,
        section: section.as_ref().map(Option::as_deref),
    };
    subscriptions::adopt_subscription(&mut tx, row.id, me.id, change, clock::now()).await?;
    let row = subscriptions::subscription(&mut tx, id)
        .await?
        .ok_or_else(not_yours)?;
    let subscription = described(&mut tx, row).await?;
    db::commit(tx).await?;
    Ok(subscription)
}

/// Ends one of the signed-in account's subscriptions.
pub async fn end(state: &AppState, me: &Account, id: i64) -> Result<()> {
    let mut tx = state.db.write().await?;
    if !subscriptions::end_account_subscription(&mut tx, me.id, id, clock::now()).await? {
        return Err(not_yours());
    }
    db::commit(tx).await?;
    Ok(())
}

/// The subscription a notice's unsubscribe link is for, and whether it
/// has ended already: what the link's page says before anything is
/// pressed (opening it ends nothing, so a mail scanner ends nothing).
pub async fn unsubscribe_link(state: &AppState, token: &str) -> Result<(Unsubscribed, bool)> {
    let link = state
        .link_key
        .read(token)
        .ok_or_else(|| ApiError::not_found(Msg::NotOurUnsubscribeLink))?;
    let mut conn = state.db.read().await?;
    let row = subscriptions::by_link(&mut conn, &link)
        .await?
        .ok_or_else(|| ApiError::not_found(Msg::NotOurUnsubscribeLink))?;
    let ended = row.ended_at.is_some();
    Ok((
        Unsubscribed {
            topic_slug: row.topic_slug,
            topic_title: row.topic_title,
        },
        ended,
    ))
}

/// One click on a notice's unsubscribe link (RFC 8058) ends its
/// subscription; the answer names the topic it was for. Clicking again is
/// harmless and names it again.
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<Unsubscribed> {
    let link = state
        .link_key
        .read(token)
        .ok_or_else(|| ApiError::not_found(Msg::NotOurUnsubscribeLink))?;
    let mut tx = state.db.write().await?;
    let row = subscriptions::unsubscribe(&mut tx, &link, clock::now())
        .await?
        .ok_or_else(|| ApiError::not_found(Msg::NotOurUnsubscribeLink))?;
    db::commit(tx).await?;
    Ok(Unsubscribed {
        topic_slug: row.topic_slug,
        topic_title: row.topic_title,
    })
}

/// What a new subscription stores where links before `link_key.rs` kept
/// their secret: unique, and never a link (not 64 hex digits).
fn unnamed_secret() -> Result<String> {
    Ok(format!("hmac:{}", session::new_token()?))
}

fn not_yours() -> ApiError {
    ApiError::not_found(Msg::NoSuchSubscription)
}
