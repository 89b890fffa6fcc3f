#!/usr/bin/env python3
"""Builds data/projects/duplicate_pairs.csv: labelled pairs of Thai project titles for measuring
duplicate detection (label 1 = the same work written two ways, 0 = different works), with the
case each pair illustrates. Standard library only; deterministic (SEED). Run from anywhere:

    python3 scripts/duplicate_pairs.py [SHARED_PROJECTS_DIR]

SHARED_PROJECTS_DIR defaults to ../shared/data/projects beside the repository (the FY2565 budget
bill's local line items, budget2565_local_items.csv). How the set is built, case by case, is in
data/projects/duplicate_pairs.md.

The titles are village-plan style titles made from real data: a work phrase as it occurs in a
budget item (or in the อบต.แม่ใส ผ.02 sample), shortened to the work itself, placed in the tambon
the item names (its tambon_code_guess, checked against the item's text) and in a real village of
that tambon (data/areas/villages.csv: the item's own หมู่ที่ when it names one there). Every pair
is rendered from one structured title, so that a positive differs only by the variation of its
case, and a hard negative by the one thing that makes it another work (in three of ten, its
second title is also written another way, as a positive's would be).
"""
import collections
import csv
import os
import random
import re
import sys

# ONEPLAN_PAIRS_SEED and ONEPLAN_PAIRS_OUT draw another set of the same kind elsewhere (a
# held-out check: the decision rules were revised after reading the misses on this one)
SEED = int(os.environ.get("ONEPLAN_PAIRS_SEED", "2565"))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "projects")
BUDGET = os.path.join(SHARED, "budget2565_local_items.csv")
SAMPLE = os.path.join(ROOT, "data", "projects", "budget2565_titles_sample.txt")
LAO_PLAN = os.path.join(ROOT, "data", "projects", "lao_plan_sample_mae_sai_tao_phayao_2566-2570_add3.csv")
VILLAGES = os.path.join(ROOT, "data", "areas", "villages.csv")
AREAS = os.path.join(ROOT, "data", "areas", "admin_areas.csv")
ABBREVIATIONS = os.path.join(ROOT, "src", "thai", "abbreviations.csv")
OUT = os.environ.get("ONEPLAN_PAIRS_OUT") or os.path.join(ROOT, "data", "projects", "duplicate_pairs.csv")

PER_CASE = 45
POSITIVE = ["abbreviation", "digits", "order", "prefix", "spacing", "typo", "combined"]
NEGATIVE = ["other_village", "other_quantity", "other_place", "other_work", "unrelated"]
# share of hard negatives (not `unrelated`) whose second title is also written another way
# (abbreviated, Thai digits, a prefix, …), so that a matcher must see through the writing and
# still keep the two apart
NEG_SURFACE = 0.3

# --- the work phrases --------------------------------------------------------------------------
# (phrase, family, quantity spec, may take a leading โครงการ/กิจกรรม)
# "|" marks a word boundary written without a space (the spacing case may put one there).
# A pair of `other_work` joins two works whose families do not meet.
# Quantity spec: a list of (label, unit, values); a value is taken from the item's own text when
# it gives that label and unit, else drawn from the values (the kinds of sizes the items give).
ROAD_DIMS = [("กว้าง", "เมตร", ["4", "5", "6"]),
             ("ยาว", "เมตร", ["120", "250", "400", "500", "850", "1,000", "1,200", "1,300", "1,500", "2,100"])]
KM = [("ระยะทาง", "กิโลเมตร", ["1.150", "2.100", "2.600", "3.500", "4.186"])]
RAI = [("พื้นที่", "ไร่", ["200", "300", "500", "650", "1,000", "1,300", "1,500", "2,000"])]
RAI_BENEFIT = [("พื้นที่รับประโยชน์", "ไร่", ["200", "300", "500", "765", "1,000", "1,300", "1,500", "2,000"])]
BANK = [("ความยาว", "เมตร", ["89", "120", "150", "200", "300", "470", "500", "1,200"])]
SOIL = [("ปริมาตรดินขุด", "ลูกบาศก์เมตร", ["3,588", "12,500", "25,000", "48,000", "150,890"])]
WEIR_H = [("ความสูง", "เมตร", ["1.50", "2.00", "2.50", "3.00"])]
WEIR_L = [("สันฝายยาว", "เมตร", ["8", "12", "15", "20"])]
PIPE = [("ระยะทาง", "เมตร", ["300", "800", "1,200", "2,500", "4,186"])]
DRAIN = [("ยาว", "เมตร", ["60", "120", "200", "350", "760", "1,050"])]
POLES = [("จำนวน", "ต้น", ["10", "15", "20", "30"])]
AREA_M2 = [("พื้นที่", "ตารางเมตร", ["400", "800", "1,200", "1,920"])]

