"""Hostile input and interrupted runs: nothing injected, nothing leaked, nothing half-written, inputs untouched.

Memory is measured in a child process (peak RSS from getrusage, with an address-space
limit as a safety net), never by timing. docs/security.md lists what is defended.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import python_calamine
from click.testing import CliRunner

from unionxl import reader
from unionxl.xlsx import guard
from unionxl.cli import main
from unionxl.reader import read_workbook

from .badinput.make_corpus import FILES, INJECTIONS, _rewrite_part, billion_laughs, xxe
from .builders import PEOPLE, clean_group, two_groups, unit_data, write_folder

ROOT = Path(__file__).resolve().parents[1]


def _codes(path: Path) -> list[str]:
    return [f.code for f in read_workbook(path)[1]]


def _group_file(folder: Path, code: str = "T01", **kw) -> Path:
    write_folder(folder, [clean_group(code, **kw)])
    return folder / f"{code}.xlsx"


def _in_child(code: str, limit_mb: int = 2048) -> tuple[dict, int]:
    """Run `code` in a fresh Python under an address-space limit; it reports with emit(dict).
    Return that dict and the child's own peak RSS in MB."""
    prelude = (f"import json, resource, sys\n"
               f"resource.setrlimit(resource.RLIMIT_AS, ({limit_mb} << 20, {limit_mb} << 20))\n"
               f"sys.path.insert(0, {str(ROOT)!r})\n"
               # ru_maxrss survives execve on Linux (it keeps the forked pytest's pages): VmHWM is this
               # address space's own high-water mark.
               "def peak_mb():\n"
               "    for line in open('/proc/self/status'):\n"
               "        if line.startswith('VmHWM:'):\n"
               "            return int(line.split()[1]) // 1024\n"
               "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
               "def emit(result):\n"
               "    print(json.dumps({'result': result, 'peak_mb': peak_mb()}))\n")
    done = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    return report["result"], report["peak_mb"]


# ------------------------------------------------------------------- XML


