"""The whole annual report: every section of the CĐCS report in the seed's order, the figures of
SPEC §5 in its sentences, the committee's text as written, a visible placeholder (and a note) for a
section left blank, and next year's unit workbook drafted from last year's consolidated workbook.

Expected headings and sentences are the seed report's (shared/seed), typed here, not taken from the code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from tests.builders import complete_texts, two_groups, unit_data, write_folder
from unionxl.cli import main
from unionxl.merge import merge_folder
from unionxl.report_texts import ReportTexts
from unionxl.writers import write_outputs

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DOCX = "bao-cao-2024.docx"
PLACEHOLDER = "[Ban Chấp hành viết nội dung mục này]"

# The seed report's outline (I.1–I.5 with 1.1/1.2 inside I.1, II.1–II.10, III.1–2, IV, V.1–2); where the
# seed names something of 2024 only (a congress, an anniversary), the heading says it for any year.
HEADINGS_2024 = [
    "I. TÌNH HÌNH CÔNG NHÂN, VIÊN CHỨC LAO ĐỘNG",
    "1. Tình hình viên chức người lao động (VCNLĐ)",
    "1.1. Số lượng",
    "1.2. Chất lượng",
    "2. Tình hình việc làm, thu nhập, đời sống của đoàn viên, người lao động",
    "3. Tình hình quan hệ lao động",
    "4. Tình hình tai nạn lao động",
    "5. Những vấn đề tác động đến tổ chức và hoạt động công đoàn",
    "II. KẾT QUẢ HOẠT ĐỘNG CÔNG ĐOÀN NĂM 2024",
    "1. Việc triển khai, cụ thể hóa chủ đề hoạt động công đoàn năm 2024; kết quả thực hiện các chỉ tiêu được giao",
    "2. Tổ chức tuyên truyền, quán triệt, học tập Nghị quyết Đại hội Công đoàn các cấp; xây dựng văn hóa công sở, "
    "thực hiện nếp sống văn minh",
    "3. Việc triển khai thực hiện Chương trình hành động thực hiện Nghị quyết số 02-NQ/TW ngày 12/6/2021 của Bộ "
    "Chính trị về “Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới” và chương trình, kế "
    "hoạch của cấp ủy cùng cấp",
    "4. Hoạt động chăm lo, hỗ trợ cho đoàn viên, người lao động nhất là trong dịp Tết Nguyên đán Giáp Thìn 2024",
    "5. Kết quả công tác phát triển đoàn viên năm 2024",
    "6. Hoạt động trong Tháng Công nhân năm 2024",
    "7. Công tác tham gia xây dựng chính sách, pháp luật liên quan đến người lao động, tổ chức công đoàn; tổ chức "
    "triển khai các quy định mới của pháp luật liên quan đến người lao động",
    "8. Triển khai phong trào thi đua yêu nước năm 2024",
    "9. Triển khai tổ chức hội thi “Cán bộ Công đoàn giỏi” năm 2024",
    "10. Những đổi mới trong công tác lãnh đạo, chỉ đạo và tổ chức thực hiện để thích ứng với bối cảnh thực tiễn; "
    "những kinh nghiệm rút ra",
    "III. MỘT SỐ HẠN CHẾ, KHUYẾT ĐIỂM",
    "1. Tồn tại, hạn chế",
    "2. Nguyên nhân",
    "IV. NHIỆM VỤ, GIẢI PHÁP NĂM 2025",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "1. Đối với Đảng ủy",
    "2. Đối với Công đoàn ngành Y tế Lai Châu",
]
CLOSING = ("Trên đây là báo cáo hoạt động Công đoàn năm 2024, nhiệm vụ trọng tâm năm 2025 của Công đoàn cơ sở "
           "Trung tâm Y tế Than Uyên./.")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """samples/2024 merged once, the report written in both languages."""
    result = merge_folder(SAMPLES / "2024")
    out = tmp_path_factory.mktemp("report")
    write_outputs(result, out / "vi")
    write_outputs(result, out / "en", lang="en")
    return {"result": result, "vi": docx.Document(str(out / "vi" / DOCX)),
            "en": docx.Document(str(out / "en" / DOCX))}


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def section(paragraphs: list[str], heading: str) -> list[str]:
    """The paragraphs under one heading, up to the next heading of the outline."""
    start = paragraphs.index(heading) + 1
    later = [paragraphs.index(h) for h in HEADINGS_2024 if h in paragraphs and paragraphs.index(h) >= start]
    end = min(later + [paragraphs.index(CLOSING)]) if CLOSING in paragraphs else min(later)
    return paragraphs[start:end]


def body_order(document) -> list[str]:
    """What the body holds, in order: 'p:<text>' for a paragraph, 't:<first cell>' for a table."""
    out = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("p:" + "".join(t.text or "" for t in child.iter(docx.oxml.ns.qn("w:t"))))
        elif tag == "tbl":
            out.append("t:" + "".join(t.text or "" for t in child.iter(docx.oxml.ns.qn("w:t"))))
    return out


# ------------------------------------------------------------- structure


def test_every_section_heading_appears_once_in_the_seed_order(sample):
    paragraphs = texts(sample["vi"])
    for heading in HEADINGS_2024:
        assert paragraphs.count(heading) == 1, heading
    positions = [paragraphs.index(h) for h in HEADINGS_2024]
    assert positions == sorted(positions)
    # Nothing but the outline is bold-numbered: no heading of the old report left over.
    assert "4. So sánh với năm 2023" not in paragraphs


def test_closing_signature_recipients_then_the_appendix(sample):
    order = body_order(sample["vi"])
    closing = order.index("p:" + CLOSING)
    signature = next(i for i, item in enumerate(order) if item.startswith("t:Nơi nhận:"))
    appendix = order.index("p:PHỤ LỤC: CÁC BẢNG SỐ LIỆU")
    assert closing < signature < appendix, (closing, signature, appendix)
    table = sample["vi"].tables[1].rows[0].cells
    recipients = table[0].text.split("\n")
    assert recipients[0] == "Nơi nhận:" and recipients[1] == "- CĐ ngành Y tế Lai Châu (b/c);"
    assert recipients[-1] == "- Lưu: CĐCS, VT."
    assert table[1].text.split("\n")[:2] == ["T/M. BAN CHẤP HÀNH", "CHỦ TỊCH"]
    assert table[1].text.split("\n")[-1] == "Đinh Xuân Thủy"


def test_opening_names_the_request_and_the_title_is_the_seeds(sample):
    paragraphs = texts(sample["vi"])
    assert paragraphs[:2] == ["BÁO CÁO", "Hoạt động Công đoàn năm 2024, nhiệm vụ trọng tâm năm 2025"]
    assert ("Thực hiện Công văn số 140/CĐN ngày 16/10/2024 của Công đoàn ngành Y tế tỉnh Lai Châu về việc báo cáo "
            "hoạt động Công đoàn năm 2024, nhiệm vụ trọng tâm năm 2025, Công đoàn cơ sở Trung tâm Y tế Than Uyên "
            "báo cáo kết quả hoạt động như sau:") in paragraphs


# ------------------------------------------------------------- figures (SPEC §5)


def test_generated_sentences_carry_the_spec_figures_in_their_sections(sample):
    p = texts(sample["vi"])
    assert section(p, "1.1. Số lượng") == [
        "- Tổng số: 307 đoàn viên công đoàn, trong đó: Nam 120 người = 39,1%; Nữ: 187 người = 60,9%;",
        "- Số tổ công đoàn: 32 tổ công đoàn."]
    quality = section(p, "1.2. Chất lượng")
    for line in ("- Trình độ học vấn: THPT: 307 người = 100%.", "+ Sau đại học: 18 người = 5,9%.",
                 "+ Đại học: 140 người = 45,6%.", "+ Cao đẳng: 49 người = 16%.", "+ Trung cấp: 84 người = 27,4%.",
                 "+ Chưa qua đào tạo: 16 người = 5,2%.",
                 "+ Đảng viên: 160 người = 52,1%/ tổng đoàn viên công đoàn.",
                 "+ Cao cấp: 02 người = 0,65%; Trung cấp: 40 người = 13%; Sơ cấp: 52 người = 16,9%; "
                 "đang học TCLLCT 09 người."):
        assert line in quality, line
    accidents = section(p, "4. Tình hình tai nạn lao động")
    assert accidents[0] == ("Tính đến thời điểm báo cáo trong đơn vị không xảy ra tai nạn lao động, không có "
                            "trường hợp mắc bệnh nghề nghiệp.")
    targets = section(p, HEADINGS_2024[9])
    assert "(1). 307/307 đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh đạt 100% (đạt chỉ tiêu)." in targets
    travel = next(line for line in targets if line.startswith("+ Trong năm triển khai thu quỹ du lịch"))
    assert "110.520.000đ (mức đóng 30.000đ/tháng/đoàn viên)" in travel
    assert "chi hỗ trợ 42 đoàn viên tham gia du lịch với 1.000.000đ/người" in travel
    mutual = next(line for line in targets if "quỹ tương hỗ với tổng số tiền thu được" in line)
    assert "243.800.000đ" in mutual and "vay vốn là 24 đoàn viên, với mức vay vốn 10.000.000đ/xuất" in mutual
    software = next(line for line in targets if line.startswith("(10)."))
    assert software.startswith("(10). 99,7% đoàn viên công đoàn được cập nhật") and "Hiện còn 01 đoàn viên" in software
    assert software.endswith("(Không đạt chỉ tiêu, chỉ tiêu giao 100%).")
    assert [line[:4] for line in targets if line.startswith("(")] == [f"({n})." if n < 10 else f"({n})"
                                                                      for n in range(1, 12)]
    care = section(p, HEADINGS_2024[12])
    welfare = care[0]
    for part in ("Trong dịp Tết Nguyên đán Giáp Thìn hỗ trợ mỗi đoàn viên 200.000đ",
                 "kỷ niệm ngày Thầy thuốc Việt Nam 27/2 mỗi đoàn viên 150.000đ",
                 "nhân ngày Quốc tế Phụ nữ 08/3 mỗi tổ một phần quà trị giá 500.000đ",
                 "Chi hỗ trợ 29 đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên đán, mỗi xuất quà trị giá "
                 "500.000đ (Công đoàn ngành Y tế Lai Châu tặng 23 xuất, Công đoàn cơ sở tặng 06 xuất)",
                 "chi thăm hỏi động viên cán bộ bị ốm đau, hiếu hỉ và quà chia tay 20 lượt."):
        assert part in welfare, part
    assert section(p, "5. Kết quả công tác phát triển đoàn viên năm 2024")[0] == \
        "- Trong năm chưa có đoàn viên kết nạp thêm."
    assert "Kết quả: đội thi của Công đoàn cơ sở đạt giải khuyến khích." in \
        section(p, "9. Triển khai tổ chức hội thi “Cán bộ Công đoàn giỏi” năm 2024")


# ------------------------------------------------------------- the committee's text


def test_the_committees_text_is_in_its_place_line_by_line(sample):
    """Each line the committee typed (read here with openpyxl, not our reader) is a paragraph under its heading."""
    ws = openpyxl.load_workbook(SAMPLES / "2024" / "don-vi-2024.xlsx")["Nội dung báo cáo"]
    typed = {row[0].value: row[2].value for row in ws.iter_rows(min_row=4) if row[0].value and row[2].value}
    p = texts(sample["vi"])
    jobs = typed["I.2"].split("\n")
    assert len(jobs) == 3 and all(line.startswith("- ") for line in jobs)
    assert section(p, HEADINGS_2024[4]) == jobs
    assert section(p, "IV. NHIỆM VỤ, GIẢI PHÁP NĂM 2025") == typed["IV"].split("\n")
    # 'both' sections: the text after the generated sentences, or before them where the seed puts it first.
    accidents = section(p, "4. Tình hình tai nạn lao động")
    assert accidents[1:] == typed["I.4"].split("\n")
    targets = section(p, HEADINGS_2024[9])
    assert targets[0] == typed["II.1"] and targets[1].startswith("- Kết quả thực hiện các chỉ tiêu")
    assert PLACEHOLDER not in p


def test_english_report_has_the_same_structure(sample):
    vi, en = texts(sample["vi"]), texts(sample["en"])
    assert len(vi) == len(en)
    assert en[vi.index(HEADINGS_2024[0])] == "I. THE WORKFORCE"
    assert en[vi.index("IV. NHIỆM VỤ, GIẢI PHÁP NĂM 2025")] == "IV. TASKS AND SOLUTIONS FOR 2025"
    assert en[vi.index("2. Đối với Công đoàn ngành Y tế Lai Châu")] == "2. To Công đoàn ngành Y tế Lai Châu"
    assert ("- In total: 307 union members, of whom: male 120 = 39.1%; female: 187 = 60.9%;"
            == en[vi.index("1.1. Số lượng") + 1])
    # The committee's text stays as written, in either language.
    assert en[vi.index(HEADINGS_2024[4]) + 1] == vi[vi.index(HEADINGS_2024[4]) + 1]


# ------------------------------------------------------------- blank sections and typed facts


def _unit_with(tmp_path: Path, report: ReportTexts) -> Path:
    data = unit_data(["T01", "T02"])
    data["report"] = report
    return write_folder(tmp_path / "in", two_groups(), unit=data)


def test_a_blank_section_prints_the_placeholder_and_a_note_at_its_cell(tmp_path):
    report = complete_texts()
    del report.texts["labour_relations"]  # I.3, the sheet's second row
    report.facts["occupational_disease"] = None
    folder = _unit_with(tmp_path, report)
    result = merge_folder(folder)
    found = [(f.code, f.file, f.sheet, f.cell, str(f.severity)) for f in result.report.findings]
    assert found == [
        ("report-text-missing", "don-vi.xlsx", "Nội dung báo cáo", "C5", "note"),
        ("report-fact-missing", "don-vi.xlsx", "Nội dung báo cáo", "C8", "note"),
    ]
    assert result.report.exit_code == 0
    message = result.report.findings[0].message()
    assert "I.3" in message and "Tình hình quan hệ lao động" in message and "Viết nội dung vào ô này" in message
    write_outputs(result, tmp_path / "out")
    p = texts(docx.Document(str(tmp_path / "out" / DOCX)))
    assert p[p.index("3. Tình hình quan hệ lao động") + 1] == PLACEHOLDER
    assert p.count(PLACEHOLDER) == 1
    assert p[p.index("4. Tình hình tai nạn lao động") + 1] == (
        "Tính đến thời điểm báo cáo trong đơn vị không xảy ra tai nạn lao động, chưa có số liệu về bệnh nghề nghiệp.")


def test_line_breaks_and_bullets_are_kept_as_typed(tmp_path):
    folder = _unit_with(tmp_path, complete_texts())
    book = openpyxl.load_workbook(folder / "don-vi.xlsx")
    ws = book["Nội dung báo cáo"]
    assert ws["A4"].value == "I.2"
    ws["C4"].value = "Đoạn mở đầu.\r\n\r\n-   Ý thứ nhất  \n+ Ý phụ\n\n\n- Ý thứ hai\n"
    book.save(folder / "don-vi.xlsx")
    result = merge_folder(folder)
    assert result.report.findings == []
    write_outputs(result, tmp_path / "out")
    p = texts(docx.Document(str(tmp_path / "out" / DOCX)))
    heading = p.index(HEADINGS_2024[4])
    assert p[heading + 1:heading + 5] == ["Đoạn mở đầu.", "- Ý thứ nhất", "+ Ý phụ", "- Ý thứ hai"]
    assert p[heading + 5] == "3. Tình hình quan hệ lao động"


def test_a_fact_cell_is_checked_like_any_other_cell(tmp_path):
    folder = _unit_with(tmp_path, complete_texts())
    book = openpyxl.load_workbook(folder / "don-vi.xlsx")
    ws = book["Nội dung báo cáo"]
    assert ws["B7"].value == "Số vụ tai nạn lao động trong năm"
    ws["C7"].value = "hai vụ"
    assert ws["B19"].value == "Kết quả đội thi của đơn vị"
    ws["C19"].value = "giai khuyen khich"  # no diacritics: forgiven, with a warning
    book.save(folder / "don-vi.xlsx")
    result = merge_folder(folder)
    found = {(f.code, f.cell): str(f.severity) for f in result.report.findings}
    assert found == {("cell-type", "C7"): "error", ("cell-choice-normalised", "C19"): "warning"}
    assert all(f.sheet == "Nội dung báo cáo" for f in result.report.findings)
    write_outputs(result, tmp_path / "out")
    p = texts(docx.Document(str(tmp_path / "out" / DOCX)))
    assert ("Tính đến thời điểm báo cáo trong đơn vị chưa có số liệu về tai nạn lao động, không có trường hợp mắc "
            "bệnh nghề nghiệp.") in p
    assert "Kết quả: đội thi của Công đoàn cơ sở đạt giải khuyến khích." in p


def test_a_row_with_an_unknown_section_number_is_rejected_not_dropped(tmp_path):
    folder = _unit_with(tmp_path, complete_texts())
    book = openpyxl.load_workbook(folder / "don-vi.xlsx")
    ws = book["Nội dung báo cáo"]
    ws["A40"].value, ws["C40"].value = "II.99", "Một đoạn không thuộc mục nào."
    book.save(folder / "don-vi.xlsx")
    result = merge_folder(folder)
    [f] = result.report.findings
    assert (f.code, f.cell, f.value, str(f.severity)) == ("report-section-unknown", "A40", "II.99", "warning")
    account = result.report.account["report_texts"]
    assert account.rejected == 1 and account.read == account.accepted + 1


def test_an_old_unit_workbook_without_the_sheet_gets_one_note(tmp_path):
    folder = _unit_with(tmp_path, complete_texts())
    book = openpyxl.load_workbook(folder / "don-vi.xlsx")
    del book["Nội dung báo cáo"]
    book.save(folder / "don-vi.xlsx")
    result = merge_folder(folder)
    assert [(f.code, str(f.severity)) for f in result.report.findings] == [("report-sheet-missing", "note")]
    write_outputs(result, tmp_path / "out")
    p = texts(docx.Document(str(tmp_path / "out" / DOCX)))
    assert p.count(PLACEHOLDER) == 19  # every written section, none dropped


# ------------------------------------------------------------- last year's text as this year's draft


def test_template_unit_previous_prefills_last_years_texts(tmp_path):
    previous = SAMPLES / "tong-hop" / "tong-hop-2023.xlsx"
    last = openpyxl.load_workbook(previous)["Nội dung báo cáo"]
    written_2023 = {row[0].value: row[2].value for row in last.iter_rows(min_row=4)
                    if row[0].value and isinstance(row[2].value, str)}
    assert len(written_2023) == 19
    out = tmp_path / "don-vi-2024.xlsx"
    result = CliRunner().invoke(main, ["template", "unit", str(out), "--previous", str(previous)])
    assert result.exit_code == 0, result.output
    assert "19 mục" in result.output and "32 tổ công đoàn" in result.output
    book = openpyxl.load_workbook(out)
    ws = book["Nội dung báo cáo"]
    rows = {row[0].value: (row[1].value, row[2].value, row[3].value) for row in ws.iter_rows(min_row=4)
            if row[0].value}
    for number, text in written_2023.items():
        if rows[number][0].startswith("Số ") or rows[number][0].startswith("Kết quả"):
            continue
        assert rows[number][1] == text and rows[number][2] == "Năm trước — cần cập nhật", number
    assert rows["II.5"][0] == "Kết quả công tác phát triển đoàn viên năm 2024"  # headings are this year's
    info = {row[0].value: row[1].value for row in book["Thông tin đơn vị"].iter_rows(min_row=3)}
    assert info["Năm báo cáo"] == 2024
    assert info["Số dư quỹ tương hỗ năm trước chuyển sang"] == 243_150_000  # 2023's closing balance (samples/README)
    assert book["Tổ công đoàn"]["B4"].value == "T01" and book["Tổ công đoàn"]["B35"].value == "T32"

    # Merged as it is, the draft says which sections still hold last year's text.
    folder = tmp_path / "2024"
    shutil.copytree(SAMPLES / "2024", folder)
    shutil.copyfile(out, folder / "don-vi-2024.xlsx")
    merged = merge_folder(folder)
    previous_left = [f for f in merged.report.findings if f.code == "report-text-previous"]
    assert len(previous_left) == 19 and {f.cell[0] for f in previous_left} == {"D"}
    assert "vẫn là nội dung năm trước" in previous_left[0].message()


def test_template_unit_previous_refuses_a_workbook_that_is_not_consolidated(tmp_path):
    result = CliRunner().invoke(main, ["template", "unit", str(tmp_path / "u.xlsx"), "--previous",
                                       str(SAMPLES / "2024" / "don-vi-2024.xlsx")])
    assert result.exit_code == 2
    assert "không phải bản tổng hợp unionxl" in result.output
    assert not (tmp_path / "u.xlsx").exists()


# ------------------------------------------------------------- sector level


def test_sector_report_follows_the_same_outline_and_adds_up_the_accidents(tmp_path):
    out = tmp_path / "sector"
    CliRunner().invoke(main, ["rollup", str(SAMPLES / "nganh-2024" / "tong-hop"), "-o", str(out)])
    p = texts(docx.Document(str(out / DOCX)))
    # Than Uyên 0, Tam Đường 0, the provincial hospital 1 (samples/generate_sector.py).
    assert p[p.index("4. Tình hình tai nạn lao động") + 1] == (
        "Tính đến thời điểm báo cáo trong các đơn vị xảy ra 01 vụ tai nạn lao động, không có trường hợp mắc bệnh "
        "nghề nghiệp.")
    # The contest is a CĐCS's own: at sector level the sections after it move up one number.
    assert not any("Cán bộ Công đoàn giỏi" in line for line in p)
    assert "9. Những đổi mới trong công tác lãnh đạo, chỉ đạo và tổ chức thực hiện để thích ứng với bối cảnh " \
           "thực tiễn; những kinh nghiệm rút ra" in p
    assert p.index("III. MỘT SỐ HẠN CHẾ, KHUYẾT ĐIỂM") < p.index("IV. NHIỆM VỤ, GIẢI PHÁP NĂM 2025")
