//! The report for council, as JSON and as CSV for a spreadsheet: see
//! `services::report`.

use crate::error::Result;
use crate::extract::{Asker, PathParam};
use crate::language::Language;
use crate::services::report::report;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::{Lang, Msg};
use pulse_api::wire::Problem;
use pulse_api::wire::Report;
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
    Asker(user): Asker,
    Language(lang): Language,
    PathParam(slug): PathParam<String>,
) -> Result<Json<Report>> {
    Ok(Json(report(&state, user, &slug, lang).await?))
}

#[utoipa::path(get, path = "/topics/{slug}/report.csv", tag = "report", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), responses((status = 200, description = "One row per comment (RFC 4180)", body = String, content_type = "text/csv"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn as_csv(
    State(state): State<AppState>,
    Asker(user): Asker,
    Language(lang): Language,
    PathParam(slug): PathParam<String>,
) -> Result<Response> {
    let report = report(&state, user, &slug, lang).await?;
    let mut response = to_csv(&report)?.into_response();
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

const CSV_HEADER: [&str; 23] = [
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
    "written_on_version",
    "stands_now",
    "now_section_number",
    "led_to_change",
    "landed",
    // The head of the public record the report was built from: the same
    // on every row, so that each row says where it comes from.
    "record_position",
    "record_head",
];

/// RFC 4180 CSV (the `csv` crate's), one row per comment, every cell
/// quoted. A cell that a spreadsheet would take for a formula (=, +, -, @
/// first) is prefixed with a quote mark, so a resident's text never runs as
/// one on a clerk's machine.
pub fn to_csv(report: &Report) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(256 * (report.comments.len() + 1)));
    out.write_record(CSV_HEADER)?;
    let (position, head) = report
        .record
        .as_ref()
        .map(|h| (h.position.to_string(), h.hash.clone()))
        .unwrap_or_default();
    for c in &report.comments {
        let row = [
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
            c.version.to_string(),
            c.now.as_str().to_string(),
            c.now_number.clone(),
            c.led_to.iter().map(place).collect::<Vec<_>>().join("; "),
            c.landed.as_ref().map(place).unwrap_or_default(),
            position.clone(),
            head.clone(),
        ];
        for cell in &row {
            out.write_field(defused(cell).as_bytes())?;
        }
        out.write_record(None::<&[u8]>)?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// "version 2 § 7" ("§ preamble" for the text before the first heading).
fn place(at: &pulse_api::wire::SectionRef) -> String {
    let number = if at.number.is_empty() {
        at.section.as_str()
    } else {
        at.number.as_str()
    };
    format!("version {} § {number}", at.version)
}

/// A cell a spreadsheet would run as a formula, prefixed with `'`.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defused("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(defused("-1"), "'-1");
        assert_eq!(defused("a \"b\", c"), "a \"b\", c");
    }
}
