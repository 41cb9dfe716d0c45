"""Text normalisation every layer shares: the reader's parsers, the checks, the roll-up, the template.

A ground module (standard library only), so that comparing two names never makes a check
depend on the cell parser.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def clean_text(value) -> str:
    """Text with zero-width characters removed and runs of (non-breaking) spaces folded."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_INVISIBLE)).strip()


# Every combining mark (diacritic) in the Basic Multilingual Plane, deleted in one translate().
_COMBINING = dict.fromkeys((cp for cp in range(0x10000) if unicodedata.combining(chr(cp))), None)


def fold(value) -> str:
    """Lower case, no diacritics, single spaces: the key for forgiving comparisons."""
    text = clean_text(value).lower().replace("đ", "d")
    return unicodedata.normalize("NFD", text).translate(_COMBINING)
