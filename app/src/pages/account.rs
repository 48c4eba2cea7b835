//! The signed-in account in its owner's hands: its address (confirmed or
//! not, with the link sent again on request), the topics it follows, what
//! it has said and voted, changing its name, address and password, signing
//! out on every device (a lost phone, a library computer left signed in),
//! and deleting it. (Signing out here is the header's.) The server renders
//! it whole ([`AccountKnown`]), and each form is a real post to `/account`
//! with its `do` (`server/src/pages/account.rs`): without the app the
//! server answers `303` back here saying what was done (`?done=`), or the
//! page again with the form's mistakes; with it, the form sends JSON.

use crate::api;
use crate::api::FormError;
use crate::app::set_title;
use crate::auth::Auth;
use crate::forms::{Doing, Posted, form_mistake, sent_value};
use crate::i18n::{t, tf};
use crate::pages::account_form::{ErrorSummary, Field, LanguageField, Mistakes};
use leptos::prelude::*;
use pulse_api::i18n::{Lang, Msg as M};
use pulse_api::wire::{
    AccountChange, AccountDeletion, Activity, Cadence, EmailChange, KeepComments, PasswordChange,
    Subscription, SubscriptionEdit,
};

/// What the account page shows beyond the account, as the server found it
/// for its first view: the topics it follows, and what it has said and
/// voted.
#[derive(Clone)]
pub struct AccountKnown {
    pub subscriptions: Result<Vec<Subscription>, String>,
    pub activity: Result<Activity, String>,
}

