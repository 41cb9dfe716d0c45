"""The desk for the sector union, and year after year (issue 15).

Sector mode: a *sector year* (years.mode = 'sector') collects one consolidated workbook
(`tong-hop-<năm>.xlsx`) from each CĐCS through the CĐCS's own link, checks it as the roll-up
will read it (service.check_consolidated, through the isolated reader), shows who has sent,
who still carries unresolved errors and, after a roll-up, the members counted by two CĐCS; the
roll-up itself is a merge like any other, run by jobs.py with the library's roll-up.

A CĐCS desk sends its consolidated workbook to the sector desk by a plain HTTP(S) POST of the
file to `<sector link>/gui`: the link's token is the only credential, exactly as for an
officer's upload; nothing else couples the two desks.

Year after year: a unit year's next year is app.next_year's (groups, rates, closing balance ->
opening balance, consolidated workbook for --previous); a sector year's next year keeps its CĐCS
and the latest roll-up for --previous. Past years are untouched.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import anyio
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from . import security, service
from .files import TooLarge, safe_display_name

SEND_SUFFIX = "/gui"  # the machine upload under an upload link: `<link>/gui`
SEND_TIMEOUT = 120  # seconds: the sector desk checks the workbook before it answers
CODE_FORMAT = "CD{:02d}"  # each CĐCS of a sector year gets a short code in the order listed
MAX_UNITS = 500
_LINK = re.compile(r"^/nop/[A-Za-z0-9_-]{20,128}$")


def _app():
    from . import app  # app imports this module for its routes

    return app


# ---------------------------------------------------------------------- creating years


async def create_sector_year(request: Request) -> Response:
    """A sector year from its name, year and the list of its CĐCS (one per line)."""
    app = _app()
    app.require_treasurer(request)
    desk = request.app.state.desk
    form = await app.read_form(request)
    year_text = str(form.get("year") or "").strip()
    name = str(form.get("name") or "").strip()[:200]
    units = []
    for line in str(form.get("units") or "").splitlines():
        line = " ".join(line.split())[:200]
        if line and line.casefold() not in {u.casefold() for u in units}:
            units.append(line)
    error = None
    if not (year_text.isdigit() and 2000 <= int(year_text) <= 2100):
        error = "sector.bad_year"
    elif not name:
        error = "sector.no_name"
    elif not units:
        error = "sector.no_units"
    elif len(units) > MAX_UNITS:
        error = "sector.too_many_units"
    if error:
        return app.render(request, "home.html", status=400, years=desk.store.years(), error_key=error)
    groups = [(CODE_FORMAT.format(i), unit) for i, unit in enumerate(units, 1)]
    tokens = [security.new_token() for _ in groups]
    year_id = desk.store.create_year(year=int(year_text), name=name, mode="sector", unit_sha256=None, groups=groups,
                                     tokens=tokens, token_hash=security.token_hash, client=app.client_of(request))
    return RedirectResponse(f"/years/{year_id}", status_code=303)


async def next_sector_year(request: Request, year) -> Response:
    """A sector year's next year (app.next_year does the unit years): the same CĐCS with new
    links, and the latest roll-up's consolidated workbook kept for --previous."""
    app = _app()
    desk = request.app.state.desk
    await app.read_form(request)
    already = desk.store.next_year_of(year["id"])
    if already is not None:
        return RedirectResponse(f"/years/{already['id']}", status_code=303)
    merge = desk.store.last_done_merge(year["id"])
    if merge is None:
        return app.render(request, "message.html", status=409, title_key="sector.next_title",
                          message_key="sector.next_needs_merge")
    previous_sha = None
    workbook = _consolidated_output(desk, merge)
    if workbook is not None:
        previous_sha, size = await anyio.to_thread.run_sync(desk.data.put_file, workbook)
        desk.store.add_blob(previous_sha, size)
    groups = [(g["code"], g["name"]) for g in desk.store.groups(year["id"])]
    tokens = [security.new_token() for _ in groups]
    year_id = desk.store.create_year(year=year["year"] + 1, name=year["name"], mode="sector", unit_sha256=None,
                                     groups=groups, tokens=tokens, token_hash=security.token_hash,
                                     previous_sha256=previous_sha, from_year_id=year["id"],
                                     client=app.client_of(request))
    return RedirectResponse(f"/years/{year_id}", status_code=303)


