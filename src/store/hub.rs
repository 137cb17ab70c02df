//! The archive's side of the agency hub: this desktop's device id, its events numbered for
//! upload, and how far the hub holds them.
//!
//! The hub takes a desktop's events exactly once by their (device id, sequence), so the sequence
//! must never change and never skip: `hub_outbox` gives each archived row a number once, in the
//! order rows were archived, and never renumbers. Numbering reads the archive's own tables
//! (nothing is written twice on the hot path: the archive writer is unchanged) and only runs
//! while a hub is set, so a desktop without one keeps no outbox.
//!
//! What goes up, each numbered once:
//! - every comment (its first flag's category, if flagged) and every gift, as soon as archived;
//! - each feedback tag and each flash sale once it stands: a tag when its live has ended, a flash
//!   sale when it has ended. A tag changed after that stays as it was sent; one removed after
//!   that goes up as `removed` (the hub counts it nowhere), so the sequence keeps no hole.

use rusqlite::{TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Archive, Context, StoreError};

/// One archived event as a desktop sends it to the hub.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HubEvent {
    /// The desktop's own sequence number, from 1, without gaps.
    pub seq: i64,
    /// When it happened, Unix ms.
    pub ts: i64,
    /// The desktop's own live session number.
    pub session_id: Option<i64>,
    /// Who hosted the live.
    #[serde(default)]
    pub host: String,
    /// `comment`, `gift`, `feedback`, `flash_sale`, or `removed` (a tag taken back after it was
    /// sent).
    pub kind: String,
    /// The product a tag or a flash sale is about.
    pub product: Option<String>,
    /// A flagged comment's first category, a tag's kind, or how a flash sale ended.
    pub category: Option<String>,
    /// The event as the desktop's archive keeps it.
    pub payload: serde_json::Value,
}

/// Where this desktop stands with the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubMark {
    pub device_id: String,
    /// The last sequence given out.
    pub numbered: i64,
    /// Every event up to this sequence is held by the hub.
    pub acked: i64,
}

impl HubMark {
    /// Events numbered that the hub does not hold yet.
    pub fn behind(&self) -> u64 {
        (self.numbered - self.acked).max(0) as u64
    }
}

