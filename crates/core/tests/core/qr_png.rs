//! The QR picture: modules in, a PNG data URL out. Each test reads the picture back with its own
//! small decoder (base64, PNG chunks and their CRC-32, the zlib stream of stored blocks and its
//! Adler-32, 1-bit rows), written from the specifications, not from the encoder.

use paypage_core::numtext::push_uint;
use paypage_core::present::{qr_picture, PictureSource, QrPlan};
use paypage_core::qr_code::{encode, Encoded};
use paypage_core::qr_png::{
    adler32, crc32_update, data_url, png, push_base64, scale_for, side_pixels, BOX_CSS_PX, QUIET,
};
use paypage_core::url_policy::UrlPolicy;

/// A decoded picture: its side and, row-major, whether each pixel is black.
struct Picture {
    side: usize,
    black: Vec<bool>,
}

impl Picture {
    fn at(&self, x: usize, y: usize) -> bool {
        self.black[y * self.side + x]
    }
}

fn unbase64(text: &str) -> Vec<u8> {
    let digit = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    assert_eq!(text.len() % 4, 0, "base64 comes in groups of four");
    let mut out = Vec::new();
    for group in text.as_bytes().chunks(4) {
        let pad = group.iter().filter(|&&c| c == b'=').count();
        let n = group
            .iter()
            .map(|&c| if c == b'=' { 0 } else { digit(c) })
            .fold(0u32, |n, d| (n << 6) | d);
        out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
    }
    out
}

/// CRC-32 from its table, as the PNG specification's sample code computes it.
fn crc_table_crc(bytes: &[u8]) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|n| {
            (0..8).fold(n, |c, _| {
                if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            })
        })
        .collect();
    !bytes.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// Inflates a zlib stream made of stored blocks only (anything else fails the test).
fn inflate_stored(z: &[u8]) -> Vec<u8> {
    assert_eq!(z[0] & 0x0f, 8, "deflate");
    assert_eq!((u32::from(z[0]) * 256 + u32::from(z[1])) % 31, 0, "FCHECK");
    assert_eq!(z[1] & 0x20, 0, "no preset dictionary");
    let mut at = 2;
    let mut out = Vec::new();
    loop {
        let head = z[at];
        assert_eq!(head >> 1 & 3, 0, "a stored block");
        let len = usize::from(u16::from_le_bytes([z[at + 1], z[at + 2]]));
        let nlen = u16::from_le_bytes([z[at + 3], z[at + 4]]);
        assert_eq!(!nlen as usize, len, "NLEN is LEN's complement");
        out.extend_from_slice(&z[at + 5..at + 5 + len]);
        at += 5 + len;
        if head & 1 == 1 {
            break;
        }
    }
    let sum = u32::from_be_bytes(z[at..at + 4].try_into().unwrap());
    let (a, b) = out.iter().fold((1u32, 0u32), |(a, b), &x| {
        let a = (a + u32::from(x)) % 65521;
        (a, (b + a) % 65521)
    });
    assert_eq!(sum, (b << 16) | a, "Adler-32");
    assert_eq!(at + 4, z.len(), "nothing after the stream");
    out
}

/// Reads a PNG written by the encoder: 1-bit greyscale, not interlaced, filter 0 on every row.
fn decode_png(bytes: &[u8]) -> Picture {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "signature");
    let mut at = 8;
    let mut chunks = Vec::new();
    while at < bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + len];
        let crc = u32::from_be_bytes(bytes[at + 8 + len..at + 12 + len].try_into().unwrap());
        assert_eq!(
            crc,
            crc_table_crc(&bytes[at + 4..at + 8 + len]),
            "CRC of {kind:?}"
        );
        chunks.push((kind.to_vec(), data.to_vec()));
        at += 12 + len;
    }
    let names: Vec<&[u8]> = chunks.iter().map(|(k, _)| k.as_slice()).collect();
    assert_eq!(names, [&b"IHDR"[..], b"IDAT", b"IEND"]);
    let ihdr = &chunks[0].1;
    let width = u32::from_be_bytes(ihdr[0..4].try_into().unwrap()) as usize;
    let height = u32::from_be_bytes(ihdr[4..8].try_into().unwrap()) as usize;
    assert_eq!(width, height, "square");
    assert_eq!(&ihdr[8..], [1, 0, 0, 0, 0], "1-bit greyscale, no interlace");
    let raw = inflate_stored(&chunks[1].1);
    let row = width.div_ceil(8) + 1;
    assert_eq!(raw.len(), row * height);
    let mut black = Vec::new();
    for line in raw.chunks(row) {
        assert_eq!(line[0], 0, "filter type None");
        for x in 0..width {
            black.push(line[1 + x / 8] >> (7 - x % 8) & 1 == 0);
        }
    }
    Picture { side: width, black }
}

