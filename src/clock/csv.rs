//! Run sheets as CSV, for teams that plan lives in a spreadsheet.
//!
//! The file contract: a header row, then one row per slot, in order. Columns, in any order:
//!
//! | column | required | what |
//! | --- | --- | --- |
//! | `product` | yes | the product's name |
//! | `price` | no | the normal price as shown, e.g. `Rp199.000` |
//! | `duration` | yes | the slot's length: `M:SS` (`12:30`), `H:MM:SS`, or whole minutes (`15`) |
//! | `talking_points` | no | what the host says; line breaks inside quotes are kept |
//! | `drop_price` | no | a flash sale planned for the slot: its promo price (the drop's other columns need it) |
//! | `drop_window` | no | its payment window, as `duration` [default: the setting, 5:00] |
//! | `drop_stock` | no | its stock, a whole number |
//! | `template` | no | the promo frame for the slot: a template's id, e.g. `payday-sale` [default: the frame on air] |
//! | `material`, `sizes`, `colours`, `stock`, `shipping`, `warranty`, `returns` | no | the product's facts for answer cards, as the host would say them (`voal premium, adem`; `S, M, L (LD 100)`) |
//! | `fact_price`, `promo_price` | no | the prices the answer cards say [default: `price`, and `drop_price`] |
//! | `cod` | no | cash on delivery: `ya` or `tidak` (also `yes`/`no`, `bisa`/`tidak bisa`, `1`/`0`) [default: the shop's] |
//! | `qa` | no | the product's own questions and answers, one per line: `question \| answer` |
//! | `tiktok_product_id` | no | the product's id in the TikTok shop (digits): pinning it in TikTok LIVE moves the live to this slot |
//!
//! Commas or semicolons separate fields (a spreadsheet in an Indonesian locale saves with
//! semicolons); a UTF-8 byte-order mark is skipped. A file with any bad row is refused whole,
//! with the row's line and column: nothing is half-imported. Export writes the same columns with a
//! byte-order mark so Excel reads the Indonesian text as UTF-8.

use super::run_sheet::{MAX_SECONDS, RunSheet, Slot, SlotDrop, check_tiktok_product_id};
use crate::answers::{Fact, ProductFacts, QaPair};

/// Why a CSV cannot be read as a run sheet, and where (1-based; column 0 for a whole row).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct CsvError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

const COLUMNS: [&str; 20] = [
    "product",
    "price",
    "duration",
    "talking_points",
    "drop_price",
    "drop_window",
    "drop_stock",
    "template",
    "material",
    "sizes",
    "colours",
    "stock",
    "fact_price",
    "promo_price",
    "shipping",
    "cod",
    "warranty",
    "returns",
    "qa",
    "tiktok_product_id",
];

/// The facts' text columns, each with its fact.
const FACT_COLUMNS: [(&str, Fact); 9] = [
    ("material", Fact::Material),
    ("sizes", Fact::Sizes),
    ("colours", Fact::Colours),
    ("stock", Fact::Stock),
    ("fact_price", Fact::Price),
    ("promo_price", Fact::PromoPrice),
    ("shipping", Fact::Shipping),
    ("warranty", Fact::Warranty),
    ("returns", Fact::Returns),
];

/// The `qa` column's separator between a question and its answer.
const QA_SEPARATOR: char = '|';

