"""MergeResult -> the annual report `bao-cao-<year>.docx`, laid out like an administrative
document under Decree 30/2020/NĐ-CP (A4, Times New Roman 13, margins 20/20/30/15 mm,
national motto block, dateline, signature block).

The sentences are those of the seed report's sections I and II with the computed
figures in place, and they follow the data: when not every member contributed
or is recorded the sentence says so and the target reads "không đạt". The
figures come from `tables` only; this module formats and lays out.
"""

from __future__ import annotations

import datetime as dt
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.text.run import Run

from .. import i18n, schema
from ..fileio import atomic_path
from ..fmt import percent
from ..i18n import text as catalogue_text
from ..report_texts import heading_names, texts_of
from ..merge import MergeResult
from .workbook import share_like_others
from ..previous import comparison_table, movement_table
from ..figures import Figures
from ..tables import ReportTable, Share, compute_figures, kpi_results, report_tables

FONT = "Times New Roman"
SIZE = 13
TABLE_SIZE = 12

STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def report_name(year) -> str:
    return f"bao-cao-{year or 'nam'}.docx"


def lunar_year_name(year: int) -> str:
    """2024 -> 'Giáp Thìn': the name of the lunar year whose Tết falls in that calendar year."""
    return f"{STEMS[(year - 4) % 10]} {BRANCHES[(year - 4) % 12]}"


@dataclass
class Line:
    """One paragraph of the body: kind is 'h1', 'h2', 'h3' (headings), 'p' (text) or 'placeholder'
    (a section the committee has not written yet, shown so it is never silently missing)."""

    kind: str
    text: str


# ------------------------------------------------------------------ sentences


def report_lines(result: MergeResult, lang: str = "vi") -> list[Line]:
    """The body of the report, section by section in the schema's order: headings, the sentences
    computed from the data, the committee's own text (or a visible placeholder)."""
    say = _Say(result, lang)
    lines: list[Line] = []
    for section, label in schema.report_outline(say.level):
        heading = f"{label} {section.heading(lang, **say.names)}"
        lines.append(Line(HEADING_KIND[section.level], heading))
        generated = GENERATED[section.key](say) if section.generated else []
        if section.key == "quality" and result.comparison is not None:
            generated += _comparison_lines(result.comparison, lang)
        written = say.written(section) if section.written else []
        lines += (written + generated) if section.written_first else (generated + written)
    return lines


HEADING_KIND = {1: "h1", 2: "h2", 3: "h3"}


def sentence(key: str, lang: str, **params) -> str:
    """A report sentence of the catalogue. Its parameters are already formatted for `lang` (amounts,
    shares, whole clauses), so they go in as they are: a clause's leading space is the sentence's."""
    return catalogue_text(f"report.{key}", lang).format(**params)


class _Say:
    """Everything a sentence needs, and the formats of one language: the report's single structure
    is rendered per language by choosing the catalogue's side and these formats."""

    def __init__(self, result: MergeResult, lang: str) -> None:
        dataset = result.dataset
        self.lang = lang
        self.f = compute_figures(dataset)
        self.kpis = kpi_results(dataset, self.f, lang)
        self.year = dataset.year or 0
        self.level = dataset.level
        self.sector = dataset.level != schema.LEVEL_UNIT
        self.texts = texts_of(dataset.unit)
        self.names = heading_names(dataset.year, self.f.superior_name, lang)

    def __call__(self, key: str, **params) -> str:
        return sentence(key, self.lang, **params)

    def vnd(self, value: int | None) -> str:
        return _money(value, self.lang)

    def pct(self, part: int, whole: int) -> str:
        return _pct(part, whole, self.lang)

    def n2(self, value: int) -> str:
        """Counts below 10 as the seed writes them (02, 09); English writes 2, 9."""
        return self("count2", value=value)

    def who(self, part: int, whole: int) -> str:
        """'100% đoàn viên' or '95,4% đoàn viên (293/307)'."""
        if part == whole:
            return self("who_all", pct=self.pct(part, whole))
        return self("who_part", pct=self.pct(part, whole), part=part, whole=whole)

    def written(self, section: schema.ReportSection) -> list[Line]:
        """The committee's text, a paragraph per line as typed; a visible placeholder when blank."""
        text = self.texts.texts.get(section.key)
        if not text:
            return [Line("placeholder", self("placeholder"))]
        return [Line("p", line) for line in text.split("\n") if line.strip()]