fn decode_url(url: &str) -> Picture {
    let b64 = url
        .strip_prefix("data:image/png;base64,")
        .expect("a PNG data URL");
    decode_png(&unbase64(b64))
}

/// Every pixel is its module's colour: the quiet zone white, each module `scale` pixels square.
fn assert_modules(code: &Encoded, scale: usize, pic: &Picture) {
    let side = code.width + 2 * QUIET;
    assert_eq!(pic.side, side * scale, "{} modules × {scale}", side);
    for y in 0..pic.side {
        for x in 0..pic.side {
            let (mx, my) = (x / scale, y / scale);
            let dark = (QUIET..QUIET + code.width).contains(&mx)
                && (QUIET..QUIET + code.width).contains(&my)
                && code.dark[(my - QUIET) * code.width + mx - QUIET];
            assert_eq!(pic.at(x, y), dark, "pixel {x},{y} (module {mx},{my})");
        }
    }
}

fn modules(width: usize, rows: &[&str]) -> Encoded {
    Encoded {
        payload: "test".into(),
        width,
        dark: rows
            .iter()
            .flat_map(|r| r.chars().map(|c| c == '#'))
            .collect(),
    }
}

#[test]
fn the_picture_is_the_modules_with_their_quiet_zone_at_every_scale() {
    let codes = [
        modules(1, &["#"]),
        modules(3, &["###", "...", "#.#"]),
        modules(4, &[".##.", "#..#", "####", "...."]),
        encode("https://qr.alipay.com/fkx15742tdtmcruhbwsv45b").unwrap(),
        encode("wxp://f2f0dd2nT0ExampleWechatPayload").unwrap(),
    ];
    for code in &codes {
        // Scales whose rows end inside a byte (padding) and on a byte's edge.
        for scale in [1, 2, 3, 5, 8] {
            let url = data_url(code, scale);
            assert_modules(code, scale as usize, &decode_url(&url));
        }
    }
}

#[test]
fn a_scale_of_zero_counts_as_one_and_an_empty_code_is_a_white_square() {
    let code = modules(3, &["#.#", ".#.", "#.#"]);
    assert_eq!(png(&code, 0), png(&code, 1));
    let empty = modules(0, &[]);
    let pic = decode_png(&png(&empty, 2));
    assert_eq!(pic.side, 2 * QUIET * 2);
    assert!(pic.black.iter().all(|b| !b));
}

#[test]
fn a_large_code_spans_several_stored_blocks() {
    // Version 39 or 40 at 8 pixels a module: about 1450 pixels square, 260 kB of rows.
    let code = encode(&"A".repeat(3300)).unwrap();
    assert!(code.width > 170, "{}", code.width);
    let bytes = png(&code, 8);
    assert!(bytes.len() > 65535 * 4, "{}", bytes.len());
    assert_modules(&code, 8, &decode_png(&bytes));
}

#[test]
fn checksums_and_base64_match_their_reference_values() {
    assert_eq!(crc32_update(!0, b"123456789") ^ !0, 0xcbf4_3926);
    assert_eq!(crc32_update(!0, b"") ^ !0, 0);
    assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    assert_eq!(adler32(b""), 1);
    let long = vec![0xffu8; 100_000];
    let (a, b) = long.iter().fold((1u32, 0u32), |(a, b), &x| {
        let a = (a + u32::from(x)) % 65521;
        (a, (b + a) % 65521)
    });
    assert_eq!(
        adler32(&long),
        (b << 16) | a,
        "no overflow on long runs of 0xff"
    );
    // RFC 4648's test vectors.
    for (raw, b64) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        let mut s = String::new();
        push_base64(&mut s, raw.as_bytes());
        assert_eq!(s, b64, "{raw}");
    }
    let all: Vec<u8> = (0..=255).collect();
    let mut s = String::new();
    push_base64(&mut s, &all);
    assert_eq!(unbase64(&s), all);
    assert!(s.contains('+') && s.contains('/'));
}

