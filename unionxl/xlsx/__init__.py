"""Writing text with XlsxWriter without letting the text become markup."""

from __future__ import annotations


def write_text(ws, row: int, col: int, text: str, fmt=None) -> int:
    """ws.write_string, safe for any text.

    XlsxWriter copies a string shaped like '<r>…</r>' into the file unescaped, taking it
    for its own rich-string markup, so such a name from a group would inject XML. Split
    into three plain fragments it is escaped like any text, and the cell reads the same.
    """
    if text.startswith("<r>") and text.endswith("</r>"):
        return ws.write_rich_string(row, col, text[:1], text[1:2], text[2:], *([fmt] if fmt is not None else []))
    return ws.write_string(row, col, text, fmt)
