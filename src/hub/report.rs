//! The agency report: every shop's lives over a period, read from the hub's summaries.
//!
//! Everything here comes from `hub_hourly` and `hub_lives`, never from the raw events, so a
//! week's report over a hundred million comments reads a few thousand summary rows. Hours are
//! UTC in the tables; the period's bounds are instants the caller resolved in the report's time
//! zone (Indonesia's zones are whole hours from UTC, so a local day is whole UTC hours).
//!
//! What a figure means matches the desktop's own report, so the agency's total is the sum of
//! the desktops': comments, flagged comments (a comment flagged in several categories counts
//! once, under its first), tags by kind, flash sales and how many lapsed (the payment window ran
//! out), lives and their minutes (from a live's first event to its last).

use serde::{Deserialize, Serialize};
use tokio_postgres::Client;
use tokio_postgres::types::ToSql;
use ts_rs::TS;

use super::{HubError, Redacted};

/// What the report covers: instants from (included) to (excluded), Unix ms, and the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgencyScope {
    /// How the report names the period: `2026-W49`, `2026-12-07`.
    pub label: String,
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number")]
    pub to: i64,
    /// The IANA time zone the period and the hours of day are in.
    pub time_zone: String,
    pub shop: Option<String>,
    pub host: Option<String>,
    pub product: Option<String>,
}

/// The figures a shop, a host, or the whole agency adds up to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgencyTotals {
    #[ts(type = "number")]
    pub lives: u64,
    #[ts(type = "number")]
    pub minutes: u64,
    #[ts(type = "number")]
    pub comments: u64,
    /// Comments carrying a flag.
    #[ts(type = "number")]
    pub flagged: u64,
    #[ts(type = "number")]
    pub gifts: u64,
    #[ts(type = "number")]
    pub questions: u64,
    #[ts(type = "number")]
    pub complaints: u64,
    #[ts(type = "number")]
    pub requests: u64,
    #[ts(type = "number")]
    pub praise: u64,
    #[ts(type = "number")]
    pub flash_sales: u64,
    /// Flash sales whose payment window ran out.
    #[ts(type = "number")]
    pub lapsed: u64,
}

/// One shop's, one host's or one product's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgencyRow {
    /// The shop, the host or the product.
    pub name: String,
    #[serde(flatten)]
    pub totals: AgencyTotals,
}

/// One shop's row, as the JSON names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShopRow {
    pub shop: String,
    #[serde(flatten)]
    pub totals: AgencyTotals,
}

/// Comments per flag category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgencyCategory {
    pub category: String,
    #[ts(type = "number")]
    pub comments: u64,
}

/// A shop's best hour of day to be live: comments per hour it was live at that hour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BestHour {
    pub shop: String,
    /// The hour of day in the report's time zone, 0–23.
    pub hour: u8,
    pub comments_per_hour: f64,
    /// The hours of live this average is over.
    #[ts(type = "number")]
    pub hours: u64,
}

/// The agency report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgencyReport {
    pub scope: AgencyScope,
    #[ts(type = "number")]
    pub generated_at: i64,
    pub totals: AgencyTotals,
    /// Every shop with a live or an event in the period, most comments first.
    pub shops: Vec<ShopRow>,
    /// Every host, most comments first (a live with no host set is under "").
    pub hosts: Vec<AgencyRow>,
    /// Products that drew tags or flash sales, most tags first.
    pub products: Vec<AgencyRow>,
    /// Flagged comments per category, most first.
    pub flagged: Vec<AgencyCategory>,
    /// Each shop's three best hours of day.
    pub best_hours: Vec<BestHour>,
}

/// The best hours kept per shop.
const BEST_HOURS: usize = 3;

/// The figures of [`AgencyTotals`] but lives, as SQL over `hub_hourly`, in its field order.
const FIGURES: &str = "
    coalesce(sum(events) FILTER (WHERE kind = 'comment'), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'comment' AND category <> ''), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'gift'), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'feedback' AND category = 'question'), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'feedback' AND category = 'complaint'), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'feedback' AND category = 'request'), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'feedback' AND category = 'praise'), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'flash_sale'), 0)::bigint,
    coalesce(sum(events) FILTER (WHERE kind = 'flash_sale' AND category = 'expired'), 0)::bigint";

/// The period and filters as `$1`…`$5` of every query.
const HOURLY_FILTER: &str = "hour >= $1 AND hour < $2 AND ($3::text IS NULL OR shop = $3)
    AND ($4::text IS NULL OR host = $4) AND ($5::text IS NULL OR product = $5)";

/// Lives in the period: those whose first event falls in it (a product filter keeps the lives
/// with an event about that product).
const LIVES_FILTER: &str = "first_ts >= $1 AND first_ts < $2 AND ($3::text IS NULL OR l.shop = $3)
    AND ($4::text IS NULL OR l.host = $4)
    AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM hub_events e WHERE e.shop = l.shop AND e.device_id = l.device_id
         AND e.session_id = l.session_id AND e.product = $5 AND e.ts >= $1 AND e.ts < $2))";

fn figures(row: &tokio_postgres::Row, first: usize) -> AgencyTotals {
    let at = |offset: usize| row.get::<_, i64>(first + offset).max(0) as u64;
    AgencyTotals {
        lives: 0,
        minutes: 0,
        comments: at(0),
        flagged: at(1),
        gifts: at(2),
        questions: at(3),
        complaints: at(4),
        requests: at(5),
        praise: at(6),
        flash_sales: at(7),
        lapsed: at(8),
    }
}

