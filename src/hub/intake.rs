//! Where desktops' events land: each exactly once, summarised exactly, and acknowledged by the
//! highest contiguous sequence the hub holds.
//!
//! A desktop numbers its events (device id, sequence) and sends them in batches, again after any
//! failure: a batch may arrive twice, or after a later one. So:
//!
//! - **Exactly once.** An event's key is (shop, device, sequence, time); its time never changes,
//!   so the key is the desktop's own (device, sequence) with the time the weekly partitions
//!   need. Rows go in with `ON CONFLICT DO NOTHING`.
//! - **Summaries stay exact under retries**: the hourly counts are raised, in the same statement,
//!   by the rows that statement actually inserted (`RETURNING`), never by what was sent; each
//!   live's first and last event (`hub_lives`) widen with them.
//! - **The acknowledgement** is the highest sequence up to which the hub holds every event (not
//!   the highest it has seen), so a desktop resends from the first hole and nothing is lost.
//! - One batch per device at a time: the device's row is locked for the batch's transaction.
//!
//! Hours are UTC hours (every Indonesian zone is a whole number of hours from UTC).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tokio_postgres::Client;

pub use crate::store::HubEvent;

/// What the hub answers a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    /// Every event of the device up to this sequence is held.
    pub held: i64,
    /// Events of this batch that were new.
    pub inserted: u64,
}

/// The Monday 00:00 UTC starting the week of `ts` (Unix ms), and the next one.
fn week_of(ts: i64) -> Result<(Timestamp, Timestamp), String> {
    let at = Timestamp::from_millisecond(ts).map_err(|error| format!("ts {ts}: {error}"))?;
    let date = at.to_zoned(jiff::tz::TimeZone::UTC).date();
    let monday = date
        .checked_sub(jiff::Span::new().days(i64::from(date.weekday().to_monday_zero_offset())))
        .map_err(|error| format!("ts {ts}: {error}"))?;
    let start = monday.to_zoned(jiff::tz::TimeZone::UTC).map_err(|error| error.to_string())?.timestamp();
    let end = start.checked_add(jiff::SignedDuration::from_hours(7 * 24)).map_err(|error| error.to_string())?;
    Ok((start, end))
}

/// The weeks whose partition a hub has made sure of in one database. The statement that makes
/// sure is DDL under a lock, and at a studio's rate it cost more than the insert, so a hub asks
/// once per week. Keep one per database: the hub's server holds one beside its pool.
#[derive(Debug, Default)]
pub struct Partitions(std::sync::Mutex<Vec<i64>>);

impl Partitions {
    fn made(&self, start: &Timestamp) -> bool {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).contains(&start.as_millisecond())
    }

    fn record(&self, start: &Timestamp) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(start.as_millisecond());
    }
}

/// Creates the weekly partitions `events` fall in, each once (under a lock: two hubs, or two
/// batches, may want the same week at once). Before the batch's own transaction, so a batch does
/// not hold the partition lock.
async fn ensure_partitions(
    client: &mut Client,
    partitions: &Partitions,
    events: &[HubEvent],
) -> Result<(), IntakeError> {
    let mut weeks: Vec<(Timestamp, Timestamp)> =
        events.iter().map(|event| week_of(event.ts)).collect::<Result<_, _>>().map_err(IntakeError::Invalid)?;
    weeks.sort();
    weeks.dedup();
    weeks.retain(|(start, _)| !partitions.made(start));
    for (start, end) in weeks {
        let name = format!("hub_events_{}", start.strftime("%Y%m%d"));
        let transaction = client.transaction().await?;
        transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&PARTITION_LOCK]).await?;
        transaction
            .batch_execute(&format!(
                "CREATE TABLE IF NOT EXISTS {name} PARTITION OF hub_events FOR VALUES FROM ('{start}') TO ('{end}')"
            ))
            .await?;
        transaction.commit().await?;
        partitions.record(&start);
    }
    Ok(())
}

/// The lock partition creation holds.
const PARTITION_LOCK: i64 = 7_441_000_124;

/// Why a batch was not taken; nothing of it is kept.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Database(#[from] tokio_postgres::Error),
}

