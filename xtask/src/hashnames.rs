//! Content-addressed assets: the files the pages load carry a short hash of their bytes in their
//! name (`paypage_bg-3f2a9c1d.wasm`), so a browser or a CDN may keep them forever and an upgrade
//! never mixes an old file with a new page (the pages themselves are always revalidated).
//!
//! The pages name the files on their `<meta name="paypage">` (one attribute per file, which the
//! boot script reads); the boot script's text holds no file name, so its CSP hash does not move
//! when a file is renamed. `favicon.svg` and the merchant's files keep their names.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::Result;

/// The files named by their content: their logical name (`index.html`'s value before packaging,
/// the byte budget's name) and the `<meta name="paypage">` attribute that names them.
pub const CONTENT_NAMED: &[(&str, &str)] = &[
    ("paypage.js", "data-app-js"),
    ("paypage_bg.wasm", "data-app-wasm"),
    ("firstpaint.wasm", "data-first-paint"),
];

/// The pages that name the files (all three carry the same `<meta name="paypage">`).
pub const PAGES: &[&str] = &["index.html", "status.html", "separate.html"];

/// Hex digits of the content hash in a name.
const HASH_LEN: usize = 8;

/// `paypage_bg.wasm` with hash `3f2a9c1d` -> `paypage_bg-3f2a9c1d.wasm`.
pub fn hashed_name(logical: &str, hash: &str) -> String {
    match logical.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{hash}.{ext}"),
        None => format!("{logical}-{hash}"),
    }
}

/// The logical name of a file: `paypage_bg-3f2a9c1d.wasm` -> `paypage_bg.wasm`; other names
/// as they are.
pub fn logical_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s, Some(e)),
        None => (name, None),
    };
    let stripped = stem.rsplit_once('-').and_then(|(head, hash)| {
        let hex = hash.len() == HASH_LEN
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        (hex && !head.is_empty()).then_some(head)
    });
    match (stripped, ext) {
        (Some(head), Some(ext)) => format!("{head}.{ext}"),
        (Some(head), None) => head.to_owned(),
        (None, _) => name.to_owned(),
    }
}

/// The value of `attr="..."` in `html`, which must appear exactly once.
pub fn attr_value(html: &str, attr: &str) -> Result<String> {
    let key = format!(" {attr}=\"");
    if html.matches(&key).count() != 1 {
        return Err(format!("the page must have one {attr}=\"...\""));
    }
    let start = html.find(&key).map(|i| i + key.len()).unwrap_or_default();
    let end = html[start..]
        .find('"')
        .ok_or_else(|| format!("{attr}: unterminated value"))?;
    Ok(html[start..start + end].to_owned())
}

/// Where the file with logical name `logical` is, as the pages in `pages` name it (`assets` is
/// the folder the names are relative to).
pub fn asset_path(pages: &Path, assets: &Path, logical: &str) -> Result<PathBuf> {
    let Some((_, attr)) = CONTENT_NAMED.iter().find(|(l, _)| *l == logical) else {
        return Ok(assets.join(logical));
    };
    let html = read(&pages.join("index.html"))?;
    Ok(assets.join(attr_value(&html, attr)?))
}

