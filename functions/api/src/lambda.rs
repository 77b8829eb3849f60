//! Running a function's router on AWS Lambda: JSON logs, then `lambda_http::run`.

use axum::Router;

/// JSON logs for CloudWatch; the level comes from `RUST_LOG` (`error` … `trace`, default `info`). A plain level,
/// not an env-filter directive: the filter's regex engine would weigh on every cold start.
pub fn init_json_logs() {
    let level = std::env::var("RUST_LOG")
        .ok()
        .and_then(|l| l.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    tracing_subscriber::fmt()
        .json()
        .with_max_level(level)
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