impl Archive {
    /// Numbers the rows archived since the last call (see the module docs for which), in one
    /// transaction; where the desktop stands afterwards.
    pub fn number_for_hub(&mut self) -> Result<HubMark, StoreError> {
        const DOING: &str = "numbering events for the hub";
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).context(&self.path, DOING)?;
        tx.execute_batch(
            // Comments and gifts: ids only grow (rows are never deleted, but with their empty live),
            // so "above the last numbered" finds the new ones without a scan.
            "INSERT INTO hub_outbox (origin, row_id, ts)
                 SELECT 'comment', id, ts FROM comments
                 WHERE id > (SELECT coalesce(max(row_id), 0) FROM hub_outbox WHERE origin = 'comment')
                 ORDER BY id;
             INSERT INTO hub_outbox (origin, row_id, ts)
                 SELECT 'event', id, ts FROM events
                 WHERE type = 'gift' AND id > (SELECT coalesce(max(row_id), 0) FROM hub_outbox WHERE origin = 'event')
                 ORDER BY id;
             INSERT INTO hub_outbox (origin, row_id, ts)
                 SELECT 'feedback', f.id, f.comment_ts FROM feedback f JOIN live_sessions s ON s.id = f.session_id
                 WHERE s.ended_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM hub_outbox o WHERE o.origin = 'feedback' AND o.row_id = f.id)
                 ORDER BY f.id;
             INSERT INTO hub_outbox (origin, row_id, ts)
                 SELECT 'flash_sale', rowid, starts_at FROM flash_sales
                 WHERE ended_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM hub_outbox o WHERE o.origin = 'flash_sale' AND o.row_id = flash_sales.rowid)
                 ORDER BY rowid;",
        )
        .context(&self.path, DOING)?;
        tx.commit().context(&self.path, DOING)?;
        self.hub_mark()
    }

    /// This desktop's device id, the last sequence given out and the hub's acknowledgement.
    pub fn hub_mark(&self) -> Result<HubMark, StoreError> {
        self.conn
            .query_row(
                "SELECT device_id, (SELECT coalesce(max(seq), 0) FROM hub_outbox), acked_seq FROM hub_device",
                [],
                |row| Ok(HubMark { device_id: row.get(0)?, numbered: row.get(1)?, acked: row.get(2)? }),
            )
            .context(&self.path, "reading where the hub stands")
    }

    /// Records that the hub holds every event up to `held`. A mark never moves back: an older
    /// acknowledgement arriving late changes nothing.
    pub fn set_hub_acked(&self, held: i64) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE hub_device SET acked_seq = max(acked_seq, ?1)", [held])
            .context(&self.path, "recording the hub's acknowledgement")?;
        Ok(())
    }

    /// Up to `limit` numbered events after sequence `after`, in order, as the hub takes them.
    pub fn hub_events_after(&self, after: i64, limit: usize) -> Result<Vec<HubEvent>, StoreError> {
        const DOING: &str = "reading events for the hub";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT o.seq, o.origin, o.ts,
                        coalesce(c.session_id, e.session_id, f.session_id, fs.session_id),
                        coalesce(s.host, ''),
                        c.msg_id, c.unique_id, c.nickname, c.text, c.flags,
                        e.payload,
                        f.kind, f.product, f.text, f.unique_id, f.nickname, f.answered_at,
                        fs.id, fs.product, fs.price, fs.stock, fs.deadline, fs.ended_at, fs.end_reason,
                        coalesce(c.id, e.id, f.id, fs.rowid) IS NOT NULL
                 FROM hub_outbox o
                 LEFT JOIN comments c ON o.origin = 'comment' AND c.id = o.row_id
                 LEFT JOIN events e ON o.origin = 'event' AND e.id = o.row_id
                 LEFT JOIN feedback f ON o.origin = 'feedback' AND f.id = o.row_id
                 LEFT JOIN flash_sales fs ON o.origin = 'flash_sale' AND fs.rowid = o.row_id
                 LEFT JOIN live_sessions s ON s.id = coalesce(c.session_id, e.session_id, f.session_id, fs.session_id)
                 WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2",
            )
            .context(&self.path, DOING)?;
        let rows = stmt
            .query_map(params![after, limit as i64], |row| {
                let seq: i64 = row.get(0)?;
                let origin: String = row.get(1)?;
                let ts: i64 = row.get(2)?;
                let session_id: Option<i64> = row.get(3)?;
                let base = |kind: &str, product: Option<String>, category: Option<String>, payload| HubEvent {
                    seq,
                    ts,
                    session_id,
                    host: row.get(4).unwrap_or_default(),
                    kind: kind.into(),
                    product,
                    category,
                    payload,
                };
                if !row.get::<_, bool>(24)? {
                    // The row went after it was numbered (a tag taken back): its number still goes
                    // up, so the hub's sequence has no hole, but it counts for nothing.
                    return Ok(base("removed", None, None, json!({ "origin": origin })));
                }
                Ok(match origin.as_str() {
                    "comment" => {
                        let flags: serde_json::Value =
                            serde_json::from_str(&row.get::<_, String>(9)?).unwrap_or(serde_json::Value::Null);
                        let category = flags
                            .get(0)
                            .and_then(|flag| flag.get("category"))
                            .and_then(|category| category.as_str())
                            .map(String::from);
                        let payload = json!({
                            "id": row.get::<_, String>(5)?,
                            "unique_id": row.get::<_, String>(6)?,
                            "nickname": row.get::<_, String>(7)?,
                            "text": row.get::<_, String>(8)?,
                            "flags": flags,
                        });
                        base("comment", None, category, payload)
                    }
                    "event" => {
                        let payload = serde_json::from_str(&row.get::<_, String>(10)?).unwrap_or_default();
                        base("gift", None, None, payload)
                    }
                    "feedback" => {
                        let payload = json!({
                            "text": row.get::<_, String>(13)?,
                            "unique_id": row.get::<_, String>(14)?,
                            "nickname": row.get::<_, String>(15)?,
                            "answered_at": row.get::<_, Option<i64>>(16)?,
                        });
                        base("feedback", row.get(12)?, row.get(11)?, payload)
                    }
                    _ => {
                        let payload = json!({
                            "id": row.get::<_, String>(17)?,
                            "price": row.get::<_, String>(19)?,
                            "stock": row.get::<_, Option<i64>>(20)?,
                            "deadline": row.get::<_, i64>(21)?,
                            "ended_at": row.get::<_, Option<i64>>(22)?,
                        });
                        base("flash_sale", row.get(18)?, row.get(23)?, payload)
                    }
                })
            })
            .context(&self.path, DOING)?;
        rows.collect::<Result<Vec<_>, _>>().context(&self.path, DOING)
    }

    /// Records who hosts `session` (the name picked at start, remembered per PC).
    pub fn set_session_host(&self, session: i64, host: &str) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE live_sessions SET host = ?2 WHERE id = ?1", params![session, host])
            .context(&self.path, "recording who hosts the live")?;
        Ok(())
    }

    /// Who hosted lives in this archive, the latest first, at most `limit`: the names the
    /// console offers when a live starts.
    pub fn recent_hosts(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let what = "reading who hosted the lives";
        let mut statement = self
            .conn
            .prepare(
                "SELECT host FROM live_sessions WHERE host <> '' \
                 GROUP BY host ORDER BY MAX(started_at) DESC, host LIMIT ?1",
            )
            .context(&self.path, what)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let hosts = statement.query_map(params![limit], |row| row.get(0)).context(&self.path, what)?;
        hosts.collect::<Result<_, _>>().context(&self.path, what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::comment;

    fn archive() -> (tempfile::TempDir, Archive) {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::open(dir.path().join("pandu.db")).unwrap();
        (dir, archive)
    }

    #[test]
    fn the_hosts_who_went_live_here_come_latest_first_each_once() {
        let (_dir, archive) = archive();
        for (started, host) in [(1, "Sari"), (2, ""), (3, "Budi"), (4, "Sari"), (5, "Dewi")] {
            let session = archive.begin_session("demo", started).unwrap();
            archive.set_session_host(session, host).unwrap();
        }
        assert_eq!(archive.recent_hosts(10).unwrap(), ["Dewi", "Sari", "Budi"], "no empty name, Sari once");
        assert_eq!(archive.recent_hosts(2).unwrap(), ["Dewi", "Sari"]);
    }

    #[test]
    fn comments_are_numbered_once_in_the_order_they_were_archived() {
        let (_dir, mut archive) = archive();
        let session = archive.begin_session("demo", 1).unwrap();
        archive.set_session_host(session, "Sari").unwrap();
        archive.insert_batch(session, &[comment("a", "halo"), comment("b", "kak")]).unwrap();
        let first = archive.number_for_hub().unwrap();
        assert_eq!((first.numbered, first.acked, first.behind()), (2, 0, 2));
        assert_eq!(first.device_id.len(), 32, "a random device id is made once: {}", first.device_id);
        assert_eq!(archive.number_for_hub().unwrap().numbered, 2, "numbering again adds nothing");
        archive.insert_batch(session, &[comment("c", "ready kak?")]).unwrap();
        assert_eq!(archive.number_for_hub().unwrap().numbered, 3);

        let events = archive.hub_events_after(1, 10).unwrap();
        let texts: Vec<_> = events.iter().map(|event| (event.seq, event.payload["text"].as_str().unwrap())).collect();
        assert_eq!(texts, [(2, "kak"), (3, "ready kak?")]);
        assert_eq!(
            (events[0].host.as_str(), events[0].session_id, events[0].kind.as_str()),
            ("Sari", Some(session), "comment")
        );
    }

    #[test]
    fn the_acknowledgement_never_moves_back() {
        let (_dir, mut archive) = archive();
        let session = archive.begin_session("demo", 1).unwrap();
        archive.insert_batch(session, &[comment("a", "halo"), comment("b", "kak")]).unwrap();
        archive.number_for_hub().unwrap();
        archive.set_hub_acked(2).unwrap();
        archive.set_hub_acked(1).unwrap();
        assert_eq!(archive.hub_mark().unwrap().acked, 2);
        assert_eq!(archive.hub_mark().unwrap().behind(), 0);
    }

    #[test]
    fn a_tag_goes_up_once_its_live_has_ended_and_a_removed_one_keeps_its_number() {
        let (_dir, mut archive) = archive();
        let session = archive.begin_session("demo", 1).unwrap();
        archive.insert_batch(session, &[comment("a", "bahannya apa kak?")]).unwrap();
        archive
            .conn
            .execute(
                "INSERT INTO feedback (session_id, msg_id, comment_ts, unique_id, nickname, text, kind, product,
                     created_at, updated_at)
                 VALUES (?1, 'a', 5, 'dewi', 'Dewi', 'bahannya apa kak?', 'question', 'Gamis Rayon', 6, 6)",
                [session],
            )
            .unwrap();
        assert_eq!(archive.number_for_hub().unwrap().numbered, 1, "the live still runs: the tag may change");
        archive.end_session(session, 10).unwrap();
        assert_eq!(archive.number_for_hub().unwrap().numbered, 2);
        let tag = archive.hub_events_after(1, 10).unwrap().remove(0);
        assert_eq!(
            (tag.kind.as_str(), tag.category.as_deref(), tag.product.as_deref(), tag.ts),
            ("feedback", Some("question"), Some("Gamis Rayon"), 5)
        );
        archive.conn.execute("DELETE FROM feedback", []).unwrap();
        let gone = archive.hub_events_after(1, 10).unwrap().remove(0);
        assert_eq!((gone.seq, gone.kind.as_str()), (2, "removed"));
        assert_eq!(archive.number_for_hub().unwrap().numbered, 2);
    }
}
