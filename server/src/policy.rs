//! Who may do what: the one place that decides. Handlers ask these plain
//! functions and do as they answer; nothing else decides. Each refusal is
//! the problem the client is sent: 401 when signing in would help, 403 when
//! it would not.

use crate::dates::when;
use crate::db::comments::CommentRow;
use crate::db::topics::TopicRow;
use crate::error::ApiError;
use pulse_api::i18n::Msg;
use pulse_api::wire::{
    Account, Comment, CommentNow, Hidden, NowStatus, OfficialResponse, Quote, Receipt, Role,
};
use pulse_api::{Timestamp, TopicStatus};
use sqlx::AnyConnection;

/// How the one making a request stands towards one topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Anonymous,
    Resident,
    /// A host of this topic (of this one only).
    Host,
    Admin,
}

/// The one making a request, as seen from one topic.
#[derive(Debug, Clone)]
pub struct Actor {
    pub account: Option<Account>,
    pub standing: Standing,
}

impl Actor {
    /// Resolves `user`'s standing towards a topic (one query when signed in).
    pub async fn towards(
        conn: &mut AnyConnection,
        user: Option<Account>,
        topic_id: i64,
    ) -> anyhow::Result<Actor> {
        let Some(account) = user else {
            return Ok(Actor {
                account: None,
                standing: Standing::Anonymous,
            });
        };
        let is_host = account.role != Role::Admin
            && crate::db::hosts::is_host(conn, topic_id, account.id).await?;
        Ok(Actor::hosting(Some(account), is_host))
    }

    /// `user`'s standing towards a topic they host or not (`is_host`, read
    /// by the caller with the topic).
    pub fn hosting(user: Option<Account>, is_host: bool) -> Actor {
        let standing = match &user {
            None => Standing::Anonymous,
            Some(a) if a.role == Role::Admin => Standing::Admin,
            Some(_) if is_host => Standing::Host,
            Some(_) => Standing::Resident,
        };
        Actor {
            account: user,
            standing,
        }
    }

    /// An actor not tied to any topic: admins are admins, everyone else a
    /// resident.
    pub fn anywhere(user: Option<Account>) -> Actor {
        let standing = match &user {
            None => Standing::Anonymous,
            Some(a) if a.role == Role::Admin => Standing::Admin,
            Some(_) => Standing::Resident,
        };
        Actor {
            account: user,
            standing,
        }
    }

    /// The operator at the shell (`pulse admin`): an admin with no account.
    pub fn command_line() -> Actor {
        Actor {
            account: None,
            standing: Standing::Admin,
        }
    }

    pub fn id(&self) -> Option<i64> {
        self.account.as_ref().map(|a| a.id)
    }

    fn runs_topic(&self) -> bool {
        matches!(self.standing, Standing::Host | Standing::Admin)
    }
}

/// The signed-in account, or 401.
pub fn signed_in(actor: &Actor) -> Result<&Account, ApiError> {
    actor
        .account
        .as_ref()
        .ok_or_else(|| ApiError::unauthorized(Msg::MustSignIn))
}

/// Refuses anything that takes part (a comment, a ballot, a reaction, an
/// edit) outside the topic's window, by the server's clock.
fn open_now(topic: &TopicRow, now: Timestamp) -> Result<(), ApiError> {
    match topic.status(now) {
        TopicStatus::Open => Ok(()),
        TopicStatus::Upcoming => Err(ApiError::forbidden(
            Msg::TopicNotOpenYet.with([("date", when(topic.opens_at, &topic.time_zone))]),
        )),
        TopicStatus::Closed => Err(ApiError::forbidden(
            Msg::DeadlinePassedOn.with([("date", when(topic.closes_at, &topic.time_zone))]),
        )),
    }
}

/// Comment, reply, vote, agree or disagree: signed in, while open, with a
/// confirmed email address where the topic asks for one (one person, one
/// voice). Hosts and admins answer for themselves.
pub fn may_take_part(actor: &Actor, topic: &TopicRow, now: Timestamp) -> Result<(), ApiError> {
    let me = signed_in(actor)?;
    // A preview is for reading: nothing said there could be heard.
    if !topic.published {
        return Err(ApiError::forbidden(Msg::TopicNotPublished));
    }
    open_now(topic, now)?;
    if topic.require_verified_email && !me.email_verified && !actor.runs_topic() {
        return Err(ApiError::forbidden(Msg::ConfirmToTakePart));
    }
    Ok(())
}

/// Flag a comment for the host: any signed-in account, at any time (abuse
/// does not wait for the deadline), not one's own.
pub fn may_flag(actor: &Actor, comment: &CommentRow) -> Result<(), ApiError> {
    let me = signed_in(actor)?;
    if me.id == comment.account_id {
        return Err(ApiError::forbidden(Msg::OwnCommentNoFlag));
    }
    Ok(())
}