WORKS = [
    ("ก่อสร้าง|ถนน|คอนกรีตเสริมเหล็ก", {"road"}, ROAD_DIMS, True),
    ("ปรับปรุง|ถนน|คอนกรีตเสริมเหล็ก", {"road"}, ROAD_DIMS, True),
    ("ก่อสร้าง|ถนน|ลาดยาง|แอสฟัลติกคอนกรีต", {"road"}, KM, True),
    ("ซ่อมสร้าง|ถนน|ลาดยาง", {"road"}, KM, True),
    ("ปรับปรุง|ถนน|หินคลุก|สาย|การเกษตร", {"road"}, ROAD_DIMS[1:], True),
    ("ซ่อมแซม|ทาง|สาธารณะ|ประโยชน์", {"road"}, [], True),
    ("ก่อสร้าง|ถนน|คอนกรีตเสริมเหล็ก พร้อม|วางท่อ|ระบายน้ำ|คอนกรีตเสริมเหล็ก", {"road", "drainage"}, ROAD_DIMS[1:], True),
    ("ก่อสร้าง|สะพาน|คอนกรีตเสริมเหล็ก", {"bridge"}, [("ยาว", "เมตร", ["8", "12", "15", "24"])], True),
    ("ก่อสร้าง|ระบบ|กระจายน้ำ|ด้วย|พลังงาน|แสงอาทิตย์", {"irrigation"}, [], True),
    ("อนุรักษ์|ฟื้นฟู|แหล่งน้ำ|พร้อม|ระบบ|กระจายน้ำ", {"irrigation", "water_source", "dredge"}, [], True),
    ("พัฒนา|น้ำบาดาล|เพื่อ|การเกษตร|แปลงใหญ่", {"groundwater", "irrigation"}, RAI, True),
    ("ก่อสร้าง|สถานี|สูบน้ำ|ด้วย|ไฟฟ้า|พร้อม|ระบบ|ส่งน้ำ", {"irrigation"}, RAI_BENEFIT, True),
    ("ปรับปรุง|ระบบ|ส่งน้ำ", {"irrigation"}, KM, True),
    ("ก่อสร้าง|ฝาย|ทดน้ำ", {"weir"}, WEIR_L, True),
    ("ก่อสร้าง|ฝาย|น้ำล้น|คอนกรีตเสริมเหล็ก", {"weir"}, WEIR_H, True),
    ("ก่อสร้าง|ฝาย|แกนดิน|ซีเมนต์|ชั่วคราว", {"weir"}, WEIR_L, True),
    ("ปรับปรุง|ฝาย", {"weir"}, [], True),
    ("ขุดลอก|ลำห้วย", {"dredge"}, SOIL, True),
    ("ขุดลอก|แก้มลิง", {"dredge", "pond"}, SOIL, True),
    ("ขุดลอก|คลอง", {"dredge"}, SOIL, True),
    ("ปรับปรุง|ซ่อมแซม|อ่างเก็บน้ำ", {"reservoir", "water_source"}, [], True),
    ("ซ่อมแซม|แหล่งน้ำ", {"water_source", "dredge", "weir", "reservoir", "pond"}, [], True),
    ("วางท่อ|ประปา", {"water_supply"}, PIPE, True),
    ("งาน|วางท่อ|ขยายเขต|จำหน่ายน้ำ", {"water_supply"}, PIPE, False),
    ("ปรับปรุง|ระบบ|ผลิตน้ำ|ประปา", {"water_supply"}, [], True),
    ("ก่อสร้าง|เขื่อน|ป้องกัน|ตลิ่ง", {"bank"}, BANK, True),
    ("ก่อสร้าง|ท่อ|ระบายน้ำ", {"drainage"}, DRAIN, True),
    ("ก่อสร้าง|ทาง|ระบายน้ำ", {"drainage"}, DRAIN, True),
    ("ปรับปรุง|ระบบ|ระบายน้ำ", {"drainage"}, [], True),
    ("ปรับปรุง|ระบบ|ราง|ระบายน้ำ", {"drainage"}, DRAIN, True),
    ("ติดตั้ง|ไฟฟ้า|แสงสว่าง", {"light"}, POLES, True),
    ("ติดตั้ง|ไฟ|ส่องสว่าง|โซลาเซลล์", {"light"}, POLES, True),
    ("จัดซื้อ|โคมไฟ|ถนน|ระบบ|พลังงาน|แสงอาทิตย์", {"light"}, [("ขนาด", "วัตต์", ["2,400", "4,800", "5,000"])], True),
    ("ส่งเสริม|ความรู้|ด้าน|สุขาภิบาล|อาหาร", {"training"}, [], True),
    ("ส่งเสริม|เครือข่าย|คุ้มครอง|ผู้บริโภค|ด้าน|ผลิตภัณฑ์|อาหาร|และ|สุขภาพ", {"training"}, [], True),
    ("ก่อสร้าง|ลาน|วัฒนธรรม", {"culture", "tourism"}, AREA_M2, True),
    ("ปรับปรุง|สนาม|ฟุตบอล", {"sport"}, [], True),
    ("พัฒนา|แหล่ง|ท่องเที่ยว", {"tourism"}, [], True),
    ("ปรับปรุง|อาคาร|อเนกประสงค์", {"building"}, [], True),
]
# training-like works are activities: their prefix is กิจกรรม as often as โครงการ
ACTIVITY = {"training"}
ROWS_PER_WORK = 3     # items a phrase is placed from, at most
LAO_VILLAGES = 2      # villages of อบต.แม่ใส a phrase of its plan is placed in

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
UNIT_SHORT = {"เมตร": "ม.", "กิโลเมตร": "กม.", "ลูกบาศก์เมตร": "ลบ.ม.", "ตารางเมตร": "ตร.ม."}
CONSONANT = re.compile(r"[ก-ฮ]")
MARK = set(chr(c) for c in [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])
LEADING = set("เแโใไ")
TONES = "่้๊๋"
THAI = re.compile(r"[\u0E00-\u0E7F]")


