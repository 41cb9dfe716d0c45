"""Which group a file's name points to, to catch a workbook reused by another group.

Officers save a copy of a neighbour's workbook ('T06-khoa-kham-benh.xlsx' -> 'T07-khoa-hoi-suc.xlsx')
and overwrite its rows, leaving the locked group code. The name then says one group and the code
another; neither file may be called 'extra' until someone asks.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any, Mapping

from ..textnorm import fold

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
MIN_NAME_LENGTH = 6  # a group name shorter than this (folded, letters only) is too easily found by chance


class GroupNames:
    """The expected groups' codes and names, folded once, for every file name asked about."""

    def __init__(self, expected: Mapping[str, Mapping[str, Any]]):
        self.codes: dict[str, list[str]] = {}  # folded code -> the codes that fold to it
        for code in expected:
            self.codes.setdefault(fold(code), []).append(code)
        self.names = [(name, code) for code, row in expected.items()
                      if len(name := _NOT_ALNUM.sub("", fold(row.get("group_name") or ""))) >= MIN_NAME_LENGTH]

    def named(self, display: str) -> str | None:
        """The expected group code the file name points to, or None when it names none or several."""
        stem = fold(PurePath(display).stem)
        tokens = set(_NOT_ALNUM.split(stem))
        by_code = [code for token in tokens for code in self.codes.get(token, ())]  # a lookup per token, not a scan per group
        if len(by_code) == 1:
            return by_code[0]
        if by_code:
            return None
        flat = _NOT_ALNUM.sub("", stem)
        by_name = sorted(((len(name), code) for name, code in self.names if name in flat), reverse=True)
        if by_name and (len(by_name) == 1 or by_name[0][0] > by_name[1][0]):
            return by_name[0][1]
        return None

