//! Secrets out of plain files (issue 20): the TikTok `sessionid` moves from `config.toml` to the
//! OS credential store on the first start, a new one goes there from `pandu settings sessionid
//! set`, and `pandu settings export` carries no secret or token, run as a user would run them.
//!
//! The tests use this machine's real credential store (the kernel keyring where no Secret
//! Service runs), each under its own temporary settings folder. Where this machine has none,
//! each says `NOT CHECKED` on stderr and checks the promise for that case instead: the plain
//! text stays with a warning, and a new cookie is refused.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{Served, pandu, run};
use pandu::secrets::Keychain;

const TOKEN: &str = "control-token-0123456789abcdef";
const HOST_TOKEN: &str = "host-token-fedcba9876543210";
const COOKIE: &str = "plain-sessionid-cookie-7f3a9c";

fn config_dir(home: &Path) -> PathBuf {
    home.join("config/pandu")
}

fn write_config(home: &Path, text: &str) -> PathBuf {
    let path = config_dir(home).join("config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Every key path (`a.b.c`) of a TOML text.
fn keys(text: &str) -> BTreeSet<String> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeSet<String>) {
        for (key, value) in table {
            let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            if let toml::Value::Table(inner) = value {
                walk(&path, inner, out);
            }
            out.insert(path);
        }
    }
    let mut out = BTreeSet::new();
    walk("", &toml::from_str(text).expect("an export is TOML"), &mut out);
    out
}

