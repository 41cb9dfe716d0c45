"""The desk's storage: numbered migrations, the content-addressed file store, records whole or absent."""

from __future__ import annotations

import hashlib
import io
import sqlite3

import pytest

from unionxl.web import storage
from unionxl.web.files import DataFolder, TooLarge, safe_display_name
from unionxl.web.security import token_hash
from unionxl.web.storage import SCHEMA_VERSION, NewerStateError, Store


def test_a_new_state_is_at_the_latest_version_in_wal_mode(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    assert store.version() == SCHEMA_VERSION == len(storage.MIGRATIONS)
    conn = sqlite3.connect(tmp_path / "s.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"years", "groups", "links", "uploads", "blobs", "merges", "merge_inputs", "audit"} <= tables
    modes = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'years'").fetchone()[0]
    assert "'unit', 'sector'" in modes


def test_migrations_run_one_by_one_and_are_not_repeated(tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite3"
    Store(path)
    extra = "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);"
    monkeypatch.setattr(storage, "MIGRATIONS", storage.MIGRATIONS + [extra])
    monkeypatch.setattr(storage, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = Store(path)  # opens a version-N state: runs only migration N+1
    assert store.version() == SCHEMA_VERSION + 1
    Store(path)  # and nothing again
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'later_feature'").fetchone()[0] == 1


def test_a_failing_migration_leaves_the_old_version_whole(tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite3"
    Store(path)
    broken = "CREATE TABLE half_done (id INTEGER);\nTHIS IS NOT SQL;"
    monkeypatch.setattr(storage, "MIGRATIONS", storage.MIGRATIONS + [broken])
    monkeypatch.setattr(storage, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_a_state_from_a_newer_release_is_refused(tmp_path):
    path = tmp_path / "s.sqlite3"
    Store(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(NewerStateError):
        Store(path)


def test_blobs_are_named_by_content_stored_once_and_read_only(tmp_path):
    data = DataFolder(tmp_path)
    sha, size = data.put_stream(io.BytesIO(b"workbook bytes"), limit=100)
    assert size == 14
    assert sha == hashlib.sha256(b"workbook bytes").hexdigest()
    path = data.blob_path(sha)
    assert path.read_bytes() == b"workbook bytes" and path.parent.parent == tmp_path / "blobs"
    assert path.stat().st_mode & 0o222 == 0  # nobody's write bit: a stored file is never rewritten
    again, _ = data.put_stream(io.BytesIO(b"workbook bytes"), limit=100)
    assert again == sha and [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == [path]
    assert list(data.tmp.iterdir()) == []  # no temporary file left behind


def test_a_stream_over_the_limit_is_refused_and_leaves_nothing(tmp_path):
    data = DataFolder(tmp_path)
    with pytest.raises(TooLarge):
        data.put_stream(io.BytesIO(b"x" * 1000), limit=999)
    assert list((tmp_path / "blobs").rglob("*")) == [] and list(data.tmp.iterdir()) == []


def test_a_blob_name_must_be_a_sha256(tmp_path):
    data = DataFolder(tmp_path)
    for bad in ("../../etc/passwd", "A" * 64, "0" * 63, ""):
        with pytest.raises(ValueError):
            data.blob_path(bad)


@pytest.mark.parametrize("sent, shown", [
    ("../../T01.xlsx", "T01.xlsx"),
    ("..\\..\\Windows\\T01.xlsx", "T01.xlsx"),
    ("C:\\Users\\to truong\\Tổ 01.xlsx", "Tổ 01.xlsx"),
    ("/etc/passwd", "passwd"),
    ("bad\x00name\r\n.xlsx", "badname.xlsx"),
    ("", "?"),
])
def test_the_senders_file_name_is_only_shown_never_a_path(sent, shown):
    assert safe_display_name(sent) == shown


def _year(store: Store, codes=("T01", "T02")) -> tuple[int, list[int]]:
    tokens = [f"token-{c}-{'x' * 30}" for c in codes]
    year_id = store.create_year(year=2024, name="CĐCS", mode="unit", unit_sha256=None,
                                groups=[(c, c) for c in codes], tokens=tokens, token_hash=token_hash)
    return year_id, [g["id"] for g in store.groups(year_id)]


def test_the_current_version_is_the_newest_checked_upload(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    _, (g1, _) = _year(store)
    first = store.add_upload(group_id=g1, link_id=None, sha256="a" * 64, size=1, file_name="a.xlsx")
    second = store.add_upload(group_id=g1, link_id=None, sha256="b" * 64, size=1, file_name="b.xlsx")
    assert store.group(g1)["current_upload_id"] is None  # received, not yet checked
    store.finish_upload(second, verdict="ok", errors=0, warnings=0, notes=0, findings={})
    store.finish_upload(first, verdict="error", errors=1, warnings=0, notes=0, findings={})
    assert store.group(g1)["current_upload_id"] == second  # the older check finishing late does not win
    assert [r["id"] for r in store.pending_uploads()] == []
    actions = [a["action"] for a in store.audit_log()]
    assert actions.count("upload-received") == 2 and actions.count("upload-checked") == 2


def test_a_merge_records_its_inputs_and_only_one_runs_per_year(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    year_id, (g1, g2) = _year(store)
    u1 = store.add_upload(group_id=g1, link_id=None, sha256="a" * 64, size=1, file_name="a.xlsx")
    u2 = store.add_upload(group_id=g2, link_id=None, sha256="b" * 64, size=1, file_name="b.xlsx")
    merge_id = store.add_merge(year_id, "vi", False, [(g1, u1), (g2, u2)])
    assert merge_id is not None
    assert store.add_merge(year_id, "vi", False, []) is None  # one is already queued
    assert [(r["code"], r["upload_id"]) for r in store.merge_inputs(merge_id)] == [("T01", u1), ("T02", u2)]
    assert store.interrupt_unfinished_merges() == [merge_id]  # as at a restart after a kill
    assert store.merge(merge_id)["state"] == "interrupted"
    assert store.add_merge(year_id, "vi", False, [(g1, u1)]) is not None  # and it can be run again


def test_reissuing_a_link_revokes_the_old_token(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    _, (g1, _) = _year(store)
    old = store.groups(store.years()[0]["id"])[0]["token"]
    assert store.group_by_token_hash(token_hash(old))["id"] == g1
    store.reissue_link(g1, "new-token-" + "y" * 30, token_hash("new-token-" + "y" * 30))
    assert store.group_by_token_hash(token_hash(old)) is None
    assert store.group_by_token_hash(token_hash("new-token-" + "y" * 30))["id"] == g1
    store.revoke_link(g1)
    assert store.group_by_token_hash(token_hash("new-token-" + "y" * 30)) is None
