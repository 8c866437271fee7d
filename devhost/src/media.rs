//! What the dev host serves in the platform's place: pay-type icons, a chime for the voice
//! broadcast, a server's ready-made QR picture, the merchant's return page, and the WebDriver
//! probe script.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, Uri};
use axum::response::{Html, IntoResponse, Response};

use crate::state::Shared;
use crate::template;

/// A pay-type icon (the platform serves real ones; these stand in for previews).
pub async fn logo(Path(name): Path<String>) -> Response {
    let colour = match name.trim_end_matches(".svg") {
        "alipay" => "#1677ff",
        "wxpay" | "wechat" => "#07a35a",
        "qqpay" => "#1f8ad2",
        "bank" => "#d4001b",
        "usdt" => "#26a17b",
        "site" => "#1668dc",
        _ => "#5b6472",
    };
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 20\"><rect width=\"20\" height=\"20\" rx=\"5\" fill=\"{colour}\"/><path d=\"M5 10.5l3 3 7-7\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\"/></svg>"
    );
    ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}

pub async fn return_page(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    if let Ok(mut returns) = st.returns.lock() {
        *returns.entry(id.clone()).or_default() += 1;
    }
    let id = template::escape(&id);
    Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>商户页面</title></head>\
         <body><main><h1 id=\"merchant-return\">商户页面:订单 {id} 已返回</h1></main></body></html>"
    ))
    .into_response()
}

/// A short two-tone chime as a WAV file, made here so the demo needs no binary asset.
pub async fn audio() -> Response {
    let rate = 16_000u32;
    let mut samples: Vec<i16> = Vec::new();
    for (freq, ms) in [(880.0f32, 180u32), (1320.0, 260)] {
        let n = rate * ms / 1000;
        for i in 0..n {
            let t = i as f32 / rate as f32;
            let env = 1.0 - i as f32 / n as f32;
            samples.push(((t * freq * std::f32::consts::TAU).sin() * env * 9000.0) as i16);
        }
    }
    let data_len = (samples.len() * 2) as u32;
    let mut wav = Vec::with_capacity(44 + data_len as usize);
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data_len).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(&(rate * 2).to_le_bytes());
    wav.extend_from_slice(&2u16.to_le_bytes());
    wav.extend_from_slice(&16u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        wav.extend_from_slice(&s.to_le_bytes());
    }
    ([(header::CONTENT_TYPE, "audio/wav")], wav).into_response()
}

/// `GET /__dev/qr-picture/<id>[/<file>][?size=N]`: the picture of a QR code a server makes
/// itself, where the `picture_url` scenarios point `qrcode` or `qrcode_data`. A page that encodes
/// the payload never loads it: every load is written to the call log under the order's id.
pub async fn qr_picture(
    State(st): State<Shared>,
    Path(path): Path<HashMap<String, String>>,
    Query(query): Query<HashMap<String, String>>,
    uri: Uri,
) -> Response {
    let id = path.get("id").map(String::as_str).unwrap_or_default();
    let size = query.get("size").and_then(|s| s.parse().ok());
    if let Ok(mut sim) = st.sim.lock() {
        let asked = uri.query().unwrap_or_default();
        sim.record(
            "GET",
            uri.path(),
            asked,
            id,
            "the server's QR picture (image/png)",
        );
    }
    let png = picture_png(size.unwrap_or(300).clamp(64, 512));
    ([(header::CONTENT_TYPE, "image/png")], png).into_response()
}

/// A grey `size`x`size` greyscale PNG with a dark frame and a cross: plainly a picture, no code
/// a scanner could read.
fn picture_png(size: u32) -> Vec<u8> {
    let bar = size / 40 + 1;
    let mut rows = Vec::with_capacity(((size + 1) * size) as usize);
    for y in 0..size {
        rows.push(0); // filter type: none
        for x in 0..size {
            let frame = x.min(y).min(size - 1 - x).min(size - 1 - y) < 2 * bar;
            let cross = x.abs_diff(y) < bar || (x + y).abs_diff(size - 1) < bar;
            rows.push(if frame || cross { 0x50 } else { 0xd0 });
        }
    }
    let mut header = size.to_be_bytes().to_vec();
    header.extend(size.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]); // 8-bit greyscale, deflate, no filter, no interlace
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib_stored(&rows));
    chunk(&mut png, b"IEND", &[]);
    png
}

