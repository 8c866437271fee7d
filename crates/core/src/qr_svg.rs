//! The QR code as one SVG path: what the page draws from the encoder's modules.
//!
//! The encoder (`qrcode`, in `core::qr_code`) gives the modules without a quiet zone; this adds the
//! four-module quiet zone the standard asks for and draws each horizontal run of dark modules as
//! one rectangle of the path, so the whole code is a single `<path>` on a white square
//! (`components::qr_panel` builds the SVG elements: no markup string is written into the page).

use super::numtext::push_uint;

/// The colours of the drawing: black modules on white, whatever the page's colour scheme.
pub const DARK: &str = "#000";
pub const LIGHT: &str = "#fff";

/// The quiet zone around the code, in modules (ISO/IEC 18004 asks for four).
pub const QUIET: usize = 4;

/// The path data of the dark modules (row-major, `width` per row), shifted by the quiet zone:
/// one `M x y h n v 1 h -n z` rectangle per run of dark modules in a row.
pub fn path_data(width: usize, dark: &[bool]) -> String {
    let mut path = String::with_capacity(dark.len() * 4);
    if width == 0 {
        return path;
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
            path.push('M');
            push_uint(&mut path, (start + QUIET) as u64);
            path.push(' ');
            push_uint(&mut path, (y + QUIET) as u64);
            path.push('h');
            push_uint(&mut path, run as u64);
            path.push_str("v1h-");
            push_uint(&mut path, run as u64);
            path.push('z');
        }
    }
    path
}

/// The `viewBox` of the drawing: a square of `width + 8` modules (the code and its quiet zone).
pub fn view_box(width: usize) -> String {
    let side = (width + 2 * QUIET) as u64;
    let mut s = String::from("0 0 ");
    push_uint(&mut s, side);
    s.push(' ');
    push_uint(&mut s, side);
    s
}
