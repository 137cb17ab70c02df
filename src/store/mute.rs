//! The co-host's mute list, kept across lives.

use rusqlite::params;
use serde::Serialize;

use super::{Archive, Context, StoreError};
use crate::event::Timestamp;

/// A user on the co-host's mute list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MutedUser {
    /// The @handle, without the `@`, in lowercase.
    pub unique_id: String,
    pub nickname: String,
    #[ts(type = "number")]
    pub muted_at: Timestamp,
}

/// How a handle is keyed on the list: without the `@`, in lowercase.
fn key(unique_id: &str) -> String {
    unique_id.trim_start_matches('@').to_lowercase()
}

impl Archive {
    /// Adds `unique_id` to the mute list (updating the nickname if already there).
    pub fn mute(&self, unique_id: &str, nickname: &str, at: Timestamp) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO muted_users (unique_id, nickname, muted_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (unique_id) DO UPDATE SET nickname = excluded.nickname",
                params![key(unique_id), nickname, at],
            )
            .map(drop)
            .context(&self.path, "adding to the mute list")
    }

    /// Takes `unique_id` off the mute list; `false` if it was not on it.
    pub fn unmute(&self, unique_id: &str) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM muted_users WHERE unique_id = ?1", [key(unique_id)])
            .map(|removed| removed > 0)
            .context(&self.path, "removing from the mute list")
    }

    /// The mute list, most recently muted first.
    pub fn muted_users(&self) -> Result<Vec<MutedUser>, StoreError> {
        self.conn
            .prepare("SELECT unique_id, nickname, muted_at FROM muted_users ORDER BY muted_at DESC, unique_id")
            .and_then(|mut stmt| {
                stmt.query_map([], |row| {
                    Ok(MutedUser { unique_id: row.get(0)?, nickname: row.get(1)?, muted_at: row.get(2)? })
                })?
                .collect()
            })
            .context(&self.path, "reading the mute list")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mute_list_persists_and_ignores_case_and_at_signs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        {
            let archive = Archive::open(&path).unwrap();
            archive.mute("@Fake.Shop", "Novilla OfficiaI", 5).unwrap();
            archive.mute("spammer88", "PROMO", 7).unwrap();
            archive.mute("fake.shop", "renamed", 9).unwrap();
        }
        let archive = Archive::open(&path).unwrap();
        let muted = archive.muted_users().unwrap();
        assert_eq!(muted.iter().map(|m| m.unique_id.as_str()).collect::<Vec<_>>(), ["spammer88", "fake.shop"]);
        assert_eq!(muted[1].nickname, "renamed");
        assert!(archive.unmute("@SPAMMER88").unwrap());
        assert!(!archive.unmute("spammer88").unwrap());
        assert_eq!(archive.muted_users().unwrap().len(), 1);
    }
}
