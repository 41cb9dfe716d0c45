"""Real spreadsheets from public test corpora, dropped into a folder of group workbooks.

tests/realworld/manifest.tsv lists 122 files from the test data of calamine, python-calamine, xlrd
and Apache POI (SOURCES.md: where each comes from, its commit, its licence): sound workbooks of
every format and age, encrypted ones, .xlsb, bombs and fuzzer finds, broken zips. None is a unionxl
workbook, so every one must be refused whole with a finding a person can act on, and the run must
go on: the two clean groups and the unit workbook beside them are still merged, the row account
holds, and the command line ends with 0 or 1, never a traceback or an internal error (3).

The files themselves are not in the repository (SOURCES.md says why and where they go): the test
takes them from $UNIONXL_REALWORLD, tests/realworld/files/ or shared/realworld/ beside the
checkout, checks each against its SHA-256, and is skipped, saying so, when none of them is there.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import string
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import pytest

import unionxl
from unionxl.findings import CATALOGUE, Severity

from .builders import two_groups, unit_data, write_folder

HERE = Path(__file__).resolve().parent / "realworld"
ROOT = HERE.parent.parent
# What each kind of file must give: one finding, whole-file, of one of these codes.
KINDS = {
    "workbook": {"file-not-unionxl"},  # a sound workbook, just not ours
    "encrypted": {"file-encrypted"},
    "protected": {"file-xls-protected"},  # .xls encrypted with Excel's built-in password: a protected workbook
    "xlsb": {"file-xlsb"},
    "empty": {"file-unreadable"},
    "unsupported": {"file-unreadable"},  # sound, but a format calamine cannot read (BIFF3/4, an XLM macro sheet)
    "damaged": {"file-unreadable", "file-unsafe", "file-not-unionxl"},  # truncated, fuzzed: refused, or read and not ours
    "hostile": {"file-unsafe", "file-too-large"},  # entity bombs, absurd dimensions, structures that exhaust a reader
    "skipped": {"file-skipped"},  # an extension that is not a workbook's (.xltx)
}
# Never right for a file of this corpus: each means the guard let through what hurt the reader.
WORKER_FAILURES = {"file-crashed-reader", "file-timeout", "file-memory"}
PREFIX = {"calamine": "calamine", "python-calamine": "pycalamine", "xlrd": "xlrd", "poi": "poi"}


class Entry(NamedTuple):
    file: str  # <source>/<name>, under the corpus folder
    kind: str
    repository: str
    commit: str
    path: str
    bytes: int
    sha256: str

    @property
    def name(self) -> str:
        """The file's name in the merged folder: its source first, so names from two corpora never meet."""
        source, name = self.file.split("/", 1)
        return f"{PREFIX[source]}-{name}"


def _manifest() -> list[Entry]:
    with open(HERE / "manifest.tsv", encoding="utf-8", newline="") as handle:
        return [Entry(**{**row, "bytes": int(row["bytes"])}) for row in csv.DictReader(handle, delimiter="\t")]


ENTRIES = _manifest()


def corpus_folder() -> Path | None:
    given = os.environ.get("UNIONXL_REALWORLD")
    candidates = [Path(given)] if given else [HERE / "files", ROOT.parent / "shared" / "realworld"]
    for folder in candidates:
        if any((folder / e.file).is_file() for e in ENTRIES):
            return folder
    if given:
        pytest.fail(f"UNIONXL_REALWORLD={given} holds none of tests/realworld/manifest.tsv's files")
    return None


