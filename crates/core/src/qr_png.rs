//! The QR code as a PNG picture: what the page shows in an `<img>` (a customer can long-press an
//! image, never an inline drawing: WeChat's "识别图中二维码", iOS's "save image") and what "save"
//! downloads.
//!
//! The encoder (`qrcode`, in `core::qr_code`) gives the modules without a quiet zone; this adds the
//! four-module quiet zone the standard asks for and writes each module as a `scale` × `scale`
//! square of pixels: a 1-bit greyscale PNG (black on white, whatever the page's colour scheme),
//! its zlib stream made of *stored* blocks (no compression: a 1-bit picture of a code is a few
//! kilobytes to a few tens of kilobytes, and an inflater is not worth its bytes in the wasm), as a
//! `data:image/png;base64,` URL. Written by hand, without `format!`.

use super::qr_code::Encoded;

/// The quiet zone around the code, in modules (ISO/IEC 18004 asks for four).
pub const QUIET: usize = 4;

/// The CSS size of the code's box, in CSS pixels: `--pp-qr-size` in `style/main.css` (a core test
/// holds the two together). The picture is made at least this many CSS pixels wide.
pub const BOX_CSS_PX: u32 = 220;

/// The largest device-pixel ratio a picture is made for (beyond it the browser scales up).
pub const MAX_RATIO: f64 = 4.0;

/// The side of the picture in modules: the code and its quiet zone on both sides.
pub fn side_modules(width: usize) -> usize {
    width.saturating_add(2 * QUIET)
}

/// The pixels per module for a code `width` modules wide shown in a box `css_px` CSS pixels wide
/// at device-pixel ratio `ratio`: the smallest whole number that makes the picture at least
/// `css_px × ratio` pixels wide (so the browser scales it down, never up: every module stays
/// sharp), and at least 1. A ratio that is not a number, or below 1, counts as 1; above
/// [`MAX_RATIO`] as `MAX_RATIO`.
pub fn scale_for(width: usize, css_px: u32, ratio: f64) -> u32 {
    let ratio = if ratio.is_finite() {
        ratio.clamp(1.0, MAX_RATIO)
    } else {
        1.0
    };
    let wanted = (f64::from(css_px) * ratio).ceil();
    let modules = side_modules(width) as f64;
    let scale = (wanted / modules).ceil();
    // `as` saturates; the value is at most css_px × MAX_RATIO.
    (scale as u32).max(1)
}

/// The picture's side in pixels: `(width + 2 × QUIET) × scale`.
pub fn side_pixels(width: usize, scale: u32) -> u32 {
    u32::try_from(side_modules(width))
        .unwrap_or(u32::MAX)
        .saturating_mul(scale.max(1))
}

/// The code as a `data:image/png;base64,…` URL, each module `scale` pixels square (0 counts as
/// 1), with its quiet zone.
pub fn data_url(code: &Encoded, scale: u32) -> String {
    let png = png(code, scale);
    let mut url = String::with_capacity(22 + png.len().div_ceil(3) * 4);
    url.push_str("data:image/png;base64,");
    push_base64(&mut url, &png);
    url
}

/// The code as PNG bytes: 1-bit greyscale, black modules on white, the quiet zone around them.
pub fn png(code: &Encoded, scale: u32) -> Vec<u8> {
    let scale = scale.max(1);
    let side = side_pixels(code.width, scale);
    let raw = scanlines(code, scale);
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 65535 * 5 + 64);
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    // Bit depth 1, colour type 0 (greyscale), deflate, filter method 0, no interlace.
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The image data before compression: per pixel row, filter type 0 then the row's bits, most
/// significant first, 1 = white (the row's last byte is padded with white).
fn scanlines(code: &Encoded, scale: u32) -> Vec<u8> {
    let width = code.width;
    let side_mod = side_modules(width);
    let scale = scale as usize;
    let side = side_mod.saturating_mul(scale);
    let row_bytes = side.div_ceil(8);
    let mut raw = Vec::with_capacity((row_bytes + 1).saturating_mul(side));
    let mut line = Vec::with_capacity(row_bytes + 1);
    for my in 0..side_mod {
        line.clear();
        line.push(0u8);
        let mut byte = 0u8;
        let mut bits = 0u32;
        for mx in 0..side_mod {
            let white = !is_dark(code, mx, my);
            for _ in 0..scale {
                byte = (byte << 1) | u8::from(white);
                bits += 1;
                if bits == 8 {
                    line.push(byte);
                    byte = 0;
                    bits = 0;
                }
            }
        }
        if bits > 0 {
            // Padding: white, like the quiet zone.
            line.push((byte << (8 - bits)) | (0xff >> bits));
        }
        for _ in 0..scale {
            raw.extend_from_slice(&line);
        }
    }
    raw
}

/// Whether the module at (`mx`, `my`) of the picture (quiet zone included) is dark.
fn is_dark(code: &Encoded, mx: usize, my: usize) -> bool {
    let (Some(x), Some(y)) = (mx.checked_sub(QUIET), my.checked_sub(QUIET)) else {
        return false;
    };
    if x >= code.width || y >= code.width {
        return false;
    }
    y.checked_mul(code.width)
        .and_then(|row| row.checked_add(x))
        .and_then(|i| code.dark.get(i).copied())
        .unwrap_or(false)
}

/// A PNG chunk: length, type, data, and the CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32_update(crc32_update(0xffff_ffff, kind), data) ^ 0xffff_ffff;
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored (uncompressed) deflate blocks of at most 65535 bytes, and the Adler-32
/// of the data.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 65535 * 5 + 11);
    // CMF: deflate, 32 KiB window; FLG: no dictionary, fastest, (CMF·256 + FLG) % 31 == 0.
    out.extend_from_slice(&[0x78, 0x01]);
    let mut blocks = data.chunks(65535).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = u16::try_from(block.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// CRC-32 (IEEE, reflected, polynomial 0xEDB88320) of `data` continued from `crc` (not
/// finalised: start with `0xffff_ffff`, and xor the result with it).
pub fn crc32_update(mut crc: u32, data: &[u8]) -> u32 {
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    crc
}

/// Adler-32 of `data`.
pub fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before `b` could overflow.
    for part in data.chunks(5552) {
        for &byte in part {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// Appends `data` in standard base64 with `=` padding.
pub fn push_base64(out: &mut String, data: &[u8]) {
    for group in data.chunks(3) {
        let b0 = group.first().copied().unwrap_or(0);
        let b1 = group.get(1).copied();
        let b2 = group.get(2).copied();
        let n =
            (u32::from(b0) << 16) | (u32::from(b1.unwrap_or(0)) << 8) | u32::from(b2.unwrap_or(0));
        out.push(base64_digit(n >> 18));
        out.push(base64_digit(n >> 12));
        out.push(if b1.is_some() {
            base64_digit(n >> 6)
        } else {
            '='
        });
        out.push(if b2.is_some() { base64_digit(n) } else { '=' });
    }
}

/// The base64 digit of the low six bits of `v`.
fn base64_digit(v: u32) -> char {
    let v = (v & 63) as u8;
    char::from(match v {
        0..=25 => b'A' + v,
        26..=51 => b'a' + (v - 26),
        52..=61 => b'0' + (v - 52),
        62 => b'+',
        _ => b'/',
    })
}
