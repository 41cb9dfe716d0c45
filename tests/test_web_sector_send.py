"""Desk to desk on loopback: a CĐCS desk (in-process) sends its consolidated workbook with one
click to a sector desk (a real `unionxl serve` in a subprocess) through the link the sector
gave it — a plain HTTP POST, nothing else shared."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request

import pytest

from tests.test_web_sector import create_sector_year, start_merge, wait_merge
from tests.webdesk import client, create_year, csrf, links, sample, sign_up, upload
from tests.webserver import Server


@pytest.fixture
def sector_desk(tmp_path):
    data = tmp_path / "sector"
    with client(data) as c:  # set up before the real server takes the folder over
        sign_up(c)
        sector_links = links(create_sector_year(c).text)
    server = Server(data, tmp_path / "sector.log").start()
    # the links were read off a page served as http://127.0.0.1:8765; the real one listens elsewhere
    server.links = {code: link.replace("http://127.0.0.1:8765", server.url) for code, link in sector_links.items()}
    yield server
    server.stop()


def _sector_uploads(data) -> list[tuple]:
    conn = sqlite3.connect(data / "state.sqlite3")
    try:
        return conn.execute("SELECT g.code, u.file_name, u.verdict, u.errors FROM uploads u "
                            "JOIN groups g ON g.id = u.group_id ORDER BY u.id").fetchall()
    finally:
        conn.close()


def test_a_cdcs_desk_sends_its_consolidated_workbook_with_one_click(sector_desk, tmp_path):
    with client(tmp_path / "cdcs") as c:
        sign_up(c)
        cdcs = links(create_year(c).text)
        for code in ("T01", "T02"):  # 30 groups missing: the merge lists 30 errors the sector must see
            upload(c, cdcs[code], sample(code))
        page = c.get("/years/1")
        assert "Gửi lên công đoàn ngành" in page.text and 'action="/years/1/send"' not in page.text
        r = c.post("/years/1/sector-link", data={"csrf_token": csrf(page.text), "sector_link": sector_desk.links["CD01"]})
        assert r.status_code == 200 and 'action="/years/1/send"' in r.text
        merge_id = start_merge(c, 1)
        done = wait_merge(c, merge_id)
        assert done["state"] == "done"
        page = c.get("/years/1")
        r = c.post("/years/1/send", data={"csrf_token": csrf(page.text)})
        assert r.status_code == 200
        assert "Ngành đã nhận: còn lỗi" in r.text
    [(code, file_name, verdict, errors)] = _sector_uploads(sector_desk.data)
    assert (code, file_name, verdict) == ("CD01", "tong-hop-2024.xlsx", "error") and errors >= 1
    # the sector's dashboard names the 30 errors the CĐCS left unresolved
    with urllib.request.urlopen(sector_desk.links["CD01"]) as page:
        assert "rollup-unresolved-errors" in page.read().decode()


def test_a_send_to_a_wrong_or_revoked_link_is_recorded_as_not_sent(sector_desk, tmp_path):
    with client(tmp_path / "cdcs") as c:
        sign_up(c)
        cdcs = links(create_year(c).text)
        upload(c, cdcs["T01"], sample("T01"))
        page = c.get("/years/1")
        wrong = sector_desk.links["CD01"][:-6] + "AAAAAA"
        c.post("/years/1/sector-link", data={"csrf_token": csrf(page.text), "sector_link": wrong})
        assert wait_merge(c, start_merge(c, 1))["state"] == "done"
        page = c.get("/years/1")
        r = c.post("/years/1/send", data={"csrf_token": csrf(page.text)})
        assert "Chưa gửi được" in r.text and "HTTP 404" in r.text
    assert _sector_uploads(sector_desk.data) == []


@pytest.mark.parametrize("link", ["ftp://127.0.0.1/nop/" + "a" * 43, "http://127.0.0.1:8765/years/1",
                                  "http://user:pw@127.0.0.1/nop/" + "a" * 43, "javascript:alert(1)",
                                  "http://127.0.0.1/nop/" + "a" * 43 + "?x=1"])
def test_only_an_upload_link_is_taken_as_the_sectors(tmp_path, link):
    with client(tmp_path / "cdcs") as c:
        sign_up(c)
        create_year(c)
        page = c.get("/years/1")
        r = c.post("/years/1/sector-link", data={"csrf_token": csrf(page.text), "sector_link": link})
        assert r.status_code == 400 and "không đúng dạng link nộp" in r.text


def test_the_machine_upload_needs_a_live_token_and_a_body(sector_desk):
    def post(url, body=b"PK\x03\x04"):
        request = urllib.request.Request(url, data=body, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, None

    assert post(sector_desk.url + "/nop/" + "x" * 43 + "/gui")[0] == 404
    assert post(sector_desk.links["CD02"] + "/gui", b"")[0] == 400
    status, answer = post(sector_desk.links["CD02"] + "/gui", b"not a workbook at all")
    assert status == 200 and answer["verdict"] == "error"
