//! Process helpers.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root, found at run time: a checkout moved or copied with its `target/` (cargo
/// reuses the build) keeps working. See [`find_root`].
pub fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    find_root(manifest.as_deref(), &here).unwrap_or(here)
}

/// The workspace root: the parent of the xtask crate's folder that `cargo xtask` (cargo run)
/// names in `CARGO_MANIFEST_DIR` at run time, else the nearest folder up from `here` that holds
/// the workspace's `Cargo.lock` and `xtask/Cargo.toml`.
pub fn find_root(manifest_dir: Option<&Path>, here: &Path) -> Option<PathBuf> {
    let is_root = |p: &Path| p.join("Cargo.lock").is_file() && p.join("xtask/Cargo.toml").is_file();
    manifest_dir
        .and_then(Path::parent)
        .filter(|p| is_root(p))
        .or_else(|| here.ancestors().find(|p| is_root(p)))
        .map(Path::to_path_buf)
}

/// When this xtask started (set by `main`); every step line says how long it has been running.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn step(title: &str) {
    let secs = STARTED
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64();
    println!("\n==> [{secs:.0} s] {title}");
}

/// Runs a command with inherited output; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result {
    let shown = show(cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}

/// Runs a command, echoing its stdout while capturing it; stderr is inherited.
pub fn run_capture(cmd: &mut Command) -> (bool, String) {
    let shown = show(cmd);
    let child = cmd.stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return (false, format!("cannot run {shown}: {e}")),
    };
    let mut captured = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{line}");
            captured.push_str(&line);
            captured.push('\n');
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, captured)
}

/// The stdout of a command, if it ran and succeeded.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// PATH with the project's npm tools (wasm-opt from binaryen 116) first.
pub fn tool_path() -> String {
    let npm_bin = root().join("e2e/node_modules/.bin");
    let cargo_bin = home().join(".cargo/bin");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{old}", npm_bin.display(), cargo_bin.display())
}

pub fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// A child process that is killed when dropped.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the dev host on a free port and returns it with its base URL.
pub fn start_devhost(extra: &[&str]) -> Result<(Guard, String)> {
    start_devhost_bin(&root().join("target/debug/devhost"), extra)
}

/// The same with a given binary (the benchmark uses a release build: a debug build's compression
/// alone adds tens of milliseconds per file).
pub fn start_devhost_bin(bin: &Path, extra: &[&str]) -> Result<(Guard, String)> {
    let mut cmd = Command::new(bin);
    cmd.args(["--port", "0", "--quiet"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stdout = child.stdout.take().ok_or("devhost has no stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    let url = line
        .trim()
        .strip_prefix("devhost listening on ")
        .ok_or_else(|| format!("unexpected devhost output: {line}"))?
        .to_owned();
    // Keep draining its stdout so it never blocks.
    std::thread::spawn(move || for _ in reader.lines() {});
    Ok((Guard(child), url))
}

/// Counts `passed`/`failed` in test runner output: cargo's `test result:` lines and node's
/// `ℹ pass N` / `ℹ fail N` (or TAP `# pass N`).
pub fn count_results(output: &str) -> (u64, u64) {
    let mut passed = 0;
    let mut failed = 0;
    for line in output.lines() {
        let l = line.trim();
        if let Some(rest) = l.strip_prefix("test result: ") {
            for part in rest.split(';') {
                let part = part
                    .trim()
                    .trim_start_matches("ok. ")
                    .trim_start_matches("FAILED. ");
                let mut it = part.split_whitespace();
                if let (Some(n), Some(what)) = (it.next(), it.next()) {
                    let n: u64 = n.parse().unwrap_or(0);
                    match what {
                        "passed" => passed += n,
                        "failed" => failed += n,
                        _ => {}
                    }
                }
            }
        }
        for prefix in ["ℹ ", "# "] {
            if let Some(rest) = l.strip_prefix(prefix) {
                let mut it = rest.split_whitespace();
                match (it.next(), it.next().and_then(|n| n.parse::<u64>().ok())) {
                    (Some("pass"), Some(n)) => passed += n,
                    (Some("fail"), Some(n)) => failed += n,
                    _ => {}
                }
            }
        }
    }
    (passed, failed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checkout_is_found_where_it_is_now_not_where_it_was_built() {
        use super::find_root;
        let base = std::env::temp_dir().join(format!("xtask-root-{}", std::process::id()));
        let moved = base.join("moved");
        std::fs::create_dir_all(moved.join("xtask/src")).unwrap();
        std::fs::create_dir_all(moved.join("src/deep")).unwrap();
        std::fs::write(moved.join("Cargo.lock"), "").unwrap();
        std::fs::write(moved.join("xtask/Cargo.toml"), "").unwrap();
        // cargo run names the xtask crate where it is now.
        let found = find_root(Some(&moved.join("xtask")), &base);
        assert_eq!(found.as_deref(), Some(moved.as_path()));
        // A build-time folder that no longer exists is not taken: the current folder's is.
        let gone = base.join("gone/xtask");
        let found = find_root(Some(&gone), &moved.join("src/deep"));
        assert_eq!(found.as_deref(), Some(moved.as_path()));
        assert_eq!(find_root(None, &base), None);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn counts_cargo_and_node_results() {
        let out = "test result: ok. 71 passed; 0 failed; 0 ignored\n\
                   test result: FAILED. 3 passed; 2 failed; 0 ignored\n\
                   ℹ tests 4\nℹ pass 3\nℹ fail 1\n# pass 2\n";
        assert_eq!(super::count_results(out), (79, 3));
    }
}
