//! The live's clock in the archive: every flash-sale payment window (open ones come back after a
//! restart; all of them feed the reports), the saved run sheets, and where the live stands in
//! the sheet in force.
//!
//! The tables are the archive's (`store/migrations.rs`); the queries live here, beside the types
//! they read and write, so the store never needs the clock's types (imports run clock → store).
//! They are methods of [`Archive`] over its connection ([`Archive::conn`]), with errors named
//! through the store's [`Context`].

use rusqlite::{OptionalExtension, params};

use super::flash_sale::{FlashSaleEnd, SaleWindow};
use super::run_sheet::{Position, RunSheet, RunSheetSummary, Slot};
use crate::answers::ProductFacts;
use crate::event::Timestamp;
use crate::store::{Archive, Context, StoreError};

const SALE_COLUMNS: &str =
    "id, session_id, product, price, stock, created_at, starts_at, deadline, ended_at, end_reason";

impl Archive {
    /// Records a new flash sale, or its change (extended, closed).
    pub fn save_flash_sale(&self, sale: &SaleWindow) -> Result<(), StoreError> {
        self.conn()
            .execute(
                &format!(
                    "INSERT INTO flash_sales ({SALE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                     ON CONFLICT (id) DO UPDATE SET stock = excluded.stock, deadline = excluded.deadline,
                       ended_at = excluded.ended_at, end_reason = excluded.end_reason"
                ),
                params![
                    sale.id,
                    sale.session_id,
                    sale.product,
                    sale.price,
                    sale.stock,
                    sale.created_at,
                    sale.starts_at,
                    sale.deadline,
                    sale.ended_at,
                    sale.end_reason.map(FlashSaleEnd::as_str),
                ],
            )
            .map(drop)
            .context(self.path(), "recording a flash sale")
    }

    /// Flash sales not yet recorded as ended (some may have expired while Pandu was not running).
    pub fn open_flash_sales(&self) -> Result<Vec<SaleWindow>, StoreError> {
        self.flash_sales_where("ended_at IS NULL", params![])
    }

    /// A live session's flash sales, in the order they started.
    pub fn session_flash_sales(&self, session: i64) -> Result<Vec<SaleWindow>, StoreError> {
        self.flash_sales_where("session_id = ?1", params![session])
    }

    fn flash_sales_where(&self, filter: &str, values: &[&dyn rusqlite::ToSql]) -> Result<Vec<SaleWindow>, StoreError> {
        self.conn()
            .prepare(&format!("SELECT {SALE_COLUMNS} FROM flash_sales WHERE {filter} ORDER BY starts_at, created_at"))
            .and_then(|mut stmt| {
                stmt.query_map(values, |row| {
                    Ok(SaleWindow {
                        id: row.get(0)?,
                        session_id: row.get(1)?,
                        product: row.get(2)?,
                        price: row.get(3)?,
                        stock: row.get(4)?,
                        created_at: row.get(5)?,
                        starts_at: row.get(6)?,
                        deadline: row.get(7)?,
                        ended_at: row.get(8)?,
                        end_reason: row.get::<_, Option<String>>(9)?.as_deref().and_then(FlashSaleEnd::parse),
                    })
                })?
                .collect()
            })
            .context(self.path(), "reading the flash sales")
    }

    /// Saves `sheet` under its name, replacing one of the same name.
    pub fn save_run_sheet(&self, sheet: &RunSheet, at: Timestamp) -> Result<(), StoreError> {
        let slots = serde_json::to_string(&sheet.slots).expect("slots always serialise");
        self.conn()
            .execute(
                "INSERT INTO run_sheets (name, slots, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET slots = excluded.slots, updated_at = excluded.updated_at",
                params![sheet.name, slots, at],
            )
            .map(drop)
            .context(self.path(), "saving a run sheet")
    }

    /// The saved run sheets, by name.
    pub fn run_sheets(&self) -> Result<Vec<RunSheetSummary>, StoreError> {
        self.conn()
            .prepare("SELECT name, json_array_length(slots), updated_at FROM run_sheets ORDER BY name COLLATE NOCASE")
            .and_then(|mut stmt| {
                stmt.query_map([], |row| {
                    Ok(RunSheetSummary { name: row.get(0)?, slots: row.get(1)?, updated_at: row.get(2)? })
                })?
                .collect()
            })
            .context(self.path(), "listing the run sheets")
    }