def _consolidated_output(desk, merge) -> Path | None:
    """The consolidated workbook a merge wrote (the first .xlsx among its outputs)."""
    for name in json.loads(merge["outputs"] or "[]"):
        if name.endswith(".xlsx"):
            return desk.data.merge_output(merge["id"], name)
    return None


# ---------------------------------------------------------------------- the sector's dashboard


def sector_context(desk, year, request: Request, lang: str) -> dict:
    """What the sector dashboard shows beside the roll-up button."""
    app = _app()
    current = {u["group_id"]: u for u in desk.store.current_uploads(year["id"])}
    rows, counts = [], {"missing": 0, "pending": 0, "unresolved": 0, "error": 0, "ok": 0}
    for g in desk.store.groups(year["id"]):
        status = app.group_status(g)
        upload = current.get(g["id"])
        shown = json.loads(upload["findings"]).get(lang, []) if upload is not None and upload["findings"] else []
        unresolved = sum(int(f.get("value") or 0) for f in shown if f["code"] == "rollup-unresolved-errors")
        unusable = [f for f in shown if f["severity"] == "error" and _rejects_file(f["code"])]
        if status in ("ok", "warning"):
            status = "ok"
        elif status == "error":
            # A file the roll-up cannot use at all, or a usable one that still carries errors.
            status = "error" if unusable else "unresolved"
        counts[status] += 1
        link = f"{request.base_url}nop/{g['token']}" if g["token"] else None
        problems = unusable or [f for f in shown if f["severity"] == "error" and f["code"] != "rollup-unresolved-errors"]
        rows.append({"group": g, "status": status, "link": link, "unresolved": unresolved, "problems": problems[:3],
                     "more": max(0, len(problems) - 3)})
    last = desk.store.last_done_merge(year["id"])
    across = []
    if last is not None and last["summary"]:
        findings = json.loads(last["summary"]).get("findings", {}).get(lang, [])
        across = [f for f in findings if f["code"] == "cccd-duplicate-units"]
    merges = desk.store.merges(year["id"])
    return {"rows": rows, "counts": counts, "last": last, "across": across,
            "last_outputs": json.loads(last["outputs"]) if last is not None and last["outputs"] else [],
            "merges": merges[:20], "busy": any(m["state"] in ("queued", "running") for m in merges),
            "next": desk.store.next_year_of(year["id"])}


def _rejects_file(code: str) -> bool:
    """A finding that keeps the whole workbook out of the roll-up (the catalogue says which)."""
    from ..findings import CATALOGUE

    entry = CATALOGUE.get(code)
    return code == "rollup-year" or (entry is not None and entry.rejects == "file")


def unit_context(desk, year) -> dict:
    """What a CĐCS's year page shows for sending to the sector and starting next year."""
    return {"sends": desk.store.sends(year["id"]), "last_done": desk.store.last_done_merge(year["id"]),
            "next": desk.store.next_year_of(year["id"]),
            "from_year": desk.store.year(year["from_year_id"]) if year["from_year_id"] else None}


# ---------------------------------------------------------------------- sending to the sector


def valid_sector_link(link: str) -> str | None:
    """An upload link of another desk, as the sector gave it: http(s)://host[:port]/nop/<token>."""
    link = (link or "").strip()
    try:
        parts = urlsplit(link)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    if parts.query or parts.fragment or not _LINK.match(parts.path):
        return None
    return link


async def set_sector_link(request: Request) -> Response:
    app = _app()
    app.require_treasurer(request)
    desk = request.app.state.desk
    year = app.year_or_404(desk, request.path_params["year_id"])
    form = await app.read_form(request)
    given = str(form.get("sector_link") or "")
    link = valid_sector_link(given)
    if given.strip() and link is None:
        return app.render(request, "message.html", status=400, title_key="sector.send_title",
                          message_key="sector.bad_link")
    desk.store.set_sector_link(year["id"], link, app.client_of(request))
    return RedirectResponse(f"/years/{year['id']}#sector", status_code=303)


