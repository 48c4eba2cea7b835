//! Accounts and sessions: register, sign in, who am I, sign out; the
//! address confirmed from a mailed link, a forgotten password reset from a
//! single-use link; and the account in its owner's hands — its name,
//! address and password changed, its activity, its deletion.
//!
//! A session starts or ends with cookies for the browser: these functions
//! return them ([`Cookies`]) for the route to set.

use super::{Link, expired_link, use_link, use_link_or_again, wake_mail};
use crate::db::outbox::Kind;
use crate::db::tokens;
use crate::db::tokens::Purpose;
use crate::error::{ApiError, Result};
use crate::mail::{MailedLink, mail_link};
use crate::password::{dummy_hash, hash_password, too_easy, verify_password};
use crate::policy::{self, Actor};
use crate::session::Cookies;
use crate::state::AppState;
use crate::{clock, db, session};
use axum::http::{HeaderMap, StatusCode};
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg, Said};
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::{
    Account, AccountChange, AccountDeletion, Activity, Credentials, EmailChange, KeepComments,
    MailedToken, NewAccount, PasswordChange, PasswordResetConfirm, PasswordResetRequest, Role,
};
use sqlx::AnyConnection;

/// How long a confirmation link works.
const VERIFY_WITHIN: i64 = 7 * 24 * 3600;
/// How long a reset link works.
const RESET_WITHIN: i64 = 3600;
/// Links of one kind one address may be sent in an hour.
const LINKS_PER_HOUR: i64 = 3;

/// Creates a resident's account and signs it in; a link to confirm the
/// address is mailed. Every mistake is told at once, field by field.
pub async fn register(
    state: &AppState,
    limit_key: &str,
    headers: &HeaderMap,
    new: NewAccount,
    page_lang: Lang,
) -> Result<(Account, Cookies)> {
    {
        let mut conn = state.db.read().await?;
        state
            .limits
            .registrations
            .check(&mut conn, limit_key, Msg::LimitNewAccounts)
            .await?;
    }
    let mut errors = Vec::new();
    let mut wrong = |field: &str, detail: Said| errors.push((field.to_string(), detail));
    let email = Email::parse(&new.email).map_err(|e| wrong("email", e)).ok();
    let display_name = match DisplayName::for_resident(&new.display_name) {
        Ok(name) => match staff_name_taken(state, &name).await? {
            Some(refusal) => {
                wrong("display_name", refusal);
                None
            }
            None => Some(name),
        },
        Err(e) => {
            wrong("display_name", e);
            None
        }
    };
    let password = match Password::parse(&new.password) {
        Ok(p) => match too_easy(p.as_str(), &new.email, &new.display_name) {
            Some(why) => {
                wrong("password", why.into());
                None
            }
            None => Some(p),
        },
        Err(e) => {
            wrong("password", e);
            None
        }
    };
    let (Some(email), Some(display_name), Some(password)) = (email, display_name, password) else {
        return Err(ApiError::Fields(StatusCode::UNPROCESSABLE_ENTITY, errors));
    };
    // Hashed first, whether or not the address is taken: the answer takes
    // as long either way.
    let password_hash = hash_password(password).await?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let created = db::accounts::create(
        &mut tx,
        db::accounts::NewAccount {
            email: &email,
            display_name: &display_name,
            password_hash: &password_hash,
            role: Role::Resident,
            lang: new.lang.unwrap_or(page_lang),
            created_at: now.0,
        },
    )
    .await?;
    let account = match created {
        db::accounts::Created::Account(account) => account,
        db::accounts::Created::EmailTaken => {
            // The `409` says the address has an account (a new account is
            // signed in at once, so the answer cannot look the same; the
            // registration limit bounds probing, SECURITY.md). Its owner is
            // told, at most once a day.
            tell_owner(&mut tx, &email, now).await?;
            db::commit(tx).await?;
            wake_mail(state);
            return Err(ApiError::field(
                StatusCode::CONFLICT,
                "email",
                Msg::AccountExists,
            ));
        }
    };
    let cookies = Cookies(
        session::start(
            &mut tx,
            &state.config,
            headers,
            account.id,
            &account.email,
            None,
        )
        .await?,
    );
    send_verification(&mut tx, &account, now).await?;
    db::commit(tx).await?;
    wake_mail(state);
    Ok((account, cookies))
}

