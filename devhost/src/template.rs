//! The subset of GoFrame gview templates (`${ }` delimiters) that XArr pay themes use.
//!
//! Supported: `${.a.b}` variables (HTML-escaped, unknown ones empty), `${"key" | get_option}`,
//! `${if X}`, `${else if X}`, `${else}`, `${end}`, `${eq X Y}`/`${ne X Y}` conditions, `${not X}`,
//! `${- ... -}` whitespace trimming, and `${/* comments */}`.

use serde_json::Value;

#[derive(Debug, PartialEq)]
enum Token {
    Text(String),
    Action(String),
}

#[derive(Debug)]
enum Node {
    Text(String),
    Expr(String),
    If(Vec<(String, Vec<Node>)>, Vec<Node>),
}

/// A template error (unbalanced `if`/`end`, unterminated action).
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
    let mut trim_next_text = false;
    while let Some(start) = rest.find("${") {
        let mut text = rest[..start].to_owned();
        if trim_next_text {
            text = text.trim_start().to_owned();
        }
        let after = &rest[start + 2..];
        let Some(end) = find_action_end(after) else {
            return Err(TemplateError(format!(
                "unterminated action near {:?}",
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
        out.push(Token::Action(action.trim().to_owned()));
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
        Some(t) => Err(TemplateError(format!("unexpected {{{t}}}"))),
    }
}

/// Parses until `end`/`else...` (returned) or the end of input (`None`).
fn parse_block(
    iter: &mut impl Iterator<Item = Token>,
) -> Result<(Vec<Node>, Option<String>), TemplateError> {
    let mut nodes = Vec::new();
    while let Some(tok) = iter.next() {
        match tok {
            Token::Text(t) => nodes.push(Node::Text(t)),
            Token::Action(a) if a.starts_with("/*") => {}
            Token::Action(a) if a == "end" || a == "else" || a.starts_with("else if ") => {
                return Ok((nodes, Some(a)));
            }
            Token::Action(a) if a.starts_with("if ") => {
                let mut branches = Vec::new();
                let mut cond = a[3..].trim().to_owned();
                let mut otherwise = Vec::new();
                loop {
                    let (body, term) = parse_block(iter)?;
                    match term.as_deref() {
                        Some("end") => {
                            branches.push((cond, body));
                            break;
                        }
                        Some("else") => {
                            branches.push((cond, body));
                            let (body, term) = parse_block(iter)?;
                            if term.as_deref() != Some("end") {
                                return Err(TemplateError("else without end".into()));
                            }
                            otherwise = body;
                            break;
                        }
                        Some(t) if t.starts_with("else if ") => {
                            branches.push((cond, body));
                            cond = t[8..].trim().to_owned();
                        }
                        _ => return Err(TemplateError("if without end".into())),
                    }
                }
                nodes.push(Node::If(branches, otherwise));
            }
            Token::Action(a) => nodes.push(Node::Expr(a)),
        }
    }
    Ok((nodes, None))
}

/// What a template can read: the data (`.a.b`) and site options (`get_option`).
pub struct Context<'a> {
    pub data: &'a Value,
    pub options: &'a Value,
}

/// Renders `src` with `ctx`. Values are HTML-escaped; unknown variables render empty.
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
            Node::Expr(e) => out.push_str(&escape(&as_text(&eval(e, ctx)))),
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
    // Pipelines: `"key" | get_option`.
    if let Some((head, func)) = expr.split_once('|') {
        let arg = eval(head.trim(), ctx);
        return match func.trim() {
            "get_option" => ctx
                .options
                .get(as_text(&arg))
                .cloned()
                .unwrap_or(Value::Null),
            _ => Value::Null,
        };
    }
    let words = split_words(expr);
    match words.as_slice() {
        [f, a, b] if f == "eq" => Value::Bool(as_text(&eval(a, ctx)) == as_text(&eval(b, ctx))),
        [f, a, b] if f == "ne" => Value::Bool(as_text(&eval(a, ctx)) != as_text(&eval(b, ctx))),
        [f, a] if f == "not" => Value::Bool(!truthy(&eval(a, ctx))),
        [single] => atom(single, ctx),
        _ => Value::Null,
    }
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

/// HTML-escapes as Go's html/template does for text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
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
        let got = render(
            src,
            &Context {
                data: &data,
                options: &options,
            },
        )
        .unwrap();
        assert_eq!(got, expect, "{src}");
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
        };
        assert!(render("${if .a}x", &ctx).is_err());
        assert!(render("${end}", &ctx).is_err());
        assert!(render("${.a", &ctx).is_err());
    }
}
