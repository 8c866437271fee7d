//! The dev host's shared state: the simulator, the command line's settings, the site options,
//! the return-page counts. Every handler module reads it through [`Shared`]; the route table (`app`) only wires.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::options::{self, Options};
use crate::sim::Sim;
use crate::template;

pub struct AppState {
    pub sim: Mutex<Sim>,
    /// Plain static hosting (no template rendering) from this folder.
    pub static_dir: Option<PathBuf>,
    pub theme_dir: PathBuf,
    pub theme_name: String,
    /// The strict Content-Security-Policy sent with rendered pages under `--csp`.
    pub csp: Option<String>,
    pub live: bool,
    pub probe: bool,
    /// Visits of `/__dev/return/<id>` per order: how often a page navigated back to the merchant.
    pub returns: Mutex<std::collections::HashMap<String, u32>>,
    pub base_url: String,
    pub escape: template::Escape,
    /// The site options `get_option` answers (`POST /__dev/options` changes them).
    pub options: Mutex<Options>,
    /// The options the host started with (`DELETE /__dev/options` goes back to them).
    pub start_options: Options,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(args: &crate::cli::Args, base_url: String) -> Self {
        Self {
            sim: Mutex::new(Sim::new(args.fixtures.clone(), args.faults.clone())),
            static_dir: args.static_dir.clone(),
            theme_dir: args.theme.clone(),
            theme_name: theme_name(&args.theme),
            csp: args.csp.then(|| {
                crate::csp::csp(
                    &crate::csp::hashes(&args.theme, "boot-script.sha256"),
                    &crate::csp::hashes(&args.theme, "main-style.sha256"),
                )
            }),
            live: args.live,
            probe: args.probe,
            returns: Mutex::default(),
            base_url,
            escape: args.escape,
            options: Mutex::new(options::initial(&args.options)),
            start_options: options::initial(&args.options),
        }
    }
}

pub fn theme_name(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .and_then(|v| v.get("name").and_then(Value::as_str).map(str::to_owned))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "paypage".into())
}
