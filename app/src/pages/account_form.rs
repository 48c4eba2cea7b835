//! What the sign-in and register forms share: labelled fields, where to go
//! afterwards, and signing the returned account in.

use crate::api::FormError;
use crate::auth::Auth;
use crate::i18n::{t, tf};
use leptos::prelude::*;
use pulse_api::i18n::{Lang, Msg as M};
use pulse_api::wire::Account;
use std::future::Future;

/// A form that answers with an account: sending it, its mistakes, and the
/// page to go on to once signed in.
pub struct AccountForm<T: 'static> {
    pub send: Action<T, Result<Account, FormError>>,
    pub mistakes: RwSignal<Mistakes>,
    pub next: Memo<String>,
}

/// Sends the form with `call`; an account that comes back is signed in
/// here and the visitor goes on to `?next=`; a refusal is shown field by
/// field, the request's field names turned into the form's ids by `ids`.
pub fn account_form<T, Fut>(
    call: impl Fn(T) -> Fut + 'static,
    ids: fn(&str) -> &'static str,
) -> AccountForm<T>
where
    T: Clone + 'static,
    Fut: Future<Output = Result<Account, FormError>> + 'static,
{
    let auth = Auth::get();
    let next = next_path();
    let mistakes = RwSignal::new(Mistakes::sent(ids));
    let send = Action::new_local(move |input: &T| call(input.clone()));
    Effect::new(move |_| {
        if let Some(result) = send.value().get() {
            match result {
                Ok(account) => {
                    auth.account.set(Some(account));
                    crate::nav::navigate(&next.get_untracked());
                }
                Err(error) => mistakes.set(Mistakes::from_error(error, ids)),
            }
        }
    });
    AccountForm {
        send,
        mistakes,
        next,
    }
}

/// What is wrong with a form: each mistake with the id of its field (empty
/// for one about the whole form), in the form's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mistakes(pub Vec<(String, String)>);

impl Mistakes {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The mistake about the field `id`, if there is one.
    pub fn of(&self, id: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(field, _)| *field == id)
            .map(|(_, m)| m.clone())
    }

    /// The mistakes of the form the server is rendering again, or, in the
    /// app, those the server's first view still shows.
    pub fn sent(ids: fn(&str) -> &'static str) -> Mistakes {
        match crate::forms::Posted::get() {
            Some(posted) => Mistakes::from_error(posted.refusal, ids),
            None => Mistakes(crate::forms::first_view_mistakes()),
        }
    }

    /// As [`Mistakes::sent`], for a page whose server names each mistake
    /// by the id of its form already (a topic's page, which has many).
    pub fn sent_as_named() -> Mistakes {
        match crate::forms::Posted::get() {
            Some(posted) if posted.refusal.fields.is_empty() => {
                Mistakes(vec![(String::new(), posted.refusal.summary)])
            }
            Some(posted) => Mistakes(posted.refusal.fields),
            None => Mistakes(crate::forms::first_view_mistakes()),
        }
    }

    /// The server's refusal, its fields named by the form's ids.
    pub fn from_error(error: FormError, ids: fn(&str) -> &'static str) -> Mistakes {
        if error.fields.is_empty() {
            return Mistakes(vec![(String::new(), error.summary)]);
        }
        Mistakes(
            error
                .fields
                .into_iter()
                .map(|(field, message)| (ids(&field).to_string(), message))
                .collect(),
        )
    }
}

