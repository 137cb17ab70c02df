//! Replaying a recorded live: `replay:FILE[:SPEED]`.
//!
//! A recording is JSON lines of [`LiveEvent`]s, as `pandu export --events` writes them from the
//! archive (every live is archived, so every live can be replayed: rehearsal, training, review
//! after the live). Events keep their ids and timestamps, so a replay archives the same content;
//! their old flags are dropped so the lexicon in force now moderates them again. The gaps
//! between events are kept, divided by the speed.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;

use super::{Source, SourceContext, SpecError};
use crate::event::{EventKind, LiveEvent};

/// A recording, read and checked, ready to play.
pub struct ReplaySource {
    events: Vec<LiveEvent>,
    /// Lines that were not events, with why.
    skipped: Vec<String>,
    speed: f64,
}

impl ReplaySource {
    /// Reads the recording at `path`. A file that cannot be read is an error naming it; lines
    /// that are not events are skipped (and reported once playing starts).
    pub fn open(path: &Path, speed: f64) -> Result<ReplaySource, SpecError> {
        let text = std::fs::read_to_string(path).map_err(|error| SpecError {
            spec: format!("replay:{}", path.display()),
            reason: format!("cannot read the recording: {error}"),
        })?;
        let mut events = Vec::new();
        let mut skipped = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<LiveEvent>(line) {
                Ok(mut event) => {
                    if let EventKind::Comment(comment) = &mut event.kind {
                        comment.flags.clear();
                    }
                    events.push(event);
                }
                Err(error) => skipped.push(format!("{}:{}: not an event: {error}", path.display(), index + 1)),
            }
        }
        Ok(ReplaySource { events, skipped, speed })
    }
}

impl Source for ReplaySource {
    fn run(self: Box<Self>, ctx: SourceContext) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async move {
            for reason in self.skipped {
                ctx.report_dropped(reason);
            }
            let Some(first_ts) = self.events.first().map(|event| event.ts) else { return };
            let start = tokio::time::Instant::now();
            for event in self.events {
                // An event recorded out of order is due at once.
                let offset_ms = (event.ts - first_ts).max(0) as f64 / self.speed;
                tokio::select! {
                    () = ctx.cancel.cancelled() => return,
                    () = tokio::time::sleep_until(start + Duration::from_secs_f64(offset_ms / 1000.0)) => {}
                }
                if !ctx.emit(event).await {
                    return;
                }
            }
        })
    }
}

/// `replay:PATH[:SPEED]` after the `replay:` prefix: the path, and the speed (1 when not given).
pub(super) fn parse_spec(spec: &str, rest: &str) -> Result<(PathBuf, f64), SpecError> {
    let error = |reason: String| SpecError { spec: spec.to_string(), reason };
    let (path, speed) = match rest.rsplit_once(':') {
        Some((path, speed)) if speed.parse::<f64>().is_ok() => (path, speed.parse::<f64>().expect("checked")),
        _ => (rest, 1.0),
    };
    if path.is_empty() {
        return Err(error("no file: expected replay:FILE or replay:FILE:SPEED".into()));
    }
    if !(speed.is_finite() && speed > 0.0 && speed <= 1000.0) {
        return Err(error(format!("the speed {speed} must be above 0 and at most 1000")));
    }
    Ok((PathBuf::from(path), speed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Comment, Flag, User};

    fn comment(id: &str, ts: i64) -> LiveEvent {
        LiveEvent {
            id: id.into(),
            ts,
            source: "demo".into(),
            kind: EventKind::Comment(Comment {
                user: User {
                    id: "1".into(),
                    unique_id: "sari".into(),
                    nickname: "Sari".into(),
                    avatar_url: None,
                    is_moderator: false,
                    follow_role: Default::default(),
                },
                text: format!("komentar {id}"),
                flags: vec![Flag::about_author("old", "old".into())],
                suggested: None,
                banner: None,
                finding: None,
            }),
        }
    }

    fn recording(dir: &Path, lines: &[String]) -> PathBuf {
        let path = dir.join("live.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        path
    }

    #[tokio::test(start_paused = true)]
    async fn the_recording_plays_with_its_gaps_divided_by_the_speed() {
        let dir = tempfile::tempdir().unwrap();
        let events = [comment("a", 10_000), comment("b", 11_000), comment("c", 14_000)];
        let lines: Vec<String> = events.iter().map(|e| serde_json::to_string(e).unwrap()).collect();
        let path = recording(dir.path(), &lines);
        let (tx, mut rx) = tokio::sync::mpsc::channel(16);
        let cancel = tokio_util::sync::CancellationToken::new();
        let source = Box::new(ReplaySource::open(&path, 2.0).unwrap());
        let started = tokio::time::Instant::now();
        tokio::spawn(source.run(SourceContext::new(tx, cancel, std::sync::Arc::new(crate::ingest::Unobserved))));
        let mut arrivals = Vec::new();
        while let Some(incoming) = rx.recv().await {
            arrivals.push((incoming.event.id.clone(), started.elapsed().as_millis()));
            assert!(incoming.event.as_comment().unwrap().flags.is_empty(), "old flags are dropped");
            assert_eq!(incoming.event.ts, events[arrivals.len() - 1].ts, "timestamps are kept");
        }
        assert_eq!(arrivals, [("a".into(), 0), ("b".into(), 500), ("c".into(), 2000)]);
    }

    #[tokio::test]
    async fn bad_lines_are_skipped_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let good = serde_json::to_string(&comment("a", 1)).unwrap();
        let path = recording(dir.path(), &[good, String::new(), "{broken".into(), r#"{"id":"x"}"#.into()]);
        let kept = std::sync::Arc::new(crate::ingest::Kept::default());
        let (tx, mut rx) = tokio::sync::mpsc::channel(16);
        let source = Box::new(ReplaySource::open(&path, 1.0).unwrap());
        let report = std::sync::Arc::clone(&kept) as std::sync::Arc<dyn crate::ingest::SourceReport>;
        source.run(SourceContext::new(tx, tokio_util::sync::CancellationToken::new(), report)).await;
        assert_eq!(rx.recv().await.unwrap().event.id, "a");
        let reported = kept.dropped();
        assert_eq!(reported.len(), 2);
        assert!(reported[0].contains("live.jsonl:3"), "{reported:?}");
    }

    #[test]
    fn a_missing_file_is_named() {
        let error = ReplaySource::open(Path::new("/nowhere/live.jsonl"), 1.0).err().unwrap().to_string();
        assert!(error.contains("/nowhere/live.jsonl") && error.contains("cannot read"), "{error}");
    }

    #[test]
    fn specs_give_the_path_and_speed() {
        assert_eq!(parse_spec("replay:a.jsonl", "a.jsonl").unwrap(), (PathBuf::from("a.jsonl"), 1.0));
        assert_eq!(parse_spec("replay:a.jsonl:10", "a.jsonl:10").unwrap(), (PathBuf::from("a.jsonl"), 10.0));
        assert_eq!(parse_spec("x", "/tmp/x:y/a.jsonl").unwrap().0, PathBuf::from("/tmp/x:y/a.jsonl"));
        assert!(parse_spec("x", "a.jsonl:0").is_err());
        assert!(parse_spec("x", "").is_err());
    }
}
