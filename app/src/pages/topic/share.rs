//! Passing a topic on: copying the link to a section, and sharing the topic
//! (the phone's own share sheet where there is one, else the link copied).
//! What happened is said beside the button, in a status region.

use crate::i18n::{t, tf};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;

/// What the last press did, shown and announced beside the button.
#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Copied,
    /// The clipboard refused (an old browser, a page not served over
    /// https): the link was put in the address bar instead.
    InAddressBar,
}

/// "Copy link" (`title` none): copies the address of `path`
/// (`/topics/…#section`). "Share this topic" (`title` the topic's): opens
/// the phone's share sheet, or copies the address where there is none.
#[component]
pub fn Share(
    path: String,
    #[prop(optional)] title: Option<String>,
    /// The button's words.
    label: &'static str,
    /// Its accessible name when the words need more: they come first
    /// (WCAG 2.5.3), then what the link is to.
    #[prop(optional)]
    name: Option<String>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let press = move |_| {
        let (path, title) = (path.clone(), title.clone());
        leptos::task::spawn_local(async move {
            let url = address(&path);
            if let Some(title) = title {
                // The share sheet, once shown (and maybe dismissed), has
                // said what happened.
                if share(&title, &url).await.is_some() {
                    return;
                }
            }
            if copy(&url).await {
                settle(outcome, Outcome::Copied);
            } else {
                show_in_address_bar(&path);
                settle(outcome, Outcome::InAddressBar);
            }
        });
    };
    view! {
        <span class="share">
            <button type="button" class="link-button" disabled=!crate::LIVE aria-label=name on:click=press>{label}</button>
            <span role="status" class="share-status">{move || outcome.get().map(say)}</span>
        </span>
    }
}

/// A button that copies `text` as it is (a receipt), saying beside it
/// whether it could.
#[component]
pub fn CopyText(
    text: String,
    label: &'static str,
    /// Its accessible name: the words first, then what is copied.
    name: String,
) -> impl IntoView {
    let said = RwSignal::new(None::<String>);
    let press = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let done = if copy(&text).await {
                t(M::ReceiptCopied).to_string()
            } else {
                tf(M::ReceiptNotCopied, &[("receipt", &text)])
            };
            said.set(Some(done));
            set_timeout(
                move || {
                    said.try_set(None);
                },
                std::time::Duration::from_secs(6),
            );
        });
    };
    view! {
        <span class="share">
            <button type="button" class="link-button" disabled=!crate::LIVE aria-label=name on:click=press>{label}</button>
            <span role="status" class="share-status">{move || said.get()}</span>
        </span>
    }
}

fn say(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Copied => t(M::LinkCopied),
        Outcome::InAddressBar => t(M::LinkNotCopied),
    }
}

/// Shows `outcome`, and clears it a few seconds later so that a second
/// press is announced again.
fn settle(shown: RwSignal<Option<Outcome>>, outcome: Outcome) {
    shown.set(Some(outcome));
    set_timeout(
        move || {
            shown.try_set(None);
        },
        std::time::Duration::from_secs(6),
    );
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    /// `path` as an address to give to someone: this site's origin before it.
    pub fn address(path: &str) -> String {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}{path}")
    }

    /// `object.name(args…)` when the browser has that method, looked up when
    /// called: the clipboard and the share sheet are missing from older
    /// browsers and from pages not served over https.
    fn call(object: &JsValue, name: &str, arg: &JsValue) -> Option<Promise> {
        let method = Reflect::get(object, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        method.call1(object, arg).ok()?.dyn_into::<Promise>().ok()
    }

    fn navigator() -> Option<JsValue> {
        let window: JsValue = web_sys::window()?.into();
        Reflect::get(&window, &JsValue::from_str("navigator")).ok()
    }

    pub async fn copy(text: &str) -> bool {
        let Some(clipboard) =
            navigator().and_then(|n| Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
        else {
            return false;
        };
        match call(&clipboard, "writeText", &JsValue::from_str(text)) {
            Some(promise) => JsFuture::from(promise).await.is_ok(),
            None => false,
        }
    }

    /// Opens the share sheet; none when the browser has none. A reader who
    /// closes it without sharing has still been answered.
    pub async fn share(title: &str, url: &str) -> Option<()> {
        let navigator = navigator()?;
        let data = Object::new();
        Reflect::set(&data, &"title".into(), &title.into()).ok()?;
        Reflect::set(&data, &"url".into(), &url.into()).ok()?;
        let promise = call(&navigator, "share", &data)?;
        let _ = JsFuture::from(promise).await;
        Some(())
    }

    /// Puts `path`'s fragment in the address bar, where it can be copied by
    /// hand, without moving the page.
    pub fn show_in_address_bar(path: &str) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(path));
        }
    }
}

/// The server's first view has the buttons, disabled: they work once the
/// app runs.
#[cfg(not(target_arch = "wasm32"))]
mod browser {
    pub fn address(path: &str) -> String {
        path.to_string()
    }
    pub async fn copy(_: &str) -> bool {
        false
    }
    pub async fn share(_: &str, _: &str) -> Option<()> {
        None
    }
    pub fn show_in_address_bar(_: &str) {}
}

use browser::{address, copy, share, show_in_address_bar};
