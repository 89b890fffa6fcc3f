use super::*;

fn same(a: &str, b: &str) {
    let (x, y) = (title(a), title(b));
    assert_eq!(x.key, y.key, "\n{a}\n{b}");
    assert_eq!(x.guards.apart(&y.guards), None, "\n{a}\n{b}");
}

fn apart(a: &str, b: &str) -> Apart {
    let (x, y) = (title(a), title(b));
    x.guards
        .apart(&y.guards)
        .unwrap_or_else(|| panic!("not kept apart:\n{a}\n{b}"))
}

#[test]
fn the_ways_one_title_is_typed_are_one_text() {
    // abbreviations and Arabic digits, against the words spelled out with Thai digits
    same(
        "ก่อสร้างถนน คสล. ม.1 บ้านร่องไฮ",
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑ บ้านร่องไฮ",
    );
    same("ก่อสร้างถนน ค.ส.ล. หมู่ 3", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๓");
    // เเ typed as two เ, ำ as ํ + า, a zero-width space, a tone mark before its vowel
    same("ซ่อมแซมแหล่งน้ำ", "ซ่อมเเซมแหล่งน\u{0E49}\u{0E4D}\u{0E32}");
    same("ขุดลอกลำเหมือง", "ขุดลอก\u{200B}ลำเหมือง");
    assert_eq!(normalize("ก\u{0E48}\u{0E34}"), "ก\u{0E34}\u{0E48}");
    assert_eq!(normalize("น\u{0E49}\u{0E49}ำ"), "น\u{0E49}ำ");
    // a place written short or long
    same("ปรับปรุงศาลา ต.แม่ใส", "ปรับปรุงศาลา ตำบลแม่ใส");
    // the word of kind is set aside, and said
    assert_eq!(title("โครงการขุดลอกคลอง").kind_word, Some("โครงการ"));
    assert_eq!(title("กิจกรรมปลูกป่า").text, "ปลูกป่า");
}

#[test]
fn marks_that_make_another_word_are_kept() {
    assert_ne!(title("ปลูกป่า").key, title("ปลูกปา").key);
    assert_ne!(title("ขุดบ่อ").key, title("ขุดบอ").key);
}

#[test]
fn guards_keep_other_villages_sizes_and_places_apart() {
    assert_eq!(
        apart("ก่อสร้างถนน คสล. ม.1", "ก่อสร้างถนน คสล. หมู่ที่ ๒"),
        Apart::Villages([1].into(), [2].into())
    );
    assert!(matches!(
        apart("ขุดสระน้ำ 500 ไร่", "ขุดสระน้ำ ๑,๓๐๐ ไร่"),
        Apart::Quantity {
            unit: "ไร่", ..
        }
    ));
    assert!(matches!(
        apart("ก่อสร้างฝาย บ้านนาเลี่ยง", "ก่อสร้างฝาย บ้านห้วยต้ม"),
        Apart::Place {
            kind: "บ้าน", ..
        }
    ));
    // a number written with its separator, or its decimals, is the same number
    same("วางท่อ 1,200 เมตร", "วางท่อ ๑๒๐๐ เมตร");
    same("ถนนยาว 0.100 กม.", "ถนนยาว 0.1 กิโลเมตร");
    // a metre after a number, a village before one
    let t = title("วางท่อประปา ยาว 500 ม. ม.4");
    assert_eq!(t.guards.villages, [4].into());
    assert_eq!(t.guards.quantities["เมตร"], ["500".to_string()].into());
    // a guard only one title has keeps nothing apart
    same_guards("ก่อสร้างถนน หมู่ที่ 1", "ก่อสร้างถนน");
}

fn same_guards(a: &str, b: &str) {
    assert_eq!(title(a).guards.apart(&title(b).guards), None);
}

/// Real titles (data/projects: every sixth of the 2565 budget's local items, and อบต.แม่ใส's
/// plan, 1,197 in all): normalising twice changes nothing, no Thai digit, zero-width character
/// or doubled space is left, nor an abbreviation of the table where it stands as a word; most
/// name a place, a village or a size.
#[test]
fn the_real_titles_normalise_stably() {
    let budget = include_str!("../../../data/projects/budget2565_titles_sample.txt");
    let plan = include_str!(
        "../../../data/projects/lao_plan_sample_mae_sai_tao_phayao_2566-2570_add3.csv"
    );
    let mut rows = csv::Reader::from_reader(plan.as_bytes());
    let at = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "project_title")
        .unwrap();
    let titles: Vec<String> = budget
        .lines()
        .map(str::to_string)
        .chain(rows.records().map(|r| r.unwrap()[at].to_string()))
        .collect();
    assert_eq!(titles.len(), 1197);
    let mut with_guards = 0;
    for raw in &titles {
        let once = normalize(raw);
        assert_eq!(normalize(&once), once, "{raw}");
        assert!(
            !once
                .chars()
                .any(|c| ('๐'..='๙').contains(&c) || ZERO_WIDTH.contains(&c)),
            "{raw}"
        );
        assert!(!once.contains("  ") && !once.contains("เเ"), "{raw}");
        for abbr in [" คสล.", " ค.ส.ล.", " รพ.สต.", " อบต."] {
            assert!(!format!(" {once}").contains(abbr), "{abbr} left in {once}");
        }
        with_guards += usize::from(title(raw).guards != Guards::default());
    }
    assert!(
        with_guards * 10 > titles.len() * 8,
        "{with_guards} of {} with guards",
        titles.len()
    );
}
