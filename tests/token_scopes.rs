//! The local API's two tokens against a real `pandu serve`: every route with no token, a wrong
//! one, the host token and the control token (the routes read from docs/api.md, which
//! tests/docs_reference.rs holds to the router, so a new route cannot be left out); the host
//! view's QR code read back as a phone would and what its token opens; rotation from the API and
//! from `pandu token rotate`, ending at once the WebSockets that held the old token; no token
//! in the server's output even at the most verbose logging; and no folder of the user's in what
//! the token-free routes answer.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{Served, pandu, run, ws_request};
use futures_util::StreamExt;
use pandu::config::Settings;
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;

const CONTROL: &str = "scopes-control-token";

fn settings(home: &Path) -> Settings {
    Settings::read(&home.join("config/pandu/config.toml")).unwrap()
}

/// Who may call a route, as docs/api.md says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    None,
    Host,
    Control,
}

/// Every `### \`METHOD /path\`` of docs/api.md with its `Token:` rule, path parameters as `x1`.
fn routes() -> Vec<(String, String, Rule)> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/api.md")).unwrap();
    let mut routes = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in doc.lines() {
        if let Some(route) = line.strip_prefix("### `").and_then(|rest| rest.strip_suffix('`')) {
            current = route.split_once(' ').map(|(method, path)| (method.to_string(), path.to_string()));
        } else if let Some(rule) = line.strip_prefix("Token: ")
            && let Some((method, path)) = current.take()
        {
            let rule = match rule.trim() {
                "none" => Rule::None,
                "host token" => Rule::Host,
                "control token" => Rule::Control,
                other => panic!("docs/api.md: `{method} {path}`: unknown token rule '{other}'"),
            };
            let concrete = path
                .split('/')
                .map(|part| if part.starts_with('{') { "x1" } else { part })
                .collect::<Vec<_>>()
                .join("/");
            routes.push((method, concrete, rule));
        }
    }
    assert!(routes.len() > 30, "read only {routes:?} from docs/api.md");
    routes
}

/// The status of `method path` with `token` as a bearer header (or none).
fn status(served: &Served, method: &str, path: &str, token: Option<&str>) -> u16 {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let auth = token.map(|token| format!("Authorization: Bearer {token}\r\n")).unwrap_or_default();
    std::io::Write::write_all(
        &mut stream,
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Length: 0\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
    .unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
}

#[test]
fn every_route_answers_each_token_as_its_scope_says() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), CONTROL);
    let host = settings(home.path()).host_token;
    assert_eq!(host.len(), 64);
    let mut problems = Vec::new();
    let mut counted = [0usize; 3];
    for (method, path, rule) in routes() {
        counted[rule as usize] += 1;
        let with_query = |token: &str| {
            let joiner = if path.contains('?') { '&' } else { '?' };
            format!("{path}{joiner}token={token}")
        };
        let mut expect = |what: &str, got: u16, ok: bool| {
            if !ok {
                problems.push(format!("{method} {path} ({rule:?}) {what}: {got}"));
            }
        };
        if rule == Rule::None {
            let got = status(&served, &method, &path, None);
            expect("with no token", got, got != 401 && got != 403);
            continue;
        }
        let got = status(&served, &method, &path, None);
        expect("with no token", got, got == 401);
        let got = status(&served, &method, &path, Some("wrong"));
        expect("with a wrong token", got, got == 401);
        let got = status(&served, &method, &path, Some(&format!("{host}x")));
        expect("with the host token and one more digit", got, got == 401);
        let got = status(&served, &method, &path, Some(&host));
        match rule {
            Rule::Control => expect("with the host token", got, got == 403),
            _ => expect("with the host token", got, got != 401 && got != 403),
        }
        let got = status(&served, &method, &path, Some(CONTROL));
        expect("with the control token", got, got != 401 && got != 403);
        // A token in the URL: only the host view's page and stream take it.
        let page = path == "/host" || path == "/host/events";
        for token in [host.as_str(), CONTROL] {
            let got = status(&served, &method, &with_query(token), None);
            expect("with a token in the URL", got, if page { got != 401 && got != 403 } else { got == 401 });
        }
    }
    served.stop();
    assert!(problems.is_empty(), "routes that answer a token wrongly:\n  {}", problems.join("\n  "));
    assert!(counted[Rule::Host as usize] >= 4 && counted[Rule::Control as usize] > 20, "{counted:?}");
}

