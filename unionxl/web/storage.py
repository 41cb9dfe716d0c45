"""The desk's state: one SQLite database (WAL) in the data folder. This module owns every query.

Migrations are numbered: MIGRATIONS[i] takes the database from version i to i + 1, and
SQLite's own `PRAGMA user_version` records where a database stands. A migration is never
edited once released; a change of schema is a new script appended to the list (tested by
opening a state folder written by the previous release).

Words: a *year* is one collection season of one unit (mode 'unit': a CĐCS collecting its
groups' workbooks) or of a sector union (mode 'sector': collecting its CĐCS' consolidated
workbooks). Whoever sends a workbook in a year is a *group* here (a tổ công đoàn, or a CĐCS
in sector mode). An *upload* is one received file; the group's current version is a pointer
to one upload. A *merge* is one consolidation with the exact uploads it used.

Durability: every write is one transaction (BEGIN IMMEDIATE … COMMIT) and synchronous=FULL,
so a killed server leaves each record whole or absent.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

MIGRATIONS: list[str] = [
    # 1: the first release
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE blobs (                -- the content-addressed store's index (files under blobs/)
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE TABLE years (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        mode TEXT NOT NULL DEFAULT 'unit' CHECK (mode IN ('unit', 'sector')),
        name TEXT NOT NULL DEFAULT '',
        unit_sha256 TEXT REFERENCES blobs(sha256),      -- the unit workbook (unit mode)
        previous_sha256 TEXT REFERENCES blobs(sha256),  -- last year's consolidated workbook, for --previous
        from_year_id INTEGER REFERENCES years(id),      -- the year it was started from
        created_at TEXT NOT NULL
    );
    CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        year_id INTEGER NOT NULL REFERENCES years(id),
        code TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL,
        current_upload_id INTEGER REFERENCES uploads(id),
        UNIQUE (year_id, code)
    );
    CREATE TABLE links (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id),
        token TEXT NOT NULL,              -- shown to the treasurer to copy; the officer's only credential
        token_hash TEXT NOT NULL UNIQUE,  -- sha256(token): what a request is looked up by
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    CREATE TABLE uploads (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id),
        link_id INTEGER REFERENCES links(id),
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        file_name TEXT NOT NULL,          -- as the sender named it: shown, never used as a path
        size INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'checked')),
        verdict TEXT CHECK (verdict IN ('error', 'warning', 'ok')),
        errors INTEGER,
        warnings INTEGER,
        notes INTEGER,
        findings TEXT,                    -- JSON {"vi": [...], "en": [...]}: findings as shown
        feedback_sha256 TEXT REFERENCES blobs(sha256),
        checked_at TEXT
    );
    CREATE INDEX uploads_group ON uploads(group_id, id);
    CREATE TABLE merges (
        id INTEGER PRIMARY KEY,
        year_id INTEGER NOT NULL REFERENCES years(id),
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'interrupted')),
        lang TEXT NOT NULL DEFAULT 'vi',
        with_previous INTEGER NOT NULL DEFAULT 0,
        requested_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        done INTEGER NOT NULL DEFAULT 0,  -- progress: files read so far
        total INTEGER NOT NULL DEFAULT 0,
        exit_code INTEGER,
        errors INTEGER,
        warnings INTEGER,
        summary TEXT,                     -- JSON: row account, figures, findings as shown
        outputs TEXT,                     -- JSON: output file names under merges/<id>/
        message TEXT
    );
    CREATE TABLE merge_inputs (           -- the exact versions a merge used
        merge_id INTEGER NOT NULL REFERENCES merges(id),
        group_id INTEGER NOT NULL REFERENCES groups(id),
        upload_id INTEGER NOT NULL REFERENCES uploads(id),
        PRIMARY KEY (merge_id, group_id)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,              -- 'treasurer', 'officer', 'system'
        action TEXT NOT NULL,
        year_id INTEGER,
        group_id INTEGER,
        upload_id INTEGER,
        merge_id INTEGER,
        client TEXT,
        detail TEXT
    );
    CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,         -- sha256 of the cookie's value; the value itself is not kept
        created_at REAL NOT NULL,
        expires_at REAL NOT NULL
    );
    CREATE TABLE login_failures (
        id INTEGER PRIMARY KEY,
        client TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX login_failures_at ON login_failures(at);
    """,
    # 2: sector mode and year after year (issue 15)
    """
    ALTER TABLE years ADD COLUMN sector_link TEXT;      -- unit mode: where this unit sends its consolidated workbook
    ALTER TABLE merges ADD COLUMN retry_of INTEGER REFERENCES merges(id);  -- an interrupted merge run again
    CREATE TABLE sends (                                -- each consolidated workbook sent to the sector desk
        id INTEGER PRIMARY KEY,
        year_id INTEGER NOT NULL REFERENCES years(id),
        merge_id INTEGER NOT NULL REFERENCES merges(id),
        at TEXT NOT NULL,
        ok INTEGER NOT NULL,
        verdict TEXT,                                   -- the sector desk's check of it
        errors INTEGER,
        warnings INTEGER,
        detail TEXT
    );
    """,
    # 3: an upload's feedback copy is made when first asked for, against the unit workbook its check used
    """
    ALTER TABLE uploads ADD COLUMN unit_sha256 TEXT REFERENCES blobs(sha256);  -- the unit workbook it was checked against
    ALTER TABLE uploads ADD COLUMN marks INTEGER;  -- cells its feedback copy marks; NULL before v3 (copy made at once)
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class NewerStateError(RuntimeError):
    """The data folder was written by a newer unionxl: refuse rather than damage it."""


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION, one numbered script at a time, each in one
    transaction with its version bump (so a kill mid-migration leaves the old version whole)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerStateError(f"state version {version} > {SCHEMA_VERSION}")
    for number in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit on its own, outside our transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


@dataclass
class Group:
    id: int
    year_id: int
    code: str
    name: str
    position: int
    current_upload_id: int | None


class Store:
    """Every query of the desk, safe from any thread: each thread keeps its own connection (opening
    one per call, with its pragmas, was a tenth of the server's own work per upload)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        # Writers of this process queue on a lock that wakes the next one at once; left to SQLite's
        # busy handler, a burst of uploads would sleep 1, 2, 5 ... 100 ms between tries instead.
        self._writing = threading.Lock()
        conn = self._connection()
        conn.execute("PRAGMA journal_mode=WAL")
        migrate(conn)

    # ------------------------------------------------------------------ plumbing

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        yield self._connection()  # autocommit: each statement reads the last committed state

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        with self._writing:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:  # the connection itself failed: this thread opens a new one next time
                    self._local.conn = None
                    conn.close()
                raise

    def version(self) -> int:
        with self._read() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------------ settings

    def setting(self, key: str) -> str | None:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            return row["value"] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def setting_or_create(self, key: str, make) -> str:
        """The setting, created once with make() if absent (first writer wins)."""
        with self._write() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            if row:
                return row["value"]
            value = make()
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?)", (key, value))
            return value

    def set_password_hash(self, value: str, client: str = "") -> None:
        """A new password ends every open session."""
        with self._write() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES ('password_hash', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (value,))
            conn.execute("DELETE FROM sessions")
            _audit(conn, "treasurer", "password-set", client=client)

    # ------------------------------------------------------------------ sessions and logins

    def add_session(self, id_hash: str, lifetime: float) -> None:
        at = time.time()
        with self._write() as conn:
            conn.execute("DELETE FROM sessions WHERE expires_at < ?", (at,))
            conn.execute("INSERT INTO sessions(id_hash, created_at, expires_at) VALUES (?, ?, ?)",
                         (id_hash, at, at + lifetime))

    def session_valid(self, id_hash: str) -> bool:
        with self._read() as conn:
            row = conn.execute("SELECT expires_at FROM sessions WHERE id_hash = ?", (id_hash,)).fetchone()
            return bool(row) and row["expires_at"] > time.time()

    def drop_session(self, id_hash: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM sessions WHERE id_hash = ?", (id_hash,))

    def login_failed(self, client: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO login_failures(client, at) VALUES (?, ?)", (client, time.time()))
            _audit(conn, "treasurer", "login-failed", client=client)

    def login_failures_since(self, since: float, client: str | None = None) -> int:
        with self._read() as conn:
            if client is None:
                row = conn.execute("SELECT COUNT(*) FROM login_failures WHERE at >= ?", (since,)).fetchone()
            else:
                row = conn.execute("SELECT COUNT(*) FROM login_failures WHERE at >= ? AND client = ?",
                                   (since, client)).fetchone()
            return row[0]

    def login_succeeded(self, client: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM login_failures WHERE client = ?", (client,))
            _audit(conn, "treasurer", "login", client=client)

    # ------------------------------------------------------------------ blobs

    def add_blob(self, sha256: str, size: int) -> None:
        with self._write() as conn:
            _blob(conn, sha256, size)

    # ------------------------------------------------------------------ years and groups

    def create_year(self, *, year: int, name: str, mode: str, unit_sha256: str | None,
                    groups: list[tuple[str, str]], tokens: list[str], token_hash,
                    previous_sha256: str | None = None, from_year_id: int | None = None,
                    client: str = "") -> int:
        """The year, its groups in order and one upload link each, in one transaction."""
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO years(year, mode, name, unit_sha256, previous_sha256, from_year_id, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (year, mode, name, unit_sha256, previous_sha256, from_year_id, now_text()))
            year_id = cur.lastrowid
            for position, ((code, group_name), token) in enumerate(zip(groups, tokens, strict=True)):
                gid = conn.execute("INSERT INTO groups(year_id, code, name, position) VALUES (?, ?, ?, ?)",
                                   (year_id, code, group_name, position)).lastrowid
                conn.execute("INSERT INTO links(group_id, token, token_hash, created_at) VALUES (?, ?, ?, ?)",
                             (gid, token, token_hash(token), now_text()))
            _audit(conn, "treasurer", "year-created", year_id=year_id, client=client,
                   detail=json.dumps({"year": year, "mode": mode, "groups": len(groups)}))
            return year_id

    def replace_unit(self, year_id: int, unit_sha256: str, groups: list[tuple[str, str]], tokens: list[str],
                     token_hash, client: str = "") -> int:
        """A corrected unit workbook for the year: groups it adds get a link; names are updated;
        a group it no longer lists keeps its uploads (it shows as 'not sent' only if it never sent).
        Returns the number of groups added."""
        with self._write() as conn:
            conn.execute("UPDATE years SET unit_sha256 = ? WHERE id = ?", (unit_sha256, year_id))
            known = {r["code"]: r["id"] for r in conn.execute("SELECT id, code FROM groups WHERE year_id = ?",
                                                              (year_id,))}
            added = 0
            for position, ((code, name), token) in enumerate(zip(groups, tokens, strict=True)):
                if code in known:
                    conn.execute("UPDATE groups SET name = ?, position = ? WHERE id = ?", (name, position, known[code]))
                    continue
                gid = conn.execute("INSERT INTO groups(year_id, code, name, position) VALUES (?, ?, ?, ?)",
                                   (year_id, code, name, position)).lastrowid
                conn.execute("INSERT INTO links(group_id, token, token_hash, created_at) VALUES (?, ?, ?, ?)",
                             (gid, token, token_hash(token), now_text()))
                added += 1
            _audit(conn, "treasurer", "unit-replaced", year_id=year_id, client=client,
                   detail=json.dumps({"sha256": unit_sha256, "groups": len(groups), "added": added}))
            return added

    def set_previous(self, year_id: int, sha256: str, size: int, client: str = "") -> None:
        """Last year's consolidated workbook, for the comparison (merge --previous)."""
        with self._write() as conn:
            _blob(conn, sha256, size)
            conn.execute("UPDATE years SET previous_sha256 = ? WHERE id = ?", (sha256, year_id))
            _audit(conn, "treasurer", "previous-set", year_id=year_id, client=client,
                   detail=json.dumps({"sha256": sha256}))

    def last_done_merge(self, year_id: int) -> sqlite3.Row | None:
        with self._read() as conn:
            return conn.execute("SELECT * FROM merges WHERE year_id = ? AND state = 'done' ORDER BY id DESC LIMIT 1",
                                (year_id,)).fetchone()

    def years(self) -> list[sqlite3.Row]:
        with self._read() as conn:
            return conn.execute("SELECT * FROM years ORDER BY year DESC, id DESC").fetchall()

    def year(self, year_id: int) -> sqlite3.Row | None:
        with self._read() as conn:
            return conn.execute("SELECT * FROM years WHERE id = ?", (year_id,)).fetchone()

    def groups(self, year_id: int) -> list[sqlite3.Row]:
        """Each group with its live link and current upload's verdict, time and the version count."""
        # The year's live links and version counts are gathered once each and joined (links has no
        # index on group_id: joined per group, every group would scan every link of every year).
        with self._read() as conn:
            return conn.execute(
                """SELECT g.*, l.token AS token, l.id AS link_id,
                          u.verdict AS verdict, u.state AS upload_state, u.received_at AS last_at,
                          u.errors AS errors, u.warnings AS warnings, u.file_name AS file_name,
                          COALESCE(v.n, 0) AS versions
                   FROM groups g
                   LEFT JOIN (SELECT k.group_id, k.token, k.id FROM links k JOIN groups kg ON kg.id = k.group_id
                              WHERE kg.year_id = :year AND k.revoked_at IS NULL) l ON l.group_id = g.id
                   LEFT JOIN uploads u ON u.id = g.current_upload_id
                   LEFT JOIN (SELECT x.group_id, COUNT(*) AS n FROM uploads x JOIN groups xg ON xg.id = x.group_id
                              WHERE xg.year_id = :year GROUP BY x.group_id) v ON v.group_id = g.id
                   WHERE g.year_id = :year ORDER BY g.position""", {"year": year_id}).fetchall()

    def group(self, group_id: int) -> sqlite3.Row | None:
        with self._read() as conn:
            return conn.execute("SELECT * FROM groups WHERE id = ?", (group_id,)).fetchone()

    def group_by_token_hash(self, token_hash: str) -> sqlite3.Row | None:
        """The group and link of a live (not revoked) token; the caller compares the token itself."""
        with self._read() as conn:
            return conn.execute(
                """SELECT g.*, l.id AS link_id, l.token AS token, y.year AS year, y.name AS year_name,
                          y.mode AS mode, y.unit_sha256 AS unit_sha256
                   FROM links l JOIN groups g ON g.id = l.group_id JOIN years y ON y.id = g.year_id
                   WHERE l.token_hash = ? AND l.revoked_at IS NULL""", (token_hash,)).fetchone()

    def reissue_link(self, group_id: int, token: str, token_hash: str, client: str = "") -> None:
        """Revoke the group's live link and give it a new one, atomically."""
        with self._write() as conn:
            conn.execute("UPDATE links SET revoked_at = ? WHERE group_id = ? AND revoked_at IS NULL",
                         (now_text(), group_id))
            conn.execute("INSERT INTO links(group_id, token, token_hash, created_at) VALUES (?, ?, ?, ?)",
                         (group_id, token, token_hash, now_text()))
            _audit(conn, "treasurer", "link-reissued", group_id=group_id, client=client)

    def revoke_link(self, group_id: int, client: str = "") -> None:
        with self._write() as conn:
            conn.execute("UPDATE links SET revoked_at = ? WHERE group_id = ? AND revoked_at IS NULL",
                         (now_text(), group_id))
            _audit(conn, "treasurer", "link-revoked", group_id=group_id, client=client)

    # ------------------------------------------------------------------ uploads

    def add_upload(self, *, group_id: int, link_id: int | None, sha256: str, size: int, file_name: str,
                   client: str = "", actor: str = "officer") -> int:
        """Record a received file (already stored under its sha256) before it is checked, so a
        server killed during the check still has it; `recheck_pending` finishes the job."""
        with self._write() as conn:
            _blob(conn, sha256, size)
            upload_id = conn.execute(
                "INSERT INTO uploads(group_id, link_id, sha256, file_name, size, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (group_id, link_id, sha256, file_name, size, now_text())).lastrowid
            _audit(conn, actor, "upload-received", group_id=group_id, upload_id=upload_id, client=client,
                   detail=json.dumps({"sha256": sha256, "size": size, "file_name": file_name}, ensure_ascii=False))
            return upload_id

    def finish_upload(self, upload_id: int, *, verdict: str, errors: int, warnings: int, notes: int,
                      findings: dict[str, list[dict]], unit_sha256: str | None = None, marks: int = 0) -> None:
        """Store the check's result and make this upload the group's current version, in one
        transaction. An older upload finishing after a newer one does not take the pointer back.
        `marks`: the cells a feedback copy would mark, made later by set_feedback when asked for."""
        with self._write() as conn:
            conn.execute(
                "UPDATE uploads SET state = 'checked', verdict = ?, errors = ?, warnings = ?, notes = ?, "
                "findings = ?, checked_at = ?, unit_sha256 = ?, marks = ? WHERE id = ?",
                (verdict, errors, warnings, notes, json.dumps(findings, ensure_ascii=False), now_text(),
                 unit_sha256, marks, upload_id))
            row = conn.execute("SELECT group_id FROM uploads WHERE id = ?", (upload_id,)).fetchone()
            conn.execute("UPDATE groups SET current_upload_id = ? WHERE id = ? "
                         "AND (current_upload_id IS NULL OR current_upload_id < ?)",
                         (upload_id, row["group_id"], upload_id))
            _audit(conn, "system", "upload-checked", group_id=row["group_id"], upload_id=upload_id,
                   detail=json.dumps({"verdict": verdict, "errors": errors, "warnings": warnings}))

    def set_feedback(self, upload_id: int, sha256: str, size: int) -> None:
        """Record the feedback copy made for an upload (the first one made, if two were asked at once)."""
        with self._write() as conn:
            _blob(conn, sha256, size)
            conn.execute("UPDATE uploads SET feedback_sha256 = ? WHERE id = ? AND feedback_sha256 IS NULL",
                         (sha256, upload_id))

    def upload(self, upload_id: int) -> sqlite3.Row | None:
        with self._read() as conn:
            return conn.execute("SELECT * FROM uploads WHERE id = ?", (upload_id,)).fetchone()

    def uploads(self, group_id: int, limit: int = 50) -> list[sqlite3.Row]:
        with self._read() as conn:
            return conn.execute("SELECT * FROM uploads WHERE group_id = ? ORDER BY id DESC LIMIT ?",
                                (group_id, limit)).fetchall()

    def pending_uploads(self) -> list[sqlite3.Row]:
        with self._read() as conn:
            return conn.execute("SELECT * FROM uploads WHERE state = 'pending' ORDER BY id").fetchall()

    def current_uploads(self, year_id: int) -> list[sqlite3.Row]:
        """The current (checked) version of every group that has sent one."""
        with self._read() as conn:
            return conn.execute(
                """SELECT u.*, g.code AS code, g.name AS group_name FROM groups g
                   JOIN uploads u ON u.id = g.current_upload_id
                   WHERE g.year_id = ? ORDER BY g.position""", (year_id,)).fetchall()

    def current_findings(self, year_id: int, lang: str, limit: int) -> tuple[list[dict], int]:
        """The errors, then the warnings, of every group's current version, by group code: the
        first `limit` of them and how many there are in all. Only the versions whose findings are
        shown are decoded (the counts are columns), so a 1.000-group year costs a few of them."""
        with self._read() as conn:
            total = conn.execute(
                """SELECT COALESCE(SUM(u.errors + u.warnings), 0) FROM groups g
                   JOIN uploads u ON u.id = g.current_upload_id WHERE g.year_id = ?""", (year_id,)).fetchone()[0]
            shown: list[dict] = []
            for severity, column in (("error", "errors"), ("warning", "warnings")):
                rows = conn.execute(
                    f"""SELECT g.code AS code, u.findings AS findings FROM groups g
                        JOIN uploads u ON u.id = g.current_upload_id
                        WHERE g.year_id = ? AND u.{column} > 0 ORDER BY g.code, g.position""", (year_id,))
                for row in rows:
                    if len(shown) >= limit:
                        break
                    shown.extend({**f, "group_code": row["code"]} for f in json.loads(row["findings"]).get(lang, [])
                                 if f["severity"] == severity)
            return shown[:limit], total

    # ------------------------------------------------------------------ merges

    def add_merge(self, year_id: int, lang: str, with_previous: bool, inputs: list[tuple[int, int]],
                  client: str = "") -> int | None:
        """Queue a merge with the exact (group, upload) versions it will use; None when one is
        already queued or running for the year (one button press, one merge)."""
        with self._write() as conn:
            busy = conn.execute("SELECT id FROM merges WHERE year_id = ? AND state IN ('queued', 'running')",
                                (year_id,)).fetchone()
            if busy:
                return None
            merge_id = conn.execute(
                "INSERT INTO merges(year_id, state, lang, with_previous, requested_at, total) "
                "VALUES (?, 'queued', ?, ?, ?, ?)",
                (year_id, lang, int(with_previous), now_text(), len(inputs))).lastrowid
            conn.executemany("INSERT INTO merge_inputs(merge_id, group_id, upload_id) VALUES (?, ?, ?)",
                             [(merge_id, g, u) for g, u in inputs])
            _audit(conn, "treasurer", "merge-requested", year_id=year_id, merge_id=merge_id, client=client)
            return merge_id

    def merge(self, merge_id: int) -> sqlite3.Row | None:
        with self._read() as conn:
            return conn.execute("SELECT * FROM merges WHERE id = ?", (merge_id,)).fetchone()

    def merges(self, year_id: int) -> list[sqlite3.Row]:
        with self._read() as conn:
            return conn.execute("SELECT * FROM merges WHERE year_id = ? ORDER BY id DESC", (year_id,)).fetchall()

    def merge_inputs(self, merge_id: int) -> list[sqlite3.Row]:
        with self._read() as conn:
            return conn.execute(
                """SELECT m.*, g.code AS code, g.name AS group_name, u.sha256 AS sha256, u.file_name AS file_name,
                          u.received_at AS received_at
                   FROM merge_inputs m JOIN groups g ON g.id = m.group_id JOIN uploads u ON u.id = m.upload_id
                   WHERE m.merge_id = ? ORDER BY g.position""", (merge_id,)).fetchall()

    def merge_started(self, merge_id: int, total: int) -> None:
        with self._write() as conn:
            conn.execute("UPDATE merges SET state = 'running', started_at = ?, total = ?, done = 0 WHERE id = ?",
                         (now_text(), total, merge_id))

    def merge_progress(self, merge_id: int, done: int) -> None:
        with self._write() as conn:
            conn.execute("UPDATE merges SET done = ? WHERE id = ?", (done, merge_id))

    def merge_finished(self, merge_id: int, *, exit_code: int, errors: int, warnings: int,
                       summary: dict[str, Any], outputs: list[str]) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE merges SET state = 'done', finished_at = ?, done = total, exit_code = ?, errors = ?, "
                "warnings = ?, summary = ?, outputs = ? WHERE id = ?",
                (now_text(), exit_code, errors, warnings, json.dumps(summary, ensure_ascii=False),
                 json.dumps(outputs, ensure_ascii=False), merge_id))
            row = conn.execute("SELECT year_id FROM merges WHERE id = ?", (merge_id,)).fetchone()
            _audit(conn, "system", "merge-done", year_id=row["year_id"], merge_id=merge_id,
                   detail=json.dumps({"exit_code": exit_code, "errors": errors, "warnings": warnings}))

    def merge_failed(self, merge_id: int, message: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE merges SET state = 'failed', finished_at = ?, message = ? WHERE id = ?",
                         (now_text(), message, merge_id))
            row = conn.execute("SELECT year_id FROM merges WHERE id = ?", (merge_id,)).fetchone()
            _audit(conn, "system", "merge-failed", year_id=row["year_id"], merge_id=merge_id, detail=message)

    def interrupt_unfinished_merges(self) -> list[int]:
        """At start-up: a merge left queued or running was cut off by a stop of the server."""
        with self._write() as conn:
            ids = [r["id"] for r in conn.execute("SELECT id FROM merges WHERE state IN ('queued', 'running')")]
            conn.execute("UPDATE merges SET state = 'interrupted', finished_at = ? "
                         "WHERE state IN ('queued', 'running')", (now_text(),))
            for merge_id in ids:
                _audit(conn, "system", "merge-interrupted", merge_id=merge_id)
            return ids

    # ------------------------------------------------------------------ sector mode, year after year

    def set_sector_link(self, year_id: int, link: str | None, client: str = "") -> None:
        with self._write() as conn:
            conn.execute("UPDATE years SET sector_link = ? WHERE id = ?", (link, year_id))
            _audit(conn, "treasurer", "sector-link-set", year_id=year_id, client=client)

    def add_send(self, year_id: int, merge_id: int, *, ok: bool, verdict: str | None = None,
                 errors: int | None = None, warnings: int | None = None, detail: str = "", client: str = "") -> int:
        with self._write() as conn:
            send_id = conn.execute(
                "INSERT INTO sends(year_id, merge_id, at, ok, verdict, errors, warnings, detail) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (year_id, merge_id, now_text(), int(ok), verdict, errors, warnings, detail)).lastrowid
            _audit(conn, "treasurer", "sent-to-sector" if ok else "send-to-sector-failed", year_id=year_id,
                   merge_id=merge_id, client=client, detail=detail)
            return send_id

    def sends(self, year_id: int, limit: int = 10) -> list[sqlite3.Row]:
        with self._read() as conn:
            return conn.execute("SELECT * FROM sends WHERE year_id = ? ORDER BY id DESC LIMIT ?",
                                (year_id, limit)).fetchall()

    def next_year_of(self, year_id: int) -> sqlite3.Row | None:
        with self._read() as conn:
            return conn.execute("SELECT * FROM years WHERE from_year_id = ? ORDER BY id LIMIT 1", (year_id,)).fetchone()

    def retry_merge(self, merge_id: int, client: str = "") -> int | None:
        """A new merge of an interrupted or failed one, on exactly the same file versions; None when
        one is already under way for the year."""
        with self._write() as conn:
            old = conn.execute("SELECT * FROM merges WHERE id = ?", (merge_id,)).fetchone()
            busy = conn.execute("SELECT id FROM merges WHERE year_id = ? AND state IN ('queued', 'running')",
                                (old["year_id"],)).fetchone()
            if busy:
                return None
            new_id = conn.execute(
                "INSERT INTO merges(year_id, state, lang, with_previous, requested_at, total, retry_of) "
                "VALUES (?, 'queued', ?, ?, ?, ?, ?)",
                (old["year_id"], old["lang"], old["with_previous"], now_text(), old["total"], merge_id)).lastrowid
            conn.execute("INSERT INTO merge_inputs(merge_id, group_id, upload_id) "
                         "SELECT ?, group_id, upload_id FROM merge_inputs WHERE merge_id = ?", (new_id, merge_id))
            _audit(conn, "treasurer", "merge-retried", year_id=old["year_id"], merge_id=new_id, client=client,
                   detail=json.dumps({"retry_of": merge_id}))
            return new_id

    # ------------------------------------------------------------------ audit

    def audit(self, actor: str, action: str, **where) -> None:
        with self._write() as conn:
            _audit(conn, actor, action, **where)

    def audit_log(self, year_id: int | None = None, limit: int = 200) -> list[sqlite3.Row]:
        with self._read() as conn:
            if year_id is None:
                return conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
            return conn.execute(
                """SELECT a.*, g.code AS code FROM audit a LEFT JOIN groups g ON g.id = a.group_id
                   WHERE a.year_id = ? OR g.year_id = ?
                      OR a.merge_id IN (SELECT id FROM merges WHERE year_id = ?)
                   ORDER BY a.id DESC LIMIT ?""", (year_id, year_id, year_id, limit)).fetchall()


def _blob(conn: sqlite3.Connection, sha256: str, size: int) -> None:
    """Index a file of the content-addressed store (once: the same content is one blob)."""
    conn.execute("INSERT OR IGNORE INTO blobs(sha256, size, stored_at) VALUES (?, ?, ?)", (sha256, size, now_text()))


def _audit(conn: sqlite3.Connection, actor: str, action: str, *, year_id=None, group_id=None, upload_id=None,
           merge_id=None, client: str = "", detail: str | None = None) -> None:
    conn.execute(
        "INSERT INTO audit(at, actor, action, year_id, group_id, upload_id, merge_id, client, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (now_text(), actor, action, year_id, group_id, upload_id, merge_id, client, detail))