/// A resident may not go by a name that passes for a staff member's: the
/// sentence saying so, if `name` would.
async fn staff_name_taken(state: &AppState, name: &DisplayName) -> Result<Option<Said>> {
    let mut conn = state.db.read().await?;
    let staff = db::accounts::staff_names(&mut conn).await?;
    Ok(staff
        .iter()
        .find(|s| name.passes_for(s))
        .map(|taken| Msg::NameLikeStaff.with([("name", name.as_str()), ("staff", taken.as_str())])))
}

/// Signs in with an address and a password.
pub async fn sign_in(
    state: &AppState,
    limit_key: &str,
    headers: &HeaderMap,
    credentials: Credentials,
) -> Result<(Account, Cookies)> {
    // A field left empty is said of that field, each at once.
    let empty: Vec<(String, Said)> = [
        (
            "email",
            credentials.email.trim().is_empty(),
            Msg::EnterEmail,
        ),
        (
            "password",
            credentials.password.is_empty(),
            Msg::EnterPassword,
        ),
    ]
    .into_iter()
    .filter(|(_, empty, _)| *empty)
    .map(|(field, _, msg)| (field.to_string(), msg.into()))
    .collect();
    if !empty.is_empty() {
        return Err(ApiError::Fields(StatusCode::UNPROCESSABLE_ENTITY, empty));
    }
    let mut conn = state.db.read().await?;
    state
        .limits
        .sign_in
        .check(&mut conn, limit_key, Msg::LimitSignIns)
        .await?;
    let email = Email::parse(&credentials.email).map_err(|said| {
        ApiError::Fields(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("email".into(), said)],
        )
    })?;
    let (found, trusted_by) = {
        // Guesses spread over many addresses still meet the per-account
        // limit; a browser this account signed in from before is counted
        // apart, so strangers' guesses never lock the owner out.
        let trusted_by = session::trusted_for(&mut conn, &state.config, headers).await?;
        let key = match &trusted_by {
            Some(trusting) if trusting == email.as_str() => {
                format!(
                    "device {}",
                    session::device_token(headers, &state.config).unwrap_or_default()
                )
            }
            _ => format!("account {}", email.as_str()),
        };
        state
            .limits
            .sign_in_per_account
            .check(&mut conn, &key, Msg::LimitAccountSignIns)
            .await?;
        let found = db::accounts::find_for_sign_in(&mut conn, &email).await?;
        (found, trusted_by)
    };
    drop(conn);
    // An unknown address costs the same hashing as a wrong password, so the
    // answer's timing does not tell which addresses have accounts.
    let (account, hash) = match found {
        Some((account, hash)) => (Some(account), hash),
        None => (None, dummy_hash().await?),
    };
    let matches = verify_password(credentials.password, hash).await?;
    let Some(account) = account.filter(|_| matches) else {
        return Err(ApiError::unauthorized(Msg::WrongCredentials));
    };
    let mut tx = state.db.write().await?;
    let cookies = Cookies(
        session::start(
            &mut tx,
            &state.config,
            headers,
            account.id,
            &account.email,
            trusted_by.as_deref(),
        )
        .await?,
    );
    db::commit(tx).await?;
    Ok((with_hosts(state, account).await?, cookies))
}

/// The signed-in account, if any, with the topics it hosts.
pub async fn current(state: &AppState, user: Option<Account>) -> Result<Option<Account>> {
    match user {
        Some(account) => Ok(Some(with_hosts(state, account).await?)),
        None => Ok(None),
    }
}

/// The account with the topics it hosts, for the client to offer host views.
async fn with_hosts(state: &AppState, mut account: Account) -> Result<Account> {
    let mut conn = state.db.read().await?;
    account.hosts = db::hosts::topics_of(&mut conn, account.id).await?;
    Ok(account)
}

