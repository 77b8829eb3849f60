//! Searching and counting clients through the word index and the kept count, on both stores: what a search
//! finds as clients change, and that it reads what it finds rather than every client.

mod common;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use common::{STUDIO_A, call, router};
use serde_json::{Value, json};
use studio_domain::{Ctx, Services, Store, StudioId, clients};
use studio_store::CountingStore;

async fn create(router: &axum::Router, body: Value) -> Value {
    let (status, created) = call(router, Method::POST, "/api/clients", Some(body), STUDIO_A).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"].clone()
}

async fn search(router: &axum::Router, q: &str) -> Vec<String> {
    let (status, page) = call(
        router,
        Method::GET,
        &format!("/api/clients?limit=200&q={q}"),
        None,
        STUDIO_A,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

fn ctx(store: Arc<dyn Store>) -> Ctx {
    Ctx::new(StudioId::parse(STUDIO_A).unwrap(), Services::new(store))
}

on_both_stores! {
    fn a_search_finds_by_the_start_of_any_word_and_follows_every_change(store) {
        let router = router(store.clone());
        let lea = create(&router, json!({"name": "Léa Martin", "email": "lea@example.com", "phone": "+33 6 12 34 56 78"})).await;
        create(&router, json!({"name": "Martine Dupont"})).await;
        create(&router, json!({"name": "Bob Stone", "email": "bob@martin-records.fr"})).await;

        assert_eq!(search(&router, "mart").await, ["Léa Martin", "Bob Stone", "Martine Dupont"], "by the word found, each once");
        assert_eq!(search(&router, "LEA%20m").await, ["Léa Martin"], "every word must start one");
        assert_eq!(search(&router, "lea@example.com").await, ["Léa Martin"]);
        assert_eq!(search(&router, "0612").await, Vec::<String>::new(), "digits are matched from their start");
        assert_eq!(search(&router, "33612").await, ["Léa Martin"], "a phone's digits run together");
        assert_eq!(search(&router, "artin").await, Vec::<String>::new(), "not from the middle of a word");

        let uri = format!("/api/clients/{}", lea["id"].as_str().unwrap());
        let (status, _) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "name": "Léa Moreau"})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(search(&router, "martin").await, ["Bob Stone", "Martine Dupont"], "the old name no longer finds her");
        let (_, found) = call(&router, Method::GET, "/api/clients?q=moreau", None, STUDIO_A).await;
        assert_eq!(found["items"][0]["version"], 2, "the copy in the index is the current version: {found}");

        let (status, _) = call(&router, Method::DELETE, &format!("{uri}?version=2"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(search(&router, "lea").await, Vec::<String>::new());
        assert_eq!(clients::count(&ctx(store), None).await.unwrap(), 2);
    }

    fn a_search_and_a_count_read_what_they_find_not_every_client(store) {
        let counting = Arc::new(CountingStore::new(store));
        let router = router(counting.clone());
        for i in 0..120 {
            create(&router, json!({"name": format!("Filler {i}")})).await;
        }
        for name in ["Ana Martin", "Bo Martin", "Cy Martinez"] {
            create(&router, json!({"name": name})).await;
        }
        let ctx = ctx(counting.clone());

        counting.take_reads();
        let (_, page) = call(&router, Method::GET, "/api/clients?q=martin&limit=2", None, STUDIO_A).await;
        assert_eq!(page["items"].as_array().unwrap().len(), 2);
        let cursor = page["next_cursor"].as_str().expect("a cursor").to_owned();
        let first_page = counting.take_reads();
        assert!(first_page <= 3, "a page of 2 read {first_page} items");
        let (status, rest) = call(&router, Method::GET, &format!("/api/clients?q=martin&cursor={cursor}"), None, STUDIO_A).await;
        assert_eq!((status, rest["items"][0]["name"].clone()), (StatusCode::OK, json!("Cy Martinez")));
        assert!(rest.get("next_cursor").is_none());

        counting.take_reads();
        assert_eq!(clients::count(&ctx, None).await.unwrap(), 123);
        assert_eq!(counting.take_reads(), 1, "the count is kept, not computed");
        assert_eq!(clients::count(&ctx, Some("martin")).await.unwrap(), 3);
        assert!(counting.take_reads() <= 4);
        let found = clients::find(&ctx, "bo martin").await.unwrap();
        assert_eq!(found.len(), 1);
        assert!(counting.take_reads() <= 4);

        let (status, _) = call(&router, Method::GET, "/api/clients?q=martin&cursor=7a656272-01KB0000000000000000000000", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a cursor of another search");
    }

    fn clients_created_at_once_are_all_counted(store) {
        let router = router(store.clone());
        let creates = (0..8).map(|i| {
            let router = router.clone();
            tokio::spawn(async move { create(&router, json!({"name": format!("Parallel {i}")})).await })
        });
        futures::future::try_join_all(creates).await.unwrap();
        assert_eq!(clients::count(&ctx(store), None).await.unwrap(), 8);
        assert_eq!(search(&router, "parallel").await.len(), 8);
    }
}

/// A client stored before the index existed (its item alone) is found once `reindex` ran, and counted.
#[tokio::test]
async fn clients_from_before_the_index_are_found_and_counted_once_reindexed() {
    use studio_domain::{Condition, IdGen, Item, Key, WriteOp};
    let (store, _dir) = common::embedded_store();
    let router = router(store.clone());
    let id = studio_domain::UlidGen::default().new_id();
    let old = json!({"id": id, "name": "Ancien Client", "kind": "individual", "created_at": "2025-01-01T10:00:00Z",
        "updated_at": "2025-01-01T10:00:00Z", "version": 1});
    let item = Item::new(
        Key::new(format!("STUDIO#{STUDIO_A}"), format!("CLIENT#{id}")),
        1,
        old.to_string(),
    );
    store
        .transact(vec![WriteOp::Put {
            item,
            condition: Condition::NotExists,
        }])
        .await
        .unwrap();
    assert_eq!(
        search(&router, "ancien").await,
        Vec::<String>::new(),
        "not indexed yet"
    );

    assert_eq!(clients::reindex(&ctx(store.clone())).await.unwrap(), 1);
    assert_eq!(search(&router, "ancien").await, ["Ancien Client"]);
    assert_eq!(clients::count(&ctx(store.clone()), None).await.unwrap(), 1);
    assert_eq!(
        clients::reindex(&ctx(store.clone())).await.unwrap(),
        0,
        "once"
    );
    create(&router, json!({"name": "Zoé New"})).await;
    assert_eq!(clients::count(&ctx(store), None).await.unwrap(), 2);
}
