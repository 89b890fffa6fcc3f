//! Reading an appointment order as typed into the form or sent to the API. Every problem is
//! reported at once, in Thai, naming the field and the member row, so one correction suffices.

use super::kinds::MemberRole;
use crate::error::{Field, MemberProblem, Problem};
use crate::thai::{fiscal_year_be, parse_date, parse_int, to_arabic_digits};
use serde::Deserialize;
use time::Date;

/// An order as typed: text fields, Thai or Arabic digits, BE or CE dates.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct OrderInput {
    /// เลขที่คำสั่ง, e.g. "๑๒/๒๕๖๖".
    pub order_no: String,
    /// วันที่ของคำสั่ง: "15/12/2566", "2023-12-15", "๑๕ ธ.ค. ๖๖"…
    pub order_date: String,
    /// ปีงบประมาณ (BE); empty for the fiscal year of the order date.
    #[serde(default)]
    pub fiscal_year: String,
    /// In the order of the appointment order; rows left wholly blank are ignored.
    #[serde(default)]
    pub members: Vec<MemberInput>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct MemberInput {
    #[serde(default)]
    pub name: String,
    /// ตำแหน่ง, e.g. "นายอำเภอ", "กำนันตำบลแม่ใส".
    #[serde(default)]
    pub position: String,
    /// `chair`, `vice_chair`, `member`, `member_secretary`, `secretary`, `advisor`, or the Thai word.
    #[serde(default)]
    pub role: String,
}

impl MemberInput {
    fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && self.position.trim().is_empty()
            && self.role.trim().is_empty()
    }
}

/// An order that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanOrder {
    pub order_no: String,
    pub order_date: Date,
    pub fiscal_year: i32,
    pub members: Vec<CleanMember>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CleanMember {
    pub name: String,
    pub position: String,
    pub role: MemberRole,
}

const MAX_TEXT: usize = 200;

/// Checks an order against `today` (no order is dated in the future).
pub fn check(input: &OrderInput, today: Date) -> Result<CleanOrder, Vec<Problem>> {
    let mut errors = Vec::new();

    let order_no = to_arabic_digits(input.order_no.trim());
    if order_no.is_empty() {
        errors.push(Problem::Missing {
            field: Field::OrderNo,
        });
    } else if order_no.chars().count() > 60 {
        errors.push(Problem::TooLong {
            field: Field::OrderNo,
            max: 60,
        });
    }

    let order_date = if input.order_date.trim().is_empty() {
        errors.push(Problem::Missing {
            field: Field::OrderDate,
        });
        None
    } else {
        match parse_date(&input.order_date) {
            Ok(d) if d > today => {
                errors.push(Problem::InFuture {
                    field: Field::OrderDate,
                    date: d,
                    today,
                });
                None
            }
            Ok(d) => Some(d),
            Err(error) => {
                errors.push(Problem::Date {
                    field: Field::OrderDate,
                    error,
                });
                None
            }
        }
    };

    let fiscal_year = fiscal_year_of(&input.fiscal_year, order_date, &mut errors);
    let members = members(&input.members, &mut errors);

    match (order_date, fiscal_year) {
        (Some(order_date), Some(fiscal_year)) if errors.is_empty() => Ok(CleanOrder {
            order_no,
            order_date,
            fiscal_year,
            members,
        }),
        _ => Err(errors),
    }
}

/// The fiscal year typed (BE, or CE converted), or the order date's; an order may be made
/// ahead for the coming year, but not for a year already past when it was signed.
fn fiscal_year_of(typed: &str, date: Option<Date>, errors: &mut Vec<Problem>) -> Option<i32> {
    let own = date.map(fiscal_year_be);
    if typed.trim().is_empty() {
        return own;
    }
    let year = match parse_int(typed) {
        Ok(y) if (2400..=2700).contains(&y) => y as i32,
        Ok(y) if (1857..2157).contains(&y) => y as i32 + crate::thai::fiscal::BE_OFFSET,
        Ok(_) => {
            errors.push(Problem::NotBuddhistYear {
                field: Field::FiscalYear,
                typed: typed.trim().to_string(),
            });
            return None;
        }
        Err(error) => {
            errors.push(Problem::Number {
                field: Field::FiscalYear,
                error,
            });
            return None;
        }
    };
    let own = own?;
    if year != own && year != own + 1 {
        errors.push(Problem::OrderYear {
            own,
            typed: i64::from(year),
        });
        return None;
    }
    Some(year)
}