    /// The saved run sheet `name`, if there is one.
    pub fn run_sheet(&self, name: &str) -> Result<Option<RunSheet>, StoreError> {
        let slots: Option<String> = self
            .conn()
            .query_row("SELECT slots FROM run_sheets WHERE name = ?1", [name], |row| row.get(0))
            .optional()
            .context(self.path(), "reading a run sheet")?;
        slots
            .map(|slots| {
                let slots: Vec<Slot> = serde_json::from_str(&slots)
                    .map_err(|error| {
                        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, error.into())
                    })
                    .context(self.path(), "reading a run sheet")?;
                Ok(RunSheet { name: name.into(), slots })
            })
            .transpose()
    }

    /// The facts last typed for `product` (case and spacing aside) on a saved sheet other than
    /// `except`, the newest sheet first: a product's facts follow it from live to live.
    pub fn known_facts(&self, product: &str, except: &str) -> Result<Option<ProductFacts>, StoreError> {
        let wanted = product.trim().to_lowercase();
        let sheets: Vec<String> = self
            .conn()
            .prepare("SELECT slots FROM run_sheets WHERE name <> ?1 ORDER BY updated_at DESC")
            .and_then(|mut stmt| stmt.query_map([except], |row| row.get(0))?.collect())
            .context(self.path(), "reading the run sheets' facts")?;
        // A sheet this build cannot read is skipped here: `run_sheet` reports it when opened.
        Ok(sheets.iter().filter_map(|slots| serde_json::from_str::<Vec<Slot>>(slots).ok()).find_map(|slots| {
            slots
                .into_iter()
                .find(|slot| slot.product.trim().to_lowercase() == wanted && !slot.facts.is_empty())
                .map(|slot| slot.facts)
        }))
    }

    /// Deletes the saved run sheet `name`; `false` if there was none.
    pub fn delete_run_sheet(&self, name: &str) -> Result<bool, StoreError> {
        self.conn()
            .execute("DELETE FROM run_sheets WHERE name = ?1", [name])
            .map(|removed| removed > 0)
            .context(self.path(), "deleting a run sheet")
    }

    /// Records where the live stands in the run sheet.
    pub fn save_run_position(&self, position: &Position) -> Result<(), StoreError> {
        let json = serde_json::to_string(position).expect("a position always serialises");
        self.conn()
            .execute(
                "INSERT INTO run_position (id, position) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET position = excluded.position",
                [json],
            )
            .map(drop)
            .context(self.path(), "recording the run-sheet position")
    }

    /// Where the live stood in the run sheet when last recorded. A record this build cannot
    /// read (written by a later one) is reported as missing, not fatal: the sheets are saved apart.
    pub fn run_position(&self) -> Result<Option<Position>, StoreError> {
        let json: Option<String> = self
            .conn()
            .query_row("SELECT position FROM run_position WHERE id = 1", [], |row| row.get(0))
            .optional()
            .context(self.path(), "reading the run-sheet position")?;
        Ok(json.and_then(|json| {
            serde_json::from_str(&json)
                .inspect_err(|error| {
                    tracing::warn!(
                        "{}: the run-sheet position is unreadable ({error}); starting without it",
                        self.path().display()
                    )
                })
                .ok()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::run_sheet::tests::sheet;

    fn sale(id: &str, session_id: Option<i64>) -> SaleWindow {
        SaleWindow {
            id: id.into(),
            session_id,
            product: "Sofa".into(),
            price: "Rp1".into(),
            stock: Some(3),
            created_at: 1,
            starts_at: 2,
            deadline: 300_002,
            ended_at: None,
            end_reason: None,
        }
    }

    #[test]
    fn flash_sales_are_logged_and_open_ones_found_again() {
        let archive = Archive::open_in_memory().unwrap();
        let session = archive.begin_session("demo", 0).unwrap();
        archive.save_flash_sale(&sale("fs-1", Some(session))).unwrap();
        archive.save_flash_sale(&sale("fs-2", Some(session))).unwrap();
        let closed = SaleWindow {
            ended_at: Some(50),
            end_reason: Some(FlashSaleEnd::Closed),
            deadline: 400_000,
            ..sale("fs-2", Some(session))
        };
        archive.save_flash_sale(&closed).unwrap();
        assert_eq!(archive.open_flash_sales().unwrap(), vec![sale("fs-1", Some(session))]);
        assert_eq!(archive.session_flash_sales(session).unwrap()[1], closed);
        archive.end_session(session, 10).unwrap();
        assert_eq!(archive.sessions().unwrap().len(), 1, "a session with a flash sale is kept");
    }

    #[test]
    fn run_sheets_are_saved_by_name_and_the_position_kept() {
        let archive = Archive::open_in_memory().unwrap();
        let mut senin = sheet();
        archive.save_run_sheet(&senin, 5).unwrap();
        senin.slots.pop();
        archive.save_run_sheet(&senin, 6).unwrap();
        archive.save_run_sheet(&RunSheet { name: "akhir pekan".into(), slots: vec![] }, 7).unwrap();
        let names: Vec<_> = archive.run_sheets().unwrap().into_iter().map(|s| (s.name, s.slots)).collect();
        assert_eq!(names, vec![("akhir pekan".into(), 0), ("Senin pagi".into(), 1)]);
        assert_eq!(archive.run_sheet("Senin pagi").unwrap(), Some(senin.clone()));
        assert!(archive.delete_run_sheet("akhir pekan").unwrap());
        assert!(!archive.delete_run_sheet("akhir pekan").unwrap());
        assert_eq!(archive.run_sheet("akhir pekan").unwrap(), None);

        assert_eq!(archive.run_position().unwrap(), None);
        let position = Position { sheet: senin, slot: Some(0), slot_started_at: 9, ..Default::default() };
        archive.save_run_position(&position).unwrap();
        assert_eq!(archive.run_position().unwrap(), Some(position));
    }

    #[test]
    fn a_products_facts_are_found_on_the_newest_other_sheet() {
        let archive = Archive::open_in_memory().unwrap();
        let with_material = |name: &str, material: &str| {
            let mut sheet = sheet();
            sheet.name = name.into();
            sheet.slots[0].facts.material = Some(material.into());
            sheet
        };
        archive.save_run_sheet(&with_material("Senin", "jati"), 1).unwrap();
        archive.save_run_sheet(&with_material("Selasa", "jati solid"), 2).unwrap();
        let found =
            |product: &str, except: &str| archive.known_facts(product, except).unwrap().and_then(|f| f.material);
        assert_eq!(found(" sofa novilla ", "Rabu").as_deref(), Some("jati solid"));
        assert_eq!(found("Sofa Novilla", "Selasa").as_deref(), Some("jati"), "not the sheet being saved");
        assert_eq!(found("Kursi Avenco", "Rabu"), None, "a product with no facts anywhere");
    }
}
