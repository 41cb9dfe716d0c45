"""Helpers for the stories walked in a real browser (tests/test_web_browser.py,
tests/test_web_sector_browser.py): the viewports, the screenshots, a page that records every
script error and failed response. The browser and the server are fixtures (tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PASSWORD = "mat-khau-ke-toan-2024"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


def watched_page(context, errors: list[str]):
    """A new page of `context` that adds each console error and each HTTP status >= 400 to `errors`."""
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return page


def set_password(page, url: str, password: str = PASSWORD) -> None:
    """The first start: the treasurer's password, set on this machine."""
    page.goto(url + "/")
    page.fill("input[name=password]", password)
    page.fill("input[name=again]", password)
    page.click("button[type=submit]")


class Shots:
    """Screenshots of each page at desktop and phone width; kept in docs/ when asked."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.keep = os.environ.get("UNIONXL_SCREENSHOTS")

    def take(self, browser, url: str, name: str, cookies, full_page: bool = True) -> None:
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(viewport=size, device_scale_factor=1, locale="vi-VN")
            context.add_cookies(cookies)
            page = context.new_page()
            page.goto(url)
            path = self.folder / f"{name}-{label}.png"
            page.screenshot(path=str(path), full_page=full_page)
            if self.keep:
                Path(self.keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(path, Path(self.keep) / path.name)
            context.close()
