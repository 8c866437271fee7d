//! Money display. Amounts are integer fen; display is yuan with two decimals.

use super::model::Fen;
use super::numtext::push_uint;

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
