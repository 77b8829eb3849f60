//! The DynamoDB adapter: one table, `PK`/`SK` string keys, `v` (number) version, `data` (string) JSON document.
//! Every write goes through `TransactWriteItems`, so conditions and writes are one atomic, serializable step.

use std::{
    collections::HashMap,
    hash::{BuildHasher, RandomState},
    time::Duration,
};

use async_trait::async_trait;
use aws_sdk_dynamodb::{
    Client,
    config::{Credentials, Region},
    error::{ProvideErrorMetadata, SdkError},
    operation::transact_write_items::TransactWriteItemsError,
    types::{
        AttributeDefinition, AttributeValue, BillingMode, ConditionCheck, Delete, KeySchemaElement,
        KeyType, Put, ScalarAttributeType, TransactWriteItem,
    },
};
use studio_domain::{
    Condition, Direction, Item, Key, QueryPage, Store, StoreError, WriteOp,
    store::validate_transaction,
};

type Attrs = HashMap<String, AttributeValue>;

#[derive(Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

/// Attempts of a transaction that keeps losing to concurrent ones.
const CONFLICT_ATTEMPTS: u32 = 4;

/// The wait before the `attempt`-th retry of a conflicting transaction: 40, 80, 160 ms, each half fixed and half
/// random ("equal jitter"), so that writers that lost the same race do not all retry at the same instant. The
/// random part comes from std's per-instance hash keys (no generator to carry for a wait).
fn backoff(attempt: u32) -> Duration {
    let ceiling = 20u64 << attempt;
    let random = RandomState::new().hash_one(attempt);
    Duration::from_millis(ceiling / 2 + random % (ceiling / 2 + 1))
}

