//! Every API route that takes a body, driven in process (`tower::ServiceExt::oneshot` on the
//! real router, a real app on a temporary folder, a live session on the `none` source, the
//! control token), with the routes and their example bodies read from `docs/api.md`.
//!
//! An input is `METHOD /path` on its first line and the body after it, so a crash file replays
//! as it is. The answer must be JSON, never a 5xx; an error says what is wrong; a JSON route
//! takes only a body that is JSON as a whole.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;

use crate::engine::{HEAP_BASE, MAX_INPUT, Target};
use crate::mutate::{Rng, mutate};
use crate::seeds::{self, DocRoute};

const TOKEN: &str = "fuzz-token";

const API_TOKENS: &[&str] = &[
    "\"product\":",
    "\"price\":",
    "\"seconds\":",
    "\"stock\":",
    "\"starts_in\":",
    "\"name\":",
    "\"slots\":",
    "\"talking_points\":",
    "\"drop\":",
    "\"template\":",
    "\"comment_id\":",
    "\"kind\":",
    "\"note\":",
    "\"answered\":",
    "\"packs\":",
    "\"question\"",
    "\"complaint\"",
    "\"request\"",
    "\"praise\"",
    "\"tiktok-shop\"",
    "\"judi-online\"",
    "\"payday-sale\"",
    "\"../../etc\"",
    "\"\"",
    "null",
    "true",
    "false",
    "[]",
    "{}",
    ",",
    ":",
    "0",
    "-1",
    "86400",
    "86401",
    "4294967296",
    "1e400",
    "\"\\ud800\"",
    "\"\\u0000\"",
];

/// Values for a path's `{id}` or `{action}`, percent-encoded where they need it.
const PATH_VALUES: &[&str] = &[
    "fs-00000000",
    "1",
    "0",
    "-1",
    "18446744073709551616",
    "abc",
    "%00",
    "%ff",
    "..%2F..",
    "%F0%9F%8C%B8",
    "start",
    "next",
    "previous",
    "pause",
    "resume",
    "skip",
    "%20",
    "a%2Fb",
];

fn request_line(route: &DocRoute, rng: Option<&mut Rng>) -> String {
    let mut path = route.path.clone();
    let mut rng = rng;
    while let (Some(open), Some(close)) = (path.find('{'), path.find('}')) {
        let value = match rng.as_deref_mut() {
            Some(rng) => *rng.pick(PATH_VALUES),
            None if path[open..].starts_with("{action}") => "next",
            None => "1",
        };
        path.replace_range(open..=close, value);
    }
    format!("{} {}\n", route.method, path)
}

fn input(line: &str, body: &[u8]) -> Vec<u8> {
    let mut input = line.as_bytes().to_vec();
    input.extend_from_slice(body);
    input
}

/// A request to one of the routes with a mutated example body (or any seed's body).
fn request(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let routes = seeds::api_routes();
    let route = rng.pick(&routes);
    let bodies: Vec<Vec<u8>> =
        seeds.iter().map(|seed| seed.splitn(2, |&b| b == b'\n').nth(1).unwrap_or_default().to_vec()).collect();
    let own: Vec<Vec<u8>> = if route.examples.is_empty() { bodies.clone() } else { route.examples.clone() };
    let body = mutate(rng, &own, &crate::targets::tokens(API_TOKENS), MAX_INPUT);
    input(&request_line(route, Some(rng)), &body)
}

pub fn target() -> Target {
    let mut seeds = Vec::new();
    for route in seeds::api_routes() {
        let line = request_line(&route, None);
        seeds.push(input(&line, b""));
        seeds.push(input(&line, b"{}"));
        seeds.extend(route.examples.iter().map(|body| input(&line, body)));
    }
    seeds.push(input(
        "PUT /api/script\n",
        "Halo kak, sofa ini lebih murah dari sh0pee!\nOngkir gratis, chat WA aja ya.\n".as_bytes(),
    ));
    Target {
        name: "api_bodies",
        seeds,
        dictionary: crate::targets::tokens(API_TOKENS),
        generate: Some(request),
        default_iterations: 2000,
        heap_base: HEAP_BASE,
        max_len: MAX_INPUT,
        setup: Box::new(setup),
    }
}

fn setup() -> crate::engine::Check {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = pandu::app::AppOptions {
        db: Some(dir.path().join("pandu.db")),
        token: Some(TOKEN.into()),
        config_dir: Some(dir.path().join("config")),
        ..Default::default()
    };
    let app = runtime.block_on(async {
        let app = pandu::app::App::open(&options).unwrap();
        app.start_source_spec("none", None).await.unwrap();
        app
    });
    let json_routes: Vec<(String, String)> = seeds::api_routes()
        .into_iter()
        .filter(|route| !route.examples.is_empty())
        .map(|route| (route.method, route.path))
        .collect();
    let router = pandu::server::router(Arc::clone(&app));
    Box::new(move |input: &[u8]| {
        let _keep = (&dir, &app);
        let (line, body) = match input.iter().position(|&b| b == b'\n') {
            Some(at) => (&input[..at], &input[at + 1..]),
            None => (input, &b""[..]),
        };
        let Some((method, path)) = std::str::from_utf8(line).ok().and_then(|line| line.split_once(' ')) else {
            return Ok(());
        };
        let Ok(request) = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {TOKEN}"))
            .body(Body::from(body.to_vec()))
        else {
            return Ok(());
        };
        let (status, answer) = runtime.block_on(async {
            let response = router.clone().oneshot(request).await.expect("the router is infallible");
            let status = response.status();
            (status, axum::body::to_bytes(response.into_body(), 64 << 20).await)
        });
        let answer = answer.map_err(|e| format!("{method} {path}: the answer could not be read: {e}"))?;
        let what = format!("{method} {path} → {status}");
        if status.is_server_error() {
            return Err(format!("{what}: {}", String::from_utf8_lossy(&answer)));
        }
        let value: serde_json::Value = serde_json::from_slice(&answer)
            .map_err(|e| format!("{what}: the answer is not JSON ({e}): {}", String::from_utf8_lossy(&answer)))?;
        if status.is_client_error() {
            let error = value["error"].as_str().unwrap_or_default();
            if error.trim().is_empty() {
                return Err(format!("{what}: an error without a message: {value}"));
            }
        }
        let templated = |route: &str| {
            route.split('/').zip(path.split('/')).all(|(a, b)| a.starts_with('{') || a == b)
                && route.split('/').count() == path.split('/').count()
        };
        let json_route = json_routes.iter().any(|(m, route)| m == method && templated(route));
        if status.is_success() && json_route && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() {
            return Err(format!(
                "{what}: a body that is not JSON as a whole was taken: {:?}",
                String::from_utf8_lossy(body)
            ));
        }
        Ok(())
    })
}
