//! What the page paints before the app runs, as a tiny WebAssembly module for the boot script:
//! the core's [`first_paint`], fed by the boot script's early `/api/order/info` and
//! `/api/order/qrcode` answers. Raw `extern "C"` exports, no glue: the page loads it with one
//! `fetch` and `WebAssembly.instantiate`. It never encodes a QR code (the first paint shows only
//! the server's own picture), so the encoder is not in it.
//!
//! The decision is the core's; this crate only reads its input the way the app does.
//!
//! In the browser (wasm32) it is `no_std`, over the core without its `std` feature, with a bump
//! allocator and a panic handler that traps: no std panic machinery, no `core::fmt`, no malloc.
//! Build it alone (`-p paypage-firstpaint`): in one build with the page crate the core would
//! have std, whose panic handler would meet this one.

#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

use alloc::borrow::ToOwned;

use paypage_core::model::{QrInfo, QrType};
use paypage_core::present::{first_paint, App, Browser, FirstPaint};
use paypage_core::url_policy::app_schemes_policy;

#[cfg(target_arch = "wasm32")]
mod bump;
#[cfg(target_arch = "wasm32")]
mod exports;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: bump::Bump = bump::Bump::new();

/// A panic (none is expected: the core is total; an allocation that fails) traps: the boot
/// script catches it and leaves the painting to the app.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn trap(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// The input's fields, in order, joined by `\0`.
pub const FIELDS: [&str; 7] = [
    "user_agent",
    "pay_type",
    "app_schemes",
    "type",
    "qrcode",
    "qrcode_data",
    "scheme",
];

/// What to paint from the boot script's fields: the user agent, info's `pay_type`, the page's
/// `data-app-schemes` attribute, and the qrcode answer's `type`, `qrcode`, `qrcode_data` and
/// `scheme` (strings as the answer has them: a blank one is absent), as UTF-8 joined by `\0`.
///
/// Read as the app reads them: the answer's texts and the pay type trimmed (blank = absent), the
/// type by [`QrType::from_wire`], the attribute by [`app_schemes_policy`], the browser by
/// [`Browser::from_user_agent`]. Input that is not UTF-8 or not exactly seven fields (a `\0`
/// inside a field) paints nothing: the app decides then.
pub fn paint(input: &[u8]) -> FirstPaint {
    painted(input).0
}

/// [`paint`], and the payment app the words beside the painted code name (`{app}` in the scan
/// hint, the picture's alt text and the link): the name of its text key (`app_alipay`, …), as
/// the app's QR panel chooses it for the same answer (`App::of_answer` with nothing encoded);
/// `None` when nothing is painted.
pub fn painted(input: &[u8]) -> (FirstPaint, Option<&'static str>) {
    let Ok(text) = core::str::from_utf8(input) else {
        return (FirstPaint::default(), None);
    };
    let mut f = text.split('\0');
    let (
        Some(user_agent),
        Some(pay_type),
        Some(app_schemes),
        Some(kind),
        Some(qrcode),
        Some(qrcode_data),
        Some(scheme),
        None,
    ) = (
        f.next(),
        f.next(),
        f.next(),
        f.next(),
        f.next(),
        f.next(),
        f.next(),
        f.next(),
    )
    else {
        return (FirstPaint::default(), None);
    };
    let qr = QrInfo {
        kind: QrType::from_wire(given(kind)),
        qrcode_data: given(qrcode_data).map(str::to_owned),
        qrcode: given(qrcode).map(str::to_owned),
        scheme: given(scheme).map(str::to_owned),
        ..QrInfo::default()
    };
    let paint = first_paint(
        &app_schemes_policy(app_schemes),
        &qr,
        given(pay_type),
        Browser::from_user_agent(user_agent),
    );
    let app = paint
        .picture
        .as_ref()
        .map(|_| match App::of_answer(given(pay_type), None, &qr) {
            App::Alipay => "app_alipay",
            App::Wechat => "app_wechat",
            App::Qq => "app_qq",
            App::UnionPay => "app_unionpay",
            App::Other => "app_other",
        });
    (paint, app)
}

/// An answer's text as the app reads it (`wire::text`): trimmed, blank is absent.
fn given(field: &str) -> Option<&str> {
    let t = field.trim();
    (!t.is_empty()).then_some(t)
}
