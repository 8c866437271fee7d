//! `cargo xtask demo`: the release theme served by the dev host.

use std::path::Path;
use std::process::Command;

use crate::theme::{self, build_devhost};
use crate::util::{root, step, Result};

/// `cargo xtask demo [--port N]`: builds the theme and serves it until interrupted.
pub fn run(args: &[String]) -> Result {
    let port = args
        .windows(2)
        .find(|w| w[0] == "--port")
        .map(|w| w[1].clone())
        .unwrap_or_else(|| "8080".into());
    let dir = theme::run(&["--no-screenshot".to_owned()])?;
    run_demo_host(&dir, &port)
}

fn run_demo_host(dir: &Path, port: &str) -> Result {
    build_devhost(false)?;
    step(&format!(
        "serving {} on 127.0.0.1:{port} (Ctrl-C to stop)",
        dir.display()
    ));
    crate::util::run(
        Command::new(root().join("target/debug/devhost"))
            .arg("--theme")
            .arg(dir)
            .args(["--port", port]),
    )
}
