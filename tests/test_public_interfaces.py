"""The code uses other people's libraries (and its own modules) through their public interfaces only.

A private attribute of XlsxWriter, zipfile, python-docx or of another unionxl module can change
in any release and silently corrupt an output, so reaching into one (`obj._name`) is a defect.
`self._x` and `cls._x` are the object's own business. The allowed exceptions are documented
public names that happen to start with an underscore.
"""

import ast
import re
from pathlib import Path

import unionxl

PUBLIC_UNDERSCORE_NAMES = {
    "_replace": "namedtuple's documented way to copy with changes",
    "_asdict": "namedtuple's documented conversion",
    "_fields": "namedtuple's documented field list",
    "_Element": "lxml's documented element class, used in type hints",
}


def private_accesses(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [(node.lineno, f"from {'.' * node.level}{node.module or ''} import {alias.name}")
                      for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]
            continue
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            continue
        if node.attr not in PUBLIC_UNDERSCORE_NAMES:
            found.append((node.lineno, ast.unparse(node)))
    return sorted(found)


def test_no_private_attribute_of_anyone_else():
    package = Path(unionxl.__file__).parent
    offences = [f"{path.relative_to(package.parent)}:{line}: {expr}"
                for path in sorted(package.rglob("*.py"))
                for line, expr in private_accesses(path.read_text(encoding="utf-8"))]
    assert offences == []


def test_no_undocumented_zipfile_or_xlsxwriter_internals():
    """Internals without an underscore of their own: zipfile's bookkeeping, XlsxWriter's style index."""
    package = Path(unionxl.__file__).parent
    names = re.compile(r"_get_xf_index|NameToInfo|_didModify|start_dir|\.fp\b")
    offences = [f"{path.relative_to(package.parent)}:{n}: {line.strip()}"
                for path in sorted(package.rglob("*.py"))
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if names.search(line)]
    assert offences == []


def test_the_check_sees_what_it_must():
    source = ("run._r.append(x)\nself._cache = 1\nzf.NameToInfo\nzf._didModify = True\nrow._replace(a=1)\n"
              "from .merge import _skip_reason, collect\n")
    assert private_accesses(source) == [(1, "run._r"), (4, "zf._didModify"),
                                        (6, "from .merge import _skip_reason")]
