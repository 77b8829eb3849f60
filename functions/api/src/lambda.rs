//! Running a function's router on AWS Lambda: JSON logs, then `lambda_http::run`.

use axum::Router;

/// JSON logs for CloudWatch; the level comes from `RUST_LOG` (default `info`).
pub fn init_json_logs() {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_current_span(false)
        .without_time()
        .init();
}

/// Serves `router` as the Lambda's handler until the runtime stops it.
pub async fn serve(router: Router) -> Result<(), lambda_http::Error> {
    lambda_http::run(router).await
}

/// The table name every function reads from its environment.
pub fn table_name() -> String {
    std::env::var("TABLE_NAME").unwrap_or_else(|_| "studio".into())
}
