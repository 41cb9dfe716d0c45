"""Nothing Vietnamese reaches an English reader but the data itself.

Walks every finding code (rendered from representative raw parameters) and every output of
`--lang en` on the bundled samples: the console, the JSON, the consolidated workbook, the blank
templates and the feedback copies. A string fails when, once the data read from the workbooks (people's
and places' names, the officers' own sheet and file names, what a cell held) is taken out, it still
holds a letter only Vietnamese uses. Proper names that English writes the Vietnamese way are listed in
PROPER_NAMES, each with its reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from unionxl import i18n, schema
from unionxl.texts import CATALOGUE as TEXTS
from unionxl.cli import main
from unionxl.findings import CATALOGUE, Finding
from unionxl.merge import merge_folder
from unionxl.template import write_blank_templates
from unionxl.writers import write_outputs

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("2024", "2024-loi")

# Letters English never uses: đ and the vowels with Vietnamese marks (plain ASCII, é or ñ pass).
VIETNAMESE = re.compile("[đĐăĂâÂêÊôÔơƠưƯ"
                        "àáảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                        "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]")

PROPER_NAMES = (
    "Tết",  # the holiday's name, spelt so in English too
    "Lao Động",  # a newspaper's name (a KPI counts subscriptions to it)
    "Công đoàn cơ sở Trung tâm Y tế Than Uyên",  # the template's example of a union's own name
    "Công đoàn ngành Y tế Lai Châu",  # likewise for the sector union
)


def _leftover(text: str, data: list[str]) -> str | None:
    """The text without its data and proper names, when Vietnamese is still left in it; else None."""
    if not VIETNAMESE.search(text):
        return None
    for known in (*data, *PROPER_NAMES):
        if known in text:
            text = text.replace(known, "")
            if not VIETNAMESE.search(text):
                return None
    return text


def _data_strings(result) -> list[str]:
    """What was read from the officers' workbooks: every text value, sheet and file name, finding value."""
    found: set[str] = set()
    dataset = result.dataset
    for book in [*dataset.groups, *([dataset.unit] if dataset.unit else [])]:
        found.add(book.display)
        for sheet in [*book.tables.values(), *book.fields.values()]:
            found.add(sheet.name)
            rows = sheet.rows if hasattr(sheet, "rows") else [sheet]
            for row in rows:
                found.update(v for v in row.values.values() if isinstance(v, str))
    for f in result.report.findings:
        found.update((f.file, f.sheet, f.shown_value("en")))
        found.update(v for v in f.params.values() if isinstance(v, str))
        found.update(v["group"] for v in f.params.values() if isinstance(v, dict) and "group" in v)
    data = {s for s in found if s and VIETNAMESE.search(s)}
    # The console cuts long group names to fit its table: their beginnings are data too.
    data |= {d[:n] for d in data if len(d) > 24 for n in range(24, len(d))}
    return sorted(data, key=len, reverse=True)  # longest first: a name is taken out whole