/// What a cancelled transaction's reasons mean: the first failed condition, else a conflict with concurrent
/// transactions; `None` for anything else.
fn cancellation(codes: &[Option<&str>]) -> Option<StoreError> {
    if let Some(index) = codes
        .iter()
        .position(|c| *c == Some("ConditionalCheckFailed"))
    {
        return Some(StoreError::ConditionFailed { index });
    }
    codes
        .contains(&Some("TransactionConflict"))
        .then_some(StoreError::Conflict)
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

fn sdk_error<E: ProvideErrorMetadata + std::error::Error, R>(e: SdkError<E, R>) -> StoreError {
    let message = e.message().map(str::to_owned);
    let code = e.code().map(str::to_owned);
    StoreError::Unavailable(format!(
        "{} {}",
        code.unwrap_or_default(),
        message.unwrap_or_else(|| e.to_string())
    ))
}

fn key_attrs(key: &Key) -> Attrs {
    HashMap::from([
        ("PK".to_owned(), AttributeValue::S(key.pk.clone())),
        ("SK".to_owned(), AttributeValue::S(key.sk.clone())),
    ])
}

fn string(attrs: &Attrs, name: &str) -> Result<String, StoreError> {
    match attrs.get(name) {
        Some(AttributeValue::S(s)) => Ok(s.clone()),
        _ => Err(unavailable(format!("item without string attribute {name}"))),
    }
}

fn decode(attrs: &Attrs) -> Result<Item, StoreError> {
    let version = match attrs.get("v") {
        Some(AttributeValue::N(n)) => n.parse().map_err(unavailable)?,
        _ => return Err(unavailable("item without version")),
    };
    let expires_at = match attrs.get("ttl") {
        Some(AttributeValue::N(n)) => Some(n.parse().map_err(unavailable)?),
        _ => None,
    };
    Ok(Item {
        key: Key::new(string(attrs, "PK")?, string(attrs, "SK")?),
        version,
        data: string(attrs, "data")?,
        expires_at,
    })
}

/// A condition as a DynamoDB expression and its values.
fn expression(condition: Condition) -> Option<(String, Option<Attrs>)> {
    match condition {
        Condition::None => None,
        Condition::NotExists => Some(("attribute_not_exists(PK)".into(), None)),
        Condition::Exists => Some(("attribute_exists(PK)".into(), None)),
        Condition::Version(v) => Some((
            "v = :expected".into(),
            Some(HashMap::from([(
                ":expected".into(),
                AttributeValue::N(v.to_string()),
            )])),
        )),
    }
}

fn transact_item(table: &str, op: &WriteOp) -> Result<TransactWriteItem, StoreError> {
    let (cond, values) = expression(op.condition()).unzip();
    let values = values.flatten();
    let invalid = |e: aws_sdk_dynamodb::error::BuildError| StoreError::Invalid(e.to_string());
    let item = match op {
        WriteOp::Put { item, .. } => {
            let mut attrs = key_attrs(&item.key);
            attrs.insert("v".into(), AttributeValue::N(item.version.to_string()));
            attrs.insert("data".into(), AttributeValue::S(item.data.clone()));
            if let Some(at) = item.expires_at {
                attrs.insert("ttl".into(), AttributeValue::N(at.to_string()));
            }
            let put = Put::builder()
                .table_name(table)
                .set_item(Some(attrs))
                .set_condition_expression(cond)
                .set_expression_attribute_values(values)
                .build()
                .map_err(invalid)?;
            TransactWriteItem::builder().put(put).build()
        }
        WriteOp::Delete { key, .. } => {
            let delete = Delete::builder()
                .table_name(table)
                .set_key(Some(key_attrs(key)))
                .set_condition_expression(cond)
                .set_expression_attribute_values(values)
                .build()
                .map_err(invalid)?;
            TransactWriteItem::builder().delete(delete).build()
        }
        WriteOp::Check { key, .. } => {
            // A check must carry a condition; "exists or not" is the one that always holds.
            let check =
                ConditionCheck::builder()
                    .table_name(table)
                    .set_key(Some(key_attrs(key)))
                    .condition_expression(cond.unwrap_or_else(|| {
                        "attribute_exists(PK) OR attribute_not_exists(PK)".into()
                    }))
                    .set_expression_attribute_values(values)
                    .build()
                    .map_err(invalid)?;
            TransactWriteItem::builder().condition_check(check).build()
        }
    };
    Ok(item)
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// A client configured from the environment (the Lambda's role and region).
    pub async fn from_env(table: impl Into<String>) -> Self {
        let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
        Self::new(Client::new(&config), table)
    }

    /// A client for a DynamoDB-API server at `endpoint` with dummy credentials (moto in tests).
    pub fn at_endpoint(endpoint: &str, table: impl Into<String>) -> Self {
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("test", "test", None, None, "static"))
            .endpoint_url(endpoint)
            .build();
        Self::new(Client::from_conf(config), table)
    }

    /// Creates the table (on-demand) unless it exists. Production tables come from infra/; this is for tests.
    pub async fn create_table(&self) -> Result<(), StoreError> {
        let attr = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
        };
        let key = |name: &str, kind| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(kind)
                .build()
        };
        let result = self
            .client
            .create_table()
            .table_name(&self.table)
            .attribute_definitions(attr("PK").map_err(unavailable)?)
            .attribute_definitions(attr("SK").map_err(unavailable)?)
            .key_schema(key("PK", KeyType::Hash).map_err(unavailable)?)
            .key_schema(key("SK", KeyType::Range).map_err(unavailable)?)
            .billing_mode(BillingMode::PayPerRequest)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("ResourceInUseException") => Ok(()),
            Err(e) => Err(sdk_error(e)),
        }
    }
}

