//! Where the bytes go, and the byte budget CI holds the page to.
//!
//! - `cargo xtask bench --size` (`size/report.rs`) builds the wasm with its names kept (the `size-names` profile:
//!   release with `strip = "none"`), runs wasm-bindgen and the production wasm-opt passes with `-g`,
//!   asks `twiggy` for `top` and `dominators`, and writes `target/bench/size.md`: bytes per crate
//!   and per function, with gzip estimates scaled from the production wasm's own gzip ratio.
//! - `check_budget` (run by `cargo xtask ci`) compares the gzip size of every file the pending
//!   page loads with `bench/size-budget.tsv` and fails when one has grown past its budget, or when
//!   one has shrunk so far below it that the budget must be lowered (the ratchet).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{root, Result};

mod report;

pub use report::report;

/// What a file may be above its measured size before CI fails: about a kilobyte for the large
/// files (the wasm and the JS glue move by hundreds of bytes with any change), an eighth of that for
/// the small hand-written ones.
pub fn margin(size: u64) -> u64 {
    if size > 4096 {
        1024
    } else {
        128
    }
}

/// The files the pending page loads, by their name in the theme's `assets/` (or the theme folder
/// for the HTML), in the order the browser asks for them.
pub const PAGE_FILES: &[&str] = &[
    "index.html",
    "assets/firstpaint.wasm",
    "assets/paypage.js",
    "assets/paypage_bg.wasm",
    "assets/favicon.svg",
];

pub fn budget_file() -> PathBuf {
    root().join("bench/size-budget.tsv")
}

/// `gzip -9 -n` size of a file (deterministic: no name, no time stamp).
pub fn gzip_size(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip {} failed", path.display()));
    }
    Ok(out.stdout.len() as u64)
}

/// Each page file's gzip size in a built theme folder, by its logical name (`assets/paypage.js`
/// is the file the pages name, `assets/paypage-<hash>.js`).
pub fn page_sizes(theme: &Path) -> Result<Vec<(String, u64)>> {
    PAGE_FILES
        .iter()
        .map(|f| Ok(((*f).to_owned(), gzip_size(&page_file(theme, f)?)?)))
        .collect()
}

/// Where a page file of [`PAGE_FILES`] is in a built theme folder.
pub fn page_file(theme: &Path, file: &str) -> Result<PathBuf> {
    match file.strip_prefix("assets/") {
        Some(name) => crate::hashnames::asset_path(theme, &theme.join("assets"), name),
        None => Ok(theme.join(file)),
    }
}

/// Reads `bench/size-budget.tsv`: `file<TAB>bytes` lines, `#` comments.
pub fn read_budget() -> Result<BTreeMap<String, u64>> {
    let text = std::fs::read_to_string(budget_file())
        .map_err(|e| format!("{}: {e}", budget_file().display()))?;
    parse_budget(&text)
}

fn parse_budget(text: &str) -> Result<BTreeMap<String, u64>> {
    let mut budget = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (file, bytes) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("size-budget.tsv:{}: expected `file bytes`", n + 1))?;
        let bytes = bytes
            .trim()
            .parse()
            .map_err(|_| format!("size-budget.tsv:{}: {bytes:?} is not a byte count", n + 1))?;
        budget.insert(file.to_owned(), bytes);
    }
    Ok(budget)
}

/// One file's verdict against its budget.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Within,
    /// Grown past the budget.
    Over,
    /// Shrunk by more than a margin below the budget: lower the budget (the ratchet).
    Slack,
    /// No budget line for the file.
    Missing,
}

pub fn verdict(size: u64, budget: Option<u64>) -> Verdict {
    match budget {
        None => Verdict::Missing,
        Some(b) if size > b => Verdict::Over,
        Some(b) if size + 2 * margin(size) < b => Verdict::Slack,
        Some(_) => Verdict::Within,
    }
}

/// The budget text for the given sizes: each file's size plus the margin.
pub fn budget_text(sizes: &[(String, u64)]) -> String {
    let mut text = String::from(
        "# gzip -9 bytes of each file the pending page loads, plus about 1 KB of margin.\n\
         # `cargo xtask ci` fails when a file grows past its line, and when it shrinks more than\n\
         # twice its margin below it: a change that saves bytes lowers its line here in the same commit\n\
         # (`cargo xtask budget --write` rewrites this file from the current build).\n",
    );
    let total: u64 = sizes.iter().map(|(_, s)| s + margin(*s)).sum();
    text.push_str(&format!("# total: {total} bytes\n"));
    for (file, size) in sizes {
        text.push_str(&format!("{file}\t{}\n", size + margin(*size)));
    }
    text
}

/// Prints every file's size against its budget; fails when one is over or has slack.
pub fn check_budget(theme: &Path) -> Result {
    let sizes = page_sizes(theme)?;
    let budget = read_budget()?;
    let mut bad = Vec::new();
    let (mut total, mut total_budget) = (0, 0);
    println!(
        "{:<24} {:>9} {:>9}  verdict",
        "file (gzip -9)", "bytes", "budget"
    );
    for (file, size) in &sizes {
        let b = budget.get(file).copied();
        total += size;
        total_budget += b.unwrap_or(0);
        let v = verdict(*size, b);
        let shown = b.map(|b| b.to_string()).unwrap_or_else(|| "-".into());
        println!("{file:<24} {size:>9} {shown:>9}  {v:?}");
        if v != Verdict::Within {
            bad.push(format!("{file}: {size} bytes against {shown} ({v:?})"));
        }
    }
    println!("{:<24} {total:>9} {total_budget:>9}", "total");
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "byte budget: {}. A file over its budget grew: find why (`cargo xtask bench --size`). \
             One far below it shrank: lower bench/size-budget.tsv (`cargo xtask budget --write`).",
            bad.join("; ")
        ))
    }
}

/// `cargo xtask budget [--write]`: prints (or writes) the budget for the current release build.
pub fn budget_command(args: &[String]) -> Result {
    crate::tools::ensure_all()?;
    let dist = crate::theme::build_release()?;
    let dir = crate::theme::package(&dist)?;
    let text = budget_text(&page_sizes(&dir)?);
    if args.iter().any(|a| a == "--write") {
        std::fs::write(budget_file(), &text).map_err(|e| e.to_string())?;
        println!("wrote {}", budget_file().display());
    }
    print!("{text}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_verdicts_and_ratchet() {
        assert_eq!(verdict(1000, Some(1128)), Verdict::Within);
        assert_eq!(verdict(1129, Some(1128)), Verdict::Over);
        assert_eq!(verdict(1000, Some(1257)), Verdict::Slack);
        assert_eq!(verdict(90_000, Some(92_048)), Verdict::Within);
        assert_eq!(verdict(90_000, Some(92_049)), Verdict::Slack);
        assert_eq!(verdict(1000, None), Verdict::Missing);
        let text = budget_text(&[("a.js".into(), 100), ("b.wasm".into(), 20_000)]);
        let parsed = parse_budget(&text).unwrap();
        assert_eq!(parsed.get("a.js"), Some(&228));
        assert_eq!(parsed.get("b.wasm"), Some(&21_024));
        assert!(parse_budget("a.js lots\n").is_err());
    }
}
