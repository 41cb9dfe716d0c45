"""What one run of the pipeline gives back (`unionxl.run`, `unionxl.rollup`, `unionxl.check_file`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .findings import Report
from .model import Dataset

if TYPE_CHECKING:  # imported for the annotations only: the result module stays below the writers
    import pandas

    from .figures import Figures
    from .previous import YearComparison


@dataclass
class Result:
    """A merged (or rolled-up, or single-file checked) dataset with everything found on the way.

    `dataset` holds the accepted workbooks and the unit's settings; `report` the findings, one
    record per input file (with its input `path`) and the row account; `comparison` last year's
    figures when a previous consolidated workbook was given.
    """

    dataset: Dataset
    report: Report
    comparison: YearComparison | None = None

    @property
    def figures(self) -> Figures:
        """Every figure of the report, computed once (see unionxl.figures)."""
        from .tables import compute_figures

        return compute_figures(self.dataset)

    @property
    def exit_code(self) -> int:
        """0 no errors (warnings allowed), 1 errors found. (2 usage and 3 internal error are the CLI's.)"""
        return self.report.exit_code

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        """The machine-readable result (docs/result.schema.json), messages in `lang`."""
        from .writers.json import to_dict

        return to_dict(self, lang)

    def frames(self) -> dict[str, pandas.DataFrame]:
        """One pandas DataFrame per ledger (members, funds, loans, welfare) with provenance columns."""
        from .frames import ledger_frames

        return ledger_frames(self)
