"""Turn what an officer typed into typed values, forgivingly, saying what was forgiven.

Each parser returns (value, note). `note` is None when the cell was clean, or a
short word the reader turns into a finding: "as_text" (understood, but typed as
text), "lost_zero", "normalised", "invalid".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .schema import ChoiceList
# The text helpers live in textnorm, below both the parsers and the checks; kept importable from here.
from .textnorm import clean_text, fold  # noqa: F401


# ------------------------------------------------------------------ amounts

_AMOUNT_TEXT = re.compile(r"^(-)?\s*([0-9]{1,3}(?:[.,\s][0-9]{3})+|[0-9]+)(?:[.,]0{1,2})?\s*(?:đ|d|vnđ|vnd|đồng|dong)?\.?$")

# The relative error a float's last bits carry after a few additions: far below a đồng of any amount
# a union handles (1 đồng in 10**12), far above the 2**-52 of one rounding.
FLOAT_NOISE = 1e-12

_DASHES = ("-", "\u2013", "\u2014")


def _unquoted(text: str) -> str:
    """Text without the apostrophe that forces a cell to text in Excel, kept when pasted from elsewhere."""
    return text[1:].lstrip() if text[:1] in ("'", "\u2019") else text


def parse_amount(raw) -> tuple[int | None, str | None]:
    """Whole VND. Numbers pass; text such as '30.000', '30,000 đ', or '-' for zero is read with note 'as_text'."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        return None, "invalid"
    if isinstance(raw, int):
        return raw, None
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, "invalid"
        whole = round(raw)
        # Google Sheets and Numbers save a sum or product with its binary rounding error
        # (30000.000000000004): that is the whole number shown, not a fraction of a đồng.
        if raw != whole and abs(raw - whole) > abs(whole) * FLOAT_NOISE:
            return None, "invalid"
        return whole, None
    text = _unquoted(clean_text(raw)).lower()
    if not text:
        return None, None
    if text in _DASHES:  # how accountants write a zero (Excel's accounting format shows 0 as '-')
        return 0, "as_text"
    match = _AMOUNT_TEXT.match(text)
    if not match:
        return None, "invalid"
    digits = re.sub(r"[.,\s]", "", match.group(2))
    value = int(digits)
    return (-value if match.group(1) else value), "as_text"


# -------------------------------------------------------------------- dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
_DATE_TEXT = re.compile(r"^([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{2}|[0-9]{4})$")
_ISO_TEXT = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]00:00(?::00)?)?$")
# What officers write when they do not know the day: "1985", "3/1985", "tháng 3/1985", "T3/1985".
_MONTH_YEAR_TEXT = re.compile(r"^(?:thang|th|t)?\.?\s*([0-9]{1,2})\s*(?:[/.\-]|nam)\s*([0-9]{4})$")
_YEAR_TEXT = re.compile(r"^(?:nam\s*)?([0-9]{4})$")
MIN_YEAR, MAX_YEAR = 1900, 2100


def _plausible(date: dt.date) -> bool:
    return MIN_YEAR <= date.year <= MAX_YEAR


def parse_date(raw, date1904: bool = False) -> tuple[dt.date | None, str | None]:
    """A date from a date cell, an Excel serial number, or text dd/mm/yyyy (Vietnamese order).

    A bare year (1993, as a number or text) or a month and year ("tháng 3/1985") gives the
    first day of that year or month with note "partial": an Excel serial number in 1900..2100
    would be a day of 1905, which no officer means. `date1904`: the workbook counts its serial
    numbers from 1904 (Mac Excel's option), so a year typed into a date cell is a day of 1909.
    """
    epoch = _EXCEL_EPOCH_1904 if date1904 else _EXCEL_EPOCH
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        serial = (raw - epoch).days
        if MIN_YEAR <= serial <= MAX_YEAR:  # a year typed into a date-formatted cell: 1990 shows as 1905
            return dt.date(serial, 1, 1), "partial"
        return (raw, None) if _plausible(raw) else (None, "invalid")
    if isinstance(raw, bool):
        return None, "invalid"
    if isinstance(raw, (int, float)):
        # A serial number in a cell formatted as General: Excel's 1900 system.
        if raw != raw or not 1 <= raw < 2_958_466 or raw != int(raw):
            return None, "invalid"
        if MIN_YEAR <= raw <= MAX_YEAR:
            return dt.date(int(raw), 1, 1), "partial"
        date = epoch + dt.timedelta(days=int(raw))
        return (date, "as_number") if _plausible(date) else (None, "invalid")
    text = _unquoted(clean_text(raw))
    if not text:
        return None, None
    partial = _partial_date(text)
    if partial is not None:
        return partial, "partial"
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year <= 30 else 1900
    else:
        match = _ISO_TEXT.match(text)
        if not match:
            return None, "invalid"
        year, month, day = (int(g) for g in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, "invalid"
    return (date, "as_text") if _plausible(date) else (None, "invalid")


def _partial_date(text: str) -> dt.date | None:
    folded = fold(text)
    match = _YEAR_TEXT.match(folded)
    if match:
        year, month = int(match.group(1)), 1
    else:
        match = _MONTH_YEAR_TEXT.match(folded)
        if not match:
            return None
        month, year = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR):
        return None
    return dt.date(year, month, 1)