def squash(text):
    """What a phrase is looked up by: abbreviations spelled out, spaces removed."""
    text = text.replace("ค.ส.ล.", "คอนกรีตเสริมเหล็ก").replace("คสล.", "คอนกรีตเสริมเหล็ก")
    return re.sub(r"\s+", "", text)


# --- reference data ----------------------------------------------------------------------------
def load_abbreviations():
    table = {}
    for r in csv.DictReader(open(ABBREVIATIONS, encoding="utf-8")):
        table.setdefault((r["full"], r["when"]), []).append(r["short"])
    return table


def load_areas():
    areas = {r["code"]: r for r in csv.DictReader(open(AREAS, encoding="utf-8"))}
    villages = collections.defaultdict(list)
    for r in csv.DictReader(open(VILLAGES, encoding="utf-8")):
        name = r["name_th"].strip()
        if r["obsolete"].strip() or not re.fullmatch(r"บ้าน[ก-์]+", name) or not r["moo"].isdigit():
            continue
        villages[r["tambon_code"]].append((int(r["moo"]), name))
    for v in villages.values():
        v.sort()
    return areas, villages


def tambon_names(areas, code):
    t = areas[code]
    a = areas[t["parent_code"]]
    p = areas[a["parent_code"]]
    return t["name_th"], a["name_th"], p["name_th"]


# --- titles ------------------------------------------------------------------------------------
class Base:
    """One work in one place: what every title of a pair is rendered from."""

    def __init__(self, work, family, spec, prefixable, tambon, moo, ban, names, qty, source):
        self.work, self.family, self.spec, self.prefixable = work, family, spec, prefixable
        self.tambon, self.moo, self.ban, self.names, self.qty = tambon, moo, ban, names, qty
        self.source = source

    def copy(self, **kw):
        b = Base(self.work, self.family, self.spec, self.prefixable, self.tambon, self.moo,
                 self.ban, self.names, list(self.qty), self.source)
        for k, v in kw.items():
            setattr(b, k, v)
        return b


QTY_RE = r"{label}\s*(?:ไม่น้อยกว่า|ประมาณ|รวม|เฉลี่ย)?\s*(\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:{unit}(?![ก-๙])|{short})"


def quantities(spec, text, rng):
    qty = []
    for label, unit, values in spec:
        short = re.escape(UNIT_SHORT.get(unit, unit))
        m = re.search(QTY_RE.format(label=label, unit=unit, short=short), text)
        value = m.group(1) if m else rng.choice(values)
        if value.replace(",", "").replace(".", "").strip("0") == "":
            value = rng.choice(values)
        qty.append((label, value, unit))
    return qty


def build_bases(rng, areas, villages):
    items = list(csv.DictReader(open(BUDGET, encoding="utf-8")))
    lao = list(csv.DictReader(open(LAO_PLAN, encoding="utf-8")))
    bases = []
    for work, family, spec, prefixable in WORKS:
        key = squash(work.replace("|", ""))
        found = []
        for r in items:
            text = re.sub(r"\s+", " ", r["item_description"]).strip()
            code = r["tambon_code_guess"]
            if key in squash(text) and code in areas and villages.get(code) and not code.startswith("10"):
                found.append((r["item_id"], code, text))
        for r in lao:
            if key in squash(r["project_title"]):
                found.append(("lao_plan:row%s" % r["row"], r["tambon_code"], r["project_title"] + " " + r["target"]))
        if not found:
            raise SystemExit("work phrase not found in the sources: " + work.replace("|", ""))
        rng.shuffle(found)
        # one place per budget item; the LAO plan is one tambon, so a few of its villages
        budget = [f for f in found if not f[0].startswith("lao_plan:")]
        lao_rows = [f for f in found if f[0].startswith("lao_plan:")]
        chosen = budget[:ROWS_PER_WORK] + (lao_rows[:1] * LAO_VILLAGES if lao_rows and not budget else [])
        used = set()
        for source, code, text in chosen:
            vs = villages[code]
            m = re.search(r"หมู่ที่\s*(\d+)", text)
            own = [v for v in vs if m and v[0] == int(m.group(1))]
            choices = [v for v in (own or vs) if (code, v[0]) not in used] or vs
            moo, ban = own[0] if own and (code, own[0][0]) not in used else rng.choice(choices)
            used.add((code, moo))
            bases.append(Base(work, family, spec, prefixable, code, moo, ban,
                              tambon_names(areas, code), quantities(spec, text, rng), source))
    return bases