#[test]
fn the_scale_makes_the_picture_at_least_the_box_at_the_device_pixel_ratio() {
    // (modules without quiet zone, CSS px, ratio) → pixels per module.
    let table: &[(usize, u32, f64, u32)] = &[
        (21, 220, 1.0, 8),  // 29 modules: 232 px ≥ 220
        (21, 220, 2.0, 16), // 464 ≥ 440
        (21, 220, 3.0, 23), // 667 ≥ 660
        (25, 220, 2.75, 19),
        (29, 220, 1.5, 9),  // 333 ≥ 330
        (177, 220, 1.0, 2), // 370 ≥ 220
        (177, 220, 3.0, 4), // 740 ≥ 660
        (21, 220, 0.5, 8),  // below 1 counts as 1
        (21, 220, f64::NAN, 8),
        (21, 220, f64::INFINITY, 8),
        (21, 220, 10.0, 31), // at most MAX_RATIO (4): 899 ≥ 880
        (21, 0, 1.0, 1),     // never 0
    ];
    for &(width, css, ratio, want) in table {
        let scale = scale_for(width, css, ratio);
        assert_eq!(scale, want, "{width} modules, {css} px, ratio {ratio}");
        let side = side_pixels(width, scale);
        assert_eq!(
            side % (width as u32 + 8),
            0,
            "a whole number of pixels a module"
        );
        let r = if ratio.is_finite() {
            ratio.clamp(1.0, 4.0)
        } else {
            1.0
        };
        assert!(f64::from(side) >= f64::from(css) * r, "{side} px");
        assert!(
            scale == 1 || f64::from(side_pixels(width, scale - 1)) < f64::from(css) * r,
            "the smallest such scale"
        );
    }
}

#[test]
fn the_box_size_is_the_stylesheet_s() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../style/main.css"))
        .unwrap();
    let mut want = String::from("--pp-qr-size: ");
    push_uint(&mut want, u64::from(BOX_CSS_PX));
    want.push_str("px;");
    let sizes: Vec<&str> = css
        .lines()
        .filter(|l| l.contains("--pp-qr-size:"))
        .collect();
    assert!(!sizes.is_empty());
    for line in sizes {
        assert!(
            line.contains(&want),
            "{line}: the picture is made for {want}"
        );
    }
}

#[test]
fn the_panel_s_picture_is_the_page_s_png_or_the_server_s_as_it_is() {
    let policy = UrlPolicy::default();
    let code = encode("https://qr.alipay.com/x").unwrap();
    let pic = qr_picture(&policy, &QrPlan::Encode(code.clone()), 2.0).unwrap();
    assert_eq!(pic.source, PictureSource::Page);
    assert_eq!(pic.source.key(), "page");
    assert_eq!(pic.payload.as_deref(), Some("https://qr.alipay.com/x"));
    let scale = scale_for(code.width, BOX_CSS_PX, 2.0) as usize;
    assert_modules(&code, scale, &decode_url(&pic.src));
    let server = "data:image/png;base64,iVBORw0KGgo=";
    let pic = qr_picture(&policy, &QrPlan::Image(server.into()), 2.0).unwrap();
    assert_eq!(pic.source.key(), "server");
    assert_eq!((pic.src.as_str(), pic.payload), (server, None));
    for plan in [
        QrPlan::Nothing,
        QrPlan::JumpRefused,
        QrPlan::Jump("https://a.example/".into()),
        QrPlan::OpenApp("alipays://x".into()),
    ] {
        assert_eq!(qr_picture(&policy, &plan, 2.0), None, "{plan:?}");
    }
}

#[test]
fn numbers_are_written_exactly() {
    for n in [0u64, 7, 10, 99, 100, 4096, 1_000_001, u64::MAX] {
        let mut s = String::new();
        push_uint(&mut s, n);
        assert_eq!(s, n.to_string());
    }
}
