//! Opening an archive: refusing a file that is not SQLite or that a newer Pandu wrote, setting
//! the connection up (WAL and the other pragmas) and migrating an older schema forward.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::migrations::{self, SCHEMA_VERSION};
use super::{Archive, Context, StoreError};

impl Archive {
    /// Opens the archive at `path`, creating the file (and its folder) if needed and migrating
    /// an older schema forward.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        refuse_non_sqlite(&path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).context(parent, "creating the archive's folder")?;
        }
        let conn = Connection::open(&path).context(&path, "opening the archive")?;
        Self::init(conn, path)
    }

    /// Opens an archive that must already exist (for export and reports: a typo in the path
    /// should not quietly create an empty archive).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        Self::open(path)
    }

    /// A throwaway archive in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_with_flags(&path, OpenFlags::default()).context(&path, "opening the archive")?;
        Self::init(conn, path)
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Self, StoreError> {
        let mut archive = Archive { conn, path };
        let found = archive.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: archive.path, found, supported: SCHEMA_VERSION });
        }
        archive
            .conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000;",
            )
            .context(&archive.path, "setting up the connection (WAL mode)")?;
        archive.apply_migrations(migrations::MIGRATIONS, found)?;
        Ok(archive)
    }

    /// The schema version recorded in the file (0 for a new, empty file).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .context(&self.path, "reading the schema version")
    }

    fn apply_migrations(&mut self, migrations: &[&str], from: i64) -> Result<(), StoreError> {
        const DOING: &str = "migrating the schema";
        for (index, sql) in migrations.iter().enumerate().skip(from as usize) {
            let version = index as i64 + 1;
            let tx = self.conn.transaction().context(&self.path, DOING)?;
            tx.execute_batch(sql).context(&self.path, DOING)?;
            tx.pragma_update(None, "user_version", version).context(&self.path, DOING)?;
            tx.commit().context(&self.path, DOING)?;
        }
        Ok(())
    }
}

/// SQLite files start with this 16-byte magic string.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses an existing, non-empty file that is not SQLite, before SQLite (or WAL set-up) can
/// write anything to it.
fn refuse_non_sqlite(path: &Path) -> Result<(), StoreError> {
    const DOING: &str = "checking that the file is an archive";
    let mut file = match std::fs::File::open(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        opened => opened.context(path, DOING)?,
    };
    let mut header = Vec::with_capacity(SQLITE_MAGIC.len());
    (&mut file).take(SQLITE_MAGIC.len() as u64).read_to_end(&mut header).context(path, DOING)?;
    if header.is_empty() || header == SQLITE_MAGIC {
        Ok(())
    } else {
        Err(StoreError::NotSqlite { path: path.to_path_buf() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::comment;

    #[test]
    fn a_new_file_is_migrated_to_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/folder/pandu.db");
        let archive = Archive::open(&path).unwrap();
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION);
        let mode: String = archive.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        archive.mute("sari", "Sari", 1).unwrap();
        drop(archive);
        // Reopening an up-to-date file runs no migration and keeps the data.
        let archive = Archive::open(&path).unwrap();
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(archive.muted_users().unwrap().len(), 1);
    }

    #[test]
    fn an_empty_file_is_treated_as_a_new_archive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").unwrap();
        assert_eq!(Archive::open(&path).unwrap().schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        let content = b"catatan live: jangan sebut aplikasi oren\n".repeat(50);
        std::fs::write(&path, &content).unwrap();
        let error = Archive::open(&path).err().unwrap();
        assert!(matches!(error, StoreError::NotSqlite { .. }), "{error}");
        assert!(error.to_string().contains("notes.db"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), content);
        assert!(!dir.path().join("notes.db-wal").exists());
    }

    #[test]
    fn an_archive_from_a_newer_schema_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 99;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let error = Archive::open(&path).err().unwrap();
        assert!(matches!(error, StoreError::NewerSchema { found: 99, .. }), "{error}");
        assert!(error.to_string().contains("future.db"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn migrations_resume_from_the_recorded_version_and_keep_data() {
        let mut archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 1).unwrap();
        archive.insert_batch(session, &[comment("a", "halo kak")]).unwrap();
        // A later build adds the next migration; opening a file at the current version applies
        // only that one.
        let later: Vec<&str> = migrations::MIGRATIONS
            .iter()
            .copied()
            .chain(["ALTER TABLE comments ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;"])
            .collect();
        archive.apply_migrations(&later, SCHEMA_VERSION).unwrap();
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION + 1);
        let pinned: i64 = archive.conn.query_row("SELECT pinned FROM comments", [], |r| r.get(0)).unwrap();
        assert_eq!(pinned, 0);
        assert_eq!(archive.count_comments(None).unwrap(), 1);
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version_in_force() {
        let mut archive = Archive::open_in_memory().unwrap();
        let broken: Vec<&str> = migrations::MIGRATIONS.iter().copied().chain(["ALTER TABLE nope ADD x;"]).collect();
        let error = archive.apply_migrations(&broken, SCHEMA_VERSION).unwrap_err();
        assert!(error.to_string().contains("migrating the schema"), "{error}");
        assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn open_existing_does_not_create_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        assert!(matches!(Archive::open_existing(&path), Err(StoreError::Missing { .. })));
        assert!(!path.exists());
    }
}
