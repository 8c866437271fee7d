//! The browser engines the suite runs in besides Chromium: Firefox (Debian's firefox-esr through
//! geckodriver) and WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb). Both
//! speak W3C WebDriver; Playwright cannot drive them here (its patched browsers are downloads).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{home, output, Result};

/// geckodriver from crates.io (`cargo install --locked geckodriver@GECKODRIVER`).
pub const GECKODRIVER: &str = "0.37.0";
pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/// Debian's webkit2gtk-driver.
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// Debian's chromium-driver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The virtual screen WebKitGTK draws on: large enough for a desktop window.
pub const XVFB_SCREEN: &str = "-screen 0 1280x1024x24";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    Firefox,
    Webkit,
}

impl Engine {
    /// The name the e2e suite reads from PAYPAGE_ENGINE.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Firefox => "firefox",
            Self::Webkit => "webkit",
        }
    }

    /// The browser's version for the report: Firefox's own (`153.7.0esr`), WebKitGTK's from its
    /// Debian package (`2.50.6`).
    pub fn version(self) -> String {
        let found = match self {
            Self::Firefox => output(Command::new("firefox-esr").arg("--version"))
                .and_then(|v| v.split_whitespace().last().map(str::to_owned)),
            Self::Webkit => output(Command::new("dpkg-query").args([
                "-W",
                "-f",
                "${Version}",
                "libwebkit2gtk-4.1-0",
            ]))
            .and_then(|v| v.split('-').next().map(str::to_owned)),
        };
        found.unwrap_or_else(|| "(version unknown)".into())
    }
}

/// Chromium's version (`156.0.8078.108`), for the report.
pub fn chromium_version() -> String {
    output(Command::new("chromium").arg("--version"))
        .and_then(|v| v.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "(version unknown)".into())
}

pub fn geckodriver() -> PathBuf {
    home().join(".cargo/bin/geckodriver")
}

/// A process group (the driver, and for WebKit Xvfb and the browsers under it), ended as a whole
/// when dropped.
pub struct GroupGuard(Child);

impl Drop for GroupGuard {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        let _ = self.0.wait();
    }
}

/// A running WebDriver server and its address.
pub struct Driver {
    _guard: GroupGuard,
    pub url: String,
}

/// Starts the engine's WebDriver server on a free port of 127.0.0.1 and waits until it is ready.
pub fn start_driver(engine: Engine) -> Result<Driver> {
    let port = free_port()?;
    let mut cmd = match engine {
        Engine::Firefox => {
            let mut c = Command::new(geckodriver());
            c.args(["--host", "127.0.0.1", "--port", &port.to_string()]);
            c
        }
        Engine::Webkit => {
            let mut c = Command::new("xvfb-run");
            c.args(["-a", "-s", XVFB_SCREEN, WEBKIT_DRIVER])
                .arg(format!("--port={port}"));
            c
        }
    };
    let child = cmd
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the {} driver: {e}", engine.as_str()))?;
    let guard = GroupGuard(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !driver_ready(port) {
        if Instant::now() > deadline {
            return Err(format!(
                "the {} WebDriver server did not come up on port {port}",
                engine.as_str()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(Driver {
        _guard: guard,
        url: format!("http://127.0.0.1:{port}"),
    })
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// `GET /status` answers 200 with `"ready": true`.
fn driver_ready(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let req = format!("GET /status HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    says_ready(&answer)
}

/// An HTTP answer of status 200 whose JSON says `"ready": true`. geckodriver answers an HTTP/1.0
/// request in HTTP/1.0, WebKitWebDriver in HTTP/1.1.
fn says_ready(answer: &str) -> bool {
    let status_ok = answer
        .lines()
        .next()
        .is_some_and(|l| l.split_whitespace().nth(1) == Some("200"));
    status_ok && answer.replace(' ', "").contains("\"ready\":true")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_driver_is_ready_when_its_status_says_so() {
        let body = "\r\ncontent-type: application/json\r\n\r\n";
        for (answer, ready) in [
            (
                format!("HTTP/1.0 200 OK{body}{{\"value\":{{\"message\":\"\",\"ready\":true}}}}"),
                true,
            ),
            (
                format!("HTTP/1.1 200 OK{body}{{\"value\": {{\"ready\": true}}}}"),
                true,
            ),
            (
                format!("HTTP/1.1 200 OK{body}{{\"value\":{{\"ready\":false}}}}"),
                false,
            ),
            (
                format!("HTTP/1.1 500 Internal{body}{{\"ready\":true}}"),
                false,
            ),
            (String::new(), false),
        ] {
            assert_eq!(super::says_ready(&answer), ready, "{answer}");
        }
    }
}
