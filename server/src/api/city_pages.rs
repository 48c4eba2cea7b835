//! The city's own pages as data: `GET /api/v1/city/pages/{slug}`, for the app.

use crate::error::{ApiError, Result};
use crate::extract::PathParam;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use pulse_api::wire::{CityPageText, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(city_page))
}

#[utoipa::path(get, path = "/city/pages/{slug}", tag = "topics", params(("slug" = String, Path, description = "privacy, comment-policy, accessibility or contact")), responses((status = 200, body = CityPageText), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn city_page(
    State(state): State<AppState>,
    PathParam(slug): PathParam<String>,
) -> Result<Json<CityPageText>> {
    let page = state
        .city
        .page(&slug)
        .ok_or_else(|| ApiError::not_found(pulse_api::i18n::Msg::NoSuchCityPage))?;
    Ok(Json(CityPageText {
        slug: page.slug.to_string(),
        title: page.title.clone(),
        html: page.html.clone(),
    }))
}