/// The SVG's dark modules as a greyscale bitmap, `scale` pixels per SVG unit: qrcode draws one
/// white rectangle and one path of closed rectilinear subpaths (M, h, v, H, V), filled even-odd.
fn rasterise(svg: &str, scale: usize) -> (usize, usize, Vec<u8>) {
    let attribute = |name: &str| -> &str {
        let start = svg.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("no {name} in the SVG")) + name.len() + 3;
        &svg[start..start + svg[start..].find('"').unwrap()]
    };
    let (width, height): (usize, usize) = (attribute("width").parse().unwrap(), attribute("height").parse().unwrap());
    assert_eq!(attribute("viewBox"), format!("0 0 {width} {height}"));
    let d = attribute("d");
    // Edges of every subpath, as (x0, y0, x1, y1).
    let mut edges = Vec::new();
    let (mut x, mut y, mut start) = (0f64, 0f64, (0f64, 0f64));
    let mut chars = d.chars().peekable();
    while let Some(command) = chars.next() {
        let mut number = || -> f64 {
            while chars.peek() == Some(&' ') || chars.peek() == Some(&',') {
                chars.next();
            }
            let mut text = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_ascii_digit() || **c == '.' || **c == '-') {
                text.push(c);
                chars.next();
            }
            text.parse().unwrap_or_else(|_| panic!("a number after '{command}' in the path"))
        };
        let (from_x, from_y) = (x, y);
        match command {
            'M' => (x, y) = (number(), number()),
            'm' => (x, y) = (x + number(), y + number()),
            'H' => x = number(),
            'h' => x += number(),
            'V' => y = number(),
            'v' => y += number(),
            'L' => (x, y) = (number(), number()),
            'l' => (x, y) = (x + number(), y + number()),
            'Z' | 'z' => (x, y) = start,
            ' ' => continue,
            other => panic!("a path command this test cannot draw: '{other}'"),
        }
        if command == 'M' || command == 'm' {
            start = (x, y);
        } else {
            edges.push((from_x, from_y, x, y));
        }
    }
    let (w, h) = (width * scale, height * scale);
    let mut pixels = vec![255u8; w * h];
    for row in 0..h {
        let sy = (row as f64 + 0.5) / scale as f64;
        let mut crossings: Vec<f64> = edges
            .iter()
            .filter(|(_, y0, _, y1)| (y0 <= &sy && &sy < y1) || (y1 <= &sy && &sy < y0))
            .map(|(x0, y0, x1, y1)| x0 + (sy - y0) * (x1 - x0) / (y1 - y0))
            .collect();
        crossings.sort_by(f64::total_cmp);
        for pair in crossings.chunks(2) {
            let [from, to] = pair else { panic!("an open subpath in the QR code") };
            for column in 0..w {
                let sx = (column as f64 + 0.5) / scale as f64;
                if *from <= sx && sx < *to {
                    pixels[row * w + column] = 0;
                }
            }
        }
    }
    (w, h, pixels)
}

/// What a phone's camera would read from the QR code.
fn read_qr(svg: &str) -> String {
    let (w, h, pixels) = rasterise(svg, 2);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().unwrap().1
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The `type` of each message until `count` have come.
async fn types(socket: &mut Socket, count: usize) -> Vec<String> {
    let mut types = Vec::new();
    while types.len() < count {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.unwrap().unwrap().unwrap();
        if let Message::Text(text) = message {
            types.push(serde_json::from_str::<Value>(&text).unwrap()["type"].as_str().unwrap().to_string());
        }
    }
    types
}

/// Whether the server ends `socket` within `within` (messages still on their way are read past).
async fn closed_within(socket: &mut Socket, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => return false,
            Ok(None | Some(Err(_)) | Some(Ok(Message::Close(_)))) => return true,
            Ok(Some(Ok(_))) => {}
        }
    }
}

