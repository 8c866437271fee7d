//! Rule: the developers' map names only what exists. Every file or folder that ARCHITECTURE.md or
//! CONTRIBUTING.md names in backticks is in the checkout (or is one of the packaged theme's), and every Rust path they
//! name (`core::machine::State::settled`, `use_order::carry_out`, `Browser::save_action`) resolves:
//! its modules to files, its items to definitions in those files.

use std::path::{Path, PathBuf};

const DOCS: [&str; 2] = ["ARCHITECTURE.md", "CONTRIBUTING.md"];

/// Named in the docs, not in the checkout: Go's template packages, the packaged theme's files.
const ELSEWHERE: [&str; 4] = [
    "text/template",
    "html/template",
    "assets/firstpaint.wasm",
    "paypage.js",
];

/// Where a relative path in the docs may start: the checkout, or the folder a table is about.
const PATH_BASES: [&str; 7] = [
    "",
    "crates/core/",
    "devhost/src/",
    "xtask/src/",
    "e2e/",
    "fixtures/",
    "bench/",
];

/// The Rust sources: (the crate's name in a path, its source folder).
const CRATES: [(&str, &str); 5] = [
    ("core", "crates/core/src"),
    ("paypage_core", "crates/core/src"),
    ("crate", "src"),
    ("firstpaint", "crates/firstpaint/src"),
    ("xtask", "xtask/src"),
];

/// Named in the docs, not ours: Rust's own library.
const FOREIGN: [&str; 2] = ["core::fmt", "crate::core"];

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The backticked spans of a document.
fn spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn looks_like_path(span: &str) -> bool {
    let plain = !span.is_empty()
        && span
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c));
    let has_ext = [
        ".rs", ".js", ".json", ".md", ".toml", ".html", ".css", ".tsv", ".mjs",
    ]
    .iter()
    .any(|e| span.ends_with(e));
    plain && !span.starts_with('/') && (span.contains('/') || has_ext) && !span.starts_with('.')
}

fn path_exists(span: &str) -> bool {
    let root = root();
    if ELSEWHERE.contains(&span) {
        return true;
    }
    if PATH_BASES.iter().any(|b| root.join(b).join(span).exists()) {
        return true;
    }
    // A bare file name (`cli.rs`, `probe.js`) is one the tables put under their folder.
    !span.contains('/') && find_file(&root, span)
}

fn find_file(dir: &Path, name: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let p = e.path();
        let skip = ["target", "node_modules", ".git"]
            .iter()
            .any(|s| p.ends_with(s));
        !skip && (p.file_name().is_some_and(|n| n == name) || (p.is_dir() && find_file(&p, name)))
    })
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if dir.is_file() {
        out.push(dir.to_owned());
    } else if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(rust_files(&p));
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// The module `seg` inside `dir` (a folder of a crate): `seg.rs` or `seg/`.
fn child_module(dir: &Path, seg: &str) -> Option<PathBuf> {
    let folder = if dir.is_file() {
        dir.with_extension("")
    } else {
        dir.to_owned()
    };
    [folder.join(format!("{seg}.rs")), folder.join(seg)]
        .into_iter()
        .find(|p| p.exists())
}

/// Whether `name` is defined in `files`: an item, a variant, a field or a method.
fn defined(files: &[PathBuf], name: &str) -> bool {
    let keys = [
        "fn", "struct", "enum", "trait", "const", "static", "type", "mod",
    ];
    files.iter().any(|f| {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        text.lines().any(|line| {
            let line = line
                .trim_start()
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ")
                .trim_start_matches("async ");
            let item = keys.iter().any(|k| {
                line.strip_prefix(k)
                    .and_then(|r| r.strip_prefix(' '))
                    .is_some_and(|r| word_at_start(r, name))
            });
            // A variant or field: `Name,` `Name(` `Name {` `name:` at the start of a line.
            item || (word_at_start(line, name)
                && line[name.len()..]
                    .trim_start()
                    .starts_with([',', '(', '{', ':']))
        })
    })
}

