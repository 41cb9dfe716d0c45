"""The desk's routes. Each handler parses the request, checks who is asking (security.py),
calls the storage or the service (the library), and renders a template. No handler opens a
workbook or builds a path from what a client sent."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__, isolation
from ..i18n import LANGS, both
from ..i18n import t as translate
from ..i18n import visible as visible_text
from . import sector, security, service
from .files import DataFolder, TooLarge, safe_display_name
from .jobs import MergeRunner
from .storage import Store

log = logging.getLogger("unionxl.web")
HERE = Path(__file__).parent
FORM_LIMIT = 64 * 1024  # any form without a file
MULTIPART_SLACK = 64 * 1024  # headers and fields around an uploaded file
CHECKS_AT_ONCE = 4  # upload checks running together; more wait (bounds memory under a rush)
READING_WORKERS = max(1, min(4, os.cpu_count() or 1))  # isolated reading workers kept warm
WORKER_TASKS = 200  # files a reading worker reads before it is replaced by a fresh one


@dataclass
class Settings:
    data: Path
    session_seconds: int = security.SESSION_SECONDS
    upload_limit: int = field(default_factory=service.upload_limit)
    public_url: str | None = None  # the address officers use (e.g. http://192.168.1.10:8765/), if not the one seen


class Desk:
    """What every handler needs: the data folder, the store, the secret, the merge runner."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.data = DataFolder(settings.data)
        self.store = Store(self.data.database)
        self.secret = self.store.setting_or_create("secret", lambda: secrets.token_hex(32))
        self.runner = MergeRunner(self.data, self.store)
        self.checks = asyncio.Semaphore(CHECKS_AT_ONCE)
        self.units = service.UnitBooks()
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters["visible"] = lambda value: visible_text("" if value is None else str(value))
        self.env.filters["when"] = when
        self.env.filters["fromjson"] = lambda value: json.loads(value) if value else {}

    def startup(self) -> None:
        self.data.clean_tmp()
        self.store.interrupt_unfinished_merges()

    async def recheck_pending(self) -> None:
        """Uploads received but not yet checked when the server stopped: check them now."""
        for row in self.store.pending_uploads():
            await check_and_record(self, row["id"])


def when(value: str | None) -> str:
    """ISO UTC time -> 'dd/mm/yyyy HH:MM' in the server's local time."""
    if not value:
        return ""
    from datetime import datetime

    try:
        return datetime.fromisoformat(value).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return value


# ---------------------------------------------------------------------- request helpers


