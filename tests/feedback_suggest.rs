//! The feedback suggestions measured on real chat: precision and recall of each suggested kind
//! on `tests/fixtures/feedback/labelled.csv` (428 comments from public, openly licensed
//! Indonesian customer tweets and product reviews, labelled by hand; see its README).
//!
//! The floors below sit just under what the rules measure today, so a change that makes the
//! suggestions worse fails here; the measured figures are printed (`--nocapture`) and quoted in
//! `docs/measurements.md`.

use std::collections::BTreeMap;

use pandu::event::FeedbackKind;
use pandu::feedback::suggest::suggest;

const LABELLED: &str = include_str!("fixtures/feedback/labelled.csv");

#[derive(Default, Debug)]
struct Score {
    true_positive: u32,
    false_positive: u32,
    false_negative: u32,
}

impl Score {
    fn precision(&self) -> f64 {
        self.true_positive as f64 / (self.true_positive + self.false_positive).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_positive as f64 / (self.true_positive + self.false_negative).max(1) as f64
    }
}

fn labelled() -> Vec<(Option<FeedbackKind>, String)> {
    let mut reader = csv::Reader::from_reader(LABELLED.as_bytes());
    reader
        .records()
        .map(|record| {
            let record = record.expect("the fixture is valid CSV");
            let kind = match &record[0] {
                "other" => None,
                kind => Some(kind.parse().expect("a known kind")),
            };
            (kind, record[1].to_string())
        })
        .collect()
}

#[test]
fn suggestions_meet_their_precision_and_recall_on_real_labelled_chat() {
    let comments = labelled();
    assert!(comments.len() >= 300, "the set has {} comments", comments.len());
    let mut scores: BTreeMap<FeedbackKind, Score> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (label, text) in &comments {
        let said = suggest(text);
        let name = |kind: Option<FeedbackKind>| kind.map_or("other".to_string(), |k| k.to_string());
        *confusion.entry((name(*label), name(said))).or_default() += 1;
        for kind in FeedbackKind::ALL {
            let score = scores.entry(kind).or_default();
            match (*label == Some(kind), said == Some(kind)) {
                (true, true) => score.true_positive += 1,
                (false, true) => score.false_positive += 1,
                (true, false) => score.false_negative += 1,
                (false, false) => {}
            }
        }
    }
    println!("{} labelled comments", comments.len());
    println!("{:<10} {:>9} {:>7}", "kind", "precision", "recall");
    for (kind, score) in &scores {
        println!("{:<10} {:>9.2} {:>7.2}   {score:?}", kind.as_str(), score.precision(), score.recall());
    }
    println!("label -> suggested: count");
    for ((label, said), count) in &confusion {
        println!("  {label:<9} -> {said:<9} {count}");
    }
    // The floors: questions and complaints are what the issue asks the rules for.
    let floors = [
        // Measured: question 0.87 / 0.89, complaint 0.85 / 0.80, request 0.88 / 0.85,
        // praise 0.79 / 0.74 (precision / recall).
        (FeedbackKind::Question, 0.84, 0.86),
        (FeedbackKind::Complaint, 0.82, 0.77),
        (FeedbackKind::Request, 0.85, 0.82),
        (FeedbackKind::Praise, 0.76, 0.71),
    ];
    for (kind, precision, recall) in floors {
        let score = &scores[&kind];
        assert!(score.precision() >= precision, "{kind} precision {:.2} < {precision}", score.precision());
        assert!(score.recall() >= recall, "{kind} recall {:.2} < {recall}", score.recall());
    }
}
