//! What each kind of message says: one function per kind, from the data it
//! needs, with no database and no sending. The worker gathers the data
//! (`worker.rs`) and the letter is laid out by `render.rs`. This is where
//! message templates in the reader's language belong.

use super::render::Entry;
use crate::db::comments::CommentRow;
use pulse_api::markdown::{escape_html, to_plain_text, to_safe_html};

/// What every message knows: the site, the city, where to reach it.
pub struct Sender<'a> {
    pub site: &'a str,
    pub city: &'a str,
    /// Where a person reaches the city.
    pub contact: &'a str,
}

/// The topic a notice is about.
pub struct About<'a> {
    pub title: &'a str,
    pub slug: &'a str,
}

/// An entry and why its reader gets it (the letter's last line).
pub type Composed = (Entry, String);

impl Sender<'_> {
    fn to_an_address(&self) -> String {
        format!(
            "You get this because this address was given to {}'s Pulse.",
            self.city
        )
    }
}

fn to_a_subscriber(topic: &About<'_>) -> String {
    format!("You subscribed to “{}”.", topic.title)
}

fn to_an_author(topic: &About<'_>) -> String {
    format!(
        "You get this because you commented on “{}”. Notices about your own comments go to \
         the address of your account.",
        topic.title
    )
}

/// A comment's text quoted: as written, and escaped for HTML.
fn quoted(text: &str) -> Option<(String, String)> {
    Some((text.to_string(), escape_html(text)))
}

pub fn confirm_subscription(from: &Sender<'_>, topic: &About<'_>, token: &str) -> Composed {
    let title = topic.title;
    let entry = Entry {
        subject: format!("Confirm your subscription to “{title}”"),
        lead: format!(
            "Someone, we hope you, asked for news of “{title}” to be sent to this address. \
             Confirm to start it; the link works for 7 days.\n\n\
             If it was not you, ignore this message: nothing more will be sent."
        ),
        quote: None,
        action: (
            "Confirm my subscription".into(),
            format!("{}/subscriptions/confirm?token={token}", from.site),
        ),
    };
    (entry, from.to_an_address())
}

pub fn verify_email(from: &Sender<'_>, token: &str) -> Composed {
    let entry = Entry {
        subject: "Confirm your email address".into(),
        lead: "Welcome to Pulse. Confirm that this address is yours: some topics ask for a \
               confirmed address before you take part. The link works for 7 days.\n\n\
               If you did not make an account, ignore this message."
            .into(),
        quote: None,
        action: (
            "Confirm my address".into(),
            format!("{}/account/verify?token={token}", from.site),
        ),
    };
    (entry, from.to_an_address())
}

pub fn reset_password(from: &Sender<'_>, token: &str) -> Composed {
    let entry = Entry {
        subject: "Reset your password".into(),
        lead: "Someone, we hope you, asked to reset the password of the Pulse account with \
               this address. The link works once, for one hour, and signs the account out \
               everywhere.\n\nIf it was not you, ignore this message: your password stays as \
               it is."
            .into(),
        quote: None,
        action: (
            "Choose a new password".into(),
            format!("{}/reset-password?token={token}", from.site),
        ),
    };
    (entry, from.to_an_address())
}

pub fn email_changed(from: &Sender<'_>) -> Composed {
    let entry = Entry {
        subject: "Your account's email address was changed".into(),
        lead: "The Pulse account that had this address now has another one: it was changed \
               by someone signed in to it, with its password.\n\n\
               If that was you, there is nothing to do. If it was not, someone knows your \
               password: contact the city, which can give the account back to you."
            .into(),
        quote: None,
        action: ("Contact the city".into(), from.contact.to_string()),
    };
    (entry, from.to_an_address())
}

/// An update the host posted: its title and Markdown.
pub fn update(
    from: &Sender<'_>,
    topic: &About<'_>,
    update_id: i64,
    update_title: &str,
    body: &str,
) -> Composed {
    let (title, slug) = (topic.title, topic.slug);
    let entry = Entry {
        subject: format!("{title}: {update_title}"),
        lead: format!("The host of “{title}” posted an update."),
        quote: Some((to_plain_text(body), to_safe_html(body))),
        action: (
            "Read it on Pulse".into(),
            format!("{}/topics/{slug}#update-{update_id}", from.site),
        ),
    };
    (entry, to_a_subscriber(topic))
}

