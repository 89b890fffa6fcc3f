//! The pictures the tests make (browser screenshots, printed pages). They go to a temporary
//! folder, or to the folder ONEPLAN_SCREENSHOTS names (relative to the repository):
//! `ONEPLAN_SCREENSHOTS=docs/screenshots scripts/test.sh` refreshes the README's pictures.

use std::path::{Path, PathBuf};

/// A temporary folder of this test process.
pub fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("oneplan_pictures_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn folder() -> PathBuf {
    let Some(dir) = std::env::var_os("ONEPLAN_SCREENSHOTS") else {
        return scratch();
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Checks `png` is a PNG picture and keeps it as `name` (with its .png).
pub fn keep(name: &str, png: &[u8]) -> PathBuf {
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{name} is no PNG picture"
    );
    let path = folder().join(name);
    std::fs::write(&path, png).unwrap();
    path
}