async fn host_socket(served: &Served, host: &str) -> Socket {
    let url = format!("ws://127.0.0.1:{}/host/events?token={host}", served.port);
    tokio_tungstenite::connect_async(url).await.unwrap().0
}

async fn control_socket(served: &Served, control: &str) -> Socket {
    let url = format!("ws://127.0.0.1:{}/api/events", served.port);
    tokio_tungstenite::connect_async(ws_request(&url, control)).await.unwrap().0
}

#[tokio::test(flavor = "multi_thread")]
async fn the_qr_code_opens_the_host_view_and_cannot_drive_the_live() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), CONTROL);

    let (status, link) = served.get("/api/host-link", Some(CONTROL));
    assert_eq!(status, 200, "{link}");
    let urls: Vec<&str> = link["urls"].as_array().unwrap().iter().map(|url| url.as_str().unwrap()).collect();
    assert!(urls.iter().all(|url| !url.contains(CONTROL)), "no link carries the control token: {urls:?}");
    let scanned = read_qr(link["qr_svg"].as_str().unwrap());
    assert_eq!(scanned, urls[0], "this computer's link, lan being off");
    let (address, host) = scanned.split_once("/host?token=").unwrap();
    assert_eq!(address, format!("http://127.0.0.1:{}", served.port));
    assert_eq!(host, settings(home.path()).host_token);

    // It opens the page and its stream …
    assert_eq!(status_of_url(&served, &format!("/host?token={host}")), 200);
    let mut stream = host_socket(&served, host).await;
    let snapshot = types(&mut stream, 3).await;
    assert!(
        snapshot.iter().all(|kind| ["clock", "question", "script", "events", "alert"].contains(&kind.as_str())),
        "the host's stream carries only what the host view shows: {snapshot:?}"
    );
    // … marks the question answered …
    assert_eq!(served.post("/api/questions/next/answered", Some(host), "").0, 200);
    // … and nothing else: no state, no stream of everything, no drop, no run sheet, no rotation.
    let (status, body) = served.get("/api/state", Some(host));
    assert_eq!((status, body["scope"].as_str()), (403, Some("control")), "{body}");
    assert!(body["error"].as_str().unwrap().contains("control token"), "{body}");
    let drop = r#"{"product":"Sofa","price":"Rp1","seconds":300}"#;
    assert_eq!(served.post("/api/flash-sales", Some(host), drop).0, 403);
    assert_eq!(served.post("/api/run-sheet/start", Some(host), "").0, 403);
    assert_eq!(served.post("/api/tokens/control/rotate", Some(host), "").0, 403);
    assert_eq!(served.post("/api/ingest", Some(host), r#"{"comment":"x"}"#).0, 403);
    let url = format!("ws://127.0.0.1:{}/api/events", served.port);
    assert!(tokio_tungstenite::connect_async(ws_request(&url, host)).await.is_err());
    assert!(tokio_tungstenite::connect_async(format!("{url}?token={host}")).await.is_err());
    assert_eq!(
        status_of_url(&served, &format!("/api/state?token={host}")),
        401,
        "no token in a URL but the host view's"
    );
    let (_, state) = served.get("/api/state", Some(CONTROL));
    assert_eq!(state["flash_sales"], serde_json::json!([]), "the refused drop never started");
    served.stop();
}

/// The status of a GET of `path_and_query` with no header.
fn status_of_url(served: &Served, path_and_query: &str) -> u16 {
    status(served, "GET", path_and_query, None)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rotated_token_stops_working_at_once_and_its_websockets_close() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), CONTROL);
    let old_host = settings(home.path()).host_token;
    let mut host_stream = host_socket(&served, &old_host).await;
    let mut control_stream = control_socket(&served, CONTROL).await;
    types(&mut host_stream, 3).await;
    types(&mut control_stream, 3).await;

    let (status, rotated) = served.post("/api/tokens/host/rotate", Some(CONTROL), "");
    assert_eq!((status, rotated["scope"].as_str()), (200, Some("host")), "{rotated}");
    let new_host = rotated["token"].as_str().unwrap().to_string();
    assert_ne!(new_host, old_host);
    assert!(closed_within(&mut host_stream, Duration::from_secs(3)).await, "the old host token's stream ends");
    assert_eq!(status_of_url(&served, &format!("/host?token={old_host}")), 401);
    assert_eq!(served.post("/api/questions/next/answered", Some(&old_host), "").0, 401);
    assert_eq!(status_of_url(&served, &format!("/host?token={new_host}")), 200);
    types(&mut host_socket(&served, &new_host).await, 3).await;
    assert_eq!(settings(home.path()).host_token, new_host, "saved for the next start");
    assert!(!closed_within(&mut control_stream, Duration::from_millis(300)).await, "the control token's stays");
    let (_, link) = served.get("/api/host-link", Some(CONTROL));
    assert!(link["urls"][0].as_str().unwrap().ends_with(&new_host), "the links carry the new one");
    assert_eq!(read_qr(link["qr_svg"].as_str().unwrap()), link["urls"][0].as_str().unwrap());

    let (status, rotated) = served.post("/api/tokens/control/rotate", Some(CONTROL), "");
    assert_eq!(status, 200, "{rotated}");
    let new_control = rotated["token"].as_str().unwrap();
    assert!(closed_within(&mut control_stream, Duration::from_secs(3)).await, "the old control token's stream ends");
    assert_eq!(served.get("/api/state", Some(CONTROL)).0, 401);
    assert_eq!(served.get("/api/state", Some(new_control)).0, 200);
    assert_eq!(settings(home.path()).token, new_control);
    assert_eq!(served.post("/api/tokens/admin/rotate", Some(new_control), "").0, 404);
    served.stop();
}

