//! What each kind of message says, in its reader's language: one function
//! per kind, from the data it needs, with no database and no sending. The
//! words are templates (`templates/{en,es}/{kind}.txt`, MiniJinja), one per
//! kind and language; the worker gathers the data (`worker.rs`) and the
//! letter is laid out by `render.rs`.

use super::plain;
use super::render::{Common, Entry};
use crate::db::comments::CommentRow;
use minijinja::{Environment, UndefinedBehavior, Value, context};
use pulse_api::i18n::Lang;
use pulse_api::links::encode_component;
use pulse_api::markdown::{escape_html, to_safe_html};
use std::sync::LazyLock;

/// What every message knows: the site, the city, where to reach it.
pub struct Sender<'a> {
    pub site: &'a str,
    pub city: &'a str,
    /// Where a person reaches the city.
    pub contact: &'a str,
}

/// The topic a notice is about, and its host, who answers for it.
pub struct About<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub host_name: &'a str,
    pub host_email: Option<&'a str>,
}

/// An entry and why its reader gets it (the letter's last line).
pub type Composed = (Entry, String);

/// The templates, by `{lang}/{kind}`, read into the binary.
macro_rules! templates {
    ($($kind:literal),* $(,)?) => {
        &[$(
            (concat!("en/", $kind), include_str!(concat!("templates/en/", $kind, ".txt"))),
            (concat!("es/", $kind), include_str!(concat!("templates/es/", $kind, ".txt"))),
        )*]
    };
}

/// Every kind of message there is a template for, and `common`.
pub const KINDS: [&str; 18] = [
    "confirm_subscription",
    "verify_email",
    "reset_password",
    "email_changed",
    "update",
    "deadline",
    "closed",
    "comment",
    "reply",
    "response",
    "hidden",
    "revision",
    "revision_section",
    "led_to_change",
    "host_invite",
    "flag_alert",
    "account_exists",
    "common",
];

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    // A name the template uses and the code does not give is an error,
    // never an empty gap in someone's letter.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let sources: &[(&str, &str)] = templates!(
        "common",
        "confirm_subscription",
        "verify_email",
        "reset_password",
        "email_changed",
        "update",
        "deadline",
        "closed",
        "comment",
        "reply",
        "response",
        "hidden",
        "revision",
        "revision_section",
        "led_to_change",
        "host_invite",
        "flag_alert",
        "account_exists",
    );
    for (name, source) in sources {
        if let Err(error) = env.add_template(name, source) {
            // Checked by the tests for every template; a build that got
            // here with a broken one writes that kind of mail no more.
            tracing::error!(template = name, error = %error, "a mail template does not parse");
        }
    }
    env
});

/// The blocks of template `kind` in `lang`, rendered with `ctx`.
fn blocks<const N: usize>(
    lang: Lang,
    kind: &str,
    names: [&str; N],
    ctx: Value,
) -> anyhow::Result<[String; N]> {
    let name = format!("{}/{kind}", lang.code());
    let template = TEMPLATES.get_template(&name)?;
    let mut captured = template.render_captured(ctx)?;
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, block) in out.iter_mut().zip(names) {
        *slot = captured
            .with_state_mut(|state| state.render_block(block))
            .map_err(|e| anyhow::anyhow!("{name}, block {block}: {e:#}"))?
            .trim()
            .to_string();
    }
    Ok(out)
}

pub fn common(lang: Lang) -> anyhow::Result<Common> {
    let [unsubscribe, links] = blocks(
        lang,
        "common",
        ["unsubscribe", "links"],
        context! { n => 0 },
    )?;
    Ok(Common { unsubscribe, links })
}

/// A digest's subject: how many notices it holds.
pub fn digest_subject(lang: Lang, n: usize) -> anyhow::Result<String> {
    let [subject] = blocks(lang, "common", ["digest_subject"], context! { n })?;
    Ok(subject)
}

/// A letter of kind `kind`, its words from the templates and `ctx` (to
/// which `city` and `topic` are added), its button going to `to`.
fn compose(
    lang: Lang,
    kind: &str,
    from: &Sender<'_>,
    topic: &About<'_>,
    ctx: Value,
    quote: Option<Quote>,
    to: String,
) -> anyhow::Result<Composed> {
    let ctx = context! { city => from.city, topic => topic.title, ..ctx };
    let [subject, lead, action, reason] =
        blocks(lang, kind, ["subject", "lead", "action", "reason"], ctx)?;
    let (quote, links, quote_lang) = match quote {
        Some(q) => (Some((q.plain, q.html)), q.links, q.lang),
        None => (None, Vec::new(), None),
    };
    let entry = Entry {
        subject,
        lead,
        quote,
        links,
        quote_lang,
        action: (action, to),
    };
    Ok((entry, reason))
}

