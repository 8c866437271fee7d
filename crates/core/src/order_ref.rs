//! Finding which order the page is for.

use crate::prelude::*;

/// How the page addresses the order in API calls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderRef {
    /// `{"order_id": "..."}`: preferred, and the only form `/api/order/qrcode` accepts.
    OrderId(String),
    /// `{"out_order_id": "...", "pid": n}` (platform 1.4.8.3+), for info, status and audio.
    OutOrder { out_order_id: String, pid: i64 },
}

impl OrderRef {
    /// The JSON body of an API call.
    pub fn body(&self) -> String {
        match self {
            Self::OrderId(id) => ["{\"order_id\":", &json_string(id), "}"].concat(),
            Self::OutOrder { out_order_id, pid } => {
                let mut out = [
                    "{\"out_order_id\":",
                    &json_string(out_order_id),
                    ",\"pid\":",
                ]
                .concat();
                crate::numtext::push_int(&mut out, *pid);
                out.push('}');
                out
            }
        }
    }

    /// The id to show the customer.
    pub fn display_id(&self) -> &str {
        match self {
            Self::OrderId(id) => id,
            Self::OutOrder { out_order_id, .. } => out_order_id,
        }
    }
}

/// A JSON string literal. (Written by hand: serializing through serde_json's `Value` would link
/// its float formatting into the wasm for nothing.)
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from_digit((c as u32 >> shift) & 0xf, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How `/api/order/qrcode` is addressed: it takes only `order_id`, so the id info gave, else the
/// page's own order id; `None` for a page opened by `out_order_id` + `pid` whose info gave no id
/// (no qrcode call can be made).
pub fn qrcode_ref(info_order_id: Option<&str>, page: &OrderRef) -> Option<OrderRef> {
    match (info_order_id, page) {
        (Some(id), _) => Some(OrderRef::OrderId(id.to_owned())),
        (None, OrderRef::OrderId(id)) => Some(OrderRef::OrderId(id.clone())),
        (None, OrderRef::OutOrder { .. }) => None,
    }
}

/// Route words that are not order ids when they are the last path segment.
const ROUTE_WORDS: &[&str] = &["pay", "status", "separate", "index.html", "status.html"];

/// Finds the order: the value the host injected (`${.orderInfo.order_id}`), else the last path
/// segment of `/pay/<id>` (or `/pay/separate/<id>`), else `?order_id=`, else
/// `?out_order_id=&pid=`. `injected` is ignored when the page was not rendered by a host (it still
/// holds the literal `${...}`) or is blank. Ids with control characters, slashes, quotes or angle
/// brackets, or longer than 128 bytes, are refused.
pub fn find_order_ref(injected: Option<&str>, path: &str, query: &str) -> Option<OrderRef> {
    if let Some(id) = injected.map(str::trim).filter(|v| is_rendered(v)) {
        if let Some(id) = valid_id(id) {
            return Some(OrderRef::OrderId(id));
        }
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if let Some(pos) = segments.iter().position(|s| *s == "pay") {
        if let Some(last) = segments.get(pos + 1..).and_then(|rest| rest.last()) {
            if !ROUTE_WORDS.contains(last) {
                if let Some(id) = valid_id(&percent_decode(last)) {
                    return Some(OrderRef::OrderId(id));
                }
            }
        }
    }
    let params = parse_query(query);
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    if let Some(id) = get("order_id").and_then(valid_id) {
        return Some(OrderRef::OrderId(id));
    }
    let out = get("out_order_id").and_then(valid_id)?;
    let pid = get("pid")?.trim().parse::<i64>().ok()?;
    Some(OrderRef::OutOrder {
        out_order_id: out,
        pid,
    })
}

/// A value the host rendered: not blank and not a template action left verbatim.
pub fn is_rendered(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty() && !v.contains("${")
}

fn valid_id(raw: &str) -> Option<String> {
    let id = raw.trim();
    let ok = !id.is_empty()
        && id.len() <= 128
        && !id
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "/\\\"'<>`&?#%".contains(c));
    ok.then(|| id.to_owned())
}

/// Splits `a=1&b=2` (with or without the leading `?`), percent-decoding keys and values.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Percent-decoding with `+` as space; invalid escapes stay as they are, invalid UTF-8 is
/// replaced.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| core::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where the page is: its origin (`https://example.com:8080`), path (`/pay/123`), and the ids of
/// its order (the platform's `order_id`s, the merchant's `out_order_id`s), to tell a link that
/// leads back here, and to build the page's own links (`pay_page_url`, `separate_page_url`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Here {
    pub origin: String,
    pub path: String,
    /// The platform's ids of this order (`/pay/<order_id>`).
    pub order_ids: Vec<String>,
    /// The merchant's ids of this order (`/pay/status?out_order_id=…&pid=…`).
    pub out_order_ids: Vec<String>,
}

