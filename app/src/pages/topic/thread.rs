//! A section's thread: its comments with their replies, and the forms to
//! comment and reply while the topic is open.

use super::{Participation, quote};
use crate::api;
use crate::auth::Auth;
use crate::format;
use crate::pages::account_form::with_next;
use crate::prose::Prose;
use leptos::html;
use leptos::prelude::*;
use pulse_api::TopicStatus;
use pulse_api::validate::{COMMENT_MAX_CHARS, CommentBody};
use pulse_api::wire::{Comment, NewComment};

#[component]
pub fn Thread(
    id: String,
    anchor: String,
    label: String,
    participation: Participation,
    count: RwSignal<i64>,
    on_close: Callback<()>,
) -> impl IntoView {
    let auth = Auth::get();
    let reload = RwSignal::new(0u32);
    let status_message = RwSignal::new(String::new());
    let title = NodeRef::<html::H4>::new();
    let comments = {
        let (slug, anchor) = (participation.slug.clone(), anchor.clone());
        LocalResource::new(move || {
            reload.track();
            let (slug, anchor) = (slug.clone(), anchor.clone());
            async move { api::comments(&slug, &anchor).await }
        })
    };
    let posted = Callback::new(move |()| {
        count.update(|n| *n += 1);
        reload.update(|n| *n += 1);
        status_message.set("Comment posted.".into());
        // A reply's form closes once it is posted: keep the focus in the
        // thread rather than letting it fall back to the top of the page.
        let lost = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
        if lost && let Some(title) = title.get_untracked() {
            let _ = title.focus();
        }
    });
    let can_take_part =
        move || participation.status.get() == TopicStatus::Open && auth.account.get().is_some();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_close.run(());
        }
    };
    let anchor_for_list = anchor.clone();
    let anchor_for_form = anchor.clone();
    let slug = participation.slug.clone();
    let zone = participation.time_zone.clone();
    let slug_for_form = participation.slug.clone();
    let status = participation.status;
    let here = format!("/topics/{}#{}", participation.slug, anchor);
    view! {
        <section class="thread" id=id aria-label=format!("Comments on {label}") on:keydown=on_key>
            <h4 class="thread-title" tabindex="-1" node_ref=title>{format!("Comments on {label}")}</h4>
            <p role="status" class="visually-hidden-status">{move || status_message.get()}</p>
            <Suspense fallback=|| view! { <p class="loading">"Loading comments…"</p> }>
                {move || {
                    let anchor = anchor_for_list.clone();
                    let slug = slug.clone();
                    let zone = zone.clone();
                    comments.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No comments yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <CommentTree list anchor slug zone can_take_part=Signal::derive(can_take_part) posted/>
                        }
                        .into_any(),
                        Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    })
                }}
            </Suspense>
            {move || {
                if status.get() == TopicStatus::Closed {
                    view! { <p class="notice notice-closed">"The deadline to participate has passed."</p> }.into_any()
                } else if status.get() == TopicStatus::Upcoming {
                    view! { <p class="notice">"Comments open when the topic opens."</p> }.into_any()
                } else if auth.account.get().is_some() {
                    view! {
                        <CommentForm
                            slug=slug_for_form.clone()
                            anchor=anchor_for_form.clone()
                            parent_id=None
                            label="Your comment"
                            posted
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="notice">
                            "You must have an account to participate. "
                            <a href=with_next("/sign-in", &here)>"Sign in"</a>
                            " or "
                            <a href=with_next("/register", &here)>"create an account"</a>
                            " to comment."
                        </p>
                    }
                    .into_any()
                }
            }}
            <button type="button" class="link-button" on:click=move |_| on_close.run(())>
                "Close comments"
            </button>
        </section>
    }
}

