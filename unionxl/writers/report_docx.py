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

from .. import schema
from ..fileio import atomic_path
from ..fmt import count2, number, percent, vnd
from ..merge import MergeResult
from .workbook import share_like_others
from ..previous import comparison_table, movement_table
from ..tables import ReportTable, Share, compute_figures, extra_figures, kpi_results, report_tables

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
    """One paragraph of the body: kind is 'h1', 'h2', 'h3' (headings) or 'p' (text)."""

    kind: str
    text: str


# ------------------------------------------------------------------ sentences


def report_lines(result: MergeResult, lang: str = "vi") -> list[Line]:
    """The body of the report, sentence by sentence, from the computed figures."""
    dataset = result.dataset
    f = compute_figures(dataset)
    x = extra_figures(dataset)
    kpis = kpi_results(dataset, f, lang)
    lines = (_lines_vi if lang == "vi" else _lines_en)(f, x, kpis, dataset.year or 0)
    if result.comparison is not None:
        lines += _comparison_lines(result.comparison, lang)
    return lines


def _comparison_lines(c, lang: str) -> list[Line]:
    """'So với năm 2023, tổng số đoàn viên giảm 5 người (từ 312 xuống 307); ...', the members who joined
    and left, and whether last year's closing balance is this year's opening balance."""
    vi = lang == "vi"
    before = c.previous_year or "?"
    lines = [Line("h2", f"4. So sánh với năm {before}" if vi else f"4. Compared with {before}")]
    said, same = [], []
    for change in c.changes:
        h = change.headline
        label = (h.vi if vi else h.en).replace(":", "").lower()
        if not change.delta:
            same.append(label)
            continue
        if h.kind == "amount":
            size = vnd(abs(change.delta)) if vi else _vnd_en(abs(change.delta))
            span = (f"{vnd(change.previous)} → {vnd(change.current)}" if vi
                    else f"{_vnd_en(change.previous)} → {_vnd_en(change.current)}")
        else:
            size = f"{abs(change.delta)} {h.unit_vi if vi else h.unit_en}"
            span = f"{change.previous} → {change.current}"
        way = ("tăng" if change.delta > 0 else "giảm") if vi else ("up" if change.delta > 0 else "down")
        said.append(f"{label} {way} {size} ({span})")
    if vi:
        text = (f"- So với năm {before}, " + "; ".join(said) if said
                else f"- So với năm {before}, các số liệu chính không thay đổi")
        if said and same:
            text += "; không đổi: " + ", ".join(same)
    else:
        text = (f"- Compared with {before}: " + "; ".join(said) if said
                else f"- Compared with {before}, the headline figures did not change")
        if said and same:
            text += "; unchanged: " + ", ".join(same)
    lines.append(Line("p", text + "."))
    left, joined = c.left, c.joined

    def names(moves) -> str:
        shown = ", ".join(m.full_name for m in moves[:10])
        return shown + (", …" if len(moves) > 10 else "")

    if vi:
        parts = []
        if left:
            parts.append(f"{len(left)} đoàn viên có tên năm {before} không còn trong danh sách ({names(left)})")
        if joined:
            parts.append(f"{len(joined)} đoàn viên mới có tên ({names(joined)})")
        lines.append(Line("p", "- Theo số CCCD: " + ("; ".join(parts) if parts
                                                    else "danh sách đoàn viên không thay đổi so với năm trước")
                          + ("; chi tiết ở bảng 8 của phụ lục." if parts else ".")))
    else:
        lines.append(Line("p", f"- By citizen ID: {len(left)} members listed in {before} are no longer listed"
                               + (f" ({names(left)})" if left else "") + f"; {len(joined)} new"
                               + (f" ({names(joined)})" if joined else "") + "."))
    if c.previous_closing is not None and c.opening_balance is not None:
        same_balance = c.previous_closing == c.opening_balance
        if vi:
            text = (f"- Số dư quỹ tương hỗ cuối năm {before} là {vnd(c.previous_closing)}, "
                    + ("khớp với số dư năm trước chuyển sang." if same_balance
                       else f"khác số dư năm trước chuyển sang {vnd(c.opening_balance)} "
                            f"(chênh lệch {vnd(abs(c.opening_balance - c.previous_closing))}), cần đối chiếu lại."))
        else:
            text = (f"- The mutual-aid fund closed {before} at {_vnd_en(c.previous_closing)}, "
                    + ("which is this year's opening balance." if same_balance
                       else f"but this year opens at {_vnd_en(c.opening_balance)}: to be reconciled."))
        lines.append(Line("p", text))
    return lines


