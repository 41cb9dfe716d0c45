"""The feedback copies sent back to the groups (writers/feedback.py): their sheet, notes and file names."""

TEXTS: dict[str, tuple[str, str]] = {
    "feedback.suffix": ("-phan-hoi", "-feedback"),
    "feedback.sheet": ("Phản hồi", "Feedback"),
    "feedback.title": ("PHẢN HỒI KIỂM TRA BIỂU MẪU: {file}", "CHECK RESULTS FOR: {file}"),
    "feedback.summary": (
        "{errors} lỗi, {warnings} cảnh báo, {notes} ghi chú. Ô có lỗi tô đỏ, ô cảnh báo tô vàng cam; di chuột "
        "vào ô để đọc ghi chú, bấm vào địa chỉ ô ở cột “Ô” để đến ô đó. Sửa các ô rồi gửi lại tệp.",
        "{errors} errors, {warnings} warnings, {notes} notes. Error cells are red, warning cells amber; hover "
        "over a cell to read its comment, click an address in the “Cell” column to go there. Fix the cells and"
        " send the file back."),
    "feedback.headers": (
        "STT|Mức độ|Mã|Trang|Ô|Giá trị|Nội dung cần sửa",
        "No.|Severity|Code|Sheet|Cell|Value|What to do"),
    "feedback.no_sheet": ("(trang không còn trong tệp)", "(sheet no longer in the file)"),
    "feedback.not_marked": (
        "Tệp gốc dạng {suffix} nên không tô màu được các ô; lưu tệp dạng .xlsx (Excel Workbook) rồi gửi lại.",
        "The original is a {suffix} file, so its cells could not be marked; save it as .xlsx and send it again."),
    "feedback.whole_file": ("(cả tệp)", "(whole file)"),
    "feedback.folder": ("phan-hoi", "feedback"),
}
