"""Golden files: the blank templates and a consolidated workbook, compared by content.

Each workbook is unzipped and every XML part parsed and pretty-printed in a stable
form, without what legitimately changes from run to run or release to release (the
document dates, the tool's version); binary parts are listed by checksum. The text
is compared with the committed `tests/golden/<case>.txt`. When a change to the
output is intended, regenerate the goldens, read the diff, and commit it:

    python -m tests.golden --update     # rewrite tests/golden/*.txt
    python -m tests.golden              # compare only; exit 1 and show the diff if they differ
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

from lxml import etree

HERE = Path(__file__).resolve().parent

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_VOLATILE = {  # element -> why its text is dropped
    "{http://purl.org/dc/terms/}created": "a date",
    "{http://purl.org/dc/terms/}modified": "a date",
    "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}AppVersion": "the library's",
}
_VERSION = re.compile(r"unionxl \d+\.\d+(?:\.\d+)?\S*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def normalise(path: Path) -> str:
    """The workbook as stable text: each part by name, XML canonicalised and indented."""
    out = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            data = archive.read(name)
            out.append(f"===== {name}")
            if name.endswith((".xml", ".rels", ".vml")):
                out.append(_xml(data))
            else:
                out.append(f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    return "\n".join(out) + "\n"


def _xml(data: bytes) -> str:
    root = etree.fromstring(data, _PARSER)
    for element in root.iter():
        if element.tag in _VOLATILE:
            element.text = "(volatile)"
        elif element.text and "unionxl " in element.text:
            element.text = _VERSION.sub("unionxl (version)", element.text)
        elif element.text and _SHA256.fullmatch(element.text):
            element.text = "(sha256 of an input)"  # inputs are written by XlsxWriter: its release shows
    # C14N fixes attribute order and namespace declarations; indenting makes diffs readable.
    canonical = etree.fromstring(etree.tostring(root, method="c14n"), _PARSER)
    etree.indent(canonical, space=" ")
    return etree.tostring(canonical, encoding="unicode")


# ------------------------------------------------------------------ the cases


def _group_template(folder: Path) -> Path:
    from unionxl.template import write_group_workbook

    return write_group_workbook(folder / "to.xlsx", year=2024, unit_name="CĐCS Trung tâm Y tế Than Uyên",
                                group_code="T01", group_name="Khoa Nội", lang="vi")


def _unit_template(folder: Path) -> Path:
    from unionxl.template import write_unit_workbook

    return write_unit_workbook(folder / "don-vi.xlsx", year=2024, unit_name="CĐCS Trung tâm Y tế Than Uyên",
                               lang="vi")


def _consolidated(lang: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        from unionxl.merge import merge_folder
        from unionxl.writers.workbook import write_consolidated

        from ..builders import two_groups, write_folder

        result = merge_folder(write_folder(folder / "in", two_groups()))
        return write_consolidated(result, folder / f"tong-hop-{lang}.xlsx", lang)
    return build


CASES: dict[str, Callable[[Path], Path]] = {
    "template-group-vi": _group_template,
    "template-unit-vi": _unit_template,
    "consolidated-vi": _consolidated("vi"),
    "consolidated-en": _consolidated("en"),
}


def golden_path(case: str) -> Path:
    return HERE / f"{case}.txt"


def render(case: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return normalise(CASES[case](Path(folder)))
