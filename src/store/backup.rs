//! Backups: a consistent copy of the archive made with SQLite's online backup API while the app
//! keeps writing, and the daily rotation the app runs.
//!
//! The backup API copies the database page by page under SQLite's own locking, so a copy taken
//! mid-live is a valid archive as of one instant; copying the file (and its `-wal`) by hand
//! while Pandu runs is not. Restoring is the reverse of a copy: quit Pandu, put the backup in
//! the archive's place (removing any `pandu.db-wal` and `pandu.db-shm` beside it), start Pandu.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::{Archive, Context, StoreError};

/// Pages copied per step; between steps the writer may commit, so a backup never holds the
/// live's writes back for long.
const PAGES_PER_STEP: i32 = 1024;

/// Daily backups are named `pandu-YYYY-MM-DD.db`.
const DAILY_PREFIX: &str = "pandu-";
const DAILY_SUFFIX: &str = ".db";

impl Archive {
    /// Writes a consistent copy of this archive to `out` (replacing the file there, through a
    /// temporary file beside it, so a failed backup never leaves half a file under its name).
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        const DOING: &str = "writing a backup";
        if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).context(folder, "creating the backup folder")?;
        }
        let partial = out.with_extension("db.partial");
        let _ = std::fs::remove_file(&partial);
        let result = (|| {
            let mut copy = Connection::open(&partial).context(&partial, DOING)?;
            {
                let backup = Backup::new(&self.conn, &mut copy).context(out, DOING)?;
                backup.run_to_completion(PAGES_PER_STEP, Duration::from_millis(5), None).context(out, DOING)?;
            }
            // The copy is a plain file, not WAL: one file to send or restore.
            copy.pragma_update(None, "journal_mode", "DELETE").context(out, DOING)?;
            drop(copy);
            std::fs::rename(&partial, out).context(out, "putting the backup in place")
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }
}

/// The daily backup's file for `date` (`YYYY-MM-DD`) in `folder`.
pub fn daily_backup_path(folder: &Path, date: &str) -> PathBuf {
    folder.join(format!("{DAILY_PREFIX}{date}{DAILY_SUFFIX}"))
}

/// Removes the oldest daily backups in `folder` beyond the newest `keep`; the files removed.
/// Only files named as daily backups are touched.
pub fn prune_daily_backups(folder: &Path, keep: usize) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match std::fs::read_dir(folder) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        entries => entries.context(folder, "listing the backups")?,
    };
    let mut daily: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name().and_then(|name| name.to_str()).is_some_and(|name| {
                name.strip_prefix(DAILY_PREFIX)
                    .and_then(|rest| rest.strip_suffix(DAILY_SUFFIX))
                    .is_some_and(|date| jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok())
            })
        })
        .collect();
    // ISO dates sort as text.
    daily.sort();
    let surplus = daily.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = daily.into_iter().take(surplus).collect();
    for path in &removed {
        std::fs::remove_file(path).context(path, "removing an old backup")?;
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::comment;

    #[test]
    fn a_backup_taken_while_writing_is_a_whole_archive_and_restores() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        let mut archive = Archive::open(&path).unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        let batch: Vec<_> = (0..5000).map(|n| comment(&format!("m{n}"), "ready kak?")).collect();
        archive.insert_batch(session, &batch).unwrap();

        // Another connection keeps writing while the backup runs.
        let writer_path = path.clone();
        let writing = std::thread::spawn(move || {
            let mut writer = Archive::open(&writer_path).unwrap();
            for n in 0..50 {
                writer.insert_batch(session, &[comment(&format!("late{n}"), "halo")]).unwrap();
            }
        });
        let out = dir.path().join("backups/copy.db");
        archive.backup_to(&out).unwrap();
        writing.join().unwrap();

        // Restoring: the copy opens as an archive with at least what was there when it began.
        let restored_path = dir.path().join("restored/pandu.db");
        std::fs::create_dir_all(restored_path.parent().unwrap()).unwrap();
        std::fs::copy(&out, &restored_path).unwrap();
        let restored = Archive::open_existing(&restored_path).unwrap();
        let count = restored.count_comments(Some(session)).unwrap();
        assert!((5000..=5050).contains(&count), "{count}");
        assert_eq!(restored.search("ready", 10).unwrap().len(), 10, "its search index came along");
        assert!(!dir.path().join("backups/copy.db.partial").exists());
    }

    #[test]
    fn a_backup_into_an_unwritable_place_is_an_error_naming_it() {
        let archive = Archive::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let error = archive.backup_to(&blocker.join("inside/copy.db")).unwrap_err();
        assert!(error.to_string().contains("creating the backup folder"), "{error}");
    }

    #[test]
    fn pruning_keeps_the_newest_daily_backups_and_nothing_else_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        for date in ["2026-11-28", "2026-11-30", "2026-11-29", "2026-12-01"] {
            std::fs::write(daily_backup_path(dir.path(), date), "x").unwrap();
        }
        std::fs::write(dir.path().join("pandu-penting.db"), "mine").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let removed = prune_daily_backups(dir.path(), 2).unwrap();
        assert_eq!(removed, [daily_backup_path(dir.path(), "2026-11-28"), daily_backup_path(dir.path(), "2026-11-29")]);
        let mut left: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, ["notes.txt", "pandu-2026-11-30.db", "pandu-2026-12-01.db", "pandu-penting.db"]);
        assert!(prune_daily_backups(&dir.path().join("none"), 2).unwrap().is_empty());
    }
}