fn stdout(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn set_sessionid(home: &Path, cookie: &str) -> std::process::Output {
    let mut child = pandu(home)
        .args(["settings", "sessionid", "set"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{cookie}").unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn an_export_of_settings_with_every_secret_set_contains_none_of_them_and_imports_elsewhere() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        &format!(
            "token = \"{TOKEN}\"\nhost_token = \"{HOST_TOKEN}\"\narchive = \"/home/toko/rahasia.db\"\nport = 48111\n\n\
             [tiktok]\nsessionid = \"{COOKIE}\"\nsessionid_in = \"kernel-keyring\"\n\n[frame]\nshop = \"Novilla\"\n"
        ),
    );
    let to_stdout = stdout(&run(home.path(), &["settings", "export"]));
    let file = home.path().join("export.toml");
    stdout(&run(home.path(), &["settings", "export", file.to_str().unwrap()]));
    let to_file = std::fs::read_to_string(&file).unwrap();
    for export in [&to_stdout, &to_file] {
        assert!(export.starts_with("# Pandu settings, exported by Pandu"), "{export}");
        for secret in [TOKEN, HOST_TOKEN, COOKIE, "rahasia"] {
            assert!(!export.contains(secret), "`{secret}` leaked into the export:\n{export}");
        }
        let keys = keys(export);
        for key in ["token", "host_token", "archive", "tiktok", "tiktok.sessionid", "tiktok.sessionid_in"] {
            assert!(!keys.contains(key), "`{key}` is in the export: {keys:?}");
        }
        assert!(keys.contains("port") && keys.contains("frame.shop"), "{keys:?}");
    }

    // Imported on another machine: its settings come across, that machine's tokens stay.
    let other = tempfile::tempdir().unwrap();
    let before = write_config(other.path(), "token = \"other-machine-token\"\nhost_token = \"other-host\"\n");
    stdout(&run(other.path(), &["settings", "import", file.to_str().unwrap()]));
    let imported = pandu::config::Settings::read(&before).unwrap();
    assert_eq!((imported.port, imported.frame.shop.as_str()), (48111, "Novilla"));
    assert_eq!((imported.token.as_str(), imported.host_token.as_str()), ("other-machine-token", "other-host"));
    assert_eq!(imported.archive, None);
}

#[test]
fn a_bad_import_names_the_line_and_column_and_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let path = write_config(home.path(), &format!("token = \"{TOKEN}\"\nhost_token = \"{HOST_TOKEN}\"\n# mine\n"));
    let bad = home.path().join("from-support.toml");
    std::fs::write(&bad, "port = 48000\n[clock]\nwindow_seconds = \"lima\"\n").unwrap();
    let output = run(home.path(), &["settings", "import", bad.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("from-support.toml") && stderr.contains("line 3, column 18"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("token = \"{TOKEN}\"\nhost_token = \"{HOST_TOKEN}\"\n# mine\n")
    );
}

#[test]
fn the_first_start_moves_a_plain_sessionid_to_the_credential_store_keeping_every_other_byte() {
    let home = tempfile::tempdir().unwrap();
    let rest = format!("# Toko Novilla\ntoken = \"{TOKEN}\"   # Stream Deck\nhost_token = \"{HOST_TOKEN}\"\n\n");
    let path = write_config(
        home.path(),
        &format!("{rest}[tiktok]\nsessionid = \"{COOKIE}\"\n\n[frame]\nshop  =  'Novilla'\n"),
    );
    let store = Keychain::best(&config_dir(home.path())).kind();

    let served = Served::start_bare(home.path(), TOKEN);
    let stderr = served.stop();
    let after = std::fs::read_to_string(&path).unwrap();
    let Ok(kind) = store else {
        eprintln!(
            "NOT CHECKED: no credential store on this machine; checked that the plain text stays, with a warning"
        );
        assert!(stderr.contains("warning") && stderr.contains("stays in this file as plain text"), "{stderr}");
        assert!(after.contains(COOKIE), "left where it was");
        let refused = set_sessionid(home.path(), "a-new-cookie-000000");
        assert_eq!(refused.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&refused.stderr).contains("not saved"));
        return;
    };
    eprintln!("checked against {}", kind.name());
    assert!(!stderr.contains("sessionid"), "no warning: {stderr}");
    let name = toml::Value::try_from(kind).unwrap();
    assert_eq!(
        after,
        format!("{rest}[tiktok]\nsessionid_in = \"{}\"\n\n[frame]\nshop  =  'Novilla'\n", name.as_str().unwrap()),
        "only the sessionid's line changed"
    );
    let status = stdout(&run(home.path(), &["settings", "sessionid", "status"]));
    assert!(status.contains(&format!("sessionid: {}", kind.name())) && status.contains("ends with: 3a9c"), "{status}");
    // The second start reads it from the store and says nothing.
    let served = Served::start_bare(home.path(), TOKEN);
    assert!(!served.stop().contains("sessionid"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    stdout(&run(home.path(), &["settings", "sessionid", "clear"]));
    assert!(stdout(&run(home.path(), &["settings", "sessionid", "status"])).contains("sessionid: not set"));
}

#[test]
fn a_new_sessionid_goes_to_the_store_and_reads_back_from_another_process() {
    let home = tempfile::tempdir().unwrap();
    let path = write_config(home.path(), &format!("token = \"{TOKEN}\"\nhost_token = \"{HOST_TOKEN}\"\n"));
    let store = Keychain::best(&config_dir(home.path())).kind();
    let output = set_sessionid(home.path(), "new-cookie-from-stdin-b7e1");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("new-cookie"), "{text}");
    let Ok(kind) = store else {
        eprintln!("NOT CHECKED: no credential store on this machine; checked that a new sessionid is refused");
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not saved") && stderr.contains("no credential store"), "{stderr}");
        return;
    };
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(text.contains("sessionid_in = "), "{text}");
    let status = stdout(&run(home.path(), &["settings", "sessionid", "status"]));
    assert!(status.contains(kind.name()) && status.contains("ends with: b7e1"), "{status}");
    assert_eq!(
        Keychain::at(kind, &config_dir(home.path())).get().unwrap().unwrap().value(),
        "new-cookie-from-stdin-b7e1"
    );
    stdout(&run(home.path(), &["settings", "sessionid", "clear"]));
    assert_eq!(Keychain::at(kind, &config_dir(home.path())).get().unwrap(), None);
    assert!(!std::fs::read_to_string(&path).unwrap().contains("sessionid"));
}
