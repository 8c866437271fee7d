//! Rule: the docs say what the code does. Every configuration attribute (`SETTINGS`) has a row in
//! README's table and in both merchant guides, in the same order, and no row names one that does
//! not exist; each guide's example value is accepted as written. Every text key (`Key::ALL`) is
//! listed in both guides' text table with its built-in zh-CN text (the English guide also with the
//! English one), in the code's order, and no row names a key that does not exist.

use std::path::PathBuf;

use paypage_core::config::{PageConfig, SETTINGS};
use paypage_core::i18n::{Key, Locale};

const README: &str = "README.md";
const GUIDE_ZH: &str = "docs/merchant-guide.zh-CN.md";
const GUIDE_EN: &str = "docs/merchant-guide.en.md";

/// The line before each guide's text table.
const TEXT_TABLE_MARK: &str = "<!-- text keys:";

fn read(doc: &str) -> String {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(doc);
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
             (crates/core/src/config.rs), in its order"
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

/// A guide's text table: the rows after [`TEXT_TABLE_MARK`] (header and separator skipped).
fn text_rows(doc: &str) -> Vec<Vec<String>> {
    let text = read(doc);
    let start = text
        .find(TEXT_TABLE_MARK)
        .unwrap_or_else(|| panic!("{doc}: no line starting with {TEXT_TABLE_MARK:?}"));
    text[start..]
        .lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .map_while(cells)
        .skip(2)
        .collect()
}

/// Checks one guide's text table: `columns` are the locales of the cells after the key's.
fn check_text_table(doc: &str, columns: &[Locale], todo: &str) {
    let rows = text_rows(doc);
    let listed: Vec<&str> = rows
        .iter()
        .map(|r| r.first().and_then(|c| code(c)).unwrap_or(""))
        .collect();
    let names: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
    // The rows of the keys the table lacks, ready to paste (the last column to write).
    let missing: Vec<String> = Key::ALL
        .iter()
        .filter(|k| !listed.contains(&k.name()))
        .map(|k| {
            let texts: Vec<String> = columns
                .iter()
                .map(|l| k.builtin(*l).replace('|', "\\|"))
                .collect();
            format!("| `{}` | {} | {todo} |", k.name(), texts.join(" | "))
        })
        .collect();
    let unknown: Vec<&&str> = listed.iter().filter(|n| !names.contains(n)).collect();
    assert_eq!(
        listed,
        names,
        "{doc}: the text table must list every key of crates/core/src/i18n.rs once, in its order; \
         unknown keys: {unknown:?}; rows to add:\n{}",
        missing.join("\n")
    );
    for (row, key) in rows.iter().zip(Key::ALL) {
        for (i, locale) in columns.iter().enumerate() {
            assert_eq!(
                row.get(i + 1).map(String::as_str),
                Some(key.builtin(*locale)),
                "{doc}: `{}`: the {} text must be the built-in one",
                key.name(),
                locale.tag()
            );
        }
        assert!(
            row.len() == columns.len() + 2 && !row.last().unwrap().is_empty(),
            "{doc}: `{}`: the last column says what the text is for",
            key.name()
        );
    }
}

#[test]
fn every_text_key_is_listed_in_both_guides_with_its_default() {
    check_text_table(GUIDE_ZH, &[Locale::ZhCn], "用途");
    check_text_table(GUIDE_EN, &[Locale::ZhCn, Locale::En], "what it is for");
}
