"""Vietnamese and English texts of the console and the outputs (finding messages live in findings.CATALOGUE)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "checking": ("Kiểm tra {n} tệp trong '{folder}'", "Checking {n} files in '{folder}'"),
    "reading": ("Đang đọc", "Reading"),
    "unit_line": ("Đơn vị: {unit} — năm {year} — {groups}/{expected} tổ đã nộp",
                  "Unit: {unit} — year {year} — {groups}/{expected} groups received"),
    "per_group": ("Theo tổ", "Per group"),
    "sector_line": ("Tổng hợp cấp ngành: {unit} — năm {year} — {groups} bản tổng hợp",
                    "Sector roll-up: {unit} — year {year} — {groups} consolidated workbooks"),
    "per_unit": ("Theo công đoàn cơ sở", "Per grassroots union"),
    "col_unit": ("CĐCS", "Union"),
    "compared": ("So với năm {year} ({file}): năm trước, năm nay, tăng (+) / giảm (−)",
                 "Compared with {year} ({file}): last year, this year, change"),
    "moves": ("Đoàn viên không còn tên: {left}; mới có tên: {joined} (theo CCCD, xem trang 'Biến động đoàn viên')",
              "Members who left: {left}; new: {joined} (by citizen ID, see the 'Membership changes' sheet)"),
    "opening_vs_closing": ("Quỹ tương hỗ: số dư cuối năm trước {closing}, số dư đầu năm nay {opening}",
                           "Mutual-aid fund: last year's closing balance {closing}, this year's opening {opening}"),
    "col_group": ("Tổ", "Group"),
    "col_file": ("Tệp", "File"),
    "col_rows": ("Dòng", "Rows"),
    "col_errors": ("Lỗi", "Errors"),
    "col_warnings": ("Cảnh báo", "Warnings"),
    "details": ("Chi tiết các phát hiện", "Findings in detail"),
    "whole_run": ("Chung (không thuộc tổ nào)", "General (no group)"),
    "account": ("Đối chiếu số dòng: đọc = nhận + loại", "Row account: read = accepted + rejected"),
    "account_line": ("{sheet}: đọc {read} = nhận {accepted} + loại {rejected}",
                     "{sheet}: read {read} = accepted {accepted} + rejected {rejected}"),
    "account_summary": ("(trong đó {n} dòng cộng, không phải bản ghi)", "(of which {n} totals lines, not records)"),
    "result": ("Kết quả: {errors} lỗi, {warnings} cảnh báo, {notes} ghi chú.",
               "Result: {errors} errors, {warnings} warnings, {notes} notes."),
    "ok": ("Không có lỗi: có thể tổng hợp.", "No errors: ready to consolidate."),
    "fix": ("Có lỗi: sửa các ô nêu trên (hoặc gửi bản phản hồi cho tổ) rồi chạy lại.",
            "Errors found: fix the cells above (or send the feedback copies) and run again."),
    "fix_sector": ("Có lỗi: gửi bản phản hồi cho CĐCS liên quan, nhận lại bản tổng hợp đã sửa rồi chạy lại.",
                   "Errors found: send the feedback copies to the unions concerned, get their corrected "
                   "workbooks and run again."),
    "more": ("… và {n} phát hiện nữa (xem đầy đủ bằng --all hoặc --json)",
             "… and {n} more (see all with --all or --json)"),
    "written": ("Đã ghi", "Written"),
    "json_written": ("Đã ghi JSON: {path}", "JSON written: {path}"),
}


def t(key: str, lang: str = "vi", **params) -> str:
    vi, en = TEXTS[key]
    return (vi if lang == "vi" else en).format(**params)
