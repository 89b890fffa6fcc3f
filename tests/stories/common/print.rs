//! Official documents printed the way people get them: LibreOffice makes the PDF, poppler draws it.

use super::unique;

/// Prints a Word or Excel file to PDF with LibreOffice and draws page 1 to PNG (poppler);
/// checks the PDF holds each of `must_contain`. None when the tools are missing and not required.
pub fn page(name: &str, bytes: &[u8], must_contain: &[&str]) -> Option<std::path::PathBuf> {
    use std::process::Command;
    if !installed("soffice") || !installed("pdftoppm") {
        assert!(
            !super::db::required(),
            "soffice and pdftoppm are needed: run the tests with scripts/test.sh"
        );
        eprintln!("soffice or pdftoppm missing: printing of {name} skipped");
        return None;
    }
    let dir = std::env::temp_dir().join(unique("oneplan_print"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = name.rsplit_once('.').unwrap().0;
    let pdf = dir.join(format!("{stem}.pdf"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    if std::env::var("ONEPLAN_SHOW_PRINT").is_ok() {
        eprintln!("=== {name}\n{text}");
    }
    for want in must_contain {
        assert!(
            text.contains(want),
            "{name}: “{want}” not in the printed page:\n{text}"
        );
    }
    let drawn = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(dir.join(stem))
        .status()
        .unwrap();
    assert!(drawn.success());
    let png = dir.join(format!("{stem}.png"));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    Some(png)
}

/// True when `program` is on the PATH.
pub fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(program).is_file()))
}
