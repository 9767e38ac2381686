//! Stamps each build with an id, so that the disk cache of prepared decks
//! (keyed by it) is never read by a binary whose code differs.

fn main() {
    let id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    println!("cargo:rustc-env=MOCKGRADE_BUILD_ID={id}");
}