/// `pandu serve` on a free port with the settings' own tokens (no `--token`), logging
/// everything (read as it comes, so the pipe never fills); its first stdout line read.
fn serve_verbose(home: &Path) -> (Child, u16, std::thread::JoinHandle<String>) {
    let mut child = pandu(home)
        .args(["serve", "--db", home.join("live.db").to_str().unwrap(), "--port", "0", "--source", "demo:50"])
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let port = first.trim().rsplit(':').next().unwrap().parse().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let log = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    });
    (child, port, log)
}

#[tokio::test(flavor = "multi_thread")]
async fn pandu_token_rotate_makes_the_running_pandu_use_the_new_token_and_nothing_logs_one() {
    let home = tempfile::tempdir().unwrap();
    // The settings first, so the CLI and the server read the same file.
    let shown = run(home.path(), &["token", "show", "--scope", "control"]);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    let control = String::from_utf8(shown.stdout).unwrap().trim().to_string();
    let old_host = settings(home.path()).host_token;
    assert_eq!((control.len(), old_host.len()), (64, 64));
    let (mut child, port, log) = serve_verbose(home.path());
    let served_port = port.to_string();
    let started = Instant::now();
    let answered = |path: &str, token: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        std::io::Write::write_all(
            &mut stream,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response[9..12].parse::<u16>().unwrap()
    };
    let url = format!("ws://127.0.0.1:{port}/host/events?token={old_host}");
    let mut host_stream = tokio_tungstenite::connect_async(url).await.unwrap().0;
    types(&mut host_stream, 3).await;

    let rotated = run(home.path(), &["token", "rotate", "--port", &served_port]);
    let stderr = String::from_utf8_lossy(&rotated.stderr);
    assert!(rotated.status.success(), "{stderr}");
    assert!(stderr.contains("uses the new host token now"), "{stderr}");
    let new_host = String::from_utf8(rotated.stdout).unwrap().trim().to_string();
    assert_eq!(new_host.len(), 64);
    assert!(closed_within(&mut host_stream, Duration::from_secs(3)).await, "the phone holding the old link is cut off");
    assert_eq!(answered("/host/events", &old_host), 401);
    assert_ne!(answered("/host/events", &new_host), 401);
    assert_eq!(settings(home.path()).host_token, new_host);
    assert!(started.elapsed() < Duration::from_secs(30));

    let rotated = run(home.path(), &["token", "rotate", "--scope", "control", "--port", &served_port]);
    assert!(rotated.status.success(), "{}", String::from_utf8_lossy(&rotated.stderr));
    let new_control = String::from_utf8(rotated.stdout).unwrap().trim().to_string();
    assert_eq!(answered("/api/state", &control), 401);
    assert_eq!(answered("/api/state", &new_control), 200);
    let shown = run(home.path(), &["token", "show", "--scope", "control"]);
    assert_eq!(String::from_utf8(shown.stdout).unwrap().trim(), new_control);

    // Stopped, and with trace logging on the whole time: no token of any age in its output.
    common_stop(&mut child);
    let output = log.join().unwrap();
    assert!(output.len() > 1000, "trace logging was on: {output}");
    for token in [&control, &old_host, &new_host, &new_control] {
        assert!(!output.contains(token.as_str()), "a token in the server's output");
    }

    // With no Pandu running, the file takes the new token for the next start.
    let offline = run(home.path(), &["token", "rotate", "--port", &served_port]);
    assert!(offline.status.success(), "{}", String::from_utf8_lossy(&offline.stderr));
    assert!(String::from_utf8_lossy(&offline.stderr).contains("from the next start"));
    let newest = String::from_utf8(offline.stdout).unwrap().trim().to_string();
    assert_eq!(settings(home.path()).host_token, newest);
    assert_eq!(settings(home.path()).token, new_control, "the other token stays");
}

