"""The merge's outputs read back as a user's tools read them: the consolidated workbook
(openpyxl with and without cached values, python-calamine) and the Word report (python-docx).

The bundled 2024 samples must give every figure of SPEC §5; small builder folders
cover what the samples cannot (hostile text, sentences that follow the data).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from unionxl import schema
from unionxl.cli import main
from unionxl.merge import merge_folder
from unionxl.reader import find_header
from unionxl.writers import write_outputs
from unionxl.writers.workbook import CONSOLIDATED_KIND, INFO_SHEET

from .builders import clean_group, two_groups, write_folder

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "2024"
XLSX, DOCX = "tong-hop-2024.xlsx", "bao-cao-2024.docx"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """One real merge of the bundled samples, run once for the module."""
    if not (SAMPLES / "don-vi-2024.xlsx").exists():
        pytest.skip("samples/2024 not generated")
    before = _hashes(SAMPLES)
    result = merge_folder(SAMPLES)
    out = tmp_path_factory.mktemp("sample-out")
    paths = write_outputs(result, out)
    return {"result": result, "out": out, "paths": paths, "before": before, "after": _hashes(SAMPLES)}


@pytest.fixture(scope="module")
def formulas(sample):
    return openpyxl.load_workbook(sample["out"] / XLSX, data_only=False)


@pytest.fixture(scope="module")
def cached(sample):
    return openpyxl.load_workbook(sample["out"] / XLSX, data_only=True)


@pytest.fixture(scope="module")
def report_rows(sample):
    """The 'Báo cáo' sheet as label -> the cells right of it (via python-calamine)."""
    rows = CalamineWorkbook.from_path(str(sample["out"] / XLSX)).get_sheet_by_name("Báo cáo").to_python()
    return {row[0]: row[1:] for row in rows if row and isinstance(row[0], str) and row[0]}


@pytest.fixture(scope="module")
def paragraphs(sample):
    return [p.text for p in docx.Document(str(sample["out"] / DOCX)).paragraphs]


# ------------------------------------------------------------- samples


def test_merge_writes_every_output(sample):
    names = {p.name for p in sample["paths"]}
    assert {XLSX, DOCX, "tong-hop-2024.json"} <= names
    assert all(p.exists() for p in sample["paths"])


def test_inputs_are_byte_identical_after_the_merge(sample):
    assert sample["before"] and sample["before"] == sample["after"]


def test_summary_totals_are_formulas_with_their_values(formulas, cached):
    ws, values = formulas["Tổng hợp"], cached["Tổng hợp"]
    headers = [c.value for c in ws[4]]
    assert headers[:3] == ["Mã tổ", "Tên tổ", "Số đoàn viên"]
    assert [ws.cell(r, 1).value for r in (5, 36)] == ["T01", "T32"]
    total = 37
    assert ws.cell(total, 1).value == "Cộng"
    expected = {"Số đoàn viên": 307, "Nam": 120, "Nữ": 187, "Đảng viên": 160, "Thu quỹ du lịch": 110_520_000,
                "Thu quỹ tương hỗ": 243_800_000, "Số xuất vay": 24, "Tiền cho vay": 240_000_000}
    for name, value in expected.items():
        col = headers.index(name) + 1
        letter = openpyxl.utils.get_column_letter(col)
        assert ws.cell(total, col).value == f"=SUM({letter}5:{letter}36)"
        assert ws.cell(total, col).data_type == "f"
        assert values.cell(total, col).value == value, name
        assert sum(values.cell(r, col).value for r in range(5, 37)) == value
    assert ws.freeze_panes and ws.auto_filter.ref
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.cell(5, headers.index("Tiền cho vay") + 1).number_format == "#,##0"


def test_every_spec_figure_in_the_report_sheet(report_rows):
    r = report_rows
    assert r["Tổng số đoàn viên công đoàn"][0] == 307
    assert r["Nam"][:2] == [120, pytest.approx(120 / 307)]
    assert r["Nữ"][0] == 187
    assert r["Số tổ công đoàn"][0] == 32
    assert r["Đoàn viên kết nạp mới trong năm"][0] == 0
    assert r["Trình độ học vấn: THPT"][0] == 307
    levels = {"Sau đại học": 18, "Đại học": 140, "Cao đẳng": 49, "Trung cấp": 84, "Chưa qua đào tạo": 16}
    for label, n in levels.items():
        assert r[f"Trình độ chuyên môn: {label}"][0] == n
    assert r["Đảng viên"][0] == 160
    for label, n in {"Cao cấp": 2, "Trung cấp": 40, "Sơ cấp": 52}.items():
        assert r[f"Lý luận chính trị: {label}"][0] == n
    assert r["Đang học TCLLCT"][0] == 9
    assert r["Quỹ du lịch: đoàn viên đóng quỹ (mức đóng mỗi tháng)"][:3] == [307, 30_000, 110_520_000]
    assert r["Quỹ du lịch: hỗ trợ đoàn viên đi du lịch (mức mỗi người)"][:3] == [42, 1_000_000, 42_000_000]
    assert r["Quỹ tương hỗ: đoàn viên đóng quỹ (mức đóng mỗi quý)"][:3] == [307, 200_000, 243_800_000]
    assert r["Quỹ tương hỗ: số lượt quý chưa đóng"][0] == 9
    assert r["Vay vốn quỹ tương hỗ (mức vay mỗi xuất)"][:3] == [24, 10_000_000, 240_000_000]
    assert r["Quà Tết"][:3] == [307, 200_000, 61_400_000]
    assert r["Ngày Thầy thuốc 27/2"][:3] == [307, 150_000, 46_050_000]
    assert r["Quốc tế Phụ nữ 8/3"][:3] == [32, 500_000, 16_000_000]
    hardship = r["Quà Tết hoàn cảnh khó khăn"]
    assert hardship[:3] == [29, 500_000, 14_500_000] and hardship[3:5] == [23, 6]
    assert r["Trong đó: thăm hỏi ốm đau, hiếu hỉ, quà chia tay"][0] == 20


def test_kpi_table(cached):
    ws = cached["Chỉ tiêu"]
    rows = {row[0]: row for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)}
    assert len(rows) == 11
    assert rows[1][2:4] == ("307/307 (100%)", "Đạt")
    assert rows[10][2:4] == ("306/307 (99,7%)", "Không đạt")
    assert rows[8][3] == "Đạt"
    assert rows[9][3] == "Không đạt"  # entered by the treasurer
    assert all(rows[n][3] == "Đạt" for n in (2, 3, 4, 5, 6, 7, 11))


def test_percent_cells_show_what_the_seed_prints(formulas):
    ws = formulas["Báo cáo"]
    formats = {}
    for row in ws.iter_rows():
        if isinstance(row[0].value, str) and isinstance(row[2].value, float):
            formats[row[0].value] = row[2].number_format
    assert formats["Nữ"] == "0.0%"  # 60,9%
    assert formats["Trình độ chuyên môn: Cao đẳng"] == "0%"  # 16%
    assert formats["Lý luận chính trị: Cao cấp"] == "0.00%"  # 0,65%


def test_ledgers_hold_every_accepted_row_with_group_and_labels(cached, sample):
    members = list(cached["Đoàn viên"].iter_rows(min_row=4, values_only=True))
    header, rows = members[0], members[1:]
    assert header[:2] == ("Mã tổ", "Tên tổ")
    assert list(header[2:2 + len(schema.MEMBERS.columns)]) == [c.vi for c in schema.MEMBERS.columns]
    assert len(rows) == 307
    gender = header.index("Giới tính")
    assert sum(1 for r in rows if r[gender] == "Nam") == 120
    assert {r[0] for r in rows} == {f"T{i:02d}" for i in range(1, 33)}
    birth = header.index("Ngày sinh")
    assert all(hasattr(r[birth], "year") for r in rows)
    cccd = header.index("Số CCCD")
    assert all(isinstance(r[cccd], str) and len(r[cccd]) == 12 for r in rows)
    for sheet, count in (("Quỹ du lịch", 307), ("Quỹ tương hỗ", 307), ("Vay vốn", 24),
                         ("Chăm lo", sample["result"].report.account["welfare"].accepted)):
        assert cached[sheet].max_row - 4 == count, sheet


def test_ledgers_can_be_read_back_by_the_reader(sample):
    book = CalamineWorkbook.from_path(str(sample["out"] / XLSX))
    for sheet in schema.GROUP_SHEETS:
        grid = book.get_sheet_by_name(sheet.vi).to_python()
        found = find_header(grid, sheet)
        assert found is not None and found[0] == 3, sheet.key
        assert set(found[1]) == set(sheet.keys), sheet.key
    info = {row[0]: row[1] for row in book.get_sheet_by_name(INFO_SHEET).to_python() if row and row[0]}
    assert info["Loại biểu mẫu"] == CONSOLIDATED_KIND
    assert info["Phiên bản mẫu"] == schema.TEMPLATE_VERSION
    assert info["Năm báo cáo"] == 2024
    assert info["Công đoàn cơ sở"] == "Công đoàn cơ sở Trung tâm Y tế Than Uyên"


def test_findings_and_sources_sheets(cached, sample):
    report = sample["result"].report
    findings = list(cached["Phát hiện"].iter_rows(min_row=5, values_only=True))
    assert len(findings) == len(report.findings)
    # the clean year's 9 unpaid quarters each have their reason in Ghi chú: notes, listed with it
    arrears = [f for f in findings if f[1] == "contribution-arrears-noted"]
    assert len(arrears) == 9 and all(f[0] == "Ghi chú" and f[5] and "lý do đã ghi" in f[7] for f in arrears)
    sources = list(cached["Nguồn"].iter_rows(min_row=5, values_only=True))
    files = {row[0]: row for row in sources[:len(report.files)]}
    t01 = files["T01-ban-giam-doc.xlsx"]
    assert t01[3] == t01[4] + t01[5] and len(t01[6]) == 64
    assert t01[6] == hashlib.sha256((SAMPLES / "T01-ban-giam-doc.xlsx").read_bytes()).hexdigest()
    account = {row[0]: row for row in sources[len(report.files):] if row[0] in ("Đoàn viên", "Chăm lo")}
    assert account["Đoàn viên"][3:7] == (307, 307, 0, "Khớp")


def test_a_finding_whose_message_wraps_gets_the_lines_it_needs(formulas):
    sheet = formulas["Phát hiện"]
    width = schema.FINDINGS_SHEET.columns[7].width  # characters the message column shows on one line
    long_rows = [row[7].row for row in sheet.iter_rows(min_row=5) if len(str(row[7].value or "")) > 2 * width]
    assert long_rows, "no message in the samples wraps: the test proves nothing"
    for r in long_rows:  # 15 points a line: without it the text spills over the rows below
        assert (sheet.row_dimensions[r].height or 0) >= 30, r


EXACT_SENTENCES = [
    "Tổng số: 307 đoàn viên công đoàn, trong đó: Nam 120 người = 39,1%; Nữ: 187 người = 60,9%;",
    "Số tổ công đoàn: 32 tổ công đoàn.",
    "Trình độ học vấn: THPT: 307 người = 100%.",
    "+ Sau đại học: 18 người = 5,9%.",
    "+ Đại học: 140 người = 45,6%.",
    "+ Cao đẳng: 49 người = 16%.",
    "+ Trung cấp: 84 người = 27,4%.",
    "+ Chưa qua đào tạo: 16 người = 5,2%.",
    "+ Đảng viên: 160 người = 52,1%/ tổng đoàn viên công đoàn.",
    "+ Cao cấp: 02 người = 0,65%; Trung cấp: 40 người = 13%; Sơ cấp: 52 người = 16,9%; đang học TCLLCT 09 người.",
    "(1). 307/307 đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh đạt 100% (đạt chỉ tiêu).",
    "(8). Tiếp tục duy trì và thực hiện hiệu quả mô hình: “Quỹ du lịch công đoàn” và “Quỹ tương hỗ công đoàn” "
    "(đạt chỉ tiêu).",
    "+ Trong năm triển khai thu quỹ du lịch tới 100% đoàn viên tham gia với tổng số tiền thu được 110.520.000đ "
    "(mức đóng 30.000đ/tháng/đoàn viên); chi hỗ trợ 42 đoàn viên tham gia du lịch với 1.000.000đ/người.",
    "+ 100% đoàn viên tham gia đóng quỹ tương hỗ với tổng số tiền thu được là 243.800.000đ và triển khai cho "
    "đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là 24 đoàn viên, với mức vay vốn 10.000.000đ/xuất.",
    "(10). 99,7% đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên công đoàn. Hiện còn 01 đoàn "
    "viên chưa được cập nhật",
    "(Không đạt chỉ tiêu, chỉ tiêu giao 100%).",
    "Trong dịp Tết Nguyên đán Giáp Thìn hỗ trợ mỗi đoàn viên 200.000đ; kỷ niệm ngày Thầy thuốc Việt Nam 27/2 mỗi "
    "đoàn viên 150.000đ; hỗ trợ các tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3 mỗi tổ một phần quà trị giá "
    "500.000đ. Chi hỗ trợ 29 đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên đán, mỗi xuất quà trị giá "
    "500.000đ (Công đoàn ngành Y tế Lai Châu tặng 23 xuất, Công đoàn cơ sở tặng 06 xuất); chi thăm hỏi động viên "
    "cán bộ bị ốm đau, hiếu hỉ và quà chia tay 20 lượt.",
    "Trong năm chưa có đoàn viên kết nạp thêm.",
]


@pytest.mark.parametrize("sentence", EXACT_SENTENCES)
def test_word_report_has_the_seed_sentences(paragraphs, sentence):
    assert any(sentence in p for p in paragraphs), sentence


def test_word_report_kpis_entered_by_the_treasurer(paragraphs):
    kpis = [p for p in paragraphs if re.match(r"\(\d+\)\. ", p)]
    assert [int(p[1:p.index(")")]) for p in kpis] == list(range(1, 12))
    assert kpis[8].endswith("(Không đạt chỉ tiêu).")  # (9) no Creative Labour award
    assert kpis[10].endswith("(đạt chỉ tiêu).")


def test_word_report_layout(sample):
    document = docx.Document(str(sample["out"] / DOCX))
    section = document.sections[0]
    mm = lambda length: round(length / 36000)  # noqa: E731 - EMU per mm
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(m) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                            section.right_margin)] == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 13
    fonts = normal.element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Times New Roman"
    motto = document.tables[0].rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in motto and "Độc lập - Tự do - Hạnh phúc" in motto
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and "Hoạt động Công đoàn năm 2024, nhiệm vụ trọng tâm năm 2025" in texts  # the seed's title
    assert "Than Uyên, ngày … tháng … năm …" in document.tables[0].rows[1].cells[1].text
    signature = document.tables[1].rows[0].cells[1].text
    assert "T/M. BAN CHẤP HÀNH" in signature and "CHỦ TỊCH" in signature and "Đinh Xuân Thủy" in signature
    assert document.core_properties.author == "unionxl"
    assert document.core_properties.created.year == 2024
    # The report tables: bordered, header row repeated on every page.
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) == 6
    qn = docx.oxml.ns.qn
    for grid in grids:  # rows reached through public elements: python-docx has no API for these flags
        first, last = (next(row.cells[0].paragraphs[0].paragraph_format.element.iterancestors(qn("w:tr")))
                       for row in (grid.rows[0], grid.rows[-1]))
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert last.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
        assert last.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    # Page numbers from page 2: a PAGE field in the header, none on the first page.
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0].paragraph_format.element
    assert [i.text for i in header.iter(qn("w:instrText"))] == ["PAGE"]
    assert [f.get(qn("w:fldCharType")) for f in header.iter(qn("w:fldChar"))] == ["begin", "end"]
    quantity = grids[0]
    assert [c.text for c in quantity.rows[2].cells] == ["Nam", "120", "39,1%"]


# ------------------------------------------------------ built folders

HOSTILE = {"name": '=HYPERLINK("http://x","y")', "note": "+cmd", "purpose": "@x", "welfare_note": "-1+1"}


@pytest.fixture()
def hostile(tmp_path):
    groups = two_groups()
    first = groups[0]["data"]
    old = first["members"][1]["full_name"]
    for sheet in ("members", "travel_fund", "mutual_fund", "welfare"):
        for row in first[sheet]:
            if row["full_name"] == old:
                row["full_name"] = HOSTILE["name"]
    first["info"]["prepared_by"] = HOSTILE["name"]
    first["members"][1]["note"] = HOSTILE["note"]
    first["members"][1]["software_recorded"] = "Không"  # its note then reaches the Word report
    first["loans"][0]["purpose"] = HOSTILE["purpose"]
    first["welfare"][0]["note"] = HOSTILE["welfare_note"]
    folder = write_folder(tmp_path / "in", groups)
    return folder, tmp_path / "out"


def test_group_text_never_becomes_a_formula_or_link(hostile):
    folder, out = hostile
    before = _hashes(folder)
    write_outputs(merge_folder(folder), out)
    assert _hashes(folder) == before
    book = openpyxl.load_workbook(out / XLSX, data_only=False)
    seen = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    # Only the tool's own formulas: summary totals and the row-account check.
                    assert re.fullmatch(r'=SUM\([A-Z]+\d+:[A-Z]+\d+\)|=IF\([A-Z]+\d+=[A-Z]+\d+\+[A-Z]+\d+,"Khớp","Lệch"\)',
                                        str(cell.value)), (ws.title, cell.coordinate, cell.value)
                elif cell.value in HOSTILE.values():
                    assert cell.data_type == "s"
                    seen.add((ws.title, cell.value))
            assert not ws._hyperlinks
    assert ("Đoàn viên", HOSTILE["name"]) in seen and ("Quỹ du lịch", HOSTILE["name"]) in seen
    assert ("Đoàn viên", HOSTILE["note"]) in seen and ("Vay vốn", HOSTILE["purpose"]) in seen
    assert ("Chăm lo", HOSTILE["welfare_note"]) in seen
    with zipfile.ZipFile(out / XLSX) as z:
        assert not [n for n in z.namelist() if n.endswith(".rels") and b"hyperlink" in z.read(n)]
    with zipfile.ZipFile(out / DOCX) as z:
        body = z.read("word/document.xml").decode()
    assert "w:hyperlink" not in body and "w:fldSimple" not in body and "instrText" not in body
    text = "\n".join(p.text for p in docx.Document(str(out / DOCX)).paragraphs)
    assert HOSTILE["note"] in text  # the unrecorded member's note, as plain text


def test_two_merges_give_the_same_outputs(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        write_outputs(merge_folder(folder), out)
    cells = []
    texts = []
    for out in outs:
        book = CalamineWorkbook.from_path(str(out / XLSX))
        cells.append({name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names})
        document = docx.Document(str(out / DOCX))
        texts.append([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows
                                                              for c in r.cells])
    assert cells[0] == cells[1] and texts[0] == texts[1]
    assert (outs[0] / XLSX).read_bytes() == (outs[1] / XLSX).read_bytes()


def test_sentences_follow_the_data(tmp_path):
    groups = two_groups()
    members = groups[1]["data"]["members"]
    members[0]["social_fund"] = "Không"
    members[2]["software_recorded"] = "Không"
    folder = write_folder(tmp_path / "in", groups)
    write_outputs(merge_folder(folder), tmp_path / "out")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / DOCX)).paragraphs)
    assert ("(1). 5/6 đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh, đạt 83,3%; còn 01 đoàn viên chưa nộp "
            "(Không đạt chỉ tiêu, chỉ tiêu giao 100%).") in text
    assert ("(10). 83,3% đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên công đoàn. "
            "Hiện còn 01 đoàn viên chưa được cập nhật (Không đạt chỉ tiêu, chỉ tiêu giao 100%).") in text
    assert "Tổng số: 6 đoàn viên công đoàn, trong đó: Nam 4 người = 66,7%; Nữ: 2 người = 33,3%;" in text
    # No trip support and a hardship gift nobody received: the sentences say so instead of inventing figures.
    assert "trong năm chưa chi hỗ trợ đoàn viên tham gia du lịch." in text
    assert "chưa có xuất quà cho đoàn viên có hoàn cảnh khó khăn" in text


def test_english_outputs(tmp_path):
    folder = write_folder(tmp_path / "in", [clean_group("T01")])
    write_outputs(merge_folder(folder), tmp_path / "out", lang="en")
    book = openpyxl.load_workbook(tmp_path / "out" / XLSX)
    assert book.sheetnames[:2] == ["Summary", "Members"]
    assert book["Members"]["C4"].value == "No." and book["Members"]["E5"].value == "Male"
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / DOCX)).paragraphs)
    assert "In total: 3 union members, of whom: male 2 = 66.7%; female: 1 = 33.3%;" in text
    assert "SOCIALIST REPUBLIC OF VIETNAM" in docx.Document(str(tmp_path / "out" / DOCX)).tables[0].rows[0].cells[1].text


def test_cli_merge_writes_the_files_and_prints_where(tmp_path):
    folder = write_folder(tmp_path / "in", two_groups())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in (XLSX, DOCX):
        assert (out / name).is_file()
        assert f"Đã ghi: {out / name}" in result.output
