//! QR codes encoded in the page: the modules from the encoder. `core::qr_svg` draws them as one
//! SVG path for the screen; `components::qr_panel` draws them on a canvas for saving as PNG.

use qrcode::{EcLevel, QrCode};

/// The modules of the code, without quiet zone, as rows of booleans (true = dark), or `None` when
/// the payload cannot be encoded (too long).
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