/// 48 hours before the close (`closes`, as people read it).
pub fn deadline(from: &Sender<'_>, topic: &About<'_>, closes: &str) -> Composed {
    let (title, slug) = (topic.title, topic.slug);
    let entry = Entry {
        subject: format!("{title}: 48 hours left to take part"),
        lead: format!(
            "Comments and votes on “{title}” close on {closes}. There is still time to read \
             the draft and have your say."
        ),
        quote: None,
        action: (
            "Have your say".into(),
            format!("{}/topics/{slug}", from.site),
        ),
    };
    (entry, to_a_subscriber(topic))
}

/// The topic closed (`closed`, as people read it).
pub fn closed(from: &Sender<'_>, topic: &About<'_>, closed: &str) -> Composed {
    let (title, slug, site) = (topic.title, topic.slug, from.site);
    let entry = Entry {
        subject: format!("{title}: closed, see the results"),
        lead: format!(
            "“{title}” closed on {closed}. The poll results are on the topic's page, and the \
             report for council is at {site}/topics/{slug}/report."
        ),
        quote: None,
        action: ("See the results".into(), format!("{site}/topics/{slug}")),
    };
    (entry, to_a_subscriber(topic))
}

fn link_to(from: &Sender<'_>, topic: &About<'_>, comment: &CommentRow) -> String {
    format!("{}/topics/{}#{}", from.site, topic.slug, comment.section)
}

/// A new comment in a section (`place`, as the page names it) one follows.
pub fn new_comment(
    from: &Sender<'_>,
    topic: &About<'_>,
    place: &str,
    comment: &CommentRow,
) -> Composed {
    let title = topic.title;
    let entry = Entry {
        subject: format!("{title}: a new comment in {place}"),
        lead: format!("{} commented in {place} of “{title}”.", comment.author),
        quote: quoted(&comment.body),
        action: ("Read it on Pulse".into(), link_to(from, topic, comment)),
    };
    let reason = format!("You subscribed to “{title}” with the new comments in {place}.");
    (entry, reason)
}

/// A reply (`comment`) to one's own comment.
pub fn reply(from: &Sender<'_>, topic: &About<'_>, comment: &CommentRow) -> Composed {
    let title = topic.title;
    let entry = Entry {
        subject: format!("{title}: {} replied to your comment", comment.author),
        lead: format!("{} replied to your comment on “{title}”.", comment.author),
        quote: quoted(&comment.body),
        action: ("Read the reply".into(), link_to(from, topic, comment)),
    };
    (entry, to_an_author(topic))
}

/// The city's official response to one's comment.
pub fn response(from: &Sender<'_>, topic: &About<'_>, comment: &CommentRow) -> Composed {
    let title = topic.title;
    let (status, body, author) = comment
        .response
        .clone()
        .map(|r| (r.status.label().to_string(), r.body, r.author))
        .unwrap_or_default();
    let entry = Entry {
        subject: format!("{title}: an official response to your comment"),
        lead: format!("{author}, for the city, answered your comment on “{title}”: {status}."),
        quote: quoted(&body),
        action: ("Read the response".into(), link_to(from, topic, comment)),
    };
    (entry, to_an_author(topic))
}

/// One's comment was hidden by the host (quoted back to its author only).
pub fn hidden(from: &Sender<'_>, topic: &About<'_>, comment: &CommentRow) -> Composed {
    let title = topic.title;
    let entry = Entry {
        subject: format!("{title}: your comment was hidden"),
        lead: format!(
            "The host of “{title}” hid your comment. The reason they gave: {}\n\n\
             Others now see that a comment was hidden and why; you can still read yours on \
             the page.",
            comment.hidden_reason.clone().unwrap_or_default()
        ),
        quote: quoted(&comment.body),
        action: ("See it on Pulse".into(), link_to(from, topic, comment)),
    };
    (entry, to_an_author(topic))
}
