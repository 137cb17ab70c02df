//! The frame renderer: a starter at 1080×1920, rendered and PNG-encoded, against baselines in
//! the same run.
//!
//! - `cache hit`: the same frame again (a hash and a copy): what an unchanged frame costs.
//! - `encode blank`: PNG-encoding an empty 1080×1920 canvas, the floor under any render.
//! - `price change`: the starter re-rendered with a new price each time (no cache hit): what the
//!   live pays when the run sheet moves on. Target: under 50 ms.
//!
//! A final summary prints each median and the ratios. Run: `cargo bench --bench frame`.

#[path = "common/timing.rs"]
mod timing;

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use pandu_frame::{Fields, RenderOptions, Renderer, Template};
use timing::median;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("overlays/payday-sale");
    let template = Template::load(&dir).expect("the starter loads");
    let options = RenderOptions::default();
    let mut renderer = Renderer::new();
    let mut fields = Fields::new();
    let mut price = 0u64;
    let mut next_price = move |fields: &mut Fields| {
        price += 1000;
        fields.set("price", format!("Rp {price}"));
    };
    // A template with no layers: rendering it is allocating the canvas and encoding the PNG.
    let blank = Template::parse("[template]\nname = \"Kosong\"\n", &dir).expect("the blank template parses");
    let mut blank_options = RenderOptions::default();
    // The safe zones are part of the cache key: changing one makes each blank render a miss.
    let mut encode_blank = move |renderer: &mut Renderer| {
        blank_options.safe_zones.top += 1;
        renderer.render(&blank, &Fields::new(), &blank_options).unwrap()
    };

    let mut criterion =
        Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5)).configure_from_args();
    let mut group = criterion.benchmark_group("frame 1080x1920");
    group.bench_function("price change (render + PNG)", |b| {
        b.iter(|| {
            next_price(&mut fields);
            black_box(renderer.render(&template, &fields, &options).unwrap())
        })
    });
    group.bench_function("cache hit", |b| b.iter(|| black_box(renderer.render(&template, &fields, &options).unwrap())));
    group.bench_function("encode blank", |b| b.iter(|| black_box(encode_blank(&mut renderer))));
    group.finish();
    criterion.final_summary();

    let change = median(
        || {
            next_price(&mut fields);
            black_box(renderer.render(&template, &fields, &options).unwrap());
        },
        30,
    );
    let hit = median(|| drop(black_box(renderer.render(&template, &fields, &options).unwrap())), 30);
    let floor = median(|| drop(black_box(encode_blank(&mut renderer))), 30);
    println!(
        "\nframe 1080×1920 (payday-sale): price change {:.1} ms (target < 50 ms), cache hit {:.3} ms ({:.0}× faster), \
         PNG of a blank canvas {:.1} ms (the change costs {:.1}× the floor)",
        change.as_secs_f64() * 1e3,
        hit.as_secs_f64() * 1e3,
        change.as_secs_f64() / hit.as_secs_f64(),
        floor.as_secs_f64() * 1e3,
        change.as_secs_f64() / floor.as_secs_f64(),
    );
}
