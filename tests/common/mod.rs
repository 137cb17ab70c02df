//! Helpers shared by the integration tests that run the `pandu` binary.

#![allow(dead_code)] // each test file uses its own share of the helpers

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub mod postgres;

const PANDU: &str = env!("CARGO_BIN_EXE_pandu");

/// `pandu serve` running in the background, with its settings kept in a temp folder.
pub struct Served {
    child: Child,
    pub port: u16,
}

impl Served {
    pub fn start(home: &Path, args: &[&str]) -> Served {
        Served::start_command(home, &[&["serve"], args].concat(), "pandu serving on http://127.0.0.1:")
    }

    /// `pandu hub serve` with `args`, on every interface; requests go to 127.0.0.1.
    pub fn start_hub(home: &Path, args: &[&str]) -> Served {
        Served::start_command(home, &[&["hub", "serve"], args].concat(), "pandu hub serving on http://0.0.0.0:")
    }

    /// Runs `pandu ARGS`, whose first line is `announced` and the port it listens on.
    fn start_command(home: &Path, args: &[&str], announced: &str) -> Served {
        let mut child = pandu(home).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first_line).unwrap();
        let port = first_line
            .trim()
            .strip_prefix(announced)
            .unwrap_or_else(|| {
                let mut stderr = String::new();
                child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
                panic!("unexpected first line: {first_line:?}; stderr: {stderr}")
            })
            .parse()
            .unwrap();
        Served { child, port }
    }

    /// `pandu serve` on the archive `db`, reading `source` ("none", "demo:50", ...), on a free
    /// port, taking `token`.
    pub fn start_on(home: &Path, db: impl AsRef<Path>, token: &str, source: &str) -> Served {
        let db = db.as_ref().to_str().unwrap();
        Served::start(home, &["--db", db, "--port", "0", "--token", token, "--source", source])
    }

    /// `pandu serve` on the archive `home/live.db` with no source, on a free port, taking `token`.
    pub fn start_bare(home: &Path, token: &str) -> Served {
        Served::start_on(home, home.join("live.db"), token, "none")
    }

    /// A JSON request with `token` (`null` sends no body).
    pub fn call(&self, method: &str, path: &str, token: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        let body = if body.is_null() { String::new() } else { body.to_string() };
        self.request(method, path, Some(token), &body)
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> (u16, serde_json::Value) {
        self.request("GET", path, token, "")
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &str) -> (u16, serde_json::Value) {
        self.request("POST", path, token, body)
    }

    pub fn request(&self, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, serde_json::Value) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
        let length = body.len();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Content-Type: application/json\r\n\
             Content-Length: {length}\r\nConnection: close\r\n\r\n{body}"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = &response[response.find("\r\n\r\n").unwrap() + 4..];
        (status, serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}")))
    }

    /// Kills it outright (`kill -9`: a crash, a power cut), giving it no chance to save anything.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Sends SIGTERM, as a service manager or `kill` would, and waits for a clean exit.
    pub fn stop(mut self) -> String {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let status = self.child.wait().unwrap();
        let mut stderr = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert!(status.success(), "pandu serve exited with {status}: {stderr}");
        stderr
    }
}

/// A WebSocket request for `url` carrying `token` as `Authorization: Bearer` (only the host
/// view's stream takes a token in its URL).
pub fn ws_request(url: &str, token: &str) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    request
}

pub fn pandu(home: &Path) -> Command {
    let mut command = Command::new(PANDU);
    command.env("XDG_CONFIG_HOME", home.join("config")).env("XDG_DATA_HOME", home.join("data")).env("HOME", home);
    command
}

/// The JSON lines a successful `pandu ARGS` writes.
pub fn json_lines(home: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let output = run(home, args);
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

pub fn run(home: &Path, args: &[&str]) -> Output {
    pandu(home).args(args).output().unwrap()
}

pub fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