STYLES = {
    "moo_ban": ["work", "qty", "moo", "ban"],
    "ban_moo": ["work", "ban", "moo", "qty"],
    "ban_moo_tambon": ["work", "ban", "moo", "tambon"],
    "moo_tambon": ["work", "qty", "moo", "tambon"],
    "moo_full": ["work", "qty", "moo", "tambon", "amphoe", "changwat"],
    "ban_moo_full": ["work", "ban", "moo", "tambon", "amphoe", "changwat"],
}
PLACE = {"moo", "ban", "tambon", "amphoe", "changwat", "road"}


def fmt_number(value, sep):
    whole, _, frac = value.replace(",", "").partition(".")
    if sep:
        whole = "{:,}".format(int(whole))
    return whole + ("." + frac if frac else "")


class Writing:
    """How a title is written: the variations the positive cases are made of."""

    def __init__(self, **kw):
        self.abbrev = set()       # concrete, moo, tambon, amphoe, changwat, unit
        self.concrete = "คสล."    # which short form of คอนกรีตเสริมเหล็ก
        self.moo_space = False    # ม. 3 rather than ม.3
        self.thai_digits = False
        self.sep = True           # thousands separators
        self.kind = ""            # โครงการ / กิจกรรม
        self.kind_space = False
        self.split = 0.0          # share of word boundaries in the work given a space
        self.join = False         # spaces between Thai words removed
        self.join_digits = False  # and between words and numbers
        self.order = None         # swap_moo_ban, qty_first, qty_last, place_first
        self.typo = None          # (kind, index) applied to the work
        for k, v in kw.items():
            setattr(self, k, v)

    def copy(self, **kw):
        w = Writing(**self.__dict__)
        w.abbrev = set(self.abbrev)
        for k, v in kw.items():
            setattr(w, k, v)
        return w


def number(value, w):
    s = fmt_number(value, w.sep)
    return s.translate(THAI_DIGITS) if w.thai_digits else s


def render_work(base, w, rng_split):
    parts = base.work.split("|")
    out = parts[0]
    for p in parts[1:]:
        out += (" " if rng_split.random() < w.split else "") + p
    if w.typo:
        out = apply_typo(out, *w.typo)
    if "concrete" in w.abbrev:
        out = re.sub(r"\s*คอนกรีตเสริมเหล็ก\s*", " " + w.concrete + " ", out).strip()
        out = re.sub(r"\s+", " ", out)
    return out


def render(base, w, style, road=None):
    """The title of `base` written as `w` says, its parts in `style`'s order."""
    split_rng = random.Random(hash_text(base.work + style + str(w.split)))
    t, a, p = base.names
    pieces = {}
    pieces["work"] = render_work(base, w, split_rng)
    if base.qty:
        q = []
        for label, value, unit in base.qty:
            u = UNIT_SHORT.get(unit, unit) if "unit" in w.abbrev else unit
            q.append("%s %s %s" % (label, number(value, w), u))
        pieces["qty"] = " ".join(q)
    if base.moo is not None:   # the pairs about named places name no village number
        moo = number(str(base.moo), w)
        pieces["moo"] = ("ม. " if w.moo_space else "ม.") + moo if "moo" in w.abbrev else "หมู่ที่ " + moo
    pieces["ban"] = base.ban
    pieces["tambon"] = ("ต." if "tambon" in w.abbrev else "ตำบล") + t
    pieces["amphoe"] = ("อ." if "amphoe" in w.abbrev else "อำเภอ") + a
    pieces["changwat"] = ("จ." if "changwat" in w.abbrev else "จังหวัด") + p
    if road:
        pieces["road"] = road
    order = [k for k in STYLES[style] if k in pieces]
    if road and "road" not in order:
        order.insert(1, "road")
    if w.order == "swap_moo_ban" and "moo" in order and "ban" in order:
        i, j = order.index("moo"), order.index("ban")
        order[i], order[j] = order[j], order[i]
    elif w.order in ("qty_first", "qty_last"):
        order.remove("qty")
        order.insert(1, "qty") if w.order == "qty_first" else order.append("qty")
    elif w.order == "place_first":
        place = [k for k in order if k in PLACE]
        order = place + [k for k in order if k not in PLACE]
    text = " ".join(pieces[k] for k in order)
    if w.kind:
        text = w.kind + (" " if w.kind_space else "") + text
    if w.join:
        text = re.sub(r"(?<=[ก-์]) +(?=[ก-์])", "", text)
        if w.join_digits:
            text = re.sub(r"(?<=[ก-์]) +(?=[0-9๐-๙])|(?<=[0-9๐-๙]) +(?=[ก-์])", "", text)
    return re.sub(r" +", " ", text).strip()