def _quantity(say: _Say) -> list[Line]:
    f = say.f
    n = f.members
    lines = [Line("p", say("members_total", n=n, male=f.male, male_pct=say.pct(f.male, n),
                           female=f.female, female_pct=say.pct(f.female, n)))]
    if say.sector:
        lines.append(Line("p", say("groups_sector", units=f.units, groups=f.union_groups)))
    else:
        lines.append(Line("p", say("groups_unit", groups=f.union_groups)))
    return lines


def _quality(say: _Say) -> list[Line]:
    f, lang = say.f, say.lang
    n = f.members
    share = lambda label, count, count_text=None: say("people_share", label=label,  # noqa: E731
                                                        count=count if count_text is None else count_text,
                                                        pct=say.pct(count, n))
    education = "; ".join(share(_label(schema.GENERAL_EDUCATION, k, lang), v)
                          for k, v in _ordered(schema.GENERAL_EDUCATION, f.general_education))
    lines = [Line("p", say("education", items=education or say("no_data"))), Line("p", say("professional"))]
    for key, count in f.professional_level.items():
        lines.append(Line("p", say("professional_item", label=_label(schema.PROFESSIONAL_LEVEL, key, lang),
                                   count=count, pct=say.pct(count, n))))
    lines.append(Line("p", say("theory")))
    lines.append(Line("p", say("party", count=f.party_members, pct=say.pct(f.party_members, n))))
    # The seed writes the theory levels in one line, counts as 02; the labels are the schema list's.
    parts = [share(_label(schema.POLITICAL_THEORY, k, lang), v, say.n2(v)) for k, v in f.political_theory.items()]
    studying = [say("studying", what=k.upper(), count=say.n2(v)) for k, v in f.studying_political.items()
                if v or k == "tcllct"]
    lines.append(Line("p", say("theory_levels", items="; ".join(parts + studying))))
    return lines


def _accidents(say: _Say) -> list[Line]:
    facts = say.texts.facts
    accidents, disease = facts.get("labour_accidents"), facts.get("occupational_disease")

    def part(value, stem: str) -> str:
        if value is None:
            return say(f"{stem}_unknown")
        return say(f"{stem}_none") if value == 0 else say(f"{stem}_some", count=say.n2(value))

    key = "accidents_sector" if say.sector else "accidents"
    return [Line("p", say(key, accidents=part(accidents, "accidents"), disease=part(disease, "disease")))]


def _targets(say: _Say) -> list[Line]:
    f = say.f
    if say.sector:
        lines = [Line("p", say("kpi_intro_sector", year=say.year, units=f.units))]
    else:
        lines = [Line("p", say("kpi_intro", superior=f.superior_name or say("sector_fallback"), year=say.year))]
    travel, mutual = f.travel_fund, f.mutual_fund
    for k in say.kpis:
        if k.key == "social_fund":
            key = "kpi_social_met" if k.status == "met" else "kpi_social_not"
            lines.append(Line("p", say(key, number=k.number, part=k.part, whole=k.whole,
                                       pct=say.pct(k.part, k.whole), missing=say.n2(k.whole - k.part))))
        elif k.key == "fund_models":
            if k.status == "met":
                lines.append(Line("p", say("kpi_funds_met", number=k.number)))
            else:
                missing = [say(name) for name, fund in (("fund_travel", travel), ("fund_mutual", mutual))
                           if not fund.contributors]
                lines.append(Line("p", say("kpi_funds_not", number=k.number, missing=say("and").join(missing))))
            lines.append(Line("p", say("travel", **_travel_params(say))))
            lines.append(Line("p", say("mutual", **_mutual_params(say))))
        elif k.key == "member_software":
            params = dict(number=k.number, part=k.part, whole=k.whole, pct=say.pct(k.part, k.whole),
                          missing=say.n2(k.whole - k.part), why="")
            if k.status != "met":
                notes = sorted({m.note for m in f.not_recorded if m.note})
                if notes and len(notes) <= 3:
                    params["why"] = say("kpi_software_why", notes="; ".join(_lower_first(s) for s in notes))
            lines.append(Line("p", say("kpi_software_met" if k.status == "met" else "kpi_software_not", **params)))
        else:
            status = say({"met": "status_met", "not_met": "status_not_met"}.get(k.status or "", "status_none"))
            lines.append(Line("p", say("kpi_other", number=k.number, text=_kpi_text(k), status=status)))
    return lines


