//! Opening an archive: refusing a file that is not SQLite or that a newer Pandu wrote, setting
//! the connection up (WAL and the other pragmas) and migrating an older schema forward.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

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

    /// A throwaway archive in memory, for the unit tests.
    #[cfg(test)]
    pub(crate) fn open_in_memory() -> Result<Self, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn =
            Connection::open_with_flags(&path, rusqlite::OpenFlags::default()).context(&path, "opening the archive")?;
        Self::init(conn, path)
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Self, StoreError> {
        let mut archive = Archive { conn, path };
        let found = archive.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: archive.path, found, supported: SCHEMA_VERSION });
        }
        // Version 0 with tables in it is another program's database: migrating would write our
        // tables into it. (Reading the schema also finds a damaged first page.)
        let tables: i64 = archive
            .conn
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |row| row.get(0))
            .context(&archive.path, "reading the schema")?;
        if found == 0 && tables > 0 {
            return Err(StoreError::Foreign { path: archive.path });
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

    /// Rows as each earlier schema version wrote them, inserted with that version's own SQL.
    fn fill_version(conn: &Connection, version: i64) {
        if version >= 1 {
            conn.execute_batch(
                "INSERT INTO live_sessions (id, source, started_at, ended_at) VALUES (1, 'tiktok:@novilla.official', 1764590400000, 1764597600000);
                 INSERT INTO comments (session_id, msg_id, ts, source, user_id, unique_id, nickname, avatar_url,
                                       is_moderator, follow_role, text, flags)
                 VALUES (1, '7441000000000000001', 1764590460000, 'tiktok:@novilla.official', '6900000000000000001',
                         'sari.hijab', 'Sari 🌸', NULL, 0, 'follower', 'kak ongkirnya ke medan berapa? 😍',
                         '[]'),
                        (1, '7441000000000000002', 1764590520000, 'tiktok:@novilla.official', '6900000000000000002',
                         'budi_99', 'Budi', NULL, 0, 'none', 'cek shopee lebih murah',
                         '[{\"term\":\"shopee\",\"category\":\"competitor\",\"start\":4,\"end\":10,\"matched\":\"shopee\",\"suggest\":\"aplikasi oren\"}]');
                 INSERT INTO events (session_id, msg_id, ts, source, type, payload)
                 VALUES (1, 'v1', 1764590500000, 'tiktok:@novilla.official', 'viewer_count',
                         '{\"id\":\"v1\",\"ts\":1764590500000,\"source\":\"tiktok:@novilla.official\",\"type\":\"viewer_count\",\"count\":412}');",
            )
            .unwrap();
        }
        if version >= 6 {
            // From v6 the writer indexes each batch itself (`Archive::insert_batch`), not a trigger.
            conn.execute(
                "INSERT INTO comments_fts (rowid, text, nickname) SELECT id, text, nickname FROM comments",
                [],
            )
            .unwrap();
        }
        if version >= 2 {
            conn.execute("INSERT INTO muted_users VALUES ('budi_99', 'Budi', 1764590530000)", []).unwrap();
        }
        if version >= 3 {
            conn.execute_batch(
                "INSERT INTO flash_sales (id, session_id, product, price, stock, created_at, starts_at, deadline, ended_at, end_reason)
                 VALUES ('fs-0a1b2c3d', 1, 'Gamis Novilla', 'Rp199.000', 20, 1764590600000, 1764590600000, 1764590900000, 1764590900000, 'expired');
                 INSERT INTO run_sheets VALUES ('Senin', '[]', 1764590000000);",
            )
            .unwrap();
        }
    }

    #[test]
    fn every_earlier_schema_migrates_to_the_current_one_keeping_its_rows() {
        for version in 0..SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("pandu.db");
            {
                let mut conn = Connection::open(&path).unwrap();
                for (index, sql) in migrations::MIGRATIONS.iter().enumerate().take(version as usize) {
                    let tx = conn.transaction().unwrap();
                    tx.execute_batch(sql).unwrap();
                    tx.pragma_update(None, "user_version", index as i64 + 1).unwrap();
                    tx.commit().unwrap();
                }
                fill_version(&conn, version);
            }
            let archive = Archive::open(&path).unwrap_or_else(|error| panic!("v{version}: {error}"));
            assert_eq!(archive.schema_version().unwrap(), SCHEMA_VERSION, "v{version}");
            if version >= 1 {
                assert_eq!(archive.count_comments(Some(1)).unwrap(), 2, "v{version}");
                // Comments written before search existed are found: the migration indexed them.
                let hits = archive.search("ongkir", 10).unwrap();
                assert_eq!(hits.len(), 1, "v{version}");
                assert_eq!(hits[0].nickname, "Sari 🌸");
                let report = archive.report_data(crate::store::Lives::Session(1)).unwrap();
                assert_eq!(report.flagged_by_category, [("competitor".to_string(), 1)], "v{version}");
                assert_eq!(report.viewers_peak, Some(412), "v{version}");
            }
            if version >= 2 {
                assert_eq!(archive.muted_users().unwrap()[0].unique_id, "budi_99", "v{version}");
            }
            if version >= 3 {
                assert_eq!(archive.session_flash_sales(1).unwrap().len(), 1, "v{version}");
            }
            // The new tables work on the migrated file.
            let tagged = crate::store::TaggedComment {
                session: (version >= 1).then_some(1),
                msg_id: "7441000000000000001".into(),
                ts: 1764590460000,
                unique_id: "sari.hijab".into(),
                nickname: "Sari 🌸".into(),
                text: "kak ongkirnya ke medan berapa? 😍".into(),
            };
            let entry = archive
                .tag_comment(&tagged, crate::event::FeedbackKind::Question, Some("Gamis"), "", 1764590700000)
                .unwrap_or_else(|error| panic!("v{version}: {error}"));
            assert_eq!(entry.kind, crate::event::FeedbackKind::Question);
        }
    }

    #[test]
    fn another_programs_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("places.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.com');").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let error = Archive::open(&path).err().unwrap();
        assert!(matches!(error, StoreError::Foreign { .. }), "{error}");
        assert!(error.to_string().contains("places.sqlite"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_damaged_archive_is_refused_naming_the_damage_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pandu.db");
        {
            let mut archive = Archive::open(&path).unwrap();
            let session = archive.begin_session("demo", 1).unwrap();
            archive.insert_batch(session, &[comment("a", "halo kak")]).unwrap();
            archive.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
        }
        // Scribble over the schema table's page, past the 100-byte file header.
        let mut bytes = std::fs::read(&path).unwrap();
        for byte in &mut bytes[100..1000] {
            *byte = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        let error = Archive::open(&path).err().unwrap();
        assert!(matches!(error, StoreError::Corrupt { .. } | StoreError::NotSqlite { .. }), "{error:?}");
        assert!(error.to_string().contains("pandu.db") && error.to_string().contains("left untouched"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn open_existing_does_not_create_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        assert!(matches!(Archive::open_existing(&path), Err(StoreError::Missing { .. })));
        assert!(!path.exists());
    }
}
