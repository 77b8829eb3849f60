//! Who is calling. The studio always comes from the caller's identity, never from the body, path or query.

use axum::http::request::Parts;
use lambda_http::request::RequestContext;
use studio_domain::StudioId;

use crate::ApiError;

pub trait Authenticate: Send + Sync {
    fn studio(&self, parts: &Parts) -> Result<StudioId, ApiError>;

    /// The signed-in person, as the history names them (an email when the identity has one).
    fn person(&self, parts: &Parts) -> String;
}

/// Production: the API Gateway HTTP API's JWT authorizer has verified the token; the studio is one of its claims.
pub struct JwtClaims {
    pub claim: String,
}

impl Default for JwtClaims {
    fn default() -> Self {
        Self {
            claim: "custom:studio_id".into(),
        }
    }
}

impl Authenticate for JwtClaims {
    fn studio(&self, parts: &Parts) -> Result<StudioId, ApiError> {
        let Some(RequestContext::ApiGatewayV2(context)) = parts.extensions.get::<RequestContext>()
        else {
            return Err(ApiError::unauthenticated());
        };
        context
            .authorizer
            .as_ref()
            .and_then(|a| a.jwt.as_ref())
            .and_then(|jwt| jwt.claims.get(&self.claim))
            .and_then(|raw| StudioId::parse(raw))
            .ok_or_else(ApiError::unauthenticated)
    }

    fn person(&self, parts: &Parts) -> String {
        let Some(RequestContext::ApiGatewayV2(context)) = parts.extensions.get::<RequestContext>()
        else {
            return String::new();
        };
        let claims = context.authorizer.as_ref().and_then(|a| a.jwt.as_ref());
        ["email", "sub"]
            .iter()
            .find_map(|name| claims.and_then(|jwt| jwt.claims.get(*name)))
            .cloned()
            .unwrap_or_default()
    }
}

/// The local stack: everyone is the demo studio, unless the `x-studio` header names another one (a developer
/// switching studio to see isolation at work). Never used behind API Gateway.
pub struct DevIdentity {
    pub default: StudioId,
}

pub const DEV_STUDIO_HEADER: &str = "x-studio";
/// Locally, who is acting (a second person, to see the history tell them apart); the demo manager without it.
pub const DEV_PERSON_HEADER: &str = "x-studio-person";
pub const DEV_PERSON: &str = "manager@studio.test";

impl Authenticate for DevIdentity {
    fn studio(&self, parts: &Parts) -> Result<StudioId, ApiError> {
        match parts.headers.get(DEV_STUDIO_HEADER) {
            None => Ok(self.default.clone()),
            Some(value) => value
                .to_str()
                .ok()
                .and_then(StudioId::parse)
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "the x-studio header must be 1-64 letters, digits, - or _.",
                    )
                }),
        }
    }

    fn person(&self, parts: &Parts) -> String {
        parts
            .headers
            .get(DEV_PERSON_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 120)
            .unwrap_or(DEV_PERSON)
            .to_owned()
    }
}
