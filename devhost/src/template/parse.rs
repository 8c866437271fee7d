//! Parsing: the template's text split into text and `${ }` actions, then into a tree of text,
//! expressions and `if`/`else if`/`else` blocks. Errors name the line, as Go's parser does.

use super::TemplateError;

#[derive(Debug, PartialEq)]
pub(super) enum Token {
    Text(String),
    /// An action and the line it starts on.
    Action(String, usize),
}

#[derive(Debug)]
pub(super) enum Node {
    Text(String),
    Expr(String),
    If(Vec<(String, Vec<Node>)>, Vec<Node>),
}

pub(super) fn tokenize(src: &str) -> Result<Vec<Token>, TemplateError> {
    let mut out: Vec<Token> = Vec::new();
    let mut rest = src;
    let mut line = 1;
    let mut trim_next_text = false;
    while let Some(start) = rest.find("${") {
        let mut text = rest[..start].to_owned();
        line += text.matches('\n').count();
        if trim_next_text {
            text = text.trim_start().to_owned();
        }
        let after = &rest[start + 2..];
        let Some(end) = find_action_end(after) else {
            return Err(TemplateError(format!(
                "line {line}: unterminated action near {:?}",
                &rest[start..rest.len().min(start + 40)]
            )));
        };
        let mut action = &after[..end];
        if let Some(a) = action.strip_prefix("- ") {
            text = text.trim_end().to_owned();
            action = a;
        }
        trim_next_text = false;
        if let Some(a) = action.strip_suffix(" -") {
            trim_next_text = true;
            action = a;
        }
        if !text.is_empty() {
            out.push(Token::Text(text));
        }
        out.push(Token::Action(action.trim().to_owned(), line));
        line += after[..end].matches('\n').count();
        rest = &after[end + 1..];
    }
    let mut text = rest.to_owned();
    if trim_next_text {
        text = text.trim_start().to_owned();
    }
    if !text.is_empty() {
        out.push(Token::Text(text));
    }
    Ok(out)
}

/// The index of the `}` closing an action, skipping quoted strings and comments.
pub(super) fn find_action_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut in_str = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_str {
            if b == b'\\' {
                i += 1;
            } else if b == b'"' {
                in_str = false;
            }
        } else if b == b'"' {
            in_str = true;
        } else if s[i..].starts_with("/*") {
            i += s[i..].find("*/")? + 1;
        } else if b == b'}' {
            return Some(i);
        }
        i += 1;
    }
    None
}

pub(super) fn parse(tokens: Vec<Token>) -> Result<Vec<Node>, TemplateError> {
    let mut iter = tokens.into_iter();
    let (nodes, terminator) = parse_block(&mut iter)?;
    match terminator {
        None => Ok(nodes),
        Some((t, line)) => Err(TemplateError(format!("line {line}: unexpected {{{t}}}"))),
    }
}

/// The functions a pipeline may call: Go's builtins the themes use, and GoFrame's `get_option`.
pub(super) const FUNCTIONS: &[&str] = &[
    "html",
    "js",
    "urlquery",
    "print",
    "len",
    "index",
    "eq",
    "ne",
    "not",
    "get_option",
];

/// Checks that every command of an action names a known function (Go fails at parse time too).
pub(super) fn check_functions(action: &str, line: usize) -> Result<(), TemplateError> {
    for (i, stage) in split_pipeline(action).iter().enumerate() {
        let words = split_words(stage);
        let Some(first) = words.first() else {
            return Err(TemplateError(format!(
                "line {line}: missing value in {{{action}}}"
            )));
        };
        let is_value =
            first.starts_with('.') || first.starts_with('"') || first.parse::<i64>().is_ok();
        if (i > 0 || words.len() > 1 || !is_value) && !FUNCTIONS.contains(&first.as_str()) {
            return Err(TemplateError(format!(
                "line {line}: function {first:?} not defined in {{{action}}}"
            )));
        }
    }
    Ok(())
}

/// The action that ended a block (`end`, `else`, `else if ...`) and its line; `None` at the end of
/// the input.
pub(super) type Terminator = Option<(String, usize)>;

/// Parses until `end`/`else...` (returned with its line) or the end of input (`None`).
pub(super) fn parse_block(
    iter: &mut impl Iterator<Item = Token>,
) -> Result<(Vec<Node>, Terminator), TemplateError> {
    let mut nodes = Vec::new();
    while let Some(tok) = iter.next() {
        match tok {
            Token::Text(t) => nodes.push(Node::Text(t)),
            Token::Action(a, _) if a.starts_with("/*") => {}
            Token::Action(a, line) if a == "end" || a == "else" || a.starts_with("else if ") => {
                return Ok((nodes, Some((a, line))));
            }
            Token::Action(a, line) if a.starts_with("if ") => {
                let mut branches = Vec::new();
                let mut cond = a[3..].trim().to_owned();
                check_functions(&cond, line)?;
                let mut otherwise = Vec::new();
                loop {
                    let (body, term) = parse_block(iter)?;
                    match term {
                        Some((t, _)) if t == "end" => {
                            branches.push((cond, body));
                            break;
                        }
                        Some((t, else_line)) if t == "else" => {
                            branches.push((cond, body));
                            let (body, term) = parse_block(iter)?;
                            if !matches!(&term, Some((t, _)) if t == "end") {
                                return Err(TemplateError(format!(
                                    "line {else_line}: else without end"
                                )));
                            }
                            otherwise = body;
                            break;
                        }
                        Some((t, else_line)) if t.starts_with("else if ") => {
                            branches.push((cond, body));
                            cond = t[8..].trim().to_owned();
                            check_functions(&cond, else_line)?;
                        }
                        _ => return Err(TemplateError(format!("line {line}: if without end"))),
                    }
                }
                nodes.push(Node::If(branches, otherwise));
            }
            Token::Action(a, line) => {
                check_functions(&a, line)?;
                nodes.push(Node::Expr(a));
            }
        }
    }
    Ok((nodes, None))
}

/// The stages of a pipeline, split on `|` outside strings.
pub(super) fn split_pipeline(expr: &str) -> Vec<String> {
    let mut stages = Vec::new();
    let mut cur = String::new();
    let mut in_str = false;
    let mut escaped = false;
    for c in expr.chars() {
        match c {
            _ if escaped => {
                escaped = false;
                cur.push(c);
            }
            '\\' if in_str => {
                escaped = true;
                cur.push(c);
            }
            '"' => {
                in_str = !in_str;
                cur.push(c);
            }
            '|' if !in_str => stages.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    stages.push(cur);
    stages
}

pub(super) fn split_words(expr: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_str = false;
    for c in expr.chars() {
        match c {
            '"' => {
                in_str = !in_str;
                cur.push(c);
            }
            c if c.is_whitespace() && !in_str => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}
