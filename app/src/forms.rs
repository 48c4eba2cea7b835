//! Forms that work before the app arrives. Each is a real
//! `<form method="post">` to the page's own address (or the action's), so a
//! browser without the app sends it and the server answers with a redirect
//! or the page again, its mistakes shown. With the app loaded, the form's
//! own `submit` handler sends JSON instead and the page never reloads.
//!
//! What the server renders again after a refused form ([`Posted`]) is given
//! to the page through context; the token that proves a form came from one
//! of our own pages ([`token`]) through the rendering's thread.

use crate::api::FormError;
use leptos::prelude::*;
use std::cell::RefCell;

/// A form the server was sent without the app, and why it refused it: the
/// page is rendered again from it, with what was typed (never a password)
/// and its mistakes. (The app, once loaded, finds both in the server's
/// first view: see [`first_view_mistakes`] and `app::ready`.)
#[derive(Clone, Debug, Default)]
pub struct Posted {
    /// Each field's value by its `name`.
    pub values: Vec<(String, String)>,
    pub refusal: FormError,
}

impl Posted {
    /// What the page was sent with, if the server is rendering it again.
    pub fn get() -> Option<Posted> {
        use_context::<Posted>()
    }

    /// The value sent as `name`, empty if none.
    pub fn value(&self, name: &str) -> String {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// What a form field starts with: what was sent, if the page is being
/// rendered again, else nothing.
pub fn sent(name: &str) -> String {
    Posted::get().map(|p| p.value(name)).unwrap_or_default()
}

/// The mistakes the server's first view shows above its form (the error
/// summary): each field's id, or none for the whole form, and its
/// sentence. Nothing once the app has taken the first view's place.
pub fn first_view_mistakes() -> Vec<(String, String)> {
    first_view_mistakes_of("#app .error-summary li")
}

/// As [`first_view_mistakes`], those of one form's summary (its id), on a
/// page with several.
pub fn first_view_mistakes_in(summary: &str) -> Vec<(String, String)> {
    first_view_mistakes_of(&format!("#app #{summary} li"))
}

fn first_view_mistakes_of(selector: &str) -> Vec<(String, String)> {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(items) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(selector).ok())
        else {
            return Vec::new();
        };
        (0..items.length())
            .filter_map(|i| items.item(i))
            .map(|item| {
                let field = wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&item)
                    .and_then(|e| e.query_selector("a[href^='#']").ok().flatten())
                    .and_then(|a| a.get_attribute("href"))
                    .map(|href| href.trim_start_matches('#').to_string())
                    .unwrap_or_default();
                (field, item.text_content().unwrap_or_default())
            })
            .collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = selector;
        Vec::new()
    }
}

/// The value of the field `id` in the server's first view (what was typed
/// there before the app arrived), if the page has one.
pub fn first_view_value(id: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let field = web_sys::window()?
            .document()?
            .query_selector(&format!("#app #{id}"))
            .ok()??;
        js_sys::Reflect::get(&field, &"value".into())
            .ok()?
            .as_string()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = id;
        None
    }
}

/// Whether the server's first view has an element `id`.
pub fn first_view_has(id: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&format!("#app #{id}")).ok().flatten())
            .is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = id;
        false
    }
}

/// What the server's first view says went wrong with its form, in a line
/// of its own (`<p class="error" role="alert">` in the form).
pub fn first_view_alert() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?
            .document()?
            .query_selector("#app form .error[role=alert]")
            .ok()??
            .text_content()
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Sets the form token for what is rendered next on this thread (the
/// server, around each page).
pub fn set_token(token: String) {
    TOKEN.with(|t| *t.borrow_mut() = Some(token));
}

/// The token a form sends with itself so the server knows it came from a
/// page of ours, for this visitor: the server's, or in the app the one the
/// server's first view carried. (The app sends its forms as JSON, which no
/// other site can; the token is for the form sent without it.)
pub fn token() -> String {
    if let Some(known) = TOKEN.with(|t| t.borrow().clone()) {
        return known;
    }
    let found = first_view_token().unwrap_or_default();
    TOKEN.with(|t| *t.borrow_mut() = Some(found.clone()));
    found
}

#[cfg(target_arch = "wasm32")]
fn first_view_token() -> Option<String> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .query_selector("input[name=csrf]")
        .ok()??
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .map(|input| input.value())
}

#[cfg(not(target_arch = "wasm32"))]
fn first_view_token() -> Option<String> {
    None
}

/// A `<textarea>`'s text as the server writes it (its value without the
/// app); none in the app, which sets the value itself, so the text is
/// never in the document twice.
pub fn server_text(value: RwSignal<String>) -> Option<String> {
    (!crate::LIVE).then(|| value.get_untracked())
}

/// The hidden field with the form's token; none on a page that is the
/// same for every reader not signed in (its only form acts for nobody).
#[component]
pub fn Token() -> impl IntoView {
    let token = token();
    (!token.is_empty()).then(|| view! { <input type="hidden" name="csrf" value=token/> })
}

/// The hidden fields of a form on a page with several (a topic's, the
/// host's): its token, what it does (`do`), which form it is (`form`, the
/// id its mistake is shown by), and the comment or poll it acts on.
#[component]
pub fn Doing(
    what: &'static str,
    form: String,
    #[prop(optional)] comment: Option<i64>,
    #[prop(optional)] poll: Option<i64>,
) -> impl IntoView {
    view! {
        <Token/>
        <input type="hidden" name="do" value=what/>
        <input type="hidden" name="form" value=form/>
        {comment.map(|id| view! { <input type="hidden" name="comment" value=id.to_string()/> })}
        {poll.map(|id| view! { <input type="hidden" name="poll" value=id.to_string()/> })}
    }
}

/// What the server said was wrong with the form `form` sent without the
/// app: on the page it renders again, or in the app, on its first view.
pub fn form_mistake(form: &str) -> Option<String> {
    match Posted::get() {
        Some(posted) => (posted.value("form") == form).then_some(posted.refusal.summary),
        None => first_view_mistakes()
            .into_iter()
            .find(|(field, _)| field == form)
            .map(|(_, message)| message),
    }
}

/// What the form `form` was sent with, as the server renders it again.
pub fn sent_value(form: &str, name: &str) -> Option<String> {
    Posted::get()
        .filter(|posted| posted.value("form") == form)
        .map(|posted| posted.value(name))
}
