//! Stamps each build with an id, so that the disk cache of prepared decks
//! (keyed by it) is never read by a binary whose code differs; and lists the
//! built-in rubric files (every `rubrics/*.toml` but the shared data tables), so
//! that adding a topic file needs no code edit.

use std::fmt::Write;

/// Files in `rubrics/` that are shared tables, not rubrics (kept in step with
/// `builtin::DATA_FILES`).
const DATA_FILES: &[&str] = &["synonyms.toml", "phrases.toml", "antonyms.toml"];

fn main() {
    let id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    println!("cargo:rustc-env=MOCKGRADE_BUILD_ID={id}");

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("rubrics/ is readable")
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml") && !DATA_FILES.contains(&n.as_str()))
        .collect();
    names.sort();
    let mut code = String::from("/// The built-in rubric files, embedded: (file name, TOML text).\npub const BUILTIN_RUBRICS: &[(&str, &str)] = &[\n");
    for name in names {
        let path = dir.join(&name);
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_rubrics.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
