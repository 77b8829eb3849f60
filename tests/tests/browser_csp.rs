//! The production Content-Security-Policy at work in Chromium: the app runs under it (every browser test fails on
//! a reported violation, see `Stack`), and a violation is reported — so that check can fail.

mod common;

use common::browser::{WAIT, browser, open_clients, start_stack};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_injected_inline_script_is_blocked_and_reported() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    let ran = browser
        .execute(
            "window.injected = false;
             const script = document.createElement('script');
             script.textContent = 'window.injected = true;';
             document.body.appendChild(script);
             return window.injected;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        ran,
        serde_json::json!(false),
        "the policy blocks inline scripts"
    );
    let reports = common::within(WAIT, || async {
        let reports = stack.take_csp_reports();
        (!reports.is_empty()).then_some(reports)
    })
    .await
    .expect("Chromium reports the violation to /api/csp-report");
    assert!(reports[0].contains("script-src"), "{reports:?}");
    browser.close().await.unwrap();
}
