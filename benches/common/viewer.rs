//! The comment the archive benches write, one per viewer number (included with `#[path]`, as
//! `common/timing.rs` is, since each bench is its own crate).

use pandu::event::{Comment, EventKind, FollowRole, LiveEvent, User};

/// Comment `n` of a live at `ts`: a question from one of 5,000 viewers, as a live's are.
pub fn comment(n: i64, ts: i64, source: &str) -> LiveEvent {
    LiveEvent {
        id: format!("m{n}"),
        ts,
        source: source.into(),
        kind: EventKind::Comment(Comment {
            user: User {
                id: format!("69{n:08}"),
                unique_id: format!("viewer{}", n % 5000),
                nickname: "Sari 🌸".into(),
                avatar_url: None,
                is_moderator: false,
                follow_role: FollowRole::Follower,
            },
            text: "kak ukuran L ready? mau checkout sekarang".into(),
            flags: vec![],
            suggested: None,
            banner: None,
            finding: None,
        }),
    }
}
