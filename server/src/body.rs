//! A JSON request body read only when the service asks for it, after the
//! policy has answered: a stranger's `POST /api/v1/topics` is refused as a
//! stranger's (403), not judged for its missing fields (422). Its bytes are
//! taken with the request (within the size limit); what they say waits.

use crate::error::ApiError;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode, header};
use pulse_api::i18n::Msg;
use pulse_api::validate::REQUEST_MAX_BYTES;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// A body of JSON for a `T`, not yet read.
pub struct Unread<T> {
    bytes: axum::body::Bytes,
    is_json: bool,
    wanted: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Unread<T> {
    /// The body as it came with a request with these `headers`.
    pub fn new(headers: &HeaderMap, bytes: axum::body::Bytes) -> Self {
        Unread {
            bytes,
            is_json: is_json(headers),
            wanted: PhantomData,
        }
    }

    /// A body already read, as a form's fields (sent without the app) make
    /// it: the same services read it as they read the API's JSON.
    pub fn of(value: &T) -> Self
    where
        T: serde::Serialize,
    {
        Unread {
            bytes: serde_json::to_vec(value).unwrap_or_default().into(),
            is_json: true,
            wanted: PhantomData,
        }
    }

    /// What the body says, when it says anything (an empty body is none).
    pub fn read_if_any(self) -> Result<Option<T>, ApiError> {
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        self.read().map(Some)
    }

    /// What the body says, or the problem with it.
    pub fn read(self) -> Result<T, ApiError> {
        if !self.is_json {
            return Err(ApiError::Client(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Msg::SendJson.into(),
            ));
        }
        axum::Json::<T>::from_bytes(&self.bytes)
            .map(|axum::Json(value)| value)
            .map_err(json_problem)
    }
}

/// `application/json`, or a `+json` type.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// What a body that could not be read as JSON is told.
pub fn json_problem(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::Client(StatusCode::UNSUPPORTED_MEDIA_TYPE, Msg::SendJson.into())
        }
        JsonRejection::JsonSyntaxError(_) => ApiError::bad_request(Msg::NotJson),
        JsonRejection::JsonDataError(error) => {
            let cause = std::error::Error::source(&error)
                .map(ToString::to_string)
                .unwrap_or_default();
            // serde's own words for what is missing or wrong, in English.
            ApiError::unprocessable(Msg::MissingFields.with([("cause", cause)]))
        }
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        _ => ApiError::bad_request(Msg::BodyUnreadable),
    }
}

/// A body over the limit.
pub fn too_large() -> ApiError {
    ApiError::Client(
        StatusCode::PAYLOAD_TOO_LARGE,
        Msg::TooLarge.with([("kb", (REQUEST_MAX_BYTES / 1024).to_string())]),
    )
}
