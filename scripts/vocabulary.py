#!/usr/bin/env python3
"""Derives the generator's project-title vocabulary (data/vocabulary/project_titles.csv) from the
real titles in ../shared/data/projects/: the national budget bill's local line items (FY2565) and
one tambon LAO's local development plan. Location words are cut off (the generator adds the
village), agency-only items (hospitals, universities, offices) are left out, and each title gets
a development dimension from its budget plan. Run from the repository root."""
import csv, re, sys, collections

SRC = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/projects"
OUT = "data/vocabulary/project_titles.csv"

# a budget plan's words → the dimension of ONEPLAN.md
DIMENSIONS = [
    ("environment", ["น้ำ", "สิ่งแวดล้อม", "ทรัพยากรธรรมชาติ", "ป่า"]),
    ("security", ["มั่นคง", "ยาเสพติด", "ภัย", "ความสงบ"]),
    ("administration", ["กระจายอำนาจ", "บริหาร", "ภาครัฐ"]),
    ("society", ["สุขภาวะ", "การศึกษา", "ทรัพยากรมนุษย์", "สังคม", "ผู้สูงอายุ", "ศาสนา", "กีฬา"]),
    ("economy", ["แข่งขัน", "เศรษฐกิจ", "เกษตร", "ท่องเที่ยว", "คมนาคม", "โครงสร้างพื้นฐาน", "จังหวัด", "โยธา", "อุตสาหกรรม"]),
]
# titles a village or tambon forum raises: roads, water, light, markets, training, health
COMMUNITY = ["ถนน", "ขุดลอก", "ฝาย", "ประปา", "บ่อ", "สระ", "ลำเหมือง", "คลอง", "ระบบน้ำ", "ไฟฟ้า", "ไฟถนน",
             "โคมไฟ", "ท่อ", "รางระบายน้ำ", "สะพาน", "ศาลา", "ตลาด", "ลาน", "อาชีพ", "ฝึกอบรม", "ส่งเสริม",
             "พัฒนา", "ปรับปรุง", "ซ่อมแซม", "ก่อสร้าง", "ผู้สูงอายุ", "เด็ก", "สุขภาพ", "กีฬา", "ป้องกัน",
             "เกษตร", "ปลูก", "ขยะ", "แหล่งน้ำ", "ชลประทาน", "ท่องเที่ยว", "วิสาหกิจ"]
AGENCY = ["โรงพยาบาล", "มหาวิทยาลัย", "วิทยาลัย", "สำนักงาน", "คณะ", "ครุภัณฑ์", "เครื่อง", "ระบบครุภัณฑ์",
          "ห้องปฏิบัติการ", "ทหาร", "กองบิน", "ศาล", "เรือนจำ", "สถานี", "ชุดฝึก", "ชุดปฏิบัติการ"]
CUT = re.compile(r"\s+(ตำบล|ต\.|อำเภอ|อ\.|จังหวัด|จ\.|หมู่ที่|ม\.|บ้าน|ระยะทาง|ขนาด|กว้าง|ความยาว|ปริมาณ|จำนวน)")


def dimension(plan):
    for code, words in DIMENSIONS:
        if any(w in plan for w in words):
            return code
    return "society"


def clean(title):
    title = re.sub(r"\s+", " ", title.replace("\n", " ")).strip().strip('"')
    title = CUT.split(title)[0].strip()
    title = re.sub(r"\s*\d[\d,\.]*\s*(แห่ง|ชุด|เครื่อง|ระบบ|หลัง|รายการ|คัน|จุด)?$", "", title).strip()
    return title


rows = collections.OrderedDict()
for r in csv.DictReader(open(f"{SRC}/budget2565_local_items.csv", encoding="utf-8")):
    t = clean(r["item_description"])
    if not (12 <= len(t) <= 90) or any(w in t for w in AGENCY) or not any(w in t for w in COMMUNITY):
        continue
    try:
        amount = int(float(r["amount_thb"]))
    except ValueError:
        continue
    rows.setdefault(t, (dimension(r["budget_plan"]), amount, "budget2565"))
for r in csv.DictReader(open(f"{SRC}/lao_plan_sample_mae_sai_tao_phayao_2566-2570_add3.csv", encoding="utf-8")):
    t = clean(r["project_title"])
    amounts = [int(float(r[k].replace(",", ""))) for k in ("b2566", "b2567", "b2568", "b2569", "b2570")
               if r[k].strip() and r[k].strip() not in "-"]
    if len(t) >= 8:
        rows.setdefault(t, (dimension(r["work_plan"]), max(amounts or [100000]), "lao_plan_mae_sai"))

with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["title", "dimension", "amount_baht", "source"])
    for t, (d, a, s) in rows.items():
        w.writerow([t, d, a, s])
print(f"{OUT}: {len(rows)} titles", collections.Counter(d for d, _, _ in rows.values()))