def _travel_params(say: _Say) -> dict[str, str]:
    t = say.f.travel_fund
    params = {"who": say.who(t.contributors, say.f.members), "collected": say.vnd(t.collected),
              "rate": say.vnd(t.rate)}
    if not t.trip_support_count:
        params["tail"] = say("travel_no_trip")
    elif say.f.travel_fund.trip_support_each:
        params["tail"] = say("travel_trip_each", count=t.trip_support_count,
                             each=say.vnd(say.f.travel_fund.trip_support_each))
    else:
        params["tail"] = say("travel_trip_total", count=t.trip_support_count,
                             amount=say.vnd(t.trip_support_amount))
    return params


def _mutual_params(say: _Say) -> dict[str, str]:
    m, loans = say.f.mutual_fund, say.f.loans
    params = {"who": say.who(m.contributors, say.f.members), "collected": say.vnd(m.collected)}
    if not loans.count:
        params["tail"] = say("mutual_no_loans")
    elif say.f.loans.each:
        params["tail"] = say("mutual_loans_each", count=loans.count, each=say.vnd(say.f.loans.each))
    else:
        params["tail"] = say("mutual_loans_total", count=loans.count, amount=say.vnd(loans.amount))
    return params


def _care(say: _Say) -> list[Line]:
    f = say.f
    mutual, loans = f.mutual_fund, f.loans
    tail = (say("care_mutual_loans", count=loans.count, amount=say.vnd(loans.amount)) if loans.count
            else ".")
    return [
        Line("p", "- " + _welfare(say)),
        Line("p", say("care_mutual", who=say.who(mutual.contributors, f.members),
                      rate=say.vnd(mutual.rate), previous_year=say.year - 1,
                      opening=say.vnd(mutual.opening_balance), collected=say.vnd(mutual.collected),
                      tail=tail)),
        Line("p", say("travel_care", **_travel_params(say))),
    ]


def _welfare(say: _Say) -> str:
    f = say.f
    w, n = f.welfare, f.members
    each = {kind: entry.each for kind, entry in w.items()}
    parts = []
    tet_name = say("tet", lunar=lunar_year_name(say.year)) if say.year else say("tet_plain")
    tet = w.get("tet_gift")
    if tet:
        parts.append(say("tet_each", tet=tet_name, each=say.vnd(each.get("tet_gift")))
                     if tet.count == n and each.get("tet_gift")
                     else say("tet_total", tet=tet_name, count=tet.count, amount=say.vnd(tet.amount)))
    doctors = w.get("doctors_day")
    if doctors:
        parts.append(say("doctors_each", each=say.vnd(each.get("doctors_day")))
                     if doctors.count == n and each.get("doctors_day")
                     else say("doctors_total", count=doctors.count, amount=say.vnd(doctors.amount)))
    women = w.get("womens_day")
    if women:
        parts.append(say("women_each", each=say.vnd(each.get("womens_day")))
                     if women.count == f.union_groups and each.get("womens_day")
                     else say("women_total", count=women.count, amount=say.vnd(women.amount)))
    text = "; ".join(parts) + "." if parts else say("welfare_none")
    hardship = w.get("hardship_gift")
    if hardship:
        gift = (say("hardship_each", each=say.vnd(each.get("hardship_gift"))) if each.get("hardship_gift")
                else say("hardship_total", amount=say.vnd(hardship.amount)))
        sources = [say("hardship_source", name=name, count=say.n2(getattr(hardship, key))) for key, name in
                   (("sector", f.superior_name or say("sector_fallback")), ("unit", say("source_unit")),
                    ("other", say("source_other"))) if getattr(hardship, key)]
        text += say("hardship", count=hardship.count, gift=gift,
                    sources=f" ({', '.join(sources)})" if sources else "")
    else:
        text += say("hardship_none")
    text += say("visits", count=f.visits) if f.visits else say("visits_none")
    return text


