"""The sector union's desk in-process: a sector year, one link per CĐCS, each consolidated
workbook checked as the roll-up reads it, the roll-up through the library, the cross-CĐCS
finding, and year after year.

Expected facts come from samples/README.md (the sector samples: three CĐCS, 493 members, one
member — Lù Thị Hoa — counted by both Than Uyên and Tam Đường) and from how the v1 state
fixture was made (its merge used T06 from the flawed samples, so its workbook lists errors).
"""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.webdesk import ROOT, SAMPLES, UNIT, client, create_year, csrf, links, sample, sign_up, upload
from tests.webstate import FIXTURES
from unionxl.reader import read_unit

SECTOR = ROOT / "samples" / "nganh-2024" / "tong-hop"
UNITS = {"CD01": ("Trung tâm Y tế huyện Than Uyên", "tong-hop-2024-ttyt-than-uyen.xlsx"),
         "CD02": ("Trung tâm Y tế huyện Tam Đường", "tong-hop-2024-ttyt-tam-duong.xlsx"),
         "CD03": ("Bệnh viện Đa khoa tỉnh Lai Châu", "tong-hop-2024-bvdk-tinh-lai-chau.xlsx")}
WITH_ERRORS = FIXTURES / "web-state-v1" / "merges" / "1" / "tong-hop-2024.xlsx"  # merged with the flawed T06


def create_sector_year(c, year=2024, name="Công đoàn ngành Y tế Lai Châu", units=None):
    page = c.get("/")
    units = units if units is not None else "\n".join(n for n, _ in UNITS.values())
    return c.post("/sector-years", data={"csrf_token": csrf(page.text), "year": str(year), "name": name,
                                         "units": units})