#[component]
pub fn AccountPage() -> impl IntoView {
    set_title(t(M::YourAccount));
    crate::app::ready_after_render();
    let auth = Auth::get();
    let error = RwSignal::new(form_mistake("sign-out-everywhere"));
    // Signing out here is the header's; this is for every device.
    let sign_out = Action::new_local(|(): &()| api::sign_out_everywhere());
    Effect::new(move |_| {
        if let Some(result) = sign_out.value().get() {
            match result {
                Ok(()) => {
                    auth.account.set(None);
                    crate::nav::navigate("/");
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
    let signed_in = Memo::new(move |_| auth.account.with(|a| a.as_ref().map(|a| a.id)));
    view! {
        <h1>{t(M::YourAccount)}</h1>
        // Made again only when who is signed in changes, not when a form
        // here changes the account (which would lose what it just said).
        {move || match signed_in.get() {
            Some(_) => {
                let read = move |f: fn(&pulse_api::wire::Account) -> String| {
                    auth.account.with(|a| a.as_ref().map(f).unwrap_or_default())
                };
                let verified = move || auth.account.with(|a| a.as_ref().is_some_and(|a| a.email_verified));
                let current = sent_value("name", "new-name").unwrap_or_else(|| {
                    auth.account.with_untracked(|a| {
                        a.as_ref().map(|a| a.display_name.clone()).unwrap_or_default()
                    })
                });
                view! {
                    <dl class="account">
                        <dt>{t(M::NameWithComments)}</dt>
                        <dd>{move || read(|a| a.display_name.clone())}</dd>
                        <dt>{t(M::EmailAddress)}</dt>
                        <dd>{move || read(|a| a.email.clone())} " " {move || if verified() { t(M::Confirmed) } else { t(M::NotConfirmed) }}</dd>
                        <dt>{t(M::MailLanguage)}</dt>
                        <dd>{move || auth.account.with(|a| a.as_ref().map(|a| view! { <span lang=a.lang.code()>{a.lang.name()}</span> }))}</dd>
                    </dl>
                    {move || (!verified()).then(|| view! { <SendLinkAgain/> })}
                    <Following/>
                    <MyActivity/>
                    <ChangeName current/>
                    <ChangeLanguage/>
                    <ChangeEmail/>
                    <ChangePassword/>
                    {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                    <h2>{t(M::SignedInElsewhere)}</h2>
                    <p>{t(M::SignOutEverywhereLead)}</p>
                    <form method="post" action="/account" on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        sign_out.dispatch(());
                    }>
                        <Doing what="sign-out-everywhere" form="sign-out-everywhere".to_string()/>
                        <button type="submit" class="secondary">{t(M::SignOutEverywhere)}</button>
                    </form>
                    <DeleteAccount/>
                }
                .into_any()
            }
            None if auth.known.get() => view! {
                <p>{t(M::NotSignedIn)} " " <a href="/sign-in">{t(M::SignIn)}</a></p>
            }
            .into_any(),
            None => view! { <p class="loading">{t(M::Loading)}</p> }.into_any(),
        }}
    }
}

/// For an address not confirmed yet: the link, sent again.
#[component]
fn SendLinkAgain() -> impl IntoView {
    let auth = Auth::get();
    // Sent already, or refused, without the app.
    let answer = RwSignal::new(if done_is("link") {
        let email = auth
            .account
            .with_untracked(|a| a.as_ref().map(|a| a.email.clone()));
        Some(Ok(tf(
            M::NewLinkOnItsWay,
            &[("email", &email.unwrap_or_default())],
        )))
    } else {
        form_mistake("send-link").map(Err)
    });
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move { answer.set(Some(api::send_verification().await)) });
    };
    view! {
        <p>{t(M::ConfirmAddressLead)}</p>
        {move || match answer.get() {
            Some(Ok(sentence)) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            other => view! {
                {other.and_then(Result::err).map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <form method="post" action="/account" on:submit=send>
                    <Doing what="send-link" form="send-link".to_string()/>
                    <button type="submit" class="secondary">{t(M::SendLinkAgain)}</button>
                </form>
            }
            .into_any(),
        }}
    }
}

/// The topics this account follows by email, each with how often and a way
/// to stop.
#[component]
fn Following() -> impl IntoView {
    let list = RwSignal::new(use_context::<AccountKnown>().map(|k| k.subscriptions));
    let error = RwSignal::new(form_mistake("following"));
    let saved = RwSignal::new(done_is("following") || done_is("unfollowed"));
    let load = move || {
        leptos::task::spawn_local(async move { list.set(Some(api::my_subscriptions().await)) });
    };
    // The server rendered what it found; the app fetches its own.
    if crate::LIVE {
        load();
    }
    // A change, then the list as it now is.
    let act =
        move |work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>>>>| {
            error.set(None);
            saved.set(false);
            leptos::task::spawn_local(async move {
                match work.await {
                    Ok(()) => {
                        saved.set(true);
                        load();
                    }
                    Err(message) => error.set(Some(message)),
                }
            });
        };
    view! {
        <h2 id="following">{t(M::TopicsYouFollow)}</h2>
        {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        {move || saved.get().then(|| view! { <p class="notice" role="status">{t(M::FollowingSaved)}</p> })}
        {move || match list.get() {
            None => view! { <p class="loading">{t(M::Loading)}</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(subscriptions)) if subscriptions.is_empty() => view! {
                <p>{t(M::FollowNone)}</p>
            }
            .into_any(),
            Some(Ok(subscriptions)) => view! {
                <ul class="following">
                    {subscriptions.into_iter().map(|s| {
                        let id = s.id;
                        let daily = s.cadence == Cadence::Daily;
                        let check_id = format!("daily-{id}");
                        // Each change is a form of its own: without the app,
                        // a button sends it; with it, it goes at once.
                        let form = move |what: &'static str| view! {
                            <Doing what form="following".to_string()/>
                            <input type="hidden" name="subscription" value=id.to_string()/>
                        };
                        let sent = |ev: leptos::ev::SubmitEvent| ev.prevent_default();
                        view! {
                            <li>
                                <a href=format!("/topics/{}", s.topic_slug)>{s.topic_title.clone()}</a>
                                <form method="post" action="/account" class="cadence" on:submit=sent>
                                    {form("daily")}
                                    <div class="check">
                                        <input type="checkbox" id=check_id.clone() name="daily" value="yes"
                                            checked=daily prop:checked=daily
                                            on:change=move |ev| {
                                                let cadence = if event_target_checked(&ev) { Cadence::Daily } else { Cadence::Instant };
                                                let edit = SubscriptionEdit { cadence: Some(cadence), section: None };
                                                act(Box::pin(async move { api::change_subscription(id, edit).await.map(|_| ()) }));
                                            }/>
                                        <label for=check_id>{t(M::OneEmailADay)}</label>
                                    </div>
                                    {(!crate::LIVE).then(|| view! {
                                        <button type="submit" class="secondary"
                                            aria-label=tf(M::SaveHowOftenFor, &[("topic", &s.topic_title)])>{t(M::SaveHowOften)}</button>
                                    })}
                                </form>
                                {s.section_label.clone().map(|place| {
                                    let stop = SubscriptionEdit { cadence: None, section: Some(None) };
                                    view! {
                                        <p class="meta">{tf(M::WithCommentsIn, &[("place", &place)])}</p>
                                        <form method="post" action="/account" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                            ev.prevent_default();
                                            let stop = stop.clone();
                                            act(Box::pin(async move { api::change_subscription(id, stop).await.map(|_| ()) }))
                                        }>
                                            {form("stop-section")}
                                            <button type="submit" class="secondary"
                                                aria-label=tf(M::StopNewCommentsOf, &[("place", &place), ("topic", &s.topic_title)])>{t(M::StopNewComments)}</button>
                                        </form>
                                    }
                                })}
                                <form method="post" action="/account" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                    ev.prevent_default();
                                    act(Box::pin(api::end_subscription(id)))
                                }>
                                    {form("unsubscribe")}
                                    <button type="submit" class="secondary"
                                        aria-label=tf(M::UnsubscribeFrom, &[("topic", &s.topic_title)])>{t(M::Unsubscribe)}</button>
                                </form>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

/// A settings form's state: its mistakes, and what it said when done.
#[derive(Clone, Copy)]
struct Settings {
    mistakes: RwSignal<Mistakes>,
    done: RwSignal<Option<String>>,
}

impl Settings {
    /// The form `form`'s state as the page starts: the mistakes the server
    /// found in it (`ids` turns the request's field names into the form's),
    /// or, when the address says it was done (`?done=`), `said`.
    fn new(
        form: &'static str,
        ids: fn(&str) -> &'static str,
        said: impl FnOnce() -> String,
    ) -> Self {
        let mistakes = match Posted::get() {
            Some(posted) if posted.value("form") == form => {
                Mistakes::from_error(posted.refusal, ids)
            }
            Some(_) => Mistakes::default(),
            None => Mistakes(crate::forms::first_view_mistakes_in(&format!(
                "{form}-errors"
            ))),
        };
        Settings {
            mistakes: RwSignal::new(mistakes),
            done: RwSignal::new(done_is(form).then(said)),
        }
    }

    /// Runs `work`; its sentence is announced, or its refusal shown field
    /// by field (`ids` turns the request's field names into the form's).
    fn run(
        self,
        ids: fn(&str) -> &'static str,
        work: impl std::future::Future<Output = Result<String, FormError>> + 'static,
    ) {
        self.done.set(None);
        self.mistakes.set(Mistakes::default());
        leptos::task::spawn_local(async move {
            match work.await {
                Ok(sentence) => self.done.set(Some(sentence)),
                Err(error) => self.mistakes.set(Mistakes::from_error(error, ids)),
            }
        });
    }

    fn done_view(self) -> impl IntoView {
        move || {
            self.done
                .get()
                .map(|sentence| view! { <p class="notice" role="status">{sentence}</p> })
        }
    }
}

/// The language Pulse writes to the account in.
#[component]
fn ChangeLanguage() -> impl IntoView {
    let auth = Auth::get();
    let current = Lang::parse(&sent_value("language", "mail-lang").unwrap_or_default())
        .or_else(|| auth.account.with_untracked(|a| a.as_ref().map(|a| a.lang)))
        .unwrap_or_default();
    let lang = RwSignal::new(current);
    let form = Settings::new("language", language_ids, || {
        t(M::MailLanguageSaved).to_string()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = AccountChange {
            display_name: None,
            lang: Some(lang.get_untracked()),
        };
        form.run(language_ids, async move {
            let account = api::change_account(&change).await?;
            auth.account.set(Some(account));
            Ok(t(M::MailLanguageSaved).to_string())
        });
    };
    view! {
        <section class="settings" aria-labelledby="language-title">
            <h2 id="language-title">{t(M::MailLanguageTitle)}</h2>
            <ErrorSummary mistakes=form.mistakes id="language-errors"/>
            <form class="account-form" method="post" action="/account" on:submit=submit novalidate>
                <Doing what="language" form="language".to_string()/>
                <LanguageField id="mail-lang" value=lang/>
                {form.done_view()}
                <button type="submit">{t(M::SaveMailLanguage)}</button>
            </form>
        </section>
    }
}

/// The name shown with the account's comments, old ones too.
#[component]
fn ChangeName(current: String) -> impl IntoView {
    let auth = Auth::get();
    let name = RwSignal::new(current);
    let form = Settings::new("name", name_ids, || t(M::NameChanged).to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = AccountChange {
            display_name: Some(name.get_untracked()),
            lang: None,
        };
        form.run(name_ids, async move {
            let account = api::change_account(&change).await?;
            auth.account.set(Some(account));
            Ok(t(M::NameChanged).to_string())
        });
    };
    view! {
        <section class="settings" aria-labelledby="name-title">
            <h2 id="name-title">{t(M::ChangeNameTitle)}</h2>
            <ErrorSummary mistakes=form.mistakes id="name-errors"/>
            <form class="account-form" method="post" action="/account" on:submit=submit novalidate>
                <Doing what="name" form="name".to_string()/>
                <Field id="new-name" label=t(M::NameWithComments) kind="text" autocomplete="nickname" value=name mistakes=form.mistakes/>
                {form.done_view()}
                <button type="submit">{t(M::SaveName)}</button>
            </form>
        </section>
    }
}

/// A new address, confirmed again from the link mailed to it.
#[component]
fn ChangeEmail() -> impl IntoView {
    let auth = Auth::get();
    let email = RwSignal::new(sent_value("email", "changed-email").unwrap_or_default());
    let password = RwSignal::new(String::new());
    let form = Settings::new("email", email_ids, move || {
        let email = auth
            .account
            .with_untracked(|a| a.as_ref().map(|a| a.email.clone()));
        tf(M::EmailChanged, &[("email", &email.unwrap_or_default())])
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = EmailChange {
            email: email.get_untracked(),
            current_password: password.get_untracked(),
        };
        form.run(email_ids, async move {
            let account = api::change_email(&change).await?;
            let sentence = tf(M::EmailChanged, &[("email", &account.email)]);
            auth.account.set(Some(account));
            email.set(String::new());
            password.set(String::new());
            Ok(sentence)
        });
    };
    view! {
        <section class="settings" aria-labelledby="email-title">
            <h2 id="email-title">{t(M::ChangeEmailTitle)}</h2>
            <ErrorSummary mistakes=form.mistakes id="email-errors"/>
            <form class="account-form" method="post" action="/account" on:submit=submit novalidate>
                <Doing what="email" form="email".to_string()/>
                <Field id="changed-email" label=t(M::NewEmail) kind="email" autocomplete="email" value=email hint=t(M::NewEmailHint) mistakes=form.mistakes/>
                <Field id="email-password" label=t(M::CurrentPassword) kind="password" autocomplete="current-password" value=password mistakes=form.mistakes/>
                {form.done_view()}
                <button type="submit">{t(M::SaveEmail)}</button>
            </form>
        </section>
    }
}

/// A new password, given the current one; other devices are signed out.
#[component]
fn ChangePassword() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let form = Settings::new("password", password_ids, || {
        t(M::PasswordChangedHere).to_string()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let change = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        form.run(password_ids, async move {
            api::change_password(&change).await?;
            current.set(String::new());
            new.set(String::new());
            Ok(t(M::PasswordChangedHere).to_string())
        });
    };
    view! {
        <section class="settings" aria-labelledby="password-title">
            <h2 id="password-title">{t(M::ChangePasswordTitle)}</h2>
            <ErrorSummary mistakes=form.mistakes id="password-errors"/>
            <form class="account-form" method="post" action="/account" on:submit=submit novalidate>
                <Doing what="password" form="password".to_string()/>
                <Field id="old-password" label=t(M::CurrentPassword) kind="password" autocomplete="current-password" value=current mistakes=form.mistakes/>
                <Field
                    id="changed-password"
                    label=t(M::NewPassword)
                    kind="password"
                    autocomplete="new-password"
                    value=new
                    hint=tf(M::PasswordHint, &[("n", &pulse_api::validate::PASSWORD_MIN_CHARS.to_string())])
                    mistakes=form.mistakes
                />
                {form.done_view()}
                <button type="submit">{t(M::SavePassword)}</button>
            </form>
        </section>
    }
}

/// Deleting the account: the resident chooses what becomes of their
/// comments, and gives their password, so nothing goes by accident.
#[component]
fn DeleteAccount() -> impl IntoView {
    let auth = Auth::get();
    let password = RwSignal::new(String::new());
    let keep = RwSignal::new(match sent_value("delete", "comments").as_deref() {
        Some("withdraw") => Some(KeepComments::Withdraw),
        Some("keep") => Some(KeepComments::Keep),
        _ => None,
    });
    let mistakes = Settings::new("delete", delete_ids, String::new).mistakes;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        if keep.get_untracked().is_none() {
            found.push((
                "delete-withdraw".to_string(),
                t(M::ChooseComments).to_string(),
            ));
        }
        if password.get_untracked().is_empty() {
            found.push((
                "delete-password".to_string(),
                t(M::EnterPassword).to_string(),
            ));
        }
        mistakes.set(Mistakes(found));
        let Some(comments) = keep
            .get_untracked()
            .filter(|_| mistakes.with_untracked(Mistakes::is_empty))
        else {
            return;
        };
        let deletion = AccountDeletion {
            password: password.get_untracked(),
            comments,
        };
        leptos::task::spawn_local(async move {
            match api::delete_account(&deletion).await {
                Ok(()) => {
                    auth.account.set(None);
                    crate::nav::navigate("/?deleted=1");
                }
                Err(error) => mistakes.set(Mistakes::from_error(error, delete_ids)),
            }
        });
    };
    let choice = move |id: &'static str, value: KeepComments, sent: &'static str, label: M| {
        view! {
            <div class="choice">
                <input type="radio" id=id name="comments" value=sent
                    checked=keep.get_untracked() == Some(value)
                    prop:checked=move || keep.get() == Some(value)
                    on:change=move |_| keep.set(Some(value))/>
                <label for=id>{t(label)}</label>
            </div>
        }
    };
    let choice_error = move || mistakes.with(|m| m.of("delete-withdraw"));
    view! {
        <section class="settings danger" aria-labelledby="delete-title">
            <h2 id="delete-title">{t(M::DeleteTitle)}</h2>
            <p>{t(M::DeleteLead)}</p>
            <ErrorSummary mistakes id="delete-errors"/>
            <form class="account-form" method="post" action="/account" on:submit=submit novalidate>
                <Doing what="delete" form="delete".to_string()/>
                <fieldset aria-describedby=move || choice_error().map(|_| "delete-choice-error")>
                    <legend>{t(M::DeleteCommentsLegend)}</legend>
                    {move || choice_error().map(|m| view! { <p class="field-error" id="delete-choice-error">{m}</p> })}
                    {choice("delete-withdraw", KeepComments::Withdraw, "withdraw", M::DeleteWithdraw)}
                    {choice("delete-keep", KeepComments::Keep, "keep", M::DeleteKeep)}
                </fieldset>
                <Field id="delete-password" label=t(M::CurrentPassword) kind="password" autocomplete="current-password" value=password mistakes/>
                <button type="submit" class="danger">{t(M::DeleteButton)}</button>
            </form>
        </section>
    }
}

/// The account's comments, each with a link to its place, and its ballots.
#[component]
fn MyActivity() -> impl IntoView {
    let known = use_context::<AccountKnown>().map(|k| k.activity);
    let fetched = crate::LIVE.then(|| LocalResource::new(api::activity));
    let activity = move || match fetched {
        Some(fetched) => fetched.get(),
        None => known.clone(),
    };
    view! {
        <section class="activity" aria-labelledby="activity-title">
            <h2 id="activity-title">{t(M::MyActivity)}</h2>
            {move || match activity() {
                None => view! { <p class="loading">{t(M::Loading)}</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(mine)) => {
                    let comments = if mine.comments.is_empty() {
                        view! { <p>{t(M::NoCommentsOfMine)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="my-comments">
                                {mine.comments.into_iter().map(|c| {
                                    let state = if c.withdrawn {
                                        Some(t(M::WithdrawnByAuthor))
                                    } else if c.hidden {
                                        Some(t(M::HiddenByHostShort))
                                    } else {
                                        None
                                    };
                                    let excerpt: String = c.body.chars().take(140).collect();
                                    let more = c.body.chars().count() > 140;
                                    view! {
                                        <li>
                                            <a href=format!("/topics/{}#{}", c.topic_slug, c.section)>
                                                {tf(if c.reply { M::MyReplyOn } else { M::MyCommentOn }, &[("topic", &c.topic_title)])}
                                            </a>
                                            {state.map(|s| view! { " " <span class="meta">{s}</span> })}
                                            {(!excerpt.is_empty()).then(|| view! { <p class="plain">{excerpt}{more.then_some("…")}</p> })}
                                            {c.receipt.map(|r| view! {
                                                <p class="meta receipt">
                                                    {tf(M::ReceiptLine, &[("position", &r.position.to_string())])} " · "
                                                    <code>{r.hash}</code>
                                                </p>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    };
                    let ballots = if mine.ballots.is_empty() {
                        view! { <p>{t(M::NoBallotsOfMine)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="my-ballots">
                                {mine.ballots.into_iter().map(|b| view! {
                                    <li>
                                        <a href=format!("/topics/{}", b.topic_slug)>{b.topic_title}</a>
                                        ": " {b.question} " — " <strong>{b.choices.join(", ")}</strong>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    };
                    view! {
                        <h3>{t(M::YourComments)}</h3>
                        {comments}
                        <h3>{t(M::YourVotes)}</h3>
                        {ballots}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Whether the address says the form `form` was done (`?done=`), as the
/// server's answer to a form sent without the app does.
fn done_is(form: &str) -> bool {
    let location = crate::nav::use_location();
    crate::nav::query_value(&location.query.get_untracked(), "done").as_deref() == Some(form)
}

/// The request's field names, as the forms' ids.
fn name_ids(_: &str) -> &'static str {
    "new-name"
}

fn language_ids(_: &str) -> &'static str {
    "mail-lang"
}

fn email_ids(field: &str) -> &'static str {
    if field == "email" {
        "changed-email"
    } else {
        "email-password"
    }
}

fn password_ids(field: &str) -> &'static str {
    if field == "new_password" {
        "changed-password"
    } else {
        "old-password"
    }
}

fn delete_ids(field: &str) -> &'static str {
    if field == "comments" {
        "delete-withdraw"
    } else {
        "delete-password"
    }
}