/// The packaging's renaming step: each content-named file the pages in `pages` name (in `assets`)
/// is renamed to its name by its current bytes, and the three pages are rewritten to name it so.
/// Run on a packaged folder after changing a file, it makes a new version of that file.
pub fn name_by_content(pages: &Path, assets: &Path) -> Result {
    for (logical, attr) in CONTENT_NAMED {
        let current = attr_value(&read(&pages.join("index.html"))?, attr)?;
        if logical_name(&current) != *logical {
            return Err(format!(
                "index.html: {attr}=\"{current}\" does not name {logical}"
            ));
        }
        let file = assets.join(&current);
        let new = hashed_name(logical, &sha256_hex(&file)?[..HASH_LEN]);
        if new == current {
            continue;
        }
        std::fs::rename(&file, assets.join(&new))
            .map_err(|e| format!("{} -> {new}: {e}", file.display()))?;
        for page in PAGES {
            let path = pages.join(page);
            let html = read(&path)?;
            if attr_value(&html, attr)? != current {
                return Err(format!("{page}: {attr} differs from index.html's"));
            }
            let from = format!(" {attr}=\"{current}\"");
            let to = format!(" {attr}=\"{new}\"");
            std::fs::write(&path, html.replacen(&from, &to, 1)).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// `cargo xtask rehash DIR`: the renaming step alone on a packaged theme folder (DIR/assets).
pub fn rehash_command(args: &[String]) -> Result {
    let [dir] = args else {
        return Err("usage: cargo xtask rehash <theme folder>".into());
    };
    let dir = Path::new(dir);
    name_by_content(dir, &dir.join("assets"))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// A file's SHA-256 in hex, by python3's hashlib (xtask is std only).
fn sha256_hex(path: &Path) -> Result<String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys,hashlib;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
        ])
        .arg(path)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    let hex = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || hex.len() != 64 {
        return Err(format!("python3 could not hash {}", path.display()));
    }
    Ok(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_and_map_back() {
        assert_eq!(
            hashed_name("paypage_bg.wasm", "3f2a9c1d"),
            "paypage_bg-3f2a9c1d.wasm"
        );
        for (name, logical) in [
            ("paypage_bg-3f2a9c1d.wasm", "paypage_bg.wasm"),
            ("paypage-0123abcd.js", "paypage.js"),
            ("firstpaint-deadbeef.wasm", "firstpaint.wasm"),
            ("paypage_bg.wasm", "paypage_bg.wasm"),
            ("favicon.svg", "favicon.svg"),
            ("index.html", "index.html"),
            ("a-3F2A9C1D.js", "a-3F2A9C1D.js"),
            ("a-3f2a9c1.js", "a-3f2a9c1.js"),
            ("-3f2a9c1d.js", "-3f2a9c1d.js"),
        ] {
            assert_eq!(logical_name(name), logical, "{name}");
        }
    }

    #[test]
    fn renaming_follows_the_bytes_in_the_files_and_the_pages() {
        let dir = std::env::temp_dir().join(format!("xtask-hashnames-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let assets = dir.join("assets");
        std::fs::create_dir_all(&assets).unwrap();
        let meta = "<meta name=\"paypage\" data-app-js=\"paypage.js\" \
                    data-app-wasm=\"paypage_bg.wasm\" data-first-paint=\"firstpaint.wasm\">";
        for page in PAGES {
            std::fs::write(dir.join(page), format!("<head>{meta}<p>paypage.js</p>")).unwrap();
        }
        for (logical, _) in CONTENT_NAMED {
            std::fs::write(assets.join(logical), format!("bytes of {logical}")).unwrap();
        }
        name_by_content(&dir, &assets).unwrap();
        // echo -n 'bytes of paypage_bg.wasm' | sha256sum
        let wasm = asset_path(&dir, &assets, "paypage_bg.wasm").unwrap();
        let first = wasm.file_name().unwrap().to_str().unwrap().to_owned();
        assert_eq!(first, "paypage_bg-a8aaf881.wasm");
        assert!(wasm.is_file() && !assets.join("paypage_bg.wasm").exists());
        for page in PAGES {
            let html = std::fs::read_to_string(dir.join(page)).unwrap();
            assert!(
                html.contains(&format!(" data-app-wasm=\"{first}\"")),
                "{html}"
            );
            assert!(
                html.contains("<p>paypage.js</p>"),
                "only the attributes change"
            );
        }
        // Unchanged bytes: the same names. Changed wasm: a new name for it alone.
        name_by_content(&dir, &assets).unwrap();
        assert_eq!(asset_path(&dir, &assets, "paypage_bg.wasm").unwrap(), wasm);
        let js = asset_path(&dir, &assets, "paypage.js").unwrap();
        std::fs::write(&wasm, "bytes of version B").unwrap();
        name_by_content(&dir, &assets).unwrap();
        let second = asset_path(&dir, &assets, "paypage_bg.wasm").unwrap();
        assert_ne!(second, wasm);
        assert_eq!(
            logical_name(second.file_name().unwrap().to_str().unwrap()),
            "paypage_bg.wasm"
        );
        assert_eq!(asset_path(&dir, &assets, "paypage.js").unwrap(), js);
        assert_eq!(
            asset_path(&dir, &assets, "favicon.svg").unwrap(),
            assets.join("favicon.svg")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_page_must_name_each_file_once() {
        assert_eq!(attr_value("<m a-b=\"x\" b=\"y\">", "b").unwrap(), "y");
        assert!(attr_value("<m>", "b").is_err());
        assert!(attr_value("<m b=\"x\" b=\"y\">", "b").is_err());
    }
}