/// Edit or withdraw a comment: its author only, while the topic is open (the
/// record council gets is fixed at the close).
pub fn may_change_comment(
    actor: &Actor,
    comment: &CommentRow,
    topic: &TopicRow,
    now: Timestamp,
) -> Result<(), ApiError> {
    let me = signed_in(actor)?;
    if me.id != comment.account_id {
        return Err(ApiError::forbidden(Msg::OnlyAuthorChanges));
    }
    open_now(topic, now)?;
    if comment.withdrawn_at.is_some() {
        return Err(ApiError::conflict(Msg::WithdrawnAlready));
    }
    if comment.hidden_at.is_some() {
        return Err(ApiError::conflict(Msg::HiddenCannotChange));
    }
    Ok(())
}

fn host_only(actor: &Actor, what: Msg) -> Result<(), ApiError> {
    signed_in(actor)?;
    if actor.runs_topic() {
        Ok(())
    } else {
        Err(ApiError::forbidden(Msg::OnlyHostCan.with([("what", what)])))
    }
}

/// Hide, restore and dismiss flags; see the moderation queue.
pub fn may_moderate(actor: &Actor) -> Result<(), ApiError> {
    host_only(actor, Msg::HostModerate)
}

/// Answer a comment officially: the host, also after the deadline.
pub fn may_respond(actor: &Actor) -> Result<(), ApiError> {
    host_only(actor, Msg::HostAnswer)
}

pub fn may_post_update(actor: &Actor) -> Result<(), ApiError> {
    host_only(actor, Msg::HostPostUpdates)
}

/// Publish a revised draft: the topic's hosts, admins, and the operator
/// at the shell.
pub fn may_revise(actor: &Actor) -> Result<(), ApiError> {
    if actor.account.is_none() && actor.standing == Standing::Admin {
        return Ok(());
    }
    host_only(actor, Msg::HostRevise)
}

/// Add and remove the topic's dates (council meetings, hearings).
pub fn may_manage_dates(actor: &Actor) -> Result<(), ApiError> {
    host_only(actor, Msg::HostChangeDates)
}

/// The topic's part of the audit log.
pub fn may_read_topic_audit(actor: &Actor) -> Result<(), ApiError> {
    host_only(actor, Msg::HostReadAudit)
}

/// The host's desk: admins, and accounts that host a topic.
pub fn may_use_desk(actor: &Actor, hosts_any: bool) -> Result<(), ApiError> {
    signed_in(actor)?;
    if actor.standing == Standing::Admin || hosts_any {
        Ok(())
    } else {
        Err(ApiError::forbidden(Msg::HostNoTopics))
    }
}

/// Whether `actor` sees `topic` at all: everyone once it is published;
/// before, its hosts and admins only (a preview). To anyone else a topic
/// not published yet does not exist.
pub fn may_see_topic(actor: &Actor, topic: &TopicRow) -> bool {
    topic.published || actor.runs_topic()
}

/// Create and change topics, name their hosts, read the whole audit log.
pub fn may_administer(actor: &Actor) -> Result<(), ApiError> {
    signed_in(actor)?;
    if actor.standing == Standing::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(Msg::OnlyAdmin))
    }
}

/// Whether `actor` may go by a name that passes for a staff member's:
/// admins may (they are the staff); for anyone else such a name is refused,
/// so that nobody can pass for the city.
pub fn may_take_a_staff_name(actor: &Actor) -> bool {
    actor.standing == Standing::Admin
}

/// The report: hosts and admins any time, everyone once the topic closed.
pub fn may_read_report(actor: &Actor, topic: &TopicRow, now: Timestamp) -> Result<(), ApiError> {
    if actor.runs_topic() || topic.status(now) == TopicStatus::Closed {
        return Ok(());
    }
    Err(ApiError::forbidden(
        Msg::ReportWhenClosed.with([("date", when(topic.closes_at, &topic.time_zone))]),
    ))
}

/// Whether `actor` reads the text of a comment the host hid: its author
/// does (with the reason); in listings nobody else, hosts included (they
/// read it in the moderation queue).
pub fn may_read_hidden_text(actor: &Actor, comment: &CommentRow) -> bool {
    actor.id() == Some(comment.account_id)
}

/// A comment as `actor` may see it in a thread: a withdrawn one is a
/// placeholder for everyone; a hidden one shows its reason, and its text to
/// its author only.
pub fn comment_for(actor: &Actor, row: CommentRow) -> Comment {
    let text_shown = row.withdrawn_at.is_none()
        && (row.hidden_at.is_none() || may_read_hidden_text(actor, &row));
    comment_view(actor, row, text_shown)
}