def wait_merge(c, merge_id: int, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = c.get(f"/merges/{merge_id}/status").json()
        if status["state"] not in ("queued", "running"):
            return status
        time.sleep(0.3)
    raise AssertionError("merge did not finish")


def start_merge(c, year_id: int) -> int:
    page = c.get(f"/years/{year_id}")
    r = c.post(f"/years/{year_id}/merge", data={"csrf_token": csrf(page.text)})
    return int(r.url.path.rsplit("/", 1)[1])


@pytest.fixture
def sector(tmp_path):
    with client(tmp_path / "sector") as c:
        sign_up(c)
        r = create_sector_year(c)
        assert r.status_code == 200 and r.url.path == "/years/1"
        c.links = links(r.text)
        yield c


def test_each_cdcs_of_a_sector_year_gets_its_own_link(sector):
    assert sorted(sector.links) == ["CD01", "CD02", "CD03"]
    page = sector.get("/years/1").text
    assert "Trung tâm Y tế huyện Tam Đường" in page and page.count('class="badge s-missing"') == 3
    assert "Chưa gửi" in page and "Tổng hợp cấp ngành" in page
    officer = sector.get(sector.links["CD02"]).text
    assert "tong-hop-2024.xlsx" in officer and "/blank.xlsx" not in officer
    assert sector.get(sector.links["CD02"] + "/blank.xlsx").status_code == 404


@pytest.mark.parametrize("wrong, what", [(sample("T01"), "biểu mẫu của một tổ công đoàn"),
                                         (UNIT, "biểu mẫu đơn vị")])
def test_a_group_or_unit_workbook_sent_as_a_consolidated_one_is_named_as_such(sector, wrong, what):
    r = upload(sector, sector.links["CD01"], wrong)
    assert r.status_code == 200 and "Chưa đạt" in r.text
    assert "rollup-not-consolidated" in r.text and what in r.text
    page = sector.get("/years/1").text
    assert "Tệp không dùng được" in page and what in page


def test_a_workbook_with_unresolved_errors_is_flagged_with_their_count(sector):
    book = load_workbook(WITH_ERRORS, read_only=True)
    listed = sum(1 for row in book["Phát hiện"].iter_rows(min_row=2, values_only=True) if row and row[0] == "Lỗi")
    assert listed > 0  # the fixture's merge used the flawed T06
    r = upload(sector, sector.links["CD01"], WITH_ERRORS)
    assert "rollup-unresolved-errors" in r.text
    page = sector.get("/years/1").text
    assert "Còn lỗi chưa xử lý" in page and f"{listed} lỗi CĐCS chưa sửa" in page


def test_a_workbook_of_another_year_is_an_error_at_its_year_cell(tmp_path):
    with client(tmp_path / "s") as c:
        sign_up(c)
        c.links = links(create_sector_year(c, year=2025).text)
        r = upload(c, c.links["CD01"], SECTOR / UNITS["CD01"][1])
        assert "rollup-year" in r.text and "2025" in r.text and re.search(r"<b>unionxl</b> · ô <b>B\d+</b>", r.text)


def test_the_rollup_offers_the_sectors_workbook_and_report_and_shows_the_member_in_two_cdcs(sector):
    for code, (_, name) in UNITS.items():
        r = upload(sector, sector.links[code], SECTOR / name)
        assert "Đã nhận" in r.text, code
    page = sector.get("/years/1").text
    assert page.count('class="badge s-ok"') == 3 and "Hiện sau lần tổng hợp cấp ngành đầu tiên" in page
    merge_id = start_merge(sector, 1)
    assert wait_merge(sector, merge_id)["state"] == "done"
    page = sector.get("/years/1").text
    assert "cccd-duplicate-units" in page and "Lù Thị Hoa" in page and "Trung tâm Y tế huyện Tam Đường" in page
    assert page.count("cccd-duplicate-units") == 1
    outputs = re.findall(rf'href="/merges/{merge_id}/files/([^"]+)"', page)
    assert "tong-hop-2024.xlsx" in outputs and "bao-cao-2024.docx" in outputs
    data = json.loads(sector.get(f"/merges/{merge_id}/files/tong-hop-2024.json").content)
    assert data["account"]["members"] == {"read": 493, "accepted": 493, "rejected": 0, "summary": 0}
    book = load_workbook(io.BytesIO(sector.get(f"/merges/{merge_id}/files/tong-hop-2024.xlsx").content),
                         read_only=True)
    assert "Đoàn viên" in book.sheetnames
    members = sum(1 for row in book["Đoàn viên"].iter_rows(min_row=2, values_only=True) if row and row[0])
    assert members >= 493
    docx = sector.get(f"/merges/{merge_id}/files/bao-cao-2024.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    # next year: the same three CĐCS with new links, this roll-up kept for the comparison
    page = sector.get("/years/1")
    r = sector.post("/years/1/next", data={"csrf_token": csrf(page.text)})
    assert r.url.path == "/years/2" and "Năm 2025 — Công đoàn ngành Y tế Lai Châu" in r.text
    assert sorted(links(r.text)) == ["CD01", "CD02", "CD03"]
    assert not set(links(r.text).values()) & set(sector.links.values())
    assert 'name="previous"' in r.text and "Trung tâm Y tế huyện Tam Đường" in r.text
    assert "Năm 2025 đã được bắt đầu từ năm này" in sector.get("/years/1").text
    again = sector.post("/years/1/next", data={"csrf_token": csrf(page.text)})
    assert again.url.path == "/years/2"  # a second press does not make a second 2025


def test_a_unit_year_is_started_from_last_year_with_its_closing_balance_and_workbook(tmp_path):
    with client(tmp_path / "d") as c:
        sign_up(c)
        c.links = links(create_year(c).text)
        for code in ("T01", "T02"):
            upload(c, c.links[code], sample(code))
        page = c.get("/years/1")
        refused = c.post("/years/1/next", data={"csrf_token": csrf(page.text)})
        assert refused.status_code == 409  # nothing consolidated yet: no closing balance to carry
        merge_id = start_merge(c, 1)
        assert wait_merge(c, merge_id)["state"] == "done"
        data = json.loads(c.get(f"/merges/{merge_id}/files/tong-hop-2024.json").content)
        closing = data["figures"]["mutual_fund"]["closing_balance"]
        page = c.get("/years/1")
        r = c.post("/years/1/next", data={"csrf_token": csrf(page.text)})
        assert r.url.path == "/years/2" and "Năm 2025" in r.text
        assert len(links(r.text)) == 32 and set(links(r.text)) == set(c.links)
        assert not set(links(r.text).values()) & set(c.links.values())  # new links for the new year
        made = tmp_path / "don-vi-2025.xlsx"
        made.write_bytes(c.get("/years/2/unit.xlsx").content)
        new_book, new_findings = read_unit(made)
        old_book, _ = read_unit(UNIT)
        assert not [f for f in new_findings if f.severity.value == "error"]
        assert new_book.fields["unit_info"].values["year"] == 2025
        assert new_book.fields["unit_info"].values["mutual_opening_balance"] == closing
        assert new_book.fields["unit_info"].values["unit_name"] == old_book.fields["unit_info"].values["unit_name"]
        assert new_book.fields["policy"].values == old_book.fields["policy"].values
        assert [(g.values["group_code"], g.values["group_name"]) for g in new_book.rows("groups")] == \
            [(g.values["group_code"], g.values["group_name"]) for g in old_book.rows("groups")]
        assert 'name="previous"' in r.text  # last year's consolidated workbook is kept for --previous
        # last year stays as it was, and says where its next year is
        old = c.get("/years/1").text
        assert old.count('class="badge s-ok"') + old.count('class="badge s-warning"') == 2
        # a 2025 group workbook from the new year's link is checked against the 2025 unit workbook
        blank = c.get(links(r.text)["T03"] + "/blank.xlsx")
        assert blank.status_code == 200
