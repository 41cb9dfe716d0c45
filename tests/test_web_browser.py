"""The whole story in a real browser: Debian's Chromium, driven by Playwright, against
`unionxl serve` started as a user starts it.

The treasurer sets the password and the 2024 year up from the samples' unit workbook; each of
the 32 groups uploads through its own link (T06 first with the flawed sample's errors, then
fixed; T01 by drag and drop; T02 from a browser with JavaScript off); the treasurer
consolidates and downloads the outputs, and the seed's figures are read back from the
downloaded consolidated workbook. Expected figures come from SPEC §5 (the seed report).

Set UNIONXL_SCREENSHOTS=docs/web to refresh the screenshots kept in the repository.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from tests.webbrowser import DESKTOP, PASSWORD, PHONE, Shots, watched_page
from tests.webdesk import FLAWED, SAMPLES, UNIT, sample

def test_the_whole_year_through_the_browser(server, browser, tmp_path):
    shots = Shots(tmp_path)
    treasurer = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    errors: list[str] = []
    page = watched_page(treasurer, errors)

    # --- first start: the password, set on this machine
    page.goto(server + "/")
    assert page.url.endswith("/setup")
    shots.take(browser, server + "/setup", "1-dat-mat-khau", [])
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=again]", PASSWORD)
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Các năm báo cáo"

    # --- the 2024 year from the samples' unit workbook
    page.set_input_files("input[name=unit_workbook]", str(UNIT))
    page.click("form[action='/years'] button[type=submit]")
    page.wait_for_url("**/years/1")
    links = {}
    for row in page.locator("table.groups tbody tr").all():
        code = row.locator("td").first.locator("b").inner_text()
        links[code] = row.locator("input.link-input").input_value()
    assert len(links) == 32 and len(set(links.values())) == 32
    assert page.locator(".badge.s-missing").count() == 32
    cookies = treasurer.cookies()

    officer = browser.new_context(viewport=PHONE, accept_downloads=True)
    phone = watched_page(officer, errors)

    # --- T06 first sends the flawed workbook: not accepted, each finding with its sheet and cell
    phone.goto(links["T06"])
    phone.set_input_files("input[name=workbook]", str(sample("T06", FLAWED)))
    phone.click("#upload-form button[type=submit]")
    phone.wait_for_selector("#result")
    # one error (the 11-digit CCCD); the row is linked to its member by name, a warning, not a second error
    assert "Chưa đạt: tệp có 1 lỗi" in phone.locator("#result h2").inner_text()
    rows = phone.locator("table.findings tbody tr")
    assert rows.count() >= 2
    first = rows.nth(0).inner_text()
    assert "Chăm lo" in first and "E37" in first and "Lỗi" in first
    with phone.expect_download() as download:
        phone.click("a.button:has-text('Tải bản phản hồi')")
    assert download.value.suggested_filename.endswith("-phan-hoi-v1.xlsx")
    copy = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert copy["Chăm lo"]["E37"].comment is not None
    shots.take(browser, phone.url, "3-to-nop-co-loi", [])

    # --- every group sends its workbook; T06 sends the fixed one
    for code, link in links.items():
        if code == "T01":
            continue  # below, by drag and drop
        if code == "T02":
            continue  # below, without JavaScript
        phone.goto(link)
        phone.set_input_files("input[name=workbook]", str(sample(code)))
        phone.click("#upload-form button[type=submit]")
        phone.wait_for_selector("#result h2")
        verdict = phone.locator("#result h2").inner_text()
        assert verdict.startswith("✓ Đã nhận"), (code, verdict)
    shots.take(browser, links["T06"], "4-to-nop-dat", [])

    # drag and drop (JavaScript puts the dropped file into the form's own input)
    phone.goto(links["T01"])
    data = list(sample("T01").read_bytes())
    transfer = phone.evaluate_handle(
        """([bytes, name]) => { const t = new DataTransfer();
             t.items.add(new File([new Uint8Array(bytes)], name)); return t; }""", [data, sample("T01").name])
    with phone.expect_navigation():
        phone.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    phone.wait_for_selector("#result h2")
    assert phone.locator("#result h2").inner_text().startswith("✓ Đã nhận")

    # without JavaScript: the plain form does the same
    plain = browser.new_context(viewport=PHONE, java_script_enabled=False)
    nojs = plain.new_page()
    nojs.goto(links["T02"])
    nojs.set_input_files("input[name=workbook]", str(sample("T02")))
    nojs.click("#upload-form button[type=submit]")
    nojs.wait_for_selector("#result h2")
    assert nojs.locator("#result h2").inner_text().startswith("✓ Đã nhận")
    plain.close()

    # --- the dashboard: every group has sent, none with errors; T06 has two versions
    page.goto(server + "/years/1")
    assert page.locator(".badge.s-missing").count() == 0
    assert page.locator(".badge.s-error").count() == 0
    assert page.locator(".tile.ok b").inner_text().isdigit()
    t06 = page.locator("table.groups tbody tr", has_text="T06").inner_text()
    assert "Đạt" in t06 and "\t2\t" in t06.replace("\n", "\t")
    shots.take(browser, server + "/years/1", "2-bang-theo-doi", cookies, full_page=False)
    shots.take(browser, server + "/", "0-cac-nam", cookies, full_page=False)
    t06_id = page.locator("table.groups tbody tr", has_text="T06").get_attribute("id")[1:]
    shots.take(browser, f"{server}/years/1/groups/{t06_id}", "6-ke-toan-xem-to", cookies, full_page=False)

    # --- consolidate, with progress, and download every output
    page.click("text=Tổng hợp ngay")
    page.wait_for_url("**/merges/1")
    page.wait_for_selector("ul.outputs a", timeout=180_000)
    shots.take(browser, page.url, "5-tong-hop", cookies, full_page=False)
    got = {}
    for name in ("tong-hop-2024.xlsx", "bao-cao-2024.docx", "tong-hop-2024.json"):
        with page.expect_download() as download:
            page.click(f"ul.outputs a:text-is('{name}')")
        assert download.value.suggested_filename == name
        got[name] = Path(download.value.path())
    report = load_workbook(io.BytesIO(got["tong-hop-2024.xlsx"].read_bytes()), read_only=True)["Báo cáo"]
    figures = {row[0]: row[1:4] for row in report.iter_rows(values_only=True) if row and row[0]}
    assert figures["Tổng số đoàn viên công đoàn"][0] == 307
    assert figures["Nam"][0] == 120 and figures["Nữ"][0] == 187
    assert figures["Số tổ công đoàn"][0] == 32
    assert figures["Đảng viên"][0] == 160
    assert figures["Quỹ du lịch: đoàn viên đóng quỹ (mức đóng mỗi tháng)"][2] == 110_520_000
    assert figures["Quỹ tương hỗ: đoàn viên đóng quỹ (mức đóng mỗi quý)"][2] == 243_800_000
    assert figures["Vay vốn quỹ tương hỗ (mức vay mỗi xuất)"][0] == 24
    assert zipfile.is_zipfile(got["bao-cao-2024.docx"])
    summary = json.loads(got["tong-hop-2024.json"].read_text(encoding="utf-8"))
    assert summary["exit_code"] == 0 and summary["summary"]["errors"] == 0
    # the merge used the fixed T06, not the flawed first version
    assert page.locator("table.inputs tbody tr").count() == 32
    assert errors == []  # no script error on any page
    officer.close()
    treasurer.close()
