//! Rule packs through `pandu serve`'s control API: switching a pack on changes what the host's
//! script is checked against at once, and is kept in the settings.

mod common;

use common::Served;
use serde_json::{Value, json};

const TOKEN: &str = "p4ck";
const SCRIPT: &str = "Krim ini ampuh menghilangkan flek, 100% aman tanpa efek samping.\n";

fn enabled(packs: &Value) -> Vec<&str> {
    packs.as_array().unwrap().iter().filter(|p| p["enabled"] == true).map(|p| p["id"].as_str().unwrap()).collect()
}

fn script_terms(served: &Served) -> Vec<String> {
    let (status, report) = served.request("PUT", "/api/script", Some(TOKEN), SCRIPT);
    assert_eq!(status, 200, "{report}");
    report["hits"].as_array().unwrap().iter().map(|hit| hit["matched"].as_str().unwrap().to_lowercase()).collect()
}

#[test]
fn switching_the_cosmetics_pack_on_flags_the_claims_in_the_script_with_their_why() {
    let home = tempfile::tempdir().unwrap();
    let served = Served::start_bare(home.path(), TOKEN);
    assert_eq!(served.get("/api/packs", None).0, 401);
    let (status, packs) = served.get("/api/packs", Some(TOKEN));
    assert_eq!(status, 200);
    assert_eq!(enabled(&packs), ["tiktok-shop", "judi-online", "kata-kasar", "provokasi"], "the default packs");
    assert!(packs.as_array().unwrap().iter().all(|p| !p["sources"].as_array().unwrap().is_empty()), "{packs}");
    assert!(script_terms(&served).is_empty(), "no claim pack on: nothing to flag");

    let on = json!({"packs": ["tiktok-shop", "judi-online", "kata-kasar", "provokasi", "klaim-kosmetik"]});
    let (status, packs) = served.call("PUT", "/api/packs", TOKEN, on);
    assert_eq!(status, 200, "{packs}");
    assert!(enabled(&packs).contains(&"klaim-kosmetik"));
    let (_, report) = served.request("PUT", "/api/script", Some(TOKEN), SCRIPT);
    let hits = report["hits"].as_array().unwrap();
    let matched: Vec<String> = hits.iter().map(|hit| hit["matched"].as_str().unwrap().to_lowercase()).collect();
    for claim in ["ampuh", "menghilangkan", "100% aman", "tanpa efek samping"] {
        assert!(matched.iter().any(|m| m == claim), "{claim} not flagged in {matched:?}");
    }
    for hit in hits {
        assert_eq!(hit["why"]["pack"], "klaim-kosmetik", "{hit}");
        assert!(
            !hit["why"]["rule"]["id"].as_str().unwrap().is_empty()
                && !hit["why"]["source"].as_str().unwrap().is_empty()
        );
    }

    let settings = std::fs::read_to_string(
        walk(home.path()).into_iter().find(|path| path.ends_with("config.toml")).expect("the settings file"),
    )
    .unwrap();
    assert!(settings.contains("klaim-kosmetik"), "kept in the settings:\n{settings}");

    let (status, error) = served.call("PUT", "/api/packs", TOKEN, json!({"packs": ["klaim-kosmetics"]}));
    assert_eq!(status, 400);
    assert!(error["error"].as_str().unwrap().contains("klaim-kosmetics"), "{error}");
    assert!(
        enabled(&served.get("/api/packs", Some(TOKEN)).1).contains(&"klaim-kosmetik"),
        "a bad request changes nothing"
    );

    served.call("PUT", "/api/packs", TOKEN, json!({"packs": ["tiktok-shop"]}));
    assert!(script_terms(&served).is_empty(), "switched off: the claims pass again");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}