fn word_at_start(text: &str, name: &str) -> bool {
    text.starts_with(name)
        && !text[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
}

/// Why a Rust path named in the docs does not resolve, if it does not: it resolves when it does
/// from one of the modules its first word may name.
fn unresolved(path: &str) -> Option<String> {
    let root = root();
    let segs: Vec<&str> = path.split("::").collect();
    let all: Vec<PathBuf> = CRATES
        .iter()
        .flat_map(|(_, d)| rust_files(&root.join(d)))
        .collect();
    // The modules the path may start in: a crate, or every module file of that name.
    let starts: Vec<(Option<PathBuf>, &[&str])> =
        match CRATES.iter().find(|(name, _)| *name == segs[0]) {
            Some((_, dir)) => vec![(Some(root.join(dir)), &segs[1..])],
            None => {
                let modules: Vec<_> = all
                    .iter()
                    .filter_map(|f| {
                        if f.file_stem().is_some_and(|s| s == segs[0]) {
                            Some(f.clone())
                        } else if f.ends_with("mod.rs") {
                            f.parent()
                                .filter(|p| p.ends_with(segs[0]))
                                .map(Path::to_owned)
                        } else {
                            None
                        }
                    })
                    .map(|m| (Some(m), &segs[1..]))
                    .collect();
                if modules.is_empty() {
                    vec![(None, &segs[..])]
                } else {
                    modules
                }
            }
        };
    let tried = starts.len();
    let whys: Vec<String> = starts
        .into_iter()
        .filter_map(|(module, rest)| unresolved_from(module, rest, &all))
        .collect();
    (whys.len() == tried).then(|| whys.join("; "))
}

fn unresolved_from(mut module: Option<PathBuf>, rest: &[&str], all: &[PathBuf]) -> Option<String> {
    let mut items = rest;
    while let (Some(m), Some(first)) = (&module, items.first()) {
        match child_module(m, first) {
            Some(child) => {
                module = Some(child);
                items = &items[1..];
            }
            None => break,
        }
    }
    let files = module.as_deref().map_or_else(|| all.to_vec(), rust_files);
    let (head, tail) = items.split_first()?;
    if !defined(&files, head) {
        return Some(format!(
            "`{head}` is not defined in {}",
            shown(module.as_deref())
        ));
    }
    // Methods and variants may live in another file of the crate (an `impl` elsewhere).
    tail.iter()
        .find(|seg| !defined(all, seg))
        .map(|seg| format!("`{seg}` is not defined anywhere"))
}

fn shown(module: Option<&Path>) -> String {
    module.map_or("any source".into(), |m| {
        m.strip_prefix(root()).unwrap_or(m).display().to_string()
    })
}

fn rust_path(span: &str) -> Option<&str> {
    let span = span.split('(').next()?;
    let ok = span.contains("::")
        && !span.contains(' ')
        && span
            .split("::")
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    (ok && !FOREIGN.contains(&span)).then_some(span)
}

#[test]
fn the_docs_name_only_files_and_items_that_exist() {
    let mut wrong = Vec::new();
    for doc in DOCS {
        let text = std::fs::read_to_string(root().join(doc)).unwrap();
        for span in spans(&text) {
            if looks_like_path(span) && !path_exists(span) {
                wrong.push(format!("{doc}: `{span}`: no such file or folder"));
            }
            if let Some(why) = rust_path(span).and_then(unresolved) {
                wrong.push(format!("{doc}: `{span}`: {why}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_finds_what_is_not_there() {
    assert!(!path_exists("crates/core/src/nowhere.rs"));
    assert!(path_exists("crates/core/src/machine/"));
    assert!(path_exists("cli.rs"));
    assert!(unresolved("core::machine::State::settled").is_none());
    assert!(unresolved("core::machine::transmogrify").is_some());
    assert!(unresolved("use_order::carry_out").is_none());
    // Two modules named `app` (the page's and `present::app`): either may hold it.
    assert!(unresolved("app::read_boot").is_none());
    assert!(unresolved("app::App").is_none());
    assert!(unresolved("use_order::nothing_here").is_some());
    assert!(unresolved("Browser::from_user_agent").is_none());
    assert!(unresolved("Phase::Lapsed").is_none());
    assert!(unresolved("Phase::Vanished").is_some());
}