/// The picture of `payload`'s QR code that a real server puts in `qrcode_data`: a `data:image/png`
/// URL (the page's own PNG writer, `core::qr_png`), 6 pixels a module, with its quiet zone; `None`
/// when the payload is too long for a QR code.
pub fn qr_data_url(payload: &str) -> Option<String> {
    let code = paypage_core::qr_code::encode(payload)?;
    Some(paypage_core::qr_png::data_url(&code, 6))
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend((data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend(kind);
    png.extend(data);
    let crc = crc32(&png[start..]);
    png.extend(crc.to_be_bytes());
}

/// A zlib stream of stored (not compressed) deflate blocks: no compressor needed.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks: Vec<&[u8]> = data.chunks(0xffff).collect();
    if blocks.is_empty() {
        blocks.push(&[]);
    }
    let last = blocks.len() - 1;
    for (i, block) in blocks.into_iter().enumerate() {
        out.push(u8::from(i == last));
        let len = block.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

pub async fn probe_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("probe.js"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PNG's chunks as (kind, data), each CRC checked.
    fn chunks(png: &[u8]) -> Vec<(String, Vec<u8>)> {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut out = Vec::new();
        let mut at = 8;
        while at < png.len() {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let body = &png[at + 4..at + 8 + len];
            let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
            assert_eq!(crc32(body), crc);
            out.push((
                String::from_utf8_lossy(&body[..4]).into(),
                body[4..].to_vec(),
            ));
            at += 12 + len;
        }
        out
    }

    #[test]
    fn the_qr_picture_is_a_well_formed_png_of_the_size_asked() {
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        let png = picture_png(300);
        let parts = chunks(&png);
        let kinds: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);
        assert_eq!(&parts[0].1[..8], [0, 0, 1, 44, 0, 0, 1, 44]);
        // Stored blocks: the rows come back as they went in, one filter byte and 300 pixels each.
        let z = &parts[1].1;
        let mut rows = Vec::new();
        let mut at = 2;
        loop {
            let last = z[at] == 1;
            let len = u16::from_le_bytes([z[at + 1], z[at + 2]]) as usize;
            assert_eq!(!u16::from_le_bytes([z[at + 3], z[at + 4]]) as usize, len);
            rows.extend_from_slice(&z[at + 5..at + 5 + len]);
            at += 5 + len;
            if last {
                break;
            }
        }
        assert_eq!(rows.len(), 301 * 300);
        assert_eq!(z.len(), at + 4, "the Adler-32 ends the stream");
        assert!(rows.chunks(301).all(|row| row[0] == 0));
    }

    fn unbase64(text: &str) -> Vec<u8> {
        let abc = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let vals: Vec<u32> = text
            .bytes()
            .filter(|b| *b != b'=')
            .map(|b| abc.iter().position(|a| *a == b).unwrap() as u32)
            .collect();
        let mut out = Vec::new();
        for group in vals.chunks(4) {
            let n = group
                .iter()
                .enumerate()
                .fold(0, |n, (i, v)| n | v << (18 - 6 * i));
            for i in 0..group.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        out
    }

    /// The server's picture of a payload is a PNG whose pixels are that payload's modules (6 px
    /// each) inside a white quiet zone of 4 modules.
    #[test]
    fn the_servers_inline_picture_shows_the_payloads_modules() {
        let payload = "https://qr.alipay.com/fkx15742tdtmcruhbwsv45b";
        let url = qr_data_url(payload).unwrap();
        let png = unbase64(url.strip_prefix("data:image/png;base64,").unwrap());
        let parts = chunks(&png);
        let code = paypage_core::qr_code::encode(payload).unwrap();
        let size = (code.width + 8) * 6;
        let ihdr = &parts[0].1;
        assert_eq!(
            u32::from_be_bytes(ihdr[..4].try_into().unwrap()) as usize,
            size
        );
        assert_eq!(&ihdr[8..10], &[1, 0], "1-bit greyscale");
        // The stored deflate blocks, unwrapped.
        let z = &parts[1].1;
        let (mut at, mut rows) = (2, Vec::new());
        loop {
            let last = z[at] & 1 == 1;
            let len = u16::from_le_bytes([z[at + 1], z[at + 2]]) as usize;
            rows.extend_from_slice(&z[at + 5..at + 5 + len]);
            at += 5 + len;
            if last {
                break;
            }
        }
        let row_bytes = size.div_ceil(8) + 1;
        assert_eq!(rows.len(), row_bytes * size);
        let pixel_dark =
            |x: usize, y: usize| rows[y * row_bytes + 1 + x / 8] & (0x80 >> (x % 8)) == 0;
        for my in 0..code.width + 8 {
            for mx in 0..code.width + 8 {
                let inside = (4..code.width + 4).contains(&mx) && (4..code.width + 4).contains(&my);
                let want = inside && code.dark[(my - 4) * code.width + (mx - 4)];
                assert_eq!(pixel_dark(mx * 6 + 3, my * 6 + 3), want, "module {mx},{my}");
            }
        }
        assert!(qr_data_url(&"x".repeat(4000)).is_none());
    }
}
