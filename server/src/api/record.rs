//! A topic's public record, as a route: its entries a page at a time.
//! See `services::public_record` and docs/record.md.

use crate::error::{ApiError, Result};
use crate::extract::{Asker, PathParam, QueryParams};
use crate::services::public_record;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use pulse_api::i18n::Msg;
use pulse_api::wire::{Problem, RecordPage};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(record))
}

#[derive(Deserialize)]
struct RecordQuery {
    after: Option<String>,
    before: Option<String>,
    limit: Option<String>,
}

/// A number the query gives, if it gives one; `None` when it is not one.
fn number(text: Option<&str>) -> Option<Option<i64>> {
    match text {
        None | Some("") => Some(None),
        Some(text) => text.parse::<i64>().ok().map(Some),
    }
}

#[utoipa::path(get, path = "/topics/{slug}/record", tag = "record", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("after" = Option<i64>, Query, description = "Entries after this position (0 when left out); the `next` of the page before"), ("before" = Option<i64>, Query, description = "Instead of `after`: the last entries before this position; the `earlier` of the page after"), ("limit" = Option<i64>, Query, description = "Entries in the page, 1 to 500 (500 when left out)")), responses((status = 200, body = RecordPage), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn record(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    QueryParams(query): QueryParams<RecordQuery>,
) -> Result<Json<RecordPage>> {
    let after = number(query.after.as_deref())
        .filter(|n| n.is_none_or(|n| n >= 0))
        .ok_or_else(|| ApiError::bad_request(Msg::RecordAfter))?;
    let before = number(query.before.as_deref())
        .filter(|n| n.is_none_or(|n| n >= 1))
        .ok_or_else(|| ApiError::bad_request(Msg::RecordBefore))?;
    let window = match (after, before) {
        (None, None) => public_record::Window::After(0),
        (Some(after), None) => public_record::Window::After(after),
        (None, Some(before)) => public_record::Window::Before(before),
        (Some(_), Some(_)) => return Err(ApiError::bad_request(Msg::RecordAfterOrBefore)),
    };
    let limit = number(query.limit.as_deref())
        .filter(|n| n.is_none_or(|n| (1..=public_record::PAGE_MAX).contains(&n)))
        .ok_or_else(|| {
            ApiError::bad_request(
                Msg::RecordLimit.with([("max", public_record::PAGE_MAX.to_string())]),
            )
        })?;
    Ok(Json(
        public_record::page(&state, user, &slug, window, limit).await?,
    ))
}
