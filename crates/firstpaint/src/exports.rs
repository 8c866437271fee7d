//! The module's exports: `memory`, `fp_alloc`, `fp_paint`. Only `u32` in their signatures (an
//! `i64` would need BigInt, which old WebViews lack). The page calls them once: what they
//! allocate is never freed.

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::painted;

/// The address of `len` writable bytes, for the input of [`fp_paint`].
#[no_mangle]
pub extern "C" fn fp_alloc(len: u32) -> u32 {
    let mut bytes = Vec::<u8>::with_capacity(len as usize);
    let at = bytes.as_mut_ptr();
    core::mem::forget(bytes);
    at as u32
}

/// Paints the `len` bytes at `ptr` (see [`painted`]). Returns the address of six little-endian
/// `u32`: the picture's address and length, the link's, the app's text key's (length 0: none).
///
/// # Safety
/// `ptr` and `len` must describe bytes this module's memory holds, as [`fp_alloc`] gave them.
#[no_mangle]
pub unsafe extern "C" fn fp_paint(ptr: u32, len: u32) -> u32 {
    // SAFETY: the caller wrote `len` bytes at `ptr`, which fp_alloc allocated.
    let input = unsafe { core::slice::from_raw_parts(ptr as usize as *const u8, len as usize) };
    let (painted, app) = painted(input);
    let [[picture_at, picture_len], [link_at, link_len]] =
        [painted.picture, painted.open_app].map(|s| {
            let s: &'static str = s.unwrap_or_default().leak();
            [s.as_ptr() as u32, s.len() as u32]
        });
    let app = app.unwrap_or_default();
    let out: &'static [u32; 6] = Box::leak(Box::new([
        picture_at,
        picture_len,
        link_at,
        link_len,
        app.as_ptr() as u32,
        app.len() as u32,
    ]));
    out.as_ptr() as u32
}
