//! The QR drawing: modules in, one SVG path out.

use paypage_core::numtext::push_uint;
use paypage_core::qr_svg::{path_data, view_box};

fn check(width: usize, rows: &[&str], expect: &str) {
    let dark: Vec<bool> = rows
        .iter()
        .flat_map(|r| r.chars().map(|c| c == '#'))
        .collect();
    assert_eq!(path_data(width, &dark), expect, "{rows:?}");
}

#[test]
fn runs_become_rectangles_shifted_by_the_quiet_zone() {
    check(3, &["...", "...", "..."], "");
    check(1, &["#"], "M4 4h1v1h-1z");
    check(
        3,
        &["###", "...", "#.#"],
        "M4 4h3v1h-3zM4 6h1v1h-1zM6 6h1v1h-1z",
    );
    check(4, &[".##.", "#..#"], "M5 4h2v1h-2zM4 5h1v1h-1zM7 5h1v1h-1z");
    check(0, &[], "");
}

#[test]
fn numbers_are_written_exactly() {
    for n in [0u64, 7, 10, 99, 100, 4096, 1_000_001, u64::MAX] {
        let mut s = String::new();
        push_uint(&mut s, n);
        assert_eq!(s, n.to_string());
    }
}

#[test]
fn the_drawing_is_a_square_with_the_quiet_zone() {
    assert_eq!(view_box(21), "0 0 29 29");
    assert_eq!(view_box(177), "0 0 185 185");
}
