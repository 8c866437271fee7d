//! The binary Trunk builds: it only starts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    paypage::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("paypage is a WebAssembly page: build it with `cargo xtask theme` or `trunk build`.");
}
