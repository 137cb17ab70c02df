//! The agency hub: every shop's lives in one PostgreSQL, while each desktop stays local-first.
//!
//! So far: setting up and upgrading the hub's tables ([`migrate`], `pandu hub migrate`; the
//! tables and why they are shaped so are in [`migrations`]), and landing desktops' batches
//! ([`intake`]). The hub's server, the desktops' uploader and the agency report build on these.

pub mod fetch;
pub mod intake;
pub mod lexicon;
pub mod migrations;
pub mod report;
pub mod uploader;

use std::fmt;

use tokio_postgres::NoTls;

pub use migrations::SCHEMA_VERSION;
pub use uploader::{HubSettings, HubState, HubStatus};

/// Why the hub's database could not be used, with the address (its password hidden).
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("{url}: cannot connect to PostgreSQL: {message}")]
    Connect { url: Redacted, message: String },
    #[error("{url}: the hub's tables are at version {found}, newer than this Pandu knows ({known}): update Pandu")]
    Newer { url: Redacted, found: i32, known: i32 },
    #[error("{url}: {doing}: {message}")]
    Database { url: Redacted, doing: &'static str, message: String },
}

/// A PostgreSQL address as it may be printed: any password replaced by `***`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted(String);

impl Redacted {
    pub fn new(url: &str) -> Redacted {
        // `postgresql://user:secret@host/db` and `password=secret` in key=value form.
        let url = match url.split_once("://") {
            Some((scheme, rest)) => match rest.split_once('@') {
                Some((credentials, host)) if credentials.contains(':') => {
                    let user = credentials.split(':').next().unwrap_or_default();
                    format!("{scheme}://{user}:***@{host}")
                }
                _ => url.to_string(),
            },
            None => url
                .split_whitespace()
                .map(|pair| if pair.starts_with("password=") { "password=***" } else { pair })
                .collect::<Vec<_>>()
                .join(" "),
        };
        Redacted(url)
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The advisory lock migrations hold, a number no other program's lock is likely to be.
const MIGRATION_LOCK: i64 = 7_441_000_123;

/// What [`migrate`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub from: i32,
    pub to: i32,
}

/// Connects to the hub's database at `url`.
pub async fn connect(url: &str) -> Result<tokio_postgres::Client, HubError> {
    let connect_error =
        |error: tokio_postgres::Error| HubError::Connect { url: Redacted::new(url), message: causes(&error) };
    let (client, connection) = tokio_postgres::connect(url, NoTls).await.map_err(connect_error)?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!("the hub's PostgreSQL connection ended: {}", causes(&error));
        }
    });
    Ok(client)
}

/// Turns a PostgreSQL error met while `doing` something at `url` into a [`HubError`].
fn database<'a>(url: &'a str, doing: &'static str) -> impl Fn(tokio_postgres::Error) -> HubError + 'a {
    move |error| HubError::Database { url: Redacted::new(url), doing, message: causes(&error) }
}

/// Checks that the hub's tables at `url` are at this Pandu's version, else names `pandu hub
/// migrate`.
pub async fn require_migrated(url: &str) -> Result<(), HubError> {
    let version = schema_version(url).await?;
    if version != SCHEMA_VERSION {
        return Err(HubError::Database {
            url: Redacted::new(url),
            doing: "checking the hub's tables",
            message: format!(
                "they are at version {version}, this Pandu needs {SCHEMA_VERSION}: run `pandu hub migrate --postgres …`"
            ),
        });
    }
    Ok(())
}

/// Sets up or upgrades the hub's tables at `url` to [`SCHEMA_VERSION`]; a database a later Pandu
/// migrated is refused and left as it is.
pub async fn migrate(url: &str) -> Result<Migrated, HubError> {
    let mut client = connect(url).await?;
    let database = |doing| database(url, doing);
    let mut from = None;
    loop {
        let transaction = client.transaction().await.map_err(database("starting a migration"))?;
        // One migrator at a time: a second waits here, then finds the work done.
        transaction
            .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(database("waiting for another migration"))?;
        // Under the lock: `IF NOT EXISTS` alone races when two create the table at once.
        transaction
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS hub_schema (
                     id      INTEGER PRIMARY KEY CHECK (id = 1),
                     version INTEGER NOT NULL
                 );
                 INSERT INTO hub_schema (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;",
            )
            .await
            .map_err(database("creating the schema version table"))?;
        let version: i32 = transaction
            .query_one("SELECT version FROM hub_schema WHERE id = 1", &[])
            .await
            .map_err(database("reading the schema version"))?
            .get(0);
        let first = *from.get_or_insert(version);
        if version > SCHEMA_VERSION {
            return Err(HubError::Newer { url: Redacted::new(url), found: version, known: SCHEMA_VERSION });
        }
        if version == SCHEMA_VERSION {
            transaction.commit().await.map_err(database("finishing the migrations"))?;
            return Ok(Migrated { from: first, to: version });
        }
        transaction
            .batch_execute(migrations::MIGRATIONS[version as usize])
            .await
            .map_err(database("applying a migration"))?;
        transaction
            .execute("UPDATE hub_schema SET version = $1 WHERE id = 1", &[&(version + 1)])
            .await
            .map_err(database("recording the schema version"))?;
        transaction.commit().await.map_err(database("committing a migration"))?;
    }
}

/// The schema version of the hub's database at `url` (0: never migrated).
pub async fn schema_version(url: &str) -> Result<i32, HubError> {
    let client = connect(url).await?;
    let exists: bool = client
        .query_one("SELECT to_regclass('hub_schema') IS NOT NULL", &[])
        .await
        .map_err(|error| HubError::Database {
            url: Redacted::new(url),
            doing: "reading the schema version",
            message: causes(&error),
        })?
        .get(0);
    if !exists {
        return Ok(0);
    }
    client.query_one("SELECT version FROM hub_schema WHERE id = 1", &[]).await.map(|row| row.get(0)).map_err(|error| {
        HubError::Database { url: Redacted::new(url), doing: "reading the schema version", message: causes(&error) }
    })
}

/// An error with what caused it: tokio-postgres keeps the server's message (or the I/O error)
/// in its source.
fn causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_prints() {
        assert_eq!(
            Redacted::new("postgresql://agensi:rahasia@10.0.0.5:5432/hub").to_string(),
            "postgresql://agensi:***@10.0.0.5:5432/hub"
        );
        assert_eq!(Redacted::new("postgresql://agensi@10.0.0.5/hub").to_string(), "postgresql://agensi@10.0.0.5/hub");
        assert_eq!(
            Redacted::new("host=/tmp port=5433 password=rahasia dbname=hub").to_string(),
            "host=/tmp port=5433 password=*** dbname=hub"
        );
    }
}
