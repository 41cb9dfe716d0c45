"""Helpers for tests on whole state folders: the committed ones made by earlier releases
(tests/fixtures/web-state-v<N>/, each made by the script beside it with the code of that
release) and signing in to a desk opened on one of them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.webdesk import PASSWORD, csrf

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What tests/fixtures/web-state-v1-made-by.py did (and web-state-v2-made-by.py, with the code of v2): a 2024 year from samples/2024, T01 uploaded
# clean, T06 uploaded from samples/2024-loi (2 errors, so a feedback copy), one merge of both.
V1_UPLOADS = {1: ("T01", "ok"), 2: ("T06", "error")}
V1_MERGE_OUTPUTS = ["tong-hop-2024.xlsx", "bao-cao-2024.docx", "tong-hop-2024.json", "phan-hoi.zip"]


def state_versions() -> list[int]:
    return sorted(int(m.group(1)) for p in FIXTURES.glob("web-state-v*")
                  if p.is_dir() and (m := re.fullmatch(r"web-state-v(\d+)", p.name)))


def copy_state(version: int, target: Path) -> Path:
    shutil.copytree(FIXTURES / f"web-state-v{version}", target)
    for path in target.rglob("*"):
        if path.is_file():
            path.chmod(0o644)
    return target


def sign_in(c, password: str = PASSWORD) -> None:
    page = c.get("/login")
    r = c.post("/login", data={"csrf_token": csrf(page.text), "password": password, "next": "/"})
    assert r.status_code == 200 and r.url.path == "/", r.text[:300]
