//! The app's feedback capability: tagging comments during the live, the questions queue,
//! search over every live, reports and their exports, and the archive's backups. The shell's
//! commands and the server's routes both call these.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{App, AppError, ErrorCode, blocking};
use crate::event::{EventKind, FeedbackKind, Timestamp, now_ms};
use crate::feedback::{
    FeedbackEntry, FeedbackFilter, FeedbackPatch, FeedbackRequest, FeedbackState, NextQuestion, validate_text,
};
use crate::outbound::Outbound;
use crate::report::{self, Report, ReportError, ReportFile, ReportFormat, ScopeRequest};
use crate::store::{Archive, LiveSession, SearchHit, StoreError, TaggedComment};

/// The feedback log's own connection to the archive: tags, search and reports share it (they
/// are a person's clicks, never hot), apart from the writer's.
pub(super) struct FeedbackLog {
    archive: Mutex<Archive>,
    /// The current live's tags as last published, for snapshots and the next question.
    current: Mutex<FeedbackState>,
    /// Why the last daily backup failed, while it keeps failing.
    backup_problem: Mutex<Option<AppError>>,
}

impl FeedbackLog {
    pub(super) fn open(path: &std::path::Path) -> Result<FeedbackLog, StoreError> {
        Ok(FeedbackLog {
            archive: Mutex::new(Archive::open(path)?),
            current: Mutex::new(FeedbackState { session: None, entries: vec![] }),
            backup_problem: Mutex::new(None),
        })
    }
}

/// What a report covers: one of `session`, `week` (`YYYY-Www`) or `from` and `to`
/// (`YYYY-MM-DD`); none means this week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ReportRequest {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub session: Option<i64>,
    #[serde(default)]
    pub week: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

impl ReportRequest {
    /// The scope asked for, this week (in `time_zone`) when none is.
    pub fn scope(&self, now: Timestamp, time_zone: &str) -> Result<ScopeRequest, ReportError> {
        match (self.session, &self.week, &self.from, &self.to) {
            (Some(session), None, None, None) => Ok(ScopeRequest::Session(session)),
            (None, Some(week), None, None) => Ok(ScopeRequest::Week(week.clone())),
            (None, None, Some(from), Some(to)) => Ok(ScopeRequest::Dates { from: from.clone(), to: to.clone() }),
            (None, None, None, None) => Ok(ScopeRequest::Week(report::week_of(now, time_zone)?)),
            _ => Err(ReportError::Scope("give one of: session, week (YYYY-Www), or from and to (YYYY-MM-DD)".into())),
        }
    }
}

/// How often the daily backup checks whether today's copy exists.
const BACKUP_CHECK: Duration = Duration::from_secs(15 * 60);

impl App {
    fn feedback_archive(&self) -> std::sync::MutexGuard<'_, Archive> {
        self.feedback.archive.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The comment `comment_id`: one of the live's recent comments, else the archived one (of
    /// this live, else the latest by that id).
    fn find_comment(&self, comment_id: &str) -> Result<TaggedComment, AppError> {
        let session = self.state().session_id;
        if let Some(event) = self.recent_comment(comment_id)
            && let EventKind::Comment(comment) = &event.kind
        {
            return Ok(TaggedComment {
                session,
                msg_id: event.id.clone(),
                ts: event.ts,
                unique_id: comment.user.unique_id.clone(),
                nickname: comment.user.nickname.clone(),
                text: comment.text.clone(),
            });
        }
        let archive = self.feedback_archive();
        let found = match archive.find_comment(session, comment_id)? {
            Some(found) => Some(found),
            None => archive.find_comment(None, comment_id)?,
        };
        found.ok_or_else(|| {
            AppError::new(
                ErrorCode::Invalid,
                format!("comment_id: no comment '{comment_id}' in this live or the archive"),
            )
        })
    }

    /// Tags a comment (again: changes its tag). The product is the current slot's unless given.
    pub async fn tag_comment(self: &Arc<Self>, request: FeedbackRequest) -> Result<FeedbackEntry, AppError> {
        validate_text(Some(&request.note), request.product.as_deref())
            .map_err(|message| AppError::new(ErrorCode::Invalid, message))?;
        let app = Arc::clone(self);
        let entry = blocking(move || {
            let comment = app.find_comment(&request.comment_id)?;
            let product = match request.product {
                Some(product) => Some(product).filter(|p| !p.trim().is_empty()),
                None => app.clock.current_product(),
            };
            let entry = app.feedback_archive().tag_comment(
                &comment,
                request.kind,
                product.as_deref(),
                request.note.trim(),
                now_ms(),
            )?;
            Ok::<_, AppError>(entry)
        })
        .await?;
        self.publish_feedback().await;
        Ok(entry)
    }

