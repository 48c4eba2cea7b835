//! The API's one error type. Client errors carry a sentence for the person
//! at the screen ([`Said`], worded in the reader's language when the
//! response is made); server errors are logged with their cause chain and
//! say nothing internal to the client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::{Lang, Msg, Said};
use pulse_api::wire::{FieldProblem, Problem};

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum ApiError {
    /// Something the client can fix or must be told, with a human sentence.
    Client(StatusCode, Said),
    /// Fields of a form that are wrong, each with its sentence (422 or, for
    /// an address already taken, 409).
    Fields(StatusCode, Vec<(String, Said)>),
    /// A limit was reached: 429 with a `Retry-After` of so many seconds.
    TooMany { detail: Said, retry_after: u64 },
    /// The database could not take the request at this moment (see
    /// `db::unavailable`): logged, and answered 503 with a `Retry-After`.
    Unavailable(anyhow::Error),
    /// Our fault: logged, and answered with a generic 500.
    Internal(anyhow::Error),
}

/// Seconds a client is told to wait before trying again when the database
/// was too busy for its request.
const UNAVAILABLE_RETRY_AFTER: u64 = 2;

impl ApiError {
    /// Whether this names `field` among a form's mistakes.
    pub fn names_field(&self, field: &str) -> bool {
        matches!(self, ApiError::Fields(_, fields) if fields.iter().any(|(f, _)| f == field))
    }

    /// Whether this says there is no such thing (404).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Client(StatusCode::NOT_FOUND, _))
    }

    pub fn bad_request(detail: impl Into<Said>) -> Self {
        ApiError::Client(StatusCode::BAD_REQUEST, detail.into())
    }
    pub fn unauthorized(detail: impl Into<Said>) -> Self {
        ApiError::Client(StatusCode::UNAUTHORIZED, detail.into())
    }
    pub fn forbidden(detail: impl Into<Said>) -> Self {
        ApiError::Client(StatusCode::FORBIDDEN, detail.into())
    }
    pub fn not_found(detail: impl Into<Said>) -> Self {
        ApiError::Client(StatusCode::NOT_FOUND, detail.into())
    }
    pub fn conflict(detail: impl Into<Said>) -> Self {
        ApiError::Client(StatusCode::CONFLICT, detail.into())
    }
    pub fn unprocessable(detail: impl Into<Said>) -> Self {
        ApiError::Client(StatusCode::UNPROCESSABLE_ENTITY, detail.into())
    }
    /// One field of a form that is wrong.
    pub fn field(status: StatusCode, field: &str, detail: impl Into<Said>) -> Self {
        ApiError::Fields(status, vec![(field.into(), detail.into())])
    }
    pub fn too_many_requests(detail: impl Into<Said>, retry_after: u64) -> Self {
        ApiError::TooMany {
            detail: detail.into(),
            retry_after,
        }
    }
}

impl From<anyhow::Error> for ApiError {
    /// A write the schema refused is the client's to fix, never a 500. The
    /// handlers check first and say exactly what is wrong; this is the net
    /// under a race between two requests.
    fn from(error: anyhow::Error) -> Self {
        match crate::db::violation(&error) {
            Some(crate::db::Violation::Unique) => ApiError::conflict(Msg::AlreadyRecorded),
            Some(crate::db::Violation::ForeignKey | crate::db::Violation::Check) => {
                ApiError::unprocessable(Msg::RefersToNothing)
            }
            None if crate::db::unavailable(&error) => ApiError::Unavailable(error),
            None => ApiError::Internal(error),
        }
    }
}

/// Writes an RFC 9457 problem document.
pub fn problem(status: StatusCode, detail: String) -> Response {
    problem_with(status, detail, Vec::new())
}

fn problem_with(status: StatusCode, detail: String, errors: Vec<FieldProblem>) -> Response {
    let body = Problem {
        kind: "about:blank".into(),
        title: status.canonical_reason().unwrap_or("Error").into(),
        status: status.as_u16(),
        detail,
        errors,
    };
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// An error as a person reads it: the status to answer with, a sentence
/// for the whole request, each field's own, and how long to wait when a
/// limit was reached. A problem document (the API) or a form shown again
/// with its mistakes (a page) is made from it.
pub struct Refusal {
    pub status: StatusCode,
    pub summary: String,
    pub fields: Vec<(String, String)>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// This error in `lang`; one of ours is logged here, and said only to
    /// have happened.
    pub fn refusal(self, lang: Lang) -> Refusal {
        let said = |status, summary| Refusal {
            status,
            summary,
            fields: Vec::new(),
            retry_after: None,
        };
        match self {
            ApiError::Client(status, detail) => said(status, lang.say(&detail)),
            ApiError::Fields(status, fields) => {
                let fields: Vec<(String, String)> = fields
                    .into_iter()
                    .map(|(field, said)| (field, lang.say(&said)))
                    .collect();
                let summary = fields
                    .iter()
                    .map(|(_, detail)| detail.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                Refusal {
                    status,
                    summary,
                    fields,
                    retry_after: None,
                }
            }
            ApiError::TooMany {
                detail,
                retry_after,
            } => Refusal {
                retry_after: Some(retry_after),
                ..said(StatusCode::TOO_MANY_REQUESTS, lang.say(&detail))
            },
            ApiError::Unavailable(error) => {
                tracing::warn!(error = format!("{error:#}"), "the database was too busy");
                Refusal {
                    retry_after: Some(UNAVAILABLE_RETRY_AFTER),
                    ..said(
                        StatusCode::SERVICE_UNAVAILABLE,
                        lang.text(Msg::TooBusyNow).into(),
                    )
                }
            }
            ApiError::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "request failed");
                said(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    lang.text(Msg::OurSideWentWrong).into(),
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let refusal = self.refusal(answering_in());
        let errors = refusal
            .fields
            .into_iter()
            .map(|(field, detail)| FieldProblem { field, detail })
            .collect();
        let mut response = problem_with(refusal.status, refusal.summary, errors);
        if let Some(seconds) = refusal.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

tokio::task_local! {
    /// The language of the request being answered, for what is said
    /// without a handler at hand (an `ApiError` becoming a response). Set
    /// by `language::answer_in_language` in front of every route.
    static ANSWERING_IN: Lang;
}

/// Runs `answer` with `lang` as the language problems are worded in.
pub async fn answering<F: std::future::Future>(lang: Lang, answer: F) -> F::Output {
    ANSWERING_IN.scope(lang, answer).await
}

/// The language of the request being answered (English outside one).
pub fn answering_in() -> Lang {
    ANSWERING_IN.try_with(|lang| *lang).unwrap_or(Lang::En)
}

/// Parses an id from the path; anything else is simply not found, as
/// `missing` (a message with the `{ $id }` as given) says.
pub fn parse_id(text: &str, missing: Msg) -> Result<i64> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            let shown: String = text.chars().take(40).collect();
            ApiError::not_found(missing.with([("id", shown)]))
        })
}

/// `202 Accepted` with a sentence to show, in the reader's language: the
/// answer to a request whose effect comes by mail.
pub fn accepted(detail: impl Into<Said>) -> Response {
    let detail = answering_in().say(&detail.into());
    (
        StatusCode::ACCEPTED,
        axum::Json(pulse_api::wire::Accepted { detail }),
    )
        .into_response()
}