/// Reads `text` as the run sheet `name`.
pub fn from_csv(name: &str, text: &str) -> Result<RunSheet, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.contains(';') && !header_line.contains(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(text.as_bytes());
    let error =
        |line: u64, column: usize, message: String| CsvError { line: line as u32, column: column as u32, message };

    let headers = reader.headers().map_err(|e| read_error(&e))?.clone();
    let mut index = [None; COLUMNS.len()];
    for (column, header) in headers.iter().enumerate() {
        let header = header.trim().to_lowercase();
        let known = COLUMNS.iter().position(|name| *name == header).ok_or_else(|| {
            error(1, column + 1, format!("unknown column '{header}' (the columns are {})", COLUMNS.join(", ")))
        })?;
        if index[known].replace(column).is_some() {
            return Err(error(1, column + 1, format!("column '{header}' appears twice")));
        }
    }
    for required in ["product", "duration"] {
        if index[COLUMNS.iter().position(|name| *name == required).unwrap()].is_none() {
            return Err(error(1, 0, format!("the header has no '{required}' column")));
        }
    }

    let mut slots = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| read_error(&e))?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |name: &str| {
            let column = index[COLUMNS.iter().position(|c| *c == name).unwrap()]?;
            Some((column + 1, record.get(column).unwrap_or_default().trim()))
        };
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        let (column, product) = field("product").unwrap();
        if product.is_empty() {
            return Err(error(line, column, "the product is empty".into()));
        }
        let (column, duration) = field("duration").unwrap();
        let seconds =
            parse_duration(duration).map_err(|message| error(line, column, format!("duration: {message}")))?;
        let drop_price = field("drop_price").filter(|(_, value)| !value.is_empty());
        let drop_window = field("drop_window").filter(|(_, value)| !value.is_empty());
        let drop_stock = field("drop_stock").filter(|(_, value)| !value.is_empty());
        let drop = match drop_price {
            Some((_, price)) => Some(SlotDrop {
                price: price.into(),
                seconds: drop_window
                    .map(|(column, value)| {
                        parse_duration(value).map_err(|message| error(line, column, format!("drop_window: {message}")))
                    })
                    .transpose()?,
                stock: drop_stock
                    .map(|(column, value)| {
                        value.parse::<u32>().map_err(|_| {
                            error(line, column, format!("drop_stock: '{value}' is not a whole number of units"))
                        })
                    })
                    .transpose()?,
            }),
            None => {
                if let Some((column, _)) = drop_window.or(drop_stock) {
                    return Err(error(line, column, "a drop's window or stock needs its drop_price".into()));
                }
                None
            }
        };
        let mut facts = ProductFacts::default();
        for (name, fact) in FACT_COLUMNS {
            if let (Some((_, value)), Some(text)) =
                (field(name).filter(|(_, value)| !value.is_empty()), facts.text_mut(fact))
            {
                *text = Some(value.to_string());
            }
        }
        if let Some((column, value)) = field("cod").filter(|(_, value)| !value.is_empty()) {
            facts.cod = Some(parse_yes_no(value).map_err(|message| error(line, column, format!("cod: {message}")))?);
        }
        if let Some((column, value)) = field("qa").filter(|(_, value)| !value.is_empty()) {
            facts.qa = parse_qa(value).map_err(|message| error(line, column, format!("qa: {message}")))?;
        }
        if let Err(message) = facts.validate("facts") {
            return Err(error(line, 0, message));
        }
        if let Some((column, value)) = field("tiktok_product_id").filter(|(_, value)| !value.is_empty())
            && let Err(message) = check_tiktok_product_id(value)
        {
            return Err(error(line, column, format!("tiktok_product_id: {message}")));
        }
        slots.push(Slot {
            product: product.into(),
            price: field("price").map(|(_, value)| value.to_string()).unwrap_or_default(),
            seconds,
            talking_points: field("talking_points").map(|(_, value)| value.to_string()).unwrap_or_default(),
            drop,
            template: field("template").map(|(_, value)| value.to_string()).filter(|value| !value.is_empty()),
            facts,
            tiktok_product_id: field("tiktok_product_id")
                .map(|(_, value)| value.to_string())
                .filter(|value| !value.is_empty()),
        });
    }
    Ok(RunSheet { name: name.into(), slots })
}

fn read_error(error: &csv::Error) -> CsvError {
    let line = error.position().map_or(0, |p| p.line()) as u32;
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("this row has {len} fields, the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text (save it as 'CSV UTF-8')".into(),
        _ => error.to_string(),
    };
    CsvError { line, column: 0, message }
}