#[async_trait]
impl Store for DynamoStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key_attrs(key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(sdk_error)?;
        out.item.as_ref().map(decode).transpose()
    }

    async fn query_from(
        &self,
        pk: &str,
        prefix: &str,
        from: Option<&str>,
        limit: usize,
        direction: Direction,
    ) -> Result<QueryPage, StoreError> {
        let ascending = direction == Direction::Ascending;
        let start = from.map(|sk| key_attrs(&Key::new(pk, sk)));
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
            .expression_attribute_values(":pk", AttributeValue::S(pk.to_owned()))
            .expression_attribute_values(":prefix", AttributeValue::S(prefix.to_owned()))
            .set_exclusive_start_key(start)
            .scan_index_forward(ascending)
            .limit(i32::try_from(limit).unwrap_or(i32::MAX))
            .consistent_read(true)
            .send()
            .await
            .map_err(sdk_error)?;
        let items = out
            .items()
            .iter()
            .map(decode)
            .collect::<Result<Vec<_>, _>>()?;
        let last_key = out
            .last_evaluated_key
            .as_ref()
            .map(|k| string(k, "SK"))
            .transpose()?;
        Ok(QueryPage { items, last_key })
    }

    async fn transact(&self, ops: Vec<WriteOp>) -> Result<(), StoreError> {
        validate_transaction(&ops)?;
        let items = ops
            .iter()
            .map(|op| transact_item(&self.table, op))
            .collect::<Result<Vec<_>, _>>()?;
        // A transaction that lost to a concurrent one on the same items wrote nothing: try it again a few
        // times, then say so (`Conflict`, a 409 the caller may retry) — never a 500.
        let mut attempt = 0;
        loop {
            let result = self
                .client
                .transact_write_items()
                .set_transact_items(Some(items.clone()))
                .send()
                .await;
            let outcome = match result {
                Ok(_) => Ok(()),
                Err(SdkError::ServiceError(e)) => match e.into_err() {
                    TransactWriteItemsError::TransactionCanceledException(cancelled) => {
                        let codes: Vec<Option<&str>> = cancelled
                            .cancellation_reasons()
                            .iter()
                            .map(|r| r.code())
                            .collect();
                        Err(cancellation(&codes).unwrap_or_else(|| {
                            unavailable(format!("transaction cancelled: {cancelled}"))
                        }))
                    }
                    TransactWriteItemsError::TransactionInProgressException(_) => {
                        Err(StoreError::Conflict)
                    }
                    other => Err(unavailable(format!(
                        "{} {}",
                        other.code().unwrap_or_default(),
                        other
                    ))),
                },
                Err(e) => Err(sdk_error(e)),
            };
            attempt += 1;
            match outcome {
                Err(StoreError::Conflict) if attempt < CONFLICT_ATTEMPTS => {
                    tokio::time::sleep(backoff(attempt)).await;
                }
                other => return other,
            }
        }
    }
}

#[cfg(test)]
mod backoff_tests {
    use super::*;

    #[test]
    fn a_retry_waits_between_half_and_all_of_its_ceiling_and_not_in_step() {
        for attempt in 1..CONFLICT_ATTEMPTS {
            let ceiling = Duration::from_millis(20 << attempt);
            let waits: Vec<Duration> = (0..50).map(|_| backoff(attempt)).collect();
            assert!(
                waits.iter().all(|w| *w >= ceiling / 2 && *w <= ceiling),
                "{waits:?}"
            );
            let first = waits[0];
            assert!(waits.iter().any(|w| *w != first), "all {first:?}");
        }
    }
}

#[cfg(test)]
mod cancellation_tests {
    use super::*;

    #[test]
    fn a_failed_condition_wins_and_a_conflict_is_a_conflict() {
        let failed = [
            None,
            Some("ConditionalCheckFailed"),
            Some("TransactionConflict"),
        ];
        assert_eq!(
            cancellation(&failed),
            Some(StoreError::ConditionFailed { index: 1 })
        );
        let conflict = [Some("None"), Some("TransactionConflict")];
        assert_eq!(cancellation(&conflict), Some(StoreError::Conflict));
        assert_eq!(cancellation(&[Some("ThrottlingError")]), None);
    }
}