/// Ends the session the request came with, if any.
pub async fn sign_out(state: &AppState, headers: &HeaderMap) -> Result<Cookies> {
    if let Some(token) = session::session_token(headers, &state.config) {
        let mut conn = state.db.read().await?;
        db::accounts::delete_session(&mut conn, &session::hash_token(token)).await?;
    }
    Ok(Cookies(vec![session::cleared(&state.config)?]))
}

/// Sign out everywhere: ends every session of the account, this one too,
/// and forgets every browser it trusted (for a lost phone or a shared
/// computer).
pub async fn sign_out_everywhere(state: &AppState, me: &Account) -> Result<Cookies> {
    let mut tx = state.db.write().await?;
    db::accounts::end_all_sessions(&mut tx, me.id).await?;
    db::commit(tx).await?;
    Ok(Cookies(vec![session::cleared(&state.config)?]))
}

/// Puts the "confirm your address" mail in the outbox (in the caller's
/// transaction), unless the address had its share this hour.
async fn send_verification(
    conn: &mut AnyConnection,
    account: &Account,
    now: Timestamp,
) -> anyhow::Result<()> {
    let recent = tokens::recent_tokens(
        conn,
        &account.email,
        Purpose::Verify,
        Timestamp(now.0 - 3600),
    )
    .await?;
    if recent >= LINKS_PER_HOUR {
        return Ok(());
    }
    mail_link(
        conn,
        MailedLink {
            kind: Kind::VerifyEmail,
            purpose: Purpose::Verify,
            recipient: &account.email,
            lang: account.lang,
            account_id: Some(account.id),
            subscription_id: None,
            topic_id: None,
            valid_for: VERIFY_WITHIN,
        },
        now,
    )
    .await
}

/// Confirms an account's address from the mailed link (signed in or not:
/// the link may be opened on another device).
pub async fn verify(state: &AppState, body: MailedToken) -> Result<()> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let used = match use_link_or_again(&mut tx, &body.token, Purpose::Verify, now).await? {
        Link::First(used) => used,
        // Opened again: the address is confirmed still, if it is the
        // account's and confirmed; else the link is spent.
        Link::Again(used) => {
            let account = match Email::parse(&used.email) {
                Ok(email) => db::accounts::find_by_email(&mut tx, &email).await?,
                Err(_) => None,
            };
            let holds = account.is_some_and(|a| Some(a.id) == used.account_id && a.email_verified);
            return if holds { Ok(()) } else { Err(expired_link()) };
        }
    };
    let account_id = used
        .account_id
        .ok_or_else(|| anyhow::anyhow!("a confirmation link without its account"))?;
    // A link sent to an address the account no longer has confirms nothing.
    if !db::accounts::set_email_verified(&mut tx, account_id, &used.email).await? {
        return Err(expired_link());
    }
    db::commit(tx).await?;
    Ok(())
}

/// Mails the signed-in account's confirmation link again.
pub async fn send_again(state: &AppState, me: &Account) -> Result<()> {
    if me.email_verified {
        return Err(ApiError::conflict(Msg::AddressConfirmedAlready));
    }
    let mut tx = state.db.write().await?;
    send_verification(&mut tx, me, clock::now()).await?;
    db::commit(tx).await?;
    wake_mail(state);
    Ok(())
}

/// Tells the owner of `email` that someone tried to create an account with
/// it, unless they were told in the last day.
async fn tell_owner(
    tx: &mut sqlx::AnyConnection,
    email: &Email,
    now: Timestamp,
) -> anyhow::Result<()> {
    let Some(owner) = db::accounts::find_by_email(tx, email).await? else {
        return Ok(());
    };
    let kind = db::outbox::Kind::AccountExists;
    if db::outbox::written_since(tx, kind, &owner.email, Timestamp(now.0 - 86_400)).await? > 0 {
        return Ok(());
    }
    db::outbox::enqueue(
        tx,
        db::outbox::Notice {
            kind,
            recipient: &owner.email,
            lang: owner.lang,
            subscription_id: None,
            topic_id: None,
            subject_id: None,
            token: None,
        },
        now,
    )
    .await
}

