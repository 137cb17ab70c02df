//! The live-shopping message: the product the host pins from the shopping bag.
//!
//! TikTok sends `WebcastOecLiveShoppingMessage` when a product is popped onto viewers' screens.
//! `piratetok-live-rs` 0.5 declares its field 2 as bytes where TikTok sends a number, so it
//! hands the message over undecoded (`TikTokLiveEvent::Unknown`, with the whole payload) and
//! this module reads it with the schema the maintained connectors ship (TikTokLiveProto v3, as
//! used by TikTokLive 7 and TikTok-Live-Connector 2): field 4 `PopProduct` (title 1, price 2,
//! product id 6) and field 9 `ProductSnapShot` (product id 1 as text, title 2). Only those fields
//! are declared; prost skips the rest.
//!
//! What is not known, for want of a public capture with a product in it: which `action_type`
//! means pin and which unpin. A message that names a product is read as that product shown; one
//! that names none (a bag refresh, an unpin) is skipped. When the connector does decode the
//! message (its field 2 absent, so zero), the product is already lost inside it; those are
//! skipped too.

use piratetok_live_rs::structs::proto::CommonMessageData;
use prost::Message;

/// The method name TikTok's webcast frames carry for the message.
pub const METHOD: &str = "WebcastOecLiveShoppingMessage";

#[derive(Clone, PartialEq, Message)]
struct ShoppingMessage {
    #[prost(message, optional, tag = "1")]
    common: Option<CommonMessageData>,
    #[prost(int32, tag = "2")]
    action_type: i32,
    #[prost(message, optional, tag = "4")]
    pop_product: Option<PopProduct>,
    #[prost(message, optional, tag = "9")]
    product_snap_shot: Option<ProductSnapShot>,
}

#[derive(Clone, PartialEq, Message)]
struct PopProduct {
    #[prost(string, tag = "1")]
    title: String,
    #[prost(string, tag = "2")]
    price: String,
    #[prost(int64, tag = "6")]
    product_id: i64,
}

#[derive(Clone, PartialEq, Message)]
struct ProductSnapShot {
    #[prost(string, tag = "1")]
    product_id: String,
    #[prost(string, tag = "2")]
    title: String,
}

/// The product a shopping message shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownProduct {
    /// The message's id and time, as every webcast message carries them.
    pub common: Option<CommonMessageData>,
    pub product_id: Option<String>,
    pub title: String,
    pub price: Option<String>,
}

/// Reads a shopping message's payload: `Ok(None)` when it names no product, `Err` (what is
/// wrong) when it is not the message the schema describes.
pub fn decode(payload: &[u8]) -> Result<Option<ShownProduct>, String> {
    let message = ShoppingMessage::decode(payload).map_err(|error| format!("{METHOD}: {error}"))?;
    let pop = message.pop_product.unwrap_or_default();
    let snapshot = message.product_snap_shot.unwrap_or_default();
    let text = |value: &str| Some(value.trim().to_string()).filter(|value| !value.is_empty());
    let product_id = (pop.product_id > 0).then(|| pop.product_id.to_string()).or_else(|| text(&snapshot.product_id));
    let title = text(&pop.title).or_else(|| text(&snapshot.title));
    Ok(match (product_id, title) {
        (None, None) => None,
        (product_id, title) => Some(ShownProduct {
            common: message.common,
            product_id,
            title: title.unwrap_or_default(),
            price: text(&pop.price),
        }),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A shopping message as TikTok sends it (TikTokLiveProto v3's layout).
    pub(crate) fn message(action_type: i32, title: &str, product_id: i64, snapshot_id: &str) -> Vec<u8> {
        ShoppingMessage {
            common: Some(CommonMessageData {
                msg_id: 7_441_000_000_000_000_009,
                create_time: 1_764_590_460_000,
                ..Default::default()
            }),
            action_type,
            pop_product: (!title.is_empty() || product_id != 0).then(|| PopProduct {
                title: title.into(),
                price: "Rp89.000".into(),
                product_id,
            }),
            product_snap_shot: (!snapshot_id.is_empty())
                .then(|| ProductSnapShot { product_id: snapshot_id.into(), title: "snapshot".into() }),
        }
        .encode_to_vec()
    }

    #[test]
    fn the_popped_product_is_read_with_its_id_as_text() {
        let shown = decode(&message(1, "Daster Kirana ✨ Voal", 1_729_384_756_120_384_512, "")).unwrap().unwrap();
        assert_eq!(
            shown,
            ShownProduct {
                common: Some(CommonMessageData {
                    msg_id: 7_441_000_000_000_000_009,
                    create_time: 1_764_590_460_000,
                    ..Default::default()
                }),
                product_id: Some("1729384756120384512".into()),
                title: "Daster Kirana ✨ Voal".into(),
                price: Some("Rp89.000".into()),
            }
        );
        let from_snapshot = decode(&message(2, "", 0, "7301")).unwrap().unwrap();
        assert_eq!((from_snapshot.product_id.as_deref(), from_snapshot.title.as_str()), (Some("7301"), "snapshot"));
        assert_eq!(decode(&message(3, "", 0, "")).unwrap(), None, "a message naming no product");
        assert!(decode(&[0x22, 0x05, 0x0a]).unwrap_err().starts_with(METHOD), "a truncated message");
    }
}