/// A quoted text: plain (with its links' addresses apart) and as safe
/// HTML, and the language it is in, when known.
struct Quote {
    plain: String,
    html: String,
    links: Vec<String>,
    lang: Option<Lang>,
}

/// A resident's text quoted: as written, and escaped for HTML.
fn said(text: &str, lang: Option<Lang>) -> Quote {
    Quote {
        plain: text.to_string(),
        html: escape_html(text),
        links: Vec::new(),
        lang,
    }
}

/// The city's Markdown quoted (in English: Pulse has no translations of
/// it yet): readable as text, and rendered safe for HTML.
fn markdown(text: &str) -> Quote {
    let (plain, links) = plain::to_text(text);
    Quote {
        plain,
        html: to_safe_html(text),
        links,
        lang: Some(Lang::En),
    }
}

/// The start of a comment, for a letter to remind its author of it.
fn start_of(text: &str) -> String {
    const WORDS: usize = 25;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..WORDS].join(" "))
    }
}

impl Sender<'_> {
    /// The site's page `path`, opened in `lang`: the link goes through the
    /// language switch, which remembers the choice and goes on to the page.
    pub fn link(&self, lang: Lang, path: &str) -> String {
        format!(
            "{}/language/{}?next={}",
            self.site,
            lang.code(),
            pulse_api::links::encode_query_value(path)
        )
    }
}

pub fn confirm_subscription(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    token: &str,
) -> anyhow::Result<Composed> {
    let to = from.link(lang, &format!("/subscriptions/confirm?token={token}"));
    compose(
        lang,
        "confirm_subscription",
        from,
        topic,
        context! {},
        None,
        to,
    )
}

pub fn verify_email(lang: Lang, from: &Sender<'_>, token: &str) -> anyhow::Result<Composed> {
    let to = from.link(lang, &format!("/account/verify?token={token}"));
    compose(lang, "verify_email", from, &NO_TOPIC, context! {}, None, to)
}

pub fn reset_password(lang: Lang, from: &Sender<'_>, token: &str) -> anyhow::Result<Composed> {
    let to = from.link(lang, &format!("/reset-password?token={token}"));
    compose(
        lang,
        "reset_password",
        from,
        &NO_TOPIC,
        context! {},
        None,
        to,
    )
}

/// Someone tried to create an account with the address: its owner may
/// choose a new password if it was them.
pub fn account_exists(lang: Lang, from: &Sender<'_>) -> anyhow::Result<Composed> {
    let to = from.link(lang, "/reset-password");
    compose(
        lang,
        "account_exists",
        from,
        &NO_TOPIC,
        context! {},
        None,
        to,
    )
}

pub fn email_changed(lang: Lang, from: &Sender<'_>) -> anyhow::Result<Composed> {
    let to = from.contact.to_string();
    compose(
        lang,
        "email_changed",
        from,
        &NO_TOPIC,
        context! {},
        None,
        to,
    )
}

const NO_TOPIC: About<'static> = About {
    title: "",
    slug: "",
    host_name: "",
    host_email: None,
};

/// An update the host posted: its title and Markdown.
pub fn update(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    update_id: i64,
    update_title: &str,
    body: &str,
) -> anyhow::Result<Composed> {
    let to = from.link(lang, &format!("/topics/{}#update-{update_id}", topic.slug));
    let ctx = context! { update_title };
    compose(lang, "update", from, topic, ctx, Some(markdown(body)), to)
}

/// 48 hours before the close (`closes`, as people read it).
pub fn deadline(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    closes: &str,
) -> anyhow::Result<Composed> {
    let to = from.link(lang, &format!("/topics/{}", topic.slug));
    compose(lang, "deadline", from, topic, context! { closes }, None, to)
}

/// The topic closed (`closed`, as people read it).
pub fn closed(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    closed: &str,
) -> anyhow::Result<Composed> {
    let to = from.link(lang, &format!("/topics/{}", topic.slug));
    let report = from.link(lang, &format!("/topics/{}/report", topic.slug));
    let ctx = context! { closed, report };
    compose(lang, "closed", from, topic, ctx, None, to)
}

/// A letter about a resident's comment: it quotes the comment (in the
/// language it was written in) and links its thread.
fn about_comment(
    lang: Lang,
    kind: &str,
    from: &Sender<'_>,
    topic: &About<'_>,
    comment: &CommentRow,
    ctx: Value,
) -> anyhow::Result<Composed> {
    let to = thread(lang, from, topic, comment);
    let quote = said(&comment.body, comment.lang);
    compose(lang, kind, from, topic, ctx, Some(quote), to)
}

/// The comment's thread on the topic's page.
fn thread(lang: Lang, from: &Sender<'_>, topic: &About<'_>, comment: &CommentRow) -> String {
    from.link(
        lang,
        &format!("/topics/{}#comment-{}", topic.slug, comment.id),
    )
}

