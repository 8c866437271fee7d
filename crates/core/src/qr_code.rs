//! QR codes encoded in the page: the modules of a payload, from the `qrcode` crate (pure Rust, no
//! browser). `qr_png` makes them the picture the QR panel shows and saves.
//! The machine encodes once, when the qrcode answer arrives: a payload that cannot be encoded is
//! known before anything is drawn (and is never shown as an empty box labelled as a QR).

use qrcode::{EcLevel, QrCode};

/// A payload and its modules, without quiet zone, row-major (`width` per row, true = dark).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    pub payload: String,
    pub width: usize,
    pub dark: Vec<bool>,
}

/// Encodes `payload` at error-correction level M, or `None` when it cannot be encoded (too long
/// for the largest QR version).
pub fn encode(payload: &str) -> Option<Encoded> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some(Encoded {
        payload: payload.to_owned(),
        width,
        dark,
    })
}
