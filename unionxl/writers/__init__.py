"""Writers turn a MergeResult into files: consolidated workbook, Word report, feedback copies."""

from __future__ import annotations

from pathlib import Path

from ..fileio import atomic_write_text
from ..merge import MergeResult


def write_outputs(result: MergeResult, out_dir: Path, lang: str = "vi") -> list[Path]:
    """Write every output of a merge into out_dir and return their paths."""
    from ..console import dumps, to_json

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"tong-hop-{result.dataset.year or 'nam'}.json"
    atomic_write_text(path, dumps(to_json(result, lang)))
    return [path]
