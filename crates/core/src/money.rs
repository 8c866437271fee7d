//! Money display. Amounts are integer fen; display is yuan with two decimals.

use super::model::Fen;
use super::numtext::push_uint;
use crate::prelude::*;

/// `1001` → `"10.01"`; negative and extreme values are exact (`i64::MIN` included).
pub fn yuan(fen: Fen) -> String {
    let mut s = String::with_capacity(24);
    if fen < 0 {
        s.push('-');
    }
    let abs = fen.unsigned_abs();
    push_uint(&mut s, abs / 100);
    s.push('.');
    let cents = abs % 100;
    if cents < 10 {
        s.push('0');
    }
    push_uint(&mut s, cents);
    s
}

/// `1001` → `"¥10.01"`.
pub fn yuan_with_sign(fen: Fen) -> String {
    let y = yuan(fen);
    match y.strip_prefix('-') {
        Some(rest) => ["-¥", rest].concat(),
        None => ["¥", y.as_str()].concat(),
    }
}

/// Whether the customer must be told to pay exactly `trade_amount` because the channel adjusted
/// it away from the order `amount`.
pub fn must_pay_exactly(amount: Option<Fen>, trade_amount: Option<Fen>) -> bool {
    matches!((amount, trade_amount), (Some(a), Some(t)) if a != t)
}

/// Reads the yuan text the server rendered into the page (`trade_amount_text`, `"10.00"`) as
/// fen: digits, optionally a point and one or two decimals. Anything else is `None` (not
/// guessed): the page then has no rendered amount to hold info to.
pub fn parse_yuan(text: &str) -> Option<Fen> {
    let t = text.trim();
    let (whole, cents) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (t.contains('.') && !digits(cents)) || cents.len() > 2 {
        return None;
    }
    let whole: Fen = whole.parse().ok()?;
    let cents: Fen = match cents.len() {
        0 => 0,
        1 => cents.parse::<Fen>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(cents)
}

/// The amount to pay in the payment channel (the qrcode answer's `actual_amount`, for example
/// USDT), when it is not simply the order's amount in yuan: then the page shows it, as text.
pub fn channel_amount(actual_amount: Option<&str>, order_fen: Option<Fen>) -> Option<String> {
    let text = actual_amount.map(str::trim).filter(|t| !t.is_empty())?;
    let same = order_fen.is_some() && parse_yuan(text) == order_fen;
    (!same).then(|| text.to_owned())
}
