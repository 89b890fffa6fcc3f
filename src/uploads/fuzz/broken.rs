//! Broken workbooks: a small book with its XML edited or its bytes damaged.

use super::books::{Book, Put, Value, cells};
use proptest::prelude::*;
use proptest::sample::Index;
use std::io::{Read, Write};

/// The parts of a workbook, as (name, bytes).
pub(crate) fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("a part");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("a readable part");
            (f.name().to_string(), data)
        })
        .collect()
}

pub(crate) fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name, options).expect("a part");
        out.write_all(data).expect("written");
    }
    out.finish().expect("a zip").into_inner()
}

/// The values that break readers that trust them: far or malformed references, huge counts.
const NASTY: [&str; 34] = [
    "XFD1048576",
    "A1048576",
    "XFD1",
    "A1:XFD1048576",
    "B2:A1",
    "XFD1048576:A1",
    "A0",
    "0",
    "",
    ":",
    "A1:B2:C3",
    "AAAAAAAAAAAAAAA1",
    "A99999999999",
    "A4294967296",
    "ZZZZZZZ4294967295",
    "$A$1",
    "a1",
    "A-1",
    "1048577",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "99999999999999999999999999",
    "-1",
    "1e308",
    "NaN",
    "s",
    "str",
    "inlineStr",
    "b",
    "e",
    "d",
    "&amp;",
    "ก",
];

fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(NASTY.to_vec()).prop_map(String::from),
        1 => "[ -~]{0,12}",
        1 => "[0-9]{1,25}",
    ]
}

const ATTRS: [&str; 12] = [
    "r",
    "ref",
    "uniqueCount",
    "count",
    "t",
    "s",
    "numFmtId",
    "formatCode",
    "spans",
    "date1904",
    "sheetId",
    "si",
];

const TAGS: [&str; 4] = ["v", "t", "f", "is"];

const PARTS: [&str; 6] = [
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
];

