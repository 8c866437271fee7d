//! Money display. Amounts are integer fen; display is yuan with two decimals.

use super::model::Fen;

/// `1001` → `"10.01"`; negative and extreme values are exact (`i64::MIN` included).
pub fn yuan(fen: Fen) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// `1001` → `"¥10.01"`.
pub fn yuan_with_sign(fen: Fen) -> String {
    let y = yuan(fen);
    match y.strip_prefix('-') {
        Some(rest) => format!("-¥{rest}"),
        None => format!("¥{y}"),
    }
}

/// Whether the customer must be told to pay exactly `trade_amount` because the channel adjusted
/// it away from the order `amount`.
pub fn must_pay_exactly(amount: Option<Fen>, trade_amount: Option<Fen>) -> bool {
    matches!((amount, trade_amount), (Some(a), Some(t)) if a != t)
}