/// Builds the report for `scope` from the hub at `url` (`client` connected to it).
pub async fn agency_report(
    client: &Client,
    url: &str,
    scope: AgencyScope,
    generated_at: i64,
) -> Result<AgencyReport, HubError> {
    let database = |error| super::database(url, "reading the agency report")(error);
    let from = jiff::Timestamp::from_millisecond(scope.from).map_err(|error| scope_error(url, error))?;
    let to = jiff::Timestamp::from_millisecond(scope.to).map_err(|error| scope_error(url, error))?;
    let params: [&(dyn ToSql + Sync); 5] = [&from, &to, &scope.shop, &scope.host, &scope.product];

    let grouped = |by: &str, extra: &str| {
        format!("SELECT {by}, {FIGURES} FROM hub_hourly WHERE {HOURLY_FILTER} {extra} GROUP BY 1 ORDER BY 2 DESC, 1")
    };
    let lives = |by: &str| {
        format!(
            "SELECT {by}, count(*), coalesce(sum(extract(epoch FROM last_ts - first_ts)) / 60, 0)::bigint
             FROM hub_lives l WHERE {LIVES_FILTER} GROUP BY 1"
        )
    };
    let with_lives = async |by: &str, extra: &str| -> Result<Vec<(String, AgencyTotals)>, HubError> {
        let mut rows: Vec<(String, AgencyTotals)> = client
            .query(&grouped(by, extra), &params)
            .await
            .map_err(database)?
            .iter()
            .map(|row| (row.get::<_, String>(0), figures(row, 1)))
            .collect();
        if by != "product" {
            for row in client.query(&lives(&format!("l.{by}")), &params).await.map_err(database)? {
                let name: String = row.get(0);
                let index = match rows.iter().position(|(known, _)| *known == name) {
                    Some(index) => index,
                    None => {
                        rows.push((name, AgencyTotals::default()));
                        rows.len() - 1
                    }
                };
                rows[index].1.lives = row.get::<_, i64>(1).max(0) as u64;
                rows[index].1.minutes = row.get::<_, i64>(2).max(0) as u64;
            }
        }
        Ok(rows)
    };

    let shops = with_lives("shop", "").await?;
    let hosts = with_lives("host", "").await?;
    let products = with_lives("product", "AND product <> ''").await?;

    let mut totals = AgencyTotals::default();
    for (_, shop) in &shops {
        totals.lives += shop.lives;
        totals.minutes += shop.minutes;
        totals.comments += shop.comments;
        totals.flagged += shop.flagged;
        totals.gifts += shop.gifts;
        totals.questions += shop.questions;
        totals.complaints += shop.complaints;
        totals.requests += shop.requests;
        totals.praise += shop.praise;
        totals.flash_sales += shop.flash_sales;
        totals.lapsed += shop.lapsed;
    }

    let flagged = client
        .query(
            &format!(
                "SELECT category, sum(events)::bigint FROM hub_hourly
                 WHERE {HOURLY_FILTER} AND kind = 'comment' AND category <> '' GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            &params,
        )
        .await
        .map_err(database)?
        .iter()
        .map(|row| AgencyCategory { category: row.get(0), comments: row.get::<_, i64>(1).max(0) as u64 })
        .collect();

    let mut best_hours: Vec<BestHour> = client
        .query(
            &format!(
                "SELECT shop, extract(hour FROM hour AT TIME ZONE $6)::int, sum(events)::bigint, count(DISTINCT hour)
                 FROM hub_hourly WHERE {HOURLY_FILTER} AND kind = 'comment' GROUP BY 1, 2"
            ),
            &[&from, &to, &scope.shop, &scope.host, &scope.product, &scope.time_zone],
        )
        .await
        .map_err(database)?
        .iter()
        .map(|row| {
            let hours = row.get::<_, i64>(3).max(1) as u64;
            BestHour {
                shop: row.get(0),
                hour: row.get::<_, i32>(1).clamp(0, 23) as u8,
                comments_per_hour: row.get::<_, i64>(2) as f64 / hours as f64,
                hours,
            }
        })
        .collect();
    best_hours.sort_by(|a, b| {
        a.shop.cmp(&b.shop).then(b.comments_per_hour.total_cmp(&a.comments_per_hour)).then(a.hour.cmp(&b.hour))
    });
    let mut kept = Vec::new();
    for hour in best_hours {
        if kept.iter().filter(|known: &&BestHour| known.shop == hour.shop).count() < BEST_HOURS {
            kept.push(hour);
        }
    }

    let sort = |mut rows: Vec<(String, AgencyTotals)>| {
        rows.sort_by(|(a_name, a), (b_name, b)| b.comments.cmp(&a.comments).then(a_name.cmp(b_name)));
        rows
    };
    let mut products = products;
    products.sort_by(|(a_name, a), (b_name, b)| {
        let tags = |t: &AgencyTotals| t.questions + t.complaints + t.requests + t.praise;
        tags(b).cmp(&tags(a)).then(b.flash_sales.cmp(&a.flash_sales)).then(a_name.cmp(b_name))
    });
    Ok(AgencyReport {
        scope,
        generated_at,
        totals,
        shops: sort(shops).into_iter().map(|(shop, totals)| ShopRow { shop, totals }).collect(),
        hosts: sort(hosts).into_iter().map(|(name, totals)| AgencyRow { name, totals }).collect(),
        products: products.into_iter().map(|(name, totals)| AgencyRow { name, totals }).collect(),
        flagged,
        best_hours: kept,
    })
}

fn scope_error(url: &str, error: jiff::Error) -> HubError {
    HubError::Database { url: Redacted::new(url), doing: "reading the agency report", message: error.to_string() }
}
