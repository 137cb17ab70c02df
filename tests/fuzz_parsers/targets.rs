//! The targets but the API's: each parser called as Pandu calls it on what a stranger or a
//! mistaken file hands it, and the check that its answer is usable (an error that says what and
//! where; a result that survives the next step, a round trip where there is one).

use std::io::Write;
use std::path::{Path, PathBuf};

use pandu::clock::csv::{from_csv, to_csv};
use pandu::config::transfer::export_text;
use pandu::config::{ConfigError, Settings};
use pandu::ingest::shapes::{Parsed, parse_frame, parse_message};
use pandu::ingest::tiktok::{Mapped, map_event};
use pandu::moderation::fold::{fold, fold_plain};
use pandu::moderation::lexicon::{Lexicon, Surface};
use pandu::moderation::matcher::Matcher;
use pandu_frame::{Fields, FrameError, SafeZones, Template};
use piratetok_live_rs::decode::mapper::decode_message;
use piratetok_live_rs::structs::proto::*;
use piratetok_live_rs::websocket::frames::decompress_if_gzipped;
use prost::Message as _;

use crate::engine::{HEAP_BASE, MAX_INPUT, Target, repository};
use crate::mutate::{Rng, mutate};
use crate::seeds;

pub fn tokens(words: &[&str]) -> Vec<Vec<u8>> {
    words.iter().map(|word| word.as_bytes().to_vec()).collect()
}

/// An error must say something: an empty message names neither what nor where.
fn said(what: &str, message: &str) -> Result<(), String> {
    if message.trim().is_empty() { Err(format!("{what}: an empty error message")) } else { Ok(()) }
}

const JSON_TOKENS: &[&str] = &[
    "\"event\":",
    "\"data\":",
    "\"chat\"",
    "\"gift\"",
    "\"like\"",
    "\"member\"",
    "\"social\"",
    "\"roomUser\"",
    "\"streamEnd\"",
    "\"comment\":",
    "\"uniqueId\":",
    "\"userId\":",
    "\"nickname\":",
    "\"msgId\":",
    "\"createTime\":",
    "\"giftType\":1",
    "\"repeatEnd\":",
    "\"repeatCount\":",
    "\"diamondCount\":",
    "\"likeCount\":",
    "\"viewerCount\":",
    "\"displayType\":",
    "\"followRole\":",
    "\"chatname\":",
    "\"chatmessage\":",
    "\"textonly\":true",
    "\"timestamp\":",
    "\"id\":",
    "\"ts\":",
    "\"type\":",
    "\"source\":",
    "\"user\":",
    "\"text\":",
    "\"comment\"",
    "null",
    "true",
    "false",
    "[]",
    "{}",
    "\"\"",
    ",",
    ":",
    "\\u0000",
    "\\ud800",
    "\\uDFFF",
    "&amp;",
    "&#x110000;",
    "&#99999999999;",
    "&#;",
    "<img src=x>",
    "<",
    ">",
];

fn text(input: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(input)
}

