//! The chat Lambda's entry point: build the ports and the model once at cold start, then serve.

use std::sync::Arc;

use studio_api::{AppState, JwtClaims, lambda};
use studio_chat::{ChatState, app, model_from_env};
use studio_domain::Services;
use studio_store::DynamoStore;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    lambda::init_json_logs();
    let store = DynamoStore::from_env(lambda::table_name()).await;
    let app_state = AppState {
        services: Services::new(Arc::new(store)),
        auth: Arc::new(JwtClaims::default()),
    };
    lambda::serve(app(ChatState::new(app_state, model_from_env()))).await
}
