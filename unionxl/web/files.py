"""The data folder on disk: content-addressed files, merge outputs, scratch space.

    <data>/state.sqlite3        the database (storage.py)
    <data>/blobs/ab/abcdef…     every received or generated file, named by its sha256, read-only,
                                never overwritten (the same content is stored once)
    <data>/merges/<id>/         one merge's outputs, complete or absent (written in <id>.tmp first)
    <data>/tmp/                 uploads being received, folders being checked; emptied at start

No name a client sent is ever used to build a path: blobs are named by their hash, merge
inputs by the group code checked against SAFE_NAME, and the rest by numbers.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class DataFolder:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        for sub in ("blobs", "merges", "tmp"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    @property
    def database(self) -> Path:
        return self.root / "state.sqlite3"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    def clean_tmp(self) -> None:
        """Left-overs of a stopped server: nothing in tmp/ was ever recorded as received."""
        for child in self.tmp.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        for child in (self.root / "merges").glob("*.tmp"):
            shutil.rmtree(child, ignore_errors=True)

    def scratch(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self.tmp))

    # ------------------------------------------------------------------ blobs

    def blob_path(self, sha256: str) -> Path:
        if not _HEX64.match(sha256):
            raise ValueError("not a sha256")
        return self.root / "blobs" / sha256[:2] / sha256

    def put_stream(self, source: BinaryIO, limit: int) -> tuple[str, int]:
        """Copy a stream into the store, hashing as it goes; (sha256, size). Raises TooLarge past
        `limit` bytes. The file is fsynced and renamed into place, so it is whole or absent."""
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, suffix=".part")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(size)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            self._settle(tmp, sha)
            return sha, size
        finally:
            tmp.unlink(missing_ok=True)

    def put_file(self, path: Path) -> tuple[str, int]:
        with open(path, "rb") as handle:
            return self.put_stream(handle, limit=1 << 62)

    def _settle(self, tmp: Path, sha: str) -> None:
        target = self.blob_path(sha)
        if target.exists():
            return  # the same content is already kept
        target.parent.mkdir(exist_ok=True)
        try:
            if os.name == "nt":
                os.rename(tmp, target)  # Windows: refuses an existing name, never overwrites
            else:
                os.link(tmp, target)  # POSIX: refuses an existing name (rename would overwrite)
        except FileExistsError:
            return  # another request settled the same content a moment ago
        except OSError:  # a file system without hard links
            if target.exists():
                return
            os.replace(tmp, target)
        os.chmod(target, 0o444)  # read-only: a stored file is never rewritten

    def link_into(self, sha256: str, folder: Path, name: str) -> Path:
        """A working copy of a blob under a safe name: a hard link on POSIX; a copy on Windows,
        where a link would share the blob's read-only attribute and the folder could not be removed."""
        if not SAFE_NAME.match(name):
            raise ValueError(f"unsafe name {name!r}")
        target = folder / name
        source = self.blob_path(sha256)
        if os.name != "nt":
            try:
                os.link(source, target)
                return target
            except OSError:
                pass
        shutil.copyfile(source, target)  # copyfile copies content, not the read-only mode
        return target

    # ------------------------------------------------------------------ merges

    def merge_dir(self, merge_id: int) -> Path:
        return self.root / "merges" / str(int(merge_id))

    def merge_scratch(self, merge_id: int) -> Path:
        path = self.root / "merges" / f"{int(merge_id)}.tmp"
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path

    def merge_output(self, merge_id: int, name: str) -> Path | None:
        """An output file of a finished merge, by a name the merge recorded; None if not there."""
        if not SAFE_NAME.match(name):
            return None
        path = self.merge_dir(merge_id) / name
        return path if path.is_file() else None


class TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def safe_display_name(name: str, limit: int = 120) -> str:
    """The sender's file name for showing only: its last path component, without control
    characters, shortened. It is text in a page, never a path; but the check takes the file's kind
    from its suffix (an .ods is a zip like an .xlsx), so a shortened name keeps its suffix."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if len(name) > limit:
        stem, dot, suffix = name.rpartition(".")
        name = stem[:limit - len(suffix) - 1] + dot + suffix if dot and len(suffix) <= 6 else name[:limit]
    return name or "?"


def ascii_slug(text: str, limit: int = 60) -> str:
    """A file-name-safe ASCII form of a code or name (for names the desk itself chooses)."""
    import unicodedata

    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:limit].strip("-")