/// A comment whole, text included whatever its state: for the host's
/// moderation queue (ask [`may_moderate`] first).
pub fn comment_for_moderator(actor: &Actor, row: CommentRow) -> Comment {
    comment_view(actor, row, true)
}

fn comment_view(actor: &Actor, row: CommentRow, text_shown: bool) -> Comment {
    let (body, body_html) = if text_shown {
        (row.body, row.body_html)
    } else {
        (String::new(), String::new())
    };
    Comment {
        mine: actor.id() == Some(row.account_id),
        id: row.id,
        section: row.section,
        version: row.version,
        parent_id: row.parent_id,
        author: row.author,
        staff: row.staff,
        body,
        body_html,
        quote: row.quote_exact.filter(|_| text_shown).map(|exact| Quote {
            exact,
            prefix: row.quote_prefix.unwrap_or_default(),
            suffix: row.quote_suffix.unwrap_or_default(),
        }),
        quote_lang: row.quote_lang.filter(|_| text_shown),
        lang: row.lang,
        created_at: row.created_at,
        edited_at: row.edited_at,
        withdrawn: row.withdrawn_at.is_some(),
        hidden: row
            .hidden_at
            .zip(row.hidden_reason)
            .map(|(at, reason)| Hidden { reason, at }),
        agree: row.agree,
        disagree: row.disagree,
        my_reaction: row.my_reaction,
        official_response: row.response.map(|r| OfficialResponse {
            status: r.status,
            body_html: r.body_html,
            body: r.body,
            author: r.author,
            created_at: r.created_at,
            landed: r.landed,
        }),
        now: CommentNow {
            section: (row.now_status != NowStatus::Removed).then_some(row.now_section),
            status: row.now_status,
            was: row
                .was
                .filter(|_| text_shown)
                .map(|was| pulse_api::markdown::to_plain_text(&was).trim().to_string()),
        },
        led_to: row.led_to,
        receipt: row
            .receipt
            .filter(|_| actor.id() == Some(row.account_id))
            .and_then(|r| {
                let (position, hash) = r.split_once(':')?;
                Some(Receipt {
                    position: position.parse().ok()?,
                    hash: hash.to_string(),
                })
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulse_api::wire::{HostCard, ResultsRule};

    const NOW: Timestamp = Timestamp(1_000_000);

    fn topic(opens: i64, closes: i64) -> TopicRow {
        TopicRow {
            id: 1,
            slug: "t".into(),
            title: "T".into(),
            summary: String::new(),
            summary_html: String::new(),
            opens_at: Timestamp(NOW.0 + opens),
            closes_at: Timestamp(NOW.0 + closes),
            time_zone: "America/Chicago".into(),
            results_rule: ResultsRule::Always,
            host: HostCard {
                name: "H".into(),
                role: "R".into(),
                phone: None,
                email: None,
            },
            require_verified_email: false,
            published: true,
        }
    }

    fn actor(standing: Standing, id: i64) -> Actor {
        Actor {
            account: (standing != Standing::Anonymous).then(|| Account {
                id,
                email: format!("{id}@example.org"),
                display_name: format!("A{id}"),
                role: if standing == Standing::Admin {
                    Role::Admin
                } else {
                    Role::Resident
                },
                email_verified: false,
                hosts: Vec::new(),
                lang: pulse_api::i18n::Lang::En,
            }),
            standing,
        }
    }

    #[test]
    fn a_topic_can_ask_for_a_confirmed_email_before_taking_part() {
        let mut open = topic(-10, 10);
        open.require_verified_email = true;
        let resident = actor(Standing::Resident, 2);
        assert_eq!(status(may_take_part(&resident, &open, NOW)), 403);
        let mut verified = resident.clone();
        if let Some(account) = verified.account.as_mut() {
            account.email_verified = true;
        }
        assert_eq!(status(may_take_part(&verified, &open, NOW)), 200);
        // Staff answer for themselves.
        assert_eq!(
            status(may_take_part(&actor(Standing::Host, 3), &open, NOW)),
            200
        );
        open.require_verified_email = false;
        assert_eq!(status(may_take_part(&resident, &open, NOW)), 200);
    }

    fn comment_by(account_id: i64) -> CommentRow {
        CommentRow {
            id: 9,
            topic_id: 1,
            section: "s".into(),
            version: 1,
            parent_id: None,
            account_id,
            author: "Author".into(),
            staff: None,
            body: "Secret *text*".into(),
            body_html: "<p>Secret <em>text</em></p>\n".into(),
            quote_exact: None,
            quote_prefix: None,
            quote_suffix: None,
            lang: None,
            quote_lang: None,
            created_at: NOW,
            edited_at: None,
            withdrawn_at: None,
            hidden_at: None,
            hidden_reason: None,
            agree: 0,
            disagree: 0,
            open_flags: 0,
            my_reaction: None,
            response: None,
            now_status: NowStatus::Current,
            now_section: "s".into(),
            was: None,
            led_to: Vec::new(),
            receipt: None,
        }
    }

    fn status(result: Result<(), ApiError>) -> u16 {
        match result {
            Ok(()) => 200,
            Err(ApiError::Client(status, _) | ApiError::Fields(status, _)) => status.as_u16(),
            Err(ApiError::TooMany { .. }) => 429,
            Err(ApiError::Unavailable(_)) => 503,
            Err(ApiError::Internal(_)) => 500,
        }
    }

    #[test]
    fn the_matrix_of_who_may_do_what() {
        use Standing::*;
        let open = topic(-10, 10);
        let closed = topic(-20, -10);
        // (standing, take part open, take part closed, moderate, administer, report open)
        let expected = [
            (Anonymous, 401, 401, 401, 401, 403),
            (Resident, 200, 403, 403, 403, 403),
            (Host, 200, 403, 200, 403, 200),
            (Admin, 200, 403, 200, 200, 200),
        ];
        for (standing, part_open, part_closed, moderate, admin, report) in expected {
            let a = actor(standing, 2);
            assert_eq!(
                status(may_take_part(&a, &open, NOW)),
                part_open,
                "{standing:?}"
            );
            assert_eq!(
                status(may_take_part(&a, &closed, NOW)),
                part_closed,
                "{standing:?}"
            );
            assert_eq!(status(may_moderate(&a)), moderate, "{standing:?}");
            assert_eq!(status(may_respond(&a)), moderate, "{standing:?}");
            assert_eq!(status(may_post_update(&a)), moderate, "{standing:?}");
            assert_eq!(status(may_administer(&a)), admin, "{standing:?}");
            assert_eq!(
                status(may_read_report(&a, &open, NOW)),
                report,
                "{standing:?}"
            );
            assert_eq!(
                status(may_read_report(&a, &closed, NOW)),
                200,
                "{standing:?}"
            );
        }
    }

    #[test]
    fn a_topic_not_published_is_seen_by_its_hosts_and_admins_and_taken_part_in_by_nobody() {
        use Standing::*;
        let mut preview = topic(-10, 10);
        preview.published = false;
        for (standing, sees) in [
            (Anonymous, false),
            (Resident, false),
            (Host, true),
            (Admin, true),
        ] {
            let a = actor(standing, 2);
            assert_eq!(may_see_topic(&a, &preview), sees, "{standing:?}");
            assert!(may_see_topic(&a, &topic(-10, 10)), "{standing:?}");
            let part = status(may_take_part(&a, &preview, NOW));
            let refused = if standing == Anonymous { 401 } else { 403 };
            assert_eq!(part, refused, "{standing:?}");
        }
    }

    #[test]
    fn only_the_author_changes_a_comment_and_only_while_open() {
        let open = topic(-10, 10);
        let closed = topic(-20, -10);
        let mine = comment_by(2);
        assert_eq!(
            status(may_change_comment(
                &actor(Standing::Resident, 2),
                &mine,
                &open,
                NOW
            )),
            200
        );
        assert_eq!(
            status(may_change_comment(
                &actor(Standing::Resident, 2),
                &mine,
                &closed,
                NOW
            )),
            403
        );
        assert_eq!(
            status(may_change_comment(
                &actor(Standing::Resident, 3),
                &mine,
                &open,
                NOW
            )),
            403
        );
        assert_eq!(
            status(may_change_comment(
                &actor(Standing::Admin, 3),
                &mine,
                &open,
                NOW
            )),
            403
        );
        assert_eq!(
            status(may_change_comment(
                &actor(Standing::Anonymous, 0),
                &mine,
                &open,
                NOW
            )),
            401
        );
        assert_eq!(status(may_flag(&actor(Standing::Resident, 2), &mine)), 403);
        assert_eq!(status(may_flag(&actor(Standing::Resident, 3), &mine)), 200);
    }

    #[test]
    fn a_hidden_comment_shows_its_text_to_its_author_only() {
        let mut row = comment_by(2);
        row.hidden_at = Some(NOW);
        row.hidden_reason = Some("Personal attack".into());
        let for_author = comment_for(&actor(Standing::Resident, 2), row.clone());
        assert_eq!(for_author.body, "Secret *text*");
        assert!(for_author.body_html.contains("<em>text</em>"));
        let for_host = comment_for(&actor(Standing::Host, 3), row.clone());
        assert_eq!(for_host.body, "");
        assert_eq!(
            for_host.hidden.map(|h| h.reason).as_deref(),
            Some("Personal attack")
        );
        let in_queue = comment_for_moderator(&actor(Standing::Host, 3), row);
        assert_eq!(in_queue.body, "Secret *text*");
    }
}