/// What `slot` writes in `column`.
fn cell(slot: &Slot, column: &str) -> String {
    let drop = slot.drop.as_ref();
    let facts = &slot.facts;
    if let Some((_, fact)) = FACT_COLUMNS.iter().find(|(name, _)| *name == column) {
        return facts.text(*fact).unwrap_or_default().to_string();
    }
    match column {
        "product" => slot.product.clone(),
        "price" => slot.price.clone(),
        "duration" => format_duration(slot.seconds),
        "talking_points" => slot.talking_points.clone(),
        "drop_price" => drop.map(|d| d.price.clone()).unwrap_or_default(),
        "drop_window" => drop.and_then(|d| d.seconds).map(format_duration).unwrap_or_default(),
        "drop_stock" => drop.and_then(|d| d.stock).map(|s| s.to_string()).unwrap_or_default(),
        "template" => slot.template.clone().unwrap_or_default(),
        "tiktok_product_id" => slot.tiktok_product_id.clone().unwrap_or_default(),
        "cod" => facts.cod.map_or("", |cod| if cod { "ya" } else { "tidak" }).to_string(),
        "qa" => facts
            .qa
            .iter()
            .map(|pair| format!("{} {QA_SEPARATOR} {}", pair.question, pair.answer))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => unreachable!("every column in COLUMNS has a cell: {column}"),
    }
}

/// `ya`/`tidak` and their usual spellings.
fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "ya" | "y" | "yes" | "bisa" | "true" | "1" => Ok(true),
        "tidak" | "tdk" | "t" | "no" | "n" | "tidak bisa" | "false" | "0" => Ok(false),
        _ => Err(format!("'{text}' is not ya or tidak")),
    }
}

/// `question | answer` lines.
fn parse_qa(text: &str) -> Result<Vec<QaPair>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let (question, answer) = line.split_once(QA_SEPARATOR).ok_or_else(|| {
                format!("line {} of the cell has no '{QA_SEPARATOR}' between question and answer", index + 1)
            })?;
            Ok(QaPair { question: question.trim().into(), answer: answer.trim().into() })
        })
        .collect()
}

/// `12:30`, `1:05:00` or `15` (minutes) as seconds.
pub fn parse_duration(text: &str) -> Result<u32, String> {
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let number = |part: &str| part.parse::<u32>().map_err(|_| format!("'{text}' is not M:SS or whole minutes"));
    let seconds = match parts.as_slice() {
        [minutes] => number(minutes)?.checked_mul(60),
        [minutes, seconds] if seconds.len() == 2 && number(seconds)? < 60 => {
            number(minutes)?.checked_mul(60).and_then(|m| m.checked_add(number(seconds).ok()?))
        }
        [hours, minutes, seconds]
            if minutes.len() == 2 && seconds.len() == 2 && number(minutes)? < 60 && number(seconds)? < 60 =>
        {
            number(hours)?
                .checked_mul(3600)
                .and_then(|h| h.checked_add(number(minutes).ok()? * 60 + number(seconds).ok()?))
        }
        _ => return Err(format!("'{text}' is not M:SS or whole minutes")),
    }
    .unwrap_or(u32::MAX);
    if seconds == 0 || seconds > MAX_SECONDS {
        return Err(format!("'{text}' must be more than 0 and at most 24 hours"));
    }
    Ok(seconds)
}

