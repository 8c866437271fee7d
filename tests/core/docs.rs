//! Rule: the docs say what the code does. Every configuration attribute (`SETTINGS`) has a row in
//! README's table and in both merchant guides, in the same order, and no row names one that does
//! not exist; each guide's example value is accepted as written.

use std::path::PathBuf;

use paypage::core::config::{PageConfig, SETTINGS};

const README: &str = "README.md";
const GUIDE_ZH: &str = "docs/merchant-guide.zh-CN.md";
const GUIDE_EN: &str = "docs/merchant-guide.en.md";

fn read(doc: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(doc);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The cells of a Markdown table row (`| a | b |`), trimmed, with `\|` read as `|`.
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                out.last_mut().unwrap().push('|');
            }
            '|' => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    Some(out.iter().map(|c| c.trim().to_owned()).collect())
}

/// The content of a cell that is one code span (`` `x` ``).
fn code(cell: &str) -> Option<&str> {
    cell.strip_prefix('`')?.strip_suffix('`')
}

/// The rows of a document's configuration table: the attribute's name after `data-`, and the row.
fn setting_rows(doc: &str) -> Vec<(String, Vec<String>)> {
    read(doc)
        .lines()
        .filter_map(cells)
        .filter_map(|row| {
            let name = code(row.first()?)?.strip_prefix("data-")?.to_owned();
            Some((name, row))
        })
        .collect()
}

#[test]
fn every_setting_has_one_row_in_readme_and_both_guides() {
    let code_names: Vec<&str> = SETTINGS.iter().map(|s| s.name).collect();
    for doc in [README, GUIDE_ZH, GUIDE_EN] {
        let documented: Vec<String> = setting_rows(doc).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            documented, code_names,
            "{doc}: the configuration table must have one row per row of SETTINGS \
             (src/core/config.rs), in its order"
        );
    }
}

#[test]
fn every_example_in_the_guides_is_accepted_as_written() {
    for doc in [GUIDE_ZH, GUIDE_EN] {
        for (name, row) in setting_rows(doc) {
            let example = row.last().and_then(|c| code(c)).unwrap_or_else(|| {
                panic!("{doc}: data-{name}: the last column must be an example in a code span")
            });
            let (attr, quoted) = example
                .split_once('=')
                .unwrap_or_else(|| panic!("{doc}: {example}: not name=\"value\""));
            assert_eq!(attr, format!("data-{name}"), "{doc}: {example}");
            let quote = quoted.chars().next().unwrap();
            assert!(
                matches!(quote, '"' | '\'') && quoted.len() >= 2 && quoted.ends_with(quote),
                "{doc}: {example}: the value must be quoted"
            );
            let value = &quoted[1..quoted.len() - 1];
            let (_, warnings) = PageConfig::from_attributes([(name.as_str(), value)]);
            assert!(
                warnings.is_empty(),
                "{doc}: the example {example} is refused: {warnings:?}"
            );
        }
    }
}
