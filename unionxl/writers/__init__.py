"""Writers turn a Result into files: consolidated workbook, Word report, JSON, feedback copies."""

from __future__ import annotations

from pathlib import Path

from ..result import Result


def write_outputs(result: Result, out_dir: Path, lang: str = "vi") -> list[Path]:
    """Write every output of a merge into out_dir and return their paths."""
    from .json import write_json
    from .report_docx import report_name, write_report
    from .workbook import consolidated_name, write_consolidated

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    from .feedback import feedback_folder, start_feedback

    year = result.dataset.year
    # Feedback copies are written by worker processes while this one writes the consolidated
    # workbook and the report (both cores busy). A copy that left the fast path or failed adds a
    # finding when they are done: the JSON, written after, and the console list it.
    feedback = start_feedback(result, out_dir / feedback_folder(lang), lang)
    try:
        paths = [
            write_consolidated(result, out_dir / consolidated_name(year), lang),
            write_report(result, out_dir / report_name(year), lang),
        ]
    finally:
        copies = feedback.finish()
    path = out_dir / f"tong-hop-{year or 'nam'}.json"
    write_json(result, path, lang)
    paths.append(path)
    return paths + copies