def lang_of(request: Request) -> str:
    """The language the reader chose (the cookie set_lang writes), else the default, Vietnamese."""
    lang = request.cookies.get("uxl_lang")
    return lang if lang in LANGS else LANGS[0]


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    desk: Desk = request.app.state.desk
    lang = lang_of(request)
    csrf = request.cookies.get(security.CSRF_COOKIE)
    fresh = not security.csrf_valid(desk.secret, csrf, csrf)
    if fresh:
        csrf = security.new_csrf(desk.secret)

    def t(key: str, **params) -> str:
        return translate(key, lang, **params)

    html = desk.env.get_template(name).render(
        request=request, t=t, lang=lang, csrf=csrf, csrf_field=security.CSRF_FIELD, version=__version__,
        signed_in=is_treasurer(request), path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status)
    if fresh:
        response.set_cookie(security.CSRF_COOKIE, csrf, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
    return response


def is_treasurer(request: Request) -> bool:
    desk: Desk = request.app.state.desk
    value = request.cookies.get(security.SESSION_COOKIE)
    return bool(value) and desk.store.session_valid(security.token_hash(value))


def require_treasurer(request: Request) -> None:
    if not is_treasurer(request):
        target = request.url.path
        if request.method not in ("GET", "HEAD"):  # a form's action (POST only): back to the page it is on
            target = target.rsplit("/", 1)[0] or "/"
        raise HTTPException(303, headers={"location": "/login?next=" + quote(target)})


async def read_form(request: Request, max_files: int = 0) -> Any:
    """The form, after the CSRF check (a missing or wrong token is refused with 403) and a
    same-origin check of the Origin header when the browser sends one."""
    desk: Desk = request.app.state.desk
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(403, "origin")
    try:
        form = await request.form(max_files=max_files, max_fields=20, max_part_size=FORM_LIMIT)
    except HTTPException as exc:  # Starlette's 400 for a body its form parser refuses
        raise HTTPException(400, "form") if exc.status_code == 400 else exc
    except ClientDisconnect:  # the sender went away mid-body (a phone losing its signal): nothing was kept
        log.warning(both("web.cut_off", client=client_of(request) or "?"))
        raise HTTPException(400, "disconnect") from None  # no one to answer; not a server fault
    submitted = form.get(security.CSRF_FIELD)
    if not security.csrf_valid(desk.secret, request.cookies.get(security.CSRF_COOKIE),
                               submitted if isinstance(submitted, str) else None):
        await form.close()
        raise HTTPException(403, "csrf")
    return form


def int_or_404(value: str) -> int:
    if not value.isdigit() or len(value) > 12:
        raise HTTPException(404)
    return int(value)


def safe_next(value: str | None) -> str:
    """Only a path on this site (never '//host' or a scheme) may be a redirect target."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


# ---------------------------------------------------------------------- language, sign-in


async def set_lang(request: Request) -> Response:
    lang = request.path_params["lang"]
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    if lang in LANGS:
        response.set_cookie("uxl_lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


async def setup_page(request: Request) -> Response:
    """The first password, set from this machine only (no one on the network can claim the desk)."""
    desk: Desk = request.app.state.desk
    if desk.store.setting("password_hash"):
        return RedirectResponse("/login", status_code=303)
    if not security.is_loopback(client_of(request)):
        return render(request, "message.html", status=403, title_key="web.setup_title",
                      message_key="web.setup_local_only")
    error = None
    if request.method == "POST":
        form = await read_form(request)
        password, again = str(form.get("password") or ""), str(form.get("again") or "")
        if len(password) < security.MIN_PASSWORD:
            error = "web.password_short"
        elif password != again:
            error = "web.password_mismatch"
        else:
            desk.store.set_password_hash(security.hash_password(password), client_of(request))
            return await start_session(request, "/")
    return render(request, "setup.html", error=error, min_length=security.MIN_PASSWORD)


async def login_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    if not desk.store.setting("password_hash"):
        return RedirectResponse("/setup", status_code=303)
    error = None
    status = 200
    target = safe_next(request.query_params.get("next"))
    if request.method == "POST":
        form = await read_form(request)
        client = client_of(request)
        if security.login_blocked(desk.store, client):
            error, status = "web.login_blocked", 429
        else:
            password = str(form.get("password") or "")
            ok = await anyio.to_thread.run_sync(security.verify_password, desk.store.setting("password_hash"),
                                                password)
            if ok:
                desk.store.login_succeeded(client)
                return await start_session(request, safe_next(str(form.get("next") or "/")))
            desk.store.login_failed(client)
            error, status = "web.login_wrong", 401
    response = render(request, "login.html", status=status, error=error, next=target)
    if status == 429:
        response.headers["retry-after"] = str(security.LOGIN_WINDOW)
    return response


async def start_session(request: Request, target: str) -> Response:
    desk: Desk = request.app.state.desk
    value = secrets.token_urlsafe(32)
    desk.store.add_session(security.token_hash(value), desk.settings.session_seconds)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(security.SESSION_COOKIE, value, max_age=desk.settings.session_seconds, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/")
    return response


async def logout(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    await read_form(request)
    value = request.cookies.get(security.SESSION_COOKIE)
    if value:
        desk.store.drop_session(security.token_hash(value))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


# ---------------------------------------------------------------------- treasurer: years


async def home(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    years = desk.store.years()
    return render(request, "home.html", years=years)


async def create_year(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    form = await read_form(request, max_files=1)
    upload = form.get("unit_workbook")
    lang = lang_of(request)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return render(request, "home.html", status=400, years=desk.store.years(), error_key="web.year_no_file")
    try:
        sha, size = await anyio.to_thread.run_sync(desk.data.put_stream, upload.file, desk.settings.upload_limit)
    except TooLarge:
        return render(request, "home.html", status=413, years=desk.store.years(), error_key="web.too_large")
    finally:
        await upload.close()
    desk.store.add_blob(sha, size)
    work = desk.data.scratch()
    try:
        path = desk.data.link_into(sha, work, "don-vi.xlsx")
        async with desk.checks:
            info = await anyio.to_thread.run_sync(service.read_unit_workbook, path, lang)
    except service.UnitProblem as exc:
        return render(request, "home.html", status=422, years=desk.store.years(), error_key="web.year_bad_unit",
                      error_detail=str(exc))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tokens = [security.new_token() for _ in info.groups]
    year_id = desk.store.create_year(year=info.year, name=info.name, mode="unit", unit_sha256=sha, groups=info.groups,
                                     tokens=tokens, token_hash=security.token_hash, client=client_of(request))
    return RedirectResponse(f"/years/{year_id}", status_code=303)


async def receive_file(request: Request, form, field: str) -> tuple[str, int] | None:
    """Store the form's file under its sha256; None when no file was chosen. Raises TooLarge."""
    desk: Desk = request.app.state.desk
    upload = form.get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    try:
        sha, size = await anyio.to_thread.run_sync(desk.data.put_stream, upload.file, desk.settings.upload_limit)
    finally:
        await upload.close()
    desk.store.add_blob(sha, size)
    return sha, size


async def year_file(request: Request, field: str, name: str, read, bad_key: str):
    """A workbook the treasurer sends for a year (the unit's, last year's): stored, then read by
    `read(path)` in a reading worker. Returns (year, (sha, size), what read returned), or the
    year page saying what is wrong."""
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    form = await read_form(request, max_files=1)
    try:
        received = await receive_file(request, form, field)
    except TooLarge:
        return await year_page(request, error_key="web.too_large", status=413)
    if received is None:
        return await year_page(request, error_key="web.year_no_file", status=400)
    work = desk.data.scratch()
    try:
        path = desk.data.link_into(received[0], work, name)
        async with desk.checks:
            found = await anyio.to_thread.run_sync(read, path)
    except service.UnitProblem as exc:
        return await year_page(request, error_key=bad_key, error_detail=str(exc), status=422)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return year, received, found


async def replace_unit(request: Request) -> Response:
    """A corrected unit workbook (targets filled in, a group added) for the same year."""
    desk: Desk = request.app.state.desk
    lang = lang_of(request)
    got = await year_file(request, "unit_workbook", "don-vi.xlsx", lambda path: service.read_unit_workbook(path, lang),
                          "web.year_bad_unit")
    if isinstance(got, Response):
        return got
    year, received, info = got
    if info.year != year["year"]:
        return await year_page(request, error_key="web.unit_other_year", status=422,
                               error_detail=translate("web.unit_other_year_detail", lang, found=info.year,
                                                      expected=year["year"]))
    desk.store.replace_unit(year["id"], received[0], info.groups, [security.new_token() for _ in info.groups],
                            security.token_hash, client_of(request))
    return RedirectResponse(f"/years/{year['id']}", status_code=303)


async def set_previous(request: Request) -> Response:
    """Last year's consolidated workbook, for the comparison with last year."""
    desk: Desk = request.app.state.desk
    got = await year_file(request, "previous_workbook", "nam-truoc.xlsx", service.check_previous_workbook,
                          "web.previous_bad")
    if isinstance(got, Response):
        return got
    year, received, _ = got
    desk.store.set_previous(year["id"], received[0], received[1], client_of(request))
    return RedirectResponse(f"/years/{year['id']}", status_code=303)


async def next_year(request: Request) -> Response:
    """Next year from this one: groups, rates, the mutual-aid closing balance as the opening one,
    and this year's consolidated workbook kept for the comparison."""
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    if year["mode"] == "sector":  # no unit workbook: the same CĐCS, last roll-up kept for --previous
        return await sector.next_sector_year(request, year)
    await read_form(request)
    lang = lang_of(request)
    merge = desk.store.last_done_merge(year["id"])
    if merge is None:
        return await year_page(request, error_key="web.next_needs_merge", status=409)
    summary = json.loads(merge["summary"] or "{}")
    closing = (summary.get("figures") or {}).get("mutual_closing_balance")
    work = desk.data.scratch()
    try:
        previous_unit = desk.data.link_into(year["unit_sha256"], work, "don-vi-truoc.xlsx")
        out = work / "don-vi-moi.xlsx"
        async with desk.checks:
            info = await anyio.to_thread.run_sync(service.next_year_unit_workbook, previous_unit, closing, out, lang)
        unit_sha, _ = desk.data.put_file(out)
        desk.store.add_blob(unit_sha, out.stat().st_size)
        consolidated = next((n for n in json.loads(merge["outputs"] or "[]") if n.startswith("tong-hop-")
                             and n.endswith(".xlsx")), None)
        previous_sha = None
        if consolidated and desk.data.merge_output(merge["id"], consolidated):
            previous_sha, size = desk.data.put_file(desk.data.merge_output(merge["id"], consolidated))
            desk.store.add_blob(previous_sha, size)
    except service.UnitProblem as exc:
        return await year_page(request, error_key="web.year_bad_unit", error_detail=str(exc), status=422)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    year_id = desk.store.create_year(year=info.year, name=info.name, mode=year["mode"], unit_sha256=unit_sha,
                                     groups=info.groups, tokens=[security.new_token() for _ in info.groups],
                                     token_hash=security.token_hash, previous_sha256=previous_sha,
                                     from_year_id=year["id"], client=client_of(request))
    return RedirectResponse(f"/years/{year_id}", status_code=303)


async def unit_download(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    return FileResponse(desk.data.blob_path(year["unit_sha256"]), media_type=XLSX,
                        filename=f"don-vi-{int(year['year'])}.xlsx")


def year_or_404(desk: Desk, value: str):
    row = desk.store.year(int_or_404(value))
    if row is None:
        raise HTTPException(404)
    return row


def group_of_year(desk: Desk, year_id: int, value: str):
    group = desk.store.group(int_or_404(value))
    if group is None or group["year_id"] != year_id:
        raise HTTPException(404)
    return group


FINDINGS_SHOWN = 300  # the dashboard's findings table: errors first; every finding is in the merge's outputs
STATUS = {None: "missing", "error": "error", "warning": "warning", "ok": "ok"}


def group_status(row) -> str:
    if row["upload_state"] == "pending":
        return "pending"
    return STATUS.get(row["verdict"], "missing")


async def year_page(request: Request, error_key: str | None = None, error_detail: str | None = None,
                    status: int = 200) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    lang = lang_of(request)
    if year["mode"] == "sector":
        return render(request, "sector_year.html", year=year, **sector.sector_context(desk, year, request, lang))
    groups = desk.store.groups(year["id"])
    counts = {"missing": 0, "error": 0, "warning": 0, "ok": 0, "pending": 0}
    base = (desk.settings.public_url or str(request.base_url)).rstrip("/") + "/"
    rows = []
    for g in groups:
        state = group_status(g)
        counts[state] += 1
        link = f"{base}nop/{g['token']}" if g["token"] else None
        rows.append({"group": g, "status": state, "link": link})
    findings, findings_total = desk.store.current_findings(year["id"], lang, FINDINGS_SHOWN)
    merges = desk.store.merges(year["id"])
    busy = any(m["state"] in ("queued", "running") for m in merges)
    done = [m for m in merges if m["state"] == "done"]
    return render(request, "year.html", status=status, year=year, rows=rows, counts=counts, findings=findings,
                  findings_total=findings_total, merges=merges[:20], busy=busy, error_key=error_key,
                  error_detail=error_detail, can_start_next=bool(done),
                  **sector.unit_context(desk, year))


async def link_action(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    group = group_of_year(desk, year["id"], request.path_params["group_id"])
    await read_form(request)
    if request.path_params["action"] == "reissue":
        token = security.new_token()
        desk.store.reissue_link(group["id"], token, security.token_hash(token), client_of(request))
    elif request.path_params["action"] == "revoke":
        desk.store.revoke_link(group["id"], client_of(request))
    else:
        raise HTTPException(404)
    return RedirectResponse(f"/years/{year['id']}#g{group['id']}", status_code=303)


async def group_page(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    group = group_of_year(desk, year["id"], request.path_params["group_id"])
    lang = lang_of(request)
    uploads = [dict(u, shown=json.loads(u["findings"]).get(lang, []) if u["findings"] else [])
               for u in desk.store.uploads(group["id"])]
    return render(request, "group.html", year=year, group=group, uploads=uploads)


async def blank_workbook(request: Request, year, group) -> Response:
    desk: Desk = request.app.state.desk
    lang = lang_of(request)
    work = desk.data.scratch()
    name = service.group_file_name(group["code"], group["name"])
    path = work / "blank.xlsx"
    await anyio.to_thread.run_sync(lambda: service.write_blank_group_workbook(
        path, year=year["year"], unit_name=year["name"], code=group["code"], name=group["name"], lang=lang))
    return FileResponse(path, filename=name, media_type=XLSX,
                        background=BackgroundTask(shutil.rmtree, work, ignore_errors=True))


async def treasurer_blank(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    group = group_of_year(desk, year["id"], request.path_params["group_id"])
    return await blank_workbook(request, year, group)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def upload_file(request: Request) -> Response:
    """A stored upload (or its feedback copy), for the treasurer."""
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    upload = desk.store.upload(int_or_404(request.path_params["upload_id"]))
    if upload is None:
        raise HTTPException(404)
    return await send_upload(desk, upload, request.path_params["what"], lang_of(request))


async def send_upload(desk: Desk, upload, what: str, lang: str) -> Response:
    group = desk.store.group(upload["group_id"])
    stem = Path(service.group_file_name(group["code"], group["name"])).stem
    if what == "file":
        return FileResponse(desk.data.blob_path(upload["sha256"]), media_type="application/octet-stream",
                            filename=f"{stem}-v{upload['id']}{Path(upload['file_name']).suffix.lower()[:6]}")
    if what == "feedback":
        feedback = upload["feedback_sha256"] or await make_feedback(desk, upload, group, lang)
        if feedback:
            return FileResponse(desk.data.blob_path(feedback), media_type=XLSX,
                                filename=f"{stem}-phan-hoi-v{upload['id']}.xlsx")
    raise HTTPException(404)


async def make_feedback(desk: Desk, upload, group, lang: str) -> str | None:
    """The upload's feedback copy, made the first time it is asked for: the file checked again
    against the unit workbook its findings came from (so the copy marks what the officer was
    shown), its cells marked in a reading worker, the copy stored and recorded."""
    if not upload["marks"] or not upload["unit_sha256"]:  # nothing to mark, or checked before v3
        return None
    async with desk.checks:
        return await anyio.to_thread.run_sync(_make_feedback, desk, upload, group, lang)


def _make_feedback(desk: Desk, upload, group, lang: str) -> str | None:
    work = desk.data.scratch()
    try:
        path = link_upload(desk, upload, work)
        unit = service.UnitFile(upload["unit_sha256"], desk.data.link_into(upload["unit_sha256"], work, "don-vi.xlsx"))
        outcome = service.check_upload(path, unit, upload["file_name"], group["code"], work, lang, units=desk.units)
        if outcome.feedback is None:
            return None
        sha, size = desk.data.put_file(outcome.feedback)
        desk.store.set_feedback(upload["id"], sha, size)
        return sha
    finally:
        shutil.rmtree(work, ignore_errors=True)


def link_upload(desk: Desk, upload, work: Path) -> Path:
    """The stored upload under `work`, named as the reader expects its kind of file."""
    with open(desk.data.blob_path(upload["sha256"]), "rb") as handle:
        head = handle.read(8)
    return desk.data.link_into(upload["sha256"], work, "upload" + service.working_suffix(upload["file_name"], head))


# ---------------------------------------------------------------------- treasurer: merges


async def start_merge(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    form = await read_form(request)
    inputs = [(u["group_id"], u["id"]) for u in desk.store.current_uploads(year["id"])]
    with_previous = bool(form.get("previous")) and bool(year["previous_sha256"])
    merge_id = desk.store.add_merge(year["id"], lang_of(request), with_previous, inputs, client_of(request))
    if merge_id is None:  # one is already under way: show it
        running = [m for m in desk.store.merges(year["id"]) if m["state"] in ("queued", "running")]
        return RedirectResponse(f"/merges/{running[0]['id']}", status_code=303)
    desk.runner.submit(merge_id)
    return RedirectResponse(f"/merges/{merge_id}", status_code=303)


def merge_or_404(desk: Desk, value: str):
    row = desk.store.merge(int_or_404(value))
    if row is None:
        raise HTTPException(404)
    return row


async def merge_page(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    merge = merge_or_404(desk, request.path_params["merge_id"])
    year = desk.store.year(merge["year_id"])
    summary = json.loads(merge["summary"]) if merge["summary"] else None
    lang = lang_of(request)
    findings = (summary or {}).get("findings", {}).get(lang, [])
    return render(request, "merge.html", merge=merge, year=year, summary=summary,
                  findings=[f for f in findings if f["severity"] != "note"][:300],
                  outputs=json.loads(merge["outputs"]) if merge["outputs"] else [],
                  inputs=desk.store.merge_inputs(merge["id"]),
                  running=merge["state"] in ("queued", "running"),
                  refresh=3 if merge["state"] in ("queued", "running") else None)


async def merge_status(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    merge = merge_or_404(desk, request.path_params["merge_id"])
    return JSONResponse({"state": merge["state"], "done": merge["done"], "total": merge["total"]})


async def merge_output(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    merge = merge_or_404(desk, request.path_params["merge_id"])
    name = request.path_params["name"]
    outputs = json.loads(merge["outputs"]) if merge["outputs"] else []
    path = desk.data.merge_output(merge["id"], name) if name in outputs else None
    if path is None:
        raise HTTPException(404)
    return FileResponse(path, filename=name)


async def audit_page(request: Request) -> Response:
    require_treasurer(request)
    desk: Desk = request.app.state.desk
    year = year_or_404(desk, request.path_params["year_id"])
    return render(request, "audit.html", year=year, entries=desk.store.audit_log(year["id"]))


# ---------------------------------------------------------------------- officers


def officer_group(request: Request):
    """The group of the link's token; 404 (not 403) for anything else, so a guess learns nothing."""
    desk: Desk = request.app.state.desk
    token = request.path_params["token"]
    if not security.plausible_token(token):
        raise HTTPException(404)
    row = desk.store.group_by_token_hash(security.token_hash(token))
    if row is None or not security.same(row["token"], token):
        raise HTTPException(404)
    return row


async def officer_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    group = officer_group(request)
    lang = lang_of(request)
    uploads = desk.store.uploads(group["id"], limit=20)
    shown_id = request.query_params.get("u")
    shown = None
    if shown_id and shown_id.isdigit():
        shown = next((u for u in uploads if u["id"] == int(shown_id)), None)
    if shown is None and group["current_upload_id"]:
        shown = next((u for u in uploads if u["id"] == group["current_upload_id"]), None)
    findings = json.loads(shown["findings"]).get(lang, []) if shown and shown["findings"] else []
    return render(request, "officer.html", group=group, uploads=uploads, shown=shown, findings=findings,
                  token=request.path_params["token"], limit_mb=desk.settings.upload_limit // (1024 * 1024),
                  refresh=2 if shown is not None and shown["state"] == "pending" else None)


async def officer_upload(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    group = officer_group(request)
    token = request.path_params["token"]
    form = await read_form(request, max_files=1)
    upload = form.get("workbook")
    if not isinstance(upload, UploadFile) or not upload.filename:
        await form.close()
        return RedirectResponse(f"/nop/{token}?missing=1", status_code=303)
    display = safe_display_name(upload.filename)
    client = client_of(request)

    def receive() -> int:  # stored, then recorded: an upload is in the database only once its file is on disk
        sha, size = desk.data.put_stream(upload.file, desk.settings.upload_limit)
        return desk.store.add_upload(group_id=group["id"], link_id=group["link_id"], sha256=sha, size=size,
                                     file_name=display, client=client)

    try:
        upload_id = await anyio.to_thread.run_sync(receive)
    except TooLarge:
        return render(request, "message.html", status=413, title_key="web.too_large_title",
                      message_key="web.too_large")
    finally:
        await form.close()
    await check_and_record(desk, upload_id, lang_of(request))
    return RedirectResponse(f"/nop/{token}?u={upload_id}#result", status_code=303)


HOLD_CHECKS_ENV = "UNIONXL_TEST_HOLD_CHECKS"
"""Test-only: a path. While that file exists, a recorded upload waits before its check, so a test
can kill the server with uploads received but not yet checked (tests/test_web_fault.py). Never set
outside tests."""


async def _hold_for_tests() -> None:
    flag = os.environ.get(HOLD_CHECKS_ENV)
    if flag:
        deadline = time.monotonic() + 300  # a test that forgets us must not hang CI for ever
        while Path(flag).exists() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)


async def check_and_record(desk: Desk, upload_id: int, lang: str = "vi") -> None:
    """Check a recorded upload against its year's unit workbook and store the outcome."""
    await _hold_for_tests()
    async with desk.checks:
        # One trip to a thread for everything that blocks (the database's fsyncs, the scratch
        # folder, the wait for the reading worker): the event loop is the desk's serial path.
        await anyio.to_thread.run_sync(_check_and_record, desk, upload_id, lang)


def _check_and_record(desk: Desk, upload_id: int, lang: str) -> None:
    upload = desk.store.upload(upload_id)
    group = desk.store.group(upload["group_id"])
    year = desk.store.year(group["year_id"])
    work = desk.data.scratch()
    unit_sha = None
    try:
        path = link_upload(desk, upload, work)
        if year["mode"] == "sector":  # a CĐCS's consolidated workbook, read as the roll-up reads it
            outcome = service.check_consolidated(path, upload["file_name"], year["year"], lang)
        else:
            unit_sha = year["unit_sha256"]
            unit = service.UnitFile(unit_sha, desk.data.link_into(unit_sha, work, "don-vi.xlsx"))
            outcome = service.check_upload(path, unit, upload["file_name"], group["code"], work, lang,
                                           feedback=False, units=desk.units)
        desk.store.finish_upload(upload_id, verdict=outcome.verdict, errors=outcome.errors,
                                 warnings=outcome.warnings, notes=outcome.notes, findings=outcome.findings,
                                 unit_sha256=unit_sha, marks=outcome.marks)
    finally:
        shutil.rmtree(work, ignore_errors=True)


async def officer_blank(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    group = officer_group(request)
    year = desk.store.year(group["year_id"])
    if year["mode"] == "sector":  # a CĐCS sends the workbook its own merge wrote; there is no blank one
        raise HTTPException(404)
    return await blank_workbook(request, year, group)


async def officer_feedback(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    group = officer_group(request)
    upload = desk.store.upload(int_or_404(request.path_params["upload_id"]))
    if upload is None or upload["group_id"] != group["id"]:  # only this group's own uploads
        raise HTTPException(404)
    return await send_upload(desk, upload, "feedback", lang_of(request))


# ---------------------------------------------------------------------- errors, app


async def http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code in (301, 302, 303, 307) and exc.headers and "location" in exc.headers:
        return RedirectResponse(exc.headers["location"], status_code=303)
    keys = {403: ("web.forbidden_title", "web.forbidden"), 404: ("web.not_found_title", "web.not_found"),
            413: ("web.too_large_title", "web.too_large"), 400: ("web.bad_form_title", "web.bad_form")}
    title, message = keys.get(exc.status_code, ("web.error_title", "web.error"))
    return render(request, "message.html", status=exc.status_code, title_key=title, message_key=message)


async def body_too_large(request: Request, exc: Exception) -> Response:
    return PlainTextResponse(security.TOO_LARGE, status_code=413,
                             headers={"connection": "close"})


async def health(request: Request) -> Response:
    return PlainTextResponse("ok")


def create_app(data: Path | str, **options) -> Any:
    settings = Settings(data=Path(data), **options)
    desk = Desk(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        desk.startup()
        # One pool of isolated reading workers for the server's life (not one per check)
        with isolation.WarmPool(READING_WORKERS, max_tasks=WORKER_TASKS):
            task = asyncio.create_task(desk.recheck_pending())
            yield
            task.cancel()
            desk.runner.shutdown()

    routes = [
        Route("/", home),
        Route("/healthz", health),
        Route("/lang/{lang}", set_lang),
        Route("/setup", setup_page, methods=["GET", "POST"]),
        Route("/login", login_page, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/years", create_year, methods=["POST"]),
        Route("/years/{year_id}", year_page),
        Route("/years/{year_id}/audit", audit_page),
        Route("/years/{year_id}/merge", start_merge, methods=["POST"]),
        Route("/years/{year_id}/unit.xlsx", unit_download),
        Route("/years/{year_id}/unit", replace_unit, methods=["POST"]),
        Route("/years/{year_id}/previous", set_previous, methods=["POST"]),
        Route("/years/{year_id}/next", next_year, methods=["POST"]),
        Route("/years/{year_id}/groups/{group_id}", group_page),
        Route("/years/{year_id}/groups/{group_id}/blank.xlsx", treasurer_blank),
        Route("/years/{year_id}/groups/{group_id}/{action}", link_action, methods=["POST"]),
        Route("/uploads/{upload_id}/{what}", upload_file),
        Route("/merges/{merge_id}", merge_page),
        Route("/merges/{merge_id}/status", merge_status),
        Route("/merges/{merge_id}/files/{name}", merge_output),
        *sector.routes(),
        Route("/nop/{token}", officer_page),
        Route("/nop/{token}", officer_upload, methods=["POST"]),
        Route("/nop/{token}/blank.xlsx", officer_blank),
        Route("/nop/{token}/feedback/{upload_id}", officer_feedback),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, security.BodyTooLarge: body_too_large})
    app.state.desk = desk

    def limit_for(method: str, path: str) -> int:
        if method == "POST" and (path.startswith("/nop/") or path == "/years"
                                 or path.endswith(("/unit", "/previous"))):
            return settings.upload_limit + MULTIPART_SLACK
        return FORM_LIMIT

    wrapped = security.SecurityHeaders(security.BodyLimit(app, limit_for))
    wrapped.desk = desk  # for tests and the server
    return wrapped