/// Takes a batch of `device_id`'s events for `shop`: inserts the new ones, raises the hourly
/// summaries by exactly those, and answers how far the device's events are all held.
pub async fn accept(
    client: &mut Client,
    partitions: &Partitions,
    device_id: &str,
    shop: &str,
    events: &[HubEvent],
) -> Result<Ack, IntakeError> {
    if device_id.trim().is_empty() || shop.trim().is_empty() {
        return Err(IntakeError::Invalid("a batch needs its device id and its shop".into()));
    }
    if let Some(bad) = events.iter().find(|event| event.seq < 1) {
        return Err(IntakeError::Invalid(format!("seq {}: sequences start at 1", bad.seq)));
    }
    ensure_partitions(client, partitions, events).await?;
    let transaction = client.transaction().await?;
    transaction.batch_execute("SET LOCAL TimeZone = 'UTC'").await?;
    let held: i64 = transaction
        .query_one(
            "INSERT INTO hub_devices (device_id, shop) VALUES ($1, $2)
             ON CONFLICT (device_id) DO UPDATE SET shop = excluded.shop, last_seen = now()
             RETURNING acked_seq",
            &[&device_id, &shop],
        )
        .await?
        .get(0);
    let mut columns = Columns::default();
    for event in events {
        columns.push(event)?;
    }
    let inserted: i64 = transaction
        .query_one(
            "WITH batch AS (
                 SELECT * FROM UNNEST($3::bigint[], $4::timestamptz[], $5::bigint[], $6::text[], $7::text[],
                                      $8::text[], $9::text[], $10::jsonb[])
                     AS e(seq, ts, session_id, host, kind, product, category, payload)
             ), inserted AS (
                 INSERT INTO hub_events (shop, device_id, seq, ts, session_id, host, kind, product, category, payload)
                 SELECT $1, $2, seq, ts, session_id, host, kind, product, category, payload FROM batch
                 ON CONFLICT DO NOTHING
                 RETURNING shop, ts, session_id, host, product, category, kind
             ), lived AS (
                 INSERT INTO hub_lives (shop, device_id, session_id, host, first_ts, last_ts)
                 SELECT shop, $2, session_id, max(host), min(ts), max(ts)
                 FROM inserted WHERE session_id IS NOT NULL GROUP BY shop, session_id
                 ON CONFLICT (shop, device_id, session_id)
                 DO UPDATE SET host = excluded.host,
                               first_ts = least(hub_lives.first_ts, excluded.first_ts),
                               last_ts = greatest(hub_lives.last_ts, excluded.last_ts)
                 RETURNING 1
             ), summed AS (
                 INSERT INTO hub_hourly (shop, hour, host, product, category, kind, events)
                 SELECT shop, date_trunc('hour', ts), host, coalesce(product, ''), coalesce(category, ''), kind, count(*)
                 FROM inserted GROUP BY 1, 2, 3, 4, 5, 6
                 ON CONFLICT (shop, hour, host, product, category, kind)
                 DO UPDATE SET events = hub_hourly.events + excluded.events
                 RETURNING 1
             )
             SELECT count(*) FROM inserted",
            &[
                &shop,
                &device_id,
                &columns.seq,
                &columns.ts,
                &columns.session_id,
                &columns.host,
                &columns.kind,
                &columns.product,
                &columns.category,
                &columns.payload,
            ],
        )
        .await?
        .get(0);
    // From the last mark, as far as the sequences run without a hole.
    let mut held = held;
    let later = transaction
        .query(
            "SELECT seq FROM hub_events WHERE shop = $1 AND device_id = $2 AND seq > $3 ORDER BY seq",
            &[&shop, &device_id, &held],
        )
        .await?;
    for row in later {
        let seq: i64 = row.get(0);
        if seq != held + 1 {
            break;
        }
        held = seq;
    }
    transaction.execute("UPDATE hub_devices SET acked_seq = $2 WHERE device_id = $1", &[&device_id, &held]).await?;
    transaction.commit().await?;
    Ok(Ack { held, inserted: inserted as u64 })
}

/// A batch as arrays, one per column, for one `UNNEST` insert.
#[derive(Default)]
struct Columns {
    seq: Vec<i64>,
    ts: Vec<Timestamp>,
    session_id: Vec<Option<i64>>,
    host: Vec<String>,
    kind: Vec<String>,
    product: Vec<Option<String>>,
    category: Vec<Option<String>>,
    payload: Vec<serde_json::Value>,
}

impl Columns {
    fn push(&mut self, event: &HubEvent) -> Result<(), IntakeError> {
        let ts = Timestamp::from_millisecond(event.ts)
            .map_err(|error| IntakeError::Invalid(format!("seq {}: ts {}: {error}", event.seq, event.ts)))?;
        self.seq.push(event.seq);
        self.ts.push(ts);
        self.session_id.push(event.session_id);
        self.host.push(event.host.clone());
        self.kind.push(event.kind.clone());
        self.product.push(event.product.clone());
        self.category.push(event.category.clone());
        self.payload.push(event.payload.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_run_monday_to_monday_in_utc() {
        // Wednesday 2 December 2026, 13:00 UTC.
        let (start, end) = week_of(1_796_216_400_000).unwrap();
        assert_eq!(
            (start.to_string(), end.to_string()),
            ("2026-11-30T00:00:00Z".into(), "2026-12-07T00:00:00Z".into())
        );
        let (monday, _) = week_of(start.as_millisecond()).unwrap();
        assert_eq!(monday, start, "a week's first instant is in that week");
    }
}
