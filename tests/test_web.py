"""The web desk in-process: each route, and each way someone might get in who shouldn't.

The app is called through Starlette's TestClient (no network). Expected findings come from
the flawed samples' own list (samples/2024-loi/README.md), not from the desk's output.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
import threading
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.webdesk import (BASE, FLAWED, PASSWORD, ROOT, SAMPLES, UNIT, client, create_year, csrf, links,
                           sample, sign_up, upload)
from unionxl.web import security


@pytest.fixture
def desk(tmp_path):
    with client(tmp_path / "data") as c:
        sign_up(c)
        r = create_year(c)
        assert r.status_code == 200 and r.url.path == "/years/1"
        c.year_html = r.text
        c.links = links(r.text)
        c.data = tmp_path / "data"
        yield c


# ---------------------------------------------------------------------- setting up a year


def test_a_year_from_the_unit_workbook_lists_each_group_with_its_own_link(desk):
    assert len(desk.links) == 32 and "T01" in desk.links and "T32" in desk.links
    tokens = [link.rsplit("/", 1)[1] for link in desk.links.values()]
    assert len(set(tokens)) == 32 and all(len(t) >= 43 for t in tokens)  # 256 random bits each
    assert "Ban Giám đốc" in desk.year_html and "Chưa nộp" in desk.year_html
    assert desk.year_html.count('class="badge s-missing"') == 32


def test_the_blank_workbook_of_a_group_is_the_templates_prefilled_for_it(desk):
    r = desk.get("/years/1/groups/2/blank.xlsx")
    assert r.status_code == 200
    # the name `unionxl template groups` gives it (the samples' name, in lower case)
    assert f'filename="{sample("T02").name.lower()}"' in r.headers["content-disposition"]
    book = load_workbook(io.BytesIO(r.content))
    values = [c.value for row in book["Thông tin tổ"].iter_rows() for c in row]
    assert "T02" in values and 2024 in values
    officer = desk.get(desk.links["T02"] + "/blank.xlsx")
    assert officer.status_code == 200 and officer.content[:2] == b"PK"


def test_a_file_that_is_not_a_unit_workbook_cannot_start_a_year(desk):
    r = create_year(desk, sample("T01"))
    assert r.status_code == 422
    assert "Chưa tạo được năm từ tệp này" in r.text and "không phải biểu mẫu đơn vị" in r.text


# ---------------------------------------------------------------------- the officer's page


def test_a_clean_workbook_is_accepted_at_once(desk):
    r = upload(desk, desk.links["T01"], sample("T01"))
    assert r.status_code == 200
    assert "Đã nhận: tệp đạt, không có lỗi" in r.text
    assert 'class="findings"' not in r.text and "Tải bản phản hồi" not in r.text  # nothing to fix
    year = desk.get("/years/1").text
    assert year.count('class="badge s-ok"') == 1 and year.count('class="badge s-missing"') == 31


def test_a_workbook_with_errors_shows_each_finding_with_sheet_and_cell_errors_first(desk):
    # samples/2024-loi/README.md: T06 'Chăm lo'!E37 has an 11-digit CCCD (cccd-length); the row is still
    # linked to its member by the name (member-linked-by-name, a warning), not reported unknown
    r = upload(desk, desk.links["T06"], sample("T06", FLAWED))
    assert "Chưa đạt: tệp có 1 lỗi" in r.text
    rows = re.findall(r'<tr class="sev-(\w+)">(.*?)</tr>', r.text, re.S)
    codes = [re.search(r'<code class="code">([\w-]+)</code>', row).group(1) for _, row in rows]
    assert codes[:2] == ["cccd-length", "member-linked-by-name"]
    severities = [sev for sev, _ in rows]
    assert severities == sorted(severities, key=lambda s: s != "error")  # errors first
    assert all("Chăm lo" in row and "E37" in row for _, row in rows[:2])
    feedback = re.search(r'href="(/nop/[^"]+/feedback/\d+)"', r.text)
    copy = desk.get(feedback.group(1))
    assert copy.status_code == 200
    marked = load_workbook(io.BytesIO(copy.content))
    assert marked["Chăm lo"]["E37"].comment is not None  # the feedback copy marks the cell


def test_the_feedback_copy_is_made_when_asked_for_against_the_unit_workbook_the_check_used(desk, tmp_path):
    # samples/2024-loi/README.md: T28 'Chăm lo'!F6 is a Tết gift of 100.000 against a rate of 200.000 (welfare-rate)
    r = upload(desk, desk.links["T28"], sample("T28", FLAWED))
    assert "welfare-rate" in r.text
    link = re.search(r'href="(/nop/[^"]+/feedback/(\d+))"', r.text)
    stored = _upload_row(desk.data, int(link.group(2)))
    assert stored["feedback_sha256"] is None and stored["marks"] >= 1  # not made while the officer waited
    # The treasurer then lowers the Tết rate to 100.000: checked again now, F6 would be right.
    lowered = load_workbook(UNIT)
    lowered["Định mức"]["B7"] = 100000
    lowered.save(tmp_path / UNIT.name)
    page = desk.get("/years/1")
    replaced = desk.post("/years/1/unit", data={"csrf_token": csrf(page.text)},
                         files={"unit_workbook": (UNIT.name, (tmp_path / UNIT.name).read_bytes())})
    assert replaced.status_code == 200
    copy = desk.get(link.group(1))
    assert copy.status_code == 200
    assert load_workbook(io.BytesIO(copy.content))["Chăm lo"]["F6"].comment is not None  # what the officer was shown
    again = desk.get(link.group(1))
    assert again.content == copy.content
    assert _upload_row(desk.data, int(link.group(2)))["feedback_sha256"] == hashlib.sha256(copy.content).hexdigest()


def _upload_row(data: Path, upload_id: int) -> sqlite3.Row:
    conn = sqlite3.connect(data / "state.sqlite3")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM uploads WHERE id = ?", (upload_id,)).fetchone()
    finally:
        conn.close()


def test_re_uploading_the_fixed_file_makes_it_current_and_keeps_both_versions(desk):
    upload(desk, desk.links["T06"], sample("T06", FLAWED))
    r = upload(desk, desk.links["T06"], sample("T06"))
    assert "Đã nhận: tệp đạt" in r.text
    assert "Các lần đã nộp" in r.text and r.text.count("<li>") >= 2
    year = desk.get("/years/1").text
    row = re.search(r'<tr id="g6">(.*?)</tr>', year, re.S).group(1)
    assert "s-ok" in row and ">2<" in row  # current status, two versions
    group = desk.get("/years/1/groups/6").text
    assert group.count("Tải tệp đã nộp") == 2


def test_a_wrong_workbook_is_named_as_such(desk):
    unit = upload(desk, desk.links["T01"], UNIT)
    assert "upload-unit-workbook" in unit.text and "Đây là biểu mẫu đơn vị" in unit.text
    other = upload(desk, desk.links["T01"], sample("T02"))
    assert "upload-other-group" in other.text and "Đây là biểu mẫu của tổ T02, không phải của tổ T01" in other.text
    timesheet = upload(desk, desk.links["T01"], FLAWED / "bang-cham-cong-thang-12.xlsx")
    assert "file-not-unionxl" in timesheet.text and "Chưa đạt" in timesheet.text


def test_an_invisible_character_in_a_value_is_made_visible(desk):
    template = desk.app.desk.env.from_string("{{ v|visible }}")
    assert template.render(v=" 30.000\u00a0") == "␣30.000⟨NBSP⟩"
    assert template.render(v="Nam\u200b") == "Nam⟨ZWSP⟩"
    assert template.render(v="<b>Nguyễn Văn A</b>") == "&lt;b&gt;Nguyễn Văn A&lt;/b&gt;"


def test_the_english_switch_changes_the_officers_page(desk):
    desk.get("/lang/en?next=/")
    r = upload(desk, desk.links["T06"], sample("T06", FLAWED))
    assert "Not accepted: the file has 1 errors" in r.text and 'lang="en"' in r.text
    desk.get("/lang/vi?next=/")
    assert "Nộp biểu mẫu" in desk.get(desk.links["T06"]).text


def test_the_language_switch_redirects_only_within_the_site(desk):
    for target in ("https://evil.example/", "//evil.example/", "\\\\evil"):
        r = desk.get("/lang/en", params={"next": target}, follow_redirects=False)
        assert r.headers["location"] == "/"


# ---------------------------------------------------------------------- the treasurer's dashboard


def test_consolidating_writes_the_merge_outputs_with_the_versions_used(desk):
    for code in ("T01", "T02", "T03"):
        upload(desk, desk.links[code], sample(code))
    page = desk.get("/years/1")
    r = desk.post("/years/1/merge", data={"csrf_token": csrf(page.text)})
    assert r.url.path == "/merges/1"
    for _ in range(120):
        state = desk.get("/merges/1/status").json()
        if state["state"] not in ("queued", "running"):
            break
        time.sleep(0.5)
    assert state["state"] == "done", state
    page = desk.get("/merges/1").text
    names = re.findall(r'href="/merges/1/files/([^"]+)"', page)
    assert {"tong-hop-2024.xlsx", "bao-cao-2024.docx", "tong-hop-2024.json"} <= set(names)
    assert "phan-hoi.zip" in names  # 29 groups missing are errors; no feedback copy needed for T01-T03 though
    book = desk.get("/merges/1/files/tong-hop-2024.xlsx")
    assert book.status_code == 200 and book.content[:2] == b"PK"
    assert page.count("/uploads/") == 3  # the exact three versions used
    assert "group-missing" in page  # 29 groups sent nothing


def test_every_action_is_in_the_audit_log(desk):
    upload(desk, desk.links["T01"], sample("T01"), name="Tổ 01 (bản cuối).xlsx")
    log = desk.get("/years/1/audit").text
    for action in ("year-created", "upload-received", "upload-checked"):
        assert action in log
    assert "Tổ 01 (bản cuối).xlsx" in log


# ---------------------------------------------------------------------- security


def test_a_wrong_token_finds_nothing_and_records_nothing(desk):
    for path in ("/nop/" + "A" * 43, "/nop/short", "/nop/" + desk.links["T01"].rsplit("/", 1)[1][:-1] + "B"):
        assert desk.get(path).status_code == 404
        page = desk.get(desk.links["T01"])
        r = desk.post(path, data={"csrf_token": csrf(page.text)}, files={"workbook": ("x.xlsx", b"PK")})
        assert r.status_code == 404
    assert "upload-received" not in desk.get("/years/1/audit").text


def test_another_groups_token_shows_only_that_group_and_not_ours(desk):
    r = upload(desk, desk.links["T06"], sample("T06", FLAWED))
    feedback = re.search(r'/nop/[^/]+/feedback/(\d+)', r.text).group(1)
    other = desk.links["T07"]
    assert desk.get(f"{other}/feedback/{feedback}").status_code == 404  # T06's copy through T07's link
    page = desk.get(other).text
    assert "T07" in page and "T06" not in page and "Chăm lo" not in page
    assert desk.get(f"{other}?u={feedback}").text.count("E37") == 0  # T06's findings never shown to T07


def test_a_revoked_link_stops_working_and_the_new_one_works(desk):
    old = desk.links["T03"]
    page = desk.get("/years/1")
    desk.post("/years/1/groups/3/reissue", data={"csrf_token": csrf(page.text)})
    new = links(desk.get("/years/1").text)["T03"]
    assert new != old
    assert desk.get(old).status_code == 404 and desk.get(new).status_code == 200
    page = desk.get("/years/1")
    desk.post("/years/1/groups/3/revoke", data={"csrf_token": csrf(page.text)})
    assert desk.get(new).status_code == 404
    assert "T03" not in links(desk.get("/years/1").text)


@pytest.mark.parametrize("name", ["../../../state.sqlite3", "..\\..\\blobs\\x.xlsx", "/etc/passwd",
                                  "C:\\Windows\\system32\\T01.xlsx", "con.xlsx", "a" * 300 + ".xlsx"],
                         ids=["dotdot", "backslash-dotdot", "absolute", "windows-absolute", "dos-device", "long"])
def test_path_traversal_file_names_are_never_paths(desk, name):
    r = upload(desk, desk.links["T01"], sample("T01"), name=name)
    assert r.status_code == 200 and "Đã nhận" in r.text
    files = {p.relative_to(desk.data).as_posix() for p in desk.data.rglob("*") if p.is_file()}
    assert all(f == "state.sqlite3" or f.startswith(("blobs/", "state.sqlite3-")) for f in files), files
    assert not (desk.data.parent / "etc").exists()


def uploads_recorded(data: Path) -> int:
    with sqlite3.connect(data / "state.sqlite3") as db:
        return db.execute("SELECT count(*) FROM uploads").fetchone()[0]


@pytest.mark.parametrize("case", ["long-name", "two-files", "no-boundary", "garbage"])
def test_a_body_the_form_parser_refuses_says_what_to_do_and_keeps_nothing(desk, case):
    """A file name past the parser's header limit (a few thousand characters), two files in one
    form, a broken multipart body: a page saying why and what to do, not 'try again later'
    (which would fail the same way), and no upload recorded."""
    link = desk.links["T01"]
    token = csrf(desk.get(link).text)
    content = sample("T01").read_bytes()
    if case == "long-name":
        r = desk.post(link, data={"csrf_token": token}, files={"workbook": ("Tổ 1 " * 1500 + ".xlsx", content)})
    elif case == "two-files":
        r = desk.post(link, data={"csrf_token": token},
                      files=[("workbook", ("a.xlsx", content)), ("workbook", ("b.xlsx", content))])
    else:
        body = b"" if case == "no-boundary" else b"--zz\r\nnot a part header\r\n\r\n"
        kind = "multipart/form-data" + ("" if case == "no-boundary" else "; boundary=zz")
        r = desk.post(link, content=body, headers={"content-type": kind})
    assert r.status_code == 400
    assert "Không nhận được nội dung gửi lên" in r.text and "tên tệp ngắn" in r.text and "Thử lại sau" not in r.text
    assert uploads_recorded(desk.data) == 0
    desk.get("/lang/en")
    r = desk.post(link, content=b"", headers={"content-type": "multipart/form-data"})
    assert r.status_code == 400 and "could not be received" in r.text and "Give the file a short name" in r.text


def test_a_long_file_name_is_shortened_without_losing_the_kind_of_file_it_names(desk):
    """The same LibreOffice workbook, sent once as T01.ods and once under a 160-character name: the
    shortened name lost '.ods', so the file was read as an .xlsx and refused with an error."""
    ods = ROOT / "tests" / "fixtures" / "libreoffice" / "lo-clean.ods"
    short = upload(desk, desk.links["T01"], ods, name="T01.ods")
    assert short.status_code == 200 and "Đã nhận: tệp đạt" in short.text  # the file itself is clean
    long_name = "Báo cáo tài chính công đoàn tổ 1 " * 5 + "bản cuối.ods"
    r = upload(desk, desk.links["T01"], ods, name=long_name)
    assert r.status_code == 200 and "Đã nhận: tệp đạt" in r.text, r.text[-1500:]
    with sqlite3.connect(desk.data / "state.sqlite3") as db:
        names = [row[0] for row in db.execute("SELECT file_name FROM uploads ORDER BY id")]
    assert names[0] == "T01.ods" and names[1].endswith(".ods") and len(names[1]) <= 120
    assert names[1].startswith("Báo cáo tài chính công đoàn tổ 1")


def test_download_routes_refuse_traversal(desk):
    for path in ("/merges/1/files/..%2f..%2fstate.sqlite3", "/merges/1/files/../../state.sqlite3",
                 "/static/..%2fstorage.py", "/static/../app.py", "/uploads/1/../../state.sqlite3",
                 "/uploads/abc/file", "/years/1/groups/99/blank.xlsx"):
        r = desk.get(path)
        assert r.status_code == 404 and b"CREATE TABLE" not in r.content and b"import" not in r.content


def test_an_oversized_body_is_refused_before_it_is_read(tmp_path):
    with client(tmp_path / "data", upload_limit=100_000) as c:
        sign_up(c)
        link = links(create_year(c).text)["T01"]
        token = csrf(c.get(link).text)
        # declared too large: refused on the Content-Length alone
        r = c.post(link, content=b"x" * 10, headers={"content-length": str(200_000_000),
                                                      "content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413
        # a real multipart upload just over the limit
        r = c.post(link, data={"csrf_token": token}, files={"workbook": ("big.xlsx", b"PK" + b"0" * 200_000)})
        assert r.status_code == 413 and "quá lớn" in r.text
        # and a plain form is held to a small limit
        r = c.post("/login", data={"csrf_token": token, "password": "x" * 100_000})
        assert r.status_code == 413
        assert "upload-received" not in c.get("/years/1/audit").text
        stored = [p for p in (tmp_path / "data" / "blobs").rglob("*") if p.is_file()]
        assert len(stored) == 1  # the unit workbook only: nothing of the refused bodies was kept


def test_a_chunked_body_without_a_length_is_cut_off_at_the_limit():
    """TestClient buffers a body before calling the app, so drive the ASGI middleware directly:
    it must answer 413 after reading just past the limit, not after the whole stream."""
    import asyncio

    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def reads_everything(request):
        await request.body()
        return PlainTextResponse("read it all")

    app = security.BodyLimit(Starlette(routes=[Route("/", reads_everything, methods=["POST"])],
                                       exception_handlers={security.BodyTooLarge: _413}), lambda m, p: 100_000)
    pulled = []
    sent = []

    async def receive():
        pulled.append(1)
        return {"type": "http.request", "body": b"x" * 65536, "more_body": len(pulled) < 1000}  # 64 MB offered

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "raw_path": b"/", "query_string": b"", "headers": [],
             "scheme": "http", "server": ("127.0.0.1", 8765), "client": ("127.0.0.1", 1), "root_path": "",
             "http_version": "1.1", "asgi": {"version": "3.0"}}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert len(pulled) == 2  # 128 KB read of the 64 MB offered


async def _413(request, exc):
    from starlette.responses import PlainTextResponse

    return PlainTextResponse("too large", status_code=413)


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize("content, code", [
    (b"PK\x03\x04 this is not a zip at all", "file-unreadable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "file-unreadable"),  # a broken old-Excel file
    (b"Ho ten,CCCD\nNguyen Van A,001234567890\n", "file-unreadable"),  # a CSV named .xlsx
    (b"<html><script>alert(1)</script></html>", "file-unreadable"),
    (None, "file-too-large"),  # a zip bomb: 40 MB of zeros inflating at ~1000x
], ids=["broken-zip", "broken-ole", "csv", "html", "zip-bomb"])
def test_a_hostile_file_becomes_a_finding_and_the_desk_goes_on(desk, content, code):
    body = _zip_bomb() if content is None else content
    r = upload(desk, desk.links["T01"], name="<img src=x onerror=alert(1)>.xlsx", content=body)
    assert r.status_code == 200 and "Chưa đạt" in r.text
    assert re.findall(r'<code class="code">([\w-]+)</code>', r.text) == [code]
    assert "<img src=x" not in r.text and "&lt;img src=x onerror=alert(1)&gt;.xlsx" in r.text  # escaped
    assert upload(desk, desk.links["T01"], sample("T01")).status_code == 200  # and the next upload works


def test_concurrent_uploads_of_the_same_group_are_all_kept(desk):
    link = desk.links["T05"]
    token = csrf(desk.get(link).text)
    files = [sample("T05"), sample("T05", FLAWED)] * 3
    results: list[int] = []

    def send(path):
        with open(path, "rb") as handle:
            r = desk.post(link, data={"csrf_token": token}, files={"workbook": (path.name, handle.read())})
        results.append(r.status_code)

    threads = [threading.Thread(target=send, args=(p,)) for p in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 6
    group = desk.get("/years/1/groups/5").text
    assert group.count("Tải tệp đã nộp") == 6
    year = desk.get("/years/1").text
    assert re.search(r'<tr id="g5">.*?>6<', year, re.S)
    blobs = [p for p in (desk.data / "blobs").rglob("*") if p.is_file()]
    assert len([b for b in blobs if b.read_bytes() in (sample("T05").read_bytes(),
                                                       sample("T05", FLAWED).read_bytes())]) == 2  # stored once each


def test_a_form_without_its_csrf_token_is_refused(desk):
    link = desk.links["T01"]
    with open(sample("T01"), "rb") as handle:
        data = handle.read()
    assert desk.post(link, files={"workbook": ("T01.xlsx", data)}).status_code == 403
    assert desk.post(link, data={"csrf_token": "wrong"}, files={"workbook": ("T01.xlsx", data)}).status_code == 403
    assert desk.post("/years/1/merge", data={}).status_code == 403
    assert desk.post("/years/1/groups/1/revoke", data={"csrf_token": ""}).status_code == 403
    # a cookie the attacker planted, equal to the field but not signed by the server
    desk.cookies.set(security.CSRF_COOKIE, "forged.0000")
    assert desk.post("/years/1/merge", data={"csrf_token": "forged.0000"}).status_code == 403
    desk.cookies.delete(security.CSRF_COOKIE)
    page = desk.get("/years/1")
    # a form posted from another site
    r = desk.post("/years/1/merge", data={"csrf_token": csrf(page.text)}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    assert "merge-requested" not in desk.get("/years/1/audit").text


def test_a_session_that_expired_before_consolidate_signs_in_back_to_the_year_page(desk):
    """The treasurer's session runs out while the year page is open; 'Consolidate' (a POST) leads to
    the sign-in, which led back to the POST-only /years/1/merge by GET: a 405 page, 'try again later'."""
    token = csrf(desk.get("/years/1").text)
    with sqlite3.connect(desk.data / "state.sqlite3") as db:  # its time is up
        db.execute("UPDATE sessions SET expires_at = 0")
    r = desk.post("/years/1/merge", data={"csrf_token": token})
    assert r.status_code == 200 and r.url.path == "/login"
    with sqlite3.connect(desk.data / "state.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM merges").fetchone()[0] == 0  # nothing started unsigned
    nxt = re.search(r'name="next" value="([^"]*)"', r.text).group(1)
    r = desk.post("/login", data={"csrf_token": csrf(r.text), "password": PASSWORD, "next": nxt})
    assert r.status_code == 200 and r.url.path == "/years/1", (r.status_code, r.url)
    assert "Thử lại sau" not in r.text


def test_login_is_rate_limited_per_client_and_the_right_password_waits_too(tmp_path):
    with client(tmp_path / "data") as c:
        sign_up(c)
        c.post("/logout", data={"csrf_token": csrf(c.get("/").text)})
        page = c.get("/login")
        token = csrf(page.text)
        statuses = [c.post("/login", data={"csrf_token": token, "password": f"guess-{i}"}).status_code
                    for i in range(security.LOGIN_PER_CLIENT)]
        assert statuses == [401] * security.LOGIN_PER_CLIENT
        blocked = c.post("/login", data={"csrf_token": token, "password": PASSWORD})
        assert blocked.status_code == 429 and "Chờ 15 phút" in blocked.text
        assert blocked.headers["retry-after"] == str(security.LOGIN_WINDOW)
        assert c.get("/years/1", follow_redirects=False).status_code == 303  # still signed out
    with client(tmp_path / "data", ) as other:  # another machine is not locked out by the first
        other_app = other.app
    from starlette.testclient import TestClient

    with TestClient(other_app, base_url=BASE, client=("192.168.1.20", 5000)) as other:
        token = csrf(other.get("/login").text)
        r = other.post("/login", data={"csrf_token": token, "password": PASSWORD})
        assert r.status_code == 200 and r.url.path == "/"


def test_the_treasurers_pages_need_the_session_and_an_officer_link_is_not_one(desk):
    link = desk.links["T01"]
    desk.post("/logout", data={"csrf_token": csrf(desk.get("/").text)})
    for path in ("/", "/years/1", "/years/1/audit", "/years/1/groups/1", "/years/1/groups/1/blank.xlsx",
                 "/uploads/1/file", "/merges/1", "/merges/1/status"):
        r = desk.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
    assert desk.get(link).status_code == 200  # the officer's page needs no account
    desk.cookies.set(security.SESSION_COOKIE, "made-up-session")
    assert desk.get("/years/1", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_httponly_and_samesite(tmp_path):
    with client(tmp_path / "data") as c:
        page = c.get("/setup")
        r = c.post("/setup", data={"csrf_token": csrf(page.text), "password": PASSWORD, "again": PASSWORD},
                   follow_redirects=False)
        cookie = [v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith("uxl_session=")][0]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
        value = cookie.split(";")[0].split("=", 1)[1]
        assert len(value) >= 43
        store = c.app.desk.store
        assert not store.session_valid(value) and store.session_valid(security.token_hash(value))  # hash kept


def test_the_first_password_can_only_be_set_from_this_machine(tmp_path):
    from starlette.testclient import TestClient

    from unionxl.web import create_app

    with TestClient(create_app(tmp_path / "data"), base_url=BASE, client=("10.0.0.7", 5000)) as c:
        r = c.get("/setup")
        assert r.status_code == 403 and "unionxl password" in r.text
        assert c.post("/setup", data={"password": "x" * 20, "again": "x" * 20}).status_code == 403
        assert c.app.desk.store.setting("password_hash") is None


def test_every_page_carries_the_security_headers_and_no_inline_script(desk):
    upload(desk, desk.links["T06"], sample("T06", FLAWED))
    pages = ["/", "/years/1", "/years/1/audit", "/years/1/groups/6", desk.links["T06"], "/login", "/nop/nothing",
             "/static/desk.css"]
    for path in pages:
        r = desk.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        if not path.startswith("/static/"):
            assert r.headers["cache-control"] == "no-store"
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text)  # every script is a file
            assert not re.search(r"\son[a-z]+\s*=", r.text)  # no inline event handlers
            assert not re.search(r'(src|href)="(https?:)?//', r.text.replace(BASE, ""))  # no CDN


def test_templates_hold_no_inline_script_or_style():
    folder = Path(__file__).resolve().parents[1] / "unionxl" / "web" / "templates"
    for template in folder.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template.name
        assert "style=" not in text and "<style" not in text, template.name


def test_tokens_are_compared_in_constant_time():
    import hmac

    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    hmac.compare_digest = spy
    try:
        assert security.same("abc", "abc") and not security.same("abc", "abd") and not security.same("", "")
    finally:
        hmac.compare_digest = real
    assert len(calls) == 2


def test_the_password_is_hashed_with_argon2(desk):
    stored = desk.app.desk.store.setting("password_hash")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_the_password_command_resets_it_and_ends_every_session(desk, tmp_path):
    from click.testing import CliRunner

    from unionxl.cli import main

    result = CliRunner().invoke(main, ["password", "--data", str(desk.data)], input="mat-khau-moi-2025\n" * 2)
    assert result.exit_code == 0, result.output
    assert desk.get("/years/1", follow_redirects=False).status_code == 303  # signed out
    short = CliRunner().invoke(main, ["password", "--data", str(desk.data)], input="ngan\nngan\n")
    assert short.exit_code == 2 and "ít nhất" in short.output
    c = desk
    token = csrf(c.get("/login").text)
    assert c.post("/login", data={"csrf_token": token, "password": PASSWORD}).status_code == 401
    r = c.post("/login", data={"csrf_token": token, "password": "mat-khau-moi-2025"})
    assert r.status_code == 200 and r.url.path == "/"


# ---------------------------------------------------------------------- year after year


def _merge_all(desk, previous: bool = False) -> int:
    page = desk.get("/years/1")
    data = {"csrf_token": csrf(page.text)}
    if previous:
        data["previous"] = "1"
    r = desk.post("/years/1/merge", data=data)
    merge_id = int(r.url.path.rsplit("/", 1)[1])
    for _ in range(240):
        state = desk.get(f"/merges/{merge_id}/status").json()
        if state["state"] not in ("queued", "running"):
            break
        time.sleep(0.5)
    assert state["state"] == "done", state
    return merge_id


def test_next_year_starts_from_this_ones_groups_rates_and_closing_balance(desk):
    page = desk.get("/years/1")
    r = desk.post("/years/1/next", data={"csrf_token": csrf(page.text)})
    assert r.status_code == 409 and "Cần tổng hợp năm này" in r.text  # no consolidation yet
    for code, link in desk.links.items():
        upload(desk, link, sample(code))
    merge_id = _merge_all(desk)
    consolidated = load_workbook(io.BytesIO(desk.get(f"/merges/{merge_id}/files/tong-hop-2024.xlsx").content),
                                 read_only=True)
    rows = {row[0]: row for row in consolidated["Báo cáo"].iter_rows(values_only=True) if row and row[0]}
    closing = rows["Quỹ tương hỗ: số dư cuối năm (cộng cả nợ đã trả)"][3]
    page = desk.get("/years/1")
    r = desk.post("/years/1/next", data={"csrf_token": csrf(page.text)})
    assert r.url.path == "/years/2" and "Năm 2025" in r.text
    assert len(links(r.text)) == 32 and set(links(r.text).values()).isdisjoint(desk.links.values())
    assert "Đã có bản tổng hợp năm trước" in r.text
    unit = load_workbook(io.BytesIO(desk.get("/years/2/unit.xlsx").content))
    info = {row[0].value: row[1].value for row in unit["Thông tin đơn vị"].iter_rows() if row[0].value}
    assert info["Năm báo cáo"] == 2025
    assert info["Số dư quỹ tương hỗ năm trước chuyển sang"] == closing
    old = load_workbook(UNIT)
    assert [c.value for c in unit["Định mức"]["B"]] == [c.value for c in old["Định mức"]["B"]]  # the same rates
    assert desk.get("/years/1").status_code == 200  # last year stays readable


def test_last_years_consolidated_workbook_is_checked_and_used_for_the_comparison(desk):
    page = desk.get("/years/1")
    with open(sample("T01"), "rb") as handle:
        r = desk.post("/years/1/previous", data={"csrf_token": csrf(page.text)},
                      files={"previous_workbook": ("tong-hop-2023.xlsx", handle.read())})
    assert r.status_code == 422 and "không phải bản tổng hợp" in r.text
    previous = Path(__file__).resolve().parents[1] / "samples" / "tong-hop" / "tong-hop-2023.xlsx"
    page = desk.get("/years/1")
    r = desk.post("/years/1/previous", data={"csrf_token": csrf(page.text)},
                  files={"previous_workbook": (previous.name, previous.read_bytes())})
    assert r.status_code == 200 and "Đã có bản tổng hợp năm trước" in r.text
    for code in ("T01", "T02"):
        upload(desk, desk.links[code], sample(code))
    merge_id = _merge_all(desk, previous=True)
    data = desk.get(f"/merges/{merge_id}/files/tong-hop-2024.json").json()
    assert data["comparison"]["previous_year"] == 2023


def test_a_unit_workbook_of_another_year_cannot_replace_this_years(desk):
    other = Path(__file__).resolve().parents[1] / "samples" / "2023" / "don-vi-2023.xlsx"
    page = desk.get("/years/1")
    r = desk.post("/years/1/unit", data={"csrf_token": csrf(page.text)},
                  files={"unit_workbook": (other.name, other.read_bytes())})
    assert r.status_code == 422 and "Tệp ghi năm 2023, năm đang làm là 2024" in r.text
    page = desk.get("/years/1")
    r = desk.post("/years/1/unit", data={"csrf_token": csrf(page.text)},
                  files={"unit_workbook": (UNIT.name, UNIT.read_bytes())})
    assert r.status_code == 200 and len(links(r.text)) == 32 and links(r.text) == desk.links  # links kept


def test_the_officers_links_use_the_public_address_when_one_is_given(tmp_path):
    with client(tmp_path / "data", public_url="http://192.168.1.10:8765") as c:
        sign_up(c)
        found = links(create_year(c).text)
        assert all(link.startswith("http://192.168.1.10:8765/nop/") for link in found.values())
        assert c.get(found["T01"].replace("http://192.168.1.10:8765", BASE)).status_code == 200


def test_an_upload_received_before_a_stop_is_checked_at_the_next_start(tmp_path):
    """The record of a received file is written before its check: a server stopped in between
    finds it at start-up, checks it, and it becomes the group's current version."""
    data = tmp_path / "data"
    with client(data) as c:
        sign_up(c)
        create_year(c)
        store = c.app.desk.store
        group = store.groups(1)[0]
        sha, size = c.app.desk.data.put_file(sample("T01"))
        upload_id = store.add_upload(group_id=group["id"], link_id=group["link_id"], sha256=sha, size=size,
                                     file_name="T01.xlsx")
        merge_id = store.add_merge(1, "vi", False, [(group["id"], upload_id)])  # queued, never started
    with client(data) as c:  # the next start
        store = c.app.desk.store
        for _ in range(100):
            if not store.pending_uploads():
                break
            time.sleep(0.1)
        assert store.upload(upload_id)["verdict"] == "ok"
        assert store.group(group["id"])["current_upload_id"] == upload_id
        assert store.merge(merge_id)["state"] == "interrupted"
        assert not list((data / "tmp").iterdir())


