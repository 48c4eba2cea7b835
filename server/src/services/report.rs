//! The report for council: every comment with its state, reactions and
//! official response, per-section figures, poll results with the counting
//! rule, participation and moderation figures. Hosts and admins read it any
//! time; everyone once the topic has closed.

use super::on_topic;
use crate::error::Result;
use crate::policy;
use crate::state::AppState;
use crate::{clock, db};
use pulse_api::i18n::{Lang, Msg};
use pulse_api::sections::GENERAL;
use pulse_api::wire::{
    Account, CommentState, ModerationFigures, Participation, PollKind, RecordHead, Report,
    ReportChange, ReportComment, ReportOption, ReportPoll, ReportRevision, ReportSection,
    ResponseStatus, SectionChange, StatusCount,
};
use std::collections::HashMap;

/// The report on a topic, for its hosts any time and for everyone once it
/// has closed.
pub async fn report(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
) -> Result<Report> {
    let now = clock::now();
    // One snapshot: the head it names is the record its figures were
    // counted from.
    let mut conn = state.db.snapshot().await?;
    let (topic, actor) = on_topic(&mut conn, user, slug).await?;
    policy::may_read_report(&actor, &topic, now)?;

    let version = db::topics::current_version(&mut conn, topic.id).await?;
    let sections = match &version {
        Some(v) => db::topics::outline(&mut conn, v.id).await?,
        None => Vec::new(),
    };
    // The record as the city wrote it.
    let labels = db::topics::places(&mut conn, topic.id, Lang::ORIGINAL).await?;
    let rows = db::comments::list(&mut conn, topic.id, None).await?;
    let figures = db::report::figures(&mut conn, topic.id).await?;

    let mut per_section: Vec<ReportSection> =
        std::iter::once((GENERAL.to_string(), String::new(), "General".to_string()))
            .chain(
                sections
                    .iter()
                    .map(|s| (s.anchor.clone(), s.number.clone(), section_heading(s))),
            )
            .map(|(anchor, number, heading)| ReportSection {
                anchor,
                number,
                heading,
                comments: 0,
                visible: 0,
                hidden: 0,
                withdrawn: 0,
                responded: 0,
                agree: 0,
                disagree: 0,
            })
            .collect();
    let numbers: HashMap<&str, (&str, String)> = sections
        .iter()
        .map(|s| (s.anchor.as_str(), (s.number.as_str(), section_heading(s))))
        .collect();

    let mut moderation = ModerationFigures {
        flags: figures.flags,
        flagged_comments: figures.flagged_comments,
        hidden: 0,
        withdrawn: 0,
        edited: 0,
        responses: 0,
        responses_by_status: ResponseStatus::ALL
            .iter()
            .map(|s| StatusCount {
                status: *s,
                count: 0,
            })
            .collect(),
    };
    let mut comments = Vec::with_capacity(rows.len());
    let mut adopted = Vec::new();
    for row in rows {
        let state = if row.withdrawn_at.is_some() {
            CommentState::Withdrawn
        } else if row.hidden_at.is_some() {
            CommentState::Hidden
        } else {
            CommentState::Visible
        };
        match state {
            CommentState::Hidden => moderation.hidden += 1,
            CommentState::Withdrawn => moderation.withdrawn += 1,
            CommentState::Visible => {}
        }
        if row.edited_at.is_some() {
            moderation.edited += 1;
        }
        if let Some(r) = &row.response {
            moderation.responses += 1;
            if let Some(entry) = moderation
                .responses_by_status
                .iter_mut()
                .find(|s| s.status == r.status)
            {
                entry.count += 1;
            }
        }
        // Counted by the section it belongs to now.
        if let Some(s) = per_section.iter_mut().find(|s| s.anchor == row.now_section) {
            s.comments += 1;
            match state {
                CommentState::Visible => s.visible += 1,
                CommentState::Hidden => s.hidden += 1,
                CommentState::Withdrawn => s.withdrawn += 1,
            }
            s.responded += i64::from(row.response.is_some());
            s.agree += row.agree;
            s.disagree += row.disagree;
        }
        let (number, heading) = if row.section == GENERAL {
            (String::new(), "General".to_string())
        } else {
            match numbers.get(row.section.as_str()) {
                Some((number, heading)) => ((*number).to_string(), heading.clone()),
                None => (
                    String::new(),
                    labels
                        .get(&row.section)
                        .cloned()
                        .unwrap_or_else(|| row.section.clone()),
                ),
            }
        };
        let now_number = numbers
            .get(row.now_section.as_str())
            .map(|(number, _)| (*number).to_string())
            .unwrap_or_default();
        if row.response.as_ref().is_some_and(|r| {
            matches!(
                r.status,
                ResponseStatus::Adopted | ResponseStatus::PartlyAdopted
            )
        }) {
            adopted.push(row.id);
        }
        comments.push(ReportComment {
            now_section: row.now_section.clone(),
            version: row.version,
            now: row.now_status,
            now_number,
            led_to: row.led_to,
            landed: row.response.as_ref().and_then(|r| r.landed.clone()),
            id: row.id,
            parent_id: row.parent_id,
            section_number: number,
            section_heading: heading,
            quote: row.quote_exact.filter(|_| state == CommentState::Visible),
            author: row.author,
            staff: row.staff,
            created_at: row.created_at,
            state,
            body: (state == CommentState::Visible).then_some(row.body),
            hidden_reason: row.hidden_reason,
            edited: row.edited_at.is_some(),
            agree: row.agree,
            disagree: row.disagree,
            response_status: row.response.as_ref().map(|r| r.status),
            response: row.response.map(|r| r.body),
        });
    }

    // The record as the city wrote it.
    let polls = db::polls::list(&mut conn, topic.id, Lang::ORIGINAL).await?;
    let options = db::polls::options(&mut conn, topic.id, Lang::ORIGINAL).await?;
    let ballots = db::polls::ballot_counts(&mut conn, topic.id).await?;
    let polls = polls
        .into_iter()
        .map(|poll| {
            let count = ballots.get(&poll.id).copied().unwrap_or_default();
            let cast = count.cast;
            ReportPoll {
                options: options
                    .iter()
                    .filter(|o| o.poll_id == poll.id)
                    .map(|o| ReportOption {
                        label: o.label.clone(),
                        votes: o.votes,
                        percent_of_ballots: percent(o.votes, cast),
                    })
                    .collect(),
                counting_rule: lang
                    .text(match poll.kind {
                        PollKind::Single => Msg::CountingRuleSingle,
                        PollKind::Multiple => Msg::CountingRuleMultiple,
                    })
                    .to_string(),
                question: poll.question,
                section: poll.section,
                kind: poll.kind,
                ballots: cast,
                staff_ballots: count.staff,
            }
        })
        .collect();

    let revisions = revisions(&mut conn, topic.id).await?;
    let record = db::record::head(&mut conn, topic.id)
        .await?
        .map(|h| RecordHead {
            position: h.position,
            hash: h.hash,
        });
    Ok(Report {
        record,
        city: state.config.mail.city.clone(),
        revisions,
        adopted,
        status: topic.status(now),
        slug: topic.slug,
        title: topic.title,
        opens_at: topic.opens_at,
        closes_at: topic.closes_at,
        time_zone: topic.time_zone,
        generated_at: now,
        draft_version: version.map(|v| v.version),
        participation: Participation {
            participants: figures.participants,
            comments: i64::try_from(comments.len()).unwrap_or(i64::MAX),
            ballots: figures.ballots,
            reactions: figures.reactions,
        },
        sections: per_section,
        polls,
        moderation,
        comments,
    })
}