/// TikFinity / TikTok-Live-Connector, Social Stream Ninja and Pandu's own events, as the
/// WebSocket endpoint and `POST /api/ingest` parse them. An accepted event must come back the
/// same through Pandu's own shape (what `pandu export --events` writes and the ingest takes).
pub fn ingest_json() -> Target {
    let mut seeds = seeds::doc_blocks("json");
    seeds.extend(seeds::api_routes().into_iter().filter(|r| r.path == "/api/ingest").flat_map(|r| r.examples));
    seeds.extend(tokens(&[
        r#"{"event":"chat","data":{"comment":"ready kak?","uniqueId":"sari.belanja","nickname":"Sari 🌸","userId":"6812345678901234567","profilePictureUrl":"https://p16.example/a.jpg","isModerator":false,"followRole":1,"msgId":"7301","createTime":"1732330000123"}}"#,
        r#"{"event":"gift","data":{"uniqueId":"b","giftName":"Rose","repeatCount":2,"diamondCount":1,"giftType":1,"repeatEnd":true}}"#,
        r#"{"event":"social","data":{"uniqueId":"b","nickname":"Budi","displayType":"pm_mt_msg_viewer_follow"}}"#,
        r#"{"event":"roomUser","data":{"viewerCount":300}}"#,
        r#"{"event":"streamEnd","data":{"action":3}}"#,
        r#"{"likeCount":5,"uniqueId":"a","msgId":2}"#,
        r#"{"id":42,"chatname":"Dewi","chatmessage":"mantap <img src=\"x.png\" alt=\":fire:\"> kak &amp; murah &#129321;","chatimg":"https://a/x.png","type":"tiktok","userid":"u9","moderator":true}"#,
        r#"{"id":44,"chatname":"A","event":"joined","timestamp":1732330000000}"#,
        r#"{"id":"m1","ts":5,"source":"replay","type":"comment","user":{"id":"1","unique_id":"a","nickname":"A"},"text":"halo","flags":[]}"#,
        r#"[{"comment":"a","uniqueId":"x"}, 7, {"event":"battle","data":{}}]"#,
    ]));
    Target {
        name: "ingest_json",
        seeds,
        dictionary: tokens(JSON_TOKENS),
        generate: None,
        default_iterations: 10000,
        heap_base: HEAP_BASE,
        max_len: MAX_INPUT,
        setup: Box::new(|| {
            Box::new(|input: &[u8]| {
                let text = text(input);
                for result in parse_frame(&text, "ingest").into_iter().chain(parse_message(&text, "ingest")) {
                    match result {
                        Err(rejection) => said("a rejection", &rejection.to_string())?,
                        Ok(Parsed::Event(event)) => {
                            let own = serde_json::to_string(&event)
                                .map_err(|e| format!("{event:?} does not serialise: {e}"))?;
                            let back = parse_message(&own, "elsewhere");
                            if back != [Ok(Parsed::Event(event.clone()))] {
                                return Err(format!("{own} comes back as {back:?}"));
                            }
                        }
                        Ok(Parsed::Ignored) => {}
                    }
                }
                Ok(())
            })
        }),
    }
}

// --- TikTok's webcast frames -----------------------------------------------------------------

const ROOM_ID: i64 = 7_437_000_000_000_000_001;

fn common(msg_id: i64, method: &str) -> Option<CommonMessageData> {
    Some(CommonMessageData {
        method: method.into(),
        msg_id,
        room_id: ROOM_ID,
        create_time: 1_732_330_000_000 + msg_id % 1000,
        ..Default::default()
    })
}

fn viewer(user_id: i64, handle: &str) -> Option<UserIdentity> {
    Some(UserIdentity {
        user_id,
        unique_id: handle.into(),
        nickname: format!("{handle} 🌸"),
        avatar_thumb: Some(Image {
            url_list: vec![format!("https://p16-sign.example/{handle}.webp")],
            ..Default::default()
        }),
        follow_info: Some(FollowInfo { follow_status: 1, ..Default::default() }),
        ..Default::default()
    })
}

