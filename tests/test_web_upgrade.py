"""A data folder written by every earlier release opens with the current code, is brought up
to the current state version by the numbered migrations, and still shows everything it held.

The folders under tests/fixtures/web-state-v<N>/ were made by the code of that release (the
script beside them says how) and are never regenerated: they stand for a real office's disk.
"""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from tests.webdesk import client
from tests.webstate import V1_MERGE_OUTPUTS, V1_UPLOADS, copy_state, sign_in, state_versions
from unionxl.web.storage import MIGRATIONS, SCHEMA_VERSION, NewerStateError, Store


def test_there_is_a_state_folder_for_every_earlier_version():
    assert state_versions() == list(range(1, SCHEMA_VERSION)) or state_versions() == list(range(1, SCHEMA_VERSION + 1))
    assert 1 in state_versions()


@pytest.mark.parametrize("version", state_versions())
def test_an_earlier_state_opens_upgraded_with_every_upload_and_merge(tmp_path, version):
    data = copy_state(version, tmp_path / "data")
    before = sqlite3.connect(data / "state.sqlite3")
    assert before.execute("PRAGMA user_version").fetchone()[0] == version
    audit_before = before.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    before.close()
    with client(data) as c:
        assert Store(data / "state.sqlite3").version() == SCHEMA_VERSION == len(MIGRATIONS)
        sign_in(c)  # the password set in that release still opens the desk
        year = c.get("/years/1")
        assert year.status_code == 200
        assert year.text.count('class="badge s-ok"') == 1 and year.text.count('class="badge s-error"') == 1
        assert year.text.count('class="badge s-missing"') == 30
        for upload_id, (code, verdict) in V1_UPLOADS.items():
            stored = c.get(f"/uploads/{upload_id}/file")
            assert stored.status_code == 200 and stored.content[:2] == b"PK"
            conn = sqlite3.connect(data / "state.sqlite3")
            sha, state = conn.execute("SELECT sha256, verdict FROM uploads WHERE id = ?", (upload_id,)).fetchone()
            conn.close()
            assert hashlib.sha256(stored.content).hexdigest() == sha and state == verdict
        assert c.get("/uploads/2/feedback").status_code == 200  # T06's feedback copy
        merge = c.get("/merges/1")
        assert merge.status_code == 200
        for name in V1_MERGE_OUTPUTS:
            r = c.get(f"/merges/1/files/{name}")
            assert r.status_code == 200 and len(r.content) > 1000, name
        audit = c.get("/years/1/audit")
        assert audit.status_code == 200 and "upload-received" in audit.text
    after = sqlite3.connect(data / "state.sqlite3")
    assert after.execute("SELECT COUNT(*) FROM audit").fetchone()[0] >= audit_before  # nothing dropped
    # migration 2 (sector mode, year after year) added its columns and table to the old rows
    assert after.execute("SELECT mode, sector_link, from_year_id FROM years").fetchall() == [("unit", None, None)]
    assert after.execute("SELECT retry_of FROM merges").fetchall() == [(None,)]
    assert after.execute("SELECT COUNT(*) FROM sends").fetchone() == (0,)
    # migration 3 (feedback copies made when asked for): uploads checked before it keep the copy made at once
    assert after.execute("SELECT id, unit_sha256, marks, feedback_sha256 IS NOT NULL FROM uploads ORDER BY id").fetchall() \
        == [(1, None, None, 0), (2, None, None, 1)]
    after.close()


def test_a_state_from_a_newer_release_is_refused_not_damaged(tmp_path):
    data = copy_state(1, tmp_path / "data")
    conn = sqlite3.connect(data / "state.sqlite3")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NewerStateError):
        Store(data / "state.sqlite3")
    conn = sqlite3.connect(data / "state.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    conn.close()