#[test]
fn pandu_token_rotate_refuses_a_pandu_that_does_not_take_the_settings_control_token() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), CONTROL);
    let before = settings(home.path());
    let refused = run(home.path(), &["token", "rotate", "--port", &served.port.to_string()]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("refused the control token") && stderr.contains("nothing was changed"), "{stderr}");
    assert!(refused.stdout.is_empty());
    assert_eq!(settings(home.path()), before);
    let bad = run(home.path(), &["token", "show", "--scope", "admin"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("host, control"));
    served.stop();
}

/// SIGTERM, and a clean exit.
fn common_stop(child: &mut Child) {
    let status = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
}

/// The overlay's routes need no token (streaming software only takes a URL), so their errors
/// name the template, never a folder: the templates folder's path holds the user's name. The
/// log keeps the whole path.
#[test]
fn errors_on_the_token_free_routes_name_the_template_not_the_users_folders() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), CONTROL);
    let home_path = home.path().display().to_string();
    let said = |path: &str| {
        let (status, body) = served.get(path, None);
        let message = body["error"].as_str().unwrap_or_else(|| panic!("{path}: {body}")).to_string();
        assert!(!message.contains(&home_path), "{path} answered the user's folder: {message}");
        (status, message)
    };
    for path in ["/overlay/frame.png?template=x", "/overlay/frame.json?template=x"] {
        let (status, message) = said(path);
        assert_eq!(status, 400, "{path}: {message}");
        assert!(message.contains("no template 'x'"), "{path}: {message}");
    }

    let templates = walk(home.path()).into_iter().find(|path| path.ends_with("templates/novilla")).unwrap();
    let broken = templates.parent().unwrap().join("rusak");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("template.toml"), "name = \"Rusak\"\n[canvas\n").unwrap();
    let (status, message) = said("/overlay/frame.png?template=rusak");
    assert_eq!(status, 400, "{message}");
    let file = Path::new("rusak").join("template.toml").display().to_string();
    assert!(message.starts_with(&file), "the template's own file, named inside the folder: {message}");
    assert_eq!(served.get("/overlay/frame.json", None).1["problem"], Value::Null, "not the frame on air's problem");
}

/// Every folder under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.file_type().unwrap().is_dir() {
            found.push(entry.path());
            found.extend(walk(&entry.path()));
        }
    }
    found
}