def test_an_external_entity_is_refused_and_never_leaks(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-5f3a9c-never-in-output", encoding="utf-8")
    path = _group_file(tmp_path / "in")
    _rewrite_part(path, "xl/sharedStrings.xml", lambda xml: xxe(xml, str(secret)))

    book, findings = read_workbook(path)
    assert [f.code for f in findings] == ["file-unsafe"] and not book.accepted
    assert "TOKEN" not in repr(findings)

    # Below our guard, calamine itself (quick-xml) expands no entity: prove it on the same file.
    try:
        raw = python_calamine.CalamineWorkbook.from_path(str(path))
        values = [raw.get_sheet_by_name(name).to_python() for name in raw.sheet_names]
    except Exception as exc:  # refusing the file is fine too
        values = [str(exc)]
    assert "TOKEN" not in repr(values)


def _add_part(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)


# What Excel writes for a workbook with a Power Query: a UTF-16 part no reader takes anything from.
MASHUP = '<?xml version="1.0" encoding="utf-16"?><DataMashup xmlns="http://schemas.microsoft.com/DataMashup">' \
         'AAAAABQDAABQSwMEFAACAAgA</DataMashup>'


@pytest.mark.parametrize("name, data", [
    ("customXml/item1.xml", MASHUP.encode("utf-16")),  # with a byte-order mark, as Excel writes it
    ("customXml/item2.xml", MASHUP.encode("utf-16-le")),  # '<' then a zero byte, no mark
    ("xl/customProperty1.bin", "<Smart View ad-hoc grid>".encode("utf-16-le")),  # an add-in's sheet property
    ("xl/customProperty2.bin", b"<\x00" + bytes([0x00, 0xD8, 0x41, 0x00])),  # binary: not UTF-16 at all
], ids=["power-query", "power-query-no-mark", "add-in-property", "binary-property"])
def test_a_utf16_part_no_reader_uses_leaves_the_workbook_readable(tmp_path, name, data):
    path = _group_file(tmp_path / "in")
    _add_part(path, name, data)
    book, findings = read_workbook(path)
    assert book.accepted and findings == []
    assert len(book.rows("members")) == len(clean_group("T01")["data"]["members"])


@pytest.mark.parametrize("name, text, detail", [
    ("customXml/item1.xml", '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>', "DTD"),
    ("customXml/item1.xml", '<?xml version="1.0" encoding="utf-16"?><worksheet><sheetData><row r="1">'
                            '<c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>', "not_utf8"),
    ("customXml/item1.xml", '<x:sst xmlns:x="urn:x" uniqueCount="999999999"><x:si/></x:sst>', "not_utf8"),
    ("xl/sharedStrings.xml", None, "not_utf8"),  # a part calamine opens by its name, whatever it holds
], ids=["dtd", "sheet-data", "prefixed-shared-strings", "named-part"])
def test_a_utf16_part_a_reader_would_use_or_with_a_dtd_is_refused(tmp_path, name, text, detail):
    path = _group_file(tmp_path / "in")
    if text is None:
        _rewrite_part(path, name, lambda xml: xml.decode("utf-8").encode("utf-16"))
    else:
        _add_part(path, name, text.encode("utf-16"))
    book, findings = read_workbook(path)
    assert [f.code for f in findings] == ["file-unsafe"] and not book.accepted
    assert detail in str(findings[0].params["detail"])


def test_billion_laughs_is_refused_and_calamine_alone_stays_small(tmp_path):
    path = _group_file(tmp_path / "in")
    _rewrite_part(path, "xl/worksheets/sheet3.xml", billion_laughs)
    assert _codes(path) == ["file-unsafe"]

    out, peak_mb = _in_child(f"""
import python_calamine
try:
    book = python_calamine.CalamineWorkbook.from_path({str(path)!r})
    size = sum(len(repr(book.get_sheet_by_name(n).to_python())) for n in book.sheet_names)
except Exception as exc:
    size = -1
emit({{"size": size}})
""")
    assert out["size"] < 10_000_000  # 10^10 'lol's would be 30 GB
    assert peak_mb < 400


# ------------------------------------------------------------- zip bombs


def test_bombs_are_refused_within_bounded_memory():
    names = ["bom-zip.xlsx", "bom-zip-khai-sai.xlsx", "bom-kich-thuoc.xlsx", "bom-lap.ods"]
    out, peak_mb = _in_child(f"""
from pathlib import Path
from unionxl.reader import read_workbook
emit({{n: [f.code for f in read_workbook(Path({str(FILES)!r}) / n)[1]] for n in {names!r}}})
""")
    assert out == {name: ["file-too-large"] for name in names}
    assert peak_mb < 200  # 60 MB of zeros, a 17-billion-cell sheet: none of it is ever held


def test_sizes_that_lie_are_caught_by_counting_real_bytes(monkeypatch, tmp_path):
    # With the ratio check out of the way, the bomb whose sizes lie is still stopped by the real count.
    monkeypatch.setattr(guard, "MAX_INFLATE_RATIO", 10**9)
    monkeypatch.setattr(guard, "MAX_PART_BYTES", 8 * 1024 * 1024)
    assert _codes(FILES / "bom-zip-khai-sai.xlsx") == ["file-too-large"]

    # A part longer than declared, harmless in size, is refused as abnormal.
    path = _group_file(tmp_path / "in")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/styles.xml")
    central = data.find(b"PK\x01\x02" + bytes(data[info.header_offset + 4: info.header_offset + 6]), 0)
    while data[central + 46: central + 46 + len(b"xl/styles.xml")] != b"xl/styles.xml":
        central = data.find(b"PK\x01\x02", central + 4)
    for offset in (info.header_offset + 22, central + 24):
        data[offset: offset + 4] = (info.file_size - 100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    book, findings = read_workbook(path)
    assert [f.code for f in findings] == ["file-unsafe"] and "styles.xml" in findings[0].message("en")


def test_a_huge_file_is_refused_before_reading(monkeypatch, tmp_path):
    monkeypatch.setattr(guard, "MAX_FILE_BYTES", 1000)
    assert _codes(_group_file(tmp_path / "in")) == ["file-too-large"]


# ------------------------------------------------- inputs are only read


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _hostile_folder(folder: Path) -> Path:
    people = [(name, *person[1:]) for name, person in zip(INJECTIONS, PEOPLE)]
    hostile = clean_group("T03", people=people, offset=300)
    hostile["data"]["loans"][0]["purpose"] = INJECTIONS[3]
    hostile["data"]["members"][1]["note"] = INJECTIONS[4]
    hostile["data"]["welfare"][-1]["full_name"] = INJECTIONS[5]
    hostile["data"]["members"][2]["birth_date"] = "20/01/2001"  # a finding, so a feedback copy is written
    write_folder(folder, [*two_groups(), hostile], unit=unit_data(["T01", "T02", "T03"]))
    shutil.copy(FILES / "B12-loi-cong-thuc.xlsx", folder)  # a file with errors: more feedback
    return folder


def test_inputs_are_byte_identical_after_validate_and_merge(tmp_path):
    folder = _hostile_folder(tmp_path / "in")
    for name in ("cat-ngang.xlsx", "B04-calc.ods", "B03-excel-97.xls", "~$B03-excel-97.xlsx"):
        shutil.copy(FILES / name, folder)
    before = _digests(folder)
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(folder)]).exit_code == 1
    outcome = runner.invoke(main, ["merge", str(folder), "-o", str(tmp_path / "out")])
    assert outcome.exit_code == 1, outcome.output
    assert _digests(folder) == before