/// Asks for a password reset link. The answer is the same, and takes as
/// long, whether or not the address has an account: the request is
/// counted against the limit, answered, and the rest — finding the
/// account, the link, its mail — is done after, apart from the answer.
pub async fn reset(state: &AppState, limit_key: &str, body: PasswordResetRequest) -> Result<()> {
    let email = Email::parse(&body.email).map_err(ApiError::unprocessable)?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    state
        .limits
        .password_resets
        .check(&mut tx, limit_key, Msg::LimitPasswordResets)
        .await?;
    db::commit(tx).await?;
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(error) = mail_reset_link(&state, &email, now).await {
            tracing::warn!(
                error = format!("{error:#}"),
                "a password reset link was not written"
            );
        }
    });
    Ok(())
}

/// The reset link for `email`'s account, if it has one (and has not had
/// three in the hour), into the outbox.
async fn mail_reset_link(state: &AppState, email: &Email, now: Timestamp) -> anyhow::Result<()> {
    let mut tx = state.db.write().await?;
    // One request at a time per account, so that the hour's count holds.
    if let Some(account) = db::accounts::hold_by_email(&mut tx, email).await? {
        let recent = tokens::recent_tokens(
            &mut tx,
            &account.email,
            Purpose::Reset,
            Timestamp(now.0 - 3600),
        )
        .await?;
        if recent < LINKS_PER_HOUR {
            mail_link(
                &mut tx,
                MailedLink {
                    kind: Kind::ResetPassword,
                    purpose: Purpose::Reset,
                    recipient: &account.email,
                    lang: account.lang,
                    account_id: Some(account.id),
                    subscription_id: None,
                    topic_id: None,
                    valid_for: RESET_WITHIN,
                },
                now,
            )
            .await?;
        }
    }
    db::commit(tx).await?;
    wake_mail(state);
    Ok(())
}

/// Sets a new password from the mailed link: the link is used up, every
/// other reset link voided, and every session of the account ends.
pub async fn reset_confirm(state: &AppState, body: PasswordResetConfirm) -> Result<()> {
    let unprocessable = |e: Said| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "password", e);
    let password = Password::parse(&body.password).map_err(unprocessable)?;
    if let Some(why) = too_easy(password.as_str(), "", "") {
        return Err(unprocessable(why.into()));
    }
    let hash = hash_password(password).await?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let used = use_link(&mut tx, &body.token, Purpose::Reset, now).await?;
    let account_id = used
        .account_id
        .ok_or_else(|| anyhow::anyhow!("a reset link without its account"))?;
    db::accounts::set_password(&mut tx, account_id, &hash).await?;
    db::accounts::end_all_sessions(&mut tx, account_id).await?;
    tokens::void_tokens(&mut tx, account_id, Purpose::Reset, now).await?;
    // The link reached the address, so the address is confirmed too.
    db::accounts::set_email_verified(&mut tx, account_id, &used.email).await?;
    db::commit(tx).await?;
    Ok(())
}

/// What the account has done: its comments, ballots and subscriptions.
pub async fn activity(state: &AppState, me: &Account) -> Result<Activity> {
    let mut conn = state.db.read().await?;
    Ok(db::accounts::activity(&mut conn, me.id).await?)
}

/// Checks `password` against the account's; a wrong one is a 403. Counted
/// with the account's sign-in attempts, so a session left open on a shared
/// computer cannot be used to guess the password.
async fn check_password(
    state: &AppState,
    me: &Account,
    password: String,
    field: &str,
) -> Result<()> {
    let hash = {
        let mut conn = state.db.read().await?;
        state
            .limits
            .sign_in_per_account
            .check(
                &mut conn,
                &format!("account {}", me.email),
                Msg::LimitAccountSignIns,
            )
            .await?;
        db::accounts::password_hash(&mut conn, me.id).await?
    };
    if verify_password(password, hash).await? {
        Ok(())
    } else {
        Err(ApiError::field(
            StatusCode::FORBIDDEN,
            field,
            Msg::WrongCurrentPassword,
        ))
    }
}