    /// Changes the tag `id`.
    pub async fn update_feedback(self: &Arc<Self>, id: i64, patch: FeedbackPatch) -> Result<FeedbackEntry, AppError> {
        patch.validate().map_err(|message| AppError::new(ErrorCode::Invalid, message))?;
        for key in patch.missing.iter().flatten() {
            key.parse::<crate::answers::Fact>()
                .map_err(|message| AppError::new(ErrorCode::Invalid, format!("missing: {message}")))?;
        }
        let app = Arc::clone(self);
        let entry = blocking(move || app.feedback_archive().update_feedback(id, &patch, now_ms())).await?;
        let entry = entry.ok_or_else(|| no_such_tag(id))?;
        self.publish_feedback().await;
        Ok(entry)
    }

    /// Removes the tag `id`.
    pub async fn delete_feedback(self: &Arc<Self>, id: i64) -> Result<(), AppError> {
        let app = Arc::clone(self);
        if !blocking(move || app.feedback_archive().delete_feedback(id)).await? {
            return Err(no_such_tag(id));
        }
        self.publish_feedback().await;
        Ok(())
    }

    /// Marks the question `id` answered.
    pub async fn answer_feedback(self: &Arc<Self>, id: i64) -> Result<FeedbackEntry, AppError> {
        self.update_feedback(id, FeedbackPatch { answered: Some(true), ..Default::default() }).await
    }

    /// Marks the question the host view shows answered (a suggested one is tagged as an
    /// answered question), moving to the next; `None` when there was none.
    pub async fn answer_next_question(self: &Arc<Self>) -> Result<Option<FeedbackEntry>, AppError> {
        let Some(next) = self.next_question() else { return Ok(None) };
        let answer = self.answer_given(&next);
        let id = match next.feedback_id {
            Some(id) => id,
            None => {
                let request = FeedbackRequest {
                    comment_id: next.comment_id,
                    kind: FeedbackKind::Question,
                    note: String::new(),
                    product: None,
                };
                self.tag_comment(request).await?.id
            }
        };
        self.update_feedback(id, FeedbackPatch { answered: Some(true), ..answer }).await.map(Some)
    }

    /// The tags `filter` picks, over every live.
    pub async fn feedback(self: &Arc<Self>, filter: FeedbackFilter) -> Result<Vec<FeedbackEntry>, AppError> {
        let app = Arc::clone(self);
        Ok(blocking(move || app.feedback_archive().feedback(&filter)).await?)
    }

