//! `cargo xtask bench --size`: where the wasm's bytes go, by crate and by function (twiggy's
//! `top` and `dominators` over a build with its names kept), in `target/bench/size.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{gzip_size, page_file, page_sizes, read_budget};
use crate::util::{output, root, run, step, tool_path, Result};

/// The twiggy release the size report is written with.
pub const TWIGGY: &str = "0.8.0";

fn ensure_twiggy() -> Result {
    let have = output(
        Command::new("twiggy")
            .arg("--version")
            .env("PATH", tool_path()),
    );
    if have.is_some_and(|v| v.contains(TWIGGY)) {
        return Ok(());
    }
    step(&format!("installing twiggy {TWIGGY}"));
    run(Command::new("cargo").args(["install", "--locked", &format!("twiggy@{TWIGGY}")]))
}

/// The crate an item of twiggy's listing belongs to (`<T as Trait>::f` counts for T's crate).
pub fn crate_of(item: &str) -> String {
    let s = item.trim();
    if s.starts_with("data[") {
        return "(data segments)".into();
    }
    if s.starts_with("import ") || s.starts_with("export ") || s.starts_with("table[") {
        return "(imports, exports, tables)".into();
    }
    let s = s.trim_start_matches(['<', '&', '*', '(', '[', ' ']);
    let s = s
        .strip_prefix("mut ")
        .or_else(|| s.strip_prefix("const "))
        .or_else(|| s.strip_prefix("dyn "))
        .unwrap_or(s);
    let head: String = s
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let rest = &s[head.len()..];
    if head.len() == 1 && head.chars().all(|c| c.is_ascii_uppercase()) {
        return "(generic impls)".into();
    }
    if head.is_empty() || !rest.starts_with("::") {
        if head.starts_with("__wbg")
            || head.starts_with("__wbindgen")
            || head.starts_with("wasm_bindgen")
        {
            return "wasm_bindgen".into();
        }
        return "(other)".into();
    }
    head
}

/// One row of twiggy's `top` CSV: name, shallow bytes.
fn parse_top_csv(csv: &str) -> Vec<(String, u64)> {
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            // Name,ShallowSize,ShallowSizePercent: the name may contain commas and is quoted then.
            let (name, rest) = if let Some(q) = line.strip_prefix('"') {
                let end = q.find("\",")?;
                (q[..end].replace("\"\"", "\""), &q[end + 2..])
            } else {
                let (n, r) = line.split_once(',')?;
                (n.to_owned(), r)
            };
            let size = rest.split(',').next()?.trim().parse().ok()?;
            Some((name, size))
        })
        .collect()
}

