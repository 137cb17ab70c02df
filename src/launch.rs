//! Starting Pandu: the app core and the local server that serves it, in one call for both
//! front ends (`pandu serve` and the desktop shell).
//!
//! It sits above [`crate::app`] and [`crate::server`] so that neither needs the
//! other's way of starting: the server is given the app (its routes' state), and the app only
//! records where its server listens, or why it does not, and stops it at shut-down.

use std::sync::Arc;

use crate::app::{App, AppError, AppOptions};
use crate::server;

/// Opens the app, starts its background tasks, the local server (a port that cannot be used is
/// reported in `AppInfo::server_error`, not fatal: the window still works) and the first
/// session.
pub async fn launch(options: &AppOptions) -> Result<Arc<App>, AppError> {
    let app = App::open(options)?;
    let settings = app.settings();
    let source = app.first_source(options)?;
    app.start_background();
    if let Err(error) = server::start(&app, options.port.unwrap_or(settings.port), settings.lan).await {
        tracing::error!("{error}");
    }
    if let Err(error) = app.start_source(&source).await {
        app.shut_down().await;
        return Err(error);
    }
    Ok(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::options;

    #[tokio::test]
    async fn launching_starts_the_server_and_a_session_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let app = launch(&options(dir.path())).await.unwrap();
        let info = app.info();
        assert_eq!(info.server_url, Some(format!("http://{}", app.server_address().unwrap())));
        assert_eq!(info.token.len(), 64, "a token is generated into the new settings file");
        assert!(dir.path().join("config/config.toml").exists());
        assert_eq!(info.source, "none");
        assert!(app.state().session_id.is_some());
        app.shut_down().await.unwrap();
    }

    #[tokio::test]
    async fn with_lan_on_the_server_listens_beyond_this_machine_and_the_host_link_says_where() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config/config.toml"), "lan = true\n").unwrap();
        let app = launch(&options(dir.path())).await.unwrap();
        assert!(app.listens_on_network());
        let address = app.server_address().unwrap();
        assert!(address.ip().is_loopback(), "this machine reaches it on 127.0.0.1: {address}");
        assert_eq!(app.info().server_url, Some(format!("http://{address}")));
        let link = app.host_link().unwrap();
        assert!(link.lan);
        let host_token = app.token(crate::app::Scope::Host);
        assert_eq!(link.urls[0], format!("http://{address}/host?token={host_token}"));
        assert!(
            !link.urls.iter().any(|url| url.contains(&app.token(crate::app::Scope::Control))),
            "never the control token"
        );
        assert!(
            link.urls[1..].iter().all(|url| !url.contains("127.0.0.1") && url.contains("/host?token=")),
            "{:?}",
            link.urls
        );
        assert!(link.qr_svg.starts_with("<?xml") && link.qr_svg.contains("<svg"), "{}", &link.qr_svg[..80]);
        app.shut_down().await;

        let local = launch(&options(&dir.path().join("local"))).await.unwrap();
        assert!(!local.listens_on_network());
        assert_eq!(local.host_link().unwrap().urls.len(), 1, "only this machine's address");
        local.shut_down().await;
    }

    #[tokio::test]
    async fn a_busy_port_is_reported_and_the_app_runs_without_its_server() {
        let dir = tempfile::tempdir().unwrap();
        let taken = server::bind(0, false).await.unwrap();
        let port = taken.local_addr().unwrap().port();
        let app = launch(&AppOptions { port: Some(port), ..options(dir.path()) }).await.unwrap();
        let info = app.info();
        assert_eq!(info.server_url, None);
        let error = info.server_error.unwrap();
        assert_eq!((error.code, error.subject), (crate::app::ErrorCode::PortInUse, Some(port.to_string())));
        assert!(app.state().session_id.is_some(), "the session runs all the same");
        app.shut_down().await;
    }
}
