//! The command line: `devhost --help`. Parsed with lexopt (no dependencies; what ripgrep uses).

use std::path::PathBuf;

use crate::sim::Faults;
use crate::template::Escape;

pub const HELP: &str = "devhost: serve an XArr pay theme folder with a simulated template API

USAGE: devhost [--theme DIR] [--port N] [--escape none|html] [--latency-ms N] [--error-rate F]
               [--timeout-rate F] [--option KEY=VALUE]... [--csp] [--static DIR] [--live]
               [--probe] [--quiet]

  --theme DIR        theme folder with index.html, status.html, separate.html, manifest.json,
                     assets/ (default: target/xarr-theme/paypage)
  --port N           port on 127.0.0.1 (default 8080; 0 picks a free one)
  --fixtures DIR     API fixtures (default: the workspace's fixtures/)
  --escape MODE      how injected values are escaped, as GoFrame does: `none` (the default, GoFrame's
                     default: Go's text/template writes values raw) or `html` (AutoEncode on: Go's
                     html/template). A theme must escape its values itself (`| html`) to be safe
                     under `none`.
  --latency-ms N     latency added to every API call
  --error-rate F     share of API calls answered with HTTP 500 (0..1)
  --timeout-rate F   share of API calls that hang for 60 s (0..1)
  --option KEY=VALUE a site option the templates read with get_option (repeatable), e.g.
                     --option web_title=小店; defaults: web_title=XArr 演示站, web_name=XArr Pay,
                     web_logo=/__dev/logo/site.svg, web_service_qq=123456. Options not set render
                     as empty text. At run time: GET/POST/DELETE /__dev/options
  --csp              send a strict Content-Security-Policy with the pages
  --static DIR       plain static hosting instead of XArr: pages are served as files (no
                     template rendering), assets from DIR's root, the API on the same origin
  --live             live reload: open pages reload when a file of the theme folder changes
  --probe            for WebDriver tests: every page loads /__dev/probe.js first, which records
                     uncaught errors, console errors, CSP violations and script injections
  --quiet            print only the listening line
";

/// What the command line asks for.
pub struct Args {
    pub theme: PathBuf,
    pub port: u16,
    pub fixtures: PathBuf,
    /// Faults on every API call (`--latency-ms`, `--error-rate`, `--timeout-rate`).
    pub faults: Faults,
    pub csp: bool,
    pub quiet: bool,
    pub static_dir: Option<PathBuf>,
    pub live: bool,
    pub probe: bool,
    pub escape: Escape,
    /// Site options over the defaults (`--option KEY=VALUE`), in order.
    pub options: Vec<(String, String)>,
}

impl Default for Args {
    fn default() -> Self {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        Self {
            theme: root.join("target/xarr-theme/paypage"),
            port: 8080,
            fixtures: root.join("fixtures"),
            faults: Faults::default(),
            csp: false,
            quiet: false,
            static_dir: None,
            live: false,
            probe: false,
            escape: Escape::None,
            options: Vec::new(),
        }
    }
}

/// What parsing ended in: arguments to run with, or the help text to print.
pub enum Parsed {
    Run(Args),
    Help,
}

/// Parses `args` (without the program name); the error says which argument and why.
pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Parsed, String> {
    use lexopt::prelude::*;
    let mut a = Args::default();
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("theme") => a.theme = parser.value().map_err(text)?.into(),
            Long("port") => a.port = number(&mut parser, "--port")?,
            Long("fixtures") => a.fixtures = parser.value().map_err(text)?.into(),
            Long("latency-ms") => a.faults.latency_ms = number(&mut parser, "--latency-ms")?,
            Long("error-rate") => a.faults.error_rate = number(&mut parser, "--error-rate")?,
            Long("timeout-rate") => a.faults.timeout_rate = number(&mut parser, "--timeout-rate")?,
            Long("escape") => {
                let mode = parser.value().map_err(text)?;
                a.escape = Escape::parse(&mode.to_string_lossy())?;
            }
            Long("option") => {
                let pair = parser.value().map_err(text)?;
                a.options
                    .push(crate::options::parse_flag(&pair.to_string_lossy())?);
            }
            Long("static") => a.static_dir = Some(parser.value().map_err(text)?.into()),
            Long("csp") => a.csp = true,
            Long("live") => a.live = true,
            Long("probe") => a.probe = true,
            Long("quiet") => a.quiet = true,
            Short('h') | Long("help") => return Ok(Parsed::Help),
            other => return Err(format!("{}\n\n{HELP}", other.unexpected())),
        }
    }
    Ok(Parsed::Run(a))
}

fn text(e: lexopt::Error) -> String {
    e.to_string()
}

/// The next value, parsed as a number; the error names the flag.
fn number<T>(parser: &mut lexopt::Parser, flag: &str) -> Result<T, String>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let value = parser.value().map_err(text)?;
    value
        .to_string_lossy()
        .parse()
        .map_err(|e| format!("{flag}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Args, String> {
        match parse(args.iter().map(std::ffi::OsString::from))? {
            Parsed::Run(a) => Ok(a),
            Parsed::Help => Err("help".into()),
        }
    }

    #[test]
    fn flags_values_and_defaults() {
        let a = run(&[]).unwrap();
        assert_eq!(a.port, 8080);
        assert!(a.theme.ends_with("target/xarr-theme/paypage"));
        assert_eq!(a.escape, Escape::None);
        let a = run(&[
            "--port",
            "0",
            "--theme",
            "t",
            "--latency-ms",
            "100",
            "--error-rate",
            "0.5",
            "--csp",
            "--probe",
            "--escape",
            "html",
            "--static",
            "s",
            "--quiet",
            "--option",
            "web_title=小店",
            "--option=web_logo=/l.png",
        ])
        .unwrap();
        assert_eq!(a.port, 0);
        assert_eq!(a.theme, PathBuf::from("t"));
        assert_eq!(a.faults.latency_ms, 100);
        assert_eq!(a.faults.error_rate, 0.5);
        assert!(a.csp && a.probe && a.quiet && !a.live);
        assert_eq!(a.escape, Escape::Html);
        assert_eq!(a.static_dir, Some(PathBuf::from("s")));
        let options =
            [("web_title", "小店"), ("web_logo", "/l.png")].map(|(k, v)| (k.into(), v.into()));
        assert_eq!(a.options, options);
        let a = run(&["--port=9000"]).unwrap();
        assert_eq!(a.port, 9000);
    }

    #[test]
    fn mistakes_are_named() {
        for (args, says) in [
            (&["--port"][..], "missing argument"),
            (&["--port", "x"][..], "--port: invalid digit"),
            (&["--escape", "xml"][..], "xml"),
            (
                &["--option", "web_title"][..],
                "--option: expected KEY=VALUE",
            ),
            (&["--bogus"][..], "--bogus"),
            (&["stray"][..], "stray"),
        ] {
            let e = run(args).err().unwrap();
            assert!(e.contains(says), "{args:?}: {e}");
        }
        assert_eq!(run(&["-h"]).err().as_deref(), Some("help"));
    }
}
