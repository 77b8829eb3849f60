//! Who is calling. The studio always comes from the caller's identity, never from the body, path or query.

use axum::http::request::Parts;
use lambda_http::request::RequestContext;
use studio_domain::StudioId;

use crate::ApiError;

pub trait Authenticate: Send + Sync {
    fn studio(&self, parts: &Parts) -> Result<StudioId, ApiError>;
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
}

/// The local stack: everyone is the demo studio, unless the `x-studio` header names another one (a developer
/// switching studio to see isolation at work). Never used behind API Gateway.
pub struct DevIdentity {
    pub default: StudioId,
}

pub const DEV_STUDIO_HEADER: &str = "x-studio";

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
}