def hash_text(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % (1 << 61)
    return h


def qty_big(base):
    return any(int(fmt_number(v, False).split(".")[0]) >= 1000 for _, v, _ in base.qty)


# --- typos -------------------------------------------------------------------------------------
def typo_sites(work):
    """Where one typo can go in a work phrase ("|" marks its words), and of which kind. A letter
    is dropped only inside a word, never its first or last (ฝาย → ฝา would be another word)."""
    text, ends = "", set()
    for ch in work + "|":
        if ch in "| ":
            ends.add(len(text) - 1)
        if ch != "|":
            text += ch
    text = text[:len(work.replace("|", ""))]
    sites = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        prv = text[i - 1] if i else ""
        if ch == "แ":
            sites.append(("double_ae", i))
        if ch in TONES:
            sites.append(("drop_tone", i))
            if ch in "่้":
                sites.append(("swap_tone", i))
        if CONSONANT.match(ch) and i > 0 and THAI.match(prv) and prv not in LEADING and nxt not in MARK:
            if i not in ends and i - 1 not in ends and prv not in TONES:
                sites.append(("drop_letter", i))
            if nxt in ("", " ") or CONSONANT.match(nxt):
                sites.append(("repeat_letter", i))
    return sites


def apply_typo(text, kind, i):
    ch = text[i]
    if kind == "double_ae":
        return text[:i] + "เเ" + text[i + 1:]
    if kind == "drop_tone" or kind == "drop_letter":
        return text[:i] + text[i + 1:]
    if kind == "swap_tone":
        return text[:i] + ("้" if ch == "่" else "่") + text[i + 1:]
    if kind == "repeat_letter":
        return text[:i] + ch + text[i:]
    raise ValueError(kind)


# --- the cases ---------------------------------------------------------------------------------
class Builder:
    def __init__(self, rng, bases, areas, villages, abbreviations):
        self.rng, self.bases, self.areas, self.villages = rng, bases, areas, villages
        self.abbreviations = abbreviations
        self.pairs, self.seen = [], set()
        # what each pair's variation was, counted per case for the summary (not in the CSV)
        self.pending, self.tags = [], collections.Counter()
        # each case draws bases in its own shuffled cycle, so the works spread over the cases
        self.cycles = {}

    def draw(self, case, ok=lambda b: True):
        cycle = self.cycles.setdefault(case, [])
        for _ in range(3 * len(self.bases)):
            if not cycle:
                cycle.extend(self.rng.sample(self.bases, len(self.bases)))
            b = cycle.pop()
            if ok(b):
                return b
        raise SystemExit("no base fits case " + case)

    def tag(self, *tags):
        self.pending += tags

    def add(self, a, b, label, case):
        tags, self.pending = self.pending, []
        if a == b or (a, b) in self.seen or (b, a) in self.seen:
            return False
        if self.rng.random() < 0.5:
            a, b = b, a
        self.seen.add((a, b))
        self.pairs.append((a, b, label, case))
        for t in tags:
            self.tags[(case, t)] += 1
        return True

    def count(self, case):
        return sum(1 for p in self.pairs if p[3] == case)

    def style(self, base, need=(), avoid=()):
        names = [s for s, parts in STYLES.items()
                 if all(n in parts for n in need) and not any(n in parts for n in avoid)
                 and (base.qty or "qty" not in need)]
        return self.rng.choice(names)

    def plain(self):
        return Writing(sep=self.rng.random() < 0.8)

    def kind_for(self, base):
        if not base.prefixable:
            return ""
        if base.family & ACTIVITY and self.rng.random() < 0.6:
            return "กิจกรรม"
        return "โครงการ"

    def surface(self, base, w):
        """A positive's variation, for the second title of a hard negative."""
        pick = self.rng.choice(["abbrev", "digits", "prefix", "spacing"])
        w = w.copy()
        if pick == "abbrev":
            w.abbrev |= {"moo", "tambon", "concrete", "unit"}
        elif pick == "digits":
            w.thai_digits = True
        elif pick == "prefix" and base.prefixable and not w.kind:
            w.kind = self.kind_for(base)
        else:
            pick = "spacing"
            w.split = 0.5
        self.tag("second title also: " + pick)
        return w

    # positives ---------------------------------------------------------------------------
    def abbreviation(self):
        n = self.count("abbreviation")
        concrete = n % 3 == 0   # a third of the pairs are about คอนกรีตเสริมเหล็ก, in its three short forms
        base = self.draw("abbreviation_concrete" if concrete else "abbreviation",
                         lambda b: "คอนกรีตเสริมเหล็ก" in b.work if concrete else True)
        style = self.style(base)
        parts = STYLES[style]
        options = ["moo"] + [p for p in ("tambon", "amphoe", "changwat") if p in parts]
        if "คอนกรีตเสริมเหล็ก" in base.work:
            options += ["concrete", "concrete"]
        if base.qty and "qty" in parts and any(u in UNIT_SHORT for _, _, u in base.qty):
            options.append("unit")
        k = self.rng.randint(1, min(3, len(set(options))))
        chosen = {"concrete"} if concrete else set()
        while len(chosen) < k:
            chosen.add(self.rng.choice(options))
        forms = self.abbreviations[("คอนกรีตเสริมเหล็ก", "")]
        a = self.plain()
        b = a.copy(abbrev=chosen, concrete=forms[(n // 3) % len(forms)] if concrete else self.rng.choice(forms),
                   moo_space=self.rng.random() < 0.3)
        for key in sorted(chosen):
            if key == "concrete" and "คอนกรีตเสริมเหล็ก" in base.work:
                self.tag("คอนกรีตเสริมเหล็ก -> " + b.concrete)
            elif key == "moo":
                self.tag("หมู่ที่ N -> " + ("ม. N" if b.moo_space else "ม.N"))
            elif key == "unit":
                self.tag("unit -> " + "/".join(sorted({UNIT_SHORT[u] for _, _, u in base.qty if u in UNIT_SHORT})))
            elif key in ("tambon", "amphoe", "changwat"):
                self.tag({"tambon": "ตำบล -> ต.", "amphoe": "อำเภอ -> อ.", "changwat": "จังหวัด -> จ."}[key])
        self.add(render(base, a, style), render(base, b, style), 1, "abbreviation")

    def digits(self):
        want_big = self.count("digits") % 2 == 0
        base = self.draw("digits", lambda b: qty_big(b) if want_big else True)
        style = self.style(base, need=("qty",) if base.qty else ())
        a = Writing(sep=self.rng.random() < 0.7)
        b = a.copy(thai_digits=True, sep=self.rng.random() < 0.5)
        if self.rng.random() < 0.2:   # the village number abbreviated on both sides: ม.3 ↔ ม.๓
            a.abbrev.add("moo")
            b.abbrev.add("moo")
            self.tag("ม.3 <-> ม.๓")
        if qty_big(base) and "qty" in STYLES[style]:
            self.tag("a number of 1,000 or more")
        if a.sep != b.sep:
            self.tag("thousands separator on one side only")
        self.add(render(base, a, style), render(base, b, style), 1, "digits")

    def order(self):
        base = self.draw("order")
        style = self.style(base, need=("ban",) if self.rng.random() < 0.4 else ())
        parts = STYLES[style]
        moves = ["place_first"]
        if "ban" in parts and "moo" in parts:
            moves.append("swap_moo_ban")
        if base.qty and "qty" in parts:
            moves.append("qty_last" if parts.index("qty") == 1 else "qty_first")
        a = self.plain()
        b = a.copy(order=self.rng.choice(moves))
        self.tag(b.order)
        self.add(render(base, a, style), render(base, b, style), 1, "order")

    def prefix(self):
        base = self.draw("prefix", lambda b: b.prefixable)
        style = self.style(base)
        a = self.plain()
        b = a.copy(kind=self.kind_for(base), kind_space=self.rng.random() < 0.2)
        self.tag(b.kind + (" + space" if b.kind_space else ""))
        self.add(render(base, a, style), render(base, b, style), 1, "prefix")

    def spacing(self):
        base = self.draw("spacing", lambda b: "|" in b.work)
        style = self.style(base)
        a = self.plain()
        if self.rng.random() < 0.5:
            b = a.copy(split=self.rng.choice([0.3, 0.6, 1.0]))
        else:
            b = a.copy(join=True, join_digits=self.rng.random() < 0.5)
        ta, tb = render(base, a, style), render(base, b, style)
        if ta == tb:   # nothing to split drawn: one space at the first boundary
            b = a.copy(split=1.0)
            tb = render(base, b, style)
        self.tag("spaces removed" + (" (also before numbers)" if b.join_digits else "") if b.join
                 else "spaces put between words")
        self.add(ta, tb, 1, "spacing")

    def typo(self):
        # เเ typed for แ is the commonest slip in typed plans: every fourth pair has it
        ae = self.count("typo") % 4 == 0
        base = self.draw("typo_ae" if ae else "typo", lambda b: "แ" in b.work if ae else True)
        style = self.style(base)
        a = self.plain()
        sites = typo_sites(base.work)
        kinds = sorted(set(k for k, _ in sites))
        kind = "double_ae" if ae else self.rng.choice(kinds)
        i = self.rng.choice([j for k, j in sites if k == kind])
        b = a.copy(typo=(kind, i))
        self.tag({"double_ae": "เเ for แ", "drop_tone": "tone mark dropped", "swap_tone": "tone mark swapped",
                  "drop_letter": "letter dropped", "repeat_letter": "letter repeated"}[kind])
        self.add(render(base, a, style), render(base, b, style), 1, "typo")

    def combined(self):
        base = self.draw("combined", lambda b: b.prefixable)
        style = self.style(base)
        parts = STYLES[style]
        short = {"moo", "concrete", "unit"} | {p for p in ("tambon", "amphoe", "changwat") if p in parts}
        kind = self.kind_for(base)
        thai_on_short = self.count("combined") % 3 == 2    # ม.๓ ↔ หมู่ที่ 3
        a = Writing(abbrev=short, concrete=self.rng.choice(self.abbreviations[("คอนกรีตเสริมเหล็ก", "")]),
                    moo_space=self.rng.random() < 0.3, thai_digits=thai_on_short,
                    sep=self.rng.random() < 0.7, kind=kind if self.rng.random() < 0.5 else "")
        b = Writing(thai_digits=not thai_on_short, sep=self.rng.random() < 0.7,
                    kind="" if a.kind else kind)
        self.tag("abbreviated side in Thai digits (ม.๓ <-> หมู่ที่ 3)" if thai_on_short
                 else "abbreviated side in Arabic digits (ม.3 <-> หมู่ที่ ๓)")
        self.add(render(base, a, style), render(base, b, style), 1, "combined")

    # hard negatives ------------------------------------------------------------------------
    def second(self, base, w):
        if self.rng.random() < NEG_SURFACE:
            return self.surface(base, w)
        self.tag("written alike")
        return w

    def other_village(self):
        base = self.draw("other_village", lambda b: len({m for m, _ in self.villages[b.tambon]}) > 1)
        vs = self.villages[base.tambon]
        # a village of the tambon sharing the name (บ้านร่องไฮ หมู่ที่ 1 and 11) keeps the name on both
        twins = [(m, n) for m, n in vs if n == base.ban and m != base.moo]
        if twins and self.rng.random() < 0.7:
            moo, ban = self.rng.choice(twins)
            style = self.style(base, need=("ban", "moo"))
            self.tag("villages of one name, both named")
        else:
            moo, ban = self.rng.choice([(m, n) for m, n in vs if m != base.moo])
            style = self.style(base, need=("moo",), avoid=("ban",))
            self.tag("village number only")
        other = base.copy(moo=moo, ban=ban)
        a = self.plain()
        self.add(render(base, a, style), render(other, self.second(base, a), style), 0, "other_village")

    def other_quantity(self):
        base = self.draw("other_quantity", lambda b: bool(b.qty))
        i = self.rng.randrange(len(base.qty))
        label, value, unit = base.qty[i]
        values = [v for v in dict((l, vs) for l, u, vs in base.spec)[label]
                  if float(v.replace(",", "")) != float(value.replace(",", ""))]
        qty = list(base.qty)
        qty[i] = (label, self.rng.choice(values), unit)
        self.tag("%s (%s)" % (label, unit))
        other = base.copy(qty=qty)
        style = self.style(base, need=("qty",))
        a = self.plain()
        self.add(render(base, a, style), render(other, self.second(base, a), style), 0, "other_quantity")

    def other_place(self):
        kind = self.count("other_place") % 3
        if kind == 2:   # roads, their lights and drains are placed by the road
            base = self.draw("other_place_road", lambda b: b.family & {"road", "light", "drainage"})
        else:
            base = self.draw("other_place")
        a = self.plain()
        names = sorted({n for _, n in self.villages[base.tambon] if n != base.ban})
        if kind == 0:
            # another village of the tambon, no village number on either: บ้านA ↔ บ้านB
            if not names:
                return
            other = base.copy(ban=self.rng.choice(names), moo=None)
            base = base.copy(moo=None)
            style = self.rng.choice(["ban_moo_tambon", "ban_moo", "ban_moo_full"])
            self.tag("another บ้าน of the tambon")
            ta, tb = render(base, a, style), render(other, self.second(base, a), style)
        elif kind == 1:
            # the same หมู่ที่ in a neighbouring tambon of the amphoe
            amphoe = self.areas[base.tambon]["parent_code"]
            sibs = [c for c, r in self.areas.items() if r["parent_code"] == amphoe and r["level"] == "tambon"
                    and c != base.tambon and any(m == base.moo for m, _ in self.villages.get(c, []))]
            if not sibs:
                return
            code = self.rng.choice(sibs)
            other = base.copy(tambon=code, names=tambon_names(self.areas, code),
                              ban=[n for m, n in self.villages[code] if m == base.moo][0])
            style = self.rng.choice(["moo_tambon", "moo_full"])
            self.tag("the same หมู่ที่ in another ตำบล of the อำเภอ")
            ta, tb = render(base, a, style), render(other, self.second(base, a), style)
        else:
            # a road named by the villages it joins: สายบ้านA - บ้านB ↔ สายบ้านA - บ้านC
            if len(names) < 2:
                return
            x, (y, z) = base.ban, self.rng.sample(names, 2)
            if "road" in base.family:
                road = lambda u, v: "สาย%s - %s" % (u, v)
            else:
                road = lambda u, v: "ถนนสาย%s เชื่อม%s" % (u, v)
            base = base.copy(moo=None)
            style = self.rng.choice(["moo_tambon", "moo_full"])
            self.tag("a road (ถนนสาย) joining another บ้าน")
            ta = render(base, a, style, road=road(x, y))
            tb = render(base, self.second(base, a), style, road=road(x, z))
        self.add(ta, tb, 0, "other_place")

    def other_work(self):
        base = self.draw("other_work")
        others = [b for b in self.bases if not (b.family & base.family)]
        pick = self.rng.choice(others)
        other = base.copy(work=pick.work, family=pick.family, prefixable=pick.prefixable, qty=[])
        base = base.copy(qty=[])
        style = self.style(base)
        a = self.plain()
        self.add(render(base, a, style), render(other, self.second(other, a), style), 0, "other_work")

    def unrelated(self, sample):
        if self.count("unrelated") % 2 == 0:
            x, y = self.rng.sample(sample, 2)
            if x[:15] == y[:15]:
                return
            self.tag("two titles of the sample as written")
        else:
            p, q = self.rng.sample(self.bases, 2)
            if p.family & q.family or p.tambon == q.tambon:
                return
            x = render(p, self.plain(), self.style(p))
            y = render(q, self.plain(), self.style(q))
            self.tag("two village-style titles")
        self.add(x, y, 0, "unrelated")


def main():
    rng = random.Random(SEED)
    areas, villages = load_areas()
    abbreviations = load_abbreviations()
    for full, when in [("คอนกรีตเสริมเหล็ก", ""), ("หมู่ที่", "before_number"), ("ตำบล", "before_name"),
                       ("อำเภอ", "before_name"), ("จังหวัด", "before_name"), ("เมตร", "after_number"),
                       ("กิโลเมตร", ""), ("ลูกบาศก์เมตร", ""), ("ตารางเมตร", "")]:
        if (full, when) not in abbreviations:
            raise SystemExit("abbreviations.csv lacks %s (%s)" % (full, when))
    bases = build_bases(rng, areas, villages)
    sample = []
    for line in open(SAMPLE, encoding="utf-8"):
        t = re.sub(r"\s+", " ", line).strip()
        # the sample as written, but only titles without stray Latin letters (PDF-extraction noise)
        if t and len(t) <= 150 and not re.search(r"[A-Za-z]", t):
            sample.append(t)
    builder = Builder(rng, bases, areas, villages, abbreviations)
    for case in POSITIVE + NEGATIVE:
        make = getattr(builder, case)
        tries = 0
        while builder.count(case) < PER_CASE:
            tries += 1
            if tries > 50 * PER_CASE:
                raise SystemExit("could not fill case " + case)
            make(sample) if case == "unrelated" else make()
    for a, b, _, case in builder.pairs:
        assert a != b and "  " not in a + b and a == a.strip() and b == b.strip(), (case, a, b)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["a", "b", "label", "case"])
        out.writerows(builder.pairs)
    counts = collections.Counter((p[3], p[2]) for p in builder.pairs)
    print("%d pairs from %d titles (%d work phrases) -> %s" % (len(builder.pairs), len(bases), len(WORKS),
                                                          os.path.relpath(OUT, ROOT)))
    for case in POSITIVE + NEGATIVE:
        print("  %-15s %d" % (case, counts[(case, 1)] + counts[(case, 0)]))
    print("  label 1: %d, label 0: %d" % (sum(p[2] == 1 for p in builder.pairs), sum(p[2] == 0 for p in builder.pairs)))
    print("variations (a pair may have several):")
    for case in POSITIVE + NEGATIVE:
        for (c, t), n in sorted(builder.tags.items(), key=lambda x: (x[0][0] != case, -x[1], x[0][1])):
            if c == case:
                print("  %-15s %3d  %s" % (case, n, t))


if __name__ == "__main__":
    main()
