"""Pieces every output shares: severities, periods, a group's name, how numbers and dates are written."""

TEXTS: dict[str, tuple[str, str]] = {
    # The web desk names these keys too (its templates): they keep their short names.
    "account": ("Đối chiếu số dòng: đọc = nhận + loại", "Row account: read = accepted + rejected"),
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "severity.note": ("Ghi chú", "Note"),
    "group_named": ("Tổ {name}", "Group {name}"),
    "quarter": ("quý {roman}", "Q{number}"),
    "month": ("tháng {number}", "month {number}"),
    # How numbers and dates are written (i18n.number, vnd, date)
    "format.thousands": (".", ","),
    "format.decimal": (",", "."),
    "format.vnd": ("{amount}đ", "{amount} VND"),
    "format.date": ("%d/%m/%Y", "%Y-%m-%d"),
}
