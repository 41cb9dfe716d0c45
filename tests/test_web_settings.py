"""The settings a person may change (docs/deploy.md): port, data folder, upload limit, session
length, trusted proxy — as `unionxl serve` options and as UNIONXL_* environment variables, and
what each does to the running desk."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tests.webdesk import client, sign_up, create_year, links, upload, sample
from unionxl.cli import main
from unionxl.web import server, service

DOCS = __import__("pathlib").Path(__file__).resolve().parents[1] / "docs" / "deploy.md"


@pytest.fixture
def captured(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "serve", lambda data, **kw: calls.append((data, kw)))
    return calls


def test_environment_variables_set_every_option(captured, tmp_path):
    env = {"UNIONXL_DATA": str(tmp_path / "d"), "UNIONXL_HOST": "0.0.0.0", "UNIONXL_PORT": "9100",
           "UNIONXL_NO_BROWSER": "1", "UNIONXL_UPLOAD_LIMIT_MB": "3", "UNIONXL_SESSION_HOURS": "2",
           "UNIONXL_FORWARDED_ALLOW_IPS": "10.0.0.5"}
    r = CliRunner().invoke(main, ["serve"], env=env)
    assert r.exit_code == 0, r.output
    [(data, kw)] = captured
    assert str(data) == str(tmp_path / "d")
    assert kw == {"host": "0.0.0.0", "port": 9100, "open_browser": False, "forwarded_allow_ips": "10.0.0.5",
                  "upload_limit": 3 * 1024 * 1024, "session_seconds": 7200}


def test_a_command_line_option_wins_over_the_environment(captured):
    r = CliRunner().invoke(main, ["serve", "--port", "9200", "--no-browser"], env={"UNIONXL_PORT": "9100"})
    assert r.exit_code == 0 and captured[0][1]["port"] == 9200


@pytest.mark.parametrize("name, value", [("UNIONXL_PORT", "70000"), ("UNIONXL_PORT", "tám"),
                                         ("UNIONXL_UPLOAD_LIMIT_MB", "0"), ("UNIONXL_SESSION_HOURS", "-1")])
def test_a_wrong_setting_is_a_usage_error_naming_it(captured, name, value):
    r = CliRunner().invoke(main, ["serve", "--no-browser"], env={name: value})
    assert r.exit_code == 2 and not captured
    option = {"UNIONXL_PORT": "--port", "UNIONXL_UPLOAD_LIMIT_MB": "--upload-limit-mb",
              "UNIONXL_SESSION_HOURS": "--session-hours"}[name]
    assert option in r.output


def test_every_variable_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    from unionxl.cli import serve

    names = {p.envvar for p in serve.params if getattr(p, "envvar", None)}
    assert len(names) == 8
    for name in names:
        assert name in text, name


def test_the_upload_limit_refuses_a_bigger_file(tmp_path):
    with client(tmp_path / "d", upload_limit=40 * 1024) as c:
        sign_up(c)
        link = links(create_year(c).text)["T01"]
        r = upload(c, link, name="T01.xlsx", content=b"PK" + b"\0" * (60 * 1024))
        assert r.status_code == 413
        r = upload(c, link, sample("T01"))  # ~19 KB
        assert r.status_code == 200 and "Đã nhận" in r.text


def test_the_upload_limit_never_exceeds_the_readers(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setattr("unionxl.web.app.create_app", lambda data, **kw: seen.update(kw))
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    server.serve(tmp_path / "d", open_browser=False, upload_limit=10 ** 12)
    assert seen["upload_limit"] == service.upload_limit()


def test_the_session_length_is_the_cookies_lifetime(tmp_path):
    with client(tmp_path / "d", session_seconds=7200) as c:
        page = c.get("/setup")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = c.post("/setup", data={"csrf_token": token, "password": "mat-khau-dai-du", "again": "mat-khau-dai-du"},
                   follow_redirects=False)
        cookie = [v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith("uxl_session")]
        assert cookie and "Max-Age=7200" in cookie[0]
