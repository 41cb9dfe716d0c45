"""The one text catalogue (unionxl/texts): every string a person reads lives there, keyed, vi and en side by side.

These tests read the sources, not the outputs: a wording typed into a module outside unionxl/texts/, a
`lang == "vi"` branch, a key used but never defined, a key defined but never used, or a placeholder that
only one language has, each fails here with the file and line to fix.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from unionxl import texts
from unionxl.findings import CATALOGUE as CODES
from unionxl.texts import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "unionxl"
# Vietnamese letters that English never uses (à, é ... are left out: they occur in loanwords).
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯ]")

# Where Vietnamese letters outside the catalogue are data, not a text a person reads:
# (module, top-level name holding the strings) -> why.
ALLOWED = {
    ("parse.py", "_AMOUNT_TEXT"): "the currency spellings officers type after an amount (đ, đồng)",
    ("parse.py", "_TCVN3_SEEN"): "the TCVN3 legacy-font table: the bytes Excel shows ...",
    ("parse.py", "_TCVN3_MEANT"): "... and the letters they meant",
    ("parse.py", "_VNI_CIRCUMFLEX"): "VNI legacy-font mark bytes, as Windows-1252 shows them",
    ("parse.py", "_VNI_BREVE"): "VNI legacy-font mark bytes",
    ("parse.py", "_vni_table"): "the VNI legacy-font table, built from the letters",
    ("parse.py", "_case_breaks"): "which letters have an upper case, to spot legacy-font text",
    ("parse.py", "_vietnamese_letters"): "the vowels whose toned forms are Vietnamese letters",
    ("parse.py", "_VNI_PAIR"): "VNI byte pairs that Vietnamese spelling cannot hold",
    ("textnorm.py", "fold"): "folding đ to d for forgiving comparisons",
    ("sector.py", "_short"): "recognising 'công đoàn cơ sở' at the start of a union's own name (and its CĐCS)",
    ("cli.py", "_console_safe"): "a probe of whether the console can encode Vietnamese, never shown",
    ("writers/report_docx.py", "STEMS"): "the lunar years' names (Giáp Thìn), the same in every language",
    ("writers/report_docx.py", "BRANCHES"): "the lunar years' names",
    ("xlsx/guard.py", "limits_markdown"): "'đồng', the currency's own name, in docs/security.md's English table",
    ("web/files.py", "ascii_slug"): "folding đ to d in the ASCII file names the desk chooses",
}


# Not walked: the catalogue itself, and the schema (below), whose sheet, column and choice labels are the
# workbooks' contract (the reader matches headings by them). The web desk is walked like the rest: its pages
# take their words from web.* and sector.*, its command-line refusals and start-up lines from usage.* and cli.*.
NOT_WALKED = (PACKAGE / "texts",)


def _sources() -> list[Path]:
    """Every module that must not hold wording."""
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if p != PACKAGE / "schema.py" and not any(d in p.parents for d in NOT_WALKED)]


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstrings and attribute docstrings (a bare string statement): documentation, not output."""
    found = set()
    for node in ast.walk(tree):
        for child in getattr(node, "body", []) if isinstance(getattr(node, "body", None), list) else []:
            if isinstance(child, ast.Expr) and isinstance(child.value, ast.Constant):
                found.add(id(child.value))
    return found


def _owner(tree: ast.Module, node: ast.AST) -> str:
    """The top-level function, class or assigned name that holds `node`."""
    for top in tree.body:
        if top.lineno <= node.lineno <= top.end_lineno:
            if isinstance(top, (ast.FunctionDef, ast.ClassDef)):
                return top.name
            if isinstance(top, ast.Assign) and isinstance(top.targets[0], ast.Name):
                return top.targets[0].id
            if isinstance(top, ast.AnnAssign) and isinstance(top.target, ast.Name):
                return top.target.id
    return "?"


def _wording_outside_the_catalogue(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    where = path.relative_to(PACKAGE).as_posix()
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            if VIETNAMESE.search(node.value) and (where, _owner(tree, node)) not in ALLOWED:
                problems.append(f"{where}:{node.lineno}: {node.value[:60]!r} belongs in unionxl/texts/")
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value in ("vi", "en") for s in sides):
                problems.append(f"{where}:{node.lineno}: a lang == 'vi' branch: name a catalogue key instead")
    return problems


def test_no_wording_and_no_language_branch_outside_the_catalogue():
    problems = [p for path in _sources() for p in _wording_outside_the_catalogue(path)]
    assert not problems, "\n".join(problems)


def test_the_source_walk_finds_what_it_forbids(tmp_path):
    """The walk above must be able to fail: a module with a typed wording and a branch is caught."""
    bad = PACKAGE / "_probe_for_test_texts.py"
    bad.write_text('def f(lang):\n    return "Đoàn viên" if lang == "vi" else "Members"\n', encoding="utf-8")
    try:
        problems = _wording_outside_the_catalogue(bad)
    finally:
        bad.unlink()
    assert len(problems) == 2, problems