fn twiggy(args: &[&str], wasm: &Path) -> Result<String> {
    let out = Command::new("twiggy")
        .args(args)
        .arg(wasm)
        .env("PATH", tool_path())
        .output()
        .map_err(|e| format!("cannot run twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The wasm-opt arguments the release build uses (index.html's `data-wasm-opt-params`).
fn release_wasm_opt_args() -> Result<Vec<String>> {
    let html = std::fs::read_to_string(root().join("index.html")).map_err(|e| e.to_string())?;
    let level = attr(&html, "data-wasm-opt").unwrap_or_else(|| "z".into());
    let mut args = vec![format!("-O{level}")];
    if let Some(params) = attr(&html, "data-wasm-opt-params") {
        args.extend(params.split_whitespace().map(str::to_owned));
    }
    Ok(args)
}

fn attr(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("{name}=\""))? + name.len() + 2;
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_owned())
}

/// `cargo xtask bench --size`: writes `target/bench/size.md` (and the twiggy CSVs beside it).
pub fn report() -> Result {
    crate::tools::ensure_all()?;
    ensure_twiggy()?;
    let out = root().join("target/bench/size");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let named = build_named_wasm(&out)?;
    step("building the production theme (for its real sizes)");
    let dist = crate::theme::build_release()?;
    let theme = crate::theme::package(&dist)?;
    let prod = page_file(&theme, "assets/paypage_bg.wasm")?;
    let production = Production {
        raw: std::fs::metadata(&prod).map_err(|e| e.to_string())?.len(),
        gzip: gzip_size(&prod)?,
    };
    let top_csv = twiggy(&["top", "-n", "1000000", "-f", "csv"], &named)?;
    std::fs::write(out.join("top.csv"), &top_csv).map_err(|e| e.to_string())?;
    let dominators = twiggy(&["dominators", "-d", "4", "-r", "60"], &named)?;
    std::fs::write(out.join("dominators.txt"), &dominators).map_err(|e| e.to_string())?;
    let items: Vec<(String, u64)> = parse_top_csv(&top_csv)
        .into_iter()
        .filter(|(n, _)| !n.starts_with("custom section") && !n.contains("\"name\" section"))
        .collect();
    let mut md = String::from("# Where the bytes go\n\n");
    md.push_str(&summary(&production, &items)?);
    md.push_str(&page_table(&theme)?);
    md.push_str(&crate_table(&production, &items));
    md.push_str(&item_table(&production, &items));
    md.push_str("\n## Dominators (what keeps what alive; retained bytes)\n\n```\n");
    md.push_str(&dominators);
    md.push_str("```\n");
    let path = root().join("target/bench/size.md");
    std::fs::write(&path, md).map_err(|e| e.to_string())?;
    println!("{}", path.display());
    Ok(())
}

/// The shipped wasm's sizes; their ratio turns raw bytes of the named build into gzip estimates.
struct Production {
    raw: u64,
    gzip: u64,
}

impl Production {
    fn ratio(&self) -> f64 {
        self.gzip as f64 / self.raw.max(1) as f64
    }

    fn gzip_estimate(&self, bytes: u64) -> u64 {
        (bytes as f64 * self.ratio()).round() as u64
    }
}

/// The page's wasm with its names kept: profile `size-names`, wasm-bindgen `--keep-debug`, then
/// the release wasm-opt flags with `-g`.
fn build_named_wasm(out: &Path) -> Result<PathBuf> {
    step("building the wasm with names kept (profile size-names)");
    run(Command::new("cargo")
        .args([
            "build",
            "--profile",
            "size-names",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(["--bin", "paypage"])
        .env("PATH", tool_path())
        .current_dir(root()))?;
    let built = root().join("target/wasm32-unknown-unknown/size-names/paypage.wasm");
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-debug", "--out-dir"])
        .arg(out)
        .arg(&built)
        .env("PATH", tool_path()))?;
    let named = out.join("named.wasm");
    run(Command::new("wasm-opt")
        .args(release_wasm_opt_args()?)
        .arg("-g")
        .arg(out.join("paypage_bg.wasm"))
        .arg("-o")
        .arg(&named)
        .env("PATH", tool_path()))?;
    Ok(named)
}

fn summary(production: &Production, items: &[(String, u64)]) -> Result<String> {
    let code: u64 = items.iter().map(|(_, s)| s).sum();
    Ok(format!(
        "Production `paypage_bg.wasm`: {} bytes raw, {} gzip -9 (ratio {:.3}). \
         Named build (wasm-opt {} -g): {code} bytes of code and data. Gzip estimates scale raw \
         bytes by the production ratio: a guide to where to cut, not an exact figure.\n\n",
        production.raw,
        production.gzip,
        production.ratio(),
        release_wasm_opt_args()?.join(" ")
    ))
}

/// Each file the pending page loads, gzip -9, beside its budget line.
fn page_table(theme: &Path) -> Result<String> {
    let mut md = String::from(
        "## Files the pending page loads (gzip -9)\n\n| file | bytes | budget |\n|---|---|---|\n",
    );
    let budget = read_budget().unwrap_or_default();
    let mut total = 0;
    for (file, size) in page_sizes(theme)? {
        total += size;
        let b = budget.get(&file).map(|b| b.to_string()).unwrap_or_default();
        md.push_str(&format!("| {file} | {size} | {b} |\n"));
    }
    md.push_str(&format!("| total | {total} | |\n\n"));
    Ok(md)
}

fn crate_table(production: &Production, items: &[(String, u64)]) -> String {
    let code: u64 = items.iter().map(|(_, s)| s).sum();
    let mut crates: BTreeMap<String, u64> = BTreeMap::new();
    for (name, size) in items {
        *crates.entry(crate_of(name)).or_default() += size;
    }
    let mut crates: Vec<_> = crates.into_iter().collect();
    crates.sort_by_key(|c| std::cmp::Reverse(c.1));
    let mut md = String::from(
        "## Per crate\n\n| crate | raw bytes | share | gzip estimate |\n|---|---|---|---|\n",
    );
    for (name, size) in &crates {
        md.push_str(&format!(
            "| {name} | {size} | {:.1} % | {} |\n",
            *size as f64 * 100.0 / code.max(1) as f64,
            production.gzip_estimate(*size)
        ));
    }
    md
}

fn item_table(production: &Production, items: &[(String, u64)]) -> String {
    let mut md = String::from(
        "\n## Largest items (twiggy top)\n\n| item | raw bytes | gzip estimate |\n|---|---|---|\n",
    );
    for (name, size) in items.iter().take(60) {
        let shown: String = name.chars().take(140).collect();
        md.push_str(&format!(
            "| `{}` | {size} | {} |\n",
            shown.replace('|', "\\|"),
            production.gzip_estimate(*size)
        ));
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_of_twiggy_items() {
        for (item, want) in [
            ("paypage_core::machine::transition::h0123", "paypage_core"),
            ("paypage::components::qr_panel::QrPanel::h1", "paypage"),
            ("<alloc::vec::Vec<T> as core::clone::Clone>::clone", "alloc"),
            ("<&T as core::fmt::Display>::fmt", "(generic impls)"),
            ("core::fmt::write", "core"),
            ("data[3]", "(data segments)"),
            ("import wbg::__wbg_fetch_1", "(imports, exports, tables)"),
            ("__wbindgen_malloc", "wasm_bindgen"),
            ("dlmalloc::dlmalloc::Dlmalloc<A>::malloc", "dlmalloc"),
        ] {
            assert_eq!(crate_of(item), want, "{item}");
        }
    }

    #[test]
    fn top_csv_with_quoted_names() {
        let csv = "Name,ShallowSize,ShallowSizePercent\n\"a, b\",10,1.0\nc,20,2.0\n";
        assert_eq!(
            parse_top_csv(csv),
            vec![("a, b".to_owned(), 10), ("c".to_owned(), 20)]
        );
    }
}