def test_the_manifest_is_well_formed():
    assert len(ENTRIES) == len({e.file for e in ENTRIES}) == len({e.name for e in ENTRIES}) >= 100
    assert {e.kind for e in ENTRIES} == set(KINDS)
    assert all(e.file.split("/", 1)[0] in PREFIX and e.bytes <= 200 * 1024 for e in ENTRIES)
    assert sum(e.bytes for e in ENTRIES) <= 6 * 1024 * 1024
    sources = (HERE / "SOURCES.md").read_text(encoding="utf-8")
    for repository, commit in {(e.repository, e.commit) for e in ENTRIES}:
        assert repository in sources and commit in sources, repository


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    source = corpus_folder()
    if source is None:
        pytest.skip("the real-world files are not here: tests/realworld/SOURCES.md says where they go")
    folder = tmp_path_factory.mktemp("realworld") / "in"
    folder.mkdir()
    for entry in ENTRIES:
        path = source / entry.file
        assert path.is_file(), f"{entry.file} is missing from {source}"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256, f"{entry.file} is not the file listed"
        shutil.copyfile(path, folder / entry.name)
    write_folder(folder, two_groups(), unit=unit_data(["T01", "T02"]))
    result = unionxl.run(folder)
    by_file = defaultdict(list)
    for found in result.report.findings:
        by_file[found.file].append(found)
    return folder, result, by_file


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_each_file_is_refused_whole_with_its_finding(corpus, entry):
    _, result, by_file = corpus
    records = [r for r in result.report.files if r.display == entry.name]
    assert len(records) == 1, f"{entry.name} is not among the file records"
    record = records[0]
    found = by_file.get(entry.name, [])
    codes = {f.code for f in found}
    assert codes, f"{entry.name} ({entry.kind}) gave no finding"
    assert not codes & WORKER_FAILURES, [f.to_dict("en") for f in found]
    assert codes <= KINDS[entry.kind], (entry.kind, [f.to_dict("en") for f in found])
    assert all(f.sheet == "" and f.cell == "" for f in found)  # about the whole file
    assert record.kind == ("skipped" if entry.kind == "skipped" else "rejected")
    assert record.rows_read == record.rows_rejected  # nothing of it was merged
    if entry.kind != "skipped":
        assert record.sha256 == entry.sha256  # the provenance sheet names the very file


def _placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_message_is_whole(corpus):
    """No empty message, no placeholder left without its value (shown as '?'), no Python in it."""
    _, result, _ = corpus
    for found in result.report.findings:
        given = {"group", "value", *(k for k, v in found.params.items() if v not in (None, ""))}
        for lang in ("vi", "en"):
            message = found.message(lang)
            assert message.strip(), found
            assert "Traceback" not in message and "Error(" not in message, message
            if found.file.startswith(tuple(f"{p}-" for p in PREFIX.values())):
                template = CATALOGUE[found.code].template(lang)
                assert _placeholders(template) - {"group", "value"} <= given, (found.code, found.params)


def test_the_groups_beside_them_are_still_merged(corpus):
    _, result, by_file = corpus
    assert sorted(b.group_code for b in result.dataset.groups) == ["T01", "T02"]
    assert result.dataset.unit is not None and result.dataset.unit.display == "don-vi.xlsx"
    for name in ("T01.xlsx", "T02.xlsx", "don-vi.xlsx"):
        assert not [f for f in by_file.get(name, []) if f.severity == Severity.ERROR], name
    assert result.exit_code == 1  # the refused files are errors


def test_the_row_account_holds(corpus):
    _, result, _ = corpus
    for key, account in result.report.account.items():
        assert account.read == account.accepted + account.rejected, key
    assert sum(a.read for a in result.report.account.values()) == sum(r.rows_read for r in result.report.files)
    for record in result.report.files:
        assert record.rows_read == record.rows_accepted + record.rows_rejected, record.display
    assert len(result.report.files) == len(ENTRIES) + 3


def test_the_command_line_reports_the_folder_without_a_traceback(corpus, tmp_path):
    folder, result, _ = corpus
    done = subprocess.run([sys.executable, "-m", "unionxl", "validate", str(folder), "--lang", "en",
                           "--json", str(tmp_path / "f.json")],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert done.returncode == result.exit_code
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr[-3000:]
    assert "internal error" not in (done.stderr + done.stdout).lower()
    shown = done.stdout + (tmp_path / "f.json").read_text(encoding="utf-8")
    missing = [e.name for e in ENTRIES if e.kind != "skipped" and e.name not in shown]
    assert not missing, missing