def test_every_allowance_is_still_needed():
    """An allow-list entry whose strings left the module would silently widen the exemption."""
    owners = set()
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and VIETNAMESE.search(node.value):
                owners.add((where, _owner(tree, node)))
    assert set(ALLOWED) <= owners, sorted(set(ALLOWED) - owners)


def _dict_keys(module_path: Path) -> list[str]:
    tree = ast.parse(module_path.read_text(encoding="utf-8"))
    return [k.value for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for k in node.keys if isinstance(k, ast.Constant)]


def test_no_key_is_defined_twice():
    """Within a module a repeated dict key silently wins; across modules the import refuses it."""
    seen: dict[str, str] = {}
    for module in texts.MODULES:
        path = Path(module.__file__)
        for key in _dict_keys(path):
            assert key not in seen, f"{key!r} in {path.name} and {seen[key]}"
            seen[key] = path.name
    assert set(seen) == set(CATALOGUE)
    with pytest.raises(ValueError, match="defined twice"):
        texts.merged((texts.common, texts.common))


# Keys whose two sides rightly name different parameters, and why.
OWN_PARAMETERS = {
    "quarter": "quý IV takes the Roman numeral, Q4 the number",
    "report.recipients_file": "the English distribution list ends with 'Files.', without the issuer's code",
    "report.kpi_software_met": "the seed report's Vietnamese gives the share only",
    "report.kpi_software_not": "the seed report's Vietnamese gives the share only",
    "template.list_error": "Excel's English error message does not quote the value",
    "finding_doc.params": "docs/findings.md shows the Vietnamese half, then the English half with the examples",
}


def _fields(text: str) -> set[str]:
    """The placeholders of `text`; label_vi / label_en count as one parameter given in both languages."""
    names = {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    return {re.sub(r"_(vi|en)$", "", name) for name in names}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_has_both_languages_and_the_same_placeholders(key):
    vi, en = CATALOGUE[key]
    assert type(vi) is type(en), key
    vi_parts, en_parts = ([vi], [en]) if isinstance(vi, str) else (list(vi), list(en))
    assert len(vi_parts) == len(en_parts), key
    for v, e in zip(vi_parts, en_parts):
        assert v.strip() and e.strip(), f"{key}: an empty side"
        if key in OWN_PARAMETERS:
            continue
        if key.startswith("usage."):  # shown as one "vi / en" line (i18n.both): a path is named once
            assert _fields(e) <= _fields(v), key
            continue
        assert _fields(v) == _fields(e), f"{key}: {_fields(v)} (vi) vs {_fields(e)} (en)"


def test_every_own_parameters_exception_is_still_needed():
    for key in OWN_PARAMETERS:
        vi, en = CATALOGUE[key]
        assert _fields(vi) != _fields(en), f"{key} names the same parameters in both languages now"


def _all_code() -> str:
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if PACKAGE / "texts" not in p.parents)


def test_every_key_named_in_the_code_exists():
    """t("key"), text("key"), both("key") ... with a literal key: a typo would fail only at run time."""
    code = _all_code()
    calls = re.findall(r"""\b(?:t|text|both|paragraphs|translate|_t|_text|_both|catalogue_text)\(\s*["']"""
                       r"""([a-z_]+\.[a-z0-9_.\-]+)["']""", code)
    schema_labels = ("sheet.", "column.", "list.")
    families = {k for k in calls if k.endswith(".")}  # "web.merge_state." ~ state
    missing = sorted({k for k in set(calls) - families if k not in CATALOGUE and not k.startswith(schema_labels)})
    missing += sorted(f for f in families if not any(key.startswith(f) for key in CATALOGUE))
    assert not missing, missing
    assert len(calls) > 100  # the pattern still matches how the code names keys


def test_no_key_is_unused():
    """A key nobody names is a text no output shows. Keys built at run time are named by their family:
    f"finding.{code}" (every finding code), f"report.{key}" (the report's sentences, named without the
    prefix), "web.merge_state." ~ state and the like (the prefix written literally)."""
    code = _all_code()
    quoted = set(re.findall(r"""["']([^"'\n{}]+)""", code))
    stems = tuple(set(re.findall(r"""f["']([a-z_]+\.[a-z_.]*)\{""", code)))  # f"template.legend.{key}.help"
    unused = []
    for key in CATALOGUE:
        family, _, rest = key.rpartition(".")
        if key in quoted or family + "." in quoted or key.startswith(stems):
            continue
        if key.startswith("finding.") and key.removeprefix("finding.") in CODES:
            continue
        if key.startswith("finding_doc.legal.") and key.removeprefix("finding_doc.legal.") in CODES:
            continue
        if key.startswith("report.") and key.removeprefix("report.") in quoted:
            continue
        unused.append(key)
    assert not unused, unused


def test_every_finding_code_has_its_wording():
    assert {f"finding.{code}" for code in CODES} <= set(CATALOGUE)
    assert {k for k in CATALOGUE if k.startswith("finding.")} == {f"finding.{code}" for code in CODES}