/// `seconds` as `M:SS` (minutes may exceed 59: a spreadsheet reads `75:00` fine).
pub fn format_duration(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// `sheet` as CSV with every column, a byte-order mark first.
pub fn to_csv(sheet: &RunSheet) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = "writing CSV to memory cannot fail";
    writer.write_record(COLUMNS).expect(fail);
    for slot in &sheet.slots {
        let record: Vec<String> = COLUMNS.iter().map(|column| cell(slot, column)).collect();
        writer.write_record(&record).expect(fail);
    }
    let bytes = writer.into_inner().expect(fail);
    format!("\u{feff}{}", String::from_utf8(bytes).expect("written from strings"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = "product,price,duration,talking_points,drop_price,drop_window,drop_stock,template\n\
        Sofa Novilla 3 dudukan,Rp4.999.000,15:00,\"Rangka kayu jati\nBusa 30D\",Rp3.999.000,5:00,20,payday-sale\n\
        Kursi Avenco ✨,Rp899.000,10,,,,,\n";

    #[test]
    fn a_sheet_survives_export_and_import() {
        let sheet = from_csv("Senin", SHEET).unwrap();
        assert_eq!(sheet.slots.len(), 2);
        assert_eq!(sheet.slots[0].seconds, 900);
        assert_eq!(sheet.slots[0].talking_points, "Rangka kayu jati\nBusa 30D");
        assert_eq!(
            sheet.slots[0].drop,
            Some(SlotDrop { price: "Rp3.999.000".into(), seconds: Some(300), stock: Some(20) })
        );
        assert_eq!((sheet.slots[1].seconds, &sheet.slots[1].drop), (600, &None));
        assert_eq!(
            (sheet.slots[0].template.as_deref(), sheet.slots[1].template.as_deref()),
            (Some("payday-sale"), None)
        );
        let exported = to_csv(&sheet);
        assert!(exported.starts_with('\u{feff}'));
        assert_eq!(from_csv("Senin", &exported).unwrap(), sheet);
    }

    #[test]
    fn facts_survive_export_and_import_with_emoji_commas_and_lines() {
        let text = "product,duration,material,sizes,cod,qa,promo_price\n\
            Daster Kirana 🌸,10,\"voal premium, adem, tidak menerawang\",\"S, M, L (LD 100, PB 120)\",ya,\"bisa buat hamil? | bisa kak 🤰, longgar\nada kantong? | ada, 2\",Rp59.000\n\
            Gamis,5,,,tidak,,\n";
        let sheet = from_csv("Jumat", text).unwrap();
        let facts = &sheet.slots[0].facts;
        assert_eq!(facts.material.as_deref(), Some("voal premium, adem, tidak menerawang"));
        assert_eq!(facts.sizes.as_deref(), Some("S, M, L (LD 100, PB 120)"));
        assert_eq!((facts.cod, sheet.slots[1].facts.cod), (Some(true), Some(false)));
        assert_eq!(facts.qa.len(), 2);
        assert_eq!(
            (facts.qa[0].question.as_str(), facts.qa[0].answer.as_str()),
            ("bisa buat hamil?", "bisa kak 🤰, longgar")
        );
        assert_eq!(facts.promo_price.as_deref(), Some("Rp59.000"));
        assert_eq!(from_csv("Jumat", &to_csv(&sheet)).unwrap(), sheet);

        let error = from_csv("x", "product,duration,cod\nDaster,5,mungkin\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 3), "{error}");
        let error = from_csv("x", "product,duration,qa\nDaster,5,\"ada? | ada\nwarna apa\"\n").unwrap_err();
        assert!(error.message.contains("line 2 of the cell"), "{error}");
    }

    #[test]
    fn semicolons_any_column_order_and_blank_rows_are_fine() {
        let sheet = from_csv("x", "\u{feff}duration;product\n5:30;Lampu\n;\n").unwrap();
        assert_eq!((sheet.slots.len(), sheet.slots[0].seconds, sheet.slots[0].product.as_str()), (1, 330, "Lampu"));
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_column_and_nothing_is_imported() {
        let error = from_csv("x", "product,duration,drop_stock,drop_price\nSofa,5,,\nKursi,7:5,,\n").unwrap_err();
        assert_eq!((error.line, error.column), (3, 2), "{error}");
        assert!(error.message.contains("7:5"), "{error}");

        let error = from_csv("x", "product,duration,drop_stock,drop_price\nSofa,5,banyak,Rp1\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 3), "{error}");
        let error = from_csv("x", "product,duration,drop_stock\nSofa,5,3\n").unwrap_err();
        assert!(error.message.contains("drop_price"), "{error}");
        let error = from_csv("x", "product,duration,harga\n").unwrap_err();
        assert_eq!((error.line, error.column), (1, 3));
        assert!(error.message.contains("unknown column 'harga'"));
        let error = from_csv("x", "product,price\nSofa,1\n").unwrap_err();
        assert!(error.message.contains("'duration'"), "{error}");
        let error = from_csv("x", "product,duration\nSofa,5,extra\n").unwrap_err();
        assert_eq!(error.line, 2, "{error}");
        let error = from_csv("x", "product,duration\n,5\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 1));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5"), Ok(300));
        assert_eq!(parse_duration("4:05"), Ok(245));
        assert_eq!(parse_duration("1:00:00"), Ok(3600));
        for bad in ["0", "4:5", "4:60", "-1", "lima", "", "25:00:00", "99999999", "1193047:00:00", "71582789:00"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(245), "4:05");
    }
}
