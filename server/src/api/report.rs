//! The report for council: every comment with its state, reactions and
//! official response, per-section figures, poll results with the counting
//! rule, participation and moderation figures. As JSON, and as CSV for a
//! spreadsheet. Hosts and admins read it any time; everyone once the topic
//! has closed.

use super::topics::find;
use crate::error::Result;
use crate::extract::{AuthUser, PathParam};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::{Lang, Msg};
use pulse_api::sections::GENERAL;
use pulse_api::wire::Problem;
use pulse_api::wire::{
    CommentState, ModerationFigures, Participation, PollKind, Report, ReportComment, ReportOption,
    ReportPoll, ReportSection, ResponseStatus, StatusCount,
};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(as_json))
        .routes(routes!(as_csv))
}

#[utoipa::path(get, path = "/topics/{slug}/report.json", tag = "report", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), responses((status = 200, body = Report), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn as_json(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
) -> Result<Json<Report>> {
    Ok(Json(report(&state, user, &slug).await?))
}

#[utoipa::path(get, path = "/topics/{slug}/report.csv", tag = "report", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), responses((status = 200, description = "One row per comment (RFC 4180)", body = String, content_type = "text/csv"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn as_csv(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
) -> Result<Response> {
    let report = report(&state, user, &slug).await?;
    let mut response = to_csv(&report).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    // The slug is lower-case letters, digits and hyphens: safe in a header.
    if let Ok(disposition) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-report.csv\"",
        report.slug
    )) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

async fn report(state: &AppState, user: Option<AuthUser>, slug: &str) -> Result<Report> {
    let now = clock::now();
    let mut conn = state.db.read().await?;
    let topic = find(&mut conn, slug).await?;
    let actor = Actor::towards(&mut conn, user, topic.id).await?;
    policy::may_read_report(&actor, &topic, now)?;

    let version = db::topics::current_version(&mut conn, topic.id).await?;
    let sections = match &version {
        Some(v) => db::topics::outline(&mut conn, v.id).await?,
        None => Vec::new(),
    };
    let labels = db::topics::places(&mut conn, topic.id).await?;
    let rows = db::comments::list(&mut conn, topic.id, None, None).await?;
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
        if let Some(s) = per_section.iter_mut().find(|s| s.anchor == row.section) {
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
        comments.push(ReportComment {
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

    let polls = db::polls::list(&mut conn, topic.id).await?;
    let options = db::polls::options(&mut conn, topic.id).await?;
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
                counting_rule: match poll.kind {
                    PollKind::Single => "One choice per ballot; each account casts one ballot \
                         and may change it until the deadline. Percentages are of ballots cast."
                        .into(),
                    PollKind::Multiple => "Several choices per ballot; each account casts one \
                         ballot and may change it until the deadline. An option's percentage is \
                         the share of ballots that chose it, so they can add up to more than 100."
                        .into(),
                },
                question: poll.question,
                section: poll.section,
                kind: poll.kind,
                ballots: cast,
                staff_ballots: count.staff,
            }
        })
        .collect();

    Ok(Report {
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

const CSV_HEADER: [&str; 16] = [
    "comment_id",
    "reply_to",
    "section_number",
    "section_heading",
    "quote",
    "author",
    "author_is",
    "created_at",
    "status",
    "comment",
    "hidden_reason",
    "edited",
    "agree",
    "disagree",
    "official_response_status",
    "official_response",
];

/// RFC 4180 CSV, one row per comment. A cell that a spreadsheet would take
/// for a formula (=, +, -, @ first) is prefixed with a quote mark, so a
/// resident's text never runs as one on a clerk's machine.
pub fn to_csv(report: &Report) -> String {
    let mut out = String::with_capacity(256 * (report.comments.len() + 1));
    push_row(&mut out, CSV_HEADER.iter().map(|s| (*s).to_string()));
    for c in &report.comments {
        push_row(
            &mut out,
            [
                c.id.to_string(),
                c.parent_id.map(|p| p.to_string()).unwrap_or_default(),
                c.section_number.clone(),
                c.section_heading.clone(),
                c.quote.clone().unwrap_or_default(),
                if c.author.is_empty() {
                    Lang::En.text(Msg::FormerParticipant).to_string()
                } else {
                    c.author.clone()
                },
                c.staff.map(|s| s.label()).unwrap_or_default().to_string(),
                c.created_at.to_string(),
                c.state.as_str().to_string(),
                c.body.clone().unwrap_or_default(),
                c.hidden_reason.clone().unwrap_or_default(),
                if c.edited { "yes" } else { "no" }.to_string(),
                c.agree.to_string(),
                c.disagree.to_string(),
                c.response_status
                    .map(|s| s.label().to_string())
                    .unwrap_or_default(),
                c.response.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{cell}")
        } else {
            cell
        };
        out.push('"');
        out.push_str(&guarded.replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        push_row(
            &mut out,
            [
                "a \"b\", c".to_string(),
                "=HYPERLINK(1)".to_string(),
                "line\nbreak".to_string(),
            ],
        );
        assert_eq!(
            out,
            "\"a \"\"b\"\", c\",\"'=HYPERLINK(1)\",\"line\nbreak\"\r\n"
        );
    }

    #[test]
    fn percentages_are_of_ballots() {
        assert!((percent(1, 3) - 33.3).abs() < f64::EPSILON);
        assert!((percent(0, 0)).abs() < f64::EPSILON);
    }
}
