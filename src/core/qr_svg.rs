//! The QR code as one SVG path: what the page draws from the encoder's modules.
//!
//! The encoder (`qrcode`, in `dom::qr`) gives the modules without a quiet zone; this adds the
//! four-module quiet zone the standard asks for and draws each horizontal run of dark modules as
//! one rectangle of the path, so the whole code is a single `<path>` on a white square. Numbers are
//! written by hand: no `format!` machinery for a string the page builds once per code.

use super::numtext::push_uint;

/// The quiet zone around the code, in modules (ISO/IEC 18004 asks for four).
pub const QUIET: usize = 4;

/// The path data of the dark modules (row-major, `width` per row), shifted by the quiet zone:
/// one `M x y h n v 1 h -n z` rectangle per run of dark modules in a row.
pub fn path_data(width: usize, dark: &[bool]) -> String {
    let mut d = String::with_capacity(dark.len() * 4);
    if width == 0 {
        return d;
    }
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if !row.get(x).copied().unwrap_or(false) {
                x += 1;
                continue;
            }
            let start = x;
            while row.get(x).copied().unwrap_or(false) {
                x += 1;
            }
            let run = x - start;
            d.push('M');
            push_uint(&mut d, (start + QUIET) as u64);
            d.push(' ');
            push_uint(&mut d, (y + QUIET) as u64);
            d.push('h');
            push_uint(&mut d, run as u64);
            d.push_str("v1h-");
            push_uint(&mut d, run as u64);
            d.push('z');
        }
    }
    d
}

/// The whole SVG: a white square of `width + 8` modules with the code's path on it. Scalable (the
/// container decides the size), crisp edges, hidden from assistive technology (the container has
/// the text alternative).
pub fn svg(width: usize, dark: &[bool]) -> String {
    let side = width + 2 * QUIET;
    let mut s = String::with_capacity(dark.len() * 4 + 200);
    s.push_str(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" shape-rendering=\"crispEdges\" focusable=\"false\" aria-hidden=\"true\" viewBox=\"0 0 ",
    );
    push_uint(&mut s, side as u64);
    s.push(' ');
    push_uint(&mut s, side as u64);
    s.push_str("\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    s.push_str(&path_data(width, dark));
    s.push_str("\"/></svg>");
    s
}
