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

#[derive(Debug, PartialEq)]
enum Token {
    Text(String),
    /// An action and the line it starts on.
    Action(String, usize),
}

#[derive(Debug)]
enum Node {
    Text(String),
    Expr(String),
    If(Vec<(String, Vec<Node>)>, Vec<Node>),
}

/// A template error (unbalanced `if`/`end`, unterminated action, unknown function), with its line.
#[derive(Debug, PartialEq)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "template error: {}", self.0)
    }
}

fn tokenize(src: &str) -> Result<Vec<Token>, TemplateError> {
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
fn find_action_end(s: &str) -> Option<usize> {
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

fn parse(tokens: Vec<Token>) -> Result<Vec<Node>, TemplateError> {
    let mut iter = tokens.into_iter();
    let (nodes, terminator) = parse_block(&mut iter)?;
    match terminator {
        None => Ok(nodes),
        Some((t, line)) => Err(TemplateError(format!("line {line}: unexpected {{{t}}}"))),
    }
}

/// The functions a pipeline may call: Go's builtins the themes use, and GoFrame's `get_option`.
const FUNCTIONS: &[&str] = &[
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
fn check_functions(action: &str, line: usize) -> Result<(), TemplateError> {
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
type Terminator = Option<(String, usize)>;

/// Parses until `end`/`else...` (returned with its line) or the end of input (`None`).
fn parse_block(
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

/// The stages of a pipeline, split on `|` outside strings.
fn split_pipeline(expr: &str) -> Vec<String> {
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

/// Go's `template.JSEscapeString`.
pub fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Go's `url.QueryEscape`: unreserved bytes kept, space as `+`, the rest `%XX`.
pub fn url_query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn split_words(expr: &str) -> Vec<String> {
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

/// HTML-escapes as Go's `html` builtin (`template.HTMLEscapeString`) does.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(src: &str, expect: &str) {
        let data = json!({
            "templateAssets": "/templates/pay/paypage/assets",
            "orderInfo": {"order_id": "P1", "status": 1, "subject": "<b>x</b>", "trade_amount_text": "10.00",
                          "pay_type_info": {"label": "支付宝"}},
            "pay_tip": "",
            "contact": "QQ 1",
        });
        let options = json!({"web_title": "XArr Pay"});
        for escape in [Escape::None, Escape::Html] {
            let got = render(
                src,
                &Context {
                    data: &data,
                    options: &options,
                    escape,
                },
            )
            .unwrap();
            // Values with markup differ between the modes; the checks here use `| html` or none.
            if escape == Escape::Html || !src.contains(".orderInfo.subject}") {
                assert_eq!(got, expect, "{src} ({escape:?})");
            }
        }
    }

    fn render_as(src: &str, escape: Escape) -> String {
        let data = json!({"s": "<img src=x onerror=\"alert(1)\">'&", "n": 3, "list": ["a", "b"],
                          "m": {"k": "v"}});
        render(
            src,
            &Context {
                data: &data,
                options: &json!({}),
                escape,
            },
        )
        .unwrap()
    }

    #[test]
    fn the_two_modes_escape_like_go() {
        // text/template: raw; html/template: escaped.
        assert_eq!(
            render_as("${.s}", Escape::None),
            "<img src=x onerror=\"alert(1)\">'&"
        );
        let escaped = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&#39;&amp;";
        assert_eq!(render_as("${.s}", Escape::Html), escaped);
        // `| html` escapes once in both.
        assert_eq!(render_as("${.s | html}", Escape::None), escaped);
        assert_eq!(render_as("${.s | html}", Escape::Html), escaped);
        assert_eq!(render_as("${html .s}", Escape::Html), escaped);
    }

    #[test]
    fn builtins() {
        let none = |src| render_as(src, Escape::None);
        assert_eq!(
            none("${.s | js}"),
            "\\u003Cimg src\\u003Dx onerror\\u003D\\\"alert(1)\\\"\\u003E\\'\\u0026"
        );
        assert_eq!(none("${\"a b&c/é\" | urlquery}"), "a+b%26c%2F%C3%A9");
        assert_eq!(none("${print .n \"x\" .n .n}"), "3x3 3");
        assert_eq!(none("${len .list}|${len .s}|${len .m}"), "2|32|1");
        assert_eq!(none("${index .list 1}${index .m \"k\"}"), "bv");
        assert_eq!(none("${if eq .n 1 2 3}yes${end}"), "yes");
        assert_eq!(none("${.nothing}|${index .m \"none\"}"), "|");
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = super::check("a\nb\n${.x | nosuch}").unwrap_err();
        assert!(e.0.contains("line 3") && e.0.contains("nosuch"), "{e}");
        let e = super::check("one\n${if .a}\nx").unwrap_err();
        assert!(e.0.contains("line 2"), "{e}");
        assert!(super::check("${.a | html}${if eq .b 1}x${else}y${end}").is_ok());
    }

    #[test]
    fn variables_options_and_escaping() {
        check(
            "<script src=\"${.templateAssets}/boot.js\">",
            "<script src=\"/templates/pay/paypage/assets/boot.js\">",
        );
        check(
            "${.orderInfo.order_id}|${.orderInfo.trade_amount_text}",
            "P1|10.00",
        );
        check("${.orderInfo.pay_type_info.label}", "支付宝");
        check("${.orderInfo.subject}", "&lt;b&gt;x&lt;/b&gt;");
        check("[${.unknown.var}][${.orderInfo.nope}]", "[][]");
        check("${\"web_title\" | get_option}", "XArr Pay");
        check("${\"missing\" | get_option}", "");
        check("a${/* a comment with } inside */}b", "ab");
    }

    #[test]
    fn conditions() {
        check("${if .contact}有${else}无${end}", "有");
        check("${if .pay_tip}有${else}无${end}", "无");
        check("${if eq .orderInfo.status 2}paid${else if eq .orderInfo.status 1}pending${else}other${end}", "pending");
        check("${if ne .orderInfo.status 1}x${end}y", "y");
        check("${if not .pay_tip}empty${end}", "empty");
        check("${if .contact}${if .pay_tip}a${else}b${end}${end}", "b");
    }

    #[test]
    fn trimming() {
        check("a   ${- .orderInfo.order_id -}   b", "aP1b");
        check("a \n ${- .orderInfo.order_id}  b", "aP1  b");
        check(
            "<p>\n  ${- if .contact -}\n  yes\n  ${- end -}\n</p>",
            "<p>yes</p>",
        );
    }

    #[test]
    fn errors() {
        let data = json!({});
        let ctx = Context {
            data: &data,
            options: &data,
            escape: Escape::Html,
        };
        assert!(render("${if .a}x", &ctx).is_err());
        assert!(render("${end}", &ctx).is_err());
        assert!(render("${.a", &ctx).is_err());
    }
}