def _pct(part: int, whole: int, lang: str) -> str:
    return percent(part, whole, lang)


def _lines_vi(f: dict, x: dict, kpis, year: int) -> list[Line]:
    n = f["members"]
    p = lambda part: _pct(part, n, "vi")  # noqa: E731
    lines = [
        Line("h1", "I. TÌNH HÌNH CÔNG NHÂN, VIÊN CHỨC LAO ĐỘNG"),
        Line("h2", "1. Tình hình viên chức người lao động (VCNLĐ)"),
        Line("h3", "1.1. Số lượng"),
        Line("p", f"- Tổng số: {n} đoàn viên công đoàn, trong đó: Nam {f['male']} người = {p(f['male'])}; "
                  f"Nữ: {f['female']} người = {p(f['female'])};"),
        Line("p", f"- Số công đoàn cơ sở: {f['units']}; số tổ công đoàn: {f['union_groups']} tổ công đoàn."
             if f["level"] != "unit" else f"- Số tổ công đoàn: {f['union_groups']} tổ công đoàn."),
        Line("h3", "1.2. Chất lượng"),
    ]
    education = "; ".join(f"{_label(schema.GENERAL_EDUCATION, k, 'vi')}: {v} người = {p(v)}"
                          for k, v in _ordered(schema.GENERAL_EDUCATION, f["general_education"]))
    lines.append(Line("p", f"- Trình độ học vấn: {education or 'chưa có số liệu'}."))
    lines.append(Line("p", "- Trình độ chuyên môn:"))
    for key, count in f["professional_level"].items():
        lines.append(Line("p", f"+ {_label(schema.PROFESSIONAL_LEVEL, key, 'vi')}: {count} người = {p(count)}."))
    lines.append(Line("p", "- Trình độ lý luận chính trị:"))
    lines.append(Line("p", f"+ Đảng viên: {f['party_members']} người = {p(f['party_members'])}/ tổng đoàn viên "
                           "công đoàn."))
    theory = f["political_theory"]
    parts = [f"{_label(schema.POLITICAL_THEORY, k, 'vi')}: {count2(v)} người = {p(v)}" for k, v in theory.items()]
    studying = [f"đang học {k.upper()} {count2(v)} người" for k, v in f["studying_political"].items()
                if v or k == "tcllct"]
    lines.append(Line("p", "+ " + "; ".join(parts + studying) + "."))

    lines += [
        Line("h1", f"II. KẾT QUẢ HOẠT ĐỘNG CÔNG ĐOÀN NĂM {year}"),
        Line("h2", f"1. Kết quả thực hiện các chỉ tiêu được giao năm {year}"),
        Line("p", f"- Kết quả thực hiện các chỉ tiêu {x['superior_name'] or 'Công đoàn ngành'} giao cho công đoàn "
                  f"cơ sở năm {year} như sau:" if f["level"] == "unit" else
                  f"- Kết quả thực hiện các chỉ tiêu giao cho các công đoàn cơ sở năm {year} (tổng hợp từ "
                  f"{f['units']} CĐCS) như sau:"),
    ]
    travel, mutual, loans = f["travel_fund"], f["mutual_fund"], f["loans"]
    for k in kpis:
        if k.key == "social_fund":
            if k.status == "met":
                text = (f"({k.number}). {k.part}/{k.whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh đạt "
                        f"{_pct(k.part, k.whole, 'vi')} (đạt chỉ tiêu).")
            else:
                text = (f"({k.number}). {k.part}/{k.whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh, đạt "
                        f"{_pct(k.part, k.whole, 'vi')}; còn {count2(k.whole - k.part)} đoàn viên chưa nộp "
                        "(Không đạt chỉ tiêu, chỉ tiêu giao 100%).")
            lines.append(Line("p", text))
        elif k.key == "fund_models":
            if k.status == "met":
                lines.append(Line("p", f"({k.number}). Tiếp tục duy trì và thực hiện hiệu quả mô hình: “Quỹ du lịch "
                                       "công đoàn” và “Quỹ tương hỗ công đoàn” (đạt chỉ tiêu)."))
            else:
                missing = [name for name, fund in (("“Quỹ du lịch công đoàn”", travel),
                                                   ("“Quỹ tương hỗ công đoàn”", mutual)) if not fund["contributors"]]
                lines.append(Line("p", f"({k.number}). Chưa duy trì được mô hình {' và '.join(missing)}: trong năm "
                                       "không có đoàn viên đóng quỹ (Không đạt chỉ tiêu)."))
            lines.append(Line("p", "+ " + _travel_vi(f, x)))
            lines.append(Line("p", "+ " + _mutual_vi(f, x)))
        elif k.key == "member_software":
            share = _pct(k.part, k.whole, "vi")
            if k.status == "met":
                text = (f"({k.number}). {share} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                        "công đoàn (đạt chỉ tiêu).")
            else:
                notes = sorted({note for _, _, note in x["not_recorded"] if note})
                why = f", ghi chú: {'; '.join(_lower_first(s) for s in notes)}" if notes and len(notes) <= 3 else ""
                text = (f"({k.number}). {share} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                        f"công đoàn. Hiện còn {count2(k.whole - k.part)} đoàn viên chưa được cập nhật{why} "
                        "(Không đạt chỉ tiêu, chỉ tiêu giao 100%).")
            lines.append(Line("p", text))
        else:
            lines.append(Line("p", f"({k.number}). {_kpi_text(k)} {_status_vi(k.status)}."))

    lines += [
        Line("h2", "2. Hoạt động chăm lo, hỗ trợ cho đoàn viên, người lao động"),
        Line("p", "- " + _welfare_vi(f, x, year)),
        Line("p", f"- Duy trì triển khai xây dựng Quỹ tương hỗ tới {_who_vi(mutual['contributors'], n)} tham gia "
                  f"với mức đóng {vnd(mutual['rate'])}/quý/đoàn viên; số dư năm {year - 1} chuyển sang "
                  f"{vnd(mutual['opening_balance'])}, trong năm thu {vnd(mutual['collected'])}"
                  + (f", cho {loans['count']} đoàn viên vay {vnd(loans['amount'])}." if loans["count"] else ".")),
        Line("h2", f"3. Kết quả công tác phát triển đoàn viên năm {year}"),
        Line("p", "- " + ("Trong năm chưa có đoàn viên kết nạp thêm." if not f["new_members"]
                          else f"Trong năm kết nạp thêm {count2(f['new_members'])} đoàn viên công đoàn.")),
    ]
    return lines


def _who_vi(part: int, whole: int) -> str:
    """'100% đoàn viên' or '95,4% đoàn viên (293/307)'."""
    share = _pct(part, whole, "vi")
    return f"{share} đoàn viên" if part == whole else f"{share} đoàn viên ({part}/{whole})"


def _travel_vi(f: dict, x: dict) -> str:
    t = f["travel_fund"]
    text = (f"Trong năm triển khai thu quỹ du lịch tới {_who_vi(t['contributors'], f['members'])} tham gia với tổng "
            f"số tiền thu được {vnd(t['collected'])} (mức đóng {vnd(t['rate'])}/tháng/đoàn viên)")
    if not t["trip_support_count"]:
        return text + "; trong năm chưa chi hỗ trợ đoàn viên tham gia du lịch."
    each = x["trip_support_each"]
    tail = f"với {vnd(each)}/người" if each else f"với tổng số tiền {vnd(t['trip_support_amount'])}"
    return text + f"; chi hỗ trợ {t['trip_support_count']} đoàn viên tham gia du lịch {tail}."


def _mutual_vi(f: dict, x: dict) -> str:
    m, loans = f["mutual_fund"], f["loans"]
    text = (f"{_who_vi(m['contributors'], f['members'])} tham gia đóng quỹ tương hỗ với tổng số tiền thu được là "
            f"{vnd(m['collected'])}")
    if not loans["count"]:
        return text + "; trong năm chưa có đoàn viên vay vốn."
    each = x["loan_each"]
    tail = f"với mức vay vốn {vnd(each)}/xuất" if each else f"với tổng số tiền vay {vnd(loans['amount'])}"
    return (text + f" và triển khai cho đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là {loans['count']} "
            f"đoàn viên, {tail}.")


def _welfare_vi(f: dict, x: dict, year: int) -> str:
    w, each, n = f["welfare"], x["welfare_each"], f["members"]
    parts = []
    tet = w.get("tet_gift")
    tet_name = f"Tết Nguyên đán {lunar_year_name(year)}" if year else "Tết Nguyên đán"
    if tet:
        parts.append(f"Trong dịp {tet_name} hỗ trợ mỗi đoàn viên {vnd(each.get('tet_gift'))}"
                     if tet["count"] == n and each.get("tet_gift")
                     else f"Trong dịp {tet_name} hỗ trợ {tet['count']} đoàn viên, tổng số tiền {vnd(tet['amount'])}")
    doctors = w.get("doctors_day")
    if doctors:
        parts.append(f"kỷ niệm ngày Thầy thuốc Việt Nam 27/2 mỗi đoàn viên {vnd(each.get('doctors_day'))}"
                     if doctors["count"] == n and each.get("doctors_day")
                     else f"kỷ niệm ngày Thầy thuốc Việt Nam 27/2 hỗ trợ {doctors['count']} đoàn viên, tổng số tiền "
                          f"{vnd(doctors['amount'])}")
    women = w.get("womens_day")
    if women:
        parts.append("hỗ trợ các tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3 mỗi tổ một phần quà trị giá "
                     f"{vnd(each.get('womens_day'))}" if women["count"] == f["union_groups"] and each.get("womens_day")
                     else f"hỗ trợ {women['count']} tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3, tổng số tiền "
                          f"{vnd(women['amount'])}")
    text = "; ".join(parts) + "." if parts else "Trong năm chưa chi quà Tết, ngày 27/2 và ngày 8/3."
    hardship = w.get("hardship_gift")
    if hardship:
        gift = (f"mỗi xuất quà trị giá {vnd(each.get('hardship_gift'))}" if each.get("hardship_gift")
                else f"tổng số tiền {vnd(hardship['amount'])}")
        sources = [f"{name} tặng {count2(hardship[key])} xuất" for key, name in
                   (("sector", x["superior_name"] or "Công đoàn ngành"), ("unit", "Công đoàn cơ sở"),
                    ("other", "nguồn khác")) if hardship[key]]
        text += (f" Chi hỗ trợ {hardship['count']} đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên đán, {gift}"
                 + (f" ({', '.join(sources)})" if sources else ""))
    else:
        text += " Trong dịp Tết Nguyên đán chưa có xuất quà cho đoàn viên có hoàn cảnh khó khăn"
    text += (f"; chi thăm hỏi động viên cán bộ bị ốm đau, hiếu hỉ và quà chia tay {f['visits']} lượt."
             if f["visits"] else "; trong năm chưa có lượt thăm hỏi ốm đau, hiếu hỉ, quà chia tay.")
    return text


def _kpi_text(k) -> str:
    result = (k.result or "").strip().rstrip(".")
    target = k.target.rstrip(".")
    if not result or result == target:
        return target
    return f"{target}: {result}"


def _status_vi(status: str | None) -> str:
    return {"met": "(đạt chỉ tiêu)", "not_met": "(Không đạt chỉ tiêu)"}.get(status or "", "(chưa đánh giá)")


def _status_en(status: str | None) -> str:
    return {"met": "(target met)", "not_met": "(target not met)"}.get(status or "", "(not assessed)")


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


def _lines_en(f: dict, x: dict, kpis, year: int) -> list[Line]:
    n = f["members"]
    p = lambda part: _pct(part, n, "en")  # noqa: E731
    lines = [
        Line("h1", "I. THE WORKFORCE"),
        Line("h2", "1. Employees"),
        Line("h3", "1.1. Numbers"),
        Line("p", f"- In total: {n} union members, of whom: male {f['male']} = {p(f['male'])}; "
                  f"female: {f['female']} = {p(f['female'])};"),
        Line("p", f"- Grassroots unions: {f['units']}; union groups: {f['union_groups']}."
             if f["level"] != "unit" else f"- Union groups: {f['union_groups']}."),
        Line("h3", "1.2. Qualifications"),
    ]
    education = "; ".join(f"{_label(schema.GENERAL_EDUCATION, k, 'en')}: {v} = {p(v)}"
                          for k, v in _ordered(schema.GENERAL_EDUCATION, f["general_education"]))
    lines.append(Line("p", f"- General education: {education or 'no data'}."))
    lines.append(Line("p", "- Professional level:"))
    for key, count in f["professional_level"].items():
        lines.append(Line("p", f"+ {_label(schema.PROFESSIONAL_LEVEL, key, 'en')}: {count} = {p(count)}."))
    lines.append(Line("p", "- Political theory:"))
    lines.append(Line("p", f"+ Party members: {f['party_members']} = {p(f['party_members'])} of all union members."))
    parts = [f"{_label(schema.POLITICAL_THEORY, k, 'en')}: {v} = {p(v)}" for k, v in f["political_theory"].items()]
    studying = [f"studying {k.upper()}: {v}" for k, v in f["studying_political"].items() if v or k == "tcllct"]
    lines.append(Line("p", "+ " + "; ".join(parts + studying) + "."))
    lines += [
        Line("h1", f"II. UNION ACTIVITIES IN {year}"),
        Line("h2", f"1. Targets set for {year}"),
        Line("p", f"- Results against the targets set by {x['superior_name'] or 'the sector union'}:"),
    ]
    travel, mutual, loans = f["travel_fund"], f["mutual_fund"], f["loans"]
    for k in kpis:
        if k.key in ("social_fund", "member_software"):
            what = ("members contributed to the provincial union social fund" if k.key == "social_fund"
                    else "members recorded in the member-management software")
            text = f"({k.number}). {k.part}/{k.whole} {what} ({_pct(k.part, k.whole, 'en')})"
            if k.status != "met":
                text += f"; {k.whole - k.part} not yet"
            lines.append(Line("p", f"{text} {_status_en(k.status)}."))
        elif k.key == "fund_models":
            lines.append(Line("p", f"({k.number}). Travel fund and mutual-aid fund models maintained "
                                   f"{_status_en(k.status)}."))
            trip = (f"; trip support for {travel['trip_support_count']} members, "
                    f"{_vnd_en(travel['trip_support_amount'])}" if travel["trip_support_count"] else "")
            lines.append(Line("p", f"+ Travel fund: {travel['contributors']}/{n} members contributing, "
                                   f"{_vnd_en(travel['collected'])} collected ({_vnd_en(travel['rate'])} a month each){trip}."))
            lent = (f"; {loans['count']} loans, {_vnd_en(loans['amount'])} in total" if loans["count"] else "")
            lines.append(Line("p", f"+ Mutual-aid fund: {mutual['contributors']}/{n} members contributing, "
                                   f"{_vnd_en(mutual['collected'])} collected{lent}."))
        else:
            lines.append(Line("p", f"({k.number}). {_kpi_text(k)} {_status_en(k.status)}."))
    w = f["welfare"]
    items = [f"{_label(schema.WELFARE_KIND, key, 'en')}: {e['count']}, {_vnd_en(e['amount'])}"
             for key, e in sorted(w.items(), key=lambda kv: _order_key(schema.WELFARE_KIND, kv[0]))]
    lines += [
        Line("h2", "2. Welfare"),
        Line("p", "- " + ("; ".join(items) + "." if items else "No welfare payments recorded.")),
        Line("p", f"- Sickness, wedding/funeral and farewell visits: {f['visits']}."),
        Line("h2", f"3. New members in {year}"),
        Line("p", "- " + ("No new members were admitted this year." if not f["new_members"]
                          else f"{f['new_members']} new members were admitted this year.")),
    ]
    return lines


def _vnd_en(value: int | None) -> str:
    return "" if value is None else f"{value:,} VND"


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
    x = extra_figures(dataset)
    unit = dataset.unit_info.get("unit_name") or ""
    T = (lambda vi, en: vi) if lang == "vi" else (lambda vi, en: en)  # noqa: E731

    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    _page(section, landscape=False)
    _page_numbers(section)
    props = doc.core_properties
    props.author = props.last_modified_by = "unionxl"
    props.title = T(f"Báo cáo hoạt động Công đoàn năm {year}", f"Trade union activity report {year}")
    props.subject = unit
    props.created = props.modified = dt.datetime(year or 2000, 1, 1)
    props.revision = 1
    props.comments = props.keywords = props.category = ""

    # Header block: issuing body left, national motto right; number and dateline below.
    head = _borderless(doc, 2, [Cm(8.2), Cm(9.4)])  # a little wider than the text, as offices do
    left, right = head.rows[0].cells
    _cell_line(left, (x["superior_name"] or "").upper(), size=12, first=True)
    _cell_line(left, unit.upper(), bold=True, size=12)
    _rule(left, Cm(2.2))
    _cell_line(right, T("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"), bold=True, size=12,
               first=True)
    _cell_line(right, T("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"), bold=True, size=13)
    _rule(right, Cm(2.6))
    left, right = head.rows[1].cells
    sector = dataset.level != "unit"
    issuer = "CĐN" if sector else "CĐCS"
    _cell_line(left, T(f"Số: …/BC-{issuer}", f"No.: …/BC-{issuer}"), size=13, first=True)
    place = x["place"] or "……"
    _cell_line(right, T(f"{place}, ngày … tháng … năm …", f"{place}, … … …"), italic=True, size=14, first=True)

    _para(doc, T("BÁO CÁO", "REPORT"), bold=True, size=14, align="center", before=18, after=0)
    _para(doc, T(f"Hoạt động Công đoàn năm {year}", f"Trade union activities in {year}"), bold=True, size=14,
          align="center", after=0)
    _rule_para(doc, Cm(3))
    _para(doc, T(f"{unit} báo cáo kết quả hoạt động công đoàn năm {year} như sau:",
                 f"{unit} reports on its union activities in {year} as follows:"), indent=True)

    for line in report_lines(result, lang):
        if line.kind == "h1":
            _para(doc, line.text, bold=True, indent=True, before=6, keep=True)
        elif line.kind == "h2":
            _para(doc, line.text, bold=True, indent=True, keep=True)
        elif line.kind == "h3":
            _para(doc, line.text, bold=True, italic=True, indent=True, keep=True)
        else:
            _para(doc, line.text, indent=True)
    _para(doc, T(f"Trên đây là báo cáo hoạt động Công đoàn năm {year} của {unit}./.",
                 f"This is the {year} union activity report of {unit}."), indent=True)

    _signature(doc, x, T, sector)

    # Appendix: the report tables. The per-group table is wide: it gets a landscape section.
    tables = report_tables(dataset, lang, result.report)
    narrow = [t for t in tables if len(t.headers) <= 7]
    wide = [t for t in tables if len(t.headers) > 7]
    # Last year's tables are numbered 7 and 8: after the per-group table, back on portrait pages.
    after = ([comparison_table(result.comparison, lang), movement_table(result.comparison, lang, sector)]
             if result.comparison is not None else [])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, T("PHỤ LỤC: CÁC BẢNG SỐ LIỆU", "APPENDIX: REPORT TABLES"), bold=True, align="center", after=0)
    _para(doc, T(f"(Kèm theo báo cáo hoạt động Công đoàn năm {year} của {unit})",
                 f"(Attached to the {year} union activity report of {unit})"), italic=True, align="center")
    for table in narrow:
        _word_table(doc, table, lang, Cm(16.5), size=TABLE_SIZE if len(table.headers) <= 4 else 11)
    for table in wide:
        landscape = doc.add_section()
        _page(landscape, landscape=True)
        _word_table(doc, table, lang, Cm(25.2), size=10)
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
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


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