/// A new comment in a section (`place`, as the page names it) one follows.
pub fn new_comment(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    place: &str,
    comment: &CommentRow,
) -> anyhow::Result<Composed> {
    let ctx = context! { place, author => comment.author.as_str() };
    about_comment(lang, "comment", from, topic, comment, ctx)
}

/// A reply (`comment`) to one's own comment (`yours`).
pub fn reply(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    comment: &CommentRow,
    yours: &str,
) -> anyhow::Result<Composed> {
    let ctx = context! { author => comment.author.as_str(), yours => start_of(yours) };
    about_comment(lang, "reply", from, topic, comment, ctx)
}

/// The city's official response to one's comment: the response quoted,
/// the comment's start recalled, the link to its thread.
pub fn response(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    comment: &CommentRow,
) -> anyhow::Result<Composed> {
    let (status, body, responder) = comment
        .response
        .clone()
        .map(|r| (lang.text(r.status.msg()).to_string(), r.body, r.author))
        .unwrap_or_default();
    let to = thread(lang, from, topic, comment);
    let ctx = context! { responder, status, yours => start_of(&comment.body) };
    // The city's answer, in its language.
    let quote = said(&body, Some(Lang::En));
    compose(lang, "response", from, topic, ctx, Some(quote), to)
}

/// One's comment was hidden by the host (quoted back to its author only),
/// with the reason and the way to ask for a review.
pub fn hidden(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    comment: &CommentRow,
) -> anyhow::Result<Composed> {
    let ctx = context! {
        reason => comment.hidden_reason.clone().unwrap_or_default(),
        host => topic.host_name,
        host_email => topic.host_email.unwrap_or_default(),
        contact => from.contact,
        policy => from.link(lang, "/pages/comment-policy"),
    };
    about_comment(lang, "hidden", from, topic, comment, ctx)
}

/// What a revision is, as its letters tell it: its number, why it
/// changed (Markdown), and what changed, a line per section.
pub struct Revision<'a> {
    pub version: i64,
    pub note: &'a str,
    pub changed: &'a str,
}

/// The page comparing a version with the one before, at `anchor`.
fn comparison(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    version: i64,
    anchor: &str,
) -> String {
    let at = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    from.link(
        lang,
        &format!("/topics/{}/versions/{version}/changes{at}", topic.slug),
    )
}

/// A revised draft was published.
pub fn revision(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    revision: &Revision<'_>,
) -> anyhow::Result<Composed> {
    let to = comparison(lang, from, topic, revision.version, "");
    let ctx = context! { version => revision.version, changed => revision.changed };
    let note = (!revision.note.is_empty()).then(|| markdown(revision.note));
    compose(lang, "revision", from, topic, ctx, note, to)
}

/// What became of the section one follows in a revision.
pub struct SectionFate<'a> {
    /// The section as it was ("§ 4 Retention").
    pub place: &'a str,
    /// Where it is now, when it was not removed.
    pub now: Option<(&'a str, &'a str)>,
    /// Its words in short, as they were and as they are.
    pub before: &'a str,
    pub after: &'a str,
}

/// A revised draft changed or removed the section one follows: one letter
/// for the revision and the section.
pub fn revision_section(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    revision: &Revision<'_>,
    fate: &SectionFate<'_>,
) -> anyhow::Result<Composed> {
    let (now_anchor, now_place) = fate.now.unwrap_or(("", fate.place));
    let to = comparison(lang, from, topic, revision.version, now_anchor);
    let ctx = context! {
        version => revision.version,
        changed => revision.changed,
        place => fate.place,
        now_place,
        removed => fate.now.is_none(),
        before => fate.before,
        after => fate.after,
    };
    let note = (!revision.note.is_empty()).then(|| markdown(revision.note));
    compose(lang, "revision_section", from, topic, ctx, note, to)
}

/// What one's comments led to in a revision: its number, how many of
/// one's comments, the sections changed (`places`) and the first's anchor,
/// the start of the first comment, and why (Markdown).
pub struct LedTo<'a> {
    pub version: i64,
    pub n: usize,
    pub places: &'a str,
    pub first_anchor: &'a str,
    pub yours: &'a str,
    pub note: Option<&'a str>,
}

/// One's comments led to a change in a revision.
pub fn led_to_change(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    led: &LedTo<'_>,
) -> anyhow::Result<Composed> {
    let to = comparison(lang, from, topic, led.version, led.first_anchor);
    let ctx = context! {
        version => led.version,
        n => led.n,
        places => led.places,
        yours => start_of(led.yours),
    };
    let note = led.note.filter(|n| !n.is_empty()).map(markdown);
    compose(lang, "led_to_change", from, topic, ctx, note, to)
}

