//! A section's thread: its comments with their replies, and the forms to
//! comment and reply while the topic is open.
//!
//! Every form here is a real `<form method="post">` to the topic's page
//! with this thread open (`?comments=ANCHOR`), telling the server what it
//! does in its `do` field: sent before the app has loaded, the server
//! answers with the page again (`303`, the thread open at the comment) or
//! with the page showing its mistake. With the app, each sends JSON and
//! the page stays. What opens and closes without a reload (reply, edit,
//! withdraw, flag) is a `<details>`, which needs no script either.

use super::{Participation, quote, thread_address, toggled_open};
use crate::api;
use crate::auth::Auth;
use crate::format;
use crate::forms::{Doing, form_mistake, server_text};
use crate::i18n::{t, tf};
use crate::pages::account_form::with_next;
use crate::prose::Prose;
use leptos::html;
use leptos::prelude::*;
use pulse_api::TopicStatus;
use pulse_api::i18n::Msg as M;
use pulse_api::validate::{COMMENT_MAX_CHARS, CommentBody};
use pulse_api::wire::{Comment, NewComment, NowStatus, Reaction};

#[component]
pub fn Thread(
    id: String,
    anchor: String,
    label: String,
    participation: Participation,
    count: RwSignal<i64>,
    on_close: Callback<()>,
    /// Comments to read, not to answer (those on removed sections).
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let auth = Auth::get();
    let status_message = RwSignal::new(String::new());
    let title = NodeRef::<html::H4>::new();
    // The thread the page's address opens starts where the address says
    // (`&after=`, a later page, as "Show more" links to it without the app).
    let by_address = super::opened_by_address(&anchor);
    let start = by_address.then(|| super::address_value("after")).flatten();
    // The server renders the page it was given; the app fetches its own.
    let known = super::known_thread(&anchor);
    let next = RwSignal::new(known.as_ref().and_then(|k| k.next.clone()));
    let known = StoredValue::new(known.map(|k| k.comments));
    // The first page comes with the thread; later pages, and the reader's
    // own new comments, are added to it without reloading what is shown.
    let added = RwSignal::new(Vec::<Comment>::new());
    let fetched = crate::LIVE.then(|| {
        let (slug, anchor) = (participation.slug.clone(), anchor.clone());
        LocalResource::new(move || {
            let (slug, anchor, start) = (slug.clone(), anchor.clone(), start.clone());
            async move {
                let page = api::comments(&slug, &anchor, start.as_deref()).await?;
                next.set(page.next);
                Ok::<_, String>(page.comments)
            }
        })
    });
    let first = move || match fetched {
        Some(fetched) => fetched.get(),
        None => known.get_value().map(Ok),
    };
    // The page waits for the thread its address opens before it shows.
    if by_address && let Some(super::ThreadShown(shown)) = use_context() {
        Effect::new(move |_| {
            if first().is_some() {
                shown.set(true);
            }
        });
    }
    // The button goes while a page loads, and comes back if it fails.
    let show_more = {
        let (slug, anchor) = (participation.slug.clone(), anchor.clone());
        move |_| {
            let Some(after) = next.get_untracked() else {
                return;
            };
            next.set(None);
            let (slug, anchor) = (slug.clone(), anchor.clone());
            leptos::task::spawn_local(async move {
                match api::comments(&slug, &anchor, Some(&after)).await {
                    Ok(page) => {
                        added.update(|list| merge(list, page.comments));
                        next.set(page.next);
                        status_message.set(t(M::MoreCommentsShown).into());
                    }
                    Err(message) => {
                        next.set(Some(after));
                        status_message.set(message);
                    }
                }
            });
        }
    };
    let posted = Callback::new(move |comment: Comment| {
        count.update(|n| *n += 1);
        added.update(|list| merge(list, vec![comment]));
        status_message.set(t(M::CommentPosted).into());
        // A reply's form closes once it is posted, and the list is drawn
        // again with the reply in it: once that is on screen, keep the
        // focus in the thread rather than letting it fall to the top of
        // the page.
        request_animation_frame(move || {
            let lost = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
            if lost && let Some(title) = title.try_get_untracked().flatten() {
                let _ = title.focus();
            }
        });
    });
    let can_take_part = move || {
        !read_only
            && participation.status.get() == TopicStatus::Open
            && auth.account.get().is_some()
    };
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
    let address = thread_address(&participation.slug, &anchor);
    // Signing in or up from here comes back to this thread, open.
    let here = format!("{address}#{id}");
    let more_address = address.clone();
    let thread_id = id.clone();
    let closed_at = format!("/topics/{}#{}", participation.slug, anchor);
    view! {
        <section class="thread" id=id aria-label=tf(M::CommentsOn, &[("place", &label)]) on:keydown=on_key>
            <h4 class="thread-title" tabindex="-1" node_ref=title>{tf(M::CommentsOn, &[("place", &label)])}</h4>
            <p role="status" class="visually-hidden-status">{move || status_message.get()}</p>
            {
                let list = move || {
                    let anchor = anchor_for_list.clone();
                    let slug = slug.clone();
                    let zone = zone.clone();
                    match first() {
                        None => view! { <p class="loading">{t(M::LoadingComments)}</p> }.into_any(),
                        Some(Ok(first)) => {
                            let mut list = first;
                            merge(&mut list, added.get());
                            if list.is_empty() {
                                return view! { <p class="empty">{t(M::NoCommentsYet)}</p> }.into_any();
                            }
                            view! {
                                <CommentTree list anchor slug zone can_take_part=Signal::derive(can_take_part) posted/>
                            }
                            .into_any()
                        }
                        Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    }
                };
                // In the app, under a Suspense of its own: the comments
                // loading must not hold the page's (the topic's) Suspense,
                // which would draw the whole page again.
                if crate::LIVE {
                    view! {
                        <Suspense fallback=|| view! { <p class="loading">{t(M::LoadingComments)}</p> }>{list}</Suspense>
                    }
                    .into_any()
                } else {
                    list().into_any()
                }
            }
            {move || next.get().map(|after| {
                if crate::LIVE {
                    view! { <button type="button" class="secondary" on:click=show_more.clone()>{t(M::ShowMoreComments)}</button> }.into_any()
                } else {
                    let href = format!("{more_address}&after={}#{thread_id}", pulse_api::links::encode_component(&after));
                    view! { <a class="button secondary" href=href>{t(M::ShowMoreComments)}</a> }.into_any()
                }
            })}
            {move || {
                if read_only {
                    ().into_any()
                } else if status.get() == TopicStatus::Closed {
                    view! { <p class="notice notice-closed">{t(M::DeadlinePassed)}</p> }.into_any()
                } else if status.get() == TopicStatus::Upcoming {
                    view! { <p class="notice">{t(M::CommentsOpenWhenOpen)}</p> }.into_any()
                } else if auth.account.get().is_some() {
                    view! {
                        <CommentForm
                            slug=slug_for_form.clone()
                            anchor=anchor_for_form.clone()
                            parent_id=None
                            label=t(M::YourComment)
                            posted
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="notice">
                            {t(M::SignInToCommentLead)} " "
                            <a href=with_next("/sign-in", &here)>{t(M::SignIn)}</a>
                            " " {t(M::Or)} " "
                            <a href=with_next("/register", &here)>{t(M::CreateAnAccountLower)}</a>
                            " " {t(M::ToComment)}
                        </p>
                    }
                    .into_any()
                }
            }}
            {if crate::LIVE {
                view! {
                    <button type="button" class="link-button" on:click=move |_| on_close.run(())>
                        {t(M::CloseComments)}
                    </button>
                }
                .into_any()
            } else {
                view! { <a class="link-button" href=closed_at>{t(M::CloseComments)}</a> }.into_any()
            }}
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
    posted: Callback<Comment>,
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
                    let root_id = root.id;
                    // Open again when the server shows its mistake.
                    let replying = RwSignal::new(form_mistake(&format!("comment-{anchor}-{root_id}")).is_some());
                    let author = format::author(&root.author);
                    let (slug, anchor) = (slug.clone(), anchor.clone());
                    let address = thread_address(&slug, &anchor);
                    view! {
                        <li class="comment-thread">
                            <CommentView comment=root zone=zone.clone() address=address.clone() can_take_part/>
                            {(!replies.is_empty()).then(|| view! {
                                <ol class="replies">
                                    {replies.into_iter().map(|r| view! { <li><CommentView comment=r zone=zone.clone() address=address.clone() can_take_part/></li> }).collect_view()}
                                </ol>
                            })}
                            {move || can_take_part.get().then(|| {
                                let (slug, anchor) = (slug.clone(), anchor.clone());
                                view! {
                                    <details class="disclosure" open=move || replying.get()
                                        on:toggle=move |ev| replying.set(toggled_open(&ev))>
                                        <summary class="link-button">{tf(M::ReplyTo, &[("name", &author)])}</summary>
                                        <CommentForm
                                            slug=slug.clone()
                                            anchor=anchor.clone()
                                            parent_id=Some(root_id)
                                            label=t(M::YourReply)
                                            posted=Callback::new(move |comment| {
                                                replying.set(false);
                                                posted.run(comment);
                                            })
                                        />
                                    </details>
                                }
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// Where a comment written on an earlier version was written, and — when
/// the words it was about changed or went — those words as they were.
fn written_on(comment: &Comment) -> Option<AnyView> {
    let n = comment.version.to_string();
    let original = crate::i18n::mark(pulse_api::i18n::Lang::ORIGINAL);
    match comment.now.status {
        NowStatus::Current => None,
        NowStatus::Carried | NowStatus::Moved => Some(
            view! { <p class="meta written-on">{tf(M::WrittenOnVersion, &[("n", &n)])}</p> }
                .into_any(),
        ),
        NowStatus::Changed | NowStatus::Removed => {
            let said = if comment.now.status == NowStatus::Changed {
                M::WrittenOnChanged
            } else {
                M::WrittenOnRemoved
            };
            Some(
                view! {
                    <div class="written-on was">
                        <p class="meta">{tf(said, &[("n", &n)])}</p>
                        {comment.now.was.clone().map(|was| view! { <blockquote class="quote was-text" lang=original>{was}</blockquote> })}
                    </div>
                }
                .into_any(),
            )
        }
    }
}

/// "This comment led to a change in version 2: see § 4", linked to the
/// comparison, for each revision it led to.
fn led_to(comment: &Comment, topic: &str) -> impl IntoView + use<> {
    comment
        .led_to
        .iter()
        .map(|at| {
            let see = if at.number.is_empty() {
                t(M::SeeIntroduction).to_string()
            } else {
                tf(M::SeeSection, &[("number", &at.number)])
            };
            let href = format!("{topic}/versions/{}/changes#{}", at.version, at.section);
            view! {
                <p class="you-said">
                    {tf(M::LedToChange, &[("version", &at.version.to_string())])} " "
                    <a href=href>{see}</a>
                </p>
            }
        })
        .collect_view()
}

/// One comment: its text or the placeholder standing in for it, the host's
/// official response, and what the reader may do with it.
#[component]
fn CommentView(
    comment: Comment,
    zone: String,
    /// The topic's page with this thread open, where its forms post.
    address: String,
    can_take_part: Signal<bool>,
) -> impl IntoView {
    let c = RwSignal::new(comment);
    let when = format::date_time(c.get_untracked().created_at, &zone);
    let author = format::author(&c.get_untracked().author);
    // From the author's role on the server, never from the name they chose.
    let staff = c
        .get_untracked()
        .staff
        .map(|mark| view! { " " <span class="staff-mark">{t(mark.msg())}</span> });
    let body = move || {
        let comment = c.get();
        if comment.withdrawn {
            return view! { <p class="placeholder">{t(M::WithdrawnByAuthor)}</p> }.into_any();
        }
        let written = written_on(&comment);
        let hidden = comment.hidden.map(|h| {
            let note = if comment.mine {
                tf(M::HiddenByHostMine, &[("reason", &h.reason)])
            } else {
                tf(M::HiddenByHost, &[("reason", &h.reason)])
            };
            view! { <p class="placeholder">{note}</p> }
        });
        view! {
            {hidden}
            {written}
            {comment.quote.map(|q| view! { <blockquote class="quote" lang=crate::i18n::mark(comment.quote_lang.unwrap_or(pulse_api::i18n::Lang::ORIGINAL))>{q.exact}</blockquote> })}
            {(!comment.body_html.is_empty()).then(|| match comment.lang {
                Some(written) => view! { <Prose html=comment.body_html written_in=written/> }.into_any(),
                None => view! { <Prose html=comment.body_html/> }.into_any(),
            })}
        }
        .into_any()
    };
    // The topic's page: the thread's address without its query.
    let topic_path = address.split('?').next().unwrap_or_default().to_string();
    let response = {
        let zone = zone.clone();
        move || {
            c.get().official_response.map(|r| {
                let when = format::date_time(r.created_at, &zone);
                view! {
                    <section class="official-response" aria-label=t(M::OfficialResponseFromHost)>
                        <p class="response-head">
                            <strong>{t(M::OfficialResponse)}</strong>
                            <span class=format!("response-status status-{}", r.status.as_str())>{t(r.status.msg())}</span>
                        </p>
                        <Prose html=r.body_html city=true/>
                        {r.landed.map(|at| view! {
                            <p class="landed">{tf(M::LandedIn, &[("version", &at.version.to_string()), ("number", &at.number)])}</p>
                        })}
                        <p class="meta">{format!("{} · {when}", r.author)}</p>
                    </section>
                }
            })
        }
    };
    view! {
        <article class="comment" id=format!("comment-{}", c.get_untracked().id) class:muted=move || c.with(|c| c.withdrawn || c.hidden.is_some())>
            <p class="comment-meta">
                <strong>{author}</strong> {staff} " · " <span>{when}</span>
                {move || c.with(|c| c.edited_at.is_some() && !c.withdrawn).then_some(t(M::EditedMark))}
            </p>
            {body}
            {move || led_to(&c.get(), &topic_path)}
            {response}
            <CommentActions c address can_take_part/>
        </article>
    }
}

/// Agree and disagree, and for one's own comment edit and withdraw, for
/// others' a flag to the host: each only when it may be done.
#[component]
fn CommentActions(
    c: RwSignal<Comment>,
    address: String,
    can_take_part: Signal<bool>,
) -> impl IntoView {
    let auth = Auth::get();
    let id = c.get_untracked().id;
    let field = format!("edit-{id}");
    let reason_field = format!("flag-{id}");
    let withdraw_form = format!("withdraw-{id}");
    let react_form = format!("react-{id}");
    // A mistake the server showed with the page (a form sent without the
    // app), on the form it was about.
    let shown = |form: &str| form_mistake(form);
    let error = RwSignal::new(
        [&field, &reason_field, &withdraw_form, &react_form]
            .into_iter()
            .find_map(|form| shown(form)),
    );
    // "Flagged": said once the flag is sent (the server's page says it
    // after a flag sent without the app).
    let flagged_here = super::address_value("flagged") == Some(id.to_string());
    let note = RwSignal::new(flagged_here.then(|| t(M::FlaggedThanks)));
    let editing = RwSignal::new(shown(&field).is_some());
    let confirming = RwSignal::new(shown(&withdraw_form).is_some());
    let flagging = RwSignal::new(shown(&reason_field).is_some());
    let draft = RwSignal::new(
        crate::forms::sent_value(&field, "body")
            .unwrap_or_else(|| c.with_untracked(|c| c.body.clone())),
    );
    let reason =
        RwSignal::new(crate::forms::sent_value(&reason_field, "reason").unwrap_or_default());
    let act = Action::new_local(move |step: &Step| {
        let step = step.clone();
        async move {
            match step {
                Step::React(value) => api::react(id, value).await.map(Some),
                Step::Edit(body) => api::edit_comment(id, body).await.map(Some),
                Step::Withdraw => api::withdraw_comment(id).await.map(Some),
                Step::Flag(reason) => api::flag(id, reason).await.map(|()| None),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = act.value().get() {
            match result {
                Ok(updated) => {
                    error.set(None);
                    if let Some(updated) = updated {
                        c.set(updated);
                    } else {
                        note.set(Some(t(M::FlaggedThanks)));
                    }
                    editing.set(false);
                    confirming.set(false);
                    flagging.set(false);
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
    let live = move || c.with(|c| !c.withdrawn && c.hidden.is_none());
    let react_address = address.clone();
    let reactions = move || {
        let comment = c.get();
        if !live() {
            return ().into_any();
        }
        let (agree, disagree) = (comment.agree, comment.disagree);
        if can_take_part.get() && !comment.mine {
            let pressed = move |r: Reaction| c.with(|c| c.my_reaction == Some(r));
            // Pressed again, a reaction is taken back ("none").
            let value = move |r: Reaction| if pressed(r) { "none" } else { r.as_str() };
            let toggle = move |ev: leptos::ev::MouseEvent, r: Reaction| {
                ev.prevent_default();
                let value = (!pressed(r)).then_some(r);
                act.dispatch(Step::React(value));
            };
            view! {
                <form class="reactions" method="post" action=react_address.clone()>
                    <Doing what="react" form=react_form.clone() comment=id/>
                    <button type="submit" name="reaction" value=move || value(Reaction::Agree) class="reaction"
                        aria-pressed=move || pressed(Reaction::Agree).to_string()
                        on:click=move |ev| toggle(ev, Reaction::Agree)>{tf(M::AgreeCount, &[("n", &agree.to_string())])}</button>
                    <button type="submit" name="reaction" value=move || value(Reaction::Disagree) class="reaction"
                        aria-pressed=move || pressed(Reaction::Disagree).to_string()
                        on:click=move |ev| toggle(ev, Reaction::Disagree)>{tf(M::DisagreeCount, &[("n", &disagree.to_string())])}</button>
                </form>
            }
            .into_any()
        } else if agree + disagree > 0 {
            view! { <span class="meta">{tf(M::AgreeDisagree, &[("agree", &agree.to_string()), ("disagree", &disagree.to_string())])}</span> }
                .into_any()
        } else {
            ().into_any()
        }
    };
    let own_address = address.clone();
    let own = move || {
        (can_take_part.get() && live() && c.with(|c| c.mine)).then(|| {
            let (field, withdraw_form) = (field.clone(), withdraw_form.clone());
            let field_for_label = field.clone();
            view! {
                <details class="disclosure" open=move || editing.get()
                    on:toggle=move |ev| editing.set(toggled_open(&ev))>
                    <summary class="link-button">{t(M::Edit)}</summary>
                    <form class="inline-form" method="post" action=own_address.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        act.dispatch(Step::Edit(draft.get()));
                    }>
                        <Doing what="edit" form=field.clone() comment=id/>
                        <label for=field_for_label>{t(M::EditYourComment)}</label>
                        <textarea id=field name="body" rows="4" prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev))>{server_text(draft)}</textarea>
                        <button type="submit">{t(M::SaveChanges)}</button>
                    </form>
                </details>
                <details class="disclosure" open=move || confirming.get()
                    on:toggle=move |ev| confirming.set(toggled_open(&ev))>
                    <summary class="link-button">{t(M::Withdraw)}</summary>
                    <form class="confirm" method="post" action=own_address.clone() aria-label=t(M::WithdrawYourComment)
                        on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            act.dispatch(Step::Withdraw);
                        }>
                        <Doing what="withdraw" form=withdraw_form comment=id/>
                        {t(M::WithdrawConfirm)} " "
                        <button type="submit">{t(M::WithdrawIt)}</button>
                        " "
                        {crate::LIVE.then(|| view! {
                            <button type="button" class="link-button" on:click=move |_| confirming.set(false)>{t(M::KeepIt)}</button>
                        })}
                    </form>
                </details>
            }
        })
    };
    let flag = move || {
        let signed_in = auth.account.with(Option::is_some);
        (signed_in && note.get().is_none() && live() && !c.with(|c| c.mine)).then(|| {
            let reason_field = reason_field.clone();
            let reason_for_label = reason_field.clone();
            view! {
                <details class="disclosure" open=move || flagging.get()
                    on:toggle=move |ev| flagging.set(toggled_open(&ev))>
                    <summary class="link-button">{t(M::FlagToHost)}</summary>
                    <form class="inline-form" method="post" action=address.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        act.dispatch(Step::Flag(reason.get()));
                    }>
                        <Doing what="flag" form=reason_field.clone() comment=id/>
                        <label for=reason_for_label>{t(M::WhatIsWrong)}</label>
                        <input id=reason_field name="reason" type="text" maxlength="500"
                            value=reason.get_untracked() prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                        <button type="submit">{t(M::SendFlag)}</button>
                    </form>
                </details>
            }
        })
    };
    // Its author's receipt: where what they did stands in the public
    // record, to keep (docs/record.md).
    let receipt = move || {
        c.with(|c| c.receipt.clone().filter(|_| c.mine)).map(|r| {
            let short: String = r.hash.chars().take(12).collect();
            let position = r.position.to_string();
            let whole = format!("{}:{}", r.position, r.hash);
            view! {
                <p class="meta receipt">
                    {tf(M::ReceiptLine, &[("position", &position)])} " · "
                    <code title=r.hash.clone()>{format!("{short}…")}</code> " "
                    <super::share::CopyText text=whole label=t(M::CopyReceipt)
                        name=tf(M::CopyReceiptNamed, &[("position", &position)])/>
                </p>
            }
        })
    };
    view! {
        {receipt}
        <div class="comment-actions">{reactions}{own}{flag}</div>
        {move || note.get().map(|n| view! { <p class="meta" role="status">{n}</p> })}
        {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
    }
}

#[derive(Clone)]
enum Step {
    React(Option<Reaction>),
    Edit(String),
    Withdraw,
    Flag(String),
}

#[component]
fn CommentForm(
    slug: String,
    anchor: String,
    parent_id: Option<i64>,
    label: &'static str,
    posted: Callback<Comment>,
) -> impl IntoView {
    let field_id = format!("comment-{anchor}-{}", parent_id.unwrap_or(0));
    // The version the page shows: the comment goes on it.
    let shown = use_context::<super::ShownVersion>().map(|v| v.0);
    // Shown again by the server with its mistake: what was typed.
    let body = RwSignal::new(crate::forms::sent_value(&field_id, "body").unwrap_or_default());
    let quoted = RwSignal::new(crate::forms::sent_value(&field_id, "quote").unwrap_or_default());
    let error = RwSignal::new(form_mistake(&field_id));
    let textarea = NodeRef::<html::Textarea>::new();
    let address = thread_address(&slug, &anchor);
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
                Ok(comment) => {
                    body.set(String::new());
                    quoted.set(String::new());
                    error.set(None);
                    posted.run(comment);
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
        let checked = CommentBody::parse(&body.get()).map_err(|said| crate::i18n::say(&said));
        match checked.and_then(|valid| quote.map(|q| (valid, q))) {
            Ok((valid, quote)) => {
                error.set(None);
                send.dispatch(NewComment {
                    section: anchor.clone(),
                    body: valid.as_str().to_string(),
                    version: parent_id.is_none().then_some(shown).flatten(),
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
        <form class="comment-form" method="post" action=address on:submit=submit novalidate>
            <Doing what="comment" form=field_id.clone()/>
            <input type="hidden" name="section" value=anchor_for_quote.clone()/>
            {parent_id.is_none().then_some(shown).flatten().map(|v| view! { <input type="hidden" name="version" value=v/> })}
            {parent_id.map(|id| view! { <input type="hidden" name="parent" value=id/> })}
            <label for=field_id.clone()>{label}</label>
            <textarea
                id=field_id.clone()
                name="body"
                node_ref=textarea
                rows="4"
                prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || error.get().map(|_| error_id_attr.clone())
            >{server_text(body)}</textarea>
            <p class="hint">{move || tf(M::CharactersLeft, &[("n", &left().to_string())])}</p>
            {parent_id.is_none().then(|| view! { <p class="hint">{t(M::CommentsArePublic)}</p> })}
            {parent_id.is_none().then(|| {
                let anchor = anchor_for_quote.clone();
                let use_selection = move |_| match quote::selected_in(&anchor) {
                    Some(words) => {
                        quoted.set(words);
                        error.set(None);
                    }
                    None => error.set(Some(t(M::SelectWordsFirst).into())),
                };
                view! {
                    <details class="quote-field" open=move || !quoted.get().is_empty()>
                        <summary>{t(M::QuoteOptional)}</summary>
                        <label for=quote_id.clone()>{t(M::QuoteWords)}</label>
                        <textarea
                            id=quote_id.clone()
                            name="quote"
                            rows="2"
                            prop:value=move || quoted.get()
                            on:input=move |ev| quoted.set(event_target_value(&ev))
                        >{server_text(quoted)}</textarea>
                        // Without the app, the words are typed or pasted.
                        {crate::LIVE.then(|| view! {
                            <button type="button" class="link-button" on:click=use_selection>
                                {t(M::QuoteSelected)}
                            </button>
                        })}
                    </details>
                }
            })}
            {move || error.get().map(|message| view! { <p class="error" id=error_id.clone() role="alert">{message}</p> })}
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { t(M::Posting) } else if parent_id.is_some() { t(M::PostReply) } else { t(M::PostComment) }}
            </button>
        </form>
    }
}

/// Adds comments not already in `list`, keeping it in order (oldest first).
fn merge(list: &mut Vec<Comment>, more: Vec<Comment>) {
    for comment in more {
        // Ids grow with time: the place in the list is found, not sorted.
        let at = list.partition_point(|c| c.id < comment.id);
        if list.get(at).is_none_or(|c| c.id != comment.id) {
            list.insert(at, comment);
        }
    }
}