def _bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
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


def _signature(doc, x: dict, T, sector: bool = False) -> None:
    _para(doc, "", after=0)
    table = _borderless(doc, 1, [Cm(8.0), Cm(8.5)])
    left, right = table.rows[0].cells
    _cell_line(left, T("Nơi nhận:", "Distribution:"), bold=True, italic=True, size=12, first=True, align="left")
    for line in (T(f"- {x['superior_name'] or 'Công đoàn cấp trên'} (b/c);", f"- {x['superior_name'] or 'Superior union'};"),
                 T("- Các công đoàn cơ sở trực thuộc;", "- Grassroots unions;") if sector
                 else T("- Các tổ công đoàn trực thuộc;", "- Union groups;"),
                 T(f"- Lưu: {'CĐN' if sector else 'CĐCS'}, VT.", "- Files.")):
        _cell_line(left, line, size=11, align="left")
    _cell_line(right, T("T/M. BAN CHẤP HÀNH", "FOR THE EXECUTIVE COMMITTEE"), bold=True, first=True)
    _cell_line(right, T("CHỦ TỊCH", "CHAIRPERSON"), bold=True)
    for _ in range(4):
        _cell_line(right, "")
    _cell_line(right, x["chair_name"] or "", bold=True)


def _cell_text(value: Any, kind: str, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Share):
        return percent(value.part, value.whole, lang) if value.whole else ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) and kind == "delta":
        size = number(abs(value)) if lang == "vi" else f"{abs(value):,}"
        return ("+" if value > 0 else "−" if value < 0 else "") + size
    if isinstance(value, int) and kind != "text":
        return number(value) if lang == "vi" else f"{value:,}"
    return str(value)


def _word_table(doc, table: ReportTable, lang: str, width, size: int = TABLE_SIZE) -> None:
    _para(doc, table.title, bold=True, align="left", before=12, after=4, keep=True)
    cols = len(table.headers)
    grid = doc.add_table(rows=1 + len(table.rows), cols=cols)
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _column_widths(table, width)
    _set_widths(grid, widths)
    for r, row in enumerate(grid.rows):
        values = table.headers if r == 0 else table.rows[r - 1]
        last = table.total_row and r == len(table.rows)
        trpr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        trpr.append(cant)
        if r == 0:
            header = OxmlElement("w:tblHeader")
            trpr.append(header)
        for c, (cell, value) in enumerate(zip(row.cells, values)):
            kind = table.kinds[c] if c < len(table.kinds) else "text"
            paragraph = cell.paragraphs[0]
            numeric = r > 0 and kind != "text"
            align = "center" if r == 0 or (numeric and c == 0) else ("right" if numeric else "left")
            _format(paragraph, align, after=0)
            paragraph.paragraph_format.line_spacing = 1.0
            run = paragraph.add_run(value if r == 0 else _cell_text(value, kind, lang))
            run.font.size = Pt(size)
            run.bold = (r == 0 or last) or None


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
