"""The desk's whole state in one archive, and back: `unionxl backup` / `unionxl restore`.

The archive is a zip holding

    manifest.json          format, state version, and every other member's sha256 and size
    state.sqlite3          the database, copied with SQLite's online backup API (a consistent
                           snapshot even while the server writes)
    blobs/ab/abcdef…       every stored upload, feedback copy and unit workbook
    merges/<id>/…          every finished merge's outputs

A backup can be taken while the desk runs: the database is copied first, and every file a
database row points at was stored before the row was written, so the files copied after it
include all that the snapshot names. Blobs are never overwritten and a merge folder is complete
or absent (`<id>.tmp` folders are work in progress and are left out).

Restoring trusts nothing in the archive: every name must be one the manifest lists and of the
shapes above (no absolute path, no `..`, no backslash, no link), every file is checked against
its sha256 and size while it is written, and the data folder must be new or empty. The files
are written into a sibling folder first and renamed into place, so a failed restore leaves
nothing half-written behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..i18n import both
from .files import DataFolder
from .storage import SCHEMA_VERSION, Store

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "state.sqlite3"
CHUNK = 1 << 20
# The only member names an archive may hold (besides the manifest): the data folder's own shapes.
_MEMBER = re.compile(r"^(state\.sqlite3"
                     r"|blobs/[0-9a-f]{2}/[0-9a-f]{64}"
                     r"|merges/[0-9]{1,12}(/[A-Za-z0-9][A-Za-z0-9._-]{0,80}){1,2})$")


class BackupError(Exception):
    """Why a backup or restore was refused; the message is for the person running the command."""


@dataclass
class Summary:
    files: int
    bytes: int
    schema_version: int
    uploads: int
    merges: int


def backup(data: Path, out: Path) -> Summary:
    """Write the state of the data folder `data` into the zip archive `out` (replaced whole)."""
    folder = Path(data)
    if not (folder / DATABASE).is_file():
        raise BackupError(both("usage.backup.not_data_folder", folder=folder, database=DATABASE))
    root = DataFolder(folder).root
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".unionxl-backup-", dir=out.parent))
    try:
        snapshot = work / DATABASE
        source = sqlite3.connect(root / DATABASE)
        target = sqlite3.connect(snapshot)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        entries: dict[str, dict] = {DATABASE: _describe(snapshot)}
        members: list[tuple[str, Path]] = [(DATABASE, snapshot)]
        for path in sorted((root / "blobs").glob("*/*")):
            name = path.relative_to(root).as_posix()
            if _MEMBER.match(name) and path.is_file() and not path.is_symlink():
                entries[name] = _describe(path)
                members.append((name, path))
        for path in sorted((root / "merges").rglob("*")):
            name = path.relative_to(root).as_posix()
            if name.split("/")[1].endswith(".tmp") or not path.is_file() or path.is_symlink():
                continue  # a merge still being written is not part of the state yet
            if not _MEMBER.match(name):
                # The desk names every output itself; a name outside that shape would not restore.
                raise BackupError(f"{both('usage.backup.cannot_carry')}: {name!r}")
            entries[name] = _describe(path)
            members.append((name, path))
        counts = _counts(snapshot)
        manifest = {"format": FORMAT, "schema_version": counts[0], "created_at":
                    datetime.now(timezone.utc).isoformat(timespec="seconds"), "files": entries}
        partial = work / "archive.zip"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
            for name, path in members:
                # Workbooks and documents are zips already: storing them again compressed gains nothing.
                kind = zipfile.ZIP_STORED if name.startswith("blobs/") or name.endswith((".xlsx", ".docx", ".zip")) \
                    else zipfile.ZIP_DEFLATED
                archive.write(path, name, compress_type=kind)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out)
        return Summary(len(members), sum(e["size"] for e in entries.values()), counts[0], counts[1], counts[2])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def restore(archive_path: Path, data: Path) -> Summary:
    """Restore an archive written by `backup` into the new or empty data folder `data`."""
    target = Path(data)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(both("usage.backup.not_empty", folder=target))
    try:
        archive = zipfile.ZipFile(archive_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{both('usage.backup.not_backup', path=archive_path)} ({exc})")
    with archive:
        manifest = _manifest(archive)
        files: dict[str, dict] = manifest["files"]
        names = [info.filename for info in archive.infolist() if info.filename != MANIFEST]
        for info in archive.infolist():
            if info.filename == MANIFEST:
                continue
            _check_member(info, files)
        missing = sorted(set(files) - set(names))
        if missing:
            raise BackupError(f"{both('usage.backup.lacks')}: {', '.join(missing[:5])}")
        if len(names) != len(set(names)):
            raise BackupError(both("usage.backup.named_twice"))
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".unionxl-restore-", dir=target.parent))
        try:
            for name in names:
                _extract(archive, name, files[name], work)
            for path in (work / "blobs").rglob("*"):
                if path.is_file():
                    os.chmod(path, 0o444)  # as the desk keeps them: stored files are never rewritten
            version, uploads, merges = _counts(work / DATABASE)
            if version > SCHEMA_VERSION:
                raise BackupError(both("usage.backup.newer", version=version))
            if target.exists():
                target.rmdir()  # empty, checked above
            os.replace(work, target)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    Store(DataFolder(target).database)  # an older state is brought up to this version now
    return Summary(len(names), sum(e["size"] for e in files.values()), version, uploads, merges)


def _manifest(archive: zipfile.ZipFile) -> dict:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise BackupError(both("usage.backup.no_manifest")) from None
    if info.file_size > 64 * 1024 * 1024:
        raise BackupError(both("usage.backup.manifest_too_large"))
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{both('usage.backup.manifest_damaged')} ({exc})") from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if manifest.get("format") != FORMAT or not isinstance(files, dict) or DATABASE not in files:
        raise BackupError(both("usage.backup.not_manifest"))
    for name, entry in files.items():
        if not (isinstance(name, str) and _MEMBER.match(name) and isinstance(entry, dict)
                and isinstance(entry.get("sha256"), str) and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
                and isinstance(entry.get("size"), int) and entry["size"] >= 0):
            raise BackupError(f"{both('usage.backup.manifest_entry')}: {name!r}")
    return manifest


def _check_member(info: zipfile.ZipInfo, files: dict[str, dict]) -> None:
    name = info.filename
    mode = info.external_attr >> 16
    if not _MEMBER.match(name) or name not in files:
        # Covers '../x', '/etc/x', 'C:\\x', 'blobs/../../x' and anything the manifest does not list.
        raise BackupError(f"{both('usage.backup.forbidden_path')}: {name!r}")
    if mode and (stat.S_ISLNK(mode) or (stat.S_IFMT(mode) and not stat.S_ISREG(mode))):
        raise BackupError(f"{both('usage.backup.link')}: {name!r}")
    if info.file_size != files[name]["size"]:
        raise BackupError(f"{both('usage.backup.size_differs')}: {name}")


def _extract(archive: zipfile.ZipFile, name: str, entry: dict, work: Path) -> None:
    """Stream one member to disk, hashing it; stop at the manifest's size (a zip that inflates
    past what it declares is refused before it fills the disk)."""
    path = work.joinpath(*name.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with archive.open(name) as source, open(path, "xb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > entry["size"]:
                raise BackupError(f"{both('usage.backup.size_differs')}: {name}")
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(f"{both('usage.backup.sha256_differs')}: {name}")
    if name.startswith("blobs/") and path.name != entry["sha256"]:
        raise BackupError(f"{both('usage.backup.misnamed')}: {name}")


def _describe(path: Path) -> dict:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def _counts(database: Path) -> tuple[int, int, int]:
    """(state version, uploads, merges) of a database file, read-only."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "uploads" not in tables or "merges" not in tables:
            raise BackupError(both("usage.backup.not_state"))
        uploads = conn.execute("SELECT COUNT(*) FROM uploads").fetchone()[0]
        merges = conn.execute("SELECT COUNT(*) FROM merges").fetchone()[0]
        return version, uploads, merges
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{both('usage.backup.state_damaged')} ({exc})")
    finally:
        conn.close()