    /// The current live's tags, as last published.
    pub fn feedback_state(&self) -> FeedbackState {
        self.feedback.current.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Why the daily backup failed, while it keeps failing.
    pub fn backup_problem(&self) -> Option<AppError> {
        self.feedback.backup_problem.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The current live's tags, read from the archive.
    async fn read_feedback_state(self: &Arc<Self>) -> FeedbackState {
        let session = self.state().session_id;
        let entries = match session {
            Some(session) => self
                .feedback(FeedbackFilter { session: Some(session), ..Default::default() })
                .await
                .unwrap_or_else(|error| {
                    tracing::error!("reading the live's feedback: {}", error.message);
                    vec![]
                }),
            None => vec![],
        };
        FeedbackState { session, entries }
    }

    /// The question the host should answer next: the oldest open one in the queue, else the
    /// newest clean comment the rules read as a question, unless it was tagged already.
    pub fn next_question(&self) -> Option<NextQuestion> {
        NextQuestion::pick(&self.feedback_state().entries, self.suggested_question())
    }

    /// Reads the live's tags again and publishes them and the next question (after a tag
    /// changed or a live started).
    pub(super) async fn publish_feedback(self: &Arc<Self>) {
        let state = self.read_feedback_state().await;
        *self.feedback.current.lock().unwrap_or_else(|p| p.into_inner()) = state.clone();
        self.outbox.publish(Outbound::Feedback { feedback: state });
        self.publish_question();
    }

    /// Publishes the next question.
    pub(super) fn publish_question(&self) {
        self.outbox.publish(self.question_message());
    }

    /// The next question with its answer card.
    pub(super) fn question_message(&self) -> Outbound {
        let question = self.next_question();
        let card = question.as_ref().and_then(|question| self.answer_card(question));
        Outbound::Question { question, card }
    }

    /// Comments (text, nickname) and notes with every word of `query`, over every live, newest
    /// first.
    pub async fn search(self: &Arc<Self>, query: String, limit: usize) -> Result<Vec<SearchHit>, AppError> {
        let app = Arc::clone(self);
        Ok(blocking(move || app.feedback_archive().search(&query, limit)).await?)
    }

    /// Every live in the archive, oldest first.
    pub async fn sessions(self: &Arc<Self>) -> Result<Vec<LiveSession>, AppError> {
        let app = Arc::clone(self);
        Ok(blocking(move || app.feedback_archive().sessions()).await?)
    }

    /// The report `request` asks for, in the settings' time zone.
    pub async fn report(self: &Arc<Self>, request: ReportRequest) -> Result<Report, AppError> {
        let app = Arc::clone(self);
        let time_zone = self.settings().reports.time_zone;
        blocking(move || {
            let now = now_ms();
            let archive = app.feedback_archive();
            let scope = report::resolve_scope(&archive, &request.scope(now, &time_zone)?, &time_zone)?;
            Ok(report::build(&archive, scope, now)?)
        })
        .await
    }

    /// The report `request` asks for, as a file in `format`.
    pub async fn export_report(
        self: &Arc<Self>,
        request: ReportRequest,
        format: ReportFormat,
    ) -> Result<ReportFile, AppError> {
        let report = self.report(request).await?;
        let app = Arc::clone(self);
        blocking(move || Ok(report::export(&app.feedback_archive(), &report, format)?)).await
    }

    /// Writes a consistent copy of the archive to `out` now, on a connection of its own so
    /// tags and searches are not held up while it copies.
    pub async fn backup_to(self: &Arc<Self>, out: PathBuf) -> Result<String, AppError> {
        let archive = self.engine.archive_path().to_path_buf();
        blocking(move || {
            Archive::open(&archive)?.backup_to(&out)?;
            Ok(out.display().to_string())
        })
        .await
    }

    /// Makes today's backup (in the settings' time zone) unless it exists, and keeps the newest
    /// `[backup] keep`; every [`BACKUP_CHECK`] until `cancel`.
    pub(super) async fn run_daily_backups(self: Arc<Self>, cancel: CancellationToken) {
        loop {
            if let Err(error) = self.daily_backup().await {
                tracing::error!("daily backup: {}", error.message);
                *self.feedback.backup_problem.lock().unwrap_or_else(|p| p.into_inner()) = Some(error);
            } else {
                *self.feedback.backup_problem.lock().unwrap_or_else(|p| p.into_inner()) = None;
            }
            tokio::select! {
                _ = cancel.cancelled() => return,
                _ = tokio::time::sleep(BACKUP_CHECK) => {}
            }
        }
    }

    /// Today's backup, if it is not there yet; its path when one was made.
    pub async fn daily_backup(self: &Arc<Self>) -> Result<Option<PathBuf>, AppError> {
        let settings = self.settings();
        if settings.backup.keep == 0 {
            return Ok(None);
        }
        let folder = self.backup_folder();
        let today = report::date_in(now_ms(), &settings.reports.time_zone)?;
        let path = crate::store::daily_backup_path(&folder, &today);
        if path.exists() {
            return Ok(None);
        }
        self.backup_to(path.clone()).await?;
        let keep = settings.backup.keep as usize;
        blocking(move || crate::store::prune_daily_backups(&folder, keep)).await?;
        Ok(Some(path))
    }

    /// Where daily backups go: the setting, else `backups/` beside the archive.
    pub fn backup_folder(&self) -> PathBuf {
        match &self.settings().backup.folder {
            Some(folder) => folder.clone(),
            None => self.engine.archive_path().parent().map(|p| p.join("backups")).unwrap_or_else(|| "backups".into()),
        }
    }
}

fn no_such_tag(id: i64) -> AppError {
    AppError::new(ErrorCode::NotFound, format!("no feedback {id}"))
}
