//! The brand colour (`data-brand-color`) and the text on it: black or white, whichever reads
//! better (WCAG contrast).

/// The brand colour's best text colour (black or white) for a contrast of at least 4.5:1, and
/// that contrast.
pub fn on_brand_text(hex: &str) -> (&'static str, f64) {
    let lum = relative_luminance(hex).unwrap_or(0.0);
    let white = (1.05) / (lum + 0.05);
    let black = (lum + 0.05) / 0.05;
    if white >= black {
        ("#ffffff", white)
    } else {
        ("#000000", black)
    }
}

/// WCAG relative luminance of `#rgb` / `#rrggbb`.
pub fn relative_luminance(hex: &str) -> Option<f64> {
    let h = hex.trim().trim_start_matches('#');
    let full: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_owned(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let v = u8::from_str_radix(full.get(i..i + 2)?, 16).ok()? as f64 / 255.0;
        Some(if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}
