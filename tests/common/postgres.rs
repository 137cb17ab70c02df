//! A real PostgreSQL for the hub's tests, from the OS package (`make test` installs
//! `postgresql`), in a temporary folder: `initdb`, then `pg_ctl … -w start` listening only on a
//! Unix socket in that folder, so tests never meet each other or a server the machine runs.
//! PostgreSQL refuses to run as root; as root the cluster belongs to the package's `postgres`
//! user. Stopped (immediately) and removed when dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Postgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    as_postgres: bool,
    /// Writes reach the disk (`fsync`): for benches. Tests run without, for speed.
    durable: bool,
    /// The port of the socket (and of 127.0.0.1 when [`Postgres::start_with_password`]).
    port: u16,
    /// `listen_addresses`: none but the socket, unless a test asks for TCP.
    listen: &'static str,
}

/// The package's binaries: Debian keeps them under /usr/lib/postgresql/VERSION/bin.
fn bin_dir() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|entry| entry.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop().unwrap_or_else(|| {
        panic!("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): `make test` installs the postgresql package")
    })
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

impl Postgres {
    pub fn start() -> Postgres {
        Postgres::start_with(false)
    }

    /// A server that flushes its writes to disk as a real one does: what a bench measures.
    pub fn start_durable() -> Postgres {
        Postgres::start_with(true)
    }

    fn start_with(durable: bool) -> Postgres {
        let dir = tempfile::Builder::new().prefix("pandu-pg-").tempdir().unwrap();
        let as_postgres = is_root();
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().unwrap();
            assert!(status.success(), "chown the cluster's folder to postgres");
        }
        let postgres = Postgres { dir, bin: bin_dir(), as_postgres, durable, port: 5432, listen: "" };
        let data = postgres.data();
        postgres.run(
            "initdb",
            &["-D", &data, "-U", "pandu", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
        );
        postgres.pg_ctl_start();
        postgres
    }

    /// A server that also listens on 127.0.0.1, on a port of its own, and asks TCP clients for
    /// `user`'s `password` (SCRAM), as the docker-compose file's PostgreSQL does; its port.
    pub fn start_with_password(password: &str) -> (Postgres, u16) {
        let mut postgres = Postgres::start();
        let socket = postgres.socket_dir().display().to_string();
        let set = format!("ALTER ROLE pandu PASSWORD '{password}'");
        postgres.run("psql", &["-h", &socket, "-p", "5432", "-U", "pandu", "-d", "postgres", "-c", &set]);
        let hba = postgres.dir.path().join("data/pg_hba.conf");
        std::fs::write(&hba, "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n").unwrap();
        postgres.run("pg_ctl", &["-D", &postgres.data(), "-m", "fast", "-w", "stop"]);
        postgres.port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        postgres.listen = "127.0.0.1";
        postgres.pg_ctl_start();
        let port = postgres.port;
        (postgres, port)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The connection string a test hands Pandu, for `database`.
    pub fn url(&self, database: &str) -> String {
        format!("host={} port={} user=pandu dbname={database}", self.socket_dir().display(), self.port)
    }

    /// Creates `database` and returns its connection string.
    pub fn database(&self, database: &str) -> String {
        let socket = self.socket_dir().display().to_string();
        self.run("createdb", &["-h", &socket, "-p", &self.port.to_string(), "-U", "pandu", database]);
        self.url(database)
    }

    fn pg_ctl_start(&self) {
        let fsync = if self.durable { "on" } else { "off" };
        let options = format!(
            "-k {} -p {} -c listen_addresses='{}' -c fsync={fsync}",
            self.socket_dir().display(),
            self.port,
            self.listen
        );
        let log = self.dir.path().join("server.log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data(), "-o", &options, "-l", &log, "-w", "start"]);
    }

    /// Stops the server now (as a crash would) and starts it again on the same data.
    pub fn restart(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
        self.pg_ctl_start();
    }

    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let output = if self.as_postgres {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&program).args(args).output()
        } else {
            Command::new(&program).args(args).output()
        }
        .unwrap_or_else(|error| panic!("{}: {error}", program.display()));
        assert!(
            output.status.success(),
            "{} {args:?}: {}{}",
            program.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data();
        let program = self.bin.join("pg_ctl");
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        let _ = if self.as_postgres {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&program).args(args).output()
        } else {
            Command::new(&program).args(args).output()
        };
    }
}
