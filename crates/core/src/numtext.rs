//! Numbers written as text by hand. The wasm build avoids `format!` and `to_string` on its paths:
//! each use links Rust's formatting machinery into the shipped bytes.

use crate::prelude::*;

/// Appends the decimal digits of `n`.
pub fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 || len == digits.len() {
            break;
        }
    }
    for d in digits.iter().take(len).rev() {
        out.push(char::from(*d));
    }
}

/// Appends `n` as `{n}` writes it: a minus sign, then its digits.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs());
}

/// `n` as `n.to_string()` writes it.
pub fn int_text(n: i64) -> String {
    let mut out = String::new();
    push_int(&mut out, n);
    out
}