# --------------------------------------------------------------- citizen id

_DIGITS = re.compile(r"^[0-9]+$")  # ASCII only: str.isdigit() and \d accept other scripts' digits
_SCIENTIFIC = re.compile(r"^[0-9](?:[.,][0-9]+)?e\+?[0-9]+$", re.IGNORECASE)
# A Vietnamese mobile number (10 digits, 03x/05x/07x/08x/09x) or one written with +84 / 84.
_PHONE = re.compile(r"^(?:0|\+?84)[35789][0-9]{8}$")


def parse_cccd(raw) -> tuple[str | None, str | None]:
    """A 12-digit citizen ID as text.

    A numeric cell loses the leading zero (every CCCD issued by a province with a
    code below 100 starts with 0), so an 11-digit number is restored with note
    'lost_zero'. Anything else that is not 12 digits gives 'invalid' and the
    cleaned text as value, so the finding can show what was typed.
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        return str(raw), "invalid"
    if isinstance(raw, float):
        if raw != raw or raw != int(raw):
            return str(raw), "invalid"
        raw = int(raw)
    if isinstance(raw, int):
        text = str(raw)
        if len(text) == 11:
            return "0" + text, "lost_zero"
        if len(text) == 9 and _PHONE.match("0" + text):
            return "0" + text, "phone"  # a mobile number typed into a numeric cell lost its 0 too
        return text, (None if len(text) == 12 else "invalid")
    text = clean_text(raw).replace(" ", "").replace(".", "").replace("-", "").replace("(", "").replace(")", "")
    if not text:
        return None, None
    if _SCIENTIFIC.match(clean_text(raw)):
        return clean_text(raw), "invalid"  # digits already lost by Excel: cannot be restored
    if text.startswith("'"):
        text = text[1:]
    if not _DIGITS.match(text) or len(text) != 12:
        return text, ("phone" if _PHONE.match(text) else "invalid")
    return text, None


# ------------------------------------------------------------------ choices


class ChoiceIndex:
    """Fast lookup of a typed value in a list: exact label first, then forgiving."""

    def __init__(self, choices: ChoiceList):
        self.list = choices
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        for choice in choices.choices:
            for label in (choice.vi, choice.en):
                self.exact[label] = choice.key
                self.folded.setdefault(fold(label), choice.key)
            for alias in choice.aliases:
                self.folded.setdefault(fold(alias), choice.key)
            self.folded.setdefault(fold(choice.key), choice.key)

    def match(self, raw) -> tuple[str | None, str | None]:
        if raw is None or raw == "":
            return None, None
        if isinstance(raw, str) and raw in self.exact:
            return self.exact[raw], None
        if isinstance(raw, bool):  # TRUE/FALSE: a Google Sheets checkbox, or TRUE typed (a logical cell)
            raw = "1" if raw else "0"
        elif isinstance(raw, float) and raw.is_integer():  # 1 typed into a number cell reads as 1.0
            raw = str(int(raw))
        text = _unquoted(clean_text(raw))
        if not text:
            return None, None
        if text in self.exact:
            return self.exact[text], ("normalised" if text != raw else None)
        key = self.folded.get(fold(text))
        if key is None:
            return None, "invalid"
        return key, "normalised"


# --------------------------------------------------------- legacy encodings
#
# Before Unicode, Vietnamese offices typed with fonts that draw Vietnamese letters in place of
# Western ones: TCVN3 (ABC, the ".VnTime" fonts) puts one letter in one byte, VNI ("VNI-Times")
# writes a base letter followed by a mark byte. Excel stores what the bytes mean in Windows-1252,
# so 'Nguyễn' typed in .VnTime is the text 'NguyÔn', and in VNI-Times 'Nguyeãn'. Both look right
# on the officer's screen, in that font only.

# Windows-1252 character -> the letter TCVN3 meant (table from glibc's TCVN5712-1, byte by byte)
_TCVN3_SEEN = (
    "\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f"
    "\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e"
    "\u0178\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf\xb0\xb1\xb2\xb3\xb4\xb5"
    "\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb"
    "\xcc\xcd\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1"
    "\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7"
    "\xf8\xf9\xfa\xfb\xfc\xfe\xff"
)
_TCVN3_MEANT = (
    "\xc0\u1ea2\xc3\xc1\u1ea0\u1eb6\u1eac\xc8\u1eba\u1ebc\xc9\u1eb8\u1ec6\xcc\u1ec8\u0128\xcd"
    "\u1eca\xd2\u1ece\xd5\xd3\u1ecc\u1ed8\u1edc\u1ede\u1ee0\u1eda\u1ee2\xd9\u1ee6\u0168\u0102"
    "\xc2\xca\xd4\u01a0\u01af\u0110\u0103\xe2\xea\xf4\u01a1\u01b0\u0111\u1eb0\u0300\u0309\u0303"
    "\u0301\u0323\xe0\u1ea3\xe3\xe1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4\u1eae\u1ea6\u1ea8"
    "\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\xe8\u1ec2\u1ebb\u1ebd\xe9\u1eb9"
    "\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\xec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\xed\u1ecb\xf2\u1ed4\u1ecf"
    "\xf5\xf3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\xf9\u1ed6\u1ee7"
    "\u0169\xfa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\u1ef5\u1ed0"
)

_TCVN3 = str.maketrans(dict(zip(_TCVN3_SEEN, _TCVN3_MEANT)))

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
# VNI mark bytes (as Windows-1252 characters), lower case, by tone in _TONES order
_VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")
_VNI_I = ("i", "í", "ì", "æ", "ó", "ò")  # i with a tone is one byte in VNI


def _vni_table() -> dict[str, str]:
    """VNI spelling -> Unicode letter, for every Vietnamese vowel with every tone, and đ."""
    table = {"ñ": "đ", "Ñ": "Đ"}
    for tone, mark in enumerate(_TONES):
        spellings = {
            "a": "a" + _VNI_TONE[tone], "ă": "a" + _VNI_BREVE[tone], "â": "a" + _VNI_CIRCUMFLEX[tone],
            "e": "e" + _VNI_TONE[tone], "ê": "e" + _VNI_CIRCUMFLEX[tone],
            "o": "o" + _VNI_TONE[tone], "ô": "o" + _VNI_CIRCUMFLEX[tone], "ơ": "ô" + _VNI_TONE[tone],
            "u": "u" + _VNI_TONE[tone], "ư": "ö" + _VNI_TONE[tone], "y": "y" + _VNI_TONE[tone],
            "i": _VNI_I[tone],
        }
        for letter, vni in spellings.items():
            meant = unicodedata.normalize("NFC", letter + mark)
            if vni != meant:
                table[vni] = meant
                table[vni.upper()] = meant.upper()
    return table


_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))


def _vietnamese_letters() -> frozenset[str]:
    letters = set()
    for base in "aăâeêioôơuưy":
        for mark in _TONES:
            letter = unicodedata.normalize("NFC", base + mark)
            letters |= {letter, letter.upper()}
    return frozenset(letters | {"đ", "Đ"})


_VIETNAMESE = _vietnamese_letters()
# Characters no Unicode Vietnamese text holds, but legacy-font text is full of. Typographic
# quotes, dashes and the ellipsis are left out: Unicode text has them too.
_PUNCTUATION = "\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"
_NOT_VIETNAMESE = re.compile(r"[\u0080-\u024f\u02c6\u02dc\u201a\u201e\u2020\u2021\u2030\u2039\u203a\u2122]")
# A plain vowel followed by a VNI circumflex or breve byte: impossible in Vietnamese spelling
_VNI_PAIR = re.compile("[aeAE][âáàåãäêéèúüëÂÁÀÅÃÄÊÉÈÚÜË]|[oO][âåäÂÅÄ]")


# Fast test for the reader: could this cell be legacy-font text? (no false negatives)
LEGACY_HINT = re.compile("[" + "".join(re.escape(chr(c)) for c in (*range(0x80, 0x250), 0x2c6, 0x2dc, 0x201a,
                                                                     0x201e, 0x2020, 0x2021, 0x2030, 0x2039,
                                                                     0x203a, 0x2122)
                                       if chr(c) not in _VIETNAMESE and chr(c) not in _PUNCTUATION)
                         + "]|" + _VNI_PAIR.pattern)


def _foreign(text: str) -> int:
    return sum(1 for ch in _NOT_VIETNAMESE.findall(text) if ch not in _VIETNAMESE and ch not in _PUNCTUATION)


def _case_breaks(text: str) -> int:
    """Capitals inside a word ('NguyƠn'): how a wrong reading of a legacy text usually shows."""
    return sum(1 for a, b in zip(text, text[1:]) if a.islower() and b.isupper())


def legacy_to_unicode(text: str) -> tuple[str, str] | None:
    """(converted text, 'TCVN3' or 'VNI') when `text` was typed in a legacy Vietnamese font, else None."""
    if text.isascii():
        return None
    foreign = _foreign(text)
    pairs = len(_VNI_PAIR.findall(text))
    if not foreign and not pairs:
        return None
    candidates = []
    tcvn3 = unicodedata.normalize("NFC", text.translate(_TCVN3))
    if foreign and tcvn3 != text and not _foreign(tcvn3):
        candidates.append((_case_breaks(tcvn3), 1, tcvn3, "TCVN3"))
    vni = _VNI_PATTERN.sub(lambda m: _VNI[m.group(0)], text)
    if vni != text and not _foreign(vni) and (pairs or foreign):
        candidates.append((_case_breaks(vni), 0, vni, "VNI"))
    if not candidates:
        return None
    _, _, converted, encoding = min(candidates)
    return converted, encoding