fn members(rows: &[MemberInput], errors: &mut Vec<Problem>) -> Vec<CleanMember> {
    let mut out = Vec::new();
    let mut chairs = Vec::new();
    for (i, m) in rows.iter().enumerate() {
        if m.is_blank() {
            continue;
        }
        let row = i + 1;
        let name = m.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let position = m.position.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.push(Problem::Member {
                row,
                problem: MemberProblem::NoName,
            });
        } else if name.chars().count() > MAX_TEXT || position.chars().count() > MAX_TEXT {
            errors.push(Problem::Member {
                row,
                problem: MemberProblem::TooLong { max: MAX_TEXT },
            });
        }
        let role = if m.role.trim().is_empty() {
            errors.push(Problem::Member {
                row,
                problem: MemberProblem::NoRole,
            });
            None
        } else {
            let r = MemberRole::parse(&m.role);
            if r.is_none() {
                errors.push(Problem::Member {
                    row,
                    problem: MemberProblem::UnknownRole {
                        typed: m.role.trim().to_string(),
                    },
                });
            }
            r
        };
        if role == Some(MemberRole::Chair) {
            chairs.push(row);
        }
        if let Some(role) = role {
            out.push(CleanMember {
                name,
                position,
                role,
            });
        }
    }
    if rows.iter().all(MemberInput::is_blank) {
        errors.push(Problem::NoMembers);
    } else if chairs.is_empty() {
        errors.push(Problem::NoChair);
    } else if chairs.len() > 1 {
        errors.push(Problem::ChairsMany { rows: chairs });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn words(ps: Vec<Problem>) -> Vec<String> {
        ps.iter()
            .map(|p| p.message(crate::i18n::Lang::Th))
            .collect()
    }

    fn member(name: &str, role: &str) -> MemberInput {
        MemberInput {
            name: name.into(),
            position: String::new(),
            role: role.into(),
        }
    }

    fn order(no: &str, date: &str, members: Vec<MemberInput>) -> OrderInput {
        OrderInput {
            order_no: no.into(),
            order_date: date.into(),
            fiscal_year: String::new(),
            members,
        }
    }

    const TODAY: Date = date!(2024 - 03 - 15);

    #[test]
    fn reads_thai_digits_and_buddhist_dates() {
        let ok = check(
            &order(
                " ๑๒/๒๕๖๖ ",
                "๑๕ ธ.ค. ๖๖",
                vec![
                    member("นายสมชาย  ใจดี", "ประธาน"),
                    MemberInput::default(),
                    member("นางสมศรี มีสุข", "member_secretary"),
                ],
            ),
            TODAY,
        )
        .unwrap();
        assert_eq!(ok.order_no, "12/2566");
        assert_eq!(ok.order_date, date!(2023 - 12 - 15));
        assert_eq!(ok.fiscal_year, 2567);
        assert_eq!(ok.members.len(), 2);
        assert_eq!(ok.members[0].name, "นายสมชาย ใจดี");
        assert_eq!(ok.members[1].role, MemberRole::MemberSecretary);
    }

    #[test]
    fn fiscal_year_may_be_the_next_but_not_a_past_one() {
        let mut o = order("1/2567", "20/09/2567", vec![member("ก", "chair")]);
        o.fiscal_year = "๒๕๖๘".into();
        assert_eq!(check(&o, date!(2024 - 09 - 25)).unwrap().fiscal_year, 2568);
        o.fiscal_year = "2024".into();
        assert_eq!(check(&o, date!(2024 - 09 - 25)).unwrap().fiscal_year, 2567);
        o.fiscal_year = "2566".into();
        let e = words(check(&o, date!(2024 - 09 - 25)).unwrap_err());
        assert!(e[0].starts_with("ปีงบประมาณ"), "{e:?}");
    }

    #[test]
    fn every_problem_is_named_with_its_field_and_row() {
        let e = check(
            &order(
                "  ",
                "31/02/2567",
                vec![
                    member("นายหนึ่ง", "chair"),
                    MemberInput::default(),
                    member("", "member"),
                    member("นายสี่", "ประธาน"),
                    member("นายห้า", "หัวหน้า"),
                ],
            ),
            TODAY,
        )
        .map_err(words)
        .unwrap_err();
        assert_eq!(e.len(), 5, "{e:?}");
        assert_eq!(e[0], "เลขที่คำสั่ง: ไม่ได้กรอก");
        assert!(e[1].starts_with("วันที่ของคำสั่ง: “31/02/2567”"), "{}", e[1]);
        assert_eq!(e[2], "กรรมการแถวที่ 3: ไม่ได้กรอกชื่อ-นามสกุล");
        assert_eq!(e[3], "กรรมการแถวที่ 5: ไม่รู้จักบทบาท “หัวหน้า”");
        assert_eq!(e[4], "รายชื่อกรรมการ: มีประธานมากกว่า 1 คน (แถวที่ 1, 4)");
    }

    #[test]
    fn refuses_future_dates_missing_chairs_and_empty_lists() {
        let e = check(
            &order("1", "16/03/2567", vec![member("ก", "member")]),
            TODAY,
        )
        .map_err(words)
        .unwrap_err();
        assert!(e[0].contains("ยังมาไม่ถึง"), "{e:?}");
        assert_eq!(e[1], "รายชื่อกรรมการ: ไม่มีประธาน (ต้องมีประธาน 1 คน)");
        let e = check(
            &order("1", "15/03/2567", vec![MemberInput::default()]),
            TODAY,
        )
        .map_err(words)
        .unwrap_err();
        assert_eq!(e, ["รายชื่อกรรมการ: ยังไม่ได้กรอกรายชื่อ"]);
        let e = words(check(&order("1", "", vec![member("ก", "chair")]), TODAY).unwrap_err());
        assert_eq!(e, ["วันที่ของคำสั่ง: ไม่ได้กรอก"]);
    }
}