/// One was named a host of a topic, with a link to choose the password
/// of the account made for them.
pub fn host_invite(
    lang: Lang,
    from: &Sender<'_>,
    topic: &About<'_>,
    token: &str,
) -> anyhow::Result<Composed> {
    let to = from.link(lang, &format!("/reset-password?token={token}"));
    compose(lang, "host_invite", from, topic, context! {}, None, to)
}

/// A flagged comment, as a flag alert lists it.
pub struct FlagLine<'a> {
    pub topic: &'a str,
    pub place: String,
    pub comment: &'a str,
    pub reason: &'a str,
    /// Decided on before the alert went out.
    pub resolved: bool,
}

/// Comments flagged on topics one hosts, since the last such letter.
pub fn flag_alert(
    lang: Lang,
    from: &Sender<'_>,
    slug: Option<&str>,
    flags: &[FlagLine<'_>],
) -> anyhow::Result<Composed> {
    let desk = match slug {
        Some(slug) => format!("/host?topic={}&show=flagged", encode_component(slug)),
        None => "/host?show=flagged".to_string(),
    };
    let to = from.link(lang, &desk);
    let flags: Vec<Value> = flags
        .iter()
        .map(|f| {
            context! {
                topic => f.topic, place => &f.place, comment => start_of(f.comment),
                reason => f.reason, resolved => f.resolved,
            }
        })
        .collect();
    let ctx = context! { n => flags.len(), flags };
    compose(lang, "flag_alert", from, &NO_TOPIC, ctx, None, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name any template uses, with a value.
    fn everything() -> Value {
        context! {
            city => "City of Shakopee", topic => "Body Worn Cameras", n => 2,
            update_title => "New dates", closes => "May 1", closed => "May 1",
            report => "https://x/r", place => "Section 2", author => "Ana",
            yours => "I think", responder => "Jo", status => "Adopted",
            reason => "Off topic", host => "Jo", host_email => "jo@example.gov",
            contact => "https://x/c", policy => "https://x/p",
            version => 2, changed => "§ 4 Retention: Edited", now_place => "§ 5 Retention",
            removed => false, before => "ninety days", after => "a year", places => "§ 4",
            flags => vec![context! {
                topic => "Body Worn Cameras", place => "§ 2", comment => "I think",
                reason => "Spam", resolved => true,
            }],
        }
    }

    #[test]
    fn every_template_parses_in_both_languages_with_every_block() {
        for lang in Lang::ALL {
            for kind in KINDS {
                let names: &[&str] = if kind == "common" {
                    &["digest_subject", "unsubscribe", "links"]
                } else {
                    &["subject", "lead", "action", "reason"]
                };
                let name = format!("{}/{kind}", lang.code());
                let template = TEMPLATES.get_template(&name).expect(&name);
                let mut captured = template.render_captured(everything()).expect(&name);
                for block in names {
                    let text = captured
                        .with_state_mut(|s| s.render_block(block))
                        .unwrap_or_else(|e| panic!("{name} {block}: {e:#}"));
                    assert!(!text.trim().is_empty(), "{name} has no {block}");
                }
            }
        }
    }

    #[test]
    fn a_name_the_code_does_not_give_is_an_error_not_a_gap() {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.add_template("t", "{% block subject %}{{ nobody }}{% endblock %}")
            .unwrap();
        let t = env.get_template("t").unwrap();
        assert!(t.render(context! {}).is_err());
    }

    #[test]
    fn the_digest_counts_in_each_language() {
        assert_eq!(
            digest_subject(Lang::En, 1).unwrap(),
            "Your daily digest: 1 notice"
        );
        assert_eq!(
            digest_subject(Lang::En, 3).unwrap(),
            "Your daily digest: 3 notices"
        );
        assert_eq!(
            digest_subject(Lang::Es, 1).unwrap(),
            "Su resumen del día: 1 aviso"
        );
        assert_eq!(
            digest_subject(Lang::Es, 3).unwrap(),
            "Su resumen del día: 3 avisos"
        );
    }

    #[test]
    fn links_open_the_site_in_the_readers_language() {
        let from = Sender {
            site: "https://pulse.example.gov",
            city: "City of Shakopee",
            contact: "https://pulse.example.gov/pages/contact",
        };
        assert_eq!(
            from.link(Lang::Es, "/topics/bwc#comment-4"),
            "https://pulse.example.gov/language/es?next=/topics/bwc%23comment-4"
        );
        let (entry, reason) = verify_email(Lang::Es, &from, "TOKEN").unwrap();
        assert_eq!(entry.subject, "Confirme su dirección de correo");
        assert!(
            entry.action.1.contains("/language/es?next="),
            "{}",
            entry.action.1
        );
        assert!(reason.contains("City of Shakopee"), "{reason}");
    }
}