/// Every mistake of a form at once, above it, each linked to its field
/// (as GOV.UK's and the U.S. Web Design System's forms do). Focus moves
/// here when mistakes appear, so a screen reader reads them all.
#[component]
pub fn ErrorSummary(mistakes: RwSignal<Mistakes>, id: &'static str) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !mistakes.with(Mistakes::is_empty)
            && let Some(summary) = summary.get()
        {
            let _ = summary.focus();
        }
    });
    let title_id = format!("{id}-title");
    move || {
        (!mistakes.with(Mistakes::is_empty)).then(|| {
            view! {
                // Rendered by the server for a form sent without the app,
                // it takes the focus as the page arrives.
                <div class="error-summary" id=id tabindex="-1" node_ref=summary role="alert" aria-labelledby=title_id.clone() autofocus=!crate::LIVE>
                    <h2 id=title_id.clone()>{t(M::ThereIsAProblem)}</h2>
                    <ul>
                        {mistakes.get().0.into_iter().map(|(field, message)| {
                            if field.is_empty() {
                                view! { <li>{message}</li> }.into_any()
                            } else {
                                view! { <li><a href=format!("#{field}")>{message}</a></li> }.into_any()
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Said above the form to someone who is already signed in, so they do not
/// make a second account by mistake (the account page signs out).
#[component]
pub fn AlreadySignedIn(next: Memo<String>) -> impl IntoView {
    let auth = Auth::get();
    move || {
        auth.account.get().map(|account| {
            view! {
                <p class="notice">
                    {tf(M::SignedInAs, &[("name", &account.display_name)])} " "
                    <a href=next.get()>{t(M::CarryOn)}</a>
                </p>
            }
        })
    }
}

/// A labelled input bound to a signal, with its hint and its mistake (the
/// input marked invalid and described by it). A password field has a
/// button to show what was typed.
#[component]
pub fn Field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] mistakes: Option<RwSignal<Mistakes>>,
    /// The language of what is typed, when it is not the page's.
    #[prop(optional)]
    lang: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let mistake = move || mistakes.and_then(|m| m.with(|m| m.of(id)));
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let parts: Vec<&str> = [
                has_hint.then_some(hint_id.as_str()),
                mistake().is_some().then_some(error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    };
    let shown = RwSignal::new(false);
    let password = kind == "password";
    view! {
        <div class="field" class:field-invalid=move || mistake().is_some()>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {move || mistake().map(|m| view! { <p class="field-error" id=error_id.clone()><span class="visually-hidden">{t(M::ErrorPrefix)}</span>{m}</p> })}
            <input
                id=id
                name=id
                type=move || if password && shown.get() { "text" } else { kind }
                autocomplete=autocomplete
                lang=lang
                aria-describedby=described
                aria-invalid=move || mistake().is_some().then_some("true")
                // The attribute for the server's rendering, the property
                // for the app's.
                value=value.get_untracked()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {(password && crate::LIVE).then(|| view! {
                <button type="button" class="link-button show-password" aria-controls=id
                    aria-pressed=move || shown.get().to_string()
                    on:click=move |_| shown.update(|s| *s = !*s)>{t(M::ShowPassword)}</button>
            })}
        </div>
    }
}

/// A textarea in the same pattern as [`Field`]: its label, its hint, its
/// mistake (if any) beside it, and the text.
#[component]
pub fn Area(
    id: &'static str,
    label: &'static str,
    #[prop(into)] hint: String,
    rows: &'static str,
    value: RwSignal<String>,
    mistakes: RwSignal<Mistakes>,
    /// The language of what is typed, when it is not the page's.
    #[prop(optional)]
    lang: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let mistake = move || mistakes.with(|m| m.of(id));
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut parts = vec![hint_id.clone()];
            if mistake().is_some() {
                parts.push(error_id.clone());
            }
            parts.join(" ")
        }
    };
    view! {
        <div class="field" class:field-invalid=move || mistake().is_some()>
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            {move || mistake().map(|m| view! { <p class="field-error" id=error_id.clone()><span class="visually-hidden">{t(M::ErrorPrefix)}</span>{m}</p> })}
            <textarea id=id name=id rows=rows lang=lang aria-describedby=described
                aria-invalid=move || mistake().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))>{value.get_untracked()}</textarea>
        </div>
    }
}

/// The language Pulse writes to a person in: a choice of the languages it
/// has, each named in itself and marked as such for screen readers.
#[component]
pub fn LanguageField(id: &'static str, value: RwSignal<Lang>) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{t(M::MailLanguage)}</label>
            <p class="hint" id=hint_id.clone()>{t(M::MailLanguageHint)}</p>
            <select id=id name=id aria-describedby=hint_id
                on:change=move |ev| value.set(Lang::parse(&event_target_value(&ev)).unwrap_or_default())>
                {Lang::ALL.into_iter().map(|lang| view! {
                    <option value=lang.code() lang=lang.code() selected=move || value.get() == lang>{lang.name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Where to go after signing in: the page named by `?next=` (the topic the
/// visitor wanted to take part in), if it is a path on this site.
pub fn next_path() -> Memo<String> {
    let location = crate::nav::use_location();
    Memo::new(move |_| {
        crate::nav::query_value(&location.query.read(), "next")
            .and_then(|p| pulse_api::links::local_path(&p))
            .unwrap_or_else(|| "/".to_string())
    })
}

/// The hidden fields every account form sends: its token, and where to
/// go afterwards.
#[component]
pub fn FormHidden(next: Memo<String>) -> impl IntoView {
    view! {
        <crate::forms::Token/>
        <input type="hidden" name="next" value=move || next.get()/>
    }
}

/// A link to `page` (sign-in or register) that comes back to `here`.
pub fn with_next(page: &str, here: &str) -> String {
    format!("{page}?next={}", pulse_api::links::encode_component(here))
}
