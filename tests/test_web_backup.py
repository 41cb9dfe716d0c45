"""`unionxl backup` / `unionxl restore`: the whole desk in one archive and back on another
machine, and every way a hostile or damaged archive is refused."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.webdesk import client
from tests.webstate import V1_MERGE_OUTPUTS, copy_state, sign_in
from unionxl.cli import main
from unionxl.web.backup import BackupError, backup, restore


def _rows(database: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(database)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


@pytest.fixture
def state(tmp_path):
    return copy_state(1, tmp_path / "office-pc")


def test_a_restored_archive_has_every_upload_and_merge_again(state, tmp_path):
    archive = tmp_path / "sao-luu.zip"
    r = CliRunner().invoke(main, ["backup", "--data", str(state), "-o", str(archive)])
    assert r.exit_code == 0, r.output
    assert "2 lần nộp / uploads, 1 lần tổng hợp / merges" in r.output
    other = tmp_path / "new-pc" / "unionxl-data"
    r = CliRunner().invoke(main, ["restore", str(archive), "--data", str(other)])
    assert r.exit_code == 0, r.output

    query = "SELECT id, group_id, sha256, verdict, feedback_sha256 FROM uploads ORDER BY id"
    assert _rows(other / "state.sqlite3", query) == _rows(state / "state.sqlite3", query)
    query = "SELECT id, state, outputs FROM merges ORDER BY id"
    assert _rows(other / "state.sqlite3", query) == _rows(state / "state.sqlite3", query)
    with client(other) as c:
        sign_in(c)
        for upload_id, sha, feedback in _rows(other / "state.sqlite3", "SELECT id, sha256, feedback_sha256 FROM uploads"):
            got = c.get(f"/uploads/{upload_id}/file").content
            assert hashlib.sha256(got).hexdigest() == sha
            if feedback:
                assert hashlib.sha256(c.get(f"/uploads/{upload_id}/feedback").content).hexdigest() == feedback
        for name in V1_MERGE_OUTPUTS:
            got = c.get(f"/merges/1/files/{name}")
            assert got.status_code == 200 and got.content == (state / "merges" / "1" / name).read_bytes()


def test_restore_refuses_a_folder_that_already_holds_data(state, tmp_path):
    archive = tmp_path / "a.zip"
    backup(state, archive)
    other = copy_state(1, tmp_path / "busy")
    r = CliRunner().invoke(main, ["restore", str(archive), "--data", str(other)])
    assert r.exit_code == 2 and "đã có dữ liệu" in r.output and "is not empty" in r.output


def _rewrite(archive: Path, out: Path, change) -> None:
    """A copy of the archive with change(name, data, manifest) -> [(name, data)] applied per member."""
    with zipfile.ZipFile(archive) as src:
        manifest = json.loads(src.read("manifest.json"))
        members = [(i.filename, src.read(i.filename)) for i in src.infolist() if i.filename != "manifest.json"]
    new = []
    for name, data in members:
        new.extend(change(name, data, manifest))
    with zipfile.ZipFile(out, "w") as dst:
        dst.writestr("manifest.json", json.dumps(manifest))
        for name, data in new:
            dst.writestr(name, data)


def test_a_damaged_file_in_the_archive_is_refused_and_nothing_is_left(state, tmp_path):
    archive = tmp_path / "a.zip"
    backup(state, archive)

    def flip(name, data, manifest):
        if name.startswith("blobs/"):
            data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
        return [(name, data)]

    damaged = tmp_path / "damaged.zip"
    _rewrite(archive, damaged, flip)
    target = tmp_path / "restored"
    with pytest.raises(BackupError, match="sha256"):
        restore(damaged, target)
    assert not target.exists() and not list(tmp_path.glob(".unionxl-restore-*"))


@pytest.mark.parametrize("evil", ["../evil.txt", "/tmp/evil.txt", "blobs/../../evil.txt", "merges/1/../../../evil",
                                  "blobs\\..\\evil.txt", "state.sqlite3/../../evil"])
def test_a_path_outside_the_data_folder_is_refused(state, tmp_path, evil):
    archive = tmp_path / "a.zip"
    backup(state, archive)

    def add_evil(name, data, manifest):
        if name == "state.sqlite3":
            manifest["files"][evil] = {"sha256": hashlib.sha256(b"x").hexdigest(), "size": 1}
            return [(name, data), (evil, b"x")]
        return [(name, data)]

    hostile = tmp_path / "hostile.zip"
    _rewrite(archive, hostile, add_evil)
    target = tmp_path / "deep" / "restored"
    with pytest.raises(BackupError):
        restore(hostile, target)
    assert not target.exists()
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "deep" / "evil.txt").exists()


def test_a_member_the_manifest_does_not_list_is_refused(state, tmp_path):
    archive = tmp_path / "a.zip"
    backup(state, archive)

    def extra(name, data, manifest):
        return [(name, data)] + ([("merges/9/tong-hop-2024.xlsx", b"PK")] if name == "state.sqlite3" else [])

    hostile = tmp_path / "extra.zip"
    _rewrite(archive, hostile, extra)
    with pytest.raises(BackupError, match="forbidden path"):
        restore(hostile, tmp_path / "restored")


def test_a_file_that_is_not_a_backup_is_a_clear_refusal(tmp_path):
    not_zip = tmp_path / "x.zip"
    not_zip.write_bytes(b"hello")
    r = CliRunner().invoke(main, ["restore", str(not_zip), "--data", str(tmp_path / "d")])
    assert r.exit_code == 2 and "not a unionxl backup" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["backup", "--data", str(tmp_path / "nothing"), "-o", str(tmp_path / "b.zip")])
    assert r.exit_code == 2 and "not a unionxl data folder" in r.output
