//! Extractors: a JSON body whose rejections are our own problems, and the
//! signed-in account. A handler that takes [`AuthUser`] cannot be reached
//! without a live session.

use crate::body::{Unread, json_problem, too_large};
use crate::client_addr::{client_ip, limit_key};
use crate::error::ApiError;
use crate::services::Who;
use crate::services::dates::DateForm;
use crate::session;
use crate::state::AppState;
use axum::extract::{
    ConnectInfo, FromRequest, FromRequestParts, OptionalFromRequestParts, Request,
};
use axum::http::StatusCode;
use axum::http::request::Parts;
use pulse_api::i18n::Msg;
use pulse_api::wire::{Account, NewTopicDate, Role};
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

/// A JSON request body.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(json_problem(rejection)),
        }
    }
}

/// A form's body, as a browser sends it without the app
/// (`application/x-www-form-urlencoded`).
pub struct FormBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for FormBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_form = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                v.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !is_form {
            return Err(ApiError::Client(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Msg::SendForm.into(),
            ));
        }
        let bytes = match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => bytes,
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large());
            }
            Err(_) => return Err(ApiError::bad_request(Msg::BodyUnreadable)),
        };
        serde_urlencoded::from_bytes(&bytes)
            .map(FormBody)
            .map_err(|_| ApiError::bad_request(Msg::FormUnreadable))
    }
}

/// A form of a page with several (a topic's, the host's), its fields by
/// name in the order sent (a poll's options come as several `option`s).
pub struct FormFields(pub Vec<(String, String)>);

/// What a key date's form coming back says in its `fold` to ask which of
/// two times is meant.
const ASK_FOLD: &str = "ask";

impl FormFields {
    /// A key date's form (`do=add-date`, `do=remove-date`), if this is
    /// one: the time a wall time in the topic's own zone, whatever the
    /// browser's.
    pub fn date_form(&self) -> Option<DateForm> {
        match self.get("do").as_str() {
            "add-date" => {
                let place = self.get("place");
                Some(DateForm::Add(NewTopicDate {
                    title: self.get("title"),
                    starts_at: None,
                    starts_local: Some(self.get("when")),
                    fold: Some(self.get("fold")),
                    place: (!place.trim().is_empty()).then_some(place),
                }))
            }
            "remove-date" => Some(DateForm::Remove(self.get("date"))),
            _ => None,
        }
    }

    /// What a key date's form sent besides its `form` and `title`, kept
    /// for the form shown again: a time the clocks pass twice comes back
    /// asking which.
    pub fn date_kept(&self, error: &ApiError) -> Vec<(String, String)> {
        let mut kept = self.kept(&["when", "place", "fold"]);
        if error.names_field("fold") {
            kept.retain(|(name, _)| name != "fold");
            kept.push(("fold".into(), ASK_FOLD.into()));
        }
        kept
    }

    /// The value of `name`, empty when it was not sent.
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value sent as `name`.
    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The number in `name`, or the sentence for a form that was not ours.
    pub fn id(&self, name: &str) -> Result<i64, ApiError> {
        self.get(name)
            .parse()
            .map_err(|_| ApiError::bad_request(Msg::FormUnreadable))
    }

    /// The form's id (`form`), which names its mistake on the page shown
    /// again: ours, so only of the characters ids are made of.
    pub fn form_id(&self) -> Option<String> {
        Some(self.get("form")).filter(|f| {
            !f.is_empty()
                && f.len() <= 80
                && f.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    }

    /// What was typed in the fields `names`, to show again (never a token).
    pub fn kept(&self, names: &[&str]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|name| (name.to_string(), self.get(name)))
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormFields {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let FormBody(fields) = FormBody::from_request(req, state).await?;
        Ok(FormFields(fields))
    }
}

/// A JSON request body that may also be left out: no body at all reads as
/// `T::default()`.
pub struct OptionalBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let headers = req.headers();
        let empty = !headers.contains_key(axum::http::header::CONTENT_TYPE)
            && headers
                .get(axum::http::header::CONTENT_LENGTH)
                .is_none_or(|len| len.as_bytes() == b"0")
            && !headers.contains_key(axum::http::header::TRANSFER_ENCODING);
        if empty {
            return Ok(OptionalBody(T::default()));
        }
        let Body(value) = Body::<T>::from_request(req, state).await?;
        Ok(OptionalBody(value))
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Unread<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let headers = req.headers().clone();
        match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(Unread::new(&headers, bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(too_large())
            }
            Err(_) => Err(ApiError::bad_request(Msg::BodyUnreadable)),
        }
    }
}

/// A path parameter; a path that cannot be read (bad percent-encoding) is
/// simply not found.
pub struct PathParam<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathParam<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match <axum::extract::Path<T> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
        {
            Ok(axum::extract::Path(value)) => Ok(PathParam(value)),
            Err(_) => Err(ApiError::not_found(Msg::NothingAtAddress)),
        }
    }
}

/// Query-string parameters, refused with a sentence when unreadable.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(QueryParams(value)),
            Err(_) => Err(ApiError::bad_request(Msg::QueryUnreadable)),
        }
    }
}

/// A request made with a live session.
#[derive(Debug, Clone)]
pub struct AuthUser(pub Account);

impl AuthUser {
    pub fn id(&self) -> i64 {
        self.0.id
    }
    pub fn is_admin(&self) -> bool {
        self.0.role == Role::Admin
    }
}

/// Whoever asks, as the request tells before anything is read: the
/// session it came with (its token's hash), or nobody.
fn who(parts: &Parts, state: &AppState) -> Who {
    match session::session_token(&parts.headers, &state.config) {
        Some(token) => Who::Session(session::hash_token(token)),
        None => Who::Known(None),
    }
}

async fn lookup(parts: &Parts, state: &AppState) -> Result<Option<AuthUser>, ApiError> {
    let who = who(parts, state);
    if matches!(who, Who::Known(None)) {
        return Ok(None);
    }
    let mut conn = state.db.read().await?;
    Ok(who.account(&mut conn, state).await?.map(AuthUser))
}

/// Whoever asks: the signed-in account, or nobody. What they may do is the
/// policy's to say, in the service.
#[derive(Debug, Clone)]
pub struct Asker(pub Option<Account>);

impl FromRequestParts<AppState> for Asker {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(Asker(lookup(parts, state).await?.map(|AuthUser(a)| a)))
    }
}

/// Whoever asks, not yet read: the session the request came with (its
/// token's hash), for a service that reads it with the rest (a comment's
/// writer batch reads many at once); nobody without one.
#[derive(Debug, Clone)]
pub struct WhoAsks(pub Who);

impl FromRequestParts<AppState> for WhoAsks {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(WhoAsks(who(parts, state)))
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        lookup(parts, state)
            .await?
            .ok_or_else(|| ApiError::unauthorized(Msg::MustSignIn))
    }
}

impl OptionalFromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        lookup(parts, state).await
    }
}

/// The address a request came from (see `client_addr.rs`).
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The key per-address limits count this client by: see [`limit_key`].
    pub fn limit_key(&self) -> String {
        limit_key(self.0)
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(a)| a.ip());
        Ok(ClientAddr(client_ip(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}