def _membership(say: _Say) -> list[Line]:
    new = say.f.new_members
    return [Line("p", say("new_some", count=say.n2(new)) if new else say("new_none"))]


def _contest(say: _Say) -> list[Line]:
    prize = say.texts.facts.get("contest_prize")
    if prize is None:
        return [Line("p", say("prize_unknown"))]
    if prize in ("no_prize", "absent"):
        return [Line("p", say("prize_none" if prize == "no_prize" else "prize_absent"))]
    label = schema.PRIZE.label(prize, say.lang)
    return [Line("p", say("prize_won", prize=_lower_first(label)))]


GENERATED = {
    "quantity": _quantity,
    "quality": _quality,
    "accidents": _accidents,
    "theme_targets": _targets,
    "care": _care,
    "membership": _membership,
    "contest": _contest,
}
"""Section key -> its sentences: every section the schema marks generated or both has one."""


def _comparison_lines(c, lang: str) -> list[Line]:
    """'So với năm 2023, tổng số đoàn viên giảm 5 người (từ 312 xuống 307); ...', the members who joined
    and left, and whether last year's closing balance is this year's opening balance."""
    before = c.previous_year or "?"
    lines = [Line("h3", "1.3. " + sentence("compared", lang, year=before))]
    said, same = [], []
    for change in c.changes:
        h = change.headline
        label = h.label(lang).replace(":", "").lower()
        if not change.delta:
            same.append(label)
            continue
        if h.kind == "amount":
            size = _money(abs(change.delta), lang)
            span = f"{_money(change.previous, lang)} → {_money(change.current, lang)}"
        else:
            size = f"{abs(change.delta)} {h.unit(lang)}"
            span = f"{change.previous} → {change.current}"
        way = sentence("change_up" if change.delta > 0 else "change_down", lang)
        said.append(f"{label} {way} {size} ({span})")
    if said:
        text = sentence("compared_changes", lang, year=before, changes="; ".join(said))
        if same:
            text += sentence("compared_same", lang, items=", ".join(same))
    else:
        text = sentence("compared_unchanged", lang, year=before)
    lines.append(Line("p", text + "."))
    left, joined = c.left, c.joined

    def names(moves) -> str:
        shown = ", ".join(m.full_name for m in moves[:10])
        return shown + (", …" if len(moves) > 10 else "")

    parts = []
    if left:
        parts.append(sentence("moves_left", lang, count=len(left), year=before, names=names(left)))
    if joined:
        parts.append(sentence("moves_joined", lang, count=len(joined), names=names(joined)))
    lines.append(Line("p", sentence("moves", lang, parts="; ".join(parts)) if parts else sentence("moves_none", lang)))
    if c.previous_closing is not None and c.opening_balance is not None:
        closing, opening = c.previous_closing, c.opening_balance
        key = "balance_same" if closing == opening else "balance_differs"
        lines.append(Line("p", sentence(key, lang, year=before, closing=_money(closing, lang),
                                        opening=_money(opening, lang), difference=_money(abs(opening - closing), lang))))
    return lines


def _pct(part: int, whole: int, lang: str) -> str:
    return percent(part, whole, lang)


def _kpi_text(k) -> str:
    result = (k.result or "").strip().rstrip(".")
    target = k.target.rstrip(".")
    if not result or result == target:
        return target
    return f"{target}: {result}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _label(lst: schema.ChoiceList, key: str, lang: str) -> str:
    try:
        return lst.label(key, lang)
    except KeyError:
        return str(key)


def _ordered(lst: schema.ChoiceList, counts: dict) -> list[tuple[str, int]]:
    keys = [c.key for c in lst.choices]
    return sorted(((k, v) for k, v in counts.items() if v),
                  key=lambda kv: keys.index(kv[0]) if kv[0] in keys else len(keys))


def _money(value: int | None, lang: str) -> str:
    return "" if value is None else i18n.vnd(value, lang)


def _order_key(lst: schema.ChoiceList, key: str) -> int:
    keys = [c.key for c in lst.choices]
    return keys.index(key) if key in keys else len(keys)


