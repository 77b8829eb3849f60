//! Invoices and payments through the API router, on both stores: gapless legal numbering under concurrency,
//! exact totals, issued invoices frozen and cancelled only by credit notes (with their own series), payments
//! that move an invoice's status and its client's balance atomically and never overpay.

mod common;

use axum::{
    Router,
    http::{Method, StatusCode},
};
use common::{STUDIO_A, call, router};
use jiff::{Timestamp, tz::TimeZone};
use serde_json::{Value, json};

async fn post(router: &Router, uri: &str, body: Value) -> (StatusCode, Value) {
    call(router, Method::POST, uri, Some(body), STUDIO_A).await
}

/// The year of today in the studio's (default) zone: numbers are per year.
fn year() -> i16 {
    Timestamp::now()
        .to_zoned_datetime(TimeZone::get("Europe/Paris").unwrap())
        .year()
}

async fn client(router: &Router) -> String {
    client_named(router, "Blue Harbor Records").await
}

async fn client_named(router: &Router, name: &str) -> String {
    let (status, created) = post(
        router,
        "/api/clients",
        json!({"name": name, "kind": "company"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"]["id"].as_str().unwrap().to_owned()
}

/// A draft of one line (3 × 33.33 at 20 %), or of none.
async fn draft(router: &Router, client: &str, with_a_line: bool) -> Value {
    let lines = if with_a_line {
        json!([{"description": "Studio A, mix", "quantity": "3", "unit_price": 3333, "vat_rate": 2000}])
    } else {
        json!([])
    };
    let (status, created) = post(
        router,
        "/api/invoices",
        json!({"client_id": client, "lines": lines}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"].clone()
}

async fn act(router: &Router, invoice: &Value, action: &str) -> (StatusCode, Value) {
    let uri = format!("/api/invoices/{}/{action}", invoice["id"].as_str().unwrap());
    post(router, &uri, json!({"version": invoice["version"]})).await
}

/// Runs `action` on every invoice at once and returns the numbers given, sorted.
async fn all_at_once(router: &Router, invoices: &[Value], action: &'static str) -> Vec<String> {
    let attempts = invoices.iter().map(|invoice| {
        let (router, invoice) = (router.clone(), invoice.clone());
        tokio::spawn(async move { act(&router, &invoice, action).await })
    });
    let mut numbers: Vec<String> = futures::future::join_all(attempts)
        .await
        .into_iter()
        .map(|r| {
            let (status, body) = r.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}");
            body["data"]["number"].as_str().unwrap().to_owned()
        })
        .collect();
    numbers.sort();
    numbers
}

on_both_stores! {
    fn a_hundred_concurrent_issues_are_numbered_one_to_a_hundred_without_gap_or_duplicate(store) {
        let router = router(store);
        let client = client(&router).await;
        let mut drafts = Vec::new();
        for _ in 0..100 {
            drafts.push(draft(&router, &client, true).await);
        }
        let numbers = all_at_once(&router, &drafts, "issue").await;
        let expected: Vec<String> = (1..=100).map(|n| format!("{}-{n:04}", year())).collect();
        assert_eq!(numbers, expected);
    }

    fn an_issue_refused_for_validation_consumes_no_number(store) {
        let router = router(store);
        let client = client(&router).await;
        let empty = draft(&router, &client, false).await;
        let (status, refused) = act(&router, &empty, "issue").await;
        assert_eq!((status, refused["error"]["problem"]["problems"]["lines"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("no_lines")), "{refused}");
        let stale = json!({"id": draft(&router, &client, true).await["id"], "version": 7});
        assert_eq!(act(&router, &stale, "issue").await.0, StatusCode::CONFLICT);
        let good = draft(&router, &client, true).await;
        let (status, issued) = act(&router, &good, "issue").await;
        assert_eq!(status, StatusCode::OK, "{issued}");
        assert_eq!(issued["data"]["number"], format!("{}-0001", year()));
        assert_eq!(issued["data"]["status"], "issued");
        assert!(issued["data"]["due_on"].is_string() && issued["data"]["issued_on"].is_string(), "{issued}");
    }

    fn a_clients_and_a_projects_invoices_are_every_one_of_theirs_and_only_theirs(store) {
        let router = router(store);
        let (lea, other) = (client_named(&router, "Léa Martin").await, client(&router).await);
        let (_, project) = post(&router, "/api/projects", json!({"client_id": lea, "name": "Aube"})).await;
        let project = project["data"]["id"].as_str().unwrap().to_owned();
        let first = draft(&router, &lea, true).await;
        let lines = json!([{"description": "Mix", "quantity": "1", "unit_price": 10000}]);
        let (_, of_project) = post(&router, "/api/invoices", json!({"client_id": lea, "project_id": project, "lines": lines})).await;
        let of_project = of_project["data"].clone();
        draft(&router, &other, true).await;
        let moved = draft(&router, &other, true).await;
        let (_, issued) = act(&router, &first, "issue").await;
        let (_, note) = act(&router, &issued["data"], "credit-note").await;
        let patch = json!({"version": moved["version"], "client_id": lea});
        let moved_uri = format!("/api/invoices/{}", moved["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::PATCH, &moved_uri, Some(patch), STUDIO_A).await.0, StatusCode::OK);
        let gone = draft(&router, &lea, true).await;
        let gone_uri = format!("/api/invoices/{}?version=1", gone["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::DELETE, &gone_uri, None, STUDIO_A).await.0, StatusCode::OK);
        let ids = |page: &Value| -> Vec<String> {
            page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
        };
        let (status, of_lea) = call(&router, Method::GET, &format!("/api/invoices?client={lea}&order=newest"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{of_lea}");
        let expected: Vec<String> = [&note["data"], &moved, &of_project, &first].iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(ids(&of_lea), expected, "newest first: the credit note, the draft moved to her, then her two own");
        assert_eq!(of_lea["items"][3]["status"], "cancelled", "{of_lea}");
        let (_, of_aube) = call(&router, Method::GET, &format!("/api/invoices?project={project}"), None, STUDIO_A).await;
        assert_eq!(ids(&of_aube), vec![of_project["id"].as_str().unwrap().to_owned()]);
        let (_, of_other) = call(&router, Method::GET, &format!("/api/invoices?client={other}"), None, STUDIO_A).await;
        assert_eq!(of_other["items"].as_array().unwrap().len(), 1, "the moved draft left: {of_other}");
        let (status, refused) = call(&router, Method::GET, "/api/invoices?client=CLIENT%23x", None, STUDIO_A).await;
        assert_eq!((status, refused["error"]["problem"]["problems"]["client"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("no_such")), "{refused}");
    }

    fn totals_are_computed_by_the_server_exactly(store) {
        let router = router(store);
        let client = client(&router).await;
        let lines = json!([
            {"description": "Studio A, 3.5 h", "quantity": 3.5, "unit_price": 4500},
            {"description": "Stems", "quantity": "2", "unit_price": 1299, "vat_rate": 550}
        ]);
        let (status, created) = post(&router, "/api/invoices", json!({"client_id": client, "lines": lines})).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let totals = &created["data"]["totals"];
        assert_eq!(
            (totals["net"].clone(), totals["vat"].clone(), totals["gross"].clone()),
            (json!(18348), json!([{"rate": 550, "base": 2598, "vat": 143}, {"rate": 2000, "base": 15750, "vat": 3150}]), json!(21641))
        );
        assert_eq!(created["data"]["lines"][0]["vat_rate"], 2000, "the studio's default rate");
    }

    fn an_issued_invoice_is_frozen_and_cancelled_only_by_a_credit_note(store) {
        let router = router(store);
        let client = client(&router).await;
        let invoice = draft(&router, &client, true).await;
        let (_, issued) = act(&router, &invoice, "issue").await;
        let issued = issued["data"].clone();
        let uri = format!("/api/invoices/{}", issued["id"].as_str().unwrap());
        let patch = json!({"version": issued["version"], "notes": "changed"});
        let (status, refused) = call(&router, Method::PATCH, &uri, Some(patch), STUDIO_A).await;
        assert_eq!((status, refused["error"]["code"].clone()), (StatusCode::CONFLICT, json!("issued")));
        assert!(refused["error"]["message"].as_str().unwrap().contains("credit note"), "{refused}");
        let delete = format!("{uri}?version={}", issued["version"]);
        assert_eq!(call(&router, Method::DELETE, &delete, None, STUDIO_A).await.0, StatusCode::CONFLICT);

        let (status, note) = act(&router, &issued, "credit-note").await;
        assert_eq!(status, StatusCode::OK, "{note}");
        let note = &note["data"];
        assert_eq!((note["kind"].clone(), note["number"].clone()), (json!("credit_note"), json!(format!("AV-{}-0001", year()))));
        assert_eq!(note["totals"]["gross"], -11999);
        let (_, cancelled) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
        assert_eq!((cancelled["status"].clone(), cancelled["credit"].clone()), (json!("cancelled"), note["id"].clone()));
        assert_eq!(act(&router, &cancelled, "credit-note").await.1["error"]["code"], "already_cancelled");
        let other = draft(&router, &client, true).await;
        assert_eq!(act(&router, &other, "credit-note").await.1["error"]["code"], "not_issued");
        // A draft is still deleted freely.
        let draft_uri = format!("/api/invoices/{}?version={}", other["id"].as_str().unwrap(), other["version"]);
        assert_eq!(call(&router, Method::DELETE, &draft_uri, None, STUDIO_A).await.0, StatusCode::OK);
    }

    fn a_client_with_invoices_cannot_be_deleted_until_its_drafts_are(store) {
        let router = router(store);
        let client = client(&router).await;
        let first = draft(&router, &client, true).await;
        let client_uri = format!("/api/clients/{client}?version=1");
        let (status, refused) = call(&router, Method::DELETE, &client_uri, None, STUDIO_A).await;
        assert_eq!((status, refused["error"]["code"].clone(), refused["error"]["problem"]["dependents"].clone()), (StatusCode::CONFLICT, json!("in_use"), json!("invoices")));
        assert!(refused["error"]["message"].as_str().unwrap().contains("invoices"), "{refused}");
        let draft_uri = format!("/api/invoices/{}?version=1", first["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::DELETE, &draft_uri, None, STUDIO_A).await.0, StatusCode::OK);
        let issued = draft(&router, &client, true).await;
        act(&router, &issued, "issue").await;
        assert_eq!(call(&router, Method::DELETE, &client_uri, None, STUDIO_A).await.0, StatusCode::CONFLICT, "an invoiced client is kept");
        let other = client_named(&router, "Les Ondes Courtes").await;
        let lone = draft(&router, &other, true).await;
        let lone_uri = format!("/api/invoices/{}?version=1", lone["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::DELETE, &lone_uri, None, STUDIO_A).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/clients/{other}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
    }

    fn concurrent_credit_notes_have_their_own_gapless_series(store) {
        let router = router(store);
        let client = client(&router).await;
        let mut issued = Vec::new();
        for _ in 0..20 {
            let invoice = draft(&router, &client, true).await;
            issued.push(act(&router, &invoice, "issue").await.1["data"].clone());
        }
        let numbers = all_at_once(&router, &issued, "credit-note").await;
        let expected: Vec<String> = (1..=20).map(|n| format!("AV-{}-{n:04}", year())).collect();
        assert_eq!(numbers, expected);
    }

    fn payments_move_the_invoice_to_paid_and_lower_the_client_s_balance(store) {
        let router = router(store);
        let client = client(&router).await;
        let invoice = draft(&router, &client, true).await;
        let (status, refused) = pay(&router, &invoice, 1000).await;
        assert_eq!((status, refused["error"]["code"].clone()), (StatusCode::CONFLICT, json!("not_issued")));
        let invoice = act(&router, &invoice, "issue").await.1["data"].clone();
        assert_eq!(balance(&router, &client).await, 11_999);

        let (status, first) = pay(&router, &invoice, 5_000).await;
        assert_eq!(status, StatusCode::CREATED, "{first}");
        let stale: Vec<Value> = first["invalidations"].as_array().unwrap().clone();
        for expected in [json!({"resource": "payments"}), json!({"resource": "invoices", "id": invoice["id"]}), json!({"resource": "clients", "id": client})] {
            assert!(stale.contains(&expected), "{expected} in {stale:?}");
        }
        assert_eq!((reread(&router, &invoice).await["status"].clone(), balance(&router, &client).await), (json!("partially_paid"), 6_999));
        let (status, over) = pay(&router, &invoice, 7_000).await;
        assert_eq!((status, over["error"]["code"].clone(), over["error"]["problem"]["max"].clone()), (StatusCode::CONFLICT, json!("overpayment"), json!(6_999)));
        assert!(over["error"]["message"].as_str().unwrap().contains("€69.99"), "said with its currency: {over}");
        let (status, nothing) = pay(&router, &invoice, 0).await;
        assert_eq!((status, nothing["error"]["problem"]["problems"]["amount"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("not_positive")), "{nothing}");
        assert!(nothing["error"]["message"].as_str().unwrap().contains("more than zero"), "{nothing}");
        assert_eq!(pay(&router, &invoice, 6_999).await.0, StatusCode::CREATED);
        let paid = reread(&router, &invoice).await;
        assert_eq!((paid["status"].clone(), paid["paid"].clone()), (json!("paid"), json!(11_999)));
        assert_eq!(balance(&router, &client).await, 0);
    }

    fn revenue_counts_what_was_issued_less_credit_notes_and_what_was_collected(store) {
        let router = router(store);
        let client = client(&router).await;
        let kept = act(&router, &draft(&router, &client, true).await, "issue").await.1["data"].clone();
        let credited = act(&router, &draft(&router, &client, true).await, "issue").await.1["data"].clone();
        act(&router, &credited, "credit-note").await;
        draft(&router, &client, true).await;
        assert_eq!(pay(&router, &kept, 2_500).await.0, StatusCode::CREATED);

        let (status, month) = call(&router, Method::GET, "/api/revenue", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{month}");
        let issued_on = kept["issued_on"].as_str().unwrap();
        assert_eq!(&month["from"].as_str().unwrap()[..8], &issued_on[..8], "this month: {month}");
        // Two issued, one credited away, the draft not counted: one invoice's totals remain.
        assert_eq!((month["invoiced_net"].clone(), month["invoiced_gross"].clone()), (kept["totals"]["net"].clone(), json!(11_999)));
        assert_eq!((month["collected"].clone(), month["documents"].clone()), (json!(2_500), json!(3)));

        let (status, wrong) = call(&router, Method::GET, "/api/revenue?from=2026-11-30&to=2026-11-01", None, STUDIO_A).await;
        assert_eq!((status, wrong["error"]["problem"]["problems"]["to"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("end_before_start")), "{wrong}");
        let (status, _) = call(&router, Method::GET, "/api/revenue?from=yesterday", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }

    fn two_racing_payments_that_together_overpay_let_only_one_through(store) {
        let router = router(store);
        let client = client(&router).await;
        let invoice = draft(&router, &client, true).await;
        let invoice = act(&router, &invoice, "issue").await.1["data"].clone();
        let racing = (0..2).map(|_| {
            let (router, invoice) = (router.clone(), invoice.clone());
            tokio::spawn(async move { pay(&router, &invoice, 10_000).await })
        });
        let mut statuses: Vec<StatusCode> = futures::future::join_all(racing).await.into_iter().map(|r| r.unwrap().0).collect();
        statuses.sort();
        assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
        assert_eq!(reread(&router, &invoice).await["paid"], 10_000);
        assert_eq!(balance(&router, &client).await, 1_999);
    }

    fn a_reversal_undoes_a_payment_once_and_a_paid_invoice_needs_it_before_a_credit_note(store) {
        let router = router(store);
        let client = client(&router).await;
        let invoice = draft(&router, &client, true).await;
        let invoice = act(&router, &invoice, "issue").await.1["data"].clone();
        let payment = pay(&router, &invoice, 5_000).await.1["data"].clone();
        let issued = reread(&router, &invoice).await;
        assert_eq!(act(&router, &issued, "credit-note").await.1["error"]["code"], "in_use");

        let uri = format!("/api/payments/{}/reverse", payment["id"].as_str().unwrap());
        let (status, reversal) = post(&router, &uri, json!({"version": payment["version"]})).await;
        assert_eq!(status, StatusCode::OK, "{reversal}");
        assert_eq!(reversal["data"]["amount"], -5_000);
        assert_eq!(post(&router, &uri, json!({"version": 2})).await.1["error"]["code"], "already_reversed");
        let restored = reread(&router, &invoice).await;
        assert_eq!((restored["status"].clone(), restored["paid"].clone()), (json!("issued"), json!(0)));
        assert_eq!(balance(&router, &client).await, 11_999);
        let list = format!("/api/payments?invoice={}", invoice["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::GET, &list, None, STUDIO_A).await.1["items"].as_array().unwrap().len(), 2);

        assert_eq!(act(&router, &restored, "credit-note").await.0, StatusCode::OK);
        assert_eq!(balance(&router, &client).await, 0, "the credit note cancels what the invoice asked");
    }

    fn a_session_is_invoiced_at_most_once_until_its_invoice_is_deleted_or_credited(store) {
        let router = router(store);
        let client = client(&router).await;
        let (_, room) = post(&router, "/api/rooms", json!({"name": "Studio A", "hourly_rate": 5000})).await;
        let room = room["data"]["id"].clone();
        for (start, end, status) in [
            ("2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z", "scheduled"),
            ("2027-03-11T14:00:00Z", "2027-03-11T15:00:00Z", "completed"),
            ("2027-03-12T14:00:00Z", "2027-03-12T15:00:00Z", "cancelled"),
        ] {
            let booking = json!({"client_id": client, "room_id": room, "start": start, "end": end, "status": status, "title": "Voix"});
            assert_eq!(post(&router, "/api/sessions", booking).await.0, StatusCode::CREATED);
        }
        let period = json!({"client_id": client, "from": "2027-03-01", "to": "2027-03-31"});
        let billing = |router: Router, period: Value| async move { post(&router, "/api/invoices/from-sessions", period).await };

        let (status, draft) = billing(router.clone(), period.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{draft}");
        let draft = draft["data"].clone();
        let lines = draft["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 2, "the cancelled session is not billed");
        assert_eq!(lines[0]["description"], "Studio A — 2027-03-10 11:00–13:00 — Voix");
        assert_eq!((draft["totals"]["net"].clone(), draft["totals"]["gross"].clone()), (json!(15000), json!(18000)));
        let (status, none) = billing(router.clone(), period.clone()).await;
        assert_eq!((status, none["error"]["problem"]["problems"]["from"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("nothing_to_invoice")));

        // Deleting the draft frees its sessions; two drafts racing for them: one gets them, the other none.
        let uri = format!("/api/invoices/{}?version=1", draft["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::DELETE, &uri, None, STUDIO_A).await.0, StatusCode::OK);
        let racing = (0..2).map(|_| tokio::spawn(billing(router.clone(), period.clone())));
        let mut statuses: Vec<StatusCode> = futures::future::join_all(racing).await.into_iter().map(|r| r.unwrap().0).collect();
        statuses.sort();
        assert_eq!(statuses, [StatusCode::CREATED, StatusCode::UNPROCESSABLE_ENTITY]);

        // A credit note frees them too.
        let (_, page) = call(&router, Method::GET, "/api/invoices", None, STUDIO_A).await;
        let billed = page["items"][0].clone();
        let issued = act(&router, &billed, "issue").await.1["data"].clone();
        assert_eq!(act(&router, &issued, "credit-note").await.0, StatusCode::OK);
        assert_eq!(billing(router.clone(), period).await.0, StatusCode::CREATED);
    }
}

async fn pay(router: &Router, invoice: &Value, cents: i64) -> (StatusCode, Value) {
    post(
        router,
        "/api/payments",
        json!({"invoice_id": invoice["id"], "amount": cents, "method": "transfer"}),
    )
    .await
}

async fn reread(router: &Router, invoice: &Value) -> Value {
    let uri = format!("/api/invoices/{}", invoice["id"].as_str().unwrap());
    call(router, Method::GET, &uri, None, STUDIO_A).await.1
}

async fn balance(router: &Router, client: &str) -> i64 {
    let uri = format!("/api/clients/{client}/balance");
    let (status, balance) = call(router, Method::GET, &uri, None, STUDIO_A).await;
    assert_eq!(status, StatusCode::OK, "{balance}");
    balance["outstanding"].as_i64().unwrap()
}
