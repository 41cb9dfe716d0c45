"""Writers turn a MergeResult into files: consolidated workbook, Word report, feedback copies."""

from __future__ import annotations

from pathlib import Path

from ..fileio import atomic_path
from ..merge import MergeResult


def write_outputs(result: MergeResult, out_dir: Path, lang: str = "vi") -> list[Path]:
    """Write every output of a merge into out_dir and return their paths."""
    from ..console import iter_json
    from .report_docx import report_name, write_report
    from .workbook import consolidated_name, write_consolidated

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    from .feedback import feedback_folder, write_feedback

    year = result.dataset.year
    # Feedback copies first: a copy that left the fast path or failed adds a finding, which the
    # consolidated workbook's findings sheet and the JSON then list.
    feedback = write_feedback(result, out_dir / feedback_folder(lang), lang)
    paths = [
        write_consolidated(result, out_dir / consolidated_name(year), lang),
        write_report(result, out_dir / report_name(year), lang),
    ]
    path = out_dir / f"tong-hop-{year or 'nam'}.json"
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        handle.writelines(iter_json(result, lang))  # streamed: a large run never holds the whole text
    paths.append(path)
    return paths + feedback