# ------------------------------------------------------------------ document


def write_report(result: MergeResult, path: Path, lang: str = "vi") -> Path:
    """Write the Word report atomically and return its path."""
    path = Path(path)
    doc = _build(result, lang)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
        share_like_others(tmp)
    return path


def _build(result: MergeResult, lang: str):
    dataset = result.dataset
    year = dataset.year or 0
    f = compute_figures(dataset)
    unit = dataset.unit_info.get("unit_name") or ""
    say = lambda key, **params: sentence(key, lang, **params)  # noqa: E731

    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    _page(section, landscape=False)
    _page_numbers(section)
    props = doc.core_properties
    props.author = props.last_modified_by = "unionxl"
    props.title = say("doc_title", year=year)
    props.subject = unit
    props.created = props.modified = dt.datetime(year or 2000, 1, 1)
    props.revision = 1
    props.comments = props.keywords = props.category = ""

    # Header block: issuing body left, national motto right; number and dateline below.
    head = _borderless(doc, 2, [Cm(8.2), Cm(9.4)])  # a little wider than the text, as offices do
    left, right = head.rows[0].cells
    _cell_line(left, (f.superior_name or "").upper(), size=12, first=True)
    _cell_line(left, unit.upper(), bold=True, size=12)
    _rule(left, Cm(2.2))
    _cell_line(right, say("republic"), bold=True, size=12, first=True)
    _cell_line(right, say("motto"), bold=True, size=13)
    _rule(right, Cm(2.6))
    left, right = head.rows[1].cells
    sector = dataset.level != "unit"
    issuer = say("issuer_sector" if sector else "issuer_unit")
    _cell_line(left, say("number", issuer=issuer), size=13, first=True)
    place = f.place or "……"
    _cell_line(right, say("dateline", place=place), italic=True, size=14, first=True)

    names = {"year": year, "next_year": year + 1 if year else "…", "unit": unit}
    _para(doc, say("title"), bold=True, size=14, align="center", before=18, after=0)
    _para(doc, say("subtitle", **names), bold=True, size=14, align="center", after=0)
    _rule_para(doc, Cm(3))
    basis = dataset.unit_info.get("report_basis")
    _para(doc, say("intro_basis", basis=basis, **names) if basis else say("intro", **names), indent=True)

    for line in report_lines(result, lang):
        if line.kind == "h1":
            _para(doc, line.text, bold=True, indent=True, before=6, keep=True)
        elif line.kind == "h2":
            _para(doc, line.text, bold=True, indent=True, keep=True)
        elif line.kind == "h3":
            _para(doc, line.text, bold=True, italic=True, indent=True, keep=True)
        elif line.kind == "placeholder":
            _para(doc, line.text, italic=True, indent=True)
        else:
            _para(doc, line.text, indent=True)
    _para(doc, say("closing", **names), indent=True)

    _signature(doc, f, say, sector, texts_of(dataset.unit).recipients)

    # Appendix: the report tables. The per-group table is wide: it gets a landscape section.
    tables = report_tables(dataset, lang, result.report)
    narrow = [t for t in tables if len(t.headers) <= 7]
    wide = [t for t in tables if len(t.headers) > 7]
    # Last year's tables are numbered 7 and 8: after the per-group table, back on portrait pages.
    after = ([comparison_table(result.comparison, lang), movement_table(result.comparison, lang, sector)]
             if result.comparison is not None else [])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, say("appendix"), bold=True, align="center", after=0)
    _para(doc, say("appendix_note", **names), italic=True, align="center")
    for table in narrow:
        _word_table(doc, table, lang, Cm(16.5), size=TABLE_SIZE if len(table.headers) <= 4 else 11)
    for table in wide:
        landscape = doc.add_section()
        _page(landscape, landscape=True)
        landscape.different_first_page_header_footer = False  # only the report's first page goes unnumbered
        # 9 pt keeps a CĐCS of 32 groups on one landscape page instead of spilling its last row and total.
        _word_table(doc, table, lang, Cm(25.2), size=9)
    if after and wide:
        portrait = doc.add_section()
        _page(portrait, landscape=False)
        portrait.different_first_page_header_footer = False  # only the report's first page goes unnumbered
    for table in after:
        _word_table(doc, table, lang, Cm(16.5), size=TABLE_SIZE if len(table.headers) <= 4 else 11)
    return doc


