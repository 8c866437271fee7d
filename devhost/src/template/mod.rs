//! The subset of GoFrame gview templates (`${ }` delimiters) that XArr pay themes use, rendered
//! the way GoFrame renders them in either of its modes:
//!
//! - [`Escape::None`], GoFrame's default (`AutoEncode` off): Go's `text/template`, values are
//!   written raw. A theme that injects `${.orderInfo.subject}` without `| html` is open to script
//!   injection here, as it is on a real XArr server.
//! - [`Escape::Html`] (`AutoEncode` on): Go's `html/template`, every value HTML-escaped; a pipeline
//!   that already ends in `html` is escaped once, not twice.
//!
//! Supported: `${.a.b}` variables (unknown ones render as empty text), pipelines `X | f | g` with
//! Go's builtins `html`, `js`, `urlquery`, `print`, `len`, `index`, `eq`, `ne`, `not` and GoFrame's
//! `get_option`, `${if X}`, `${else if X}`, `${else}`, `${end}`, `${- ... -}` whitespace trimming and
//! `${/* comments */}`. A template that does not parse (unbalanced blocks, an unterminated action, an
//! unknown function) is an error naming its line, as Go's parser does.

mod escape;
mod parse;

pub use escape::{escape, js_escape, url_query_escape};
use parse::{parse, split_pipeline, split_words, tokenize, Node, FUNCTIONS};

use serde_json::Value;

/// How injected values are escaped: GoFrame's two modes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Escape {
    /// `text/template` (GoFrame's default): values are written as they are.
    #[default]
    None,
    /// `html/template` (GoFrame's `AutoEncode`): values are HTML-escaped.
    Html,
}

impl Escape {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "none" => Ok(Self::None),
            "html" => Ok(Self::Html),
            other => Err(format!("--escape: {other:?} is neither none nor html")),
        }
    }
}

/// A template error (unbalanced `if`/`end`, unterminated action, unknown function), with its line.
#[derive(Debug, PartialEq)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "template error: {}", self.0)
    }
}

/// What a template can read: the data (`.a.b`), site options (`get_option`), and how values are
/// escaped.
pub struct Context<'a> {
    pub data: &'a Value,
    pub options: &'a Value,
    pub escape: Escape,
}

/// Parses `src`; the error names the line.
pub fn check(src: &str) -> Result<(), TemplateError> {
    parse(tokenize(src)?).map(|_| ())
}

/// Renders `src` with `ctx`. Unknown variables render as empty text.
pub fn render(src: &str, ctx: &Context<'_>) -> Result<String, TemplateError> {
    let nodes = parse(tokenize(src)?)?;
    let mut out = String::with_capacity(src.len());
    render_nodes(&nodes, ctx, &mut out);
    Ok(out)
}

fn render_nodes(nodes: &[Node], ctx: &Context<'_>, out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Expr(e) => {
                let text = as_text(&eval(e, ctx));
                // html/template recognises a pipeline that ends in `html` as already escaped.
                let ends_in_html = split_pipeline(e)
                    .last()
                    .is_some_and(|stage| split_words(stage).first().is_some_and(|f| f == "html"));
                if ctx.escape == Escape::Html && !ends_in_html {
                    out.push_str(&escape(&text));
                } else {
                    out.push_str(&text);
                }
            }
            Node::If(branches, otherwise) => {
                let chosen = branches
                    .iter()
                    .find(|(cond, _)| truthy(&eval(cond, ctx)))
                    .map(|(_, body)| body)
                    .unwrap_or(otherwise);
                render_nodes(chosen, ctx, out);
            }
        }
    }
}

fn eval(expr: &str, ctx: &Context<'_>) -> Value {
    let mut value: Option<Value> = None;
    for stage in split_pipeline(expr) {
        let words = split_words(&stage);
        let mut args: Vec<Value> = words.iter().skip(1).map(|w| atom(w, ctx)).collect();
        // A later stage gets the previous result as its last argument.
        if let Some(v) = value.take() {
            args.push(v);
        }
        value = Some(match words.first().map(String::as_str) {
            None => Value::Null,
            Some(f) if FUNCTIONS.contains(&f) => call(f, &args, ctx),
            Some(word) => atom(word, ctx),
        });
    }
    value.unwrap_or(Value::Null)
}

/// Go's builtins as `text/template` defines them, for the values these themes see.
fn call(f: &str, args: &[Value], ctx: &Context<'_>) -> Value {
    let text = || args.iter().map(as_text).collect::<Vec<_>>().concat();
    match (f, args) {
        ("html", _) => Value::String(escape(&text())),
        ("js", _) => Value::String(js_escape(&text())),
        ("urlquery", _) => Value::String(url_query_escape(&text())),
        ("print", _) => Value::String(sprint(args)),
        ("len", [v]) => Value::from(match v {
            Value::String(s) => s.len(),
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        }),
        ("index", [v, keys @ ..]) => keys.iter().fold(v.clone(), |v, k| match (&v, k) {
            (Value::Object(o), k) => o.get(&as_text(k)).cloned().unwrap_or(Value::Null),
            (Value::Array(a), Value::Number(n)) => n
                .as_u64()
                .and_then(|i| a.get(i as usize))
                .cloned()
                .unwrap_or(Value::Null),
            _ => Value::Null,
        }),
        ("eq", [a, rest @ ..]) => Value::Bool(rest.iter().any(|b| as_text(a) == as_text(b))),
        ("ne", [a, b]) => Value::Bool(as_text(a) != as_text(b)),
        ("not", [a]) => Value::Bool(!truthy(a)),
        ("get_option", [key]) => ctx
            .options
            .get(as_text(key))
            .cloned()
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// `fmt.Sprint`: operands joined, with a space between two operands when neither is a string.
fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, v) in args.iter().enumerate() {
        let prev_str = i > 0 && matches!(args.get(i - 1), Some(Value::String(_)));
        if i > 0 && !prev_str && !matches!(v, Value::String(_)) {
            out.push(' ');
        }
        out.push_str(&as_text(v));
    }
    out
}

fn atom(word: &str, ctx: &Context<'_>) -> Value {
    if let Some(s) = word.strip_prefix('"').and_then(|w| w.strip_suffix('"')) {
        return Value::String(s.replace("\\\"", "\""));
    }
    if let Ok(n) = word.parse::<i64>() {
        return Value::from(n);
    }
    if word == "." {
        return ctx.data.clone();
    }
    if let Some(path) = word.strip_prefix('.') {
        let mut v = ctx.data;
        for key in path.split('.') {
            match v.get(key) {
                Some(next) => v = next,
                None => return Value::Null,
            }
        }
        return v.clone();
    }
    Value::Null
}

fn as_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests;