def _strings_of_workbook(path: Path):
    """(where, text) of every text a person can read in a workbook: cells, comments, input prompts."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        yield f"{sheet.title} (sheet name)", sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield f"{sheet.title}!{cell.coordinate}", cell.value
                if cell.comment is not None:
                    yield f"{sheet.title}!{cell.coordinate} (comment)", cell.comment.text
        for rule in sheet.data_validations.dataValidation:
            for part in ("promptTitle", "prompt", "errorTitle", "error"):
                if getattr(rule, part):
                    yield f"{sheet.title}!{rule.sqref} ({part})", getattr(rule, part)


def _strings_of_json(value, where="$"):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_of_json(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings_of_json(item, f"{where}[{i}]")
    elif isinstance(value, str):
        yield where, value


def _assert_english(strings, data, what: str) -> None:
    leaks = {}
    for where, text in strings:
        left = _leftover(text, data)
        if left is not None:
            leaks.setdefault(left, where)
    assert not leaks, f"Vietnamese in the English {what}:\n" + "\n".join(
        f"  {where}: {left!r}" for left, where in list(leaks.items())[:20])


# ------------------------------------------------------------------ every finding code

_PERSON = "Nguyễn Thị Hằng (012345678901)"
_REPRESENTATIVE = {  # spec -> a raw parameter of the kind a check passes
    "vnd": 200_000, "num": 1_234, "date": dt.date(1985, 3, 5), "quarter": 4, "month": 3, "period": "q4",
    "sheet": "mutual_fund", "column": "members.cccd", "columns": ["members.full_name", "members.cccd"],
    "choice": "gender.female", "choices": "welfare_kind",
}
_TEXT_KEYS = [k for k in TEXTS if k.split(".")[0] in ("skip", "type", "unreadable", "unsafe", "rollup")]


def _params_for(template: str, text_key: str) -> dict:
    params = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if not name:
            continue
        if spec == "{format}":  # a spec named by another parameter
            params["format"], spec = "vnd", "vnd"
        elif spec == "list.{list}":
            params["list"], spec = "welfare_kind", "list.welfare_kind"
        if spec in _REPRESENTATIVE:
            params[name] = _REPRESENTATIVE[spec]
        elif spec and spec.startswith("list."):
            params[name] = schema.LISTS[spec[5:]].choices[0].key
        elif spec == "text":
            inner = [field for _, field, _, _ in string.Formatter().parse(i18n.text(text_key, "en")) if field]
            params[name] = (text_key, {field: "unionxl" for field in inner}) if inner else text_key
        elif spec == "who":
            params[name] = {"group": "Trạm Y tế xã Mường Kim"}
        else:
            params[name] = _PERSON  # a name, a code, a cell: data as the officer typed it
    return params


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_finding_code_reads_in_english(code):
    entry = CATALOGUE[code]
    keys = _TEXT_KEYS if "text}" in entry.template("en") else [None]
    for key in keys:
        params = _params_for(entry.template("en"), key)
        value = params.pop("value", "Nguyễn Văn Ánh")
        found = Finding(code, "T01-khoa-noi.xlsx", "Đoàn viên", "C4", value, params, "T01")
        english = found.message("en")
        assert "?" not in english.replace("NAME?", ""), f"{code}: a parameter is missing: {english}"
        left = _leftover(english, [_PERSON, "Nguyễn Văn Ánh", "Trạm Y tế xã Mường Kim", "Đoàn viên"])
        assert left is None, f"{code} ({key}): Vietnamese in {english!r}"
        assert found.message("vi") != english


def test_every_text_of_the_catalogue_has_an_english_side_without_vietnamese():
    # The issuing body's code in the document number ("No.: …/BC-CĐCS") is a code, kept as issued.
    codes = {"report.issuer_unit", "report.issuer_sector"}
    for key in TEXTS.keys() - codes:
        for english in i18n.paragraphs(key, "en"):  # a text, or the paragraphs of the template's instructions
            assert english and _leftover(english, []) is None, f"{key}: {english!r}"


# ------------------------------------------------------------------ every output


@pytest.fixture(scope="module", params=SAMPLES)
def english_run(request, tmp_path_factory):
    folder = ROOT / "samples" / request.param
    out = tmp_path_factory.mktemp(f"en-{request.param}")
    result = merge_folder(folder)
    paths = write_outputs(result, out, "en")
    console = CliRunner().invoke(main, ["validate", str(folder), "--lang", "en", "--all"])
    return folder, result, paths, console.output, _data_strings(result)


def test_console_in_english(english_run):
    _, _, _, console, data = english_run
    assert "Result:" in console
    _assert_english([(f"line {i}", line) for i, line in enumerate(console.splitlines(), 1)], data, "console")


def test_json_in_english(english_run):
    _, _, paths, _, data = english_run
    (path,) = [p for p in paths if p.suffix == ".json"]
    _assert_english(_strings_of_json(json.loads(path.read_text(encoding="utf-8"))), data, "JSON")


def test_consolidated_workbook_in_english(english_run):
    _, _, paths, _, data = english_run
    (path,) = [p for p in paths if p.suffix == ".xlsx" and p.parent.name != "feedback" and "feedback" not in str(p)]
    _assert_english(_strings_of_workbook(path), data, "consolidated workbook")


def test_feedback_copies_in_english(english_run):
    """A copy is the officer's own workbook (Vietnamese headers and all): what unionxl adds must be English."""
    folder, result, paths, _, data = english_run
    copies = [p for p in paths if p.suffix == ".xlsx" and "feedback" in str(p.parent)]
    if any(f.severity != "note" for f in result.report.findings):
        assert copies
    for copy in copies:
        (source,) = [p for p in folder.rglob("*.xls*") if copy.stem == f"{p.stem}-feedback"]
        theirs = {text for _, text in _strings_of_workbook(source)}
        added = [(w, t) for w, t in _strings_of_workbook(copy) if t not in theirs]
        _assert_english(added, data, f"feedback copy {copy.name}")


def test_blank_templates_in_english(tmp_path):
    for path in write_blank_templates(tmp_path, "en"):
        _assert_english(_strings_of_workbook(path), [], f"template {path.name}")


def test_the_detector_sees_what_issue_11_saw():
    seen = "Lò Văn Hòa (012094685120) has not paid quý IV (Quỹ tương hỗ), due 200.000đ."
    assert _leftover(seen, ["Lò Văn Hòa (012094685120)"]) == " has not paid quý IV (Quỹ tương hỗ), due 200.000đ."
    fixed = "Lò Văn Hòa (012094685120) has not paid Q4 (Mutual-aid fund), due 200,000 VND."
    assert _leftover(fixed, ["Lò Văn Hòa (012094685120)"]) is None
    assert _leftover(fixed, []) is not None  # the name is only allowed as data