def _styles(doc) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15
    # The document defaults also name a theme font (Calibri/Cambria): point them at Times New Roman too,
    # so table cells and any style without its own font follow.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rfonts in defaults.iter(qn("w:rFonts")):
            for attr in list(rfonts.attrib):
                del rfonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                rfonts.set(qn(attr), FONT)


def _page(section, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_numbers(section) -> None:
    """Page number centred at the top, from page 2 (Decree 30 art. ... layout)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _element(paragraph.add_run())
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run.append(el)


ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _para(doc, text: str, bold=False, italic=False, size: int | None = None, align="justify", indent=False,
          before: int | None = None, after: int | None = None, keep=False):
    paragraph = doc.add_paragraph()
    _format(paragraph, align, indent, before, after, keep)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    return paragraph


def _format(paragraph, align="justify", indent=False, before=None, after=None, keep=False) -> None:
    pf = paragraph.paragraph_format
    pf.alignment = ALIGN[align]
    if indent:
        pf.first_line_indent = Cm(1.27)
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if keep:
        pf.keep_with_next = True


def _borderless(doc, rows: int, widths) -> Any:
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_widths(table, widths)
    return table


def _set_widths(table, widths) -> None:
    """Word reads the cell widths, LibreOffice the grid: set both, and a fixed layout."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _cell_line(cell, text: str, bold=False, italic=False, size=SIZE, first=False, align="center"):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    _format(paragraph, align, after=0)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    run.font.size = Pt(size)
    return paragraph


def _element(item):
    """The `<w:p>` of a paragraph or the `<w:r>` of a run, through python-docx's public proxies.

    python-docx has no API for fields (the page number), paragraph borders or row flags, so those
    are added as XML; `paragraph_format` and `font` are `ElementProxy`s whose public `element` is
    the paragraph's or run's own element.
    """
    return (item.font if isinstance(item, Run) else item.paragraph_format).element


def _row_element(row):
    """The `<w:tr>` of a table row: the ancestor of its first cell's first paragraph."""
    return next(_element(row.cells[0].paragraphs[0]).iterancestors(qn("w:tr")))


def _bottom_border(paragraph) -> None:
    ppr = _element(paragraph).get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    ppr.append(borders)


def _rule(cell, indent) -> None:
    """The short line under a heading of the header block: an empty paragraph, indented, bottom border."""
    paragraph = cell.add_paragraph()
    _format(paragraph, "center", after=6)
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.line_spacing = Pt(2)
    _bottom_border(paragraph)


def _rule_para(doc, indent) -> None:
    paragraph = doc.add_paragraph()
    _format(paragraph, "center", after=12)
    paragraph.paragraph_format.left_indent = int(Cm(8.25) - indent // 2)
    paragraph.paragraph_format.right_indent = int(Cm(8.25) - indent // 2)
    paragraph.paragraph_format.line_spacing = Pt(2)
    _bottom_border(paragraph)


def _signature(doc, f: Figures, say, sector: bool = False, recipients: list[str] | None = None) -> None:
    """'Nơi nhận' left (the committee's list when it wrote one), T/M. BAN CHẤP HÀNH / CHỦ TỊCH / name right."""
    _para(doc, "", after=0)
    table = _borderless(doc, 1, [Cm(8.0), Cm(8.5)])
    left, right = table.rows[0].cells
    _cell_line(left, say("recipients"), bold=True, italic=True, size=12, first=True, align="left")
    if recipients:
        lines = [f"- {name}{';' if i < len(recipients) - 1 else '.'}" for i, name in enumerate(recipients)]
    else:
        lines = [say("recipients_superior", superior=f.superior_name or say("superior_fallback")),
                 say("recipients_units") if sector else say("recipients_groups"),
                 say("recipients_file", issuer=say("issuer_sector" if sector else "issuer_unit"))]
    for line in lines:
        _cell_line(left, line, size=11, align="left")
    _cell_line(right, say("sign_for"), bold=True, first=True)
    _cell_line(right, say("sign_title"), bold=True)
    for _ in range(4):
        _cell_line(right, "")
    _cell_line(right, f.chair_name or "", bold=True)


def _cell_text(value: Any, kind: str, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Share):
        return percent(value.part, value.whole, lang) if value.whole else ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) and kind == "delta":
        size = i18n.number(abs(value), lang)
        return ("+" if value > 0 else "−" if value < 0 else "") + size
    if isinstance(value, int) and kind != "text":
        return i18n.number(value, lang)
    return str(value)


def _word_table(doc, table: ReportTable, lang: str, width, size: int = TABLE_SIZE) -> None:
    _para(doc, table.title, bold=True, align="left", before=12, after=4, keep=True)
    cols = len(table.headers)
    # The header row and the first body row are built through python-docx; every other body row
    # is formatted exactly like the first, so it is a copy of that row's XML with its own texts
    # (a 1.000-group table: 13.000 cells formatted once instead of one by one).
    grid = doc.add_table(rows=1 + min(len(table.rows), 1), cols=cols)
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_widths(grid, _column_widths(table, width))
    for r, row in enumerate(grid.rows):
        values = table.headers if r == 0 else table.rows[0]
        trpr = _row_element(row).get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        for c, (cell, value) in enumerate(zip(row.cells, values)):
            kind = table.kinds[c] if c < len(table.kinds) else "text"
            paragraph = cell.paragraphs[0]
            numeric = r > 0 and kind != "text"
            align = "center" if r == 0 or (numeric and c == 0) else ("right" if numeric else "left")
            _format(paragraph, align, after=0)
            paragraph.paragraph_format.line_spacing = 1.0
            run = paragraph.add_run(value if r == 0 else _cell_text(value, kind, lang))
            run.font.size = Pt(size)
            run.bold = r == 0 or None
    if len(table.rows) > 1:
        pattern = _row_element(grid.rows[1])
        body = pattern.getparent()
        for values in table.rows[1:]:
            copy = deepcopy(pattern)
            for c, (tc, value) in enumerate(zip(copy.iterchildren(qn("w:tc")), values)):
                kind = table.kinds[c] if c < len(table.kinds) else "text"
                _set_run_text(next(tc.iter(qn("w:r"))), _cell_text(value, kind, lang))
            body.append(copy)
    if table.total_row and table.rows:
        for cell in grid.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True


def _set_run_text(run, text: str) -> None:
    """A copied run's text: its old text elements replaced by one `<w:t>` (cells hold one line)."""
    for old in run.findall(qn("w:t")):
        run.remove(old)
    if text:
        element = OxmlElement("w:t")
        if text != text.strip():
            element.set(qn("xml:space"), "preserve")
        element.text = " ".join(text.splitlines())
        run.append(element)


def _column_widths(table: ReportTable, total) -> list[Emu]:
    """Numbers get what they need; the text columns share the rest."""
    need = {"int": Cm(2.0 if len(table.kinds) <= 4 else 1.7), "share": Cm(1.8), "amount": Cm(2.5)}
    if table.key == "comparison":  # last year and this year hold amounts of up to 11 digits
        need = {"int": Cm(3.0), "delta": Cm(2.8)}
    if table.key == "movements":  # change, name, CCCD, [CĐCS], group code, group name
        first = [Cm(2.6), Cm(4.0), Cm(3.0), *([Cm(4.0)] if len(table.kinds) == 7 else []), Cm(1.4)]
        return [Emu(int(w)) for w in (*first, total - sum(first))]
    if table.key == "kpis":
        rest = (total - Cm(1.3) - Cm(2.2)) // 2
        return [Emu(int(w)) for w in (Cm(1.3), rest, rest, Cm(2.2))]
    if table.key == "groups":  # 13 columns on a landscape page, 10 pt
        need = {"int": Cm(1.3), "share": Cm(1.5), "amount": Cm(2.2)}
    fixed = {c: need[k] for c, k in enumerate(table.kinds) if k in need}
    if table.key == "groups":
        fixed[0] = Cm(1.3)
    texts = [c for c in range(len(table.kinds)) if c not in fixed]
    rest = (total - sum(fixed.values())) // max(len(texts), 1)
    return [Emu(int(fixed.get(c, rest))) for c in range(len(table.kinds))]
