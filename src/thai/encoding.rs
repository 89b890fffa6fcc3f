//! Text files arrive as UTF-8 or as TIS-620 / Windows-874 from older Thai systems.

/// The encoding a file was read in, reported back to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Windows874,
}

/// Decodes UTF-8 (with or without BOM), or else Windows-874 (a superset of TIS-620).
/// Returns None when the bytes are neither, e.g. a binary file.
pub fn decode_text(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.to_string(), TextEncoding::Utf8));
    }
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(windows_874_char(b)?);
    }
    Some((out, TextEncoding::Windows874))
}

fn windows_874_char(b: u8) -> Option<char> {
    match b {
        0x00..=0x7F => Some(b as char),
        0x80 => Some('€'),
        0x85 => Some('…'),
        0x91 => Some('‘'),
        0x92 => Some('’'),
        0x93 => Some('“'),
        0x94 => Some('”'),
        0x95 => Some('•'),
        0x96 => Some('–'),
        0x97 => Some('—'),
        0xA0 => Some('\u{a0}'),
        // Thai block: ก (0xA1) … ๛ (0xFB), skipping the unassigned 0xDB–0xDE
        0xA1..=0xDA | 0xDF..=0xFB => char::from_u32(0x0E01 + u32::from(b - 0xA1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_and_strips_bom() {
        let (s, enc) = decode_text("\u{feff}รหัส,ชื่อ".as_bytes()).unwrap();
        assert_eq!((s.as_str(), enc), ("รหัส,ชื่อ", TextEncoding::Utf8));
    }

    #[test]
    fn reads_tis620() {
        // "กรุงเทพ ๑" in TIS-620
        let bytes = [0xA1, 0xC3, 0xD8, 0xA7, 0xE0, 0xB7, 0xBE, b' ', 0xF1];
        let (s, enc) = decode_text(&bytes).unwrap();
        assert_eq!((s.as_str(), enc), ("กรุงเทพ ๑", TextEncoding::Windows874));
    }

    #[test]
    fn refuses_bytes_that_are_no_thai_text() {
        assert_eq!(decode_text(&[0xA1, 0xDB, 0xFF]), None);
    }
}
