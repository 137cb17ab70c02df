//! The lexicon in force as keywords for TikTok LIVE's own comment filter (the button beside the
//! lexicon, `GET /api/lexicon/tiktok-filter`, `pandu lexicon export --tiktok-filter`), ranked by
//! how often this shop's archived lives were flagged for each spelling
//! ([`crate::moderation::tiktok_filter`] says how, and what TikTok's filter takes).

use std::sync::Arc;

use super::{App, AppError, blocking};
use crate::moderation::lexicon::Lexicon;
use crate::moderation::tiktok_filter::{self, SpellingHits, TiktokFilter};
use crate::store::Archive;

impl App {
    /// The lexicon in force (the switched-on rule packs and the shop's file) as keywords for
    /// TikTok LIVE's filter, ranked by the flags in the app's archive.
    pub async fn tiktok_filter(self: &Arc<Self>) -> Result<TiktokFilter, AppError> {
        let app = Arc::clone(self);
        blocking(move || {
            let (lexicon, _) = app.lexicon.load(&app.settings().moderation.packs);
            let archive = Archive::open(app.engine.archive_path())?;
            App::tiktok_filter_of(&lexicon, &archive)
        })
        .await
    }

    /// `lexicon` as keywords for TikTok LIVE's filter, ranked by the flags archived in `archive`
    /// (all its lives); what `pandu lexicon export --tiktok-filter` writes.
    pub fn tiktok_filter_of(lexicon: &Lexicon, archive: &Archive) -> Result<TiktokFilter, AppError> {
        let hits: Vec<SpellingHits> = archive
            .flag_counts()?
            .into_iter()
            .map(|count| SpellingHits { entry: count.term, spelling: count.matched, hits: count.count })
            .collect();
        Ok(tiktok_filter::build(lexicon, &hits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::options;
    use crate::event::EventKind;
    use crate::store::tests::comment;

    #[tokio::test]
    async fn the_export_ranks_the_shops_own_terms_by_what_its_archive_holds() {
        let dir = tempfile::tempdir().unwrap();
        let options = options(dir.path());
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(
            dir.path().join("config").join(crate::config::LEXICON_FILE),
            "[[term]]\ntext = \"pasarku\"\ncategory = \"competitor\"\naliases = [\"psrku\"]\n",
        )
        .unwrap();
        let app = App::open(&options).unwrap();
        {
            let mut archive = Archive::open(dir.path().join("pandu.db")).unwrap();
            let session = archive.begin_session("test", 1).unwrap();
            let matcher = app.engine.moderator().matcher();
            let mut events = vec![comment("1", "cek p4sarku"), comment("2", "P4SARKU murah"), comment("3", "psrku")];
            for event in &mut events {
                let EventKind::Comment(c) = &mut event.kind else { unreachable!() };
                c.flags = matcher.scan(&c.text, crate::moderation::lexicon::Surface::Comments);
            }
            archive.insert_batch(session, &events).unwrap();
        }
        let filter = app.tiktok_filter().await.unwrap();
        assert_eq!(&filter.lines[..3], ["p4sarku", "psrku", "pasarku"], "{}", filter.notes);
        assert!(filter.lines.len() <= tiktok_filter::MAX_KEYWORDS);
    }
}
