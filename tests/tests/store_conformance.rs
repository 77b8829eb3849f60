//! The storage port's contract, run against both adapters: the embedded engine and DynamoDB (moto's server).

mod common;

use std::sync::Arc;

use studio_domain::{Condition, Direction, Item, Key, Store, StoreError, WriteOp};

fn item(sk: &str, version: u64, data: &str) -> Item {
    Item::new(Key::new("STUDIO#s", sk), version, data.into())
}

fn put(item: Item, condition: Condition) -> WriteOp {
    WriteOp::Put { item, condition }
}

async fn get(store: &Arc<dyn Store>, sk: &str) -> Option<Item> {
    store.get(&Key::new("STUDIO#s", sk)).await.expect("get")
}

on_both_stores! {
    fn a_written_item_reads_back_with_its_version(store) {
        assert_eq!(get(&store, "X#1").await, None);
        store.transact(vec![put(item("X#1", 1, "{\"a\":1}"), Condition::NotExists)]).await.unwrap();
        assert_eq!(get(&store, "X#1").await, Some(item("X#1", 1, "{\"a\":1}")));
    }

    fn put_if_absent_refuses_an_existing_item_and_keeps_it(store) {
        store.transact(vec![put(item("X#1", 1, "first"), Condition::NotExists)]).await.unwrap();
        let second = store.transact(vec![put(item("X#1", 1, "second"), Condition::NotExists)]).await;
        assert_eq!(second, Err(StoreError::ConditionFailed { index: 0 }));
        assert_eq!(get(&store, "X#1").await.unwrap().data, "first");
    }

    fn a_transaction_writes_all_or_nothing(store) {
        store.transact(vec![put(item("X#2", 1, "taken"), Condition::NotExists)]).await.unwrap();
        let result = store
            .transact(vec![
                put(item("X#1", 1, "new"), Condition::NotExists),
                put(item("X#2", 1, "clash"), Condition::NotExists),
            ])
            .await;
        assert_eq!(result, Err(StoreError::ConditionFailed { index: 1 }));
        assert_eq!(get(&store, "X#1").await, None, "the first operation must not be written");
        assert_eq!(get(&store, "X#2").await.unwrap().data, "taken");
    }

    fn a_version_condition_accepts_the_current_version_only(store) {
        store.transact(vec![put(item("X#1", 1, "v1"), Condition::NotExists)]).await.unwrap();
        store.transact(vec![put(item("X#1", 2, "v2"), Condition::Version(1))]).await.unwrap();
        let stale = store.transact(vec![put(item("X#1", 2, "lost update"), Condition::Version(1))]).await;
        assert_eq!(stale, Err(StoreError::ConditionFailed { index: 0 }));
        assert_eq!(get(&store, "X#1").await, Some(item("X#1", 2, "v2")));
    }

    fn a_failed_check_stops_the_transaction_and_a_delete_removes(store) {
        store.transact(vec![put(item("X#1", 1, "a"), Condition::NotExists)]).await.unwrap();
        let blocked = store
            .transact(vec![
                WriteOp::Delete { key: Key::new("STUDIO#s", "X#1"), condition: Condition::Exists },
                WriteOp::Check { key: Key::new("STUDIO#s", "GUARD"), condition: Condition::Exists },
            ])
            .await;
        assert_eq!(blocked, Err(StoreError::ConditionFailed { index: 1 }));
        assert!(get(&store, "X#1").await.is_some());
        store
            .transact(vec![WriteOp::Delete { key: Key::new("STUDIO#s", "X#1"), condition: Condition::Version(1) }])
            .await
            .unwrap();
        assert_eq!(get(&store, "X#1").await, None);
    }

    fn an_expiry_time_is_stored_with_the_item(store) {
        let expiring = Item { expires_at: Some(1_900_000_000), ..item("CHANGE#1", 1, "{}") };
        store.transact(vec![put(expiring.clone(), Condition::NotExists)]).await.unwrap();
        assert_eq!(get(&store, "CHANGE#1").await, Some(expiring));
    }

    fn a_transaction_may_not_name_one_item_twice(store) {
        let result = store
            .transact(vec![put(item("X#1", 1, "a"), Condition::None), put(item("X#1", 1, "b"), Condition::None)])
            .await;
        assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");
        assert_eq!(get(&store, "X#1").await, None);
    }

    fn a_query_lists_one_prefix_of_one_partition_in_order_by_pages(store) {
        let mut ops: Vec<WriteOp> = (0..5).map(|i| put(item(&format!("CLIENT#{i}"), 1, "c"), Condition::None)).collect();
        ops.push(put(item("CONV#1", 1, "other prefix"), Condition::None));
        ops.push(WriteOp::Put { item: Item::new(Key::new("STUDIO#t", "CLIENT#9"), 1, "other studio".into()), condition: Condition::None });
        store.transact(ops).await.unwrap();

        let first = store.query("STUDIO#s", "CLIENT#", None, 2).await.unwrap();
        let keys = |page: &studio_domain::QueryPage| page.items.iter().map(|i| i.key.sk.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&first), ["CLIENT#0", "CLIENT#1"]);
        let last = first.last_key.expect("more pages");
        let second = store.query("STUDIO#s", "CLIENT#", Some(&last), 10).await.unwrap();
        assert_eq!(keys(&second), ["CLIENT#2", "CLIENT#3", "CLIENT#4"]);
        assert_eq!(second.last_key, None);
    }

    fn a_query_from_the_newest_lists_one_prefix_backwards_by_pages(store) {
        let mut ops: Vec<WriteOp> = (0..5).map(|i| put(item(&format!("CLIENT#{i}"), 1, "c"), Condition::None)).collect();
        ops.push(put(item("CLIENTS#1", 1, "a longer prefix"), Condition::None));
        ops.push(put(item("CONV#1", 1, "other prefix"), Condition::None));
        ops.push(put(item("A#1", 1, "before the prefix"), Condition::None));
        ops.push(WriteOp::Put { item: Item::new(Key::new("STUDIO#t", "CLIENT#9"), 1, "other studio".into()), condition: Condition::None });
        store.transact(ops).await.unwrap();

        let first = store.query_from("STUDIO#s", "CLIENT#", None, 2, Direction::Descending).await.unwrap();
        let keys = |page: &studio_domain::QueryPage| page.items.iter().map(|i| i.key.sk.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&first), ["CLIENT#4", "CLIENT#3"]);
        let last = first.last_key.expect("more pages");
        let second = store.query_from("STUDIO#s", "CLIENT#", Some(&last), 10, Direction::Descending).await.unwrap();
        assert_eq!(keys(&second), ["CLIENT#2", "CLIENT#1", "CLIENT#0"]);
        assert_eq!(second.last_key, None);
    }

    fn racing_writers_of_one_guard_get_exactly_one_winner(store) {
        let attempts = (0..20).map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                store.transact(vec![put(item("GUARD", 1, &format!("writer {i}")), Condition::NotExists)]).await
            })
        });
        let results = futures::future::join_all(attempts).await;
        let winners = results.iter().filter(|r| matches!(r, Ok(Ok(())))).count();
        let refused = results.iter().filter(|r| matches!(r, Ok(Err(StoreError::ConditionFailed { .. })))).count();
        assert_eq!((winners, refused), (1, 19));
    }
}

#[tokio::test]
async fn the_embedded_store_keeps_its_data_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("studio.redb");
    {
        let store = studio_store::EmbeddedStore::open(&path).unwrap();
        store
            .transact(vec![put(item("X#1", 1, "kept"), Condition::NotExists)])
            .await
            .unwrap();
    }
    let reopened = studio_store::EmbeddedStore::open(&path).unwrap();
    assert_eq!(
        reopened
            .get(&Key::new("STUDIO#s", "X#1"))
            .await
            .unwrap()
            .unwrap()
            .data,
        "kept"
    );
}