# ------------------------------------------ nothing becomes a formula


_PAYLOAD = re.compile(r"HYPERLINK|cmd\||1\+1|2\+3|SUM\(A1\)|example\.invalid", re.IGNORECASE)


def test_no_group_string_becomes_a_formula_or_a_link_in_any_output(tmp_path):
    folder = _hostile_folder(tmp_path / "in")
    out = tmp_path / "out"
    outcome = CliRunner().invoke(main, ["merge", str(folder), "-o", str(out)])
    assert outcome.exit_code == 1, outcome.output
    written = [p for p in out.rglob("*") if p.suffix in (".xlsx", ".docx")]
    assert any(p.suffix == ".xlsx" and "tong-hop" in p.name for p in written)
    assert any(p.suffix == ".docx" for p in written)
    seen_as_text = False
    for path in written:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                text = archive.read(name).decode("utf-8", "replace")
                if name.endswith(".rels"):
                    assert 'TargetMode="External"' not in text, f"{path.name}:{name} links outside"
                    continue
                for formula in re.findall(r"<f(?:\s[^>]*)?>(.*?)</f>", text, re.S):
                    assert not _PAYLOAD.search(formula), f"{path.name}:{name} has formula {formula!r}"
                for field in re.findall(r"<w:instrText[^>]*>(.*?)</w:instrText>|w:instr=\"([^\"]*)\"", text):
                    assert not _PAYLOAD.search("".join(field)), f"{path.name}:{name} has field {field!r}"
                assert "<hyperlink " not in text or "example.invalid" not in text
                seen_as_text = seen_as_text or "+1+1" in text
    assert seen_as_text, "the names should still be there, as text"


# ------------------------------------------------ nothing half-written


def _merge_process(folder: Path, out: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "unionxl", "merge", str(folder), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, **(env or {})})


def _opens(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except zipfile.BadZipFile:
        return False


def test_a_killed_merge_leaves_no_half_written_workbook(tmp_path):
    """Killed exactly while the consolidated workbook is half-written (the writer's test-only pause:
    XlsxWriter has saved it, its ledger rows are not in yet), nothing carries an output name."""
    from unionxl.writers.workbook import PAUSE_ENV
    from unionxl.xlsx.ledgers import sheet_parts

    folder = _hostile_folder(tmp_path / "in")
    out, flag = tmp_path / "out0", tmp_path / "paused"
    proc = _merge_process(folder, out, {PAUSE_ENV: str(flag)})
    try:
        deadline = time.monotonic() + 300
        while not flag.exists():
            assert proc.poll() is None, "the merge ended without reaching the writer's pause"
            assert time.monotonic() < deadline, "the merge never reached the writer's pause"
            time.sleep(0.05)
        half = [p for p in out.glob(".unionxl-*.xlsx")]
        assert len(half) == 1  # the temporary file, mid-write
        with zipfile.ZipFile(half[0]) as archive:  # a workbook without its ledger rows so far
            members = archive.read(sheet_parts(archive)["Đoàn viên"])
            assert b'<row r="4"' in members and b'<row r="5"' not in members  # headers, no member yet
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert list(out.glob("tong-hop-*.xlsx")) == []
    assert list(out.glob(".unionxl-*.xlsx")) == half  # left behind, hidden, for the next run to remove

    # The next run into the same folder removes what the killed one left and writes whole files.
    out = tmp_path / "out0"
    done = subprocess.run([sys.executable, "-m", "unionxl", "merge", str(folder), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1, done.stderr
    assert [p.name for p in out.rglob(".unionxl-*")] == []
    assert all(_opens(p) for p in out.glob("tong-hop-*.xlsx")) and list(out.glob("tong-hop-*.xlsx"))