#[derive(Debug, Clone)]
pub(crate) enum Edit {
    /// Sets an attribute (one occurrence, or all) to a value.
    Attr(usize, &'static str, String, Option<Index>),
    /// Sets the text of an element (one occurrence, or all).
    Text(usize, &'static str, String, Option<Index>),
    /// Adds markup somewhere in a part.
    Insert(usize, Index, String),
    /// Cuts a part short.
    Truncate(usize, Index),
}

pub(crate) fn edit() -> impl Strategy<Value = Edit> {
    let part = prop_oneof![3 => Just(0usize), 2 => Just(1usize), 1 => 0..PARTS.len()];
    let which = prop::option::of(any::<Index>());
    prop_oneof![
        4 => (part.clone(), prop::sample::select(ATTRS.to_vec()), nasty(), which.clone())
            .prop_map(|(p, a, v, w)| Edit::Attr(p, a, v, w)),
        2 => (part.clone(), prop::sample::select(TAGS.to_vec()), nasty(), which)
            .prop_map(|(p, t, v, w)| Edit::Text(p, t, v, w)),
        1 => (part.clone(), any::<Index>(), prop_oneof![
                Just(r#"<c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c>"#.to_string()),
                Just(r#"<row r="1048576"><c r="A1048576"><v>1</v></c></row>"#.to_string()),
                Just(r#"<c r="A1"><f t="shared" si="4000000000" ref="A1:A2">1</f><v>1</v></c>"#.to_string()),
                Just(r#"<dimension ref="B2:A1"/>"#.to_string()),
                Just("<!--".to_string()),
                Just("]]>".to_string()),
                "[ -~]{0,20}",
            ])
            .prop_map(|(p, at, s)| Edit::Insert(p, at, s)),
        1 => (part, any::<Index>()).prop_map(|(p, at)| Edit::Truncate(p, at)),
    ]
}

/// The (start, end) of every value of `attr="…"` or text of `<tag>…</tag>` in `xml`.
fn spans(xml: &[u8], open: &[u8], close: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&xml[from..], open) {
        let start = from + at + open.len();
        // an attribute's name stands after a space, not inside another name
        let before = (from + at).checked_sub(1).map(|i| xml[i]);
        let Some(len) = xml[start..].iter().position(|b| *b == close) else {
            break;
        };
        if open[0] == b'<' || matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r')) {
            out.push((start, start + len));
        }
        from = start + len;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn replace_all(xml: &[u8], spans: &[(usize, usize)], value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut from = 0;
    for &(s, e) in spans {
        out.extend_from_slice(&xml[from..s]);
        out.extend_from_slice(value.as_bytes());
        from = e;
    }
    out.extend_from_slice(&xml[from..]);
    out
}

pub(crate) fn apply(parts: &mut [(String, Vec<u8>)], e: &Edit) {
    let (Edit::Attr(p, ..) | Edit::Text(p, ..) | Edit::Insert(p, ..) | Edit::Truncate(p, _)) = e;
    let Some((_, xml)) = parts.iter_mut().find(|(n, _)| n == PARTS[*p]) else {
        return;
    };
    let chosen = |all: Vec<(usize, usize)>, which: &Option<Index>| match which {
        Some(i) if !all.is_empty() => vec![all[i.index(all.len())]],
        _ => all,
    };
    *xml = match e {
        Edit::Attr(_, attr, value, which) => {
            let open = format!("{attr}=\"");
            replace_all(
                xml,
                &chosen(spans(xml, open.as_bytes(), b'"'), which),
                value,
            )
        }
        Edit::Text(_, tag, value, which) => {
            let open = format!("<{tag}>");
            replace_all(
                xml,
                &chosen(spans(xml, open.as_bytes(), b'<'), which),
                value,
            )
        }
        Edit::Insert(_, at, s) => {
            let at = at.index(xml.len() + 1);
            [&xml[..at], s.as_bytes(), &xml[at..]].concat()
        }
        Edit::Truncate(_, at) => xml[..at.index(xml.len() + 1)].to_vec(),
    };
}

/// Byte-level damage to a whole file.
#[derive(Debug, Clone)]
pub(crate) enum Damage {
    Truncate(Index),
    Flip(Vec<(Index, u8)>),
    Insert(Index, Vec<u8>),
    /// A zip whose parts, named as a workbook's, hold garbage.
    GarbageParts(Vec<(usize, Vec<u8>)>),
    /// A zip signature, then garbage.
    Signature(Vec<u8>),
}

pub(crate) fn damage() -> impl Strategy<Value = Damage> {
    let bytes = prop::collection::vec(any::<u8>(), 0..64);
    prop_oneof![
        2 => any::<Index>().prop_map(Damage::Truncate),
        3 => prop::collection::vec((any::<Index>(), 1u8..=255), 1..8).prop_map(Damage::Flip),
        1 => (any::<Index>(), bytes.clone()).prop_map(|(i, b)| Damage::Insert(i, b)),
        1 => prop::collection::vec((0..PARTS.len() + 2, bytes.clone()), 0..6)
            .prop_map(Damage::GarbageParts),
        1 => bytes.prop_map(Damage::Signature),
    ]
}

pub(crate) fn damaged(bytes: &[u8], d: &Damage) -> Vec<u8> {
    match d {
        Damage::Truncate(at) => bytes[..at.index(bytes.len() + 1)].to_vec(),
        Damage::Flip(flips) => {
            let mut out = bytes.to_vec();
            for (at, x) in flips {
                let i = at.index(out.len());
                out[i] ^= x;
            }
            out
        }
        Damage::Insert(at, b) => {
            let at = at.index(bytes.len() + 1);
            [&bytes[..at], b, &bytes[at..]].concat()
        }
        Damage::GarbageParts(list) => {
            let names = ["_rels/.rels", "docProps/app.xml"];
            let mut seen = Vec::new();
            let parts: Vec<(String, Vec<u8>)> = list
                .iter()
                .filter_map(|(i, data)| {
                    let name = PARTS.get(*i).copied().unwrap_or(names[i % 2]);
                    (!seen.contains(&name)).then(|| {
                        seen.push(name);
                        (name.to_string(), data.clone())
                    })
                })
                .collect();
            zipped(&parts)
        }
        Damage::Signature(b) => [b"PK\x03\x04".as_slice(), b].concat(),
    }
}

/// A small book to break: a few cells, always a string (so there is a shared-strings part).
pub(crate) fn small_book() -> impl Strategy<Value = Book> {
    prop::bool::weighted(0.25)
        .prop_flat_map(|far| cells(12, far))
        .prop_map(|mut first| {
            first.push(Put {
                row: 0,
                col: 0,
                value: Value::Text("ชื่อโครงการ".into()),
            });
            Book {
                sheets: vec![first],
                block: None,
            }
        })
}
