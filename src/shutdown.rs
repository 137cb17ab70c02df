//! Stopping cleanly on the platform's stop signals.
//!
//! Both front ends (the window and `pandu serve`) end the same way whatever asks them to: the
//! archive is flushed before the process goes. What "asks" differs by platform:
//! - Unix: Ctrl-C (`SIGINT`) and `SIGTERM` (logout, `kill`, systemd);
//! - Windows: Ctrl-C and Ctrl-Break in the console, the console window being closed, and the
//!   user logging off or the machine shutting down.

use std::future::Future;

/// Resolves on the first stop signal. The handlers are in place when this returns, so a signal
/// sent as soon as a caller says it is ready is caught, not left to kill the process.
pub fn stop_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    platform::stop_signal()
}

#[cfg(unix)]
mod platform {
    use tokio::signal::unix::{SignalKind, signal};

    pub fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
}

#[cfg(windows)]
mod platform {
    use tokio::signal::windows;

    pub fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
        let mut interrupt = windows::ctrl_c()?;
        let mut ctrl_break = windows::ctrl_break()?;
        let mut close = windows::ctrl_close()?;
        let mut logoff = windows::ctrl_logoff()?;
        let mut shutdown = windows::ctrl_shutdown()?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = ctrl_break.recv() => {}
                _ = close.recv() => {}
                _ = logoff.recv() => {}
                _ = shutdown.recv() => {}
            }
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    #[tokio::test]
    async fn sigterm_resolves_the_stop_signal() {
        let stop = super::stop_signal().unwrap();
        // Without the handler installed above, this would end the test process.
        std::process::Command::new("kill").args(["-TERM", &std::process::id().to_string()]).status().unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(10), stop).await.expect("SIGTERM was not caught");
    }
}
