//! A hello-world Lambda (lambda_http, no SDK): the baseline `cargo xtask bench` measures side by side with
//! the api bootstrap.

use lambda_http::{Body, Error, Request, Response, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::run(service_fn(|_: Request| async {
        Ok::<_, Error>(Response::new(Body::from("hello")))
    }))
    .await
}