/// What we heard, what we changed: every revision of the topic's draft,
/// each section it changed or removed with why and the comments behind it.
async fn revisions(
    conn: &mut sqlx::AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Vec<ReportRevision>> {
    let versions = db::revisions::versions(conn, topic_id).await?;
    let mut revisions = Vec::new();
    for pair in versions.windows(2) {
        let (before, version) = (&pair[0], &pair[1]);
        let sections = db::revisions::sections(conn, version.id).await?;
        let matching = db::revisions::matching(conn, version.id).await?;
        let mut notes = db::revisions::notes(conn, version.id).await?;
        let mut changes: Vec<ReportChange> = sections
            .iter()
            .zip(&matching.sections)
            .filter(|(_, m)| m.change != SectionChange::Unchanged)
            .map(|(s, m)| {
                let (note, _, comments) = notes.remove(&s.anchor).unwrap_or_default();
                ReportChange {
                    anchor: s.anchor.clone(),
                    number: s.number.clone(),
                    heading: s.heading.clone(),
                    change: Some(m.change),
                    note,
                    comments,
                }
            })
            .collect();
        for old in db::revisions::sections(conn, before.id).await? {
            if matching.removed.contains(&old.anchor) {
                changes.push(ReportChange {
                    anchor: old.anchor,
                    number: old.number,
                    heading: old.heading,
                    change: None,
                    note: String::new(),
                    comments: Vec::new(),
                });
            }
        }
        revisions.push(ReportRevision {
            version: version.version,
            published_at: version.published_at,
            note: version.note.clone(),
            changes,
        });
    }
    Ok(revisions)
}

fn section_heading(s: &db::topics::SectionHead) -> String {
    if s.number.is_empty() {
        "Introduction".to_string()
    } else {
        s.heading.clone()
    }
}

/// `part` of `whole` in percent, to one decimal.
fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let share = part as f64 * 100.0 / whole as f64;
    (share * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_of_ballots() {
        assert!((percent(1, 3) - 33.3).abs() < f64::EPSILON);
        assert!((percent(0, 0)).abs() < f64::EPSILON);
    }
}
