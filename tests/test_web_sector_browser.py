"""The sector union's story in a real browser (Debian's Chromium through Playwright, the same
fixtures as tests/test_web_browser.py), against `unionxl serve` started as a user starts it.

The sector treasurer creates the 2024 sector year for the three CĐCS of the sector samples;
Than Uyên's officer first sends a group's workbook by mistake (named as such), then the right
one; the other two send theirs from a phone; the treasurer rolls up and downloads the sector's
consolidated workbook and Word report. Expected facts come from samples/README.md: 493 members
in three CĐCS, and exactly one member (Lù Thị Hoa) counted by both Than Uyên and Tam Đường.

UNIONXL_SCREENSHOTS=docs/web refreshes the screenshots kept in the repository.
"""

from __future__ import annotations

import io
import unicodedata
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from tests.test_web_sector import SECTOR, UNITS
from tests.webbrowser import DESKTOP, PASSWORD, PHONE, Shots, set_password, watched_page
from tests.webdesk import client, create_year, links as links_of, sample, sign_up, upload


def test_the_sector_year_through_the_browser(server, serve, browser, tmp_path):
    shots = Shots(tmp_path)
    treasurer = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    errors: list[str] = []
    page = watched_page(treasurer, errors)
    set_password(page, server)
    cookies = treasurer.cookies()
    shots.take(browser, server + "/#new-sector-year", "7-nganh-tao-nam", cookies)

    # --- the sector year: its name, the year, one CĐCS per line
    form = page.locator("form[action='/sector-years']")
    form.locator("input[name=name]").fill("Công đoàn ngành Y tế Lai Châu")
    form.locator("input[name=year]").fill("2024")
    form.locator("textarea[name=units]").fill("\n".join(name for name, _ in UNITS.values()))
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/years/1")
    links = {}
    for row in page.locator("table.groups tbody tr").all():
        links[row.locator("td").first.locator("b").inner_text()] = row.locator("input.link-input").input_value()
    assert sorted(links) == ["CD01", "CD02", "CD03"] and len(set(links.values())) == 3
    assert page.locator(".badge.s-missing").count() == 3

    # --- Than Uyên's officer first sends a group's workbook: the page says what it is
    officer = browser.new_context(viewport=PHONE, accept_downloads=True)
    phone = watched_page(officer, errors)
    phone.goto(links["CD01"])
    assert "tong-hop-2024.xlsx" in phone.locator(".alert").first.inner_text()
    phone.set_input_files("input[name=workbook]", str(sample("T01")))
    phone.click("#upload-form button[type=submit]")
    phone.wait_for_selector("#result h2")
    assert phone.locator("#result h2").inner_text().startswith("✗")
    wrong = phone.locator("table.findings tbody tr").first.inner_text()
    assert "rollup-not-consolidated" in wrong and "biểu mẫu của một tổ công đoàn" in wrong
    shots.take(browser, phone.url, "8-cdcs-gui-nham", [])

    # --- then each CĐCS sends its consolidated workbook
    for code, (_, name) in UNITS.items():
        phone.goto(links[code])
        phone.set_input_files("input[name=workbook]", str(SECTOR / name))
        phone.click("#upload-form button[type=submit]")
        phone.wait_for_selector("#result h2")
        assert phone.locator("#result h2").inner_text().startswith("✓ Đã nhận"), code
    shots.take(browser, links["CD02"], "9-cdcs-gui-dat", [])

    page.goto(server + "/years/1")
    assert page.locator(".badge.s-ok").count() == 3 and page.locator(".badge.s-missing").count() == 0
    assert "Hiện sau lần tổng hợp cấp ngành đầu tiên" in page.locator("#across").inner_text()

    # --- one button rolls up the sector
    page.click("button:has-text('Tổng hợp cấp ngành')")
    page.wait_for_url("**/merges/1")
    page.wait_for_selector("ul.outputs a", timeout=180_000)
    page.goto(server + "/years/1")
    across = page.locator("#across").inner_text()
    # the member (Lù Thị Hoa) at her row in one CĐCS's workbook, naming the other CĐCS and her cell there
    across = unicodedata.normalize("NFC", across)
    assert unicodedata.normalize("NFC", "Lù Thị Hoa") in across and "Than Uyên" in across and "G269" in across
    assert page.locator("#across table.findings tbody tr").count() == 1
    shots.take(browser, server + "/years/1", "10-nganh-bang-theo-doi", cookies)
    got = {}
    for name in ("tong-hop-2024.xlsx", "bao-cao-2024.docx", "tong-hop-2024.json"):
        with page.expect_download() as download:
            page.click(f"ul.outputs a:text-is('{name}')")
        got[name] = Path(download.value.path())
    summary = json.loads(got["tong-hop-2024.json"].read_text(encoding="utf-8"))
    assert summary["account"]["members"] == {"read": 493, "accepted": 493, "rejected": 0, "summary": 0}
    assert [f["code"] for f in summary["findings"] if f["severity"] == "error"] == ["cccd-duplicate-units"]
    book = load_workbook(io.BytesIO(got["tong-hop-2024.xlsx"].read_bytes()), read_only=True)
    report = book["Báo cáo"]
    figures = {row[0]: row[1:4] for row in report.iter_rows(values_only=True) if row and row[0]}
    assert figures["Tổng số đoàn viên công đoàn"][0] == 493
    assert zipfile.is_zipfile(got["bao-cao-2024.docx"])

    # --- later, Than Uyên's own desk sends a new version with one click, through the sector's link.
    # Its year has two groups in (T01, T02) and thirty missing: errors the sector must see.
    office_data = tmp_path / "cdcs"
    with client(office_data) as c:  # set up before the real server takes the folder over
        sign_up(c, PASSWORD)
        groups = links_of(create_year(c).text)
        for code in ("T01", "T02"):
            upload(c, groups[code], sample(code))
    office_url = serve(office_data, "cdcs")
    office_context = browser.new_context(viewport=PHONE)  # from the CĐCS treasurer's phone
    office = watched_page(office_context, errors)
    office.goto(office_url + "/login")
    office.fill("input[name=password]", PASSWORD)
    office.click("button[type=submit]")
    office.goto(office_url + "/years/1")
    office.click("form[action='/years/1/merge'] button[type=submit]")
    office.wait_for_url("**/merges/1")
    office.wait_for_selector("ul.outputs a", timeout=180_000)
    office.goto(office_url + "/years/1#sector")
    office.fill("input[name=sector_link]", links["CD01"])
    office.click("form[action='/years/1/sector-link'] button[type=submit]")
    office.click("form[action='/years/1/send'] button[type=submit]")
    office.wait_for_selector("ul.sends li")
    sent = office.locator("ul.sends li").first.inner_text()
    assert "Ngành đã nhận: còn lỗi" in sent, sent
    shots.take(browser, office_url + "/years/1#sector", "11-cdcs-gui-len-nganh", office_context.cookies(),
               full_page=False)

    # --- the sector's dashboard shows Than Uyên's new version and the errors it left unresolved
    page.goto(server + "/years/1")
    row = page.locator("table.groups tbody tr").filter(has=page.locator("b", has_text="CD01"))
    shown = unicodedata.normalize("NFC", row.inner_text())
    assert "Còn lỗi chưa xử lý" in shown and "lỗi CĐCS chưa sửa" in shown, shown
    assert row.locator("td").nth(3).inner_text().strip() == "3"  # the wrong file, the right one, the desk's
    assert page.locator(".tile.warning b").inner_text() == "1"
    group = page.locator("table.groups tbody tr").first.locator("td").first.locator("a").get_attribute("href")
    page.goto(server + group)
    assert "tong-hop-2024.xlsx ·" in page.locator("section.card").first.inner_text()  # the current version
    assert errors == []
    office_context.close()
    officer.close()
    treasurer.close()
