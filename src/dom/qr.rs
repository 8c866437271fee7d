//! QR codes encoded in the page: an SVG for the screen and a PNG for saving.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The payload as an SVG (quiet zone included, scalable, crisp edges), or `None` when it cannot be
/// encoded (too long).
pub fn svg(payload: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Drop the XML prologue and fixed size: the container decides the size.
    let start = image.find("<svg")?;
    let svg = image.get(start..)?;
    Some(svg.replacen(
        "<svg ",
        "<svg shape-rendering=\"crispEdges\" focusable=\"false\" aria-hidden=\"true\" ",
        1,
    ))
}

/// The modules of the code, with quiet zone, as rows of booleans (true = dark).
pub fn modules(payload: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((width, dark))
}