fn message(method: &str, payload: impl prost::Message) -> WebcastMessage {
    WebcastMessage { r#type: method.into(), payload: payload.encode_to_vec(), ..Default::default() }
}

/// One of each message Pandu maps, and one outside the schema, as TikTok encodes them.
fn webcast_messages() -> Vec<WebcastMessage> {
    vec![
        message(
            "WebcastChatMessage",
            WebcastChatMessage {
                common: common(1, "WebcastChatMessage"),
                user: viewer(41, "sari.belanja"),
                comment: "kak yang hitam ready?".into(),
                ..Default::default()
            },
        ),
        message(
            "WebcastGiftMessage",
            WebcastGiftMessage {
                common: common(2, "WebcastGiftMessage"),
                user: viewer(42, "budi_88"),
                repeat_count: 3,
                repeat_end: 1,
                gift_details: Some(GiftDetails {
                    gift_name: "Rose".into(),
                    diamond_count: 1,
                    gift_type: 1,
                    ..Default::default()
                }),
                ..Default::default()
            },
        ),
        message(
            "WebcastLikeMessage",
            WebcastLikeMessage {
                common: common(3, "WebcastLikeMessage"),
                user: viewer(44, "dimas"),
                like_count: 15,
                total_like_count: 1200,
                ..Default::default()
            },
        ),
        message(
            "WebcastMemberMessage",
            WebcastMemberMessage {
                common: common(4, "WebcastMemberMessage"),
                user: viewer(43, "rina"),
                action: 1,
                ..Default::default()
            },
        ),
        message(
            "WebcastSocialMessage",
            WebcastSocialMessage {
                common: common(5, "WebcastSocialMessage"),
                user: viewer(45, "ayu"),
                action: 3,
                ..Default::default()
            },
        ),
        message(
            "WebcastRoomUserSeqMessage",
            WebcastRoomUserSeqMessage {
                common: common(6, "WebcastRoomUserSeqMessage"),
                viewer_count: 321,
                total_user: 900,
                ..Default::default()
            },
        ),
        message(
            "WebcastControlMessage",
            WebcastControlMessage { common: common(7, "WebcastControlMessage"), action: 3, ..Default::default() },
        ),
        WebcastMessage { r#type: "WebcastNotInTheSchemaMessage".into(), payload: vec![8, 1], ..Default::default() },
    ]
}

/// A push frame as TikTok sends it: the response inside, gzip'd or not.
fn push_frame(messages: Vec<WebcastMessage>, gzip: bool, payload_type: &str) -> Vec<u8> {
    let response = WebcastResponse {
        messages,
        cursor: "t-1".into(),
        internal_ext: format!("internal_src:dim|wss_push_room_id:{ROOM_ID}|log_id:1"),
        needs_ack: true,
        ..Default::default()
    }
    .encode_to_vec();
    let payload = if gzip {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&response).unwrap();
        encoder.finish().unwrap()
    } else {
        response
    };
    WebcastPushFrame {
        log_id: 1,
        payload_encoding: "pb".into(),
        payload_type: payload_type.into(),
        payload,
        ..Default::default()
    }
    .encode_to_vec()
}

/// Frames whose inner messages are mutated protobuf: random bytes alone almost never get
/// through the frame, the gzip and the response to reach the message decoders and Pandu's
/// mapping.
fn webcast_frame(rng: &mut Rng, _seeds: &[Vec<u8>]) -> Vec<u8> {
    let examples = webcast_messages();
    let count = rng.below(3) + 1;
    let messages = (0..count)
        .map(|_| {
            let mut message = rng.pick(&examples).clone();
            let payloads: Vec<Vec<u8>> = examples.iter().map(|m| m.payload.clone()).collect();
            if rng.below(8) != 0 {
                message.payload = mutate(rng, std::slice::from_ref(&message.payload), &payloads, 4096);
            }
            if rng.below(8) == 0 {
                message.r#type = rng.pick(&examples).r#type.clone();
            }
            message
        })
        .collect();
    let payload_type = if rng.below(16) == 0 { "im_enter_room_resp" } else { "msg" };
    push_frame(messages, rng.below(4) != 0, payload_type)
}

/// TikTok's webcast frames, down the connector's path (frame, gzip, response, each message's
/// decoder) and then Pandu's mapping onto its events.
pub fn tiktok_webcast() -> Target {
    let examples = webcast_messages();
    let mut seeds: Vec<Vec<u8>> =
        vec![push_frame(examples.clone(), true, "msg"), push_frame(examples.clone(), false, "msg")];
    seeds.extend(examples.iter().map(|m| push_frame(vec![m.clone()], false, "msg")));
    seeds.push(WebcastPushFrame { payload_type: "im_enter_room_resp".into(), ..Default::default() }.encode_to_vec());
    Target {
        name: "tiktok_webcast",
        dictionary: examples.iter().map(|m| m.payload.clone()).collect(),
        seeds,
        generate: Some(webcast_frame),
        default_iterations: 8000,
        heap_base: HEAP_BASE,
        max_len: MAX_INPUT,
        setup: Box::new(|| {
            Box::new(|input: &[u8]| {
                let frame = match WebcastPushFrame::decode(input) {
                    Ok(frame) => frame,
                    Err(error) => return said("a frame's decode error", &error.to_string()),
                };
                if frame.payload_type != "msg" {
                    return Ok(());
                }
                let payload = match decompress_if_gzipped(&frame.payload) {
                    Ok(payload) => payload,
                    Err(error) => return said("a gzip error", &error.to_string()),
                };
                let response = match WebcastResponse::decode(payload.as_slice()) {
                    Ok(response) => response,
                    Err(error) => return said("a response's decode error", &error.to_string()),
                };
                for message in &response.messages {
                    for event in decode_message(&message.r#type, &message.payload) {
                        if let Mapped::Event(event) = map_event(event, "tiktok") {
                            if event.id.is_empty() {
                                return Err(format!("an event without an id: {event:?}"));
                            }
                            serde_json::to_string(&event).map_err(|e| format!("{event:?} does not serialise: {e}"))?;
                        }
                    }
                }
                Ok(())
            })
        }),
    }
}

// --- Promo frames ------------------------------------------------------------------------------

/// A fresh copy of the starter template `name` in a temporary folder.
fn template_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join(name);
    std::fs::create_dir(&dir).unwrap();
    for entry in std::fs::read_dir(repository().join("overlays").join(name)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    (temp, dir)
}

/// A refused template names its file, and a line or a layer, unless the fault is the file's
/// as a whole.
fn frame_error(error: &FrameError, dir: &Path) -> Result<(), String> {
    said("a template error", &error.message)?;
    if !error.path.starts_with(&dir.display().to_string()) {
        return Err(format!("{error}: the error does not name the template's file"));
    }
    Ok(())
}

/// A parsed template must check against the safe zones without a panic.
fn parsed_template(template: &Template, dir: &Path) -> Result<(), String> {
    template.summary();
    match pandu_frame::check(template, &Fields::default(), &SafeZones::default()) {
        Ok(_) => Ok(()),
        Err(error) => frame_error(&error, dir),
    }
}

const TOML_TOKENS: &[&str] = &[
    "[[layer]]\n",
    "layer = [{kind = \"rect\", x = 0, y = 0, w = 10, h = 10}]\n",
    "[[ layer ]]\n",
    "\"\"\"\n[[layer]]\n\"\"\"\n",
    "[layer]\n",
    "[template]\n",
    "[fields]\n",
    "kind = \"text\"\n",
    "kind = \"image\"\n",
    "kind = \"rect\"\n",
    "kind = \"countdown\"\n",
    "kind = \"product_card\"\n",
    "kind = \"pinned_comment\"\n",
    "x = ",
    "y = ",
    "w = ",
    "h = ",
    "width = ",
    "height = ",
    "file = \"logo.png\"\n",
    "file = \"../x.png\"\n",
    "file = \"/etc/passwd\"\n",
    "font = ",
    "size = ",
    "color = \"#ff0000\"\n",
    "color = \"#zzz\"\n",
    "text = \"{product} {price}\"\n",
    "text = \"{\"\n",
    "name = ",
    "opacity = ",
    "radius = ",
    "line_height = ",
    "rotate = ",
    "= ",
    "\"",
    "'''",
    "\"\"\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n",
    "#",
    ".",
    "inf",
    "nan",
    "1979-05-27T07:32:00Z",
    "[[term]]\n",
    "[[pattern]]\n",
    "[[allow]]\n",
    "[[source]]\n",
    "[[policy]]\n",
    "[pack]\n",
    "[cues]\n",
    "text = ",
    "regex = \"",
    "category = ",
    "policy = ",
    "applies_to = [\"comments\"]\n",
    "[moderation]\n",
    "[clock]\n",
    "[tiktok]\n",
    "[reports]\n",
    "[alerts]\n",
    "[frame]\n",
    "port = ",
    "token = ",
    "source = ",
    "lan = true\n",
    "time_zone = ",
    "sessionid = ",
];

/// `template.toml`, as the frame editor's draft or a designer's file, read against a starter
/// template's folder (its images and fonts).
pub fn template_toml() -> Target {
    let mut seeds = seeds::in_each_folder("overlays", "template.toml");
    seeds.extend(seeds::doc_blocks("toml"));
    Target {
        name: "template_toml",
        seeds,
        dictionary: tokens(TOML_TOKENS),
        generate: None,
        default_iterations: 1000,
        heap_base: HEAP_BASE,
        max_len: MAX_INPUT,
        setup: Box::new(|| {
            let (temp, dir) = template_copy("payday-sale");
            Box::new(move |input: &[u8]| {
                let _keep = &temp;
                match Template::parse(&text(input), &dir) {
                    Ok(template) => parsed_template(&template, &dir),
                    Err(error) => frame_error(&error, &dir),
                }
            })
        }),
    }
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    out.extend(kind);
    out.extend(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend(crc.sum().to_be_bytes());
}

/// A PNG with valid checksums and a header of any size, depth and colour type: what a PNG
/// decoder trusts before it has read a pixel.
fn png(rng: &mut Rng, _seeds: &[Vec<u8>]) -> Vec<u8> {
    let side = |rng: &mut Rng| -> u32 {
        *rng.pick(&[
            0,
            1,
            2,
            3,
            64,
            1080,
            1920,
            4096,
            4097,
            8192,
            10_000,
            20_000,
            65_535,
            1 << 20,
            u32::MAX >> 1,
            u32::MAX,
        ])
    };
    let (width, height) = (side(rng), side(rng));
    let color_type = *rng.pick(&[0u8, 2, 3, 4, 6, 5]);
    let depth = *rng.pick(&[1u8, 2, 4, 8, 16, 7]);
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([depth, color_type, 0, 0, rng.below(2) as u8]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    png_chunk(&mut out, b"IHDR", &ihdr);
    if color_type == 3 {
        let entries = rng.below(257);
        png_chunk(&mut out, b"PLTE", &(0..entries * 3).map(|_| rng.next_u64() as u8).collect::<Vec<_>>());
    }
    let raw_len = rng.below(1 << 16);
    let raw: Vec<u8> =
        if rng.below(2) == 0 { vec![0; raw_len] } else { (0..raw_len).map(|_| rng.next_u64() as u8).collect() };
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    zlib.write_all(&raw).unwrap();
    let data = zlib.finish().unwrap();
    let split = rng.below(data.len() + 1);
    png_chunk(&mut out, b"IDAT", &data[..split]);
    png_chunk(&mut out, b"IDAT", &data[split..]);
    if rng.below(8) != 0 {
        png_chunk(&mut out, b"IEND", &[]);
    }
    out
}

/// A template's image asset (`logo.png` of a starter template), replaced by the input.
pub fn template_asset() -> Target {
    let mut seeds = seeds::files("overlays/novilla", ".png");
    seeds.extend(seeds::files("overlays/payday-sale", ".png"));
    // A small JPEG made here; the fixture photo (1080 × 1920) takes seconds a decode in a debug
    // build, so only the release run (`make fuzz`) mutates it.
    let mut jpeg = Vec::new();
    let gradient = image::RgbImage::from_fn(48, 32, |x, y| image::Rgb([(x * 5) as u8, (y * 8) as u8, 128]));
    gradient.write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).unwrap();
    seeds.push(jpeg);
    if !cfg!(debug_assertions) {
        seeds.extend(seeds::files("tests/fixtures/frame", ".jpg"));
    }
    Target {
        name: "template_asset",
        seeds,
        dictionary: tokens(&["IHDR", "IDAT", "IEND", "PLTE", "tRNS", "\u{ff}\u{d8}", "\u{ff}\u{c0}", "\u{ff}\u{d9}"]),
        generate: Some(png),
        default_iterations: 400,
        // An image may be as large as the largest canvas, 4096 px a side: 64 MiB decoded and
        // 64 MiB again as the premultiplied pixmap drawn from.
        heap_base: 160 << 20,
        max_len: MAX_INPUT,
        setup: Box::new(|| {
            let (temp, dir) = template_copy("novilla");
            Box::new(move |input: &[u8]| {
                let _keep = &temp;
                std::fs::write(dir.join("logo.png"), input).unwrap();
                match Template::load(&dir) {
                    Ok(template) => parsed_template(&template, &dir),
                    Err(error) => {
                        frame_error(&error, &dir)?;
                        if error.line.is_none() && error.layer.is_none() {
                            return Err(format!("{error}: a bad image must name its layer or line"));
                        }
                        Ok(())
                    }
                }
            })
        }),
    }
}

// --- Run sheets, lexicons, settings ------------------------------------------------------------

/// A run sheet's CSV, as `pandu` and the window import it. A refused file names a line (and a
/// column where one is at fault); an accepted one exports and imports back the same.
pub fn run_sheet_csv() -> Target {
    let mut seeds = seeds::doc_blocks("csv");
    seeds.extend(seeds::files("tests/fixtures/feedback", ".csv"));
    seeds.extend(tokens(&[
        "product,price,duration,talking_points,drop_price,drop_window,drop_stock,template\nSofa Novilla,Rp4.999.000,15:00,\"Rangka jati,\nbusa 30D\",Rp3.999.000,5:00,20,payday-sale\nKursi,Rp899.000,1:05:00,,,,,\n",
        "\u{feff}product;duration;price\nSofa;12:30;Rp1\nMeja;15;\n",
        "product,duration\n\"quoted \"\"name\"\"\",10\n,\n",
    ]));
    Target {
        name: "run_sheet_csv",
        seeds,
        dictionary: tokens(&[
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
            "cod",
            "ya",
            "qa",
            "|",
            ",",
            ";",
            "\"",
            "\n",
            "\r\n",
            ":",
            "1:00:00",
            "24:00:00",
            "24:00:01",
            "99:99",
            "0:00",
            "-1",
            "1e3",
        ]),
        generate: None,
        default_iterations: 5000,
        heap_base: HEAP_BASE,
        max_len: MAX_INPUT,
        setup: Box::new(|| {
            Box::new(|input: &[u8]| {
                let text = text(input);
                match from_csv("fuzz", &text) {
                    Err(error) => {
                        said("a CSV error", &error.message)?;
                        if error.line == 0 {
                            return Err(format!("{error}: no line named"));
                        }
                        Ok(())
                    }
                    Ok(sheet) => {
                        if let Err(message) = sheet.validate() {
                            said("a run sheet's validation", &message)?;
                        }
                        let back = from_csv("fuzz", &to_csv(&sheet))
                            .map_err(|e| format!("the export does not import: {e}"))?;
                        if back != sheet {
                            return Err(format!("exported and imported back differs: {sheet:?} became {back:?}"));
                        }
                        Ok(())
                    }
                }
            })
        }),
    }
}

const SAMPLE_COMMENT: &str = "kak ready? di shopee lebih murah, wa 0812-3456-7890 aja, slot gacor maxwin 🌸";

/// The shop's lexicon file and the rule packs' format. A refused file names its line and
/// column; an accepted one builds a matcher that scans a comment and a script.
pub fn lexicon() -> Target {
    let mut seeds = seeds::files("src/moderation/packs", ".toml");
    seeds.extend(seeds::files("src/moderation", ".toml"));
    seeds.extend(seeds::doc_blocks("toml"));
    Target {
        name: "lexicon",
        seeds,
        dictionary: tokens(TOML_TOKENS),
        generate: None,
        default_iterations: 600,
        heap_base: HEAP_BASE,
        max_len: MAX_INPUT,
        setup: Box::new(|| {
            Box::new(|input: &[u8]| match Lexicon::parse(&text(input), "lexicon.toml") {
                Err(error) => {
                    said("a lexicon error", &error.message)?;
                    if error.line == 0 || error.column == 0 || error.origin != "lexicon.toml" {
                        return Err(format!("{error}: no line and column, or not the file's name"));
                    }
                    Ok(())
                }
                Ok(lexicon) => {
                    let matcher = Matcher::new(&lexicon);
                    matcher.scan(SAMPLE_COMMENT, Surface::Comments);
                    matcher.scan(SAMPLE_COMMENT, Surface::Script);
                    Ok(())
                }
            })
        }),
    }
}

/// `config.toml`, as Pandu reads it at start (and an import reads a settings export). A refused
/// file names itself and what is wrong; accepted settings export to a file that imports back to
/// the same settings, less what stays on this machine (tokens, `sessionid`, archive).
pub fn settings() -> Target {
    let mut seeds = seeds::doc_blocks("toml");
    seeds.push(toml::to_string(&Settings::read(Path::new("/nonexistent/config.toml")).unwrap()).unwrap().into_bytes());
    Target {
        name: "settings",
        seeds,
        dictionary: tokens(TOML_TOKENS),
        generate: None,
        default_iterations: 1500,
        heap_base: HEAP_BASE,
        max_len: MAX_INPUT,
        setup: Box::new(|| {
            let temp = tempfile::tempdir().unwrap();
            let path = temp.path().join("config.toml");
            Box::new(move |input: &[u8]| {
                let _keep = &temp;
                std::fs::write(&path, input).unwrap();
                match Settings::read(&path) {
                    Ok(settings) => {
                        let exported = export_text(&settings);
                        let back = Settings::from_text(&exported, &path)
                            .map_err(|e| format!("the export does not import: {e}\n{exported}"))?;
                        let mut shared = settings.clone();
                        (shared.token, shared.host_token, shared.archive) = (String::new(), String::new(), None);
                        (shared.tiktok.sessionid, shared.tiktok.sessionid_in) = (None, None);
                        if back != shared {
                            return Err(format!("exported and imported back differs: {shared:?} became {back:?}"));
                        }
                        Ok(())
                    }
                    Err(error) => {
                        let shown = error.to_string();
                        if !shown.contains(&path.display().to_string()) {
                            return Err(format!("{shown}: the error does not name the file"));
                        }
                        if let ConfigError::Invalid { message, .. } = &error {
                            said("a settings error", message)?;
                        }
                        Ok(())
                    }
                }
            })
        }),
    }
}

/// A stranger's comment through the fold and the matcher with the default packs (what the
/// nightly cargo-fuzz target `fuzz/fuzz_targets/scan.rs` checks): every flag on character
/// boundaries, slicing exactly what it reports; the ASCII fast path folding like the full fold;
/// the same flags as the reference matcher (the earlier design, every glyph spelling a needle
/// of its own, searched in a full fold).
pub fn comment_text() -> Target {
    let mut seeds = seeds::text_chunks("tests/fixtures/id-real-text-news.txt", 3, 300);
    seeds.extend(seeds::text_chunks("tests/fixtures/id-chat-words.txt", 20, 40));
    Target {
        name: "comment_text",
        seeds,
        dictionary: tokens(&[
            "shopee",
            "sh0pee",
            "s.h.o.p.e.e",
            "wa",
            "0812",
            "gacor",
            "maxwin",
            "ⓢⓗⓞⓟⓔⓔ",
            "ｓｈｏｐｅｅ",
            "5h0p33",
        ]),
        generate: None,
        default_iterations: 1500,
        heap_base: HEAP_BASE,
        // A comment is at most a few hundred characters; a scanned line rarely more.
        max_len: 4096,
        setup: Box::new(|| {
            let matcher = Matcher::new(&Lexicon::default_indonesian());
            let reference = Matcher::reference(&Lexicon::default_indonesian());
            Box::new(move |input: &[u8]| {
                let text = text(input);
                let folded = fold(&text);
                if folded.text.len() != folded.spans.len() {
                    return Err("the fold's spans do not match its text".into());
                }
                for &(start, end) in &folded.spans {
                    if start > end || !text.is_char_boundary(start as usize) || !text.is_char_boundary(end as usize) {
                        return Err(format!("a fold span {start}..{end} off the characters"));
                    }
                }
                let mut plain = Vec::new();
                if fold_plain(&text, &mut plain) && plain != folded.text {
                    return Err("the ASCII fast path folds differently".into());
                }
                for surface in [Surface::Comments, Surface::Script] {
                    let flags = matcher.scan(&text, surface);
                    if flags != reference.scan(&text, surface) {
                        return Err(format!("the matcher and its reference disagree on {surface:?}"));
                    }
                    for flag in flags {
                        let (start, end) = (flag.start as usize, flag.end as usize);
                        if start > end
                            || end > text.len()
                            || !text.is_char_boundary(start)
                            || !text.is_char_boundary(end)
                        {
                            return Err(format!("a flag at {start}..{end} off the characters"));
                        }
                        if text[start..end] != flag.matched {
                            return Err(format!(
                                "a flag reports {:?} but slices {:?}",
                                flag.matched,
                                &text[start..end]
                            ));
                        }
                    }
                }
                Ok(())
            })
        }),
    }
}