def post_workbook(link: str, path: Path, file_name: str, timeout: float = SEND_TIMEOUT) -> dict:
    """POST one workbook to `<link>/gui`; the sector desk's JSON answer, or {"error": why}."""
    body = path.read_bytes()
    request = urllib.request.Request(link.rstrip("/") + SEND_SUFFIX, data=body, method="POST", headers={
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "x-unionxl-filename": quote(file_name), "user-agent": "unionxl-desk"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read(1 << 20).decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return {"error": f"HTTP {exc.code}", "status": exc.code}
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return {"error": str(getattr(exc, "reason", exc))[:200]}


async def send_to_sector(request: Request) -> Response:
    app = _app()
    app.require_treasurer(request)
    desk = request.app.state.desk
    year = app.year_or_404(desk, request.path_params["year_id"])
    await app.read_form(request)
    link = valid_sector_link(year["sector_link"] or "")
    merge = desk.store.last_done_merge(year["id"])
    workbook = _consolidated_output(desk, merge) if merge is not None else None
    if link is None or workbook is None:
        return app.render(request, "message.html", status=409, title_key="sector.send_title",
                          message_key="sector.send_needs" if link else "sector.bad_link")
    name = f"tong-hop-{int(year['year'])}.xlsx"
    answer = await anyio.to_thread.run_sync(post_workbook, link, workbook, name)
    ok = "verdict" in answer
    detail = json.dumps({"host": urlsplit(link).hostname, **({"error": answer["error"]} if not ok else {})})
    desk.store.add_send(year["id"], merge["id"], ok=ok, verdict=answer.get("verdict"), errors=answer.get("errors"),
                        warnings=answer.get("warnings"), detail=detail, client=app.client_of(request))
    return RedirectResponse(f"/years/{year['id']}#sector", status_code=303)


async def receive_workbook(request: Request) -> Response:
    """`<link>/gui`: another desk (or a script) sends a workbook as the request body. The link's
    token is the credential, as for an officer; there is no cookie, so no CSRF to guard."""
    app = _app()
    desk = request.app.state.desk
    group = app.officer_group(request)
    display = safe_display_name(unquote(request.headers.get("x-unionxl-filename", "")) or "tong-hop.xlsx")
    limit = desk.settings.upload_limit
    with tempfile.TemporaryFile(dir=desk.data.tmp) as spool:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return JSONResponse({"error": "too large", "limit": limit}, status_code=413)
            spool.write(chunk)
        if size == 0:
            return JSONResponse({"error": "empty body"}, status_code=400)
        spool.seek(0)
        try:
            sha, size = await anyio.to_thread.run_sync(desk.data.put_stream, spool, limit)
        except TooLarge:
            return JSONResponse({"error": "too large", "limit": limit}, status_code=413)
    upload_id = desk.store.add_upload(group_id=group["id"], link_id=group["link_id"], sha256=sha, size=size,
                                      file_name=display, client=app.client_of(request), actor="desk")
    await app.check_and_record(desk, upload_id, app.lang_of(request))
    row = desk.store.upload(upload_id)
    return JSONResponse({"upload": upload_id, "verdict": row["verdict"], "errors": row["errors"],
                         "warnings": row["warnings"], "sha256": sha})


# ---------------------------------------------------------------------- merges cut off


async def retry_merge(request: Request) -> Response:
    """Run an interrupted (or failed) merge again on exactly the same file versions."""
    app = _app()
    app.require_treasurer(request)
    desk = request.app.state.desk
    merge = app.merge_or_404(desk, request.path_params["merge_id"])
    await app.read_form(request)
    if merge["state"] not in ("interrupted", "failed"):
        return RedirectResponse(f"/merges/{merge['id']}", status_code=303)
    new_id = desk.store.retry_merge(merge["id"], app.client_of(request))
    if new_id is None:
        running = [m for m in desk.store.merges(merge["year_id"]) if m["state"] in ("queued", "running")]
        return RedirectResponse(f"/merges/{running[0]['id']}", status_code=303)
    desk.runner.submit(new_id)
    return RedirectResponse(f"/merges/{new_id}", status_code=303)


def routes() -> list[Route]:
    return [
        Route("/sector-years", create_sector_year, methods=["POST"]),
        Route("/years/{year_id}/sector-link", set_sector_link, methods=["POST"]),
        Route("/years/{year_id}/send", send_to_sector, methods=["POST"]),
        Route("/merges/{merge_id}/retry", retry_merge, methods=["POST"]),
        Route("/nop/{token}" + SEND_SUFFIX, receive_workbook, methods=["POST"]),
    ]