#[component]
fn CommentTree(
    list: Vec<Comment>,
    anchor: String,
    slug: String,
    zone: String,
    can_take_part: Signal<bool>,
    posted: Callback<()>,
) -> impl IntoView {
    let roots: Vec<Comment> = list
        .iter()
        .filter(|c| c.parent_id.is_none())
        .cloned()
        .collect();
    view! {
        <ol class="comments">
            {roots
                .into_iter()
                .map(|root| {
                    let replies: Vec<Comment> =
                        list.iter().filter(|c| c.parent_id == Some(root.id)).cloned().collect();
                    let replying = RwSignal::new(false);
                    let root_id = root.id;
                    let author = root.author.clone();
                    let (slug, anchor) = (slug.clone(), anchor.clone());
                    view! {
                        <li class="comment-thread">
                            <CommentView comment=root zone=zone.clone()/>
                            {(!replies.is_empty()).then(|| view! {
                                <ol class="replies">
                                    {replies.into_iter().map(|r| view! { <li><CommentView comment=r zone=zone.clone()/></li> }).collect_view()}
                                </ol>
                            })}
                            {move || can_take_part.get().then(|| {
                                let (slug, anchor) = (slug.clone(), anchor.clone());
                                view! {
                                    <button
                                        type="button"
                                        class="link-button"
                                        aria-expanded=move || replying.get().to_string()
                                        on:click=move |_| replying.update(|r| *r = !*r)
                                    >
                                        {format!("Reply to {author}")}
                                    </button>
                                    {move || replying.get().then(|| view! {
                                        <CommentForm
                                            slug=slug.clone()
                                            anchor=anchor.clone()
                                            parent_id=Some(root_id)
                                            label="Your reply"
                                            posted=Callback::new(move |()| {
                                                replying.set(false);
                                                posted.run(());
                                            })
                                        />
                                    })}
                                }
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn CommentView(comment: Comment, zone: String) -> impl IntoView {
    let when = format::date_time(comment.created_at, &zone);
    view! {
        <article class="comment">
            <p class="comment-meta"><strong>{comment.author}</strong> " · " <span>{when}</span></p>
            {comment.quote.map(|q| view! { <blockquote class="quote">{q.exact}</blockquote> })}
            <Prose html=comment.body_html/>
        </article>
    }
}

#[component]
fn CommentForm(
    slug: String,
    anchor: String,
    parent_id: Option<i64>,
    label: &'static str,
    posted: Callback<()>,
) -> impl IntoView {
    let body = RwSignal::new(String::new());
    let quoted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let textarea = NodeRef::<html::Textarea>::new();
    let field_id = format!("comment-{anchor}-{}", parent_id.unwrap_or(0));
    let quote_id = format!("{field_id}-quote");
    let anchor_for_quote = anchor.clone();
    let error_id = format!("{field_id}-error");
    let send = Action::new_local(move |new: &NewComment| {
        let (slug, new) = (slug.clone(), new.clone());
        async move { api::post_comment(&slug, &new).await }
    });
    Effect::new(move |_| {
        if let Some(result) = send.value().get() {
            match result {
                Ok(_) => {
                    body.set(String::new());
                    quoted.set(String::new());
                    error.set(None);
                    posted.run(());
                }
                Err(message) => {
                    error.set(Some(message));
                    if let Some(t) = textarea.get() {
                        let _ = t.focus();
                    }
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        let quote = match quoted.get().trim() {
            "" => Ok(None),
            words => quote::selector(&anchor, words).map(Some),
        };
        match CommentBody::parse(&body.get()).and_then(|valid| quote.map(|q| (valid, q))) {
            Ok((valid, quote)) => {
                error.set(None);
                send.dispatch(NewComment {
                    section: anchor.clone(),
                    body: valid.as_str().to_string(),
                    parent_id,
                    quote,
                });
            }
            Err(message) => {
                error.set(Some(message));
                if let Some(t) = textarea.get() {
                    let _ = t.focus();
                }
            }
        }
    };
    let left = move || COMMENT_MAX_CHARS as i64 - body.with(|b| b.chars().count()) as i64;
    let error_id_attr = error_id.clone();
    view! {
        <form class="comment-form" on:submit=submit novalidate>
            <label for=field_id.clone()>{label}</label>
            <textarea
                id=field_id.clone()
                node_ref=textarea
                rows="4"
                prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || error.get().map(|_| error_id_attr.clone())
            ></textarea>
            <p class="hint">{move || format!("{} characters left. Markdown works: **bold**, *italic*, lists.", left())}</p>
            {parent_id.is_none().then(|| {
                let anchor = anchor_for_quote.clone();
                let use_selection = move |_| match quote::selected_in(&anchor) {
                    Some(words) => {
                        quoted.set(words);
                        error.set(None);
                    }
                    None => error.set(Some("First select some words in this section's text.".into())),
                };
                view! {
                    <details class="quote-field" open=move || !quoted.get().is_empty()>
                        <summary>"Quote words of this section (optional)"</summary>
                        <label for=quote_id.clone()>"The words you are answering"</label>
                        <textarea
                            id=quote_id.clone()
                            rows="2"
                            prop:value=move || quoted.get()
                            on:input=move |ev| quoted.set(event_target_value(&ev))
                        ></textarea>
                        <button type="button" class="link-button" on:click=use_selection>
                            "Quote the words selected in the text"
                        </button>
                    </details>
                }
            })}
            {move || error.get().map(|message| view! { <p class="error" id=error_id.clone() role="alert">{message}</p> })}
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { "Posting…" } else if parent_id.is_some() { "Post reply" } else { "Post comment" }}
            </button>
        </form>
    }
}