/// Changes the name the account's comments are shown with, the language
/// Pulse writes to it in, or both: all or nothing.
pub async fn change_account(
    state: &AppState,
    me: Account,
    change: AccountChange,
) -> Result<Account> {
    let unprocessable = |e| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "display_name", e);
    if change.display_name.is_none() && change.lang.is_none() {
        return Err(ApiError::unprocessable(Msg::ChangeNothing));
    }
    let name = match &change.display_name {
        Some(name) => Some(DisplayName::for_resident(name).map_err(unprocessable)?),
        None => None,
    };
    let actor = Actor::anywhere(Some(me));
    if let Some(name) = &name
        && !policy::may_take_a_staff_name(&actor)
        && let Some(refusal) = staff_name_taken(state, name).await?
    {
        return Err(unprocessable(refusal));
    }
    let mut account = policy::signed_in(&actor)?.clone();
    let mut tx = state.db.write().await?;
    if let Some(name) = &name {
        db::accounts::set_display_name(&mut tx, account.id, name).await?;
        account.display_name = name.as_str().to_string();
    }
    if let Some(lang) = change.lang {
        db::accounts::set_lang(&mut tx, account.id, lang).await?;
        account.lang = lang;
    }
    db::commit(tx).await?;
    with_hosts(state, account).await
}

/// Changes the password (the current one asked for); every other session
/// of the account ends.
pub async fn change_password(
    state: &AppState,
    me: &Account,
    headers: &HeaderMap,
    change: PasswordChange,
) -> Result<()> {
    let unprocessable =
        |e: Said| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "new_password", e);
    let new = Password::parse(&change.new_password).map_err(unprocessable)?;
    if let Some(why) = too_easy(new.as_str(), &me.email, &me.display_name) {
        return Err(unprocessable(why.into()));
    }
    check_password(state, me, change.current_password, "current_password").await?;
    let hash = hash_password(new).await?;
    let this_session = session::session_token(headers, &state.config)
        .map(session::hash_token)
        .unwrap_or_default();
    let mut tx = state.db.write().await?;
    db::accounts::set_password(&mut tx, me.id, &hash).await?;
    db::accounts::end_other_sessions(&mut tx, me.id, &this_session).await?;
    db::commit(tx).await?;
    Ok(())
}

/// Changes the address (the current password asked for): the new one is
/// confirmed again by mail, and the old one is told.
pub async fn change_email(state: &AppState, me: Account, change: EmailChange) -> Result<Account> {
    let email = Email::parse(&change.email)
        .map_err(|e| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "email", e))?;
    check_password(state, &me, change.current_password, "current_password").await?;
    let mut account = me;
    if email.as_str() == account.email {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "email",
            Msg::AlreadyYourAddress,
        ));
    }
    let mut tx = state.db.write().await?;
    if !db::accounts::set_email(&mut tx, account.id, &email).await? {
        return Err(ApiError::field(
            StatusCode::CONFLICT,
            "email",
            Msg::AddressTakenByOther,
        ));
    }
    let now = clock::now();
    // The address the account had is told, in case it was not its owner
    // who changed it (someone who knew the password).
    db::outbox::enqueue(
        &mut tx,
        db::outbox::Notice {
            kind: db::outbox::Kind::EmailChanged,
            recipient: &account.email,
            lang: account.lang,
            subscription_id: None,
            topic_id: None,
            subject_id: None,
            token: None,
        },
        now,
    )
    .await?;
    account.email = email.as_str().to_string();
    account.email_verified = false;
    send_verification(&mut tx, &account, now).await?;
    db::commit(tx).await?;
    wake_mail(state);
    with_hosts(state, account).await
}

/// Deletes the account (its password asked for), its comments withdrawn or
/// kept under "Former participant"; its session ends.
pub async fn delete(state: &AppState, me: &Account, deletion: AccountDeletion) -> Result<Cookies> {
    check_password(state, me, deletion.password, "password").await?;
    let withdraw = deletion.comments == KeepComments::Withdraw;
    let mut tx = state.db.write().await?;
    let now = clock::now();
    if withdraw {
        super::public_record::erase_author(&mut tx, me.id, now).await?;
    }
    db::accounts::delete(&mut tx, me.id, withdraw, now.0).await?;
    db::commit(tx).await?;
    Ok(Cookies(vec![session::cleared(&state.config)?]))
}
