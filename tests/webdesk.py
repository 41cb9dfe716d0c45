"""Helpers for the web desk's in-process tests: a desk in a temporary data folder, signed in,
with the 2024 sample year set up."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")  # Starlette 1.x nudge

from starlette.testclient import TestClient  # noqa: E402

from unionxl.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "2024"
FLAWED = ROOT / "samples" / "2024-loi"
UNIT = SAMPLES / "don-vi-2024.xlsx"
BASE = "http://127.0.0.1:8765"
PASSWORD = "mat-khau-ke-toan-2024"


def csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def client(data: Path, **options) -> TestClient:
    return TestClient(create_app(data, **options), base_url=BASE, follow_redirects=True)


def sign_up(c: TestClient, password: str = PASSWORD) -> None:
    page = c.get("/setup")
    r = c.post("/setup", data={"csrf_token": csrf(page.text), "password": password, "again": password})
    assert r.status_code == 200 and r.url.path == "/", r.text[:500]


def create_year(c: TestClient, unit: Path = UNIT):
    page = c.get("/")
    with open(unit, "rb") as handle:
        r = c.post("/years", data={"csrf_token": csrf(page.text)}, files={"unit_workbook": (unit.name, handle)})
    return r


def links(html: str) -> dict[str, str]:
    """group code -> officer link, read off the year page."""
    out = {}
    for row in re.findall(r'<tr id="g\d+">(.*?)</tr>', html, re.S):
        code = re.search(r"<b>([^<]+)</b>", row).group(1)
        link = re.search(r'value="(http://[^"]+/nop/[^"]+)"', row)
        if link:
            out[code] = link.group(1)
    return out


def upload(c: TestClient, link: str, path: Path | None = None, *, name: str | None = None, content: bytes | None = None):
    page = c.get(link)
    token = csrf(page.text)
    body = content if content is not None else path.read_bytes()
    return c.post(link, data={"csrf_token": token}, files={"workbook": (name or path.name, body)})


def sample(code: str, folder: Path = SAMPLES) -> Path:
    return next(folder.glob(f"{code}-*.xlsx"))