/// Whether following `target` would load this order's pages again. Two things are "back":
/// - one of the theme's routes, as the whole path from the root, for this order, on any host:
///   `/pay/<order_id>`, `/pay/separate/<order_id>`, `/pay/status?order_id=<order_id>` and
///   `/pay/status?out_order_id=<out_order_id>&pid=…`;
/// - this page's own path on its own host (a page served elsewhere than XArr's routes), unless
///   the target's route names another order.
///
/// A `pay` segment anywhere else (`https://shop.example/shop/pay/<out_order_id>`, a merchant's
/// ordinary page) is not back. Such a redirect, jump or `return_uri` is not followed
/// automatically: it can only loop. (The paid screen still offers it as a link: a tap is not a
/// loop.)
pub fn points_back(target: &str, here: &Here) -> bool {
    let t = target.trim();
    let lower = t.to_ascii_lowercase();
    // An absolute or scheme-relative URL: its host, and its path and query after it.
    let after_scheme = ["https://", "http://", "//"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| t.get(p.len()..)).flatten());
    let (host, rest) = match after_scheme {
        Some(after) => {
            let at = after.find(['/', '?', '#']).unwrap_or(after.len());
            let authority = after.get(..at).unwrap_or_default();
            // After the last `@` (user info), else all of it.
            let host = authority
                .rfind('@')
                .and_then(|i| authority.get(i + 1..))
                .unwrap_or(authority);
            (
                Some(host.to_ascii_lowercase()),
                after.get(at..).unwrap_or_default(),
            )
        }
        // Another scheme (an app link, mailto:): never this page.
        None if scheme_like(&lower) => return false,
        None => (None, t),
    };
    let no_fragment = rest.split('#').next().unwrap_or_default();
    let (path, query) = no_fragment.split_once('?').unwrap_or((no_fragment, ""));
    // As the browser resolves it: a reference without a path (`?x=1`, `#top`, an empty string)
    // stays on the page's own path, a relative one (`123`, `./status`) is read from the page's
    // folder, and dot segments are removed.
    let path = if host.is_none() {
        resolve_path(&here.path, path)
    } else {
        remove_dot_segments(path)
    };
    let path = path.as_str();
    let ours = match route_order(path, query) {
        Some(OrderRef::OrderId(id)) => here.order_ids.contains(&id),
        Some(OrderRef::OutOrder { out_order_id, .. }) => here.out_order_ids.contains(&out_order_id),
        None => false,
    };
    let here_host = here.origin.split_once("://").map_or("", |(_, h)| h);
    let same_host = host
        .as_deref()
        .is_none_or(|h| h == here_host.to_ascii_lowercase());
    let norm = |p: &str| percent_decode(p.trim_end_matches('/')).to_ascii_lowercase();
    // The status route's order is in its query: its path alone is not this page.
    let own_path = same_host
        && !here.path.is_empty()
        && norm(path) == norm(&here.path)
        && norm(path) != "/pay/status";
    ours || own_path
}

/// The order one of the theme's routes names, when `path` is one as a whole path from the root:
/// `/pay/<id>`, `/pay/separate/<id>`, `/pay/status` with `?order_id=` or `?out_order_id=&pid=`.
/// Segments are compared decoded (`/p%61y/1` is `/pay/1` to the server's router).
fn route_order(path: &str, query: &str) -> Option<OrderRef> {
    let mut segments = path.split('/');
    // From the root: the path starts with `/`, so its first piece is empty.
    if segments.next() != Some("") {
        return None;
    }
    let rest: Vec<String> = segments
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let words: Vec<&str> = rest.iter().map(String::as_str).collect();
    let id = match words.as_slice() {
        ["pay", "status"] => return find_order_ref(None, "", query),
        ["pay", id] | ["pay", "separate", id] if !ROUTE_WORDS.contains(id) => *id,
        _ => return None,
    };
    valid_id(id).map(OrderRef::OrderId)
}

/// `reference`'s path resolved against the page's `base` path, as a browser does (RFC 3986,
/// 5.2): empty stays on `base`, `/…` from the root, anything else from `base`'s folder; then
/// without dot segments.
fn resolve_path(base: &str, reference: &str) -> String {
    if reference.is_empty() {
        return remove_dot_segments(base);
    }
    if reference.starts_with('/') {
        return remove_dot_segments(reference);
    }
    let folder = base.rfind('/').and_then(|i| base.get(..=i)).unwrap_or("/");
    remove_dot_segments(&[folder, reference].concat())
}

/// RFC 3986's remove_dot_segments on a path: `.` and `..` segments (also percent-encoded, as
/// browsers read them) resolved; never above the root.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        let word = seg.to_ascii_lowercase();
        match word.as_str() {
            "." | "%2e" => {
                if i == last {
                    out.push("");
                }
            }
            ".." | "%2e." | ".%2e" | "%2e%2e" => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            _ => out.push(seg),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        ["/", &joined].concat()
    } else {
        joined
    }
}

/// `name:` before any `/`, `?` or `#`: a URL with a scheme.
fn scheme_like(lower: &str) -> bool {
    let head = lower.split(['/', '?', '#']).next().unwrap_or_default();
    head.contains(':')
}

/// `id` as one URL path segment: every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`)
/// percent-encoded (as `encodeURIComponent` does, and `~` kept).
pub fn encode_segment(id: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 0x0f] {
                out.push(HEX.get(usize::from(nibble)).map_or('0', |&h| char::from(h)));
            }
        }
    }
    out
}

/// The pay page of an order on the page's own origin (`https://pay.example`): `<origin>/pay/<id>`.
pub fn pay_page_url(origin: &str, order_id: &str) -> String {
    [
        origin.trim_end_matches('/'),
        "/pay/",
        &encode_segment(order_id),
    ]
    .concat()
}

/// The separate page (the cashier's choice of pay type) of an order: `<origin>/pay/separate/<id>`.
pub fn separate_page_url(origin: &str, order_id: &str) -> String {
    [
        origin.trim_end_matches('/'),
        "/pay/separate/",
        &encode_segment(order_id),
    ]
    .concat()
}

/// The body of `/api/order/chose-type`: `{"order_id":"...","pay_type":"..."}`.
pub fn chose_type_body(order_id: &str, pay_type: &str) -> String {
    [
        "{\"order_id\":",
        &json_string(order_id),
        ",\"pay_type\":",
        &json_string(pay_type),
        "}",
    ]
    .concat()
}
