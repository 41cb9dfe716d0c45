"""The sector union's roll-up (sector.py): why a file is not a consolidated workbook, and the targets
it adds up over its grassroots unions."""

TEXTS: dict[str, tuple[str, str]] = {
    # the detail of rollup-not-consolidated
    "rollup.group_workbook": ("biểu mẫu của một tổ công đoàn", "a union group's workbook"),
    "rollup.unit_workbook": ("biểu mẫu đơn vị", "a unit workbook"),
    "rollup.no_info_sheet": ("không có trang '{sheet}'", "no '{sheet}' sheet"),
    "rollup.no_kind": ("trang '{sheet}' không ghi loại bản tổng hợp",
                       "the '{sheet}' sheet does not name a consolidated workbook"),
    "rollup.kpi_met": ("{met}/{units} CĐCS đạt", "{met}/{units} unions met it"),
    "rollup.kpi_not_met": ("; chưa đạt: {units}", "; not met: {units}"),
}
