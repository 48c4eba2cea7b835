//! Publishing a revision of a topic's draft (`/topics/{slug}/revise`),
//! whole from the server, and its form sent without the app: `do=compare`
//! answers the page with what publishing would do, `do=publish` publishes
//! the draft that was compared (`303` to the new version's changes), or
//! compares again when the draft was edited since (the `compared`
//! fingerprint). Both are the JSON API's services.

use crate::error::ApiError;
use crate::extract::{FormFields, PathParam};
use crate::rendering::{About, Visit, see_other};
use crate::services::revisions::{self, RevisionForm};
use crate::session::Cookies;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::i18n::Msg;
use pulse_api::wire::{NewRevision, SectionNote};
use pulse_app::pages::revise::{ReviseKnown, Revising, link_field, note_field};
use pulse_app::ssr::Page;
use std::collections::BTreeMap;

pub async fn page(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    let source = revisions::revising(&visit.state, visit.account.clone(), &slug).await;
    let (found, status) = visit.said(source.map(|source| Revising {
        source,
        sent: None,
        preview: None,
        stale: false,
    }));
    let page = Page::Revise(slug, Box::new(ReviseKnown(found)));
    visit.answer(page, About::default(), None, status)
}

pub async fn send(
    PathParam(slug): PathParam<String>,
    visit: Visit,
    fields: FormFields,
) -> Response {
    if !visit.token_is(&fields.get("csrf")) {
        return visit.problem(ApiError::forbidden(Msg::FormExpired));
    }
    let revision = revision_from_form(&fields);
    let compared = fields.get("compared");
    let publishing = (fields.get("do") == "publish").then_some(compared.as_str());
    let sent = revisions::send_form(
        &visit.state,
        visit.account.clone(),
        &slug,
        visit.lang,
        revision.clone(),
        publishing,
    )
    .await;
    match sent {
        Err(error) => visit.problem(error),
        Ok(RevisionForm::Published(changes)) => see_other(
            &format!("/topics/{slug}/versions/{}/changes", changes.version),
            Cookies(Vec::new()),
        ),
        Ok(RevisionForm::Again {
            source,
            preview,
            stale,
            refused,
        }) => {
            let known = ReviseKnown(Ok(Revising {
                source,
                sent: Some(revision),
                preview,
                stale,
            }));
            let page = Page::Revise(slug, Box::new(known));
            match refused {
                None => visit.answer(page, About::with_forms(), None, StatusCode::OK),
                Some(error) => visit.again_on(page, Vec::new(), String::new(), error, None),
            }
        }
    }
}

/// A revision as the form writes it: its title, draft and note, and for
/// each section of the comparison its note (`note-{anchor}`) and the
/// comments ticked (`link-{anchor}`, one field per comment).
fn revision_from_form(fields: &FormFields) -> NewRevision {
    let (note, link) = (note_field(""), link_field(""));
    let mut sections: BTreeMap<String, SectionNote> = BTreeMap::new();
    for (name, value) in &fields.0 {
        if let Some(anchor) = name.strip_prefix(note.as_str())
            && !value.trim().is_empty()
        {
            sections.entry(anchor.to_string()).or_default().note = value.clone();
        }
        if let Some(anchor) = name.strip_prefix(link.as_str()) {
            // What is not a comment's number is no comment of the topic's.
            let id = value.trim().parse().unwrap_or(0);
            sections
                .entry(anchor.to_string())
                .or_default()
                .comments
                .push(id);
        }
    }
    let title = fields.get("title");
    NewRevision {
        draft: fields.get("draft").replace("\r\n", "\n"),
        note: fields.get("note").replace("\r\n", "\n"),
        title: Some(title).filter(|t| !t.trim().is_empty()),
        sections,
    }
}