def test_an_upload_whose_reading_worker_dies_gets_the_finding_a_merge_gives_that_file(tmp_path, monkeypatch):
    from unionxl import isolation, merge
    from unionxl.reader import sha256_of
    from unionxl.web import service

    # forked workers inherit the patched reader; production workers come from a fork server
    monkeypatch.setattr(isolation, "start_method", lambda: "fork")
    real = merge.read_workbook

    def aborts(path, display=None):
        if Path(path).name == "upload.xlsx":
            os.abort()
        return real(path, display)

    monkeypatch.setattr(merge, "read_workbook", aborts)
    received = tmp_path / "upload.xlsx"
    received.write_bytes(sample("T05").read_bytes())
    unit = service.UnitFile(sha256_of(UNIT), UNIT)
    outcome = service.check_upload(received, unit, "T05 của tôi.xlsx", "T05", tmp_path, "en", feedback=False)
    assert outcome.verdict == "error" and outcome.errors == 1 and outcome.marks == 0
    [finding] = outcome.findings["en"]
    assert finding["code"] == "file-crashed-reader" and finding["file"] == "T05 của tôi.xlsx"
    assert "SIGABRT" in finding["message"]
    assert outcome.account == {"read": 0, "accepted": 0, "rejected": 0}


def test_a_reading_worker_keeps_the_unit_workbooks_of_the_years_collected_at_once(tmp_path, monkeypatch):
    # _check_in_worker is what a reading worker runs; called here in-process to count its reads
    from unionxl import reader
    from unionxl.reader import sha256_of
    from unionxl.web import service

    monkeypatch.setattr(service, "_WORKER_UNITS", service.UnitBooks(read=service._read_unit_here))
    real, read = reader.read_workbook, []

    def counting(path, display=None):
        read.append(Path(path).name)
        return real(path, display) if display is not None else real(path)

    monkeypatch.setattr(reader, "read_workbook", counting)
    older = SAMPLES.parent / "2023" / "don-vi-2023.xlsx"
    units = {2024: service.UnitFile(sha256_of(UNIT), UNIT), 2023: service.UnitFile(sha256_of(older), older)}
    for year in (2024, 2023, 2024, 2023):
        outcome = service._check_in_worker(sample("T01", SAMPLES.parent / str(year)), units[year], "T01.xlsx", "T01",
                                           tmp_path, "vi", False)
        assert outcome.verdict in ("ok", "warning"), outcome.findings["vi"]
    assert [name for name in read if name.startswith("don-vi")] == ["don-vi-2024.xlsx", "don-vi-2023.xlsx"]
