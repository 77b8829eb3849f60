//! The API Lambda's entry point: build the ports once at cold start, then serve every invocation.

use std::sync::Arc;

use studio_api::{AppState, JwtClaims, app, lambda};
use studio_domain::Services;
use studio_store::DynamoStore;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    lambda::init_json_logs();
    let store = DynamoStore::from_env(lambda::table_name()).await;
    let state = AppState {
        services: Services::new(Arc::new(store)),
        auth: Arc::new(JwtClaims::default()),
    };
    lambda::serve(app(state)).await
}
