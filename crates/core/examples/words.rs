//! Prints the words the boot script needs, in every language (`paypage_core::boot::packaged_words`):
//! `cargo xtask theme` writes them into each page.
fn main() {
    println!("{}", paypage_core::boot::packaged_words());
}
